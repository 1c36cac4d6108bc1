"""axe-core (axe-playwright-python) on every page, in the light and the dark palette: zero
violations of any impact (each palette's pages in SHARDS tests that together cover them all)."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from quality_kit import deal
from scheduling import shard_id

SCHEMES = {"light": "default", "dark": "slate"}   # prefers-color-scheme -> Material's scheme


# The pages of each palette dealt into SHARDS tests of about equal size, scheduled one by one
# (tests/scheduling.py) so that they run side by side: one palette's pages one after the other
# took three minutes, the suite's longest test.
SHARDS = 2


@pytest.mark.parametrize("scheme,shard", [pytest.param(s, n, id=f"{s}-{shard_id(n)}")
                                          for s in sorted(SCHEMES) for n in range(SHARDS)])
def test_no_axe_violations(browser, served_base, pages, scheme, shard):
    axe = Axe()
    context = browser.new_context(color_scheme=scheme)
    context.set_default_timeout(30_000)
    page = context.new_page()
    problems = []
    try:
        for built in deal(pages, SHARDS)[shard]:
            page.goto(served_base + built.url, wait_until="load")
            shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            assert shown == SCHEMES[scheme], f"{built}: palette {shown!r}, wanted {SCHEMES[scheme]!r}"
            for v in axe.run(page).response["violations"]:
                nodes = v["nodes"]
                first = nodes[0].get("failureSummary", "").replace("\n", " ")[:240]
                problems.append(f"{built}: {v['id']} ({v['impact']}, {len(nodes)} node(s), "
                                f"e.g. {nodes[0]['target']}): {first}")
    finally:
        context.close()
    assert not problems, f"axe, {scheme} palette:\n" + "\n".join(problems)
