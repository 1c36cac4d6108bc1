"""Lighthouse 12.2.3 (npm, pinned) on every page, mobile (its default): accessibility, best
practices and SEO score 100. Performance is noisy between runs (±1 or more on 2 cores), so it is
benchmarked by `make bench`, not tested here. One Lighthouse run per page.

The pages are dealt into SHARDS tests, scheduled one by one (tests/scheduling.py), so that
`make test` runs them on both cores instead of leaving one worker with all of them. A shard's
pages run in AT_ONCE Node processes (lighthouse_pages.mjs), each with one Chromium for its pages."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from quality_kit import CHROMIUM, LIGHTHOUSE, deal, require
from scheduling import shard_id

CATEGORIES = ("accessibility", "best-practices", "seo")
SHARDS = 4
AT_ONCE = 3
RUNNER = Path(__file__).with_name("lighthouse_pages.mjs")


def run_cost(built) -> int:
    """A page's Lighthouse run, in bytes of HTML that take as long: about 5 s whatever the page
    (loading, waiting for quiet, the benchmark), then about 1 s per 57 KB (measured on People)."""
    return 285_000 + built.path.stat().st_size


def lighthouse(urls: list[str], out_dir: Path, categories=CATEGORIES) -> list[dict]:
    """Lighthouse's report on each URL, in order, from one Node process."""
    require(LIGHTHOUSE, "lighthouse (npm)")
    out_dir.mkdir(parents=True)
    result = subprocess.run(
        [shutil.which("node") or "node", str(RUNNER), str(out_dir), ",".join(categories), *urls],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"lighthouse failed on {urls}:\n{result.stderr[-2000:]}"
    return [json.loads((out_dir / f"{n}.json").read_text(encoding="utf-8")) for n in range(len(urls))]


def failing_audits(report: dict, category: str) -> list[str]:
    out = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
            out.append(f"{ref['id']} ({audit['title']})")
    return out


@pytest.mark.parametrize("shard", range(SHARDS), ids=shard_id)
def test_lighthouse_scores_100(served_base, pages, tmp_path, shard):
    # A run is mostly waiting (for the network and the main thread to go quiet), so a shard's
    # pages run a few at a time; a page's report names the URL it was asked for.
    runs = [run for run in deal(deal(pages, SHARDS, weight=run_cost)[shard], AT_ONCE, weight=run_cost) if run]
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        done = pool.map(lambda k: lighthouse([served_base + p.url for p in runs[k]], tmp_path / str(k)),
                        range(len(runs)))
        reports = {built: report for k, got in enumerate(done) for built, report in zip(runs[k], got)}
    problems = []
    for built, report in reports.items():
        assert report["requestedUrl"] == served_base + built.url, (built, report["requestedUrl"])
        for category in CATEGORIES:
            score = round(report["categories"][category]["score"] * 100)
            if score != 100:
                problems.append(f"{built}: {category} {score}: {', '.join(failing_audits(report, category))}")
    assert not problems, "Lighthouse below 100:\n" + "\n".join(problems)
