"""Search benchmark: index size, and the time from the last key press to the results shown,
online (served on 127.0.0.1) and offline (file://, the zip's layout), in real Chromium.

The clock runs inside the page: it starts on the keydown of the last key press and stops at
the first change Material makes to the results panel after it. Prints a table and writes
bench/search.md. Run with `make bench` (or `.venv/bin/python bench/search_latency.py`)."""
from __future__ import annotations

import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
QUERIES = ["Pezeshkian", "Qalibaf", "پزشکیان", "JCPOA", "second round", "nuclear deal", "turnout", "Guardian Council"]
RUNS = 5

START_CLOCK = """() => {
  const box = document.querySelector('input.md-search__input');
  const panel = document.querySelector('.md-search-result');
  window.__t0 = null; window.__t1 = null;
  box.addEventListener('keydown', () => { window.__t0 = performance.now(); }, {once: true, capture: true});
  const obs = new MutationObserver(() => {
    if (window.__t0 !== null && window.__t1 === null) { window.__t1 = performance.now(); obs.disconnect(); }
  });
  obs.observe(panel, {childList: true, subtree: true, characterData: true});
}"""
RESULTS_SHOWN = "() => window.__t1 !== null"


def build(site_dir: Path, **env) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site_dir)],
                   cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})


def measure(page, query: str, timeout_ms: int = 10_000) -> float:
    box = page.locator("input.md-search__input")
    box.fill("")
    page.keyboard.press("End")
    page.wait_for_timeout(100)
    # The text is set, then one real key press (End) makes Material search it: Material reacts
    # to key presses, and Playwright types non-Latin letters without key events.
    box.fill(query)
    page.evaluate(START_CLOCK)
    box.press("End")
    page.wait_for_function(RESULTS_SHOWN, polling="raf", timeout=timeout_ms)
    return page.evaluate("window.__t1 - window.__t0")


def run_mode(browser, url: str) -> dict[str, float]:
    page = browser.new_page()
    page.goto(url)
    page.locator("input.md-search__input").click()
    # The worker builds its index on first use: on a slow hour of this host that once took
    # more than 10 s, so the warm-up alone may take up to a minute.
    measure(page, "warm up", timeout_ms=60_000)
    out = {q: statistics.median(measure(page, q) for _ in range(RUNS)) for q in QUERIES}
    page.close()
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        online, offline = Path(tmp) / "online", Path(tmp) / "offline"
        build(online)
        build(offline, OFFLINE="true")
        index = (online / "search" / "search_index.json").read_bytes()
        offline_index = (offline / "search" / "search_index.js").stat().st_size
        server = subprocess.Popen([sys.executable, "-m", "http.server", "8791", "--bind", "127.0.0.1",
                                   "--directory", str(online)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(50):
                try:
                    urllib.request.urlopen("http://127.0.0.1:8791/", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                served = run_mode(browser, "http://127.0.0.1:8791/")
                disk = run_mode(browser, (offline / "index.html").as_uri())
                browser.close()
        finally:
            server.terminate()
            server.wait()
        docs = len(json.loads(index)["docs"])
    lines = [
        "# Search benchmark", "",
        f"Search index: {len(index) / 1024:.1f} KiB raw, {len(gzip.compress(index)) / 1024:.1f} KiB gzip, "
        f"{docs} sections (online `search/search_index.json`; the offline build ships "
        f"{offline_index / 1024:.1f} KiB as `search_index.js`).", "",
        f"Time from the last key press to the results shown, median of {RUNS}, in Chromium:", "",
        "| query | served (ms) | file:// (ms) |", "|---|--:|--:|",
    ]
    lines += [f"| {q} | {served[q]:.0f} | {disk[q]:.0f} |" for q in QUERIES]
    lines += [f"| **median** | **{statistics.median(served.values()):.0f}** | **{statistics.median(disk.values()):.0f}** |"]
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "bench" / "search.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
