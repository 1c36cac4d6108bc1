"""Data values written into a page's Markdown, so that each reaches the page as the text it is.

A macro's output is read by Python-Markdown, which passes HTML through and reads its own inline
syntax: a name holding "<" would become a tag, "*" emphasis, "[a](b)" a link, "{: …}" attributes.
`md_escape` escapes for HTML and writes Markdown's inline characters as character references,
which Markdown leaves alone and the browser shows as the characters. The macros use it for every
data value shown as text. Attribute values (ids, data-*) take plain HTML escaping: Markdown
leaves a raw tag's attributes alone, and in an attr_list value a character reference would be
escaped a second time.
"""
from __future__ import annotations

from markupsafe import Markup, escape

# Characters Python-Markdown reads in running text: escapes, code, emphasis, links, attr_list.
INLINE = {"\\": "&#92;", "`": "&#96;", "*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;",
          "{": "&#123;", "}": "&#125;"}
_TABLE = str.maketrans(INLINE)


def md_escape(value) -> Markup:
    """`value` as HTML that Markdown reads as exactly its text (safe Markup is kept as it is)."""
    if isinstance(value, Markup):
        return value
    return Markup(str(escape(value)).translate(_TABLE))
