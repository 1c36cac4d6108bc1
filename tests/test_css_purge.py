"""Material's CSS trimmed to what the site uses (tools/css_purge_hook.py): the rules, without MkDocs.

That the trimmed CSS styles every page exactly as Material's own does is checked in a browser
(tests/browser/test_trimmed_css_in_browser.py); these tests pin down each rule of the trimming.
"""
from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from sitebuild import load_tool_hook

purge_hook = load_tool_hook("css_purge_hook")
MATERIAL_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


def used(html: str = "", js: str = "", css: str = ""):
    site = purge_hook.Used()
    site.add_html(html.encode())
    site.add_javascript(js)
    site.add_stylesheet_references(css)
    return site


def trim(css: str, site) -> str:
    [out] = purge_hook.purge([purge_hook.parse(css)], site)
    return out


def test_a_rule_needing_a_class_no_page_has_is_dropped_and_one_it_has_is_kept():
    site = used('<div class="md-nav other">')
    assert trim(".md-nav{color:red}.admonition{color:blue}", site) == ".md-nav{color:red}"


def test_only_the_selectors_that_cannot_match_leave_a_selector_list():
    site = used('<p class="a">')
    assert trim(".a,.b,p{margin:0}", site) == ".a,p{margin:0}"


def test_every_class_of_a_compound_selector_is_needed():
    site = used('<p class="a">')
    assert trim(".a.b{margin:0}.a .b{margin:1px}.a>p{margin:2px}", site) == ".a>p{margin:2px}"


def test_classes_inside_functions_and_brackets_never_remove_a_rule():
    site = used('<p class="a">')
    css = '.a:not(.gone){margin:0}.a:is(.gone,.also-gone){margin:1px}.a[data-x=".gone"]{margin:2px}'
    assert trim(css, site) == css


def test_a_class_material_javascript_creates_keeps_its_rules():
    site = used("", 'x("div",{class:"md-search-result__item"}),e.classList.toggle("md-tooltip--active")')
    assert trim(".md-search-result__item{margin:0}.md-tooltip--active{opacity:1}.md-version{margin:0}", site) \
        == ".md-search-result__item{margin:0}.md-tooltip--active{opacity:1}"


def test_a_class_javascript_builds_from_a_template_keeps_every_class_it_begins():
    site = used("", "let t=`md-status--${name}`")
    assert trim(".md-status--new{color:red}.md-status{color:blue}", site) == ".md-status--new{color:red}"


def _config(**theme) -> str:
    """The <script> Material writes into every page's head for its own script."""
    import json
    return f'<script id="__config" type="application/json">{json.dumps({"features": [], "version": None, **theme})}</script>'


FEATURE_CSS = (".md-version__list{margin:0}.tabbed-button{margin:1px}.md-code__button{margin:2px}"
               ".md-source__fact{margin:3px}.md-annotation{margin:4px}.md-tag{margin:5px}"
               ".md-search-result__item{margin:6px}")
FEATURE_JS = ('h("ul",{class:"md-version__list"}),h("button",{class:"tabbed-button"}),'
              'h("button",{class:"md-code__button"}),h("li",{class:"md-source__fact"}),'
              'h("aside",{class:"md-annotation"}),h("span",{class:`md-tag ${type}`}),'
              'h("li",{class:"md-search-result__item"})')


def test_classes_a_script_feature_creates_go_when_what_it_needs_is_on_no_page():
    # A plain page: no version in the config, no repository link, no content tabs, no highlighted
    # code, no tags in the search index. Search runs everywhere, so its result classes stay.
    site = used(_config() + '<pre><code>plain</code></pre>', FEATURE_JS)
    assert trim(FEATURE_CSS, site) == ".md-search-result__item{margin:6px}"


@pytest.mark.parametrize("page, kept", [
    (_config(version={"provider": "mike"}), ".md-version__list{margin:0}"),
    ('<div class="tabbed-set" data-tabs="1:2">', ".tabbed-button{margin:1px}"),
    (_config(features=["content.code.copy"]), ".md-code__button{margin:2px}"),
    ('<div class="highlight"><pre><code>x</code></pre></div>', ".md-code__button{margin:2px}.md-annotation{margin:4px}"),
    ('<div class="annotate">', ".md-annotation{margin:4px}"),
    ('<a class="md-source" data-md-component="source">', ".md-source__fact{margin:3px}"),
    ('<span class="md-tag">', ".md-tag{margin:5px}"),
])
def test_classes_a_script_feature_creates_stay_when_a_page_gives_it_what_it_needs(page, kept):
    site = used(page if "__config" in page else _config() + page, FEATURE_JS)  # one config a page
    assert trim(FEATURE_CSS, site) == kept + ".md-search-result__item{margin:6px}"


def test_tags_in_the_search_index_keep_the_tag_classes_but_the_index_settings_do_not():
    settings = '{"config":{"fields":{"title":{"boost":1000.0},"tags":{"boost":1000000.0}}},"docs":[]}'
    site = used(_config(), FEATURE_JS)
    site.add_search_index(settings)
    assert ".md-tag{" not in trim(FEATURE_CSS, site)
    site.add_search_index(settings.replace('"docs":[]', '"docs":[{"location":"","tags": ["Iran"]}]'))
    assert ".md-tag{margin:5px}" in trim(FEATURE_CSS, site)


def test_a_class_a_page_has_is_kept_even_when_the_feature_that_creates_it_cannot_run():
    site = used(_config() + '<div class="md-version__list">', FEATURE_JS)
    assert trim(".md-version__list{margin:0}", site) == ".md-version__list{margin:0}"


def test_diagram_colours_a_script_reads_go_without_a_diagram_and_stay_with_one():
    css = ":root>*{--md-mermaid-edge-color:red;--md-tooltip-width:20rem}"
    js = 'e.style.setProperty("--md-tooltip-width",w);const s=`stroke:var(--md-mermaid-edge-color)`'
    assert trim(css, used(_config(), js)) == ":root>*{--md-tooltip-width:20rem}"
    assert trim(css, used(_config() + '<pre class="mermaid">', js)) == css


def test_a_page_whose_theme_config_cannot_be_read_lets_every_script_feature_run():
    site = used('<script id="__config" type="application/json">{"features": [</script>', FEATURE_JS)
    assert trim(FEATURE_CSS, site) == FEATURE_CSS


def test_each_script_feature_rests_on_what_materials_own_source_says():
    """The rows of SCRIPT_FEATURES quote Material's source (the bundle's source map); an upgrade
    that changes when a feature runs must be read again, not trusted."""
    import json
    [source_map] = (MATERIAL_CSS.parent / "javascripts").glob("bundle.*.min.js.map")
    sources = json.loads(source_map.read_text(encoding="utf-8"))
    ours = "\n".join(text for name, text in zip(sources["sources"], sources["sourcesContent"])
                     if "node_modules" not in name)
    for feature, (prefixes, _, quotes) in purge_hook.SCRIPT_FEATURES.items():
        for quote in quotes:
            assert quote in ours, f"{feature}: Material's source no longer says {quote!r}"
        for prefix in prefixes:  # and the feature's own template does create or read them
            assert prefix in ours, f"{feature}: {prefix} not in Material's source"


def test_a_class_named_in_a_script_selector_is_not_one_it_creates():
    site = used("", 'document.querySelector(".admonition")')
    assert trim(".admonition{margin:0}", site) == ""


def test_palette_rules_for_colours_the_site_does_not_offer_are_dropped():
    site = used('<body data-md-color-scheme="default" data-md-color-primary="indigo">'
                '<input data-md-color-scheme="slate" data-md-color-primary="indigo">')
    css = ("[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5}"
           "[data-md-color-primary=red]{--md-primary-fg-color:#ef5552}"
           '[data-md-color-scheme="slate"]{color-scheme:dark}'
           ".x{color:var(--md-primary-fg-color)}")
    site.classes.add("x")
    assert trim(css, site) == ("[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5}"
                               '[data-md-color-scheme="slate"]{color-scheme:dark}'
                               ".x{color:var(--md-primary-fg-color)}")


def test_the_palette_switching_rule_is_removed_though_it_could_match():
    # Material sets data-md-color-switching on <body> at every page load; its rule restyles every
    # element twice (tools/css_purge_hook.py). Other selectors of the same rule stay.
    site = used('<body data-md-color-scheme="default" data-md-color-switching=""><p class="a">')
    css = ("[data-md-color-switching] *,[data-md-color-switching] :after{transition-duration:0s!important}"
           ".a,[ data-md-color-switching ] .a{margin:0}[data-md-color-scheme=default]{color-scheme:light}")
    assert trim(css, site) == ".a{margin:0}[data-md-color-scheme=default]{color-scheme:light}"


def test_a_custom_property_nothing_reads_is_dropped_and_one_read_through_another_is_kept():
    site = used('<p class="a">')
    css = (":root{--unused:1px;--base:2px;--derived:calc(var(--base) * 2);--only-gone:3px}"
           ".a{margin:var(--derived)}.gone{margin:var(--only-gone)}")
    assert trim(css, site) == ":root{--base:2px;--derived:calc(var(--base) * 2)}.a{margin:var(--derived)}"


def test_a_custom_property_our_css_or_a_page_or_a_script_reads_is_kept():
    css = ":root{--md-a:1px;--md-b:2px;--md-c:3px;--md-d:4px}"
    site = used('<p style="margin:var(--md-b)">', "e.style.setProperty(`--md-c`,x)", ".mine{margin:var(--md-a)}")
    assert trim(css, site) == ":root{--md-a:1px;--md-b:2px;--md-c:3px}"


def test_a_variable_one_file_defines_and_another_reads_is_kept():
    site = used('<p class="a">')
    defines, reads = purge_hook.parse(":root{--md-x:1px;--md-y:2px}"), purge_hook.parse(".a{margin:var(--md-x)}")
    assert purge_hook.purge([defines, reads], site) == [":root{--md-x:1px}", ".a{margin:var(--md-x)}"]


def test_media_and_supports_groups_are_trimmed_inside_and_dropped_when_empty():
    site = used('<p class="a">')
    css = "@media screen and (min-width:60em){.a{margin:0}.b{margin:1px}}@supports (display:grid){.b{margin:0}}"
    assert trim(css, site) == "@media screen and (min-width:60em){.a{margin:0}}"


def test_other_at_rules_and_important_declarations_are_kept_as_written():
    site = used('<p class="a">')
    css = '@charset "UTF-8";@keyframes spin{0%{transform:rotate(0)}to{transform:rotate(1turn)}}.a{margin:0!important}'
    assert trim(css, site) == css


def test_unparseable_css_is_an_error_that_says_where():
    with pytest.raises(ValueError, match="line 2"):
        purge_hook.parse(".a{margin:0}\n}{")


def test_materials_own_css_loses_rules_this_site_cannot_use(built_site):
    """On the real build: smaller files, no stale source maps, and the rules pages use still there."""
    stylesheets = built_site / "assets" / "stylesheets"
    for original in sorted(MATERIAL_CSS.glob("*.min.css")):
        trimmed = stylesheets / original.name
        assert trimmed.stat().st_size < 0.8 * original.stat().st_size, original.name
        assert not trimmed.with_name(trimmed.name + ".map").exists()
    main = next(stylesheets.glob("main.*.min.css")).read_text(encoding="utf-8")
    every = " ".join(p.read_text(encoding="utf-8") for p in stylesheets.glob("*.css"))
    theirs = next(MATERIAL_CSS.glob("palette.*.min.css")).read_text(encoding="utf-8")
    assert "data-md-color-switching" in theirs, "Material no longer has the switching rule: drop SWITCHING"
    assert "data-md-color-switching" not in every
    assert ".md-header" in main and ".md-search-result__item" in main
    # Admonition rules are there exactly when a page has an admonition.
    pages = " ".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.html"))
    has_admonition = re.search(r'class="[^"]*\badmonition\b', pages) is not None
    assert (".md-typeset .admonition" in main) == has_admonition


class _Config:
    """The three settings the hook reads, for a theme and a site made in a test."""
    def __init__(self, root):
        self.site_dir = str(root / "site")
        self.config_file_path = str(root / "mkdocs.yml")
        self.theme = type("Theme", (), {"dirs": [str(root / "overrides"), str(root / "theme")]})()


def _theme_and_site(root, theme_css: str, built_css: str, html: str):
    (root / "theme" / "assets" / "stylesheets").mkdir(parents=True)
    (root / "theme" / "assets" / "stylesheets" / "main.min.css").write_text(theme_css)
    stylesheets = root / "site" / "assets" / "stylesheets"
    stylesheets.mkdir(parents=True)
    (stylesheets / "main.min.css").write_text(built_css)
    (stylesheets / "main.min.css.map").write_text("{}")
    (stylesheets / "site.css").write_text(".mine{margin:var(--md-b)}")
    (root / "site" / "index.html").write_text(html)
    return stylesheets


def test_the_hook_trims_the_themes_own_file_not_a_copy_it_trimmed_before(tmp_path):
    """Under `mkdocs serve --dirty` site/ may hold last build's trimmed file; a class a page has
    gained since must still get its rules."""
    stylesheets = _theme_and_site(tmp_path, ".a{margin:0}.b{margin:1px}:root{--md-b:1px;--md-c:2px}",
                                  built_css=".a{margin:0}", html='<p class="a b">')
    purge_hook.on_post_build(_Config(tmp_path))
    assert (stylesheets / "main.min.css").read_text() == ".a{margin:0}.b{margin:1px}:root{--md-b:1px}"
    assert (stylesheets / "site.css").read_text() == ".mine{margin:var(--md-b)}"  # ours untouched
    assert not (stylesheets / "main.min.css.map").exists()


def test_a_theme_stylesheet_is_parsed_once_and_read_back_from_the_cache(tmp_path, monkeypatch):
    stylesheets = _theme_and_site(tmp_path, ".a{margin:0}.b{margin:1px}", built_css="", html='<p class="a">')
    purge_hook.on_post_build(_Config(tmp_path))
    assert len(list((tmp_path / ".cache" / "css").glob("*.json"))) == 1
    monkeypatch.setattr(purge_hook, "parse", lambda css: pytest.fail("parsed again"))
    purge_hook.on_post_build(_Config(tmp_path))
    assert (stylesheets / "main.min.css").read_text() == ".a{margin:0}"


def test_a_theme_stylesheet_that_does_not_parse_stops_the_build_naming_it(tmp_path):
    from mkdocs.exceptions import PluginError
    _theme_and_site(tmp_path, ".a{margin:0}\n}{", built_css="", html='<p class="a">')
    with pytest.raises(PluginError, match=r"theme/assets/stylesheets/main\.min\.css: CSS syntax error at line 2"):
        purge_hook.on_post_build(_Config(tmp_path))


def _pages(root, count: int):
    for n in range(count):
        (root / f"p{n}.html").write_text(
            f'<body data-md-color-primary="c{n}">'
            + (_config(features=[f"f{n}"], version=n and "1.0") if n in (0, 6) else "")
            + f'<div class="md-container"><p class="k{n} shared" '
            f'style="margin:var(--v{n})"></div>')
    return sorted(root.glob("*.html"))


def test_pages_read_on_two_cores_give_what_one_core_reads(tmp_path, monkeypatch):
    from macros import processes
    monkeypatch.setattr(processes.threading, "active_count", lambda: 1)  # as `mkdocs build` runs
    forked = []
    real_context = processes.fork_context
    monkeypatch.setattr(processes, "fork_context", lambda: forked.append(1) or real_context())
    monkeypatch.setattr(purge_hook, "FORK_FROM_PAGES", 2)
    pages = _pages(tmp_path, 7)
    both = purge_hook._used_by_pages_on_two_cores(pages)
    one = purge_hook._used_by_pages(pages)
    assert forked  # the two-core path was taken
    assert both.page_facts() == one.page_facts()
    assert both.features == {"f0", "f6"} and both.has_version  # from the forked side too
    assert both.classes == {"shared", "md-container", *(f"k{n}" for n in range(7))}
    assert both.palette == {"data-md-color-primary": {f"c{n}" for n in range(7)}}


def test_a_page_the_forked_process_cannot_read_is_read_again_and_the_error_is_raised(tmp_path, monkeypatch):
    from macros import processes
    monkeypatch.setattr(processes.threading, "active_count", lambda: 1)
    monkeypatch.setattr(purge_hook, "FORK_FROM_PAGES", 2)
    pages = [tmp_path / "missing.html", *_pages(tmp_path, 3)]  # the even ones go to the child
    with pytest.raises(FileNotFoundError, match="missing.html"):
        purge_hook._used_by_pages_on_two_cores(pages)


def test_when_this_process_fails_first_the_forked_one_is_not_left_behind(tmp_path, monkeypatch):
    import multiprocessing
    from macros import processes
    monkeypatch.setattr(processes.threading, "active_count", lambda: 1)
    monkeypatch.setattr(purge_hook, "FORK_FROM_PAGES", 2)
    pages = [*_pages(tmp_path, 3), tmp_path / "missing.html"]  # the odd ones are read here
    with pytest.raises(FileNotFoundError, match="missing.html"):
        purge_hook._used_by_pages_on_two_cores(pages)
    assert not multiprocessing.active_children()
