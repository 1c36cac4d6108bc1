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


def _pct(part, whole) -> Decimal:
    return Decimal(part) * 100 / Decimal(whole)


def build_figures(data: SiteData) -> dict[str, Figure]:
    figs: dict[str, Figure] = {}

    def add(fig: Figure):
        object.__setattr__(fig, "sources", tuple(dict.fromkeys(fig.sources)))
        if fig.id in figs:
            raise DataError("data/", f"figure {fig.id!r}", "defined twice")
        figs[fig.id] = fig

    names = {p["id"]: p["name"] for p in data.people}
    for e in data.elections:
        eid, label = e["id"], e["label"]
        for key, what in (("eligible", "eligible voters"), ("cast", "votes cast"),
                          ("invalid", "blank and invalid votes"), ("ballots_used", "ballots used")):
            if key in e:
                add(Figure(f"{eid}.{key}", e[key]["value"], "count", f"{label}: {what}",
                           (e[key]["source"],), note=e[key].get("note")))
        cast = e["cast"]
        valid = None
        if "invalid" in e:
            valid = cast["value"] - e["invalid"]["value"]
            add(Figure(f"{eid}.valid", valid, "count", f"{label}: valid votes",
                       (cast["source"], e["invalid"]["source"]),
                       f"{format_count(cast['value'])} − {format_count(e['invalid']['value'])}"))
        if "eligible" in e:
            add(Figure(f"{eid}.turnout", _pct(cast["value"], e["eligible"]["value"]), "pct",
                       f"{label}: turnout (votes cast ÷ eligible voters)",
                       (cast["source"], e["eligible"]["source"]),
                       f"{format_count(cast['value'])} ÷ {format_count(e['eligible']['value'])} × 100"))
        rows = sorted((r for r in data.results if r["election"] == eid), key=lambda r: -r["votes"])
        for r in rows:
            cid, name = r["candidate"], names.get(r["candidate"], r["candidate"])
            add(Figure(f"{eid}.{cid}.votes", r["votes"], "count", f"{label}: votes for {name}", (r["source"],)))
            add(Figure(f"{eid}.{cid}.share_cast", _pct(r["votes"], cast["value"]), "pct",
                       f"{label}: {name}'s share of votes cast", (r["source"], cast["source"]),
                       f"{format_count(r['votes'])} ÷ {format_count(cast['value'])} × 100"))
            if "reported_share_cast" in r:
                # the share as Iran published it: cut off at two decimals, not rounded
                add(Figure(f"{eid}.{cid}.share_published", Decimal(str(r["reported_share_cast"])), "pct",
                           f"{label}: {name}'s share of votes cast, as published", (r["source"],), places=2))
            if valid is not None:
                add(Figure(f"{eid}.{cid}.share_valid", _pct(r["votes"], valid), "pct",
                           f"{label}: {name}'s share of valid votes",
                           (r["source"], cast["source"], e["invalid"]["source"]),
                           f"{format_count(r['votes'])} ÷ {format_count(valid)} × 100"))
        if len(rows) >= 2 and e["candidates_complete"]:
            a, b = rows[0], rows[1]
            add(Figure(f"{eid}.margin", a["votes"] - b["votes"], "count",
                       f"{label}: lead of {names.get(a['candidate'], a['candidate'])} over {names.get(b['candidate'], b['candidate'])}",
                       tuple(dict.fromkeys((a["source"], b["source"]))),
                       f"{format_count(a['votes'])} − {format_count(b['votes'])}"))
    for row in data.turnout:
        fid = f"turnout.{row['election']}" + ("" if row["official"] else f".{row['source']}")
        add(Figure(fid, Decimal(str(row["turnout_pct"])), "pct",
                   f"{row['label']}: turnout{'' if row['official'] else ' (other published figure)'}",
                   (row["source"],), note=row.get("note"), places=places_of(row["turnout_pct"])))
    for r in data.reported:
        unit = "date" if isinstance(r["value"], str) else "count"
        add(Figure(f"reported.{r['id']}", r["value"], unit, r["label"], tuple(r["sources"]),
                   note=f"Given {'on' if len(r['as_of']) == 10 else 'in'} {format_date(r['as_of'])}: {r['who']}." + (f" {r['note']}" if r.get("note") else "")))
    for d in data.derived:
        add(_derive(d, figs))
    return figs


def _derive(d: dict, figs: dict[str, Figure]) -> Figure:
    tokens = d["formula"].split(" ")
    total, sources, shown, units = None, [], [], set()
    sign = "+"
    for i, tok in enumerate(tokens):
        if i % 2:
            sign = tok
            continue
        if tok not in figs:
            raise DataError("data/derived.yaml", f"record {d['id']!r}", f"formula names unknown figure {tok!r}")
        f = figs[tok]
        units.add(f.unit)
        total = f.value if total is None else (total + f.value if sign == "+" else total - f.value)
        sources.extend(f.sources)
        shown.append(("" if i == 0 else (" + " if sign == "+" else " − ")) + f.text())
    if len(units) != 1 or "date" in units:
        raise DataError("data/derived.yaml", f"record {d['id']!r}", f"formula mixes units {sorted(units)}")
    return Figure(d["id"], total, units.pop(), d["label"], tuple(dict.fromkeys(sources)), "".join(shown))
