"""Quality gates over the real site: the lead's session-scoped `built_site` (tests/conftest.py,
one strict build of mkdocs.yml per session) is checked as files (Nu HTML Checker, links,
titles, text alternatives) and served over HTTP for the browser gates (axe, Lighthouse).

External tools are requirements, never skips: Java 17 + node_modules/vnu-jar and
node_modules/lighthouse (`npm ci --ignore-scripts`, done by .ci/run), Chromium at
/usr/bin/chromium (or CHROMIUM=/path).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from quality_kit import CHROMIUM, CHROMIUM_ARGS, BuiltPage, site_pages
from sitebuild import serve_directory


@pytest.fixture(scope="session")
def pages(built_site) -> list[BuiltPage]:
    found = site_pages(built_site)
    assert len(found) > 10, f"only {len(found)} pages built"
    return found


@pytest.fixture(scope="session")
def java() -> str:
    exe = shutil.which("java")
    if not exe:
        pytest.fail("java not found: apt-get install default-jre-headless (.ci/run does)", pytrace=False)
    return exe


@pytest.fixture(scope="session")
def served_base(built_site) -> str:
    """`built_site` served by `python -m http.server` (no compression) on a free port."""
    with serve_directory(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, as in tests/browser (pytest-playwright reads this per directory)."""
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium", pytrace=False)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
