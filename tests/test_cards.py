"""macros/cards.py, the link card of each page: its size and weight, a long title kept inside
its margins, characters the font lacks stopping the build, the same bytes from the same title,
where each card lies, and a card in the built site for every page, showing that page's title."""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import numpy as np
import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError
from PIL import Image

from macros import cards
from sitebuild import ROOT



class ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's own values; its tags (!ENV, python names) read as nothing."""


ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), ConfigLoader)
SITE_NAME = CONFIG["site_name"]
MAX_BYTES = 60 * 1024
TITLES = {
    "short": "Results and turnout",
    "long": "The reformists' return — Pezeshkian's profile and campaign, with the conservatives' "
            "split and the runoff of 5 July 2024 explained",   # 129 characters
    "non-ASCII": "Chronology, 2024–2026: ‘Look East’ — the Leader’s “balance”",
}


def draw(title: str, band: str = SITE_NAME) -> bytes:
    return cards.draw_card.__wrapped__(title, band)  # past the cache: really drawn


def image(png: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG"
    return img


@pytest.mark.parametrize("kind", TITLES)
def test_a_card_is_a_1200_by_630_png_under_60_kib(kind):
    png = draw(TITLES[kind])
    assert image(png).size == (1200, 630)
    assert len(png) < MAX_BYTES, f"{kind} title: {len(png) / 1024:.1f} KiB"


def title_ink(png: bytes) -> np.ndarray:
    """Where the title's dark ink is, below the band (the band itself is dark indigo)."""
    grey = np.asarray(image(png).convert("L"))
    ink = grey < 128
    ink[: cards.BAND + 1] = False
    return ink


@pytest.mark.parametrize("title", [TITLES["long"], "An unbroken " + "word" * 60, "word " * 150])
def test_a_long_title_is_wrapped_inside_the_margins(title):
    ink = title_ink(draw(title))
    rows, cols = np.nonzero(ink)
    assert len(cols), "no title drawn"
    assert cols.min() >= cards.MARGIN - 8, f"ink at x={cols.min()}, left of the margin"
    assert cols.max() < cards.WIDTH - cards.MARGIN, f"ink at x={cols.max()}, in the right margin"
    assert rows.max() < cards.HEIGHT - 40, f"ink at y={rows.max()}, at the card's bottom edge"
    # the title fills more than one line and reaches well across the card
    assert rows.max() - rows.min() > 150 and cols.max() > cards.WIDTH / 2


def test_a_long_title_is_shown_whole_in_at_most_four_lines_and_a_too_long_one_ends_in_an_ellipsis():
    font, lines = cards.fit_title(TITLES["long"], cards.WIDTH - 2 * cards.MARGIN, 380)
    assert 2 <= len(lines) <= 4 and font.size >= 44
    assert " ".join(lines).replace("\u00a0", " ") == TITLES["long"]
    _, lines = cards.fit_title("word " * 150, cards.WIDTH - 2 * cards.MARGIN, 380)
    assert len(lines) == 4 and lines[-1].endswith(cards.ELLIPSIS)


def test_a_dash_never_opens_a_line():
    font = cards._font(cards.BOLD, 84)
    title = "Russia and China — a departure from the Raisi line"
    for width in range(400, 1100, 25):
        assert not any(line.startswith(("—", "–")) for line in cards.wrap(title, font, width))


def test_the_non_ascii_of_titles_is_in_the_font_and_a_missing_glyph_stops_the_build(tmp_path):
    assert cards.missing_glyphs(TITLES["non-ASCII"], cards.BOLD) == []
    assert cards.missing_glyphs(SITE_NAME, cards.REGULAR) == []
    # an en dash drawn is not the empty box of a character the font lacks
    assert draw("2024–2026") != draw("2024\ue0002026")

    class Config(dict):
        plugins: dict = {}

    config = Config(site_name=SITE_NAME, site_dir=str(tmp_path))
    with pytest.raises(PluginError, match=r"page 'cjk/'.*no glyph for 漢"):
        cards._write("Iran 漢", SITE_NAME, "cjk/", config)
    with pytest.raises(PluginError, match=r"no glyph for 漢"):
        cards._write("Iran", "漢", "cjk/", config)
    cards._write(TITLES["non-ASCII"], SITE_NAME, "since-the-brief/", config)
    assert (tmp_path / "assets/cards/since-the-brief.png").read_bytes() == draw(TITLES["non-ASCII"])


def test_a_right_to_left_title_stops_the_build_instead_of_a_card_with_its_letters_unjoined(tmp_path):
    class Config(dict):
        plugins: dict = {}

    config = Config(site_name=SITE_NAME, site_dir=str(tmp_path))
    assert cards.missing_glyphs("انتخابات", cards.BOLD) == []   # the font has the letters: the glyph check passes
    with pytest.raises(PluginError, match=r"page 'election/'.*right-to-left text cannot be drawn"):
        cards._write("انتخابات ۱۴۰۳", SITE_NAME, "election/", config)
    assert not (tmp_path / "assets/cards/election.png").exists()


def test_the_same_title_gives_the_same_bytes():
    for title in TITLES.values():
        assert draw(title) == draw(title)
    assert draw(TITLES["short"]) != draw(TITLES["long"])


@pytest.mark.parametrize("url, path", [
    ("", "assets/cards/index.png"),
    ("results/", "assets/cards/results.png"),
    ("since-the-brief/", "assets/cards/since-the-brief.png"),
    ("print_page/", "assets/cards/print_page.png"),
    ("section/page/", "assets/cards/section-page.png"),
    ("results.html", "assets/cards/results.png"),
    ("index.html", "assets/cards/index.png"),
    ("section/index.html", "assets/cards/section.png"),
    ("a page/", "assets/cards/a-page.png"),
])
def test_card_path_is_flat_and_stable(url, path):
    assert cards.card_path(url) == path


def test_the_home_pages_band_is_the_first_clause_of_the_description():
    assert cards.tagline(CONFIG["site_description"]) == "A sourced explainer on Iran's 2024 snap presidential election"
    assert cards.tagline("Turnout in 2024: 39.9 percent.") == "Turnout in 2024"
    assert cards.tagline("") == ""


# --- The built site ------------------------------------------------------------------------------

def sitemap_urls(site_dir) -> list[str]:
    """Each page's URL relative to the site (as page.url), from sitemap.xml."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in ET.parse(site_dir / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    root = urlsplit(locs[0]).path  # the home page comes first
    return [urlsplit(loc).path.removeprefix(root) for loc in locs]


def shown_title(site_dir, url: str) -> str:
    """The page's title as its <title> shows it, without the site's name."""
    title = BeautifulSoup((site_dir / url / "index.html").read_text(encoding="utf-8"), "html.parser").title
    return title.get_text().removesuffix(f" - {SITE_NAME}")


def test_every_page_in_the_sitemap_and_the_print_page_have_a_card_with_their_title(built_site):
    urls = sitemap_urls(built_site)
    assert len(urls) > 20 and "" in urls and "results/" in urls
    for url in urls + ["print_page/"]:
        path = built_site / cards.card_path(url)
        assert path.is_file(), f"no card for page {url or '/'!r} at {cards.card_path(url)}"
        png = path.read_bytes()
        assert image(png).size == (1200, 630) and len(png) < MAX_BYTES, f"{path.name}: {len(png)} bytes"
        title, band = (SITE_NAME, cards.tagline(CONFIG["site_description"])) if url == "" else \
            (shown_title(built_site, url), SITE_NAME)
        assert png == draw(title, band), f"card of {url or '/'!r} does not show {title!r} under {band!r}"
