"""Static checks on the two builds the browser tests use: nothing loaded from another host, the
offline zip is deterministic and self-contained, the vendored iframe-worker shim is the pinned
one, and the print-all page and print CSS are in place."""
from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit


ROOT = Path(__file__).resolve().parents[2]
SHIM = ROOT / "docs/assets/javascripts/iframe-worker-shim.js"
# sha256 of shim/index.js in the npm tarball iframe-worker-1.0.4.tgz
SHIM_SHA256 = "e8e412dbcfea9b7e31b5ffa288d7b6035915e714c542f4176a0cdbe262fc9609"


# <link rel> values that name a URL without the browser fetching it
NOT_LOADED_RELS = {"canonical", "alternate", "next", "prev", "author", "license", "help", "me",
                   "edit", "bookmark", "external", "nofollow", "noopener", "noreferrer"}


class LoadedURLs(HTMLParser):
    """URLs the browser would fetch by itself: scripts, stylesheets/icons/preloads, images,
    media, iframes, objects. <a href> is a link the reader chooses, not a load."""

    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        rels = set((a.get("rel") or "").lower().split())
        if tag == "link" and a.get("href") and not rels <= NOT_LOADED_RELS:
            self.urls.append((f"link rel={a.get('rel')}", a["href"]))
        elif tag in ("script", "img", "iframe", "audio", "video", "source", "track", "embed",
                     "input") and a.get("src"):
            self.urls.append((tag, a["src"]))
        elif tag == "object" and a.get("data"):
            self.urls.append((tag, a["data"]))
        if a.get("srcset"):
            for part in a["srcset"].split(","):
                self.urls.append((f"{tag} srcset", part.strip().split(" ")[0]))
        if a.get("style") and "url(" in a["style"]:
            self.urls.extend((f"{tag} style", u) for u in re.findall(r"url\(['\"]?([^'\")]+)", a["style"]))


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def foreign_loads(site_dir: Path, own_host: str | None) -> dict[str, list[str]]:
    """{host: ["file: what url", ...]} for every resource a built page or stylesheet loads
    from a host other than the site's own."""
    found: dict[str, list[str]] = {}

    def check(where: str, what: str, url: str):
        parts = urlsplit(url.strip())
        if parts.scheme in ("http", "https") or url.strip().startswith("//"):
            if parts.netloc and parts.netloc != own_host:
                found.setdefault(parts.netloc, []).append(f"{where}: {what} {url}")

    for html in sorted(site_dir.rglob("*.html")):
        parser = LoadedURLs()
        parser.feed(html.read_text(encoding="utf-8"))
        for what, url in parser.urls:
            check(html.relative_to(site_dir).as_posix(), what, url)
    for css in sorted(site_dir.rglob("*.css")):
        for m in CSS_URL.finditer(css.read_text(encoding="utf-8", errors="replace")):
            check(css.relative_to(site_dir).as_posix(), "css", m.group(1) or m.group(2))
    return found


def test_no_third_party_loads_online(served_site):
    found = foreign_loads(served_site.dir, urlsplit(served_site.base).netloc)
    assert not found, "\n".join(x for v in found.values() for x in v)


def test_no_third_party_loads_offline(offline_build):
    found = foreign_loads(offline_build["site_dir"], None)
    assert not found, "\n".join(x for v in found.values() for x in v)


def test_offline_uses_the_vendored_shim(offline_build):
    site = offline_build["site_dir"]
    index = (site / "index.html").read_text()
    assert '<script src="assets/javascripts/iframe-worker-shim.js"></script>' in index
    assert "unpkg.com" not in index
    assert (site / "assets/javascripts/iframe-worker-shim.js").is_file()
    assert (site / "assets/javascripts/iframe-worker.LICENSE").is_file()
    assert (site / "search/search_index.js").read_text().startswith("var __index = ")
    # the offline plugin turned directory URLs off
    assert (site / "results.html").is_file() and not (site / "results").exists()


def test_the_feed_is_online_only(served_site, offline_build):
    # A feed reader polls the published site; nothing subscribes to a file in a zip opened from
    # disk (macros/changes.py, write_feed). Online, its addresses are the served site's.
    assert not (offline_build["site_dir"] / "feed.xml").exists()
    feed = (served_site.dir / "feed.xml").read_text(encoding="utf-8")
    assert f"<id>{served_site.base}feed.xml</id>" in feed


def test_online_pages_do_not_load_the_shim(served_site):
    # Only file:// needs it; online it would be a render-blocking script in every page's <head>.
    pages = list(served_site.dir.rglob("*.html"))
    assert len(pages) > 15
    for html in pages:
        assert "iframe-worker" not in html.read_text(), html


def test_print_site_assets_load_on_the_print_page_only(served_site):
    for html in served_site.dir.rglob("*.html"):
        text = html.read_text()
        on_print_page = html.parent.name == "print_page"
        for asset in ("css/print-site.css", "js/print-site.js"):
            assert (asset in text) == on_print_page, (html, asset)


def test_vendored_shim_is_the_pinned_release():
    assert hashlib.sha256(SHIM.read_bytes()).hexdigest() == SHIM_SHA256
    licence = (SHIM.parent / "iframe-worker.LICENSE").read_text()
    assert "MIT" in licence or "Permission is hereby granted" in licence


def test_zip_layout_and_determinism(offline_build, tmp_path):
    zip_path = offline_build["zip"]
    assert f"{zip_path} {zip_path.stat().st_size} bytes" in offline_build["stdout"]
    with zipfile.ZipFile(zip_path) as zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names)
        assert all(n.startswith("iran-2024-explainer/") for n in names)
        assert "iran-2024-explainer/index.html" in names
        assert "iran-2024-explainer/print_page.html" in names
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert zf.testzip() is None
    # the same site packed again, later, gives the same bytes
    again = subprocess.run([sys.executable, "-m", "tools.make_zip",
                            str(offline_build["site_dir"]), str(tmp_path)],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert (tmp_path / zip_path.name).read_bytes() == zip_path.read_bytes()


def test_print_page_gathers_the_site_in_reading_order(served_site):
    html = (served_site.dir / "print_page" / "index.html").read_text()
    assert 'id="print-site-page"' in html
    # every nav page is in it, in nav order
    order = []
    for m in re.finditer(r'<section class="print-page" id="([^"]+)"', html):
        order.append(m.group(1))
    for must in ("index", "results", "numbers-checked", "sources"):
        assert any(must in sid for sid in order), (must, order)
    assert order.index(next(s for s in order if "results" in s)) < \
        order.index(next(s for s in order if "sources" in s))
    assert "{{" not in html and "{%" not in html, "unrendered macro in the print page"
    assert '"base": ".."' in html            # relative base: see macros/print_page.py


def test_print_styles_are_linked_on_every_page(served_site):
    css = (ROOT / "docs/assets/stylesheets/site.css").read_text()
    assert "@media print" in css and "attr(href)" in css
    for html in served_site.dir.rglob("*.html"):
        if html.name == "404.html":
            continue
        assert "assets/stylesheets/site.min.css" in html.read_text(), html
