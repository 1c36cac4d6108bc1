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
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from quality_kit import CHROMIUM, CHROMIUM_ARGS, BuiltPage, free_port, site_pages


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
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(built_site)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(base, timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"http.server on port {port} did not come up")
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, as in tests/browser (pytest-playwright reads this per directory)."""
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium", pytrace=False)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
