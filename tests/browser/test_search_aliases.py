"""Every alias in data/ finds its entry through the site's own search box, online and from
file://: other spellings, Persian script, acronyms and expansions, and everyday synonyms.

The queries are generated from data/people.yaml, factions.yaml, glossary.yaml and
synonyms.yaml, so a new alias is tested as soon as it is added."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser_kit import (DATA, await_search_settled, open_search, people_page, result_pages,  # noqa: E402
                         searches_asked, source_queries)

PAGE_OF = {"people": "people", "factions": "factions", "glossary": "glossary"}
KIND_OF = {"person": "people", "faction": "factions", "glossary": "glossary", "event": "timeline"}
# Plain English queries and the page a reader expects first.
PLAIN = [("turnout", "results"), ("numbers checked", "numbers-checked"), ("Russia China", "russia-china"),
         ("who decides", "who-decides"), ("timeline", "timeline"),

         ("election results", "results"), ("who won the election", "results"), ("Pezeshkian votes", "results"),
         ("Jalili votes", "results"), ("how many votes did Pezeshkian get", "results"),
         ("how many people voted", "results"), ("how many candidates", "election"), ("candidates", "election"),
         ("differences between the brief and the official figures", "numbers-checked")]
# Reader queries whose page may follow a glossary entry or the home page, but not by far.
TOP_THREE = [("balanced foreign policy", "foreign-policy"), ("foreign policy", "foreign-policy"),
             ("turnout 2005", "earlier-elections"), ("spoilt ballots", "glossary"),
             ("chronology", "since-the-brief"), ("what happened after the election", "since-the-brief"),
             ("June 2025 war", "since-june-2025-war"), ("winter protests", "since-protests"),
             ("blackout", "since-protests"), ("who is the supreme leader now", "factions"),
             ("succession", "since-2026-war"), ("ceasefire talks", "since-ceasefire"),
             ("Islamabad memorandum", "since-ceasefire"), ("hijab law", "since-presidency")]


def _load(name):
    return yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))[name]


def alias_queries() -> list[tuple[str, tuple[str, ...], str]]:
    """(query, pages whose entries list it, what it is) for every listed alias of every entry.
    A word listed by two entries (Majlis: a faction and a glossary term) may find either."""
    pages, what = {}, {}
    person_pages = {r["id"]: people_page(r) for r in _load("people")}
    for kind in PAGE_OF:
        for rec in _load(kind):
            page = person_pages[rec["id"]] if kind == "people" else PAGE_OF[kind]
            words = [*rec.get("aliases", []), rec.get("persian"), rec.get("short"), rec.get("expansion"), rec.get("term")]
            for w in filter(None, words):
                pages.setdefault(w, set()).add(page)
                what.setdefault(w, f"{kind}:{rec['id']}")
    brief_date = yaml.safe_load((DATA / "account.yaml").read_text(encoding="utf-8"))["account"]["brief_date"]
    # an event up to the brief is on the Timeline, one after it on the chronology's page for its year
    event_page = {e["id"]: f"chronology-{e['date'][:4]}" if e["date"] > brief_date and not brief_date.startswith(e["date"]) else "timeline"
                  for e in _load("events")}
    for syn in _load("synonyms"):
        kind, rid = syn["target"].split(":")
        for term in syn["terms"]:
            page = person_pages[rid] if kind == "person" else KIND_OF[kind]
            pages.setdefault(term, set()).add(event_page[rid] if kind == "event" else page)
            what.setdefault(term, f"synonym of {syn['target']}")
    return [(q, tuple(sorted(pages[q])), what[q]) for q in sorted(pages)]


QUERIES = alias_queries()


@pytest.fixture(scope="module", params=["served", "offline"])
def search_page(request, browser):
    site = request.getfixturevalue("served_site" if request.param == "served" else "offline_site")
    context, watch, page = open_search(browser, site)
    yield page, site
    context.close()
    assert not watch.problems(), watch.problems()


def ranked_pages(page, query: str) -> list[str]:
    """Distinct result pages in the order the search shows them (key-by-key typing)."""
    box = page.locator("input.md-search__input")
    # The text is set at once, then a real key press (End) makes Material's search read it:
    # it listens to key presses, and a plain fill() leaves it waiting. Typing every key of
    # some 300 aliases twice would take minutes; the reader queries in test_browser_site.py
    # are typed key by key.
    asked = searches_asked(page)
    box.fill(query)
    box.press("End")
    await_search_settled(page, asked)
    return result_pages(page)


@pytest.mark.parametrize("query,expected,what", QUERIES, ids=[f"{q}->{'|'.join(p)}" for q, p, _ in QUERIES])
def test_alias_finds_its_entry_in_the_first_three(search_page, query, expected, what):
    page, site = search_page
    pages = ranked_pages(page, query)
    assert set(expected) & set(pages[:3]), f"{query!r} ({what}) should find {expected} in the first three results; got {pages[:5]}"


@pytest.mark.parametrize("query,expected", PLAIN)
def test_plain_english_query_ranks_the_obvious_page_first(search_page, query, expected):
    page, site = search_page
    pages = ranked_pages(page, query)
    assert pages and pages[0] == expected, f"{query!r} should rank {expected} first; got {pages[:5]}"


SOURCES = source_queries()


@pytest.mark.parametrize("query,sid", SOURCES, ids=[q for q, _ in SOURCES])
def test_an_author_and_title_word_find_the_reference_itself(search_page, query, sid):
    # each reference is its own search result (macros/page_html.py), linked to its entry on Sources
    page, site = search_page
    ranked_pages(page, query)
    links = page.locator(".md-search-result__link").evaluate_all("as => as.map(a => a.href)")
    assert any(f"#src-{sid}" in href for href in links), f"{query!r}: no result links to its reference; got {links[:6]}"
    item = page.locator(f'.md-search-result__link[href*="#src-{sid}"]').first
    assert len(item.text_content()) < 1000, "the result shows more than its own reference"


@pytest.mark.parametrize("query,expected", TOP_THREE)
def test_a_readers_query_finds_its_page_among_the_first_three(search_page, query, expected):
    page, site = search_page
    pages = ranked_pages(page, query)
    assert expected in pages[:3], f"{query!r} should find {expected} in the first three pages; got {pages[:5]}"
