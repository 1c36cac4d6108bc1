"""The built site's downloads, tables, provenance and "Cite this page": each checked against the
data files (or parsed back by an independent library), so each test fails if its feature breaks."""
from __future__ import annotations

import csv
import json
import re
import shutil
from html import unescape
from pathlib import Path

import bibtexparser
import pytest
import rispy
import yaml
from frictionless import validate

from sitebuild import DATA, ROOT

SOURCES = yaml.safe_load(open(DATA / "sources.yaml", encoding="utf-8"))["sources"]
SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml default when SITE_URL is unset


@pytest.fixture(scope="module")
def downloads(built_site) -> Path:
    return built_site / "downloads"


def test_data_csvs_are_the_data_files_byte_for_byte(downloads):
    for name in ("results.csv", "turnout.csv"):
        assert (downloads / name).read_bytes() == (DATA / name).read_bytes()


def test_elections_csv_holds_every_count_of_elections_yaml(downloads):
    elections = yaml.safe_load(open(DATA / "elections.yaml", encoding="utf-8"))["elections"]
    rows = {r["id"]: r for r in csv.DictReader(open(downloads / "elections.csv", encoding="utf-8"))}
    assert set(rows) == {e["id"] for e in elections}
    for e in elections:
        for key in ("eligible", "cast", "invalid", "ballots_used"):
            want = str(e[key]["value"]) if key in e else ""
            assert rows[e["id"]][key] == want, (e["id"], key)
            assert rows[e["id"]][f"{key}_source"] == (e[key]["source"] if key in e else "")


def test_datapackage_validates_and_catches_a_bad_value(downloads, tmp_path):
    report = validate(downloads / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    pkg = json.loads((downloads / "datapackage.json").read_text())
    assert {r["path"] for r in pkg["resources"]} == {"results.csv", "turnout.csv", "elections.csv"}
    broken = tmp_path / "pkg"
    shutil.copytree(downloads, broken)
    text = (broken / "results.csv").read_text().replace("10415991", "ten million", 1)
    (broken / "results.csv").write_text(text)
    assert not validate(broken / "datapackage.json").valid


def _titles(text: str) -> str:
    """A BibTeX title read back as text: the exporter's TeX escapes undone ("1\\%" is "1%"), then
    the braces that keep capitals."""
    from macros.downloads import _TEX_ESCAPE
    for char, tex in _TEX_ESCAPE.items():
        if char not in "{}\\":
            text = text.replace(tex, char)
    return re.sub(r"[{}]", "", text)


def test_bibtex_parses_back_with_every_source(downloads):
    lib = bibtexparser.parse_string((downloads / "sources.bib").read_text(encoding="utf-8"))
    assert not lib.failed_blocks
    entries = {e.key: e for e in lib.entries}
    assert set(entries) == {s["id"] for s in SOURCES}
    for s in SOURCES:
        assert _titles(entries[s["id"]]["title"]) == s["title"]
        if s.get("URL"):
            assert entries[s["id"]]["url"] == s["URL"]


def test_ris_parses_back_with_every_source(downloads):
    entries = {e["id"]: e for e in rispy.loads((downloads / "sources.ris").read_text(encoding="utf-8"))}
    assert set(entries) == {s["id"] for s in SOURCES}
    for s in SOURCES:
        assert (entries[s["id"]].get("title") or entries[s["id"]].get("primary_title")) == s["title"]


def test_csl_json_parses_and_formats_with_every_source(downloads):
    from citeproc.source.json import CiteProcJSON
    items = json.loads((downloads / "sources.json").read_text(encoding="utf-8"))
    assert {i["id"]: i["title"] for i in items} == {s["id"]: s["title"] for s in SOURCES}
    CiteProcJSON(items)  # raises on malformed CSL-JSON


def _table(html: str, table_id: str) -> tuple[list[list[str]], list[list[str]]]:
    fig = re.search(rf'<figure class="data-table" id="{table_id}".*?</figure>', html, re.S).group(0)
    def rows(part):
        block = re.search(rf"<{part}.*?</{part}>", fig, re.S)
        return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)]
                for tr in re.findall(r"<tr.*?</tr>", block.group(0), re.S)] if block else []
    return rows("tbody"), rows("tfoot")


@pytest.mark.parametrize("eid, page", [("pres-2024-r1", "results"), ("pres-2024-r2", "results"),
                                       ("pres-2021", "earlier-elections")])
def test_results_table_and_its_csv_agree_with_results_csv(built_site, eid, page):
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    body, foot = _table(html, f"table-results-{eid}")
    data = [r for r in csv.DictReader(open(DATA / "results.csv", encoding="utf-8")) if r["election"] == eid]
    shown = {row[1].replace(",", "") for row in body}
    assert shown == {r["votes"] for r in data}, "table body is not the candidates of results.csv"
    assert any(row[0] == "Votes cast" for row in foot), "totals belong in <tfoot>, out of sorting"
    got = list(csv.DictReader(open(built_site / "downloads" / "tables" / f"results-{eid}.csv", encoding="utf-8")))
    assert got == data
    assert f'href="../downloads/tables/results-{eid}.csv"' in html
    assert 'class="sortable"' in html


def test_every_csv_link_on_the_results_pages_resolves_to_a_file(built_site):
    count = 0
    for page in (built_site / "results" / "index.html", built_site / "earlier-elections" / "index.html"):
        links = re.findall(r'href="([^"]+\.csv)"', page.read_text(encoding="utf-8"))
        assert links, page
        for href in links:
            assert not href.startswith(("/", "http")), href  # relative: works online and from file://
            assert (page.parent / href).resolve().is_file(), href
        count += len(links)
    assert count >= 8  # four tables and four charts


def test_chart_csvs_in_the_site_match_the_chart_data(built_site, site):
    from macros import charts
    for name in charts.CHARTS:
        got = (built_site / "downloads" / "charts" / f"{name}.csv").read_text(encoding="utf-8")
        assert got == charts.build_chart(site, name).csv_text()


def test_every_number_has_a_provenance_popover_and_no_title(built_site):
    for page in (built_site / "results" / "index.html", built_site / "numbers-checked" / "index.html"):
        html = page.read_text(encoding="utf-8")
        figs = re.findall(r'<span class="fig"([^>]*)>', html)
        assert figs
        ids = re.findall(r'role="tooltip" id="([^"]+)"', html)
        assert len(ids) == len(set(ids)) == len(figs)
        for attrs in figs:
            assert "title=" not in attrs
            pid = re.search(r'aria-describedby="([^"]+)"', attrs).group(1)
            assert pid in ids


def test_numbers_checked_shows_the_recomputation_of_derived_figures(built_site, site):
    html = (built_site / "numbers-checked" / "index.html").read_text(encoding="utf-8")
    for n in site.data.brief_numbers:
        f = site.figures[n["figure"]]
        m = re.search(rf'data-figure="{re.escape(f.id)}".*?</small></span>', html, re.S)
        assert m, f.id
        if f.formula:
            assert "Computed: " + f.formula in unescape(m.group(0))   # as the reader reads it


def test_each_content_page_ends_with_a_citation_of_itself(built_site):
    pages = [p for p in sorted((ROOT / "docs").glob("*.md")) if "render_macros: true" in p.read_text(encoding="utf-8")]
    assert pages
    for src in pages:
        url = "" if src.stem == "index" else f"{src.stem}/"
        html = (built_site / url / "index.html").read_text(encoding="utf-8")
        assert 'id="cite-this-page"' in html, src.name
        bib = re.search(r'<details class="cite-bibtex">.*?<code>(.*?)</code>', html, re.S).group(1)
        lib = bibtexparser.parse_string(bib.replace("&amp;", "&"))
        (entry,) = lib.entries
        assert entry["url"] == SITE_URL + url
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["urldate"])


def test_the_exports_keep_a_source_whose_address_has_braces_and_title_a_line_break(site):
    import copy

    from macros import downloads
    odd = {**SOURCES[0], "title": "A title\non two lines", "URL": "https://x.example/a}b{c"}
    broken = copy.copy(site)
    broken.data = copy.copy(site.data)
    broken.data.sources = [odd]
    lib = bibtexparser.parse_string(downloads.bibtex(broken))
    assert not lib.failed_blocks and lib.entries[0]["url"] == "https://x.example/a%7Db%7Bc"
    [entry] = rispy.loads(downloads.ris(broken))
    assert (entry.get("title") or entry.get("primary_title")) == "A title on two lines"
    assert entry["urls"] == ["https://x.example/a}b{c"]
