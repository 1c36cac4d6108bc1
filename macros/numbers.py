"""How numbers are written on the site: the English way, rounded half up, never `nan`."""
import datetime
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


def date_of(text: str):
    """A data date ("YYYY", "YYYY-MM" or "YYYY-MM-DD") as a datetime.date, at the first day of
    what it names; ValueError when it is no real date ("2024-02-30")."""
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return datetime.date(*parts[:3])


def format_date(text: str) -> str:
    """A date as the site writes it: '2 October 2025', 'October 2025' or '2025', as precisely as
    the sources give it."""
    precision = text.count("-")
    return date_of(text).strftime(("%Y", "%B %Y", "%-d %B %Y")[precision]) if precision else text
