"""The built site in Chromium, served on 127.0.0.1 and unzipped on file://.

Every page loads with no script error, no failed local load and no request to another host;
search answers readers' queries; the palette toggle, tooltips and sortable tables work; screenshots go to
test-artifacts/.
"""
from __future__ import annotations

from urllib.parse import urldefrag, urlsplit, urlunsplit

import pytest
from playwright.sync_api import expect

from browser_kit import open_context

# Readers' queries: (what is typed, a page that must be among the results). Add freely; the page
# is a docs/ file name without .md ("index" = the home page).
QUERIES = [
    ("Pezeshkian", "index"),
    ("runoff", "results"),
    ("Guardian Council", "factions"),
    ("turnout", "results"),
    ("Jalili", "results"),
    ("Qalibaf", "conservatives"),
    ("Look East", "foreign-policy"),
    ("MP-IDSA", "about"),
]


def page_url(site, name: str) -> str:
    if name == "index":
        return site.url("")
    return site.url(f"{name}.html" if site.offline else f"{name}/")


def goto_ok(page, url: str, search: bool = True):
    """Open a page and wait until it has loaded and, with `search`, until its search is ready."""
    response = page.goto(url, wait_until="load")
    if response is not None:                   # file:// gives no response object
        assert response.status < 400, f"{url}: HTTP {response.status}"
    if not search:
        return
    # the bundle has run, where the page loads it (the print-all page loads none of Material's
    # script), and served, its search is ready, index and lunr fetched (search-fuzzy.js marks it);
    # from disk the search (its iframe-worker shim) starts when the reader first asks
    page.wait_for_function("() => (!!window.document$ && !!window.component$ && (location.protocol === 'file:'"
                           " || 'searchReady' in document.documentElement.dataset))"
                           " || !document.querySelector('script[src*=\"/bundle.\"]')")


def test_a_missing_file_counts_as_a_failed_load_but_a_request_called_off_does_not(browser, any_site):
    """The watch every page test relies on: an image the site does not hold is reported (HTTP 404
    served, ERR_FILE_NOT_FOUND from disk); the favicon the browser calls off when the next
    navigation comes first (ERR_ABORTED) is not, or a busy machine fails a sound page."""
    context, watch = open_context(browser, any_site)
    page = context.new_page()
    try:
        goto_ok(page, page_url(any_site, "index"))
        # waits for the event the watch reads (its own listener, added first, has run by then)
        missing = "requestfailed" if any_site.offline else "response"
        with page.expect_event(missing, lambda event: "no-such-file.png" in event.url):
            page.evaluate("""() => { const img = new Image()
                                     img.src = new URL("assets/images/no-such-file.png", document.baseURI).href }""")
        found = watch.problems()
        assert len(found) == 1 and "no-such-file.png" in found[0], found
        # On file:// a fetch is refused before any request is made: there, nothing to call off
        if not any_site.offline:
            # a request the page itself calls off, as a navigation does to the favicon
            with page.expect_event("requestfailed", lambda request: "called-off" in request.url) as failed:
                page.evaluate("""() => { const c = new AbortController()
                                         fetch(location.href + "?called-off", { signal: c.signal }).catch(() => {})
                                         c.abort() }""")
            assert failed.value.failure == "net::ERR_ABORTED"
            assert watch.problems() == found
    finally:
        context.close()


def test_every_page_loads_cleanly(browser, any_site):
    """Each page in the build (print page included) opens without errors or outside requests."""
    context, watch = open_context(browser, any_site)
    page = context.new_page()
    pages = any_site.pages()
    assert len(pages) >= 10, pages
    try:
        for rel in pages:
            goto_ok(page, any_site.url(rel))
            assert page.locator("article.md-content__inner h1").count() >= 1, f"{rel}: no <h1>"
            # stylesheets applied: Material's header is sticky
            assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
        page.wait_for_timeout(300)
    finally:
        context.close()
    assert not watch.problems(), "\n".join(watch.problems())


def test_sitemap_lists_every_page(served_site):
    text = (served_site.dir / "sitemap.xml").read_text()
    for name in ("results", "sources", "numbers-checked"):
        assert f"{served_site.base}{name}/" in text


def test_navigation_by_clicking(browser, any_site):
    """Following the nav from the home page reaches the next pages (works on file:// too). On a
    desktop every page of every section is in the sidebar without a click (navigation.sections)."""
    context, watch = open_context(browser, any_site, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        goto_ok(page, any_site.url(""))
        nav = page.locator(".md-sidebar--primary")
        for title in ("The snap election", "Results and turnout", "Who decides", "Sources"):
            assert nav.locator("a.md-nav__link", has_text=title).first.is_visible(), title
        nav.locator("a.md-nav__link", has_text="Results and turnout").first.click()
        page.wait_for_load_state("load")
        assert urldefrag(page.url)[0] == page_url(any_site, "results")
        page.locator(".md-footer__link--next").click()
        page.wait_for_load_state("load")
        assert page.url != page_url(any_site, "results")
        assert page.locator("article h1").count() >= 1
    finally:
        context.close()
    assert not watch.problems(), "\n".join(watch.problems())


def search(page, query: str) -> list[str]:
    """Type a query key by key into Material's search; return every result's URL, fragment-less."""
    page.keyboard.press("Escape")
    page.locator("label.md-header__button[for='__search']:visible, "
                 "input.md-search__input:visible").first.click()
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=20)
    items = page.locator(".md-search-result__item")
    items.first.wait_for(state="attached", timeout=15_000)
    # Material renders results in batches as the list scrolls: scroll until no new ones come
    count = -1
    while items.count() != count:
        count = items.count()
        page.locator(".md-search__scrollwrap").evaluate("e => e.scrollTo(0, e.scrollHeight)")
        page.wait_for_timeout(150)
    hrefs = page.locator(".md-search-result__link").evaluate_all("as => as.map(a => a.href)")
    # drop the fragment and Material's ?h=<query> highlight parameter
    return sorted({urlunsplit(urlsplit(h)._replace(query="", fragment="")) for h in hrefs})


@pytest.mark.parametrize("query,expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_search_finds(browser, any_site, query, expected):
    if not (any_site.dir / "search").is_dir():
        pytest.fail("no search index in the build")
    if not (any_site.dir / page_url(any_site, expected).removeprefix(any_site.base)).exists() \
            and expected != "index":
        pytest.fail(f"expected page {expected} is not in the build; update QUERIES")
    context, watch = open_context(browser, any_site, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        goto_ok(page, any_site.url(""))
        found = search(page, query)
        meta = page.locator(".md-search-result__meta").inner_text()
    finally:
        context.close()
    assert found, f"{query!r}: no results ({meta})"
    assert page_url(any_site, expected) in found, f"{query!r}: {expected} not among {found}"
    assert not watch.problems(), "\n".join(watch.problems())


# Counts Material's "switching" marks on <body> (set or removed), from before the page exists
COUNT_SWITCHING_MARKS = """window.__switchingMarks = 0
new MutationObserver(records => { window.__switchingMarks += records.length })
    .observe(document, { attributes: true, subtree: true, attributeFilter: ["data-md-color-switching"] })"""
# The page's color-scheme metas' values, in order
COLOR_SCHEMES = "[...document.querySelectorAll('meta[name=color-scheme]')].map(m => m.content)"
# The palette on <body> when the header is first seen (a microtask: before the next script runs)
SCHEME_AT_HEADER = """new MutationObserver((records, observer) => {
    if (document.querySelector("header.md-header")) {
        window.__schemeAtHeader = document.body.dataset.mdColorScheme
        observer.disconnect()
    }
}).observe(document, { childList: true, subtree: true })"""


def test_palette_toggle(browser, any_site):
    """The toggle switches light and dark, with Material's "switching" mark on <body> (no colour
    eases across) and the page's colour scheme following; at load, where the palette is applied
    already, the mark is never set and Material's own color-scheme meta is kept out
    (overrides/main.html)."""
    context, watch = open_context(browser, any_site, color_scheme="light")
    context.add_init_script(COUNT_SWITCHING_MARKS)
    page = context.new_page()
    try:
        goto_ok(page, any_site.url(""))
        body = page.locator("body")
        assert body.get_attribute("data-md-color-scheme") == "default"
        assert page.evaluate("window.__switchingMarks") == 0
        # one color-scheme meta, the page's own, following the palette (Material's is kept out)
        assert page.evaluate(COLOR_SCHEMES) == ["light"]
        page.locator("form[data-md-component='palette'] label:visible").first.click()
        page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
        page.wait_for_function("() => window.__switchingMarks === 2")   # set, then removed
        page.wait_for_function(f"() => {COLOR_SCHEMES}.join() === 'dark'")
        page.locator("form[data-md-component='palette'] label:visible").first.click()
        page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")
        page.wait_for_function(f"() => {COLOR_SCHEMES}.join() === 'light'")
    finally:
        context.close()
    assert not watch.problems(), "\n".join(watch.problems())


@pytest.mark.parametrize("scheme,shown", [("dark", "slate"), ("light", "default")])
def test_a_page_is_drawn_in_the_readers_palette_from_its_header_on(browser, any_site, scheme, shown):
    """A first visit is in the palette of the reader's light or dark preference before the header
    is drawn, and a palette the reader chose wins (overrides/main.html): Material's own script
    applied the preferred one only once the page was parsed, drawn light until then."""
    context, watch = open_context(browser, any_site, color_scheme=scheme)
    context.add_init_script(SCHEME_AT_HEADER)
    page = context.new_page()
    try:
        goto_ok(page, page_url(any_site, "people"))
        assert page.evaluate("window.__schemeAtHeader") == shown
        assert page.evaluate(COLOR_SCHEMES) == ["dark" if shown == "slate" else "light"]
        chosen = "default" if shown == "slate" else "slate"
        page.evaluate("s => __md_set('__palette', { index: s === 'slate' ? 1 : 0, color: { media: '', scheme: s } })",
                      chosen)
        goto_ok(page, page_url(any_site, "results"))
        assert page.evaluate("window.__schemeAtHeader") == chosen
        assert page.evaluate("document.body.dataset.mdColorScheme") == chosen
    finally:
        context.close()
    assert not watch.problems(), "\n".join(watch.problems())


def test_tooltip_on_hover(browser, any_site):
    """content.tooltips: hovering a term with a title shows Material's tooltip."""
    context, watch = open_context(browser, any_site, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        goto_ok(page, page_url(any_site, "results"))
        target = page.locator("article abbr[title], article a[title]").first
        target.scroll_into_view_if_needed()
        target.hover()
        tip = page.locator(".md-tooltip2--active, .md-tooltip--active").first
        tip.wait_for(state="visible", timeout=5_000)
        assert tip.inner_text().strip(), "tooltip is empty"
    finally:
        context.close()
    assert not watch.problems(), "\n".join(watch.problems())


def test_404_page_has_site_styles(browser, served_site):
    """GitHub Pages serves 404.html for any missing path, however deep: it must still be styled."""
    body = (served_site.dir / "404.html").read_bytes()
    context, watch = open_context(browser, served_site)
    missing = served_site.base + "no/such/page/"
    context.route(missing, lambda r: r.fulfill(status=404, body=body, content_type="text/html"))
    page = context.new_page()
    try:
        page.goto(missing, wait_until="load")
        assert page.locator("h1").first.inner_text().strip() == "404 - Not found"
        assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
        assert page.locator(".md-sidebar--primary .md-nav__link[href]").count() > 5
    finally:
        context.close()
    problems = [p for p in watch.problems() if "no/such/page" not in p]
    assert not problems, "\n".join(problems)


def test_screenshots(browser, any_site, artifacts_dir, request):
    mode = "served" if not any_site.offline else "offline"
    context, watch = open_context(browser, any_site, viewport={"width": 1280, "height": 900},
                                  color_scheme="light")
    page = context.new_page()
    try:
        goto_ok(page, any_site.url(""))
        page.screenshot(path=artifacts_dir / f"home-{mode}.png", full_page=False)
        search(page, "runoff")
        page.locator(".md-search__scrollwrap").evaluate("e => e.scrollTo(0, 0)")
        page.wait_for_timeout(200)
        page.screenshot(path=artifacts_dir / f"search-{mode}.png", full_page=False)
    finally:
        context.close()
    assert (artifacts_dir / f"home-{mode}.png").stat().st_size > 10_000
    assert (artifacts_dir / f"search-{mode}.png").stat().st_size > 10_000
    assert not watch.problems(), "\n".join(watch.problems())


def test_print_page_sections_fit_their_size_estimates_on_a_narrow_phone(browser, served_site):
    """Each page's section on the print page is laid out only near the viewport, sized until then
    by the estimate the build writes on it. A section taller than its estimate would overlap the
    next one whenever a script measures it (Lighthouse's touch-target audit did): every section,
    laid out at 320 px wide, is at most its estimate."""
    context, watch = open_context(browser, served_site, viewport={"width": 320, "height": 700})
    page = context.new_page()
    try:
        goto_ok(page, page_url(served_site, "print_page"))
        page.add_style_tag(content="#print-site-page section.print-page { content-visibility: visible !important }")
        sections = page.evaluate("""() => [...document.querySelectorAll(
            '#print-site-page section.print-page[id]:not(.md-section)')].map(s => [s.id,
            s.style.getPropertyValue('--print-section-height'), s.getBoundingClientRect().height])""")
        assert len(sections) > 15
        for section_id, estimate, height in sections:
            assert estimate.endswith("px"), f"section {section_id} has no size estimate"
            assert 0 < height <= float(estimate[:-2]), f"section {section_id}: {height:.0f}px tall, estimate {estimate}"
    finally:
        context.close()
    assert not watch.problems(), "\n".join(watch.problems())


# Each block: its class, its bound, its height, and for its last (widest) list number the room on
# the left of the items inside the block, which clips what overflows it, and the width the number needs
BOUNDED_BLOCKS_JS = """() => [...document.querySelectorAll('article :is(.footnote, ol.bibliography)')].map(block => {
    const list = block.matches('ol') ? block : block.querySelector('ol'), last = list.lastElementChild;
    const number = document.createElement('span');
    number.style.cssText = `font: ${getComputedStyle(last).font}; white-space: pre; position: absolute`;
    number.textContent = `${list.start + list.children.length - 1}. `;
    document.body.append(number);
    const needs = number.getBoundingClientRect().width;
    number.remove();
    const room = last.getBoundingClientRect().left - block.getBoundingClientRect().left - block.clientLeft;
    return [block.className, block.style.getPropertyValue('--height-bound'), block.getBoundingClientRect().height,
            room, needs, number.textContent];
})"""


def test_long_blocks_fit_their_height_bound_on_a_narrow_phone_and_links_still_reach_into_them(browser, served_site):
    """A page's notes and lists of references are laid out only near the viewport, sized until
    then by the bound the build writes on them (macros/page_html.py). A block taller than it would
    overlap what follows whenever a script measures it: laid out at 320 px wide, every such block
    of every page is at most its bound, and has room inside it for its widest list number. A note
    marker, and a link from another page to the last reference of the longest list, still reach
    their target."""
    # The bounds are CSS alone: each page measured once parsed (with its stylesheets and deferred
    # scripts run), not after its search index loads; loading is checked page by page elsewhere.
    plain = browser.new_context(viewport={"width": 320, "height": 700})
    checked = set()
    try:
        page = plain.new_page()
        for rel in served_site.pages():
            if "print_page" in rel:
                continue
            assert page.goto(served_site.url(rel), wait_until="domcontentloaded").ok, rel
            page.add_style_tag(content=".md-typeset [style*='--height-bound'] { content-visibility: visible !important }")
            for kind, bound, height, room, needs, number in page.evaluate(BOUNDED_BLOCKS_JS):
                assert bound.endswith("px"), f"{rel}: a {kind} block without a height bound"
                assert 0 < height <= float(bound[:-2]), f"{rel}: {kind} {height:.0f}px tall, bound {bound}"
                # a number that does not fit is cut off at the block's edge ("11." read as "1.")
                assert room >= needs, f"{rel}: {kind}: {room:.0f}px on the left for {number!r}, which needs {needs:.0f}px"
                checked.add((rel, kind))
        assert len(checked) > 25 and {kind for _, kind in checked} == {"footnote", "bibliography"}
    finally:
        plain.close()
    context, watch = open_context(browser, served_site, viewport={"width": 320, "height": 700})
    page = context.new_page()
    try:
        goto_ok(page, page_url(served_site, "people"))
        marker = page.locator("article sup[id^='fnref'] a").last
        target = marker.get_attribute("href")
        marker.click()
        page.wait_for_function("h => location.hash === h", arg=target)
        expect(page.locator(target.replace(":", "\\:"))).to_be_in_viewport()
        goto_ok(page, page_url(served_site, "sources-after"))
        last = page.locator("ol.bibliography > li").last.get_attribute("id")
        goto_ok(page, page_url(served_site, "index"))
        goto_ok(page, page_url(served_site, "sources-after") + f"#{last}")
        expect(page.locator(f"#{last}")).to_be_in_viewport()
    finally:
        context.close()
    assert not watch.problems(), "\n".join(watch.problems())


SPLIT_WORDS_JS = """() => {
    const split = [];
    for (const cell of document.querySelectorAll('article td, article th')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const m of node.data.matchAll(/[^\\s\u2010-\u2014-]+/g)) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (lines.size > 1) split.push(m[0]);
            }
        }
    }
    return split;
}"""


def test_no_word_in_a_table_is_split_across_lines_on_a_narrow_phone(browser, served_site):
    """On a 320 px screen a table scrolls sideways rather than break a name inside the word
    ("Pezeshkia" / "n" on the Results page before site.css said so). A line may still break
    after a hyphen or dash, as in running text. Every page with a table is checked."""
    context, watch = open_context(browser, served_site, viewport={"width": 320, "height": 700})
    page = context.new_page()
    with_tables, split = [], {}
    try:
        for rel in served_site.pages():
            # laid out with its stylesheets: the search index it fetches next plays no part here
            goto_ok(page, served_site.url(rel), search=False)
            if page.locator("article td").count() == 0:
                continue
            with_tables.append(rel)
            page.add_style_tag(content="section.print-page { content-visibility: visible !important }")
            words = page.evaluate(SPLIT_WORDS_JS)
            if words:
                split[rel] = words[:10]
    finally:
        context.close()
    assert len(with_tables) >= 4, f"tables found on {with_tables} only"
    assert not split, f"words split across lines in a table cell: {split}"
    assert not watch.problems(), "\n".join(watch.problems())


def test_print_page_contents_and_tooltips(browser, any_site):
    """The print page's Contents (built at build time, macros/print_page.py) is there
    once, links every section, and a glossary term still shows its definition on hover."""
    context, watch = open_context(browser, any_site, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        goto_ok(page, page_url(any_site, "print_page"))
        contents = page.locator("#print-page-toc .print-page-toc-nav > ul")
        assert contents.count() == 1, "Contents listed more than once, or not at all"
        links = contents.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
        sidebar = page.locator(".md-sidebar--secondary ul").first.locator("a") \
            .evaluate_all("els => els.map(a => a.getAttribute('href'))")
        assert len(links) > 20 and links == sidebar
        # the sidebar's last link reaches its heading, in a section not laid out until needed
        target = links[-1]
        page.locator(".md-sidebar--secondary ul").first.locator(f"a[href='{target}']").click()
        page.wait_for_function("h => location.hash === h", arg=target)
        expect(page.locator(target)).to_be_in_viewport()
        # no Material script runs here: the palette toggle and the search box, which need one, are
        # hidden (site.css, by the class macros/print_page.py gives the page's <body>)
        for control in ('[data-md-component="palette"]', 'label[for="__search"]'):
            assert page.locator(control).count() and not page.locator(control).first.is_visible(), control
        # Contents is for paper: hidden on screen, shown when printed
        assert not contents.is_visible()
        page.emulate_media(media="print")
        assert contents.is_visible()
        # Material's tooltips are off here; the browser's own (title) keeps each definition
        assert page.locator("article abbr[title]").count() > 20
    finally:
        context.close()
    assert not watch.problems(), "\n".join(watch.problems())


@pytest.mark.parametrize("scheme,shown", [("dark", "slate"), ("light", "default")])
def test_the_print_page_opened_first_takes_the_readers_colour_scheme(browser, any_site, scheme, shown):
    """No Material script runs on the print page, whose own few lines pick the palette of the
    reader's light or dark preference when no palette is stored (overrides/main.html): opened
    first, from a search engine or a bookmark, it is dark for a reader who prefers dark."""
    context, watch = open_context(browser, any_site, color_scheme=scheme)
    page = context.new_page()
    try:
        goto_ok(page, page_url(any_site, "print_page"))
        assert page.evaluate("document.body.dataset.mdColorScheme") == shown
        # a palette the reader chose on another page still wins
        page.evaluate("s => __md_set('__palette', { index: 0, color: { media: '', scheme: s } })",
                      "default" if shown == "slate" else "slate")
        page.reload()
        assert page.evaluate("document.body.dataset.mdColorScheme") != shown
    finally:
        context.close()
    assert not watch.problems(), "\n".join(watch.problems())


def test_a_sortable_table_sorts_by_the_clicked_column_and_keeps_its_totals(browser, any_site):
    """tablesort.js: a header is a button; one click sorts the body rows up by that column (numbers
    as numbers, so 206,397 comes before 3,383,340), a second click sorts them down, aria-sort
    says which, and the totals in <tfoot> stay where they are."""
    context, watch = open_context(browser, any_site, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    read_rows = """t => ({
        body: [...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.textContent.trim())),
        foot: [...(t.tFoot ? t.tFoot.rows : [])].map(r => r.cells[0].textContent.trim()),
        sort: [...t.tHead.rows[0].cells].map(c => c.getAttribute('aria-sort')),
    })"""
    try:
        goto_ok(page, page_url(any_site, "results"))
        table = page.locator("table.sortable").first
        before = table.evaluate(read_rows)
        headers = table.locator("thead th button.sort-button")
        assert headers.count() == len(before["body"][0]), "every header should be a sort button"
        votes = [h.strip() for h in table.locator("thead th").all_inner_texts()].index("Votes")

        def number(text: str) -> int:
            return int(text.replace(",", ""))

        headers.nth(votes).click()
        up = table.evaluate(read_rows)
        headers.nth(votes).press("Enter")          # a real button: the keyboard sorts too
        down = table.evaluate(read_rows)
        headers.nth(0).click()
        by_name = table.evaluate(read_rows)
    finally:
        context.close()
    counts = sorted(number(row[votes]) for row in before["body"])
    assert [number(row[votes]) for row in up["body"]] == counts
    assert [number(row[votes]) for row in down["body"]] == counts[::-1]
    assert [row[0] for row in by_name["body"]] == sorted((row[0] for row in before["body"]), key=str.lower)
    assert up["sort"][votes] == "ascending" and down["sort"][votes] == "descending"
    assert by_name["sort"][0] == "ascending" and by_name["sort"][votes] is None
    for after in (up, down, by_name):
        assert sorted(after["body"]) == sorted(before["body"]), "sorting must move rows, never change them"
        assert after["foot"] == before["foot"], "totals must stay in the table's foot"
    assert not watch.problems(), "\n".join(watch.problems())
