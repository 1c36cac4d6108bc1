"""The brief's numbers against the official figures: verdicts computed, never typed."""
from dataclasses import dataclass
from decimal import Decimal

from .citations import note_ref
from .errors import DataError
from .figures_render import fig as render_fig
from .markdown_text import md_escape, render
from .numbers import places_of, round_half_up
from .site import PageState, Site

VERDICTS = {"holds": "Holds", "rounded": "Holds, rounded", "cut-off": "Holds, cut off", "imprecise": "Imprecise",
            "wrong": "Wrong"}


@dataclass
class Check:
    id: str
    printed: str
    context: str
    official_text: str
    verdict: str
    figure_id: str | None   # None: no authority printed this figure; it is computed from the counts
    computed_id: str | None = None
    differs: str | None = None


def verdict(printed_value, official: Decimal, official_places: int, bound: str | None = None,
            unit: str | None = None) -> str:
    """'holds': the brief's number equals the official one as precisely as that is given;
    'rounded' or 'cut-off' (as Iran publishes shares): equal at the brief's precision; else
    'imprecise', or 'wrong' for a count of things. A bound ('over 61 million') holds when the
    official figure lies on the stated side and rounds to it."""
    printed = Decimal(str(printed_value))
    p = places_of(printed_value)
    near = round_half_up(official, p) == printed
    if bound == "lower":
        return "holds" if official >= printed else "imprecise"
    if bound == "upper":
        return "holds" if official <= printed and near else "imprecise"
    if round_half_up(official, official_places) == printed:
        return "holds"
    if unit == "count":
        return "wrong"
    if near:
        return "rounded"
    cut_off = official.quantize(Decimal(1).scaleb(-p), rounding="ROUND_DOWN")  # its decimals beyond p dropped
    return "cut-off" if unit == "pct" and cut_off == printed else "imprecise"


def run_checks(site: Site) -> list[Check]:
    out = []
    for n in site.data.brief_numbers:
        fig = site.figures.get(n["figure"])
        if fig is None:
            raise ValueError(f"data/brief_numbers.yaml: record {n['id']!r}: unknown figure {n['figure']!r}")
        if n["unit"] == "million" and fig.unit != "count":
            raise DataError("data/brief_numbers.yaml", f"record {n['id']!r}, field 'unit'",
                            f"'million' is for a count; figure {fig.id!r} is a {fig.unit!r}")
        if n["unit"] == "million":
            official, oplaces, text = Decimal(fig.value) / Decimal(1_000_000), 6, fig.text("million", 2)
        else:
            oplaces = fig.places if fig.places is not None else (2 if fig.unit == "pct" else 0)
            official, text = Decimal(fig.value), fig.text()
        computed = n.get("computed")
        if computed is not None:
            cfig = site.figures.get(computed)
            if cfig is None:
                raise DataError("data/brief_numbers.yaml", f"record {n['id']!r}, field 'computed'",
                                f"unknown figure {computed!r}")
            # one rule on every page: the official figure first, ours beside it, and why they differ
            if cfig.text() != fig.text() and not n.get("differs"):
                raise DataError("data/brief_numbers.yaml", f"record {n['id']!r}", f"the official {fig.text()} and "
                                f"the computed {cfig.text()} differ: say why in 'differs'")
        figure_id = fig.id
        if fig.formula is not None and computed is None:
            # a sum, a lead or a share no authority printed: ours, from the official counts
            figure_id, computed = None, fig.id
        out.append(Check(n["id"], n["printed"], n["context"], text,
                         verdict(n["value"], official, oplaces, n.get("bound"), n["unit"]), figure_id, computed,
                         n.get("differs")))
    return out


def brief_says(site: Site, page: PageState, nid: str) -> str:
    recs = site.data.by_id("brief_numbers")
    if nid not in recs:
        raise ValueError(f"{page.where}: unknown brief number {nid!r} (data/brief_numbers.yaml: {', '.join(recs)})")
    return f'<q class="brief-number">{md_escape(recs[nid]["printed"])}</q>{note_ref(site, page, "saraswat2024")}'


def numbers_checked_table(site: Site, page: PageState) -> str:
    """The brief's numbers checked; each verdict's id is its ClaimReview's address (macros/page_meta.py)."""
    page.tables += 1
    rows = []
    for c in run_checks(site):
        style = "million" if "million" in c.official_text else None
        computed = render_fig(site, page, c.computed_id, style) if c.computed_id else "—"
        if c.differs:
            computed += f'<br><span class="differs">{md_escape(c.differs)}</span>'
        official = render_fig(site, page, c.figure_id, style) if c.figure_id else "not published"
        rows.append([md_escape(c.context), md_escape(c.printed), official, computed,
                     f'<span class="verdict verdict-{c.verdict}" id="check-{c.id}">{VERDICTS[c.verdict]}</span>'])
    caption = (f'<p class="table-caption" id="table-numbers-checked"><span class="caption-number">Table {page.tables}.'
               "</span> The brief's numbers against the official figures</p>")
    return render("markdown_table.md", caption=caption, rows=rows, align="---|---|--:|--:|---",
                  columns=["What", "The brief says", "Official figure", "Computed from the counts", "Verdict"])
