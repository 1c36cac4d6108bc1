"""Tables built from data: a caption with its number, units in the headers, escaped cells, and a
source line in Markdown after the table, so that its notes are numbered with the page's."""
from dataclasses import dataclass, field

from .citations import source_line
from .markdown_text import render
from .numbers import format_pct
from .reference import person_page
from .site import PageState, Site


@dataclass
class Table:
    id: str
    caption: str
    columns: list[tuple[str, str]]  # (header, "num" or "text")
    rows: list[list[str]]
    sources: list[str]
    notes: list[str] = field(default_factory=list)
    row_links: dict[int, str] = field(default_factory=dict)  # row index -> person id
    totals_from: int | None = None  # rows from here on are totals: kept in <tfoot>, out of sorting


def results_table(site: Site, election_id: str) -> Table:
    e = site.data.by_id("elections")[election_id]
    figs = site.figures
    rows_data = sorted((r for r in site.data.results if r["election"] == election_id), key=lambda r: -r["votes"])
    has_published = any("reported_share_cast" in r for r in rows_data)
    # Each column a figure of the candidate's; the official figure first, ours beside it: the published
    # share (where the count was printed with one), then the shares computed from the counts
    figure_columns = [("Votes", "votes")]
    figure_columns += [("Official share of votes cast", "share_published")] if has_published else []
    figure_columns += [("Share of votes cast" + (", computed" if has_published else ""), "share_cast")]
    figure_columns += [("Share of valid votes", "share_valid")] if f"{election_id}.valid" in figs else []
    cols = [("Candidate", "text")] + [(header, "num") for header, _ in figure_columns]
    rows, sources, links = [], [], {}
    for r in rows_data:
        cid = r["candidate"]
        if cid in site.people:
            links[len(rows)] = cid
        cells = [figs.get(f"{election_id}.{cid}.{key}") for _, key in figure_columns]
        rows.append([site.people.get(cid, {}).get("name", cid)] + [f.text() if f else "not published" for f in cells])
        sources.append(r["source"])
    totals_from = len(rows)
    totals = [("valid", "Valid votes"), ("invalid", "Blank and invalid votes"), ("cast", "Votes cast"),
              ("ballots_used", "Ballots used"), ("eligible", "Eligible voters")]
    for key, label in totals:
        if f := figs.get(f"{election_id}.{key}"):
            rest = [_turnout_cell(figs, election_id) if key == "cast" and f"{election_id}.turnout" in figs else "—"]
            rows.append([label, f.text()] + rest + ["—"] * (len(cols) - 3))
            sources.extend(f.sources)
    notes = ["Shares are computed from the counts; Iran's official base is all votes cast, blank and invalid included."]
    if has_published:
        notes.append("The published share is the figure printed with the count: Iran cuts its percentages off after "
                     "the second decimal, where we round, so the two can differ in the last digit.")
    if e.get("turnout_differs") and f"turnout.{election_id}" in figs:
        notes.append(f"Turnout: {e['turnout_differs']}")
    if not e["candidates_complete"]:
        notes.append("Only the candidates listed here are recorded in our data for this count.")
    return Table(f"results-{election_id}", f"Results: {e['label']}", cols, rows, list(dict.fromkeys(sources)), notes,
                 row_links=links, totals_from=totals_from)


def _turnout_cell(figs, election_id: str) -> str:
    """The official turnout first and ours beside it, where an official figure is on record."""
    ours = figs[f"{election_id}.turnout"].text()
    official = figs.get(f"turnout.{election_id}")
    if official is None:
        return f"{ours} turnout"
    if official.text() == ours:
        return f"{ours} turnout (official)"
    return f"{official.text()} turnout, official ({ours} from these counts)"


def turnout_table(site: Site) -> Table:
    rows, sources = [], []
    for r in site.official_turnout:  # oldest first, in the chart's order (a reader may sort)
        others = [o for o in site.data.turnout if o["election"] == r["election"] and not o["official"]]
        other_txt = "; ".join(f"{format_pct(o['turnout_pct'])} ({site.bib.short_name(o['source'])})" for o in others)
        rows.append([r["label"], r["kind"], site.figures[f"turnout.{r['election']}"].text(), other_txt or "—"])
        sources.append(r["source"])
        sources.extend(o["source"] for o in others)
    cols = [("Election", "text"), ("Kind", "text"), ("Official turnout", "num"), ("Other published figures", "text")]
    return Table("turnout", "Turnout in presidential and parliamentary elections, 2005–2024", cols, rows,
                 list(dict.fromkeys(sources)), [site.turnout_basis])


TABLES = {"turnout": turnout_table}
DOWNLOADS = "downloads/tables"


def download_path(name: str) -> str:
    """Where the build writes the CSV a table is made from (macros/downloads.py)."""
    return f"{DOWNLOADS}/{name}.csv"


def table_names(site: Site) -> list[str]:
    return sorted(TABLES) + [f"results-{e['id']}" for e in site.data.elections]


def render_table(site: Site, page: PageState, name: str) -> str:
    if name not in table_names(site):
        raise ValueError(f"{page.where}: unknown table {name!r}; known tables: {', '.join(table_names(site))}")
    t = TABLES[name](site) if name in TABLES else results_table(site, name.removeprefix("results-"))
    page.tables += 1
    for row in t.rows:
        if "" in row:
            raise ValueError(f"{page.where}: table {name!r} would show an empty cell in row {row[0]!r}")
    for person_id in t.row_links.values():
        site.mention("person", person_id, page)
    links = {n: page.link(person_page(site.people[person_id]), person_id) for n, person_id in t.row_links.items()}
    return render("table.md", t=t, number=page.tables, links=links,
                  split=len(t.rows) if t.totals_from is None else t.totals_from,
                  source_line=source_line(site, page, t.sources, t.notes), download=page.link(download_path(t.id)))
