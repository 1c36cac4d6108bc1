"""Internal links and anchors in the built site all resolve: every href/src on every page
(print page and 404 included) that stays on the site names a file that was built and, with a
#fragment, an id on that page.

A test over the built HTML rather than mkdocs-htmlproofer-plugin: the plugin checks pages as
they render, before the hooks write the downloads (CSV, BibTeX…) and the print page, so it
reports those links as 404s and never sees the print page."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup

SITE = "http://site.invalid/"


@lru_cache(maxsize=None)
def ids_in(path: Path) -> frozenset[str]:
    doc = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    return frozenset(el["id"] for el in doc.find_all(id=True)) | frozenset(
        el["name"] for el in doc.find_all("a", attrs={"name": True}))


def target_file(site_dir: Path, url: str) -> Path | None:
    path = site_dir / unquote(urlsplit(url).path[len("/"):])
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def test_internal_links_and_anchors_resolve(built_site, pages):
    problems = []
    for page in pages:
        page_url = urljoin(SITE, page.url)
        doc = BeautifulSoup(page.path.read_text(encoding="utf-8"), "lxml")
        for el in doc.find_all(["a", "link", "img", "script", "source", "use"]):
            for attr in ("href", "src", "xlink:href"):
                raw = el.get(attr)
                if not raw or raw.startswith(("data:", "mailto:", "javascript:", "tel:")):
                    continue
                url = urljoin(page_url, raw)
                if not url.startswith(SITE):
                    continue                      # another host: not checked (no network)
                if el.name == "link" and el.get("rel") == ["canonical"]:
                    continue
                bare, fragment = urldefrag(url)
                target = target_file(built_site, bare)
                if target is None:
                    problems.append(f"{page}: {attr}={raw!r} -> no such file")
                elif fragment and target.suffix == ".html" and unquote(fragment) not in ids_in(target):
                    problems.append(f"{page}: {attr}={raw!r} -> no id {unquote(fragment)!r} there")
    assert not problems, f"{len(problems)} broken internal link(s):\n" + "\n".join(sorted(set(problems))[:60])
