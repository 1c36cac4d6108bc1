"""The rebuild a maintainer waits for: a page edited, then built again in the same process, as
`mkdocs serve` does it (the config loaded afresh, the build run again), for this site and for
plain Material on the same Markdown with the macros rendered out; and a fresh build in a new
process for both. Usage: .venv/bin/python bench/rebuild.py [--scales 1,10] [--runs 3]

Prints a Markdown table; bench/results.md keeps the figures of each run."""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.run import (ENV, capture_rendered_markdown, plain_material_project,  # noqa: E402
                       synthetic_project, timed_build)

REBUILD = """
import sys, time, logging
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.disable(logging.WARNING)
config, site, runs = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
def once():
    cfg = load_config(str(config), site_dir=site, strict={strict})
    t = time.perf_counter(); build(cfg); return time.perf_counter() - t
once()                                     # the first build, as `mkdocs serve` starts with
page = sorted((config.parent / "docs").glob("*.md"))[0]
times = []
for n in range(runs):
    page.write_text(page.read_text(encoding="utf-8") + f"\\n<!-- edit {{n}} -->\\n", encoding="utf-8")
    times.append(once())
print(sorted(times)[len(times) // 2])
"""


def rebuild(config: Path, site: Path, runs: int, strict: bool) -> float:
    out = subprocess.run([sys.executable, "-c", REBUILD.format(strict=strict), str(config), str(site), str(runs)],
                         env=ENV, capture_output=True, text=True, cwd=config.parent)
    if out.returncode:
        raise SystemExit(out.stderr[-2000:])
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", default="1,10")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="rebuild-") as tmp:
        work = Path(tmp)
        for factor in [int(x) for x in args.scales.split(",")]:
            cfg = synthetic_project(work, factor)
            cap = capture_rendered_markdown(work / f"x{factor}-cap", cfg)
            plain = plain_material_project(cap, work, f"x{factor}-plain")
            ours_re = rebuild(cfg, work / f"x{factor}-ours", args.runs, True)
            plain_re = rebuild(plain, work / f"x{factor}-plainsite", args.runs, False)
            ours_fresh = statistics.median(timed_build(cfg, work / f"x{factor}-f") for _ in range(args.runs))
            plain_fresh = statistics.median(timed_build(plain, work / f"x{factor}-pf", strict=False)
                                            for _ in range(args.runs))
            rows.append((factor, ours_re, plain_re, ours_fresh, plain_fresh))
            print(f"x{factor}: rebuild {ours_re:.2f} s vs {plain_re:.2f} s; fresh {ours_fresh:.2f} s vs {plain_fresh:.2f} s", flush=True)
    print("\n| content | rebuild in-process, this site | plain Material | ratio (goal ≤ 1.5×) "
          "| fresh build, this site | plain Material | ratio (goal ≤ 2× at 10× and 100×) |")
    print("|---|--:|--:|--:|--:|--:|--:|")
    for f, ore, pre, ofr, pfr in rows:
        print(f"| {f}× | {ore:.2f} s | {pre:.2f} s | {ore / pre:.2f}× | {ofr:.2f} s | {pfr:.2f} s | {ofr / pfr:.2f}× |")


if __name__ == "__main__":
    main()
