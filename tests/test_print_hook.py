"""The linear replacement of print-site's anchor rewriting gives the plugin's own result."""
import importlib.util

from mkdocs_print_site_plugin.urls import update_anchor_ids as plugin_version

from sitebuild import ROOT


def load_hook():
    spec = importlib.util.spec_from_file_location("print_site_hook", ROOT / "tools" / "print_site_hook.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_linear_anchor_rewrite_equals_the_plugins_on_every_built_page(built_site):
    hook = load_hook()
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert hook.update_anchor_ids(html, "pg") == plugin_version(html, "pg"), page


def test_it_prefixes_heading_ids_and_leaves_others():
    hook = load_hook()
    html = '<h2 id="a">A</h2>\n<li id="fn:x">note</li>\n<div id="keep"></div>'
    out = hook.update_anchor_ids(html, "page")
    assert 'id="page-a"' in out and 'id="page-fn:x"' in out and 'id="keep"' in out
    assert out == plugin_version(html, "page")
