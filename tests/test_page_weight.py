"""What a reader pays for a page: its HTML plus the stylesheets and scripts it loads, compressed
with gzip as GitHub Pages sends them. Material's own stylesheet and script are about 60 KiB of it."""
from __future__ import annotations

import gzip

from bs4 import BeautifulSoup

LIMIT_KIB = 100
# gzip's default level, as bench/run.py measures: the server's level is not documented, and 9
# would flatter a page by about half a KiB
GZIP_LEVEL = 6
# A page that grows over the limit is split, as the chronology (a page a year), Sources and
# People (People since the brief, at 100.1 KiB in December 2026) were.

def transferred_kib(page, site) -> float:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    files = [page]
    for tag in soup.select("link[rel=stylesheet][href], script[src]"):
        url = (tag.get("href") or tag.get("src")).split("?")[0]
        if not url.startswith(("http:", "https:", "//")):
            files.append((page.parent / url).resolve())
    assert all(f.is_file() and f.is_relative_to(site.resolve()) for f in files), page
    return sum(len(gzip.compress(f.read_bytes(), GZIP_LEVEL)) for f in files) / 1024


def test_every_content_page_weighs_at_most_100_kib_compressed(built_site):
    weights = {}
    for page in sorted(built_site.rglob("index.html")):
        name = page.parent.relative_to(built_site).as_posix() or "index"
        if name.startswith("print_page"):
            continue  # the whole site in one page: Lighthouse's performance score guards it
        weights[name] = transferred_kib(page, built_site)
    assert len(weights) >= 25
    over = {n: round(w, 1) for n, w in weights.items() if w > LIMIT_KIB}
    assert not over, f"pages over their weight limit (KiB, gzip): {over}"
    assert sorted(weights.values())[len(weights) // 2] < 80   # the median page stays well below
