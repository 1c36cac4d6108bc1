"""MkDocs hook: render each navigation section once per build, not once per page.

Material puts the whole navigation in every page, and renders it from its Jinja macros on every
page: with N pages that is N x N items, the part of the build that grows faster than the
content (at 100x content it was most of a plain Material build). overrides/partials/nav.html and
nav-item.html (Material's own, with one call changed) send each section through `nav_cache`.

A section's HTML depends on the page being rendered in two ways only:
- whether the page is inside it (the open path, the active link, the page's table of contents):
  such a section is never cached;
- its links, which MkDocs writes relative to the page (mkdocs.utils.get_relative_url): the way up
  from the page's folder to the folders it shares with the link, then down. If every link of the
  section shares the same number k of leading folders with the page, the links depend on the
  page only through (its depth, k), and that pair is the cache key. It holds when the page is
  outside the folders C that all the section's links start with (k = the folders the page shares
  with C), or inside C but in none of the subfolders the links go on into (k = len(C)). A page
  that shares a deeper folder with some links is rendered as Material renders it.

tests/test_nav_cache.py builds sites with and without the cache and compares every page.
"""
from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

UNCACHEABLE = object()


def _norm_parts(path: str) -> list[str]:
    # as mkdocs.utils._norm_parts, which get_relative_url uses
    path = posixpath.normpath("/" + path.lstrip("/"))[1:]
    return path.split("/") if path else []


def _page_dir(url: str) -> list[str]:
    # as get_relative_url reads the page's URL: a last part with a dot is a file
    dirname, _, basename = url.rpartition("/")
    return _norm_parts(dirname if "." in basename else url)


def _shared(a: list[str], b: list[str]) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _shape(item):
    """(C, the subfolders below C the links go into) for a section; None if all its links are
    external (the same on every page); UNCACHEABLE if a link climbs with "../"."""
    urls = []
    stack = [item]
    while stack:
        node = stack.pop()
        if node.children:
            stack.extend(node.children)
            continue
        url = getattr(node, "url", None)
        if url is None:
            continue
        url = url or "."
        if urlsplit(url).scheme or urlsplit(url).netloc or url.startswith(("/", "#")):
            continue                        # written as it is, whatever the page
        if (posixpath.normpath(url) + "/").startswith("../"):
            return UNCACHEABLE              # MkDocs prefixes these: not worth mirroring
        urls.append(_norm_parts(url))
    if not urls:
        return None
    common = urls[0]
    for parts in urls[1:]:
        common = common[:_shared(common, parts)]
    return common, {parts[len(common)] for parts in urls if len(parts) > len(common)}


def _key(shape, page_dir: list[str]):
    """(page depth, folders shared with every link), or None if links share different amounts."""
    common, heads = shape
    k = _shared(page_dir, common)
    if k == len(common) and len(page_dir) > k and page_dir[k] in heads:
        return None
    return len(page_dir), k


def make_nav_cache():
    rendered: dict[tuple, Markup] = {}
    shapes: dict[int, object] = {}

    @jinja2.pass_context
    def nav_cache(context, item, path, level, parent, caller):
        if not item.children or item.active:
            return caller()
        if id(item) not in shapes:
            shapes[id(item)] = _shape(item)
        shape = shapes[id(item)]
        page = context.get("page")
        if shape is UNCACHEABLE:
            return caller()
        if shape is None:
            where = "external links only"
        elif page is None:
            where = ("base", str(context.get("base_url")))   # 404.html: links from the base URL
        else:
            where = _key(shape, _page_dir(page.url))
            if where is None:
                return caller()
        # parent.active decides a class with navigation.tabs + navigation.sections
        key = (id(item), path, level, bool(getattr(parent, "active", False)), where)
        html = rendered.get(key)
        if html is None:
            html = rendered[key] = Markup(caller())
        return html

    return nav_cache


def on_env(env, config, files, **kwargs):
    # a new cache for every build: `mkdocs serve` rebuilds with new navigation objects
    env.globals["nav_cache"] = make_nav_cache()
    return env
