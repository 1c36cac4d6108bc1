"""What followed the brief: told apart from the brief's account, dated, sourced, and no further
than the record runs. The built pages are read as a reader meets them."""
from __future__ import annotations

import json
import re

import pytest
import yaml
from bs4 import BeautifulSoup

from sitebuild import DATA, DOCS

CHRONOLOGY = "since-the-brief.md"   # the strip, and a link to each year's page


def year_page(ev) -> str:
    """The chronology's page that tells an event after the brief: one a year."""
    return f"chronology-{ev['date'][:4]}.md"


def load(name):
    return yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))[name]


ACCOUNT = load("account")
BRIEF_DATE, RUNS_TO = ACCOUNT["brief_date"], ACCOUNT["runs_to"]


def front_matter(path):
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1]) or {}


PAGES = {p.name: front_matter(p) for p in sorted(DOCS.glob("*.md"))}
SINCE_PAGES = sorted(n for n, fm in PAGES.items() if fm.get("account") == "since")
BRIEF_PAGES = sorted(n for n, fm in PAGES.items() if fm.get("account") == "brief")
# People, factions, glossary: entries as of the brief unless dated, and entries for what followed
REFERENCE_PAGES = sorted(n for n, fm in PAGES.items() if fm.get("account") == "reference")
# About the site itself, not an account of events: no dated note
ABOUT_THE_SITE = {"about.md", "sources.md", "sources-after.md", "data.md", "whats-new.md"}


def built_page(built, src: str):
    path = built / ("index.html" if src == "index.md" else src.replace(".md", "/index.html"))
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article.md-content__inner")


def after_brief(date: str) -> bool:
    return date > BRIEF_DATE and not BRIEF_DATE.startswith(date)


def event_when(ev: dict) -> str:
    from macros.reference import event_when as when
    return when(ev)


def long_date(date: str) -> str:
    from macros.numbers import format_date
    return format_date(date)


EVENTS = load("events")
AFTER = [e for e in EVENTS if after_brief(e["date"])]


def test_every_page_telling_events_says_whose_account_it_is():
    told = set(PAGES) - ABOUT_THE_SITE
    marked = set(SINCE_PAGES) | set(BRIEF_PAGES) | set(REFERENCE_PAGES)
    assert told == marked, sorted(told - marked)
    assert {"people.md", "factions.md", "glossary.md"} <= set(REFERENCE_PAGES)
    assert len(SINCE_PAGES) >= 7 and CHRONOLOGY in SINCE_PAGES


@pytest.mark.parametrize("src", BRIEF_PAGES)
def test_a_page_retelling_the_brief_is_marked_as_of_its_date_and_links_to_what_followed(built_site, src):
    note = built_page(built_site, src).select_one("div.admonition.dated")
    assert note is not None, f"{src}: no dated note"
    text = note.get_text(" ", strip=True)
    assert "As of July 2024" in text and long_date(BRIEF_DATE) in text and long_date(RUNS_TO) in text, text
    assert note.find("a", href=re.compile(r"since-the-brief/?$")), f"{src}: the note does not link to the chronology"
    # the note comes first, right under the title
    assert note.find_previous_sibling("h1") is not None


@pytest.mark.parametrize("src", REFERENCE_PAGES)
def test_a_reference_page_says_its_entries_are_as_of_the_brief_unless_dated(built_site, src):
    """A reference page holds entries of 2024 and of what followed: its note must not say the page
    tells only the situation of July 2024, and must say where the record stops."""
    note = built_page(built_site, src).select_one("div.admonition.dated")
    assert note is not None, f"{src}: no dated note"
    text = note.get_text(" ", strip=True)
    assert "unless dated" in text and long_date(BRIEF_DATE) in text and long_date(RUNS_TO) in text, text
    assert "retells the brief" not in text and "the record stops there" in text, text
    assert note.find("a", href=re.compile(r"since-the-brief/?$")), f"{src}: the note does not link to the chronology"
    assert note.find_previous_sibling("h1") is not None


def test_the_dated_notes_stay_out_of_the_search_index(built_site):
    """Eighteen copies of one sentence would crowd the results of every query they share a word with."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if "retells the brief of" in d["text"] or "the record stops there" in d["text"]]
    assert [d for d in index["docs"] if "Mojtaba Khamenei" in d["text"]]   # the index itself is read


@pytest.mark.parametrize("src", SINCE_PAGES)
def test_a_since_page_says_where_its_record_stops_and_links_back_to_the_brief(built_site, src):
    art = built_page(built_site, src)
    note = art.select_one("div.admonition.dated")
    assert note is not None and long_date(RUNS_TO) in note.get_text(" "), src
    back = {a["href"].strip("./").split("/")[0].split("#")[0] for a in art.select("a[href]")}
    brief_pages = {b.removesuffix(".md") for b in BRIEF_PAGES}
    assert back & brief_pages, f"{src} links to no page of the brief's account"


@pytest.mark.parametrize("src", SINCE_PAGES)
def test_every_paragraph_after_the_brief_carries_a_note_other_than_the_brief(built_site, src):
    art = built_page(built_site, src)
    for block in art.select(".admonition, .footnote, .dates-list, figure, .account-note, .table-caption, .cite-page"):
        block.decompose()
    for p in art.find_all("p"):
        text = p.get_text(" ", strip=True)
        if len(text) < 40 or p.find_parent(class_="event"):
            continue
        refs = [a["href"] for a in p.select("a.footnote-ref")]
        assert refs, f"{src}: a paragraph without a note: {text[:100]}"
    cited = {li["id"].removeprefix("fn:") for li in built_page(built_site, src).select(".footnote li[id]")}
    assert cited - {"saraswat2024"}, f"{src} cites only the brief"


def test_each_event_after_the_brief_is_on_its_years_chronology_in_its_strand_and_the_timeline_stops_at_the_brief(built_site):
    years = sorted({year_page(ev) for ev in AFTER})
    listing = {src: built_page(built_site, src) for src in ["timeline.md", *years]}
    labels = {s["id"]: s["label"] for s in ACCOUNT["strands"]}
    assert len(AFTER) >= 30 and len(years) >= 3
    for ev in EVENTS:
        home = year_page(ev) if after_brief(ev["date"]) else "timeline.md"
        node = listing[home].find(id=ev["id"])
        assert node is not None and node.find("time")["datetime"] == ev["date"], ev["id"]
        also = [src for src, art in listing.items() if src != home and art.find(id=ev["id"]) is not None]
        assert not also, f"{ev['id']} is listed on {home} and on {also}"
        notes = {a["href"].split("#fn:")[-1] for a in node.select("a.footnote-ref")}
        if after_brief(ev["date"]):
            assert notes - {"saraswat2024"}, f"{ev['id']} cites only the brief"
            assert node.select_one(".strand").get_text(strip=True) == labels[ev["strand"]]
            assert ev["date"] <= RUNS_TO


def test_the_strip_draws_one_dot_per_event_in_its_lane_with_a_text_alternative(built_site):
    art = built_page(built_site, CHRONOLOGY)
    svg = art.select_one("svg.timeline-strip")
    assert svg is not None and svg["role"] == "img" and not art.select("svg script")
    assert svg.find("title").get_text(strip=True) and svg.find("desc").get_text(strip=True)
    dots = svg.select("circle.strip-dot")
    assert len(dots) == len(AFTER)
    for ev in AFTER:
        assert len([d for d in dots if f"strip-{ev['strand']}" in d["class"]
                    and d.find("title").get_text() == f"{event_when(ev)}: {ev['title']}"]) >= 1, ev["id"]
    desc = svg.find("desc").get_text()
    for s in ACCOUNT["strands"]:
        assert f"{s['label']}: {sum(e['strand'] == s['id'] for e in AFTER)} events" in desc
    # earlier dots lie to the left
    xs = [(d.find("title").get_text(), float(d["cx"])) for d in dots]
    by_date = sorted(AFTER, key=lambda e: e["date"])
    first = next(x for t, x in xs if t.endswith(by_date[0]["title"]))
    last = next(x for t, x in xs if t.endswith(by_date[-1]["title"]))
    assert first < last


def test_the_home_page_and_the_chronology_say_where_the_account_stops(built_site):
    for src in ("index.md", CHRONOLOGY):
        note = built_page(built_site, src).select_one(".account-note")
        assert note is not None, src
        text = note.get_text(" ", strip=True)
        assert long_date(RUNS_TO) in text and long_date(BRIEF_DATE) in text and "nothing after" in text, text
        assert note.find("a", href=re.compile(ACCOUNT["last_event"] + "$")), src


def test_the_home_page_lists_the_key_dates_since_the_brief(built_site):
    art = built_page(built_site, "index.md")
    head = next(h for h in art.find_all("h2") if "What has happened since" in h.get_text())
    items = head.find_next("ul").find_all("li")
    key = [e for e in AFTER if e.get("key")]
    assert len(key) >= 6 and {e["date"][:4] for e in key} >= {"2025", "2026"}
    assert [li.find("time")["datetime"] for li in items] == [e["date"] for e in sorted(key, key=lambda e: e["date"])]
    assert all(li.select("a.footnote-ref") for li in items)


def test_every_since_then_note_is_shown_somewhere_with_its_date_and_sources(built_site):
    events = {e["id"]: e for e in EVENTS}
    pages = [built_page(built_site, src) for src in PAGES]
    shown = [n for art in pages for n in art.select("div.admonition.since")]
    for note in load("since"):
        ev = events[note["event"]]
        title = f"Since then: {event_when(ev)}"
        text = " ".join(note["text"].split()[:6])
        hits = [n for n in shown if n.select_one(".admonition-title").get_text(strip=True) == title and text in n.get_text(" ")]
        assert hits, f"since-then note {note['id']!r} is on no page"
        for n in hits:
            refs = {a["href"].split("#fn:")[-1] for a in n.select("a.footnote-ref")}
            assert set(ev["sources"]) <= refs, note["id"]


def test_who_decides_names_the_leader_now_and_how_the_succession_ran(built_site):
    art = built_page(built_site, "who-decides.md")
    text = art.get_text(" ")
    assert "Mojtaba Khamenei" in text and "Article 111" in text and "Assembly of Experts" in text
    assert [h for h in art.find_all("h2") if "succession" in h.get_text()]
    assert art.select("div.admonition.since")


def test_the_outlook_checks_each_expectation_of_the_brief(built_site):
    from macros.reference import BRIEF_KIND_LABELS, STATUS_LABELS
    schema = json.loads((DATA / "schema" / "expectations.schema.json").read_text(encoding="utf-8"))
    vocabulary = schema["properties"]["expectations"]["items"]["properties"]["status"]["enum"]
    assert set(vocabulary) == set(STATUS_LABELS)
    art = built_page(built_site, "outlook.md")
    expectations = load("expectations")
    assert len(expectations) >= 9
    for rec in expectations:
        box = art.find(id=f"expect-{rec['id']}").find_next("div", class_="expectation")
        brief = box.select_one(".expect-brief")
        assert BRIEF_KIND_LABELS[rec["brief_kind"]] in brief.get_text() and brief.select('a[href$="#fn:saraswat2024"]'), rec["id"]
        status = box.select_one(".expect-status")
        assert "Our assessment" in status.get_text() and STATUS_LABELS[rec["status"]] in status.get_text(), rec["id"]
        items = box.find_all("li")
        assert [li.find("time")["datetime"] for li in items] == sorted(ev["date"] for ev in rec["evidence"])
        assert all(li.select("a.footnote-ref") for li in items), rec["id"]


def test_the_tolls_and_counts_that_differ_are_shown_side_by_side(built_site):
    """The protest, war and treaty figures sources disagree on: each comparison's figures are in
    its table on a page of the section, none of them marked official."""
    from macros.numbers import format_count
    values = {f"reported.{r['id']}": r["value"] for r in load("reported")}
    tables = {}
    for src in SINCE_PAGES:
        for cap in built_page(built_site, src).select("p.compare-caption"):
            tables[cap["id"].removeprefix("compare-")] = cap.find_next("table").get_text(" ")
    for comp in load("comparisons"):
        figures = [f["figure"] for f in comp["figures"] if f["figure"].startswith("reported.")]
        if not figures:
            continue
        assert comp["id"] in tables, f"comparison {comp['id']} is on no page of the section"
        assert "Official" not in tables[comp["id"]] and "Reported" in tables[comp["id"]]
        for fid in figures:
            v = values[fid]
            shown = format_count(v) if isinstance(v, int) else long_date(v)
            assert shown in tables[comp["id"]], f"{fid} ({shown}) is not in the table of {comp['id']}"


def test_the_state_tv_protest_toll_is_the_sum_of_the_two_groups_it_named():
    counts = {r["id"]: r["value"] for r in load("reported")}
    assert counts["toll-2026-01-state-tv"] == counts["toll-2026-01-state-tv-martyrs"] + counts["toll-2026-01-state-tv-rioters"]


def test_a_date_the_sources_disagree_on_is_never_shown_as_settled(built_site):
    disputed = [e for e in AFTER if "date_or" in e]
    assert disputed, "no event records a disputed date"
    pages = {src: built_page(built_site, src) for src in ("index.md", "since-ceasefire.md")}
    for ev in disputed:
        both = event_when(ev)
        assert long_date(ev["date"]).split()[0] in both and long_date(ev["date_or"]) in both and " or " in both
        listed = 0
        for src, art in pages.items():
            for link in art.find_all("a", href=re.compile(f"#{ev['id']}$")):
                item = link.find_parent("li")
                if item is not None:
                    assert item.find("time").get_text() == both, (src, ev["id"])
                    listed += 1
        assert listed >= 2, f"{ev['id']}: in no list of the home page or the ceasefire page"
        assert built_page(built_site, year_page(ev)).find(id=ev["id"]).find("time").get_text() == both


def test_the_chronology_lists_its_pages_a_year_each_with_its_events(built_site):
    """The chronology is a page a year, so that no page grows with the whole record; the section's
    first page links each year's page with the number of events it tells."""
    items = built_page(built_site, CHRONOLOGY).select("h2#the-chronology-a-page-a-year + ul > li")
    by_year = {}
    for ev in AFTER:
        by_year.setdefault(ev["date"][:4], []).append(ev)
    assert [li.a["href"].strip("./").removesuffix("/") for li in items] == [f"chronology-{y}" for y in sorted(by_year)]
    for li, year in zip(items, sorted(by_year)):
        assert f"{len(by_year[year])} events" in li.get_text(), year
        headings = [h.get_text(strip=True).removesuffix("¶") for h in built_page(built_site, f"chronology-{year}.md").select("h2")]
        months = sorted({ev["date"][:7] for ev in by_year[year]})
        assert headings[:len(months)] == [long_date(m) for m in months], year


def test_an_event_in_a_year_without_a_chronology_page_stops_the_build(site, tmp_path):
    from macros.errors import DataError
    from macros.reference import chronology_years
    from macros.site import PageRef, PageState
    page = PageState(PageRef("since-the-brief.md", "since-the-brief/", "Since the brief"))
    moved = dict(site.events["doha-talks"], date="2027-01-05")
    site.data.events.append(moved)
    try:
        with pytest.raises(DataError, match=r"data/events.yaml.*2027.*chronology-2027.md.*does not exist"):
            chronology_years(site, page)
    finally:
        site.data.events.remove(moved)
