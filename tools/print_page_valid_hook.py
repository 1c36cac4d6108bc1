"""MkDocs hook: make the print-all page (mkdocs-print-site-plugin 2.9) valid HTML.

print-site writes print_page/index.html itself, in its on_post_build, with two faults the Nu
HTML Checker reports (tests/quality/test_html_valid.py):

- `heading-number="1.2"` on each <section>: not an HTML attribute. Renamed `data-heading-number`
  (nothing reads it: the plugin numbers headings from the <style> below, and only when
  enumerate_headings is on).
- (Duplicate footnote ids, once a third fault, are now prevented where ids are rewritten: see
  tools/print_site_hook.py; the Nu checker test would report any that came back.)
- The heading-number <style> is emitted in <body> after the content; it moves into <head>.

Runs after print-site's on_post_build (priority -50 < 0) and fails the build if the page it
expects is not there, rather than silently doing nothing.
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

STYLE_IN_BODY = re.compile(r"(</div>)(<style>.*?</style>)", re.S)


def make_valid(html: str) -> str:
    html = re.sub(r"(<section\b[^>]*?)\sheading-number=", r"\1 data-heading-number=", html)

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
