"""Shared fixtures: the real data loaded once, and the real site built once (strict)."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scheduling import ByFile  # noqa: E402
from sitebuild import DATA, ROOT, mkdocs_build  # noqa: E402


@pytest.fixture(scope="session")
def site_data():
    from macros.data import load_site_data
    return load_site_data(DATA)


@pytest.fixture(scope="session")
def site():
    from macros.site import Site
    return Site.load(DATA)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built strictly once per test session."""
    out = tmp_path_factory.mktemp("built") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", out)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr[-4000:]}"
    return out


@pytest.fixture
def fixture_site(tmp_path) -> Path:
    """A copy of tests/fixtures/site with the real macros and a copy of the real data."""
    dest = tmp_path / "site"
    shutil.copytree(ROOT / "tests" / "fixtures" / "site", dest)
    shutil.copytree(DATA, dest / "data")
    (dest / "macros").symlink_to(ROOT / "macros")
    return dest


# The tiers, by where a test lives: `make test-fast` leaves these out.
_TIER_DIRS = {"browser": "browser", "quality": "quality", "ci": "ci"}
_BUILDS = {"test_bad_inputs.py", "test_offline_build.py", "test_data_escaped.py", "test_second_engine.py"}


# `make test` (pytest-xdist) schedules a file's tests together: tests/scheduling.py says why.
def pytest_xdist_make_scheduler(config, log):
    return ByFile(config, log)


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(str(item.fspath))
        tier = _TIER_DIRS.get(path.parent.name)
        if tier:
            item.add_marker(getattr(pytest.mark, tier))
        elif path.name in _BUILDS:
            item.add_marker(pytest.mark.builds)
