"""MkDocs hook: make the print-all page (mkdocs-print-site-plugin 2.9) valid HTML.

print-site writes print_page/index.html itself, in its on_post_build, with three faults the Nu
HTML Checker reports (tests/quality/test_html_valid.py):

- `heading-number="1.2"` on each <section>: not an HTML attribute. Renamed `data-heading-number`
  (nothing reads it: the plugin numbers headings from the <style> below, and only when
  enumerate_headings is on).
- Duplicate ids: the plugin prefixes each page's ids with the page key ("about-fn:x") but its
  regex misses a <sup id="fnref:x"> that follows another tag on the same line, so the same
  footnote reference id appears once per page. Its links already point to "#about-fnref:x", so
  adding the missing prefix also makes the footnotes' back-links land in the right page.
- The heading-number <style> is emitted in <body> after the content; it moves into <head>.

Runs after print-site's on_post_build (priority -50 < 0) and fails the build if the page it
expects is not there, rather than silently doing nothing.
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

PAGE_SECTION = re.compile(r'<section class="print-page" id="([^"]+)"')
UNPREFIXED_ID = re.compile(r'(<(?:sup|li)\s+id=")((?:fnref\d*|fn):[^"]+")')
STYLE_IN_BODY = re.compile(r"(</div>)(<style>.*?</style>)", re.S)


def make_valid(html: str) -> str:
    html = re.sub(r"(<section\b[^>]*?)\sheading-number=", r"\1 data-heading-number=", html)

    starts = list(PAGE_SECTION.finditer(html))
    out = [html[: starts[0].start()] if starts else html]
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(html)
        key = m.group(1)
        out.append(UNPREFIXED_ID.sub(lambda f, k=key: f"{f.group(1)}{k}-{f.group(2)}", html[m.start():end]))
    html = "".join(out)

    style = STYLE_IN_BODY.search(html)
    if style:
        html = html[: style.start(2)] + html[style.end(2):]
        html = html.replace("</head>", style.group(2) + "\n</head>", 1)
    return html


@event_priority(-50)
def on_post_build(config, **kwargs):
    plugin = config.plugins.get("print-site")
    if plugin is None or not plugin.config.get("enabled"):
        return
    path = Path(config["site_dir"]) / plugin.print_page.file.dest_uri
    if not path.is_file():
        raise PluginError(f"print page not found at {path}")
    path.write_text(make_valid(path.read_text(encoding="utf-8")), encoding="utf-8")
