"""MkDocs hook: render each navigation section once per build, not once per page.

Material puts the whole navigation in every page, and renders it from its Jinja macros on every
page: with N pages that is N x N items, the part of the build that grows faster than the
content (at 100x content it was most of a plain Material build). overrides/partials/nav-item.html
(Material's own, with one line changed) sends each child section through `nav_cache` below.

A section's HTML depends on the page being rendered in two ways only:
- whether the page is inside it (the open path, the active link, the page's table of contents):
  such a section is never cached;
- its links, which MkDocs writes relative to the page. All of a section's URLs start with the
  same folders C (e.g. "copy3/"). For a page outside C, every link is (the way from the page up
  to where it leaves C's path) + (the rest of C and the link), so the section's links are fixed
  by one string, C written relative to the page. That string is the cache key. A page inside C,
  or a section whose URLs share no folder, is rendered as Material renders it.

tests/test_nav_cache.py builds the site with and without the cache and compares every page.
"""
from __future__ import annotations

import jinja2
from markupsafe import Markup
from mkdocs.utils import get_relative_url


def _parts(url: str) -> list[str]:
    return [p for p in url.split("/") if p and p != "."]


def _page_dir(url: str) -> list[str]:
    # as mkdocs.utils.get_relative_url reads the page's URL: a last part with a dot is a file
    dirname, _, basename = url.rpartition("/")
    return _parts(dirname if "." in basename else url)


def _is_external(url: str) -> bool:
    return "://" in url or url.startswith(("/", "mailto:", "#"))


def _common_folder(item) -> list[str] | None:
    """The folders every relative URL in the section starts with (None: no relative URL)."""
    common: list[str] | None = None
    stack = [item]
    while stack:
        node = stack.pop()
        if node.children:
            stack.extend(node.children)
            continue
        url = getattr(node, "url", None)
        if url is None or _is_external(url):
            continue
        parts = _parts(url)
        if common is None:
            common = parts
        else:
            n = 0
            for a, b in zip(common, parts):
                if a != b:
                    break
                n += 1
            common = common[:n]
    return common


def make_nav_cache():
    rendered: dict[tuple, Markup] = {}
    folders: dict[int, list[str] | None] = {}

    @jinja2.pass_context
    def nav_cache(context, item, path, level, parent, caller):
        if not item.children or item.active:
            return caller()
        key_id = id(item)
        if key_id not in folders:
            folders[key_id] = _common_folder(item)
        common = folders[key_id]
        page = context.get("page")
        if common is None:
            where = ""                      # only external links: the same on every page
        elif not common:
            return caller()                 # URLs share no folder: rendered every time
        elif page is None:
            where = "base:" + str(context.get("base_url"))   # 404.html: links from the base URL
        elif _page_dir(page.url)[:len(common)] == common:
            return caller()                 # the page is inside C: its links differ
        else:
            where = get_relative_url("/".join(common) + "/", page.url)
        # parent.active decides a class with navigation.tabs + navigation.sections
        key = (key_id, path, level, bool(getattr(parent, "active", False)), where)
        html = rendered.get(key)
        if html is None:
            html = rendered[key] = Markup(caller())
        return html

    return nav_cache


def on_env(env, config, files, **kwargs):
    # a new cache for every build: `mkdocs serve` rebuilds with new navigation objects
    env.globals["nav_cache"] = make_nav_cache()
    return env
