"""The trimmed Material CSS (tools/css_purge_hook.py) styles everything exactly as Material's own.

The same built site is served twice: as built (trimmed CSS) and with Material's original main and
palette CSS put back. Every element of every page, with its ::before and ::after, must get the
same computed value for every property a stylesheet of the site sets; on a phone in the light
palette, on a desktop in the dark one, and in the states Material's scripts create (drawer,
search results, tooltip, back-to-top button). A rule removed that some element needed shows up
as a difference, named by page, element and property.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import material
import pytest

from browser_kit import open_context
from sitebuild import ROOT, free_port, load_tool_hook, serve_directory

MATERIAL_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
purge_hook = load_tool_hook("css_purge_hook")

# Styles as hashes, one per element and pseudo-element (0 for a ::before/::after that is not
# drawn); with `detail`, the values themselves for the listed positions. URLs lose the site's
# address, which differs between the two servers.
STYLES_JS = """([props, base, detail]) => {
  const hash = (s) => { let h = 0x811c9dc5; for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); } return h >>> 0; };
  const pseudos = [null, "::before", "::after"];
  const styleOf = (el, pseudo) => {
    const cs = getComputedStyle(el, pseudo);
    if (pseudo && (cs.content === "none" || cs.content === "normal")) return null;
    return props.map(p => cs.getPropertyValue(p).split(base).join(""));
  };
  const name = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
      const cls = typeof e.className === "string" && e.className.trim()
        ? "." + e.className.trim().split(/\\s+/).join(".") : "";
      parts.unshift(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + cls);
    }
    return parts.join(" > ");
  };
  const all = document.querySelectorAll("*");
  if (detail) return detail.map(i => {
    const el = all[Math.floor(i / 3)], pseudo = pseudos[i % 3];
    return [name(el) + (pseudo || ""), styleOf(el, pseudo)];
  });
  const out = [];
  for (const el of all) for (const pseudo of pseudos) {
    const s = styleOf(el, pseudo);
    out.push(s === null ? 0 : hash(s.join("\\u0000")));
  }
  return out;
}"""

SETUPS = {
    "phone-light": {"viewport": {"width": 390, "height": 844}, "color_scheme": "light"},
    "desktop-dark": {"viewport": {"width": 1440, "height": 900}, "color_scheme": "dark"},
}


@pytest.fixture(scope="module")
def full_css_site(served_site, tmp_path_factory):
    """The same build with Material's own stylesheets (and nothing else) put back."""
    site_dir = tmp_path_factory.mktemp("full-css") / "site"
    shutil.copytree(served_site.dir, site_dir)
    originals = sorted(MATERIAL_CSS.glob("*.min.css"))
    assert originals, MATERIAL_CSS
    for original in originals:
        assert (site_dir / "assets" / "stylesheets" / original.name).is_file(), original.name
        shutil.copy(original, site_dir / "assets" / "stylesheets" / original.name)
    port = free_port()
    with serve_directory(site_dir, port) as base:
        yield type(served_site)(site_dir, base, offline=False)


@pytest.fixture(scope="module")
def properties() -> list[str]:
    """Every property a stylesheet of the site sets: what trimming a rule could change."""
    names = set()
    sheets = [*MATERIAL_CSS.glob("*.min.css"), *(ROOT / "docs").rglob("*.css")]
    for sheet in sheets:
        for name, _ in purge_hook._declarations(purge_hook.parse(sheet.read_text(encoding="utf-8"))):
            if name and not name.startswith("--"):
                names.add(name)
    assert {"color", "display", "margin", "mask-image"} <= names
    return sorted(names)


SIZE_ONLY = {"height", "width", "transform-origin", "perspective-origin", "top", "bottom", "left", "right"}


def _styles(page, site, props, detail=None):
    return page.evaluate(STYLES_JS, [props, site.base.rstrip("/"), detail])


NEXT_FRAME_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def _compared(page_pair, site_pair, props) -> list[list[int]]:
    """Both pages' styles, taken again while they differ (up to 3 times): a page still laying out
    (the print page's sections are drawn as they near the screen) settles, a missing rule does not."""
    for attempt in range(3):
        if attempt:
            page_pair[0].wait_for_timeout(500)
        for page in page_pair:
            page.evaluate(NEXT_FRAME_JS)
        dumps = [_styles(page, site, props) for page, site in zip(page_pair, site_pair)]
        if dumps[0] == dumps[1]:
            break
    return dumps


def _differences(where, page_pair, site_pair, props, trimmed, full) -> list[str]:
    if len(trimmed) != len(full):
        return [f"{where}: {len(trimmed) // 3} elements with the trimmed CSS, {len(full) // 3} with Material's"]
    positions = [i for i, (a, b) in enumerate(zip(trimmed, full)) if a != b][:200]
    if not positions:
        return []
    ours = _styles(page_pair[0], site_pair[0], props, positions)
    theirs = _styles(page_pair[1], site_pair[1], props, positions)
    out = []
    for (element, a), (_, b) in zip(ours, theirs):
        changed = {p: (y, x) for p, x, y in zip(props, a or ["(not drawn)"] * len(props),
                                               b or ["(not drawn)"] * len(props)) if x != y}
        text = "; ".join(f"{p}: {y!r} -> {x!r}" for p, (y, x) in list(changed.items())[:6])
        # An element whose own style changed comes before its ancestors that only grew or shrank.
        out.append((set(changed) <= SIZE_ONLY, f"{where}: {element}: {text}"))
    return [line for _, line in sorted(out, key=lambda o: o[0])][:6]


@pytest.mark.parametrize("setup", SETUPS)
def test_trimmed_css_styles_every_element_of_every_page_as_materials_own(
        browser, served_site, full_css_site, properties, setup):
    sites = (served_site, full_css_site)
    contexts = [open_context(browser, site, reduced_motion="reduce", **SETUPS[setup]) for site in sites]
    pages = [context.new_page() for context, _ in contexts]
    problems, checked = [], 0
    try:
        for rel in [*served_site.pages(), "404.html"]:
            for page, site in zip(pages, sites):
                page.goto(site.url(rel))
                page.wait_for_load_state("load")
            dumps = _compared(pages, sites, properties)
            checked += len(dumps[0])
            problems += _differences(f"{setup} {rel or '/'}", pages, sites, properties, *dumps)
    finally:
        for context, _ in contexts:
            context.close()
    assert checked > 10_000, checked  # every page was really compared
    assert not problems, "\n".join(problems)
    for _, watch in contexts:
        assert not watch.problems(), "\n".join(watch.problems())


def _open_drawer(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator(".md-header label[for='__drawer']").click()
    page.wait_for_function("() => document.getElementById('__drawer').checked")


def _search_results(page):
    page.mouse.click(385, 400)  # on the overlay, beside the open drawer
    page.wait_for_function("() => !document.getElementById('__drawer').checked")
    page.locator("label.md-header__button[for='__search']").click()
    page.locator("input.md-search__input").press_sequentially("Pezeshkian", delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    page.wait_for_timeout(300)  # let the first batch of results settle
    more = page.locator(".md-search-result__more > summary")
    if more.count():
        more.first.click()


def _tooltip(page):
    page.keyboard.press("Escape")
    page.set_viewport_size({"width": 1440, "height": 900})
    target = page.locator("article abbr[title], article a[title]").first
    target.scroll_into_view_if_needed()
    target.hover()
    page.locator(".md-tooltip2--active, .md-tooltip--active").first.wait_for(state="visible")


def _back_to_top(page):
    page.mouse.move(0, 0)
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -600)
    page.locator(".md-top:not([hidden])").wait_for(state="visible")


# Each state, how to reach it, and an element that shows it was reached.
STATES = {"drawer": (_open_drawer, "#__drawer:checked"),
          "search results": (_search_results, ".md-search-result__item"),
          "tooltip": (_tooltip, ".md-tooltip2--active, .md-tooltip--active"),
          "back-to-top": (_back_to_top, ".md-top:not([hidden])")}


def test_trimmed_css_styles_what_materials_scripts_create_as_materials_own(
        browser, served_site, full_css_site, properties):
    sites = (served_site, full_css_site)
    contexts = [open_context(browser, site, reduced_motion="reduce", color_scheme="light") for site in sites]
    pages = [context.new_page() for context, _ in contexts]
    problems = []
    try:
        for page, site in zip(pages, sites):
            page.goto(site.url("results/"), wait_until="networkidle")  # the search index is in
        for state, (reach, proof) in STATES.items():
            for page in pages:
                reach(page)
            dumps = _compared(pages, sites, properties)
            problems += _differences(state, pages, sites, properties, *dumps)
            for page in pages:
                assert page.locator(proof).count(), f"{state}: {proof} not on the page"
    finally:
        for context, _ in contexts:
            context.close()
    assert not problems, "\n".join(problems)
