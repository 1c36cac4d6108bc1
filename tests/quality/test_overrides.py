"""Template overrides are whole-file copies of Material's templates with a few small changes each.
If Material's own template changes (an upgrade), the copy would silently ship stale markup and
asset names: this test fails instead, so the override is remade from the new template."""
from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from quality_kit import ROOT

THEME = Path(material.__file__).parent / "templates"
HEADER_END = "-#}\n"

# override file -> (text in Material's template, what it becomes)
CHANGES = {
    "base.html": [
        ('id="__drawer" autocomplete="off">', 'id="__drawer" form="__md-toggles">'),
        ('id="__search" autocomplete="off">', 'id="__search" form="__md-toggles">'),
        ("  </body>\n</html>", '    <form id="__md-toggles" autocomplete="off" hidden></form>\n  </body>\n</html>'),
    ],
    "partials/nav-item.html": [
        # a section's label (navigation.sections) has no tabindex: Material writes tabindex=""
        ('<label class="md-nav__link" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">',
         '<label class="md-nav__link" for="{{ path }}" id="{{ path }}_label"{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>'),
        ('<label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">',
         '<label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label"{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>'),
    ],
    # no data-md-component: Material's script would fetch the repository's facts from
    # api.github.com, a request to another host
    "partials/source.html": [
        ('class="md-source" data-md-component="source">', 'class="md-source">'),
    ],
    "partials/search.html": [
        ('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">'),
    ],
}


# override file -> what Material's template did, which the override leaves to another place
EMPTIED = {
    # overrides/main.html applies a stored palette, before the header instead of after it
    "partials/javascripts/palette.html": 'var palette=__md_get("__palette");',
}


@pytest.mark.parametrize("name", sorted(EMPTIED))
def test_emptied_template_is_empty_and_material_still_does_there_what_it_did(name):
    assert EMPTIED[name] in (THEME / name).read_text(encoding="utf-8"), f"Material's {name} changed"
    assert (ROOT / "overrides" / name).read_text(encoding="utf-8").split(HEADER_END, 1)[1] == ""


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_override_is_material_plus_its_change(name):
    original = (THEME / name).read_text(encoding="utf-8")
    expected = original.split(HEADER_END, 1)[1]
    for old, new in CHANGES[name]:
        assert expected.count(old) == 1, f"Material's {name} changed: {old!r} not found once"
        expected = expected.replace(old, new)
    override = (ROOT / "overrides" / name).read_text(encoding="utf-8").split(HEADER_END, 1)[1]
    assert override == expected, f"overrides/{name} differs from Material's {name} beyond the intended change"


def test_every_copied_template_is_checked():
    """A file in overrides/ with a Material template's name that does not extend another
    template is a whole copy: it needs an entry in CHANGES."""
    copies = sorted(
        p.relative_to(ROOT / "overrides").as_posix() for p in (ROOT / "overrides").rglob("*.html")
        if (THEME / p.relative_to(ROOT / "overrides")).exists() and "{% extends" not in p.read_text(encoding="utf-8"))
    checked = set(CHANGES) | set(EMPTIED)
    assert set(copies) <= checked, f"copied template without a drift check: {set(copies) - checked}"


def test_materials_palette_still_works_as_overrides_main_html_expects():
    """overrides/main.html applies the reader's palette before the header, written as Material's
    palette inputs write it; lets Material's first "switching" mark on <body> (at load) go unset;
    and keeps Material's color-scheme meta out of the page, its own following that meta's content.
    That holds while Material's script sets the mark with document.body.setAttribute and removes
    it, its stylesheet keys the no-transition rule on it, and its script adds one color-scheme meta
    with document.head.appendChild and fills it in from the header's colour scheme; else remake
    the override."""
    bundle = next((THEME / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert bundle.count('document.body.setAttribute("data-md-color-switching","")') == 1
    assert bundle.count('document.body.removeAttribute("data-md-color-switching")') == 1
    meta = re.findall(r'let (\w+)=\w+\("meta",\{name:"color-scheme"\}\);document\.head\.appendChild\(\1\)', bundle)
    assert len(meta) == 1, "Material's color-scheme meta is no longer made and added this way"
    assert bundle.count(f"{meta[0]}.content=a.colorScheme") == 1 and "a=window.getComputedStyle(s)" in bundle
    css = next((THEME / "assets" / "stylesheets").glob("palette.*.min.css")).read_text(encoding="utf-8")
    assert "[data-md-color-switching] *" in css
    inputs = (THEME / "partials" / "palette.html").read_text(encoding="utf-8")
    for name, default in (("scheme", "default"), ("primary", "indigo"), ("accent", "indigo")):
        assert re.search(rf'set {name} += option\.{name} +\| d\("{default}", true\)', inputs), \
            f"Material's palette input: {name} now defaults otherwise"
        assert f"data-md-color-{name}=\"{{{{ {name} | replace(' ', '-') }}}}\"" in inputs
