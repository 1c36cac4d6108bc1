"""Lighthouse 12.2.3 (npm, pinned) on every page, mobile (its default): accessibility, best
practices and SEO score 100. Performance is noisy between runs (±1 or more on 2 cores), so it is
benchmarked by `make bench`, not tested here. One Lighthouse run per page.

The pages are dealt into SHARDS tests, each its own xdist group (tests/conftest.py), so that
`make test` runs them on both cores instead of leaving one worker with all of them."""
from __future__ import annotations

import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from quality_kit import CHROMIUM, LIGHTHOUSE, require

CATEGORIES = ("accessibility", "best-practices", "seo")
SHARDS = 4
AT_ONCE = 3


def lighthouse(url: str, out_path, categories=CATEGORIES) -> dict:
    result = subprocess.run(
        [str(require(LIGHTHOUSE, "lighthouse (npm)")), url, "--output=json", f"--output-path={out_path}",
         "--quiet", f"--only-categories={','.join(categories)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, f"lighthouse failed on {url}:\n{result.stderr[-2000:]}"
    return json.loads(out_path.read_text(encoding="utf-8"))


def failing_audits(report: dict, category: str) -> list[str]:
    out = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
            out.append(f"{ref['id']} ({audit['title']})")
    return out


@pytest.mark.parametrize("shard", [pytest.param(n, marks=pytest.mark.xdist_group(f"lighthouse-{n}"))
                                   for n in range(SHARDS)])
def test_lighthouse_scores_100(served_base, pages, tmp_path, shard):
    mine = pages[shard::SHARDS]
    # A run is mostly waiting (for the network and the main thread to go quiet: about 3 s of CPU
    # in 11 s), so a shard's pages run a few at a time, each in its own Chromium.
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        reports = list(pool.map(lambda n: lighthouse(served_base + mine[n].url, tmp_path / f"report-{n}.json"),
                                range(len(mine))))
    problems = []
    for built, report in zip(mine, reports):
        for category in CATEGORIES:
            score = round(report["categories"][category]["score"] * 100)
            if score != 100:
                problems.append(f"{built}: {category} {score}: {', '.join(failing_audits(report, category))}")
    assert not problems, "Lighthouse below 100:\n" + "\n".join(problems)
