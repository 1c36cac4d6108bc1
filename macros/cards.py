"""A link-card PNG per page (what a chat or a post shows for a shared link), 1200×630 as Open Graph
crops least, drawn at build time: the title large (it is read 300–500 px wide) under the site's name
in an indigo band like its header. DejaVu Sans as matplotlib ships it: no font file, no network.
"""
import io
import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

import matplotlib
from fontTools.ttLib import TTFont
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from PIL import Image, ImageDraw, ImageFont

from .site import offline_build, print_site

CARDS_DIR = "assets/cards"
SIZE = WIDTH, HEIGHT = 1200, 630

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
REGULAR = FONT_DIR / "DejaVuSans.ttf"

# Material's indigo with white text, 6.9:1, and near-black on white, 16:1: WCAG AAA at these sizes
INDIGO = (0x3F, 0x51, 0xB5)
WHITE = (0xFF, 0xFF, 0xFF)
INK = (0x21, 0x21, 0x21)

MARGIN = 80                       # left and right, and around the title
BAND = 110                        # the indigo band's height, at the top
BAND_SIZES = range(38, 25, -2)    # the band's line: one line, shrinking to fit
TITLE_SIZES = range(84, 43, -4)   # the title: the largest size that fits in MAX_LINES
MAX_LINES = 4
THREE_LINES_DOWN_TO = 60          # a title takes a fourth line only below this size
LINE_SPACING = 1.18
ELLIPSIS = "…"
DASH_AFTER_SPACE = re.compile(r"\s+([–—])")
# Anti-aliasing shades per pair of colours: 16 look like 256 at a card's size and keep it near 10 KiB
LEVELS = 16


@lru_cache(maxsize=None)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    # FreeType alone (bundled with Pillow), not raqm with the system's HarfBuzz: the same bytes anywhere
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=None)
def _glyphs(path: Path) -> frozenset[int]:
    return frozenset(TTFont(str(path), lazy=True).getBestCmap())


def missing_glyphs(text: str, path: Path) -> list[str]:
    """The characters of `text` the font has no glyph for (they would print as empty boxes)."""
    have = _glyphs(path)
    return sorted({c for c in text if not c.isspace() and ord(c) not in have})


def wrap(text: str, font, width: int) -> list[str]:
    """Words into lines no wider than `width` px, greedily. A dash stays at the end of its line
    ("camp —" / "Paydari"), never opening the next."""
    lines: list[str] = []
    for word in DASH_AFTER_SPACE.sub("\u00a0\\1", " ".join(text.split())).split(" "):
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] += " " + word
        elif font.getlength(word) <= width:
            lines.append(word)
        else:  # a word wider than a line (an address, say), cut where the line is full
            lines.append("")
            for c in word:
                if lines[-1] and font.getlength(lines[-1] + c) > width:
                    lines.append("")
                lines[-1] += c
    return lines


def wrap_balanced(text: str, font, width: int) -> list[str]:
    """As many lines as wrap() makes, as even as they can be (CSS's `text-wrap: balance`)."""
    lines = wrap(text, font, width)
    if len(lines) < 2:
        return lines
    # the narrowest width, from the widest word's up to `width`, that gives no more lines
    least = min(width, int(max(font.getlength(w) for w in text.split())))
    narrowest = least + bisect_left(range(least, width), True, key=lambda w: len(wrap(text, font, w)) <= len(lines))
    return wrap(text, font, narrowest)


def _shortened(line: str, font, width: int) -> str:
    """A line cut, at a word where it can be, so that it and an ellipsis fit."""
    while " " in line and font.getlength(line + ELLIPSIS) > width:
        line = line.rsplit(" ", 1)[0]
    while len(line) > 1 and font.getlength(line + ELLIPSIS) > width:
        line = line[:-1]
    return line.rstrip(" ,;:–—-") + ELLIPSIS


def fit_title(title: str, width: int, height: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size whose lines fit the box: three lines down to 60 px (they read better than
    four at 80), else four; a title too long even so ends in an ellipsis."""
    for max_lines, sizes in ((3, range(TITLE_SIZES.start, THREE_LINES_DOWN_TO - 1, TITLE_SIZES.step)),
                             (MAX_LINES, TITLE_SIZES)):
        for size in sizes:
            font = _font(BOLD, size)
            lines = wrap(title, font, width)
            if len(lines) <= max_lines and len(lines) * size * LINE_SPACING <= height:
                return font, wrap_balanced(title, font, width)
    return font, lines[: MAX_LINES - 1] + [_shortened(lines[MAX_LINES - 1], font, width)]


def _fit_band(text: str, width: int) -> tuple[ImageFont.FreeTypeFont, str]:
    for size in BAND_SIZES:
        font = _font(REGULAR, size)
        if font.getlength(text) <= width:
            return font, text
    return font, _shortened(text, font, width)


def _shades(bg, fg) -> list[int]:
    """The LEVELS colours an anti-aliased edge between two colours can take, as palette entries."""
    return [round(b + (f - b) * k / (LEVELS - 1)) for k in range(LEVELS) for b, f in zip(bg, fg)]


@lru_cache(maxsize=256)  # `mkdocs serve` rebuilds: a title unchanged is not drawn again
def draw_card(title: str, band: str) -> bytes:
    """One card as PNG bytes, with no timestamp or other metadata."""
    # Drawn as coverage (0-255), each pixel then one of LEVELS shades between the two colours it lies on:
    # a palette image without quantizing, which is slower and varies the colours by title
    coverage = Image.new("L", SIZE, 0)
    draw = ImageDraw.Draw(coverage)
    text_width = WIDTH - 2 * MARGIN
    if band:
        font, line = _fit_band(band, text_width)
        draw.text((MARGIN, BAND / 2), line, font=font, fill=255, anchor="lm")

    box_top, box_bottom = BAND + MARGIN * 0.75, HEIGHT - MARGIN
    font, lines = fit_title(title, text_width, int(box_bottom - box_top))
    step = font.size * LINE_SPACING
    # Centred from the first line's cap height to the last baseline: any title looks equally placed
    cap = -font.getbbox("H", anchor="ls")[1]
    block = cap + step * (len(lines) - 1)
    baseline = box_top + (box_bottom - box_top - block) / 2 + cap
    for n, line in enumerate(lines):
        draw.text((MARGIN, baseline + n * step), line, font=font, fill=255, anchor="ls")

    shade = [v * (LEVELS - 1) // 255 for v in range(256)]
    index = coverage.point(shade)
    top = (0, 0, WIDTH, BAND)
    index.paste(coverage.crop(top).point([LEVELS + v for v in shade]), top)
    index.putpalette(_shades(WHITE, INK) + _shades(INDIGO, WHITE))  # each pixel's shade indexes its colour
    out = io.BytesIO()
    index.save(out, format="PNG", compress_level=6)  # level 9 saves 2 KiB a card in five times as long
    return out.getvalue()


def card_path(page_url: str) -> str:
    """Where the card of the page at `page_url` lies from the site's root, flat: "" -> index.png,
    "results/" and "results.html" -> results.png, "a/b/" -> a-b.png (under CARDS_DIR)."""
    path = re.sub(r"(^|/)index\.html$", "", page_url).removesuffix(".html").strip("/")
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", path.replace("/", "-")) or "index"
    return f"{CARDS_DIR}/{name}.png"


# --- MkDocs (macros/hooks.py) ------------------------------------------------------------------

def _write(title: str, band: str, url: str, config) -> None:
    """The page's card into the site; not offline, where `og:image` names the online address."""
    if offline_build(config):
        return
    if missing := missing_glyphs(title, BOLD) + missing_glyphs(band, REGULAR):
        raise PluginError(f"link card of page {url or '/'!r} ({title!r}): DejaVu Sans has no glyph "
                          f"for {' '.join(missing)}")
    # Pillow's basic layout neither joins Arabic-script letters nor orders them right to left
    if right_to_left := [c for c in title + band if unicodedata.bidirectional(c) in ("R", "AL")]:
        raise PluginError(f"link card of page {url or '/'!r} ({title!r}): right-to-left text cannot be drawn "
                          f"({''.join(right_to_left[:12])}); give the page a title in Latin script")
    dest = Path(config["site_dir"]) / card_path(url)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(draw_card(title, band))


def tagline(description: str) -> str:
    """The first clause of the site's description, for the home page's band."""
    return re.split(r"[,;:.](?:\s|$)", " ".join(description.split()), maxsplit=1)[0]


def page_card_text(page, config) -> tuple[str, str]:
    """A card's title and band: the title its <title> shows (Material's rule) under the site's
    name; on the home page's, the site's name over the description in brief."""
    site_name = config["site_name"]
    if page.is_homepage:
        return site_name, tagline(config.get("site_description") or "")
    return (page.meta or {}).get("title") or Markup(page.title or "").striptags() or site_name, site_name


def write_page_card(output, page, config, **kwargs):
    """on_post_page: each page's card (404.html is a theme template, not a page)."""
    _write(*page_card_text(page, config), page.url, config)
    return output


def write_print_page_card(config, **kwargs):
    """on_post_build: the print-all page's card, rendered outside the page events."""
    if plugin := print_site(config):
        _write(plugin.print_page.title, config["site_name"], plugin.print_page.url, config)
