"""Charts (macros/charts.py) and compare() as pure functions: every number drawn or tabulated is
recomputed here from the raw data files, independently of macros/figures.py."""
from __future__ import annotations

import copy
import csv
import dataclasses
import re
from decimal import ROUND_HALF_UP, Decimal
from xml.etree import ElementTree as ET

import pytest
import yaml

from macros import charts, compare
from macros.site import PageRef, PageState, Site
from sitebuild import DATA

SVG = "{http://www.w3.org/2000/svg}"


def page(src="results.md"):
    return PageState(PageRef(src, src.replace(".md", "/"), "Results"))


def pct(part, whole, places=2) -> str:
    q = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{q}\u00a0%"


def raw():
    results = list(csv.DictReader(open(DATA / "results.csv", encoding="utf-8")))
    turnout = list(csv.DictReader(open(DATA / "turnout.csv", encoding="utf-8")))
    elections = {e["id"]: e for e in yaml.safe_load(open(DATA / "elections.yaml", encoding="utf-8"))["elections"]}
    return results, turnout, elections


def svg_of(html: str) -> ET.Element:
    m = re.search(r"<svg.*?</svg>", html, re.S)
    assert m, "no inline SVG"
    return ET.fromstring(m.group(0))


def svg_texts(root) -> list[str]:
    return ["".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")]


def data_table(html: str) -> list[list[str]]:
    table = re.search(r'<table class="chart-data">.*?</table>', html, re.S).group(0)
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        rows.append([re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)])
    return rows


@pytest.mark.parametrize("eid", ["pres-2024-r1", "pres-2024-r2"])
def test_results_chart_draws_and_tabulates_the_shares_computed_from_the_counts(site, eid):
    results, _, elections = raw()
    e = elections[eid]
    cast, valid = e["cast"]["value"], e["cast"]["value"] - e["invalid"]["value"]
    rows = sorted((r for r in results if r["election"] == eid), key=lambda r: -int(r["votes"]))
    html = charts.render_chart(site, page(), f"results-{eid}")
    texts = svg_texts(svg_of(html))
    table = data_table(html)
    assert table[0] == ["Candidate", "Share of votes cast", "Share of valid votes"]
    for r, trow in zip(rows, table[1:]):
        want = [pct(r["votes"], cast), pct(r["votes"], valid)]
        assert trow[1:] == want, r["candidate"]
        for label in want:
            assert label in texts, f"{label} not drawn in the SVG"
    assert len(table) == len(rows) + 1
    csv_rows = list(csv.reader(charts.build_chart(site, f"results-{eid}").csv_text().splitlines()))
    for r, crow in zip(rows, csv_rows[1:]):
        assert Decimal(crow[1]) == (Decimal(r["votes"]) * 100 / cast).quantize(Decimal("0.0001"))


def test_turnout_chart_shows_every_official_figure_as_announced(site):
    _, turnout, _ = raw()
    official = [r for r in turnout if r["official"] == "yes"]
    html = charts.render_chart(site, page(), "turnout")
    texts = svg_texts(svg_of(html))
    for r in official:
        assert f"{r['turnout_pct']}\u00a0%" in texts, r["election"]
        assert r["label"] in texts
    drawn = [t for t in texts if t.endswith("%")]
    assert len(drawn) == len(official)
    csv_rows = list(csv.DictReader(charts.build_chart(site, "turnout").csv_text().splitlines()))
    assert {(c["election"], Decimal(c["presidential"] or c["parliamentary"])) for c in csv_rows} == \
        {(r["label"], Decimal(r["turnout_pct"])) for r in official}


def test_conservative_chart_compares_raisi_2021_with_jalili_plus_ghalibaf(site):
    results, _, _ = raw()
    votes = {(r["election"], r["candidate"]): int(r["votes"]) for r in results}
    raisi = votes[("pres-2021", "raisi")]
    both = votes[("pres-2024-r1", "jalili")] + votes[("pres-2024-r1", "ghalibaf")]
    html = charts.render_chart(site, page(), "conservatives")
    texts = svg_texts(svg_of(html))
    million = lambda v: f"{(Decimal(v) / 10**6).quantize(Decimal('0.01'), ROUND_HALF_UP)} million"  # noqa: E731
    assert million(raisi) in texts and million(both) in texts
    table = data_table(html)
    assert f"{raisi:,}" in table[1] and f"{votes[('pres-2024-r1', 'jalili')]:,}" in table[2]


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_chart_is_an_accessible_numbered_figure_with_sources_table_and_csv(site, name):
    p = page()
    charts.render_chart(site, p, "turnout")
    html = charts.render_chart(site, p, name)
    assert f'<figure class="chart" id="figure-{name}"' in html
    assert '<span class="caption-number">Figure 2.</span>' in html
    root = svg_of(html)
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == title.get("id") and title.text
    assert root.get("aria-describedby") == desc.get("id") and desc.text.startswith("Bar chart.")
    chart = charts.build_chart(site, name)
    assert "Source: " in html and all(f"[^{s}]" in html for s in chart.sources)
    assert set(chart.sources) <= set(p.notes)
    assert "<details" in html and "as a table</summary>" in html
    assert f"(downloads/charts/{name}.csv)" in html


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_chart_svg_is_self_contained_deterministic_and_themeable(site, name):
    chart = charts.build_chart(site, name)
    first = charts.chart_svg.__wrapped__(chart)  # past the cache: really drawn, twice
    assert first == charts.chart_svg.__wrapped__(chart)
    root = ET.fromstring(first)
    for el in root.iter():
        for attr, value in el.attrib.items():
            if attr.endswith("href"):
                assert value.startswith("#"), f"external reference {value}"
        assert el.tag not in (f"{SVG}image", f"{SVG}metadata", f"{SVG}script", f"{SVG}foreignObject")
    assert "http" not in first.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "currentColor" in first and "var(--chart-1)" in first
    colours = set(re.findall(r"(?:fill|stroke):\s*([^;\"]+)", first))
    assert colours <= {"currentColor", "none", "var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--chart-grid)"}, \
        f"a fixed colour would not follow the palette: {colours}"
    assert len(first.encode()) < 20_000  # text stays text: no embedded glyph paths


NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def drawing(svg: str) -> list[tuple]:
    """What an SVG draws, in order: each element but the plain groups, with its text, and each
    attribute as its words and its numbers (ids of groups and no-op rotations left out)."""
    out = []
    for el in ET.fromstring(svg).iter():
        attrs = {k: v for k, v in el.attrib.items() if not (el.tag == f"{SVG}g" and k == "id")}
        if re.fullmatch(r"rotate\(-0 [^)]*\)", attrs.get("transform", "")):
            del attrs["transform"]
        if el.tag == f"{SVG}g" and not attrs:
            continue
        shape = {k: ("".join(NUMBER.sub("#", v).split()), [float(n) for n in NUMBER.findall(v)])
                 for k, v in attrs.items()}
        out.append((el.tag, (el.text or "").strip(), shape))
    return out


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_a_compacted_chart_draws_every_shape_and_label_matplotlib_drew(site, name):
    raw_svg = charts._draw(charts.build_chart(site, name))
    small = charts._compact(raw_svg)
    before, after = drawing(raw_svg), drawing(small)
    assert [(tag, text) for tag, text, _ in after] == [(tag, text) for tag, text, _ in before]
    for (tag, text, was), (_, _, now) in zip(before, after):
        assert {k: words for k, (words, _) in now.items()} == {k: words for k, (words, _) in was.items()}, (tag, text)
        for key, (_, numbers) in now.items():
            assert numbers == pytest.approx(was[key][1], abs=0.0051), (tag, text, key)
    # ...in fewer bytes: no wrapper groups, no indentation, no six-decimal coordinates.
    assert "<g>" not in small and "\n" not in small and not re.search(r"\d\.\d{3}", small)
    assert len(small) < 0.75 * len(raw_svg)


def test_unknown_chart_names_the_page_and_the_known_charts(site):
    with pytest.raises(ValueError, match=r"docs/results.md.*'nope'.*results-pres-2024-r1"):
        charts.render_chart(site, page(), "nope")


def test_compare_puts_the_official_figure_first_beside_the_alternatives(site):
    p = page()
    html = compare.render_compare(site, p, "runoff-turnout")
    rows = [line for line in html.splitlines() if line.startswith("| **Official**") or line.startswith("| Alternative")]
    assert rows[0].startswith("| **Official**") and ">49.8\u00a0%<" in rows[0]
    assert ">49.68\u00a0%<" in rows[1] and "Votes counted" in rows[1]
    raisi = compare.render_compare(site, p, "raisi-2021-votes")
    assert raisi.index(">18,021,945<") < raisi.index(">17,926,345<")
    assert "[^interior-2021-06-19-first]" in raisi and "[^electionguide-3609]" in raisi


def test_compare_builds_turnout_alternatives_from_the_turnout_file(site):
    _, turnout, _ = raw()
    html = compare.render_compare(site, page(), "turnout-majlis-2024")
    for r in (r for r in turnout if r["election"] == "majlis-2024"):
        assert f">{r['turnout_pct']}\u00a0%<" in html
    with pytest.raises(ValueError, match=r"docs/results.md.*'turnout-nope'.*runoff-turnout"):
        compare.render_compare(site, page(), "turnout-nope")


def test_a_chart_is_drawn_once_a_process_and_again_when_its_data_change(site, monkeypatch):
    """`mkdocs serve` rebuilds in one process: an unchanged chart is not drawn again."""
    drawn = []
    real = charts._draw
    monkeypatch.setattr(charts, "_draw", lambda chart: drawn.append(chart.id) or real(chart))
    charts.chart_svg.cache_clear()
    chart = charts.build_chart(site, "turnout")
    first = charts.chart_svg(chart)
    assert charts.chart_svg(charts.build_chart(site, "turnout")) == first
    assert drawn == ["turnout"]
    turnout = charts.build_chart(site, "turnout")
    changed = dataclasses.replace(turnout, rows=turnout.rows[:-1])
    assert charts.chart_svg(changed) != first
    assert drawn == ["turnout", "turnout"]


def test_a_chart_that_cannot_be_drawn_stops_the_page_that_asks_for_it(site, monkeypatch):
    def draw(chart):
        raise RuntimeError("matplotlib could not draw 'turnout'")
    monkeypatch.setattr(charts, "_draw", draw)
    charts.chart_svg.cache_clear()
    with pytest.raises(RuntimeError, match="could not draw 'turnout'"):
        charts.render_chart(site, page(), "turnout")
    charts.chart_svg.cache_clear()


def _legend_positions(svg: str, names: list[str]) -> list[tuple[float, float]]:
    texts = {t.text: (float(t.get("x")), float(t.get("y"))) for t in ET.fromstring(svg).iter(f"{SVG}text")}
    return [texts[name] for name in names]


def _chart(series: list[str]) -> charts.Chart:
    return charts.Chart(id="legend-test", caption="Legend test", unit="pct", series=series,
                        rows=[("Masoud Pezeshkian", [42.45, 44.36]), ("Saeed Jalili", [38.61, 40.35])],
                        sources=["saraswat2024"])


def test_a_legend_that_fits_is_one_row_above_the_bars():
    names = ["Share of votes cast", "Share of valid votes"]
    (x1, y1), (x2, y2) = _legend_positions(charts._draw(_chart(names)), names)
    assert y1 == y2 and x1 < x2


def test_a_legend_too_wide_for_the_drawing_is_one_entry_a_line():
    names = ["Share of all the votes cast in the first round", "Share of the valid votes in the first round"]
    (x1, y1), (x2, y2) = _legend_positions(charts._draw(_chart(names)), names)
    assert x1 == x2 and y1 < y2


@pytest.mark.filterwarnings("ignore:Tight layout not applied")  # matplotlib says so before we do
def test_a_legend_that_fits_in_no_way_stops_the_build_naming_the_chart():
    with pytest.raises(ValueError, match="legend-test.*legend does not fit"):
        charts._draw(_chart(["An extremely long series name " * 4, "Another"]))


def test_a_long_value_label_beside_the_longest_bar_gets_room_to_end_inside_the_drawing():
    chart = charts.Chart(id="label-test", caption="Label test", unit="votes", series=["Votes"],
                         rows=[("Jalili + Ghalibaf, 2024 first round", [12_856_638]),
                               ("Raisi, 2021 (final count)", [18_021_945])], sources=["saraswat2024"])
    root = ET.fromstring(charts._draw(chart).split("?>", 1)[-1])
    width = float(root.get("width").removesuffix("pt"))
    [label] = [t for t in root.iter(f"{SVG}text") if "".join(t.itertext()).strip() == "18.02 million"]
    assert _text_span(label)[1] <= width


def test_a_row_label_too_long_for_the_drawing_is_wrapped_onto_lines_that_fit():
    long = "A row label far too long for any phone-sized drawing of this width"
    chart = charts.Chart(id="label-test", caption="Label test", unit="pct", series=["Votes cast", "Valid votes"],
                         rows=[(long, [42.45, 44.36]), ("Saeed Jalili", [38.61, 40.35])], sources=["saraswat2024"])
    root = ET.fromstring(charts._draw(chart).split("?>", 1)[-1])
    texts = svg_texts(root)
    lines = [t for t in texts if t and t in long]
    assert "".join(lines).replace(" ", "") == long.replace(" ", "") and len(lines) > 2
    assert "Saeed Jalili" in texts  # a short label stays whole
    width = float(root.get("viewBox").split()[2])
    for t in root.iter(f"{SVG}text"):
        if "".join(t.itertext()) in lines:
            start, end = _text_span(t)
            assert 0 <= start and end <= width


def _text_width(text: str, size: float) -> float:
    """Width of a text in DejaVu Sans (the font the charts are drawn and measured with), in the
    SVG's user units."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath
    width, _, _ = TextToPath().get_text_width_height_descent(
        text, FontProperties(family="DejaVu Sans", size=size), ismath=False)
    return width


def _text_span(t) -> tuple[float, float]:
    """Where an SVG text starts and ends, left to right: its x (attribute, or a translate() when
    matplotlib wrote one line of several), its anchor and its measured width."""
    style = dict(part.strip().split(":", 1) for part in t.get("style").split(";") if part.strip())
    size = float(style["font-size"].strip().removesuffix("px"))
    w = _text_width("".join(t.itertext()), size)
    x = float(t.get("x") if t.get("x") is not None else re.search(r"translate\(\s*([-\d.]+)", t.get("transform")).group(1))
    start = {"start": x, "middle": x - w / 2, "end": x - w}[style.get("text-anchor", "start").strip()]
    return start, start + w


def test_no_text_of_a_chart_on_a_page_is_cut_off_at_its_edges(built_site):
    """Read from the shipped SVG, not from matplotlib's layout: each label, measured in the font
    the chart was drawn with, starts and ends inside the viewBox (a bar's value label beside the
    longest bar once ended past the right edge: "18.02 mill")."""
    checked = 0
    for path in sorted(built_site.glob("*/index.html")):
        html = path.read_text(encoding="utf-8")
        for svg_text in re.findall(r'<svg [^>]*id="svg-[^"]+".*?</svg>', html, re.S):
            root = ET.fromstring(svg_text)
            # the minifier writes attribute names in lower case; an HTML parser restores SVG's
            # camel case (viewbox -> viewBox), as browsers do
            width = float((root.get("viewBox") or root.get("viewbox")).split()[2])
            for t in root.iter(f"{SVG}text"):
                start, end = _text_span(t)
                where = f"{path.parent.name}: {''.join(t.itertext())!r}"
                assert 0 <= start and end <= width, f"{where} spans {start:.1f}-{end:.1f} of {width}"
                checked += 1
    assert checked > 40


def test_a_dollar_sign_in_a_label_is_drawn_as_written_not_as_tex():
    chart = charts.Chart("dollars", "Caption", "count", ("Votes",), (("Masoud Pezeshkian ($1 $2)", (10,)),
                                                                      ("Round 1, $ and $", (5,))), ("saraswat2024",))
    texts = svg_texts(svg_of(charts.chart_svg(chart)))
    assert "Masoud Pezeshkian ($1 $2)" in texts and "Round 1, $ and $" in texts, texts


def test_a_results_chart_caption_keeps_the_capitals_of_its_election_label(site_data):
    data = copy.deepcopy(site_data)
    election = next(e for e in data.elections if e["id"] == "pres-2024-r1")
    election["label"] = "2024 presidential election, first round (Interior Ministry count)"
    caption = charts.chart_results(Site(data), "pres-2024-r1").caption
    assert caption.startswith("2024 presidential election, first round (Interior Ministry count): "), caption

