"""How numbers are written on the site: the English way, rounded half up, never `nan`."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"


def round_half_up(value, places: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_count(value: int) -> str:
    return f"{int(value):,}"


def format_pct(value, places: int = 2) -> str:
    return f"{round_half_up(value, places)}{NBSP}%"


def format_pp(value, places: int = 2) -> str:
    return f"{round_half_up(value, places)} points"


def format_million(value, places: int = 2) -> str:
    return f"{round_half_up(Decimal(value) / Decimal(1_000_000), places)} million"


def places_of(value) -> int:
    """Decimal places a number was written with: 49.8 → 1, 41 → 0."""
    exp = Decimal(str(value)).normalize().as_tuple().exponent
    return max(0, -exp)
