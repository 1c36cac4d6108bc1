"""Rules for the Markdown sources in docs/: numbers only through macros, pages opt in to macros."""
from __future__ import annotations

import re

import pytest

from sitebuild import DOCS

PAGES = sorted(DOCS.glob("*.md"))
MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
# A percentage, 'per cent', or a 'million' figure typed by hand. Years and dates are fine.
TYPED_FIGURE = re.compile(r"\d\s*(%|per\s?cent|percent)|\d[\d.,]*\s+(million|billion)|\b\d{1,3}(,\d{3})+\b", re.I)


def prose(path):
    return MACRO.sub(" ", FRONT.sub("", path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_no_figure_is_typed_by_hand(path):
    hits = [m.group(0) for m in TYPED_FIGURE.finditer(prose(path))]
    assert not hits, f"{path.name}: figures typed into prose (use fig()): {hits}"


def test_the_typed_figure_rule_catches_what_it_should():
    for bad in ("53.6 per cent", "40%", "12.8 million", "10,415,991 votes", "41 percent"):
        assert TYPED_FIGURE.search(bad), bad
    for fine in ("on 28 June 2024", "since 2011", "the 12th Majlis", "2005–2024"):
        assert not TYPED_FIGURE.search(fine), fine


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_pages_with_macros_opt_in(path):
    text = path.read_text(encoding="utf-8")
    if "{{" in text:
        assert re.search(r"^render_macros: true$", text, re.M), f"{path.name} uses macros without render_macros: true"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_front_matter_parses_with_title_and_description(path):
    # An unquoted "a: b" in a description breaks the YAML; MkDocs then drops the whole front
    # matter silently, render_macros included, and the page ships raw {{ }}.
    import yaml
    match = FRONT.match(path.read_text(encoding="utf-8"))
    assert match, f"{path.name} has no front matter"
    meta = yaml.safe_load(match.group(0).strip("-\n"))
    assert isinstance(meta, dict), path.name
    assert meta.get("title") and meta.get("description"), f"{path.name} needs a title and a description"
