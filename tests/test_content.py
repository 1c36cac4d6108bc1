"""The brief told in full: notes on every statement, people linked where mentioned, every claim
traceable to its page and notes, every reference entry sourced."""
from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml
from bs4 import BeautifulSoup

from brief_fingerprint import RUN, brief_runs, runs
from sitebuild import DATA, DOCS

# Pages generated from data or about the site itself; the rest tell the brief.
REFERENCE_PAGES = {"people.md", "people-after.md", "factions.md", "timeline.md", "glossary.md", "sources.md", "sources-after.md",
                   "numbers-checked.md", "data.md", "about.md", "print_page.md", "claims.md", "whats-new.md"}
NARRATIVE = sorted(p.name for p in DOCS.glob("*.md") if p.name not in REFERENCE_PAGES)
# The pages of "Since the brief" tell what followed in sourced paragraphs, not labelled boxes
# (tests/test_since_the_brief.py checks that each paragraph carries a note).
SINCE = {p.name for pattern in ("since-*.md", "chronology-*.md") for p in DOCS.glob(pattern)}
KINDS = ("fact", "brief", "analysis", "outlook")


def built_page(built, src: str):
    path = built / ("index.html" if src == "index.md" else src.replace(".md", "/index.html"))
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article.md-content__inner")


def load(name):
    return yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))[name]


@pytest.mark.parametrize("src", NARRATIVE)
def test_every_statement_block_carries_a_note(built_site, src):
    art = built_page(built_site, src)
    blocks = [b for b in art.select("div.admonition") if set(b["class"]) & set(KINDS)]
    if src != "index.md" and src not in SINCE:
        assert blocks, f"{src} marks no statement as fact, analysis or outlook"
    for block in blocks:
        if src == "index.md" and "How to read" in (block.find_previous("h2") or block).get_text():
            continue  # the legend that explains the three kinds
        assert block.select("a.footnote-ref"), f"{src}: a statement without a note: {block.get_text(' ', strip=True)[:120]}"


@pytest.mark.parametrize("src", NARRATIVE)
def test_content_page_cites_the_brief(built_site, src):
    art = built_page(built_site, src)
    assert art.select_one('li[id="fn:saraswat2024"]'), f"{src} does not cite the brief"


def _mention_tokens(people):
    """Full names, aliases, and surnames that belong to one person only."""
    last = Counter(tok for p in people for tok in p["name"].split())
    tokens = {}
    for p in people:
        words = [p["name"], *p.get("aliases", [])]
        surname = p["name"].split()[-1]
        if last[surname] == 1 and len(surname) > 3:
            words.append(surname)
        tokens[p["id"]] = words
    return tokens


@pytest.mark.parametrize("src", NARRATIVE)
def test_a_mentioned_person_is_linked_to_their_entry(built_site, src):
    art = built_page(built_site, src)
    for node in art.select(".footnote, .admonition-title, .search-variants, .cite-page, "
                           ".admonition.since, .admonition.dated, .expectation, .event, .dates-list, .fig-prov, "
                           ".account-note, .strip-figure"):
        # notes, statement-kind labels, spellings hidden for search and "Cite this page" (which
        # names the site, Pezeshkian in its title) are not mentions; nor are the lines rendered
        # from data records after the brief (since-then notes, evidence, event lines and titles),
        # whose people link from the chronology and the People page
        node.decompose()
    text = art.get_text(" ")
    linked = {a["href"].rsplit("#", 1)[1] for a in art.select("a[href*='people']") if "#" in a["href"]}
    for pid, words in _mention_tokens(load("people")).items():
        if any(re.search(rf"\b{re.escape(w)}\b", text) for w in words):
            assert pid in linked, f"{src} mentions {pid} but does not link to their entry"


def test_every_person_event_term_and_faction_carries_a_source(site):
    known = set(site.bib.records)
    for kind in ("people", "factions", "events", "glossary", "claims"):
        records = load(kind)
        assert records, kind
        for rec in records:
            assert rec["sources"] and set(rec["sources"]) <= known, (kind, rec["id"])


def test_each_claim_is_on_its_page_with_its_notes(built_site):
    claims = load("claims")
    assert len(claims) >= 40
    for claim in claims:
        art = built_page(built_site, claim["page"])
        assert art is not None, claim["id"]
        for sid in claim["sources"]:
            assert art.select_one(f'li[id="fn:{sid}"]'), f"claim {claim['id']}: {claim['page']} does not cite {sid}"


def test_claims_page_lists_every_claim_with_a_link_to_its_page(built_site):
    art = built_page(built_site, "claims.md")
    rows = art.select(".claims-list > ol > li")
    claims = load("claims")
    assert len(rows) == len(claims)
    for row, claim in zip(rows, claims):
        link = row.select_one("a[href]")
        assert claim["page"].removesuffix(".md") in link["href"], claim["id"]


# Every page a reader sees (the print-all page repeats them): its own words, not the brief's.
PAGES_SHOWN = sorted(p.name for p in DOCS.glob("*.md") if p.name != "print_page.md")


@pytest.mark.parametrize("src", PAGES_SHOWN)
def test_no_page_repeats_eight_words_of_the_brief_outside_a_quotation(built_site, src):
    art = built_page(built_site, src)
    for node in art.select(".footnote, .search-variants, .cite-page, .reference-list, .admonition.dated"):
        # notes and references name the brief's sources by their titles; hidden spellings and the
        # dated note are not prose
        node.decompose()
    copied = []
    for block in art.select("p, li, td, th, dd, figcaption, h1, h2, h3, h4"):
        if block.find(["p", "li", "table", "dl"]):      # an outer block: its inner ones are read
            continue
        text = " ".join(block.get_text(" ").split())
        if runs(text) & brief_runs():
            copied.append(text[:200])
    assert not copied, f"{src}: {len(copied)} block(s) repeat {RUN} or more words of the brief outside a quotation:\n" + \
        "\n".join(copied)
