"""MkDocs hook: give the print-all page (mkdocs-print-site-plugin) a relative base URL, make its
anchor rewriting linear, keep its CSS and JS on the print page only, and render it with the
theme environment MkDocs already compiled.

print-site renders print_page.html at the end of the build with the template context it kept
from 404.html. MkDocs gives the 404 page an absolute base (the path of site_url, e.g. "/"), so
the print page's Material config said `"base": "/"`: search and other scripts looked for their
files at the root of the disk when the offline zip was opened from file://. Runs before
print-site's own on_post_build (priority 50 > 0); 404.html is already written by then.
"""
from __future__ import annotations

import re

import mkdocs_print_site_plugin.urls as print_urls
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

# print-site 2.9 rewrites each page's links and ids with one page_html.replace() per match,
# which is quadratic in a page's length: at 100× content the long reference pages (sources,
# timeline) made it most of the build. The versions below make one pass over the page and hand
# each match, alone, to the plugin's own function, so the rewriting rules stay the plugin's.
# (One pass also mends a plugin bug: its page-wide replace() rewrites a link twice when the
# first rewrite produces the text of a later match, e.g. "../reformists/" → "#reformists",
# then "#reformists" → "#<page>-reformists".)
_plugin_fix_href_links = print_urls.fix_href_links
_plugin_update_anchor_ids = print_urls.update_anchor_ids
_HREF = re.compile(r"<a\s+([^>]*?\s+)?href=\"(.*?)\"", flags=re.IGNORECASE)   # the plugin's regex
# The plugin's id regex, `<([^\s]+).*?id="([^"]*?)".*?>`, lets `.*?` run past the end of a tag, so
# every "<" scanned to the next id on its line: slow on the long lines macros write, and it missed
# a heading or footnote id that follows another tag on the same line. This one stays in one tag.
_ID_TAG = re.compile(r"<([^\s>]+)[^>]*?id=\"([^\"]*?)\"[^>]*>", flags=re.IGNORECASE)


def fix_href_links(page_html, page_key, page_url, directory_urls=False):
    return _HREF.sub(lambda m: _plugin_fix_href_links(m.group(0), page_key, page_url, directory_urls), page_html)


def update_anchor_ids(page_html, page_key):
    return _ID_TAG.sub(lambda m: _prefixed_id(m, page_key), page_html)


def _prefixed_id(m: re.Match, page_key: str) -> str:
    # The plugin renames the ids of headings, notes and list items only, but rewrites every
    # in-page link: a link to an event of the Timeline or the chronology (a <p>) pointed nowhere.
    if m.group(1).lower() == "p":
        return m.group(0).replace(f'id="{m.group(2)}"', f'id="{page_key}-{m.group(2)}"', 1)
    return _plugin_update_anchor_ids(m.group(0), page_key)


# fix_internal_links() looks both names up in the plugin's urls module when it runs.
print_urls.fix_href_links = fix_href_links
print_urls.update_anchor_ids = update_anchor_ids


def _print_site_assets(entries) -> list:
    return [e for e in entries if str(e).startswith(("css/print-site", "js/print-site"))]


# print-site adds two stylesheets and a script to every page's <head>, though only the print page
# uses them: three more requests, two of them render-blocking, on each page a reader opens. They
# are taken out of the site-wide lists here (after print-site's on_config) and put back in
# on_post_build below, when every other page is written and only the print page is left to render
# (Material's templates read config.extra_css / extra_javascript, not the page context).
_print_only: dict[str, list] = {"extra_css": [], "extra_javascript": []}


@event_priority(-100)
def on_config(config, **kwargs):
    for key in _print_only:
        _print_only[key] = _print_site_assets(config[key])
        config[key] = [e for e in config[key] if e not in _print_only[key]]
    return config


# print-site renders its page with `config.theme.get_env()`, a new Jinja environment that
# compiles every theme template a second time (about 0.15 s a build). The environment MkDocs
# built, plugins' changes included, is handed over instead.
_theme_env = None


def on_env(env, config, files, **kwargs):
    global _theme_env
    _theme_env = env
    return env


@event_priority(50)
def on_post_build(config, **kwargs):
    plugin = config.plugins.get("print-site")
    if plugin is None or not plugin.config.get("enabled") or not getattr(plugin, "context", None):
        return
    plugin.context = dict(plugin.context)
    plugin.context["base_url"] = get_relative_url(".", plugin.print_page.url)
    for key, entries in _print_only.items():
        config[key] = entries + [e for e in config[key] if e not in entries]
    if _theme_env is not None:
        config.theme.get_env = lambda: _theme_env
