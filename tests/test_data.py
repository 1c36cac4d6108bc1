"""The data files are valid, linked, and their derived figures agree with the raw counts.

The recomputations here read the CSV and YAML directly, not through macros/, so that a mistake
in the figure code cannot hide behind itself."""
from __future__ import annotations

import csv
from decimal import Decimal

import yaml

from sitebuild import DATA


def raw_results():
    with open(DATA / "results.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def raw_elections():
    return {e["id"]: e for e in yaml.safe_load((DATA / "elections.yaml").read_text())["elections"]}


def test_every_data_file_loads_and_validates(site_data):
    assert site_data.sources and site_data.elections and site_data.results and site_data.turnout


def test_bibliography_holds_the_brief_and_its_16_footnotes(site_data):
    ids = {s["id"] for s in site_data.sources}
    assert "saraswat2024" in ids
    footnotes = sorted(s["brief_footnote"] for s in site_data.sources if "brief_footnote" in s)
    assert footnotes == list(range(1, 17))


def test_every_source_cited_by_a_data_row_exists(site_data):
    ids = {s["id"] for s in site_data.sources}
    for row in site_data.results + site_data.turnout:
        assert row["source"] in ids


def test_candidate_votes_add_up_to_valid_votes_from_raw_files():
    elections = raw_elections()
    for eid, e in elections.items():
        if not e["candidates_complete"]:
            continue
        votes = sum(int(r["votes"]) for r in raw_results() if r["election"] == eid)
        assert votes == e["cast"]["value"] - e["invalid"]["value"], eid


def test_first_round_figures_match_official_record(site):
    # The official figures checked in shared/facts: 42.45 / 38.61 of votes cast, valid 23,479,026.
    f = site.figures
    assert f["pres-2024-r1.valid"].value == 24535185 - 1056159
    assert f["pres-2024-r1.pezeshkian.share_cast"].text() == "42.45\u00a0%"
    assert f["pres-2024-r1.jalili.share_cast"].text() == "38.61\u00a0%"
    assert f["pres-2024-r1.pezeshkian.share_valid"].text() == "44.36\u00a0%"
    assert f["pres-2024-r1.margin"].value == 10415991 - 9473298


def test_derived_figures_recomputed_from_raw_counts(site):
    rows = {(r["election"], r["candidate"]): int(r["votes"]) for r in raw_results()}
    conservatives = rows[("pres-2024-r1", "jalili")] + rows[("pres-2024-r1", "ghalibaf")]
    assert site.figures["conservatives-2024-r1"].value == conservatives
    assert site.figures["conservative-decline"].value == rows[("pres-2021", "raisi")] - conservatives
    assert site.figures["conservative-decline-first"].value == rows[("pres-2021-first", "raisi")] - conservatives
    e = raw_elections()["pres-2024-r2"]
    share = Decimal(rows[("pres-2024-r2", "pezeshkian")]) * 100 / Decimal(e["cast"]["value"])
    assert site.figures["pres-2024-r2.pezeshkian.share_cast"].value == share
    assert site.figures["pres-2024-r2.turnout"].text() == "49.68\u00a0%"


def test_every_figure_carries_a_known_source(site):
    for fig in site.figures.values():
        assert fig.sources, fig.id
        for sid in fig.sources:
            assert sid in site.bib.records, (fig.id, sid)


def test_each_election_has_exactly_one_official_turnout(site_data):
    official = [r["election"] for r in site_data.turnout if r["official"]]
    assert len(official) == len(set(official))
    assert set(official) == {r["election"] for r in site_data.turnout}
