"""Every number the site prints, computed from data/: a Figure is one value with its unit (which
decides how it is written), its sources and, when derived, the arithmetic shown to readers."""
from dataclasses import dataclass
from decimal import Decimal

from .data import SiteData
from .errors import DataError
from .numbers import format_count, format_date, format_million, format_pct, format_pp, places_of


@dataclass(frozen=True)
class Figure:
    id: str
    value: Decimal | int | str   # str: a date, for unit "date"
    unit: str
    label: str
    sources: tuple[str, ...]
    formula: str | None = None  # e.g. "24,535,185 − 1,056,159"; None for a figure read as printed
    note: str | None = None
    places: int | None = None  # decimals for pct figures printed as announced (49.8 stays 49.8)

    def text(self, style: str | None = None, places: int | None = None) -> str:
        if places is not None and (not isinstance(places, int) or isinstance(places, bool) or not 0 <= places <= 6):
            raise ValueError(f"places {places!r} is not a whole number from 0 to 6")
        if style == "million" and self.unit != "count":
            raise ValueError(f"style 'million' is for counts; this figure's unit is {self.unit!r}")
        if style == "million":
            return format_million(self.value, 2 if places is None else places)
        if style not in (None, "plain"):
            raise ValueError(f"unknown style {style!r} (use 'million' or nothing)")
        if self.unit == "count":
            return format_count(self.value)
        if self.unit == "date":
            return format_date(self.value)
        p = places if places is not None else (self.places if self.places is not None else 2)
        return format_pct(self.value, p) if self.unit == "pct" else format_pp(self.value, p)


COUNTS = (("eligible", "eligible voters"), ("cast", "votes cast"), ("invalid", "blank and invalid votes"),
          ("ballots_used", "ballots used"))


def build_figures(data: SiteData) -> dict[str, Figure]:
    figs: dict[str, Figure] = {}

    def add(fid: str, value, unit: str, label: str, sources, formula: str | None = None, **extra):
        if fid in figs:
            raise DataError("data/", f"figure {fid!r}", "defined twice")
        figs[fid] = Figure(fid, value, unit, label, tuple(dict.fromkeys(sources)), formula, **extra)

    def share(fid: str, part: int, whole: int, label: str, sources):
        add(fid, Decimal(part) * 100 / Decimal(whole), "pct", label, sources,
            f"{format_count(part)} ÷ {format_count(whole)} × 100")

    names = {p["id"]: p["name"] for p in data.people}
    for e in data.elections:
        eid, label, cast = e["id"], e["label"], e["cast"]
        for key, what in COUNTS:
            if key in e:
                add(f"{eid}.{key}", e[key]["value"], "count", f"{label}: {what}", [e[key]["source"]],
                    note=e[key].get("note"))
        valid = None
        if "invalid" in e:
            valid = cast["value"] - e["invalid"]["value"]
            add(f"{eid}.valid", valid, "count", f"{label}: valid votes", [cast["source"], e["invalid"]["source"]],
                f"{format_count(cast['value'])} − {format_count(e['invalid']['value'])}")
        if "eligible" in e:
            share(f"{eid}.turnout", cast["value"], e["eligible"]["value"],
                  f"{label}: turnout (votes cast ÷ eligible voters)", [cast["source"], e["eligible"]["source"]])
        rows = sorted((r for r in data.results if r["election"] == eid), key=lambda r: -r["votes"])
        for r in rows:
            cid, name = r["candidate"], names.get(r["candidate"], r["candidate"])
            add(f"{eid}.{cid}.votes", r["votes"], "count", f"{label}: votes for {name}", [r["source"]])
            share(f"{eid}.{cid}.share_cast", r["votes"], cast["value"], f"{label}: {name}'s share of votes cast",
                  [r["source"], cast["source"]])
            if "reported_share_cast" in r:
                # the share as Iran published it: cut off at two decimals, not rounded
                add(f"{eid}.{cid}.share_published", Decimal(str(r["reported_share_cast"])), "pct",
                    f"{label}: {name}'s share of votes cast, as published", [r["source"]], places=2)
            if valid is not None:
                share(f"{eid}.{cid}.share_valid", r["votes"], valid, f"{label}: {name}'s share of valid votes",
                      [r["source"], cast["source"], e["invalid"]["source"]])
        if len(rows) >= 2 and e["candidates_complete"]:
            a, b = rows[0], rows[1]
            add(f"{eid}.margin", a["votes"] - b["votes"], "count",
                f"{label}: lead of {names.get(a['candidate'], a['candidate'])} over "
                f"{names.get(b['candidate'], b['candidate'])}",
                [a["source"], b["source"]], f"{format_count(a['votes'])} − {format_count(b['votes'])}")
    for row in data.turnout:
        other = "" if row["official"] else f".{row['source']}"
        add(f"turnout.{row['election']}{other}", Decimal(str(row["turnout_pct"])), "pct",
            f"{row['label']}: turnout{' (other published figure)' if other else ''}", [row["source"]],
            note=row.get("note"), places=places_of(row["turnout_pct"]))
    for r in data.reported:
        given = f"Given {'on' if len(r['as_of']) == 10 else 'in'} {format_date(r['as_of'])}: {r['who']}."
        add(f"reported.{r['id']}", r["value"], "date" if isinstance(r["value"], str) else "count", r["label"],
            r["sources"], note=given + (f" {r['note']}" if r.get("note") else ""))
    for d in data.derived:
        add(d["id"], *_derive(d, figs))
    return figs


def _derive(d: dict, figs: dict[str, Figure]) -> tuple:
    """A sum or difference of figures, "a + b - c" in data/derived.yaml: (value, unit, label,
    sources, the arithmetic shown)."""
    tokens = d["formula"].split(" ")
    unknown = [name for name in tokens[0::2] if name not in figs]
    if unknown:
        raise DataError("data/derived.yaml", f"record {d['id']!r}", f"formula names unknown figure {unknown[0]!r}")
    terms = [(sign, figs[name]) for sign, name in zip(["+", *tokens[1::2]], tokens[0::2])]
    units = {f.unit for _, f in terms}
    if len(units) != 1 or "date" in units:
        raise DataError("data/derived.yaml", f"record {d['id']!r}", f"formula mixes units {sorted(units)}")
    total = sum(f.value if sign == "+" else -f.value for sign, f in terms)
    shown = "".join(("" if n == 0 else " + " if sign == "+" else " − ") + f.text()
                    for n, (sign, f) in enumerate(terms))
    return total, units.pop(), d["label"], [s for _, f in terms for s in f.sources], shown
