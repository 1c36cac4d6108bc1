"""Everything a data value puts into HTML is escaped: every free-text field of every data file
(each string field its schema leaves free: no enum, pattern or format) is given a tag and an
ampersand, the real site is built strictly, and no page may hold the tag as markup.

Found this way: a source's title or author reached the references raw (citeproc-py does not
escape field values), and a person's or faction's name in the links to its entry was read as
Markdown, which passes HTML through (macros/markdown_text.py)."""
from __future__ import annotations

import json
import re
from html import unescape

import pytest
import yaml

from bench.run import copy_project
from sitebuild import mkdocs_build

TAG = "<x-evil>"
MARK = f"{TAG} & *not emphasis* [not a link]"


def _free_text(schema: dict) -> bool:
    return schema.get("type") == "string" and not {"enum", "pattern", "format", "const"} & set(schema)


def _marked(value, schema: dict, defs: dict, fields: set, path: str):
    """The value with MARK appended to each free-text string, and the fields it reached."""
    if "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    if isinstance(value, dict):
        props = schema.get("properties", {})
        return {k: _marked(v, props.get(k, {}), defs, fields, f"{path}.{k}") for k, v in value.items()}
    if isinstance(value, list):
        return [_marked(v, schema.get("items", {}), defs, fields, path) for v in value]
    if isinstance(value, str) and _free_text(schema):
        fields.add(path)
        return f"{value} {MARK}"
    return value


@pytest.fixture(scope="module")
def marked_site(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("marked") / "project")
    fields: set[str] = set()
    for data in sorted((root / "data").glob("*.yaml")):
        schema = json.loads((root / "data" / "schema" / f"{data.stem}.schema.json").read_text(encoding="utf-8"))
        marked = _marked(yaml.safe_load(data.read_text(encoding="utf-8")), schema, schema.get("$defs", {}),
                         fields, data.stem)
        data.write_text(yaml.safe_dump(marked, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = mkdocs_build(root / "mkdocs.yml", root / "site")
    assert result.returncode == 0, f"the marked site did not build:\n{result.stderr[-3000:]}"
    return root / "site", fields


def test_the_mark_reaches_the_free_text_of_every_kind_of_record(marked_site):
    _, fields = marked_site
    for field in ("sources.sources.title", "sources.sources.author.family", "people.people.name",
                  "factions.factions.short", "glossary.glossary.definition", "events.events.title",
                  "claims.claims.summary"):
        assert field in fields


def test_no_page_holds_a_data_value_as_markup(marked_site):
    site, _ = marked_site
    raw, shown = {}, 0
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        # as a tag, as Markdown emphasis, as a Markdown link
        found = html.count(TAG) + html.count("<em>not emphasis</em>") + html.count(">not a link</a>")
        if found:
            raw[str(page.relative_to(site))] = found
        shown += html.count("&lt;x-evil&gt;")
    assert not raw, f"a data value reached these pages as markup: {raw}"
    assert shown > 1000, "the marked values should be on the pages, escaped"


def test_a_name_in_an_entry_link_and_a_reference_read_as_their_text(marked_site):
    site, _ = marked_site
    html = (site / "backdrop" / "index.html").read_text(encoding="utf-8")
    links = [unescape(t) for t in re.findall(r'<a class="entry-link [^"]*"[^>]*>([^<]*)</a>', html)]
    assert any(text.endswith(f" {MARK}") for text in links), links[:5]
    reference = re.search(r'<li id="fn:saraswat2024">(.*?)</li>', html, re.S)[1]
    assert f"Balanced' Foreign Policy {MARK}" in unescape(reference)
