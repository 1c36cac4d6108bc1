"""Pages without the templates' indentation (tools/html_whitespace_hook.py): smaller, and read
and laid out the same, because a run of white space outside the elements shown as written
renders as one space whatever it holds.

The built-site test compares the real site with a build of the same project without the hook,
through html.parser (not the hook's own pattern): the same tags and attributes in the same
order, the same text once white space is collapsed, and the elements shown as written
(<pre>, <textarea>, <script>, <style>, <code>, <kbd>) byte for byte."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bench.run import copy_project
from sitebuild import load_tool_hook, mkdocs_build

hook = load_tool_hook("html_whitespace_hook")
AS_WRITTEN = {"pre", "textarea", "script", "style", "code", "kbd"}


def test_indentation_and_blank_lines_become_one_line_break():
    html = "<nav>\n    <ul>\n\n      <li>A</li>  \n\t<li>B</li>\n    </ul>\n</nav>\n"
    assert hook.without_indentation(html) == "<nav>\n<ul>\n<li>A</li>\n<li>B</li>\n</ul>\n</nav>\n"


def test_words_on_two_lines_stay_two_words():
    assert hook.without_indentation("<p>one\n      two <a>three</a>\n   four</p>") == "<p>one\ntwo <a>three</a>\nfour</p>"


@pytest.mark.parametrize("tag", sorted(AS_WRITTEN))
def test_elements_shown_as_written_keep_every_space(tag):
    inner = "x = 1\n    if x:\n\n        y()\n"
    html = f"<div>\n  <{tag} class=\"k\">{inner}</{tag}>\n  <p>\n    after</p>"
    assert hook.without_indentation(html) == f"<div>\n<{tag} class=\"k\">{inner}</{tag}>\n<p>\nafter</p>"
    upper = f"<{tag.upper()}>{inner}</{tag.upper()}>"
    assert hook.without_indentation(upper) == upper


class _Reading(HTMLParser):
    """A page as the browser reads it: tags and attributes, text with its white space collapsed,
    and the text of elements shown as written kept whole."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.items: list = []
        self.written: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.items.append(("<", tag, attrs))
        if tag in AS_WRITTEN:
            self.written.append(tag)

    def handle_endtag(self, tag):
        self.items.append((">", tag))
        if self.written and self.written[-1] == tag:
            self.written.pop()

    def _text(self, text):
        if not self.written:
            text = re.sub(r"[ \t\r\n]+", " ", text)
        if self.items and self.items[-1][0] == "text":
            self.items[-1] = ("text", self.items[-1][1] + text)
        else:
            self.items.append(("text", text))

    def handle_data(self, data):
        self._text(data)

    def handle_entityref(self, name):
        self._text(f"&{name};")

    def handle_charref(self, name):
        self._text(f"&#{name};")

    def handle_comment(self, data):
        self.items.append(("comment", data))

    def handle_decl(self, decl):
        self.items.append(("decl", decl))


def reading(path: Path) -> list:
    parser = _Reading()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    # White space between two tags, as one space or none, is the same to the layout only when it
    # is there in both: collapsed runs stay, empty text is dropped.
    return [item for item in parser.items if item != ("text", "")]


@pytest.fixture(scope="module")
def site_as_templated(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("indented") / "project")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "tools/html_whitespace_hook.py" in text
    config.write_text("\n".join(line for line in text.splitlines() if "html_whitespace_hook" not in line) + "\n",
                      encoding="utf-8")
    result = mkdocs_build(config, root / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site"


def test_every_page_reads_the_same_in_fewer_bytes(built_site, site_as_templated):
    pages = sorted(p.relative_to(site_as_templated) for p in site_as_templated.rglob("*.html"))
    assert len(pages) > 20 and Path("404.html") in pages
    saved = {}
    for page in pages:
        if page.parts[0] == "print_page":  # written after the pages, by print-site: not rewritten
            continue
        ours, theirs = built_site / page, site_as_templated / page
        assert reading(ours) == reading(theirs), page
        saved[page] = theirs.stat().st_size - ours.stat().st_size
        assert not re.search(r"\n[ \t]", hook.AS_WRITTEN.sub("", ours.read_text(encoding="utf-8"))), page
    assert min(saved.values()) > 4096, min(saved.items(), key=lambda kv: kv[1])
