"""The real site, built strictly: no template residue, every note resolves to the bibliography,
and the numbers in the results tables equal the data."""
from __future__ import annotations

import csv
import json
import re
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from sitebuild import DATA, ROOT

BAD_TEXT = re.compile(r"\{\{|\{%|\}\}|\bNone\b|\bnan\b|\bNaN\b|\bundefined\b")


def pages(built):
    return sorted(p for p in built.rglob("*.html") if "assets" not in p.parts)


def article(path):
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article.md-content__inner") or soup.body


def test_no_page_shows_template_text_none_or_nan(built_site):
    for path in pages(built_site):
        text = article(path).get_text(" ")
        bad = BAD_TEXT.findall(text)
        assert not bad, f"{path.relative_to(built_site)} shows {bad}"


def test_no_table_cell_is_empty(built_site):
    for path in pages(built_site):
        for cell in article(path).select("td, th[scope=row]"):
            assert cell.get_text(strip=True), f"{path.relative_to(built_site)}: empty cell in {cell.find_parent('table')}"


def test_every_note_resolves_to_a_bibliography_entry(built_site, site):
    from macros.citations import short_note
    formatted = {sid: BeautifulSoup(str(html), "html.parser").get_text() for sid, html in site.bib.formatted.items()}
    # the print-all page gives the short form, its Sources sections the full reference
    short = {sid: BeautifulSoup(str(short_note(rec)), "html.parser").get_text() for sid, rec in site.bib.records.items()}
    seen = 0
    for path in pages(built_site):
        art = article(path)
        expected = short if path.parent.name == "print_page" else {sid: text[:40] for sid, text in formatted.items()}
        by_id = {el["id"]: el for el in art.find_all(id=True)}   # one look-up per note, not a search
        for ref in art.select("a.footnote-ref"):
            target = ref["href"].lstrip("#")
            note = by_id.get(target)
            assert note is not None, f"{path}: note {target} has no definition"
            sid = target.split(":", 1)[1]
            assert sid in formatted, f"{path}: note {sid} is not in the bibliography"
            assert expected[sid] in note.get_text(), f"{path}: note {sid} is not the formatted reference"
            seen += 1
    assert seen > 20


def test_results_tables_equal_the_data(built_site):
    with open(DATA / "results.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    art = article(built_site / "results" / "index.html")
    for election in ("pres-2024-r1", "pres-2024-r2"):
        table = art.select_one(f"#table-results-{election} table")
        assert table is not None, election
        shown = {tr.th.get_text(strip=True): tr.select("td")[0].get_text(strip=True) for tr in table.select("tbody tr, tfoot tr")}
        for row in (r for r in rows if r["election"] == election):
            assert any(v.replace(",", "") == row["votes"] for v in shown.values()), (election, row["candidate"])
        total = sum(int(r["votes"]) for r in rows if r["election"] == election)
        assert shown["Valid votes"].replace(",", "") == str(total)


def sources_url(record) -> str:
    """Where a reference is listed: Sources, or Sources since the brief for its group."""
    from macros.citations import sources_page
    return sources_page(record).removesuffix(".md") + "/"


def test_the_sources_pages_list_every_source_once_with_links_to_citing_pages(built_site, site):
    listed = {}
    for name in ("sources", "sources-after"):
        art = article(built_site / name / "index.html")
        listed |= {li["id"].removeprefix("src-"): f"{name}/" for li in art.select("ol.bibliography > li")}
        assert "<!--backlinks" not in (built_site / name / "index.html").read_text()
    assert listed == {sid: sources_url(rec) for sid, rec in site.bib.records.items()}
    assert set(listed.values()) == {"sources/", "sources-after/"}
    brief = article(built_site / "sources" / "index.html").find(id="src-saraswat2024")
    links = [a["href"] for a in brief.select(".backlinks a")]
    assert links and all(not h.startswith("http") for h in links)
    # a note's "All pages citing it" reaches the page that lists its source
    chronology = article(built_site / "chronology-2025" / "index.html")
    hrefs = {a["href"] for a in chronology.select(".footnote a.to-sources")}
    assert hrefs and all(h.startswith("../sources-after/#src-") or h.startswith("../sources/#src-") for h in hrefs)
    assert {h.split("#src-")[1] for h in hrefs if h.startswith("../sources-after/")}


def test_search_indexes_the_prose_and_finds_each_source_and_event_as_its_own_result(built_site, site):
    # Material indexed each page's notes as part of its last section: "Tehran Times" found
    # "Iraq's unpaid bills", with a row of back-link arrows as the snippet (macros/page_html.py).
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    for doc in docs:
        where = doc["location"] or "index"
        assert "\u21a9" not in doc["text"], f"{where}: back-link arrows in the search text"
        assert not re.search(r"(Cited|Mentioned) on:", doc["text"]), f"{where}: a link list the index cannot fill"
        if not where.startswith(("sources/", "sources-after/")):
            assert "Available at:" not in doc["text"], f"{where}: a note's reference indexed with the prose"
    # each reference is a result of its own, linked to its entry (macros/page_html.py, index_own_results)
    by_location = {d["location"]: d for d in docs}
    for sid, rec in site.bib.records.items():
        doc = by_location.get(f"{sources_url(rec)}#src-{sid}")
        assert doc, f"{sid}: no search result of its own on the Sources pages"
        assert rec["title"].casefold() in doc["text"].casefold(), f"{sid}: its result does not hold its reference"
        assert doc["text"].count("<li>") == 1, f"{sid}: its result holds other references too"
    listed = [d for d in docs if d["location"].startswith(("sources/", "sources-after/")) and "<li>" in d["text"]]
    assert len(listed) == len(site.bib.records), "a Sources section still lists references in one result"
    # the same for each event on the Timeline ("helicopter" found the whole of 2024), and for each
    # event after the brief on the chronology's page for its year
    from macros.data import is_after
    for ev in site.data.events:
        page = f"chronology-{ev['date'][:4]}" if is_after(ev["date"], site.data.account["brief_date"]) else "timeline"
        doc = by_location.get(f"{page}/#{ev['id']}")
        assert doc and ev["title"] in doc["text"], f"{ev['id']}: no search result of its own on {page}"
        assert doc["text"].count("<p>") == 1, f"{ev['id']}: its result holds other events too"
    # the headings that divide the index are never shown on the pages
    for name in ("sources", "sources-after", "timeline", "chronology-2024", "chronology-2025", "chronology-2026"):
        assert not article(built_site / name / "index.html").select("h6"), name
    for path in pages(built_site):
        assert "data-result-title" not in path.read_text(encoding="utf-8"), f"{path}: an index-only label is shown"


def test_what_search_leaves_out_stays_out_of_the_index(built_site):
    # Material's indexer ends an exclusion at the first closing tag of the same name, so an
    # excluded element must not hold one of its own kind (a number's provenance was indexed).
    excluded = 0
    for path in pages(built_site):
        for el in article(path).select("[data-search-exclude]"):
            assert el.find(el.name) is None, f"{path.relative_to(built_site)}: <{el.name}> left out of search holds a <{el.name}>"
            excluded += 1
    assert excluded > 100
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    leaked = [d["location"] for d in docs if "Computed:" in d["text"]]
    assert not leaked, f"a number's provenance is in the search text of {leaked}"


def test_note_back_links_are_named_by_aria_label_not_title(built_site):
    # A title would become one more Material tooltip to set up at page load (see macros/page_html.py).
    backrefs = [a for path in pages(built_site) for a in article(path).select("a.footnote-backref")]
    assert len(backrefs) > 100
    for a in backrefs:
        assert a.get("aria-label", "").startswith("Back to note ") and not a.has_attr("title"), a


def test_the_back_links_of_a_note_cited_several_times_have_names_of_their_own(built_site):
    several = 0
    for path in pages(built_site):
        for item in article(path).select("div.footnote li"):
            links = item.select("a.footnote-backref")
            names = [a["aria-label"] for a in links]
            number = re.match(r"Back to note (\d+) in the text", names[0]).group(1)
            if len(links) == 1:
                assert names == [f"Back to note {number} in the text"]
            else:
                several += 1
                assert names == [f"Back to note {number} in the text, {k} of {len(links)}"
                                 for k in range(1, len(links) + 1)], path
    assert several > 10


def test_heading_permalinks_are_named_by_aria_label_not_title(built_site):
    # Not the print page's own part headings ("The election", ...): print-site writes those after
    # the pages, and that page has Material's tooltips switched off (macros/print_page.py).
    permalinks = [a for path in pages(built_site) for a in article(path).select("a.headerlink")
                  if not a["href"].startswith("#section-")]
    assert len(permalinks) > 100
    for a in permalinks:
        assert a.get("aria-label") == "Permanent link" and not a.has_attr("title"), a


def test_links_showing_their_url_show_it_verbatim(built_site):
    # A glossary term inside an address (".../headed-for-runoff/") is not marked as a term.
    shown = [a for path in pages(built_site) for a in article(path).select('a[href^="http"]')
             if a.get_text().startswith("http")]
    assert len(shown) > 50
    for a in shown:
        assert a.find("abbr") is None and a.get_text() == a["href"], a


def test_url_links_lose_abbreviations_but_other_links_keep_them():
    from macros import page_html as hooks
    url = "https://example.org/a-runoff/?x=1&amp;y=2"
    html = (f'<p><a href="{url}">https://example.org/a-<abbr title="Second round">runoff</abbr>/?x=1&amp;y=2</a> '
            '<a href="https://example.org/">the <abbr title="Second round">runoff</abbr></a></p>')
    out = hooks.finish_content(html, page=None, config=None)
    assert f'<a href="{url}">{url}</a>' in out
    assert '<a href="https://example.org/">the <abbr title="Second round">runoff</abbr></a>' in out


def test_a_long_list_of_references_comes_in_bounded_runs_numbered_on_from_the_run_before():
    from macros import page_html as hooks
    items = [f'<li id="src-{n}">Source {n}</li>' for n in range(1, 24)]
    out = hooks.with_height_bounds('<p>x</p><ol class="bibliography">\n' + "\n".join(items) + "\n</ol>")
    runs = re.findall(r'<ol class="bibliography"( start="\d+")? style="--height-bound: (\d+)px">\n(.*?)\n</ol>', out, re.S)
    assert [start for start, _, _ in runs] == ["", ' start="11"', ' start="21"']
    assert ["\n".join(items[:10]), "\n".join(items[10:20]), "\n".join(items[20:])] == [run for _, _, run in runs]
    assert all(int(bound) >= 48 * run.count("<li ") for _, bound, run in runs)
    # anything in the list but its items would be lost in the split: the build stops instead
    page = SimpleNamespace(file=SimpleNamespace(src_uri="sources.md"))
    with pytest.raises(ValueError, match="docs/sources.md: a list of references holds more than its items: '<p>stray"):
        hooks.with_height_bounds('<ol class="bibliography"><li>a</li><p>stray</p></ol>', page=page)


def test_the_runs_of_a_list_number_its_references_one_after_another(built_site):
    for name in ("sources", "sources-after"):
        for group in article(built_site / name / "index.html").find_all("ol", class_="bibliography"):
            previous = group.find_previous_sibling()
            if previous is not None and previous.name == "ol" and "bibliography" in previous.get("class", []):
                expected = int(previous.get("start", 1)) + len(previous.find_all("li", recursive=False))
            else:
                expected = 1
            assert int(group.get("start", 1)) == expected, f"{name}: a run starts at {group.get('start')}, not {expected}"
            assert 0 < len(group.find_all("li", recursive=False)) <= 10


def test_a_term_is_marked_at_its_first_use_in_a_section_only():
    from macros import page_html as hooks
    term = '<abbr title="Second round">{}</abbr>'
    html = (f"<h1>Results</h1><p>The {term.format('runoff')} was on 5 July; the {term.format('Runoff')} "
            f"turnout rose.</p><h2>Turnout</h2><p>In the {term.format('runoff')}, and the {term.format('runoff')}.</p>")
    out = hooks.finish_content(html, page=None, config=None)
    assert out == (f"<h1>Results</h1><p>The {term.format('runoff')} was on 5 July; the Runoff turnout rose.</p>"
                   f"<h2>Turnout</h2><p>In the {term.format('runoff')}, and the runoff.</p>")


def test_a_names_other_spellings_follow_its_first_link_in_each_section_hidden():
    from macros import page_html as hooks
    spellings = {("person", "ghalibaf"): ("Mohammad Baqer Ghalibaf", "Ghalibaf", "Qalibaf", "<Q&A>"),
                 ("person", "jalili"): ("Saeed Jalili", "Said Jalili"),
                 ("faction", "irgc"): ("IRGC",)}
    link = '<a class="entry-link person-link" href="../people/#ghalibaf">{}</a>'
    jalili = '<a class="entry-link person-link" href="../people/#jalili">Saeed Jalili</a>'
    html = (f"<h1>A</h1><p>{link.format('Mohammad Baqer Ghalibaf')} and {link.format('Ghalibaf')}; "
            '<a class="entry-link person-link" href="#ghalibaf">here</a>'
            '<a class="entry-link faction-link" href="../factions/#irgc">IRGC</a> ran.</p>'
            f"<h2>B</h2><ul><li>{link.format('Ghalibaf')} and {jalili} lost</li><li>{jalili}</li></ul>"
            f"<h2>C {jalili}</h2><p>Text</p>")
    out = hooks._other_spellings_at_first_mention(html, spellings, r"[\s\-]+")
    hidden = '<span class="search-variants" hidden> {}</span>'
    # after the sentence, at the end of its paragraph, item or heading; once per name and section
    assert out == (f"<h1>A</h1><p>{link.format('Mohammad Baqer Ghalibaf')} "
                   f"and {link.format('Ghalibaf')}; "
                   '<a class="entry-link person-link" href="#ghalibaf">here</a>'
                   '<a class="entry-link faction-link" href="../factions/#irgc">IRGC</a> ran.'
                   f"{hidden.format('Qalibaf · &lt;Q&amp;A&gt;')}</p>"
                   f"<h2>B</h2><ul><li>{link.format('Ghalibaf')} and {jalili} lost"
                   f"{hidden.format('Mohammad Baqer Ghalibaf · Qalibaf · &lt;Q&amp;A&gt; · Said Jalili')}</li>"
                   f"<li>{jalili}</li></ul>"
                   f"<h2>C {jalili}{hidden.format('Said Jalili')}</h2><p>Text</p>")


def test_hidden_spellings_end_their_block_so_snippets_read_as_prose(built_site):
    # Material's result snippet is the section's indexed text: spellings in mid-sentence read as
    # "Ayatollah Ali Khamenei علی خامنه‌ای · Khamene'i · … told Iranians".
    spans = 0
    for path in pages(built_site):
        for span in article(path).select(".search-variants"):
            after = [s for s in span.next_siblings if getattr(s, "name", None) or str(s).strip()]
            assert not after, f"{path.relative_to(built_site)}: {span.get_text()[:40]!r} is followed by {str(after[0])[:60]!r}"
            spans += 1
    assert spans > 50


def test_every_spelling_of_a_linked_name_is_searchable_on_the_linking_page(built_site, site):
    # "Qalibaf" finds the conservatives page, which writes "Ghalibaf" (macros/page_html.py).
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    split, docs = re.compile(index["config"]["separator"]), index["docs"]
    checked = 0
    for path in pages(built_site):
        url = path.parent.relative_to(built_site).as_posix() + "/"
        if url in ("./", "people/", "people-after/", "factions/", "print_page/"):
            continue
        text = " ".join(d["text"] + " " + d["title"] for d in docs if d["location"].split("#")[0] == url)
        words = {w.casefold() for w in split.split(re.sub(r"<[^>]+>", " ", text))}
        for a in article(path).select("a.entry-link"):
            kind = "person" if "person-link" in a["class"] else "faction"
            rec = (site.people if kind == "person" else site.factions)[a["href"].rsplit("#", 1)[1]]
            for spelling in [*rec.get("aliases", []), rec.get("persian") or ""]:
                # Material asks for each query word as a prefix ("Rouhani" finds "Rouhani's")
                missing = {w.casefold() for w in split.split(spelling) if w
                           if not any(v.startswith(w.casefold()) for v in words)}
                assert not missing, f"{url}: links to {rec['id']} but {spelling!r} does not find it ({missing})"
                checked += 1
    assert checked > 200


def test_no_term_is_marked_twice_in_one_section(built_site):
    marked = 0
    for path in pages(built_site):
        html = str(article(path))
        for n, section in enumerate(re.split(r"<h[12]\b", html)):
            terms = [a.get_text().casefold() for a in BeautifulSoup(section, "html.parser").select("abbr[title]")]
            assert len(terms) == len(set(terms)), f"{path.relative_to(built_site)} section {n}: {terms}"
            marked += len(terms)
    assert marked > 50


def test_glossary_terms_have_tooltips_except_on_the_glossary_itself(built_site, site):
    # Elsewhere a term shows its definition on hover; the glossary page defines every term in
    # place, so it carries no abbreviations (their cost there grows with the glossary squared).
    terms = {r["term"] for r in site.data.glossary}
    glossary = BeautifulSoup((built_site / "glossary" / "index.html").read_bytes(), "html.parser")
    assert glossary.select("article h2") and not glossary.select("article abbr")
    election = BeautifulSoup((built_site / "election" / "index.html").read_bytes(), "html.parser")
    shown = {a.get_text() for a in election.select("article abbr[title]")}
    assert shown and shown <= terms


def test_a_page_of_own_results_is_indexed_once_and_keeps_its_search_settings(site):
    # macros/page_html.py keeps Material's plugin off the page and indexes it itself, then puts the
    # page's own search settings back; a page its author left out of search stays out.
    from types import SimpleNamespace

    from material.plugins.search.plugin import SearchIndex

    from macros import page_html as hooks
    html = ('<h2 id="2024">2024</h2>\n<p class="event" id="raisi-crash" data-result-title="19 May 2024">'
            "<time>19 May 2024</time> <strong>Crash.</strong> Text.</p>")
    for meta, expected in (({"search": {"boost": 2}}, ["timeline/", "timeline/#2024", "timeline/#raisi-crash"]),
                           ({}, ["timeline/", "timeline/#2024", "timeline/#raisi-crash"]),
                           ({"search": {"exclude": True}}, [])):
        index = SearchIndex()
        search = SimpleNamespace(config=SimpleNamespace(separator=r"[\s\-]+"), search_index=index)
        config = SimpleNamespace(plugins={"macros": SimpleNamespace(site=site), "material/search": search})
        page = SimpleNamespace(meta=json.loads(json.dumps(meta)), url="timeline/", toc=[], title="Timeline")
        page.content = hooks.finish_content(html, page=page, config=config)
        index.add_entry_from_context(page)                  # what Material's plugin does next
        hooks.index_own_results({}, page=page, config=config)
        assert page.meta == meta
        assert [e["location"] for e in index.entries] == expected, meta
        assert all(e.get("boost") == meta.get("search", {}).get("boost") for e in index.entries)


def test_the_sites_own_scripts_and_stylesheet_ship_without_comments(built_site):
    """mkdocs-minify-plugin: comments and indentation removed from what docs/assets holds (the
    built file named .min), the vendored iframe-worker shim shipped as written."""
    docs = ROOT / "docs"
    own = {"assets/javascripts/search-fuzzy.js": "//", "assets/javascripts/tablesort.js": "/*",
           "assets/stylesheets/site.css": "/*"}
    for rel, comment in own.items():
        minified = rel.rsplit(".", 1)[0] + ".min." + rel.rsplit(".", 1)[1]
        assert not (built_site / rel).exists(), f"{rel} shipped as written"
        source, built = (docs / rel).read_text(encoding="utf-8"), (built_site / minified).read_text(encoding="utf-8")
        assert comment in source and comment not in built.replace("://", ""), rel
        assert len(built) < 0.8 * len(source), rel
    shim = "assets/javascripts/iframe-worker-shim.js"
    assert (built_site / shim).read_bytes() == (docs / shim).read_bytes()


def test_the_stylesheet_has_no_has_selector(built_site):
    # `body:has(…)` and `ol:has(+ ol)` made the style work at load of every page longer (17 style
    # recalculations against 21, about 45 ms under a phone's 4x CPU slowdown, on the home page)
    css = (ROOT / "docs" / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    assert not [s for s in _selectors(css) if ":has(" in s]


def _selectors(css: str) -> list[str]:
    """Each rule's selector, comments out, whitespace around combinators and commas dropped."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out = []
    for head in re.findall(r"([^{};]+)\{", css):
        head = " ".join(head.split())
        if not head.startswith("@"):
            out.append(re.sub(r"\s*([>+~,()])\s*", r"\1", head))
    return out


def test_every_selector_of_the_stylesheet_survives_minifying(built_site):
    # The minifier dropped the space of ".md-typeset :is(...)" inside @media: the rule then
    # asked for one element that is both, and matched nothing, with no error anywhere.
    source = _selectors((ROOT / "docs" / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8"))
    built = set(_selectors((built_site / "assets" / "stylesheets" / "site.min.css").read_text(encoding="utf-8")))
    assert len(source) > 50
    assert [sel for sel in source if sel not in built] == []


def test_the_table_sorting_script_loads_on_the_pages_with_a_sortable_table_only(built_site):
    """overrides/main.html: a page without a sortable table does not fetch tablesort.js."""
    with_tables = 0
    for path in sorted(built_site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        loads = [s for s in soup.find_all("script", src=True) if s["src"].endswith("assets/javascripts/tablesort.min.js")]
        sortable = bool(soup.select("table.sortable"))
        assert len(loads) == int(sortable), path.relative_to(built_site)
        with_tables += sortable
    assert with_tables >= 3  # Results, Earlier elections compared, the print-all page


def test_the_repository_link_is_on_every_page_but_does_not_send_the_reader_to_github_for_its_facts(built_site):
    """overrides/partials/source.html: with data-md-component="source", Material's script fetches
    the repository's stars and forks from api.github.com (another host) on a visit's first page."""
    from sitebuild import BUILD_ENV
    for path in sorted(built_site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        links = soup.select("a.md-source")
        assert links and all(a["href"] == BUILD_ENV["REPO_URL"] for a in links), path.relative_to(built_site)
        assert not soup.select('[data-md-component="source"]'), path.relative_to(built_site)


def test_the_search_index_holds_the_united_states_in_words_it_keeps(built_site):
    """lunr leaves "us" out of the index as a stop word, so a sentence that names the country only
    as "US" cannot be found by any query; search-fuzzy.js asks a reader's "US" as "United States"."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    # A reference keeps its headline as published ("US, Iran officials hold indirect talks"); its
    # result carries "United States" for the index (macros/reference.py, sources_list).
    found = [(d["location"], m.group(0)) for d in index["docs"]
             if not (d["location"].startswith(("sources/#src-", "sources-after/#src-")) and "United States" in d["text"])
             for m in re.finditer(r".{0,40}(?<![\w.])U\.?S\.?(?![\w.]).{0,20}", re.sub(r"<[^>]+>", " ", d["title"] + " " + d["text"]))]
    assert not found, f"indexed text that names the country only as 'US': {found}"
