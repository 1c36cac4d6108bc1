"""How `make test` shares the tests out over its workers (tests/scheduling.py)."""
from __future__ import annotations

from scheduling import ByFile, scheduling_unit


def test_a_files_tests_are_scheduled_together_so_its_module_fixtures_are_set_up_once():
    ids = ["tests/browser/test_other_engines.py::test_pages_load_without_console_errors[firefox-online]",
           "tests/browser/test_other_engines.py::test_search_finds_latin_and_persian[webkit-offline]"]
    assert {scheduling_unit(i) for i in ids} == {"tests/browser/test_other_engines.py"}


def test_each_shard_of_a_sharded_gate_is_scheduled_on_its_own():
    ids = [f"tests/quality/test_axe.py::test_no_axe_violations[chromium-{s}-{n}]" for s in ("light", "dark") for n in (0, 1)]
    ids += [f"tests/quality/test_lighthouse.py::test_lighthouse_scores_100[{n}]" for n in range(4)]
    assert len({scheduling_unit(i) for i in ids}) == len(ids)


def test_the_scheduler_given_to_xdist_splits_by_those_units():
    assert ByFile._split_scope(None, "tests/test_content.py::test_x[a]") == "tests/test_content.py"
