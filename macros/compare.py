"""`compare(name)`: where published figures disagree, the official one and the alternatives side
by side as fig()s, each with how it is counted and its source: the comparisons named in
data/comparisons.yaml, and `turnout-<election>` for each election data/turnout.csv has others for."""
from markupsafe import escape

from .figures_render import fig as render_fig
from .markdown_text import md_escape, render
from .site import PageState, Site


def comparison(site: Site, name: str, where: str) -> tuple[str, list[tuple[str, str, bool]]]:
    """The comparison's title and its figures as (figure id, how it is counted, whether official)."""
    named = site.data.by_id("comparisons")
    if name in named:
        rec = named[name]
        return rec["title"], [(f["figure"], f["how"], f["official"]) for f in rec["figures"]]
    eid = name.removeprefix("turnout-")
    rows = [r for r in site.data.turnout if r["election"] == eid]
    if name.startswith("turnout-") and len(rows) > 1:
        alts = [(f"turnout.{eid}" + ("" if r["official"] else f".{r['source']}"),
                 "Official figure" if r["official"] else "Another published figure", r["official"])
                for r in sorted(rows, key=lambda r: not r["official"])]
        return f"Turnout, {rows[0]['label']}: published figures", alts
    with_alts = sorted({r["election"] for r in site.data.turnout if not r["official"]})
    known = list(named) + [f"turnout-{e}" for e in with_alts]
    raise ValueError(f"{where}: unknown comparison {name!r}; known: {', '.join(known)}")


def render_compare(site: Site, page: PageState, name: str) -> str:
    title, alts = comparison(site, name, page.where)
    # with no official figure (tolls from several bodies) each is what its source reported
    other = "Alternative" if any(official for _, _, official in alts) else "Reported"
    rows = []
    for figure, how, official in alts:
        f = site.figure(figure, f"{page.where}: compare({name!r})")
        src = "; ".join(f"{site.bib.short_name(s)}, {site.bib.records[s]['issued']}" for s in f.sources)
        rows.append(["**Official**" if official else other, render_fig(site, page, figure), md_escape(how),
                     md_escape(src)])
    caption = f'<p class="table-caption compare-caption" id="compare-{escape(name)}">{md_escape(title)}</p>'
    return render("markdown_table.md", caption=caption, rows=rows, align="---|--:|---|---",
                  columns=["Figure", "Value", "How it is counted", "Source"])
