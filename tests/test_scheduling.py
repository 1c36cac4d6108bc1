"""How `make test` shares the tests out over its workers (tests/scheduling.py)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from scheduling import ByFile, scheduling_unit, shard_id

ROOT = Path(__file__).resolve().parent.parent
# Prints each collected test's id and whether it takes a `shard` parameter (a sharded gate's test)
LIST_SHARDS = '''
def pytest_collection_modifyitems(items):
    for item in items:
        callspec = getattr(item, "callspec", None)
        print("TEST", "shard" in (callspec.params if callspec else {}), item.nodeid)
'''


def test_a_files_tests_are_scheduled_together_so_its_module_fixtures_are_set_up_once():
    ids = ["tests/browser/test_other_engines.py::test_pages_load_without_console_errors[firefox-online]",
           "tests/browser/test_other_engines.py::test_search_finds_latin_and_persian[webkit-offline]",
           "tests/test_x.py::test_y[sharding-a-list]"]
    assert {scheduling_unit(i) for i in ids[:2]} == {"tests/browser/test_other_engines.py"}
    assert scheduling_unit(ids[2]) == "tests/test_x.py"   # "shard" in an id, not a shard's id


def test_each_shard_of_a_sharded_gate_is_scheduled_on_its_own():
    ids = [f"tests/quality/test_axe.py::test_no_axe_violations[chromium-{s}-{shard_id(n)}]"
           for s in ("light", "dark") for n in (0, 1)]
    ids += [f"tests/quality/test_lighthouse.py::test_lighthouse_scores_100[{shard_id(n)}]" for n in range(4)]
    assert len({scheduling_unit(i) for i in ids}) == len(ids)


def test_every_test_of_the_suite_with_a_shard_parameter_and_no_other_is_scheduled_alone(tmp_path):
    (tmp_path / "list_shards.py").write_text(LIST_SHARDS, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "list_shards"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    tests = [line.split(" ", 2)[1:] for line in result.stdout.splitlines() if line.startswith("TEST ")]
    assert len(tests) > 1000
    sharded = [nodeid for flag, nodeid in tests if flag == "True"]
    assert len(sharded) >= 8   # axe (two palettes) and Lighthouse
    for flag, nodeid in tests:
        alone = scheduling_unit(nodeid) == nodeid
        assert alone == (flag == "True"), f"{nodeid}: {'a shard' if flag == 'True' else 'not a shard'}, " \
                                          f"scheduled {'alone' if alone else 'with its file'}"


def test_the_scheduler_given_to_xdist_splits_by_those_units():
    assert ByFile._split_scope(None, "tests/test_content.py::test_x[a]") == "tests/test_content.py"
