"""MkDocs hook: each page without the templates' indentation and blank lines.

Material's templates are indented for their authors, and Python-Markdown keeps the indentation
of the HTML it is given: about 10 KiB of every page (a tenth of the Results page) was spaces at
the start of lines, most of it in the navigation, which each page carries whole. Outside the
elements where spaces are shown as written, a run of white space renders as one space whatever
it holds, so a line break followed by spaces, tabs and blank lines becomes one line break:
the page reads and lays out the same (tests/test_html_whitespace.py compares every page's
rendered text and the elements kept as written). Kept as written: <pre>, <textarea>, <script>,
<style>, and <code> and <kbd>, which Material styles `white-space: pre-wrap`. Nothing else is
rewritten: attributes, entities and tags stay as the templates wrote them.

Runs after every other `on_post_page` (the backlinks of macros/hooks.py are filled in first).
"""
from __future__ import annotations

import re

from mkdocs.plugins import event_priority

AS_WRITTEN = re.compile(r"<(pre|textarea|script|style|code|kbd)\b.*?</\1\s*>", re.S | re.I)
LINE_BREAK = re.compile(r"[ \t]*\n[ \t\r\n]*")


def without_indentation(html: str) -> str:
    """The HTML with each line break and the white space around it made one line break,
    except inside the elements shown as written."""
    out, start = [], 0
    for kept in AS_WRITTEN.finditer(html):
        out.append(LINE_BREAK.sub("\n", html[start:kept.start()]))
        out.append(kept.group())
        start = kept.end()
    out.append(LINE_BREAK.sub("\n", html[start:]))
    return "".join(out)


@event_priority(-100)
def on_post_page(output, page, config, **kwargs):
    return without_indentation(output)


@event_priority(-100)
def on_post_template(output_content, template_name, config, **kwargs):
    # The theme's static pages (404.html); sitemap.xml is left as written.
    return without_indentation(output_content) if template_name.endswith(".html") else output_content
