"""The offline build (the zip read from file://) names the published site only where no browser
fetches: it carries no link cards (their `og:image` names the online address, so in the zip
they would be weight and nothing else), no feed, and no absolute address in anything a page
loads. (A build of its own, left out of `make test-fast` by tests/conftest.py's _BUILDS.)"""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from macros.cards import CARDS_DIR
from sitebuild import ROOT, mkdocs_build


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("offline") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", out, env={"OFFLINE": "true"})
    assert result.returncode == 0, f"offline build failed:\n{result.stderr[-4000:]}"
    return out


def test_the_offline_build_has_no_cards(offline_site):
    # (tests/test_cards.py requires them, in the same place, in the online build)
    assert (offline_site / "index.html").is_file() and (offline_site / "results.html").is_file()
    assert not (offline_site / CARDS_DIR).exists()
    assert not [p for p in offline_site.rglob("*.png") if "cards" in p.parts]


# what a browser loads as it opens a page (links followed only on a click are not among them)
FETCHED = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src",
           "embed": "src", "object": "data"}
FETCHED_LINKS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "alternate"}


def test_the_offline_pages_load_nothing_by_an_absolute_address(offline_site):
    pages = sorted(offline_site.rglob("*.html"))
    assert len(pages) > 25
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        # the link cards' tags and the JSON-LD do name the published site: no browser fetches them
        if page.name != "404.html":   # the not-found page is no page to share: it has no card
            assert soup.find("meta", property="og:image")["content"].startswith("http"), page.name
        loaded = [tag.get(attr) for tag, attr in
                  [(t, FETCHED[t.name]) for t in soup.find_all(list(FETCHED))] +
                  [(t, "href") for t in soup.find_all("link") if FETCHED_LINKS & set(t.get("rel", []))]]
        absolute = [url for url in loaded if url and url.startswith(("http:", "https:", "//"))]
        assert not absolute, f"{page.relative_to(offline_site)} loads {absolute}"


def test_the_offline_build_has_no_feed(offline_site):
    assert not (offline_site / "feed.xml").exists()
    assert "application/atom+xml" not in (offline_site / "index.html").read_text(encoding="utf-8")
