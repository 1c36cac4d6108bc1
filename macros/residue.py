"""MkDocs hook: stop the build when a page's HTML shows template text, a missing value (None,
nan, an empty cell) or text escaped twice, which would otherwise ship as a page that looks
finished. Code, pre, <style> and <script> may show syntax on purpose and are left alone. Before
that, a page's source: front matter that was not read, and a template that cannot render."""
import re
from html import unescape

import jinja2.meta
import yaml
from jinja2 import TemplateSyntaxError
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import YAML_RE

from .statement_boxes import NOTE_REF

LITERAL = re.compile(r"<(pre|code|style|script)\b.*?</\1>", re.S | re.I)
TAG = re.compile(r"<[^>]*>")
# a whole {{ ... }} / {% ... %} / {# ... #} where it closes on the same line, else a lone mark
TEMPLATE = re.compile(r"\{\{[^\n]{0,200}?\}\}|\{%[^\n]{0,200}?%\}|\{#[^\n]{0,200}?#\}|\{\{|\}\}|\{%|%\}|\{#|#\}")
# A data value's braces reach the page as character references (macros/markdown_text.py), which
# the reader sees as braces: they are read as the characters they show.
TEMPLATE_REF = re.compile(r"&(?:#(?:123|125|37|35)|#x(?:7[bBdD]|25|23)|lbrace|rbrace|lcub|rcub|percnt|num);")
# "None" and "undefined" are English, so they count only as the whole text of an element
NOT_A_NUMBER = re.compile(r"(?:nan|NaN)\b")  # the word start is checked in code: 4x faster
WHOLE_MISSING = re.compile(r">\s*(None|undefined|null)\s*<")
# "&amp;#39;" shows the reader "&#39;": text escaped twice (Markup + an escaped str does it)
ESCAPED_TWICE = re.compile(r"&amp;(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# Markdown a macro wrote that Markdown never read, inside a raw HTML block (`<div>` without
# markdown="1"): a note reference, or a link with its attribute list
UNREAD_MARKDOWN = re.compile(rf"{NOTE_REF.pattern}|\]\([^)\s]*\)\{{:[^}}]*\}}")
# A footnote definition in a page's own text ("[^id]: …" opening a line)
HAND_NOTE = re.compile(rf"^ {{0,3}}{NOTE_REF.pattern}:", re.M)
EMPTY_CELL = re.compile(r'<td\b[^>]*>\s*</td>|<th\b[^>]*scope="row"[^>]*>\s*</th>')
CONTEXT = 40   # characters of text shown before each find
SHOWN = 3      # finds named in the error


def residue(html: str) -> list[str]:
    """What in the page would show a reader template text or a missing value, each with a little
    of the text before it; empty when the page is clean."""
    shown = LITERAL.sub(" ", html)
    # template text counts in attributes too (a title or alt text is shown); "nan" in text only
    as_read = TEMPLATE_REF.sub(lambda m: unescape(m.group(0)), shown) if "&" in shown else shown
    found = [f"template text {m.group(0)!r} after “{_text_before(as_read, m.start())}”"
             for m in TEMPLATE.finditer(as_read)]
    if NOT_A_NUMBER.search(shown):
        text = TAG.sub(" ", shown)
        found += [f"a value that is not a number {m.group(0)!r} after “{_text_before(text, m.start())}”"
                  for m in NOT_A_NUMBER.finditer(text)
                  if m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_")]
    found += [f"a missing value shown as {m.group(1)!r}" for m in WHOLE_MISSING.finditer(shown)]
    found += [f"a character escaped twice, shown as '&{m.group(1)};' after “{_text_before(shown, m.start())}”"
              for m in ESCAPED_TWICE.finditer(shown)]
    found += [f"an empty table cell {m.group(0)!r}" for m in EMPTY_CELL.finditer(shown)]
    found += [f"Markdown left unread {m.group(0)!r} after “{_text_before(shown, m.start())}”"
              for m in UNREAD_MARKDOWN.finditer(shown)]
    return found


def _text_before(html: str, at: int) -> str:
    """The last CONTEXT characters of reader-visible text before `at`."""
    chunk = re.sub(r"^[^<]*>", "", html[max(0, at - 10 * CONTEXT):at])  # a tag cut in two
    return " ".join(TAG.sub(" ", chunk).split())[-CONTEXT:]


def stop_on_residue(html, page, config, **kwargs):
    found = residue(html)
    if not found:
        return html
    where = f"docs/{page.file.src_uri}"
    hint = ""
    if any(f.startswith("template text") for f in found) and not page.meta.get("render_macros"):
        hint = " (the page uses macro syntax: does its front matter need `render_macros: true`?)"
    raise PluginError(f"{where}: the page would show " + "; ".join(found[:SHOWN])
                      + (f"; and {len(found) - SHOWN} more" if len(found) > SHOWN else "") + hint)


def stop_on_unread_front_matter(markdown, page, config, files, **kwargs):
    """on_page_markdown: front matter that is not valid YAML, which MkDocs leaves in the page as
    text and reads as none (the page then lost its title, description and `render_macros`)."""
    block = YAML_RE.match(markdown)
    if block and not page.meta:
        try:
            yaml.safe_load(block.group(1))
            problem = "is not a mapping of keys to values"
        except yaml.YAMLError as error:
            problem = f"is not valid YAML: {' '.join(str(error).split())}"
        raise PluginError(f"docs/{page.file.src_uri}: the front matter {problem}")
    return markdown


def check_template(jinja_env, known, macros: list[str], page, markdown: str) -> None:
    """A page's Markdown before mkdocs-macros renders it (`known`: the names it may use), which
    reports a syntax error or an unknown name as a warning (hidden by `mkdocs build -q`), then
    exits. Raised here, MkDocs names the page at every verbosity; a line is counted in the file,
    front matter included. A note written by hand is refused too: Python-Markdown would drop it
    for the generated one of the same id, and a note's text comes from the bibliography."""
    source = page.file.content_string
    body_at = source.find(markdown[:200])   # the front matter's lines come first in the file
    offset = source[:body_at].count("\n") if body_at > 0 else 0
    try:
        ast = jinja_env.parse(markdown)
    except TemplateSyntaxError as error:
        line = (error.lineno or 1) + offset
        raise PluginError(f"docs/{page.file.src_uri}, line {line}: template syntax error: {error.message}") from None
    if unknown := sorted(jinja2.meta.find_undeclared_variables(ast) - known):
        raise PluginError(f"docs/{page.file.src_uri}: unknown macro or variable {', '.join(map(repr, unknown))} "
                          f"(the macros: {', '.join(macros)})")
    if hand := HAND_NOTE.search(markdown):
        line = markdown.count("\n", 0, hand.start()) + 1 + offset
        raise PluginError(f"docs/{page.file.src_uri}, line {line}: a note written by hand ({hand.group(0)} …): "
                          "notes come from cite() and data/sources.yaml")
