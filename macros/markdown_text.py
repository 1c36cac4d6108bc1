"""Data values written into a page's Markdown, so that each reaches the page as the text it is,
and the templates that hold markup longer than a line.

Python-Markdown reads its own inline syntax in a macro's output ("*" emphasis, "[a](b)" a link,
"{: …}" attributes): `md_escape` escapes for HTML and writes those characters as character
references, for every data value shown as text. Attribute values take plain HTML escaping:
in an attr_list value a character reference would be escaped a second time.
"""
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .numbers import format_date

# Characters Python-Markdown reads in running text: escapes, code, emphasis, links, attr_list.
INLINE = {"\\": "&#92;", "`": "&#96;", "*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;",
          "{": "&#123;", "}": "&#125;"}
_TABLE = str.maketrans(INLINE)
# A value may open a line of the page (an entry's summary does): there Markdown reads "# " as a
# heading, "- ", "+ " or "1. " as a list. Its first such mark is written as a character reference.
BLOCK_START = re.compile(r"^(?:[#+-]|\d+[.)])(?=\s|$|#)")
_REFERENCE = {"#": "&#35;", "+": "&#43;", "-": "&#45;", ".": "&#46;", ")": "&#41;"}


def md_escape(value) -> Markup:
    """`value` as HTML that Markdown reads as exactly its text (safe Markup is kept as it is), on
    one line: a line break would let the rest open a block of its own."""
    if isinstance(value, Markup):
        return value
    text = " ".join(str(escape(value)).translate(_TABLE).splitlines())
    return Markup(BLOCK_START.sub(lambda m: m.group()[:-1] + _REFERENCE[m.group()[-1]], text))


# Markup longer than a line lives in macros/templates/. As in the macros' f-strings, nothing is
# escaped unless asked: `md` for a data value shown as text, `e` for an attribute value.
TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), undefined=StrictUndefined,
                        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
TEMPLATES.filters.update(md=md_escape, date=format_date)


def render(template: str, **values) -> str:
    return TEMPLATES.get_template(template).render(**values)
