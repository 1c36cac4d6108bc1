"""Links to entries (person, faction) and the reference pages generated from data: People,
Factions and institutions, Timeline, Glossary, Sources, claims, and what followed the brief."""
import datetime
import posixpath
import re
from html import unescape
from itertools import groupby

from . import statement_boxes
from .citations import SOURCE_GROUPS, note_ref
from .data import is_after
from .errors import DataError, look_alikes
from .markdown_text import md_escape, render
from .markers import REFERENCE_LIST, RESULT_TITLE, backlinks_marker, hidden_for_search
from .numbers import date_of, format_date
from .search_terms import search_variants
from .site import FIRST_WORD, PageState, Site

FACTIONS_PAGE = "factions.md"
# A person's entry is on People, or, for one who came to matter after the brief (`group: after`),
# on People since the brief: one page held them all and grew past its weight limit.
PEOPLE_PAGES = {None: "people.md", "after": "people-after.md"}
CAMPS = {"reformist": "Reformist", "moderate": "Moderate", "conservative": "Conservative",
         "hardliner": "Hardline conservative", "state": "State official", "analyst": "Analyst",
         "foreign": "Foreign figure"}
DATA_FILE = {"person": "data/people.yaml", "faction": "data/factions.yaml"}


def person_page(rec: dict) -> str:
    return PEOPLE_PAGES[rec.get("group")]


def _entry_link(site: Site, page: PageState, kind: str, records: dict, target, rid: str, text: str | None):
    """A link to an entry; `target`: the page holding the entry's record."""
    if rid not in records:
        raise ValueError(f"{page.where}: unknown {kind} id {rid!r}{look_alikes(rid)} "
                         f"(not in {DATA_FILE[kind]}; known: {', '.join(sorted(records))})")
    site.mention(kind, rid, page)
    target = target(records[rid])
    # A page's own text is Markdown; a name from the data is text
    label = text or md_escape(records[rid].get("short") or records[rid]["name"])
    return f"[{label}]({page.link(target, rid)}){{: .entry-link .{kind}-link }}"


def person(site: Site, page: PageState, rid: str, text: str | None = None) -> str:
    return _entry_link(site, page, "person", site.people, person_page, rid, text)


def faction(site: Site, page: PageState, rid: str, text: str | None = None) -> str:
    return _entry_link(site, page, "faction", site.factions, lambda rec: FACTIONS_PAGE, rid, text)


def _everyday(site: Site, kind: str, rid: str) -> list[str]:
    """The everyday words data/synonyms.yaml gives for an entry or event."""
    return [t for s in site.data.synonyms if s["target"] == f"{kind}:{rid}" for t in s["terms"]]


def _index_only(words: list[str]) -> str:
    """Words the search index reads and the page does not show (a hidden span), or nothing."""
    return f' {hidden_for_search(md_escape(" · ".join(words)))}' if words else ""


def _aka(site: Site, kind: str, rec: dict) -> str:
    """Persian name, other spellings and everyday search words, shown on the entry; other
    forms of the same spellings go in a hidden span that only the search index reads."""
    parts = []
    if rec.get("persian"):
        parts.append(f'<span lang="fa" dir="rtl">{md_escape(rec["persian"])}</span>')
    # The short form is what links on other pages show ("Martyrs Foundation"); search matches whole
    # words only, so the entry shows it when its name and aliases do not
    short = rec.get("short")
    named = " ".join([rec.get("name") or rec.get("term") or "", *rec.get("aliases", [])])
    if short and not re.search(rf"(?<!\w){re.escape(short)}(?!\w)", named, re.I):
        parts.append(f"short form <i>{md_escape(short)}</i>")
    if rec.get("aliases"):
        parts.append("also written " + ", ".join(f"<i>{md_escape(a)}</i>" for a in rec["aliases"]))
    if everyday := _everyday(site, kind, rec["id"]):
        parts.append("searched for as " + ", ".join(f"<i>{md_escape(t)}</i>" for t in everyday))
    return "; ".join(parts) + _index_only(search_variants(rec))


def _cites(site: Site, page: PageState, rec: dict, field: str = "sources") -> str:
    return "".join(note_ref(site, page, s) for s in rec[field])


def _entry(site: Site, page: PageState, kind: str, rec: dict, heading: str) -> str:
    """An entry of the People or Factions page as of the brief, then its since-then notes (what became of it)."""
    return render("entry.md", heading=heading, rec=rec, camps=CAMPS, aka=_aka(site, kind, rec),
                  cites=_cites(site, page, rec),
                  since=[since_then(site, page, nid) for nid in rec.get("since", ())],
                  backlinks=backlinks_marker(kind, rec["id"]))


def people_list(site: Site, page: PageState) -> str:
    """The entries this page holds (PEOPLE_PAGES), in alphabetical order of surname."""
    people = sorted((r for r in site.data.people if person_page(r) == page.ref.src),
                    key=lambda r: r["name"].split()[-1])
    if not people:
        raise ValueError(f"{page.where}: no person of data/people.yaml is listed on this page "
                         f"(macros/reference.py, PEOPLE_PAGES: {', '.join(PEOPLE_PAGES.values())})")
    return "\n".join(_entry(site, page, "person", rec, "##") for rec in people)


def factions_list(site: Site, page: PageState) -> str:
    out = []
    for kind, heading in (("faction", "Factions"), ("institution", "Institutions")):
        out.append(f"## {heading}\n")
        records = sorted((r for r in site.data.factions if r["kind"] == kind), key=lambda r: r["name"])
        out += [_entry(site, page, "faction", rec, "###") for rec in records]
    return "\n".join(out)


CHRONOLOGY_PAGE = "since-the-brief.md"


def chronology_page(ev: dict) -> str:
    """The page that tells an event after the brief: one a year, so that no page grows with the whole record."""
    return f"chronology-{ev['date'][:4]}.md"


def _after_brief(site: Site, ev: dict) -> bool:
    acc = site.data.account
    return acc is not None and is_after(ev["date"], acc["brief_date"])


def event_when(ev: dict) -> str:
    """An event's date; where sources give two days, both ("17 or 18 June 2026"): a disputed date is not settled."""
    if "date_or" not in ev:
        return format_date(ev["date"])
    first, second = format_date(ev["date"]), format_date(ev["date_or"])
    day, _, month_year = first.partition(" ")
    if month_year and month_year == second.partition(" ")[2]:
        return f"{day} or {second}"
    return f"{first} or {second}"


def _event_line(site: Site, page: PageState, ev: dict, strand_label: str | None = None) -> str:
    more = ""  # the link names its page: "Read more" tells a screen-reader list nothing
    if ev.get("page") and ev["page"] != page.ref.src:
        title = site.page_title(ev["page"], ("data/events.yaml", f"record {ev['id']!r}"))
        more = f" See [{md_escape(title)}]({page.link(ev['page'])})."
    # everyday words ("inauguration" for the oath) for search only: a line has no room for them
    return render("event_line.html", ev=ev, when=event_when(ev), strand=strand_label, cites=_cites(site, page, ev),
                  more=more, hidden=_index_only(_everyday(site, "event", ev["id"])), result_title=RESULT_TITLE)


def _by_year(site: Site, page: PageState, events, strands: dict | None = None, period=lambda d: d[:4]) -> str:
    out = []
    for heading, group in groupby(sorted(events, key=lambda e: e["date"]), key=lambda e: period(e["date"])):
        out.append(f"## {heading}\n")
        out += [_event_line(site, page, ev, strands.get(ev.get("strand")) if strands else None) for ev in group]
    return "\n".join(out)


def timeline(site: Site, page: PageState) -> str:
    """The events up to the brief; what followed is on the chronology page."""
    return _by_year(site, page, [e for e in site.data.events if not _after_brief(site, e)])


def _account(site: Site, page: PageState) -> dict:
    if site.data.account is None:
        raise ValueError(f"{page.where}: what followed the brief needs data/account.yaml")
    return site.data.account


def strand_labels(site: Site) -> dict[str, str]:
    return {s["id"]: s["label"] for s in (site.data.account or {}).get("strands", [])}


def since_events(site: Site, page: PageState, on: str | None = None) -> list[dict]:
    """Events after the brief, oldest first; those told on one page, if asked."""
    _account(site, page)
    return sorted((e for e in site.data.events if _after_brief(site, e) and (on is None or e.get("page") == on)),
                  key=lambda e: e["date"])


def chronology(site: Site, page: PageState, year: int) -> str:
    """What followed the brief in one year, month by month, each event tagged with its strand."""
    events = [e for e in since_events(site, page) if e["date"][:4] == str(year)]
    if not events:
        raise ValueError(f"{page.where}: no event after the brief in {year} (data/events.yaml)")
    return _by_year(site, page, events, strand_labels(site), period=lambda d: format_date(d[:7]))


def chronology_years(site: Site, page: PageState) -> str:
    """The chronology's pages, one a year, with the number of events each tells."""
    items = []
    for year, group in groupby(since_events(site, page), key=lambda e: e["date"][:4]):
        group = list(group)
        src = chronology_page(group[0])
        needs = f"the events of {year} (each year after the brief needs docs/{src})"
        title = site.page_title(src, ("data/events.yaml", needs))
        items.append(f"- [{md_escape(title)}]({page.link(src)}): {len(group)} events, "
                     f"{event_when(group[0])} to {event_when(group[-1])}")
    return "\n".join(items) + "\n"


def _dates_list(site: Site, page: PageState, events: list[dict], cited: bool, none: str) -> str:
    """Events linking to their lines in the chronology; `cited`: each with its notes (where the
    list is the only place a page tells them); `none`: what stops the build when there is none."""
    if not events:
        raise ValueError(f"{page.where}: {none}")
    items = [(e, page.link(chronology_page(e), e["id"]), f".{_cites(site, page, e)}" if cited else "")
             for e in events]
    return render("dates_list.md", items=items, when=event_when)


def dates_on_page(site: Site, page: PageState) -> str:
    """The dated events a 'since the brief' page tells, as a short list."""
    # events name the page that tells them by its file name (data/events.yaml, `page`)
    return _dates_list(site, page, since_events(site, page, on=posixpath.basename(page.ref.src)), cited=False,
                       none="no event after the brief is told on this page (data/events.yaml, field 'page')")


def event_notes(site: Site, page: PageState, *ids: str) -> str:
    """The notes of one or more events: a sentence that tells an event cites what the event cites."""
    return "".join(dict.fromkeys(_cites(site, page, site.event(eid, page.where)) for eid in ids))


def event_date(site: Site, page: PageState, eid: str) -> str:
    """An event's date as the site writes it, from data (the date moves with the record)."""
    ev = site.event(eid, page.where)
    return f'<time datetime="{ev["date"]}">{event_when(ev)}</time>'


def account_note(site: Site, page: PageState) -> str:
    """Where the account stops, said once and rendered on the home page and the chronology."""
    acc = _account(site, page)
    last = site.events[acc["last_event"]]
    return render("account_note.md", acc=acc, last=last, link=page.link(chronology_page(last), last["id"]),
                  when=event_when(last), cites=_cites(site, page, last))


def account_banner(site: Site, page: PageState, kind: str) -> str:
    """The note under a page's title saying whose account it tells, the brief's, what followed, or
    both (a reference page: entries as of the brief unless dated), and as of when; left out of
    search, where a dozen copies would crowd every result list."""
    acc = _account(site, page)
    if kind not in ("brief", "since", "reference"):
        raise ValueError(f"{page.where}: front matter 'account' must be 'brief', 'since' or 'reference', not {kind!r}")
    return render("account_banner.md", acc=acc, kind=kind, chronology=page.link(CHRONOLOGY_PAGE))


def with_account_banner(site: Site, page: PageState, markdown: str, kind: str) -> str:
    """The page's Markdown with its account banner right under its '# ' title."""
    title = re.search(r"^# .*", markdown, re.M)
    if title is None:
        raise ValueError(f"{page.where}: a page with 'account' in its front matter needs a '# ' title line "
                         "for the note under it")
    return f"{markdown[:title.end()]}\n\n{account_banner(site, page, kind)}{markdown[title.end():]}"


def since_then(site: Site, page: PageState, nid: str) -> str:
    """A note where a statement has been overtaken by events: what happened, when, its sources."""
    if nid not in site.since_notes:
        raise ValueError(f"{page.where}: unknown since-then note {nid!r} (not in data/since.yaml)")
    note = site.since_notes[nid]
    ev = site.events[note["event"]]
    notes = [_cites(site, page, ev)] + [note_ref(site, page, s) for s in note.get("sources", ())]
    body = md_escape(note["text"]) + "".join(dict.fromkeys(notes))
    return (f'!!! since "Since then: {event_when(ev)}"\n'
            f'    {body} [In the chronology]({page.link(chronology_page(ev), ev["id"])}).\n')


def key_dates(site: Site, page: PageState) -> str:
    """The most important dates since the brief (events marked `key`), for the home page."""
    return _dates_list(site, page, [e for e in since_events(site, page) if e.get("key")], cited=True,
                       none="no event after the brief is marked key: true in data/events.yaml")


# --- The timeline strip: the chronology's events drawn on one time axis, a lane per strand ------
STRIP_W, LANE_H, LEFT, TOP, AXIS_H = 720, 26, 150, 8, 30


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def timeline_strip(site: Site, page: PageState) -> str:
    """An SVG drawn at build time (no script): months along the axis, one lane per strand, a dot
    per event. Its text alternative is the caption's summary and, in full, the list under it."""
    acc = _account(site, page)
    events = since_events(site, page)
    start, end = date_of(acc["brief_date"]).replace(day=1), _next_month(date_of(acc["runs_to"]))
    span, width = end.toordinal() - start.toordinal(), STRIP_W - LEFT - 10

    def x(date: str) -> float:
        # a month or a year alone is placed at its middle
        day = date_of(date).toordinal() + (14 if len(date) == 7 else 182 if len(date) == 4 else 0)
        return LEFT + (day - start.toordinal()) * width / span

    lanes = [(sid, label, TOP + n * LANE_H + LANE_H / 2, [e for e in events if e["strand"] == sid])
             for n, (sid, label) in enumerate(strand_labels(site).items())]
    months = [start]
    while _next_month(months[-1]) <= end:
        months.append(_next_month(months[-1]))
    html = render("timeline_strip.html", acc=acc, lanes=lanes, months=months, width=STRIP_W, left=LEFT,
                  height=TOP + LANE_H * len(lanes) + AXIS_H, axis_y=TOP + LANE_H * len(lanes) + 4,
                  desc="; ".join(f"{label}: {len(lane)} events" for _, label, _, lane in lanes),
                  x=x, when=event_when)
    return "".join(html.splitlines()) + "\n"


def glossary_list(site: Site, page: PageState) -> str:
    page.glossary_listed = True
    return "\n".join(render("glossary_entry.md", rec=rec, aka=_aka(site, "glossary", rec),
                            cites=_cites(site, page, rec))
                     for rec in sorted(site.data.glossary, key=lambda r: r["term"].lower()))


def abbreviations(site: Site, markdown: str | None = None) -> str:
    """Python-Markdown abbreviation definitions: each glossary term shows its definition on hover.
    Given the page's Markdown, only the terms in it: the abbr extension's cost grows with them."""
    lines = site.abbreviation_lines
    found = lines.keys() if markdown is None else _terms_in(site, markdown)
    return "\n".join(line for term, line in lines.items() if term in found)


def _terms_in(site: Site, markdown: str) -> set[str]:
    """Glossary terms that occur in the text (as `term in markdown` would say), looked up through
    their first word, so that terms sharing one are checked only where it occurs."""
    index = site.glossary_by_first_word
    found = set()
    for word in set(FIRST_WORD.findall(markdown)) & index.keys():
        terms = index[word]
        if len(terms) == 1:   # one `in` is cheaper than finding every place the word starts
            found.update(t for t in terms if t in markdown)
            continue
        # the text at every place the word starts ("aa" starts twice in "aaa"), cut to each length of a term
        # sharing it; str.find, as a lookahead regex is far slower (bench/results.md)
        starts, at = [], markdown.find(word)
        while at != -1:
            starts.append(at)
            at = markdown.find(word, at + 1)
        lengths = {len(t) for t in terms}
        found.update({markdown[at:at + n] for at in starts for n in lengths}.intersection(terms))
    return found


def _plain(html, tag_as: str = " ") -> str:
    return unescape(re.sub(r"<[^>]+>", tag_as, str(html)))


def _reading_order(reference) -> str:
    """A reference's place in an alphabetical list: its text as read, without a leading bracket
    ("[Report of …]", a title we could not read again)."""
    return _plain(reference, "").lstrip("[“\"'(").casefold()


def sources_list(site: Site, page: PageState) -> str:
    """The references listed on this page (citations.SOURCE_GROUPS), group by group."""
    groups = []
    for group, (heading, listed_on) in SOURCE_GROUPS.items():
        if listed_on != page.ref.src:
            continue
        recs = sorted((r for r in site.data.sources if r["group"] == group),
                      key=lambda r: (r.get("brief_footnote", 0), _reading_order(site.bib.formatted[r["id"]])))
        # lunr drops "us" as a stop word: a headline naming the country "US" is kept as
        # published, and its result carries the words a reader's "US" is asked as
        items = [(r, ref, _index_only(["United States"]) if US_ABBREVIATION.search(_plain(ref)) else "")
                 for r, ref in ((r, site.bib.reference(r["id"], page.where)) for r in recs)]
        if items:
            groups.append(render("sources_group.html", heading=heading, items=items, result_title=RESULT_TITLE,
                                 backlinks=backlinks_marker, reference_list=REFERENCE_LIST))
    if not groups:
        raise ValueError(f"{page.where}: no source of data/sources.yaml is listed on this page "
                         "(macros/citations.py, SOURCE_GROUPS)")
    return "\n".join(groups)


US_ABBREVIATION = re.compile(r"(?<![\w.])U\.?S\.?(?![\w.])")
# The claims list names a claim's box by its kind's title, short for the analysis
KIND_LABELS = {kind: title for kind, (title, _) in statement_boxes.KINDS.items()} | {"analysis": "The brief's analysis"}


def claims_list(site: Site, page: PageState) -> str:
    """The brief claim by claim, in the brief's order under its own sections, each with its kind,
    the page that tells it and any correction of ours. Numbered lists, not a table: one of 80-odd rows
    blocked the page and read poorly on a phone (bench/history.md)."""
    sections: dict[str, list[dict]] = {}
    last = None
    for c in site.data.claims:
        if c["section"] != last and c["section"] in sections:
            raise DataError("data/claims.yaml", f"record {c['id']!r}",
                            f"section {c['section']!r} comes again after {last!r}: the claims keep the brief's order")
        last = c["section"]
        title = site.page_title(c["page"], ("data/claims.yaml", f"record {c['id']!r}"))
        fix = _cites(site, page, c["correction"]) if "correction" in c else ""
        sections.setdefault(c["section"], []).append((c, title, fix))
    return render("claims_list.md", sections=sections, labels=KIND_LABELS, link=page.link)


BRIEF_KIND_LABELS = {"expectation": "The brief expected", "promise": "A promise the brief reported",
                     "analysis": "The brief's analysis"}
STATUS_LABELS = {"borne-out": "Borne out", "partly": "Partly borne out", "not-borne-out": "Not borne out",
                 "overtaken": "Overtaken by events"}


def expectations_list(site: Site, page: PageState) -> str:
    """Each expectation of the brief: what the brief expected (marked as the brief's), our status
    and why (marked as ours), and the dated, sourced evidence, oldest first."""
    items = [(rec, _cites(site, page, rec, "brief_sources"),
              [(ev, _cites(site, page, ev)) for ev in sorted(rec["evidence"], key=lambda e: e["date"])])
             for rec in site.data.expectations]
    return render("expectations.md", items=items, brief_labels=BRIEF_KIND_LABELS, statuses=STATUS_LABELS)
