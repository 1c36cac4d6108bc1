"""The linear replacement of print-site's anchor rewriting gives the plugin's own result."""
import importlib.util
import re

from mkdocs_print_site_plugin.urls import fix_href_links as plugin_hrefs
from mkdocs_print_site_plugin.urls import update_anchor_ids as plugin_version

from sitebuild import ROOT


def load_hook():
    # The hook replaces the plugin's functions when loaded; the originals were imported above.
    spec = importlib.util.spec_from_file_location("print_site_hook", ROOT / "tools" / "print_site_hook.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ID = re.compile(r'<([a-z0-9]+)\b[^>]*?\bid="([^"]*)"')


def test_anchor_rewrite_keeps_the_plugins_result_and_adds_the_footnote_ids_it_missed(built_site):
    # Every id the plugin rewrites is rewritten the same way; the only others are footnote ids
    # on <sup>/<li> that follow another tag on their line, which the plugin's regex skips and
    # which then repeat once per page on the print page.
    hook = load_hook()
    pages = sorted(p for p in built_site.rglob("*.html") if p.parent.name != "print_page")  # input, not output
    assert len(pages) > 15
    extra = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        ours, theirs = ID.findall(hook.update_anchor_ids(html, "pg")), ID.findall(plugin_version(html, "pg"))
        assert len(ours) == len(theirs), page
        for (tag, mine), (_, plugin) in zip(ours, theirs):
            if mine != plugin:
                assert tag in ("sup", "li") and re.match(r"(fnref\d*|fn):", plugin) and mine == "pg-" + plugin, (page, mine, plugin)
                extra += 1
    assert extra > 0  # the built pages have such footnotes: the case is exercised


def test_links_are_rewritten_by_the_plugins_rules_one_at_a_time():
    hook = load_hook()
    html = '<a href="#intro">Intro</a> <a class="x" href="../results/#table-1">T</a> <a href="https://e.org">E</a>'
    assert hook.fix_href_links(html, "pg", "people/", True) == plugin_hrefs(html, "pg", "people/", True)


def test_a_rewritten_link_is_not_rewritten_again():
    # The plugin replaces every copy of each original link text in the whole page, so a link
    # to the page "reformists/" (made "#reformists") is caught again by the later rewrite of an
    # in-page "#reformists" anchor and points inside this page. One pass rewrites each once.
    hook = load_hook()
    html = '<a href="../reformists/">page</a> <a href="#reformists">section</a>'
    out = hook.fix_href_links(html, "factions", "factions/", True)
    assert out == '<a href="#reformists">page</a> <a href="#factions-reformists">section</a>'
    assert plugin_hrefs(html, "factions", "factions/", True).count("#factions-reformists") == 2


def test_it_prefixes_heading_ids_and_leaves_others():
    hook = load_hook()
    html = '<h2 id="a">A</h2>\n<li id="fn:x">note</li>\n<div id="keep"></div>'
    out = hook.update_anchor_ids(html, "page")
    assert 'id="page-a"' in out and 'id="page-fn:x"' in out and 'id="keep"' in out
    assert out == plugin_version(html, "page")
