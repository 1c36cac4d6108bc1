"""MkDocs hook: the print-all page (mkdocs-print-site-plugin) does less work when it opens.

The print page is the whole site in one document, and opening it cost a phone 1.2-1.4 s of
blocked main thread (Lighthouse mobile performance 58-75). Measured one change at a time
(bench/results.md has the current figures):

- print-site copies the sidebar's table of contents into the page's "Contents" with JavaScript
  once the page has loaded (generate_toc()), which set Material's observers re-running over the
  whole document: about 400 ms of blocking time. The same copy is made here, at build time, and
  the script no longer calls it.
- Material's content.tooltips and toc.follow, on this page only, are switched off in its
  `__config`: they set up a tooltip for each of several hundred titled elements and watch the
  position of every heading of the site (about 250 ms). Terms keep their definition as the
  browser's own tooltip (the title attribute); the contents sidebar still links every heading.

- Each page's section is laid out only when it nears the viewport (`content-visibility: auto`,
  site.css). Until then the browser sizes it by `contain-intrinsic-size`, and a section whose
  content is taller than that estimate spills over the next one whenever a script measures it
  (an accessibility checker then sees links of two pages on top of each other). So each section
  carries its own estimate, from its length in characters, set high enough to hold the section
  at the narrowest phone width (320 px; checked in tests/browser/test_browser_site.py). Once a
  section has been shown the browser keeps its real size (`auto`).

Runs after print-site wrote the page and after print_page_valid_hook (priority -60).
"""
from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

from jinja2.utils import htmlsafe_json_dumps
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

OFF_ON_PRINT_PAGE = ("content.tooltips", "toc.follow")
CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
UL_TAG = re.compile(r"<ul\b|</ul>")
PAGE_SECTION = re.compile(r'<section class="print-page" id="[^"]+"')
TAG = re.compile(r"<[^>]*>")
SPACE = re.compile(r"\s+")
# Height per character of text and per section, in CSS px, an upper bound at 320 px wide: measured
# at most 1.05 px a character (sources page, one short entry a line) plus the heading's margins.
PX_PER_CHAR = 1.25
PX_FIXED = 800


def _fail(path: Path, what: str):
    raise PluginError(f"{path}: {what} (has mkdocs-print-site-plugin or Material changed its markup?)")


def _sidebar_toc(html: str, path: Path) -> str:
    """The first <ul> of the sidebar's table of contents, as generate_toc() clones it."""
    start = html.find('class="md-sidebar md-sidebar--secondary"')
    ul = html.find("<ul", start) if start >= 0 else -1
    if ul < 0:
        _fail(path, "no table of contents in the secondary sidebar")
    depth = 0
    for m in UL_TAG.finditer(html, ul):
        depth += 1 if m.group(0) == "<ul" else -1
        if depth == 0:
            toc = html[ul:m.end()]
            first_tag_end = toc.index(">")
            # clonedToc.removeAttribute("data-md-component"): on the outer <ul> only
            return toc[:first_tag_end].replace(' data-md-component="toc"', "") + toc[first_tag_end:]
    _fail(path, "the sidebar's table of contents never closes")


def with_contents_built(html: str, path: Path) -> str:
    call = "generate_toc();"
    if html.count(call) != 1:
        _fail(path, f"expected one {call} call, found {html.count(call)}")
    anchor = html.find("class='print-page-toc-nav'>")
    end = html.find("</nav>", anchor) if anchor >= 0 else -1
    if end < 0:
        _fail(path, "no print-page-toc-nav to put the contents in")
    html = html[:end] + _sidebar_toc(html, path) + "\n" + html[end:]
    return html.replace(call, "", 1)


def estimated_height(section_html: str) -> int:
    """A height in px no page section exceeds on a 320 px wide screen, from its visible text."""
    text = SPACE.sub(" ", unescape(TAG.sub("", section_html)))
    return -(-int(PX_FIXED + PX_PER_CHAR * len(text)) // 100) * 100  # rounded up to 100


def with_section_sizes(html: str, path: Path) -> str:
    starts = [m.start() for m in PAGE_SECTION.finditer(html)]
    if not starts:
        _fail(path, "no <section class=\"print-page\" id=...> page sections")
    end = html.find("</article>", starts[-1])
    if end < 0:
        _fail(path, "the page sections are not inside an <article>")
    out, last = [], 0
    for start, stop in zip(starts, starts[1:] + [end]):
        tag_end = html.index(">", start)
        height = estimated_height(html[tag_end + 1:stop])
        out += [html[last:tag_end], f' style="--print-section-height: {height}px"']
        last = tag_end
    return "".join(out) + html[last:]


def with_features_off(html: str, path: Path) -> str:
    m = CONFIG.search(html)
    if not m:
        _fail(path, "no Material __config script")
    app = json.loads(m.group(2))
    app["features"] = [f for f in app.get("features", []) if f not in OFF_ON_PRINT_PAGE]
    # written as Jinja's tojson filter writes it (sorted keys, <>&' escaped)
    return html[:m.start(2)] + str(htmlsafe_json_dumps(app, sort_keys=True)) + html[m.end(2):]


@event_priority(-60)
def on_post_build(config, **kwargs):
    plugin = config.plugins.get("print-site")
    if plugin is None or not plugin.config.get("enabled"):
        return
    path = Path(config["site_dir"]) / plugin.print_page.file.dest_uri
    if not path.is_file():
        raise PluginError(f"print page not found at {path}")
    html = path.read_text(encoding="utf-8")
    if plugin.config.get("add_table_of_contents"):
        html = with_contents_built(html, path)
    html = with_section_sizes(with_features_off(html, path), path)
    path.write_text(html, encoding="utf-8")
