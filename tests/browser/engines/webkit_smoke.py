"""Smoke run of the built site in WebKitGTK (Debian's webkit2gtk-driver), the WebKit twin of
firefox_smoke.mjs: same job in, same report out (see that file's header).

WebKitWebDriver is driven by Selenium for Python. It has no log endpoint, no BiDi and no network
hook, so the browser it starts is webkit_shell.py (run by the system Python, which has
PyGObject), which writes to a log file:
- `… CONSOLE <SOURCE> <LEVEL> <text>`: every console message of every page, the engine's own
  included (an uncaught exception is `CONSOLE JS ERROR`), not only console.error() calls;
- `RESOURCE <uri>`: every load a page starts;
- `FAILED <uri> (<why>)` and `HTTP <status> <uri>`: a load that failed or answered 400 or more.
A request to another host is therefore recorded, not blocked: the test fails on it all the
same. Counted as requests: the RESOURCE lines, plus each page's own URL and the names in its
`performance.getEntriesByType('resource')`. Checked by hand against a copy of the site with an
<img>, a fetch() and a fetch() inside a Worker, each to another host: the RESOURCE lines caught
all three online, and the first two from file:// (where a blob: Worker cannot start).

The display is an Xvfb the run starts itself (`-displayfd`: a free display number, no lock-file
races with other X servers on the machine) and stops at the end.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

TESTS = Path(__file__).resolve().parents[2]
if str(TESTS) not in sys.path:   # run by hand, not from pytest
    sys.path.insert(0, str(TESTS))
from sitebuild import stop  # noqa: E402

HERE = Path(__file__).resolve().parent
SHELL = HERE / "webkit_shell.py"
SYSTEM_PYTHON = "/usr/bin/python3"       # has python3-gi; the venv's Python has not
WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
XVFB = "/usr/bin/Xvfb"
TIMEOUT = 15.0
# What each page reports: where it is, its title, its <h1> count, and whether Material's
# stylesheet applies (its header is sticky), as the Chromium tests check.
PAGE_FACTS = ("{url: location.href, title: document.title,"
              " h1: document.querySelectorAll('article.md-content__inner h1').length,"
              " styled: getComputedStyle(document.querySelector('.md-header')).position === 'sticky'}")
CONSOLE = re.compile(r"CONSOLE (?P<kind>(?:[A-Z-]+ )?(?:ERROR|WARNING|WARN|LOG|INFO|DEBUG)) (?P<text>.*)")


@contextlib.contextmanager
def xvfb():
    """An Xvfb on a free display; yields ":N"."""
    read, write = os.pipe()
    server = subprocess.Popen([XVFB, "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as numbers:
            number = numbers.readline().strip()
        if not number:
            raise RuntimeError(f"Xvfb gave no display number (exit code {server.poll()})")
        yield f":{number}"
    finally:
        stop(server)


def is_local(url: str, job: dict) -> bool:
    """The same rule as firefox_smoke.mjs: the site's own host (served) or a file (offline);
    data:, blob: and about: never leave the machine."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    if job["offline"]:
        return parts.scheme == "file"
    return parts.scheme in ("http", "https") and parts.netloc == urlsplit(job["base"]).netloc


def wait_for(driver, script: str, *args, timeout: float = TIMEOUT):
    """Poll a script until it returns something truthy; returns it (or the last falsy value)."""
    deadline = time.monotonic() + timeout
    while True:
        value = driver.execute_script(script, *args)
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


def run(job: dict, work: Path) -> dict:
    """One browser session for the whole job; `work` is a fresh folder for the shell's data
    and the logs. Each step (pages, search, palette) runs even if an earlier one failed; a step
    that raises is reported under errors[step]."""
    from selenium import webdriver
    from selenium.webdriver.common.by import By
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service

    report = {"browser": None, "pages": [], "console_errors": [], "page_errors": [], "third_party": [],
              "local_failures": [], "requests_seen": 0, "search": {}, "palette": None, "errors": {}}
    shell_log = work / "shell.log"
    shell_log.touch()
    seen: list[str] = []

    def step(name, fn):
        try:
            fn()
        except Exception as exc:
            report["errors"][name] = f"{type(exc).__name__}: {exc}"

    def open_page(url: str):
        driver.get(url)
        # Material's bundle has run (it defines these globals), then a moment for the search
        # worker and late requests
        if not wait_for(driver, "return !!window.document$ && !!window.component$"):
            raise RuntimeError(f"{url}: Material's bundle did not start")
        time.sleep(0.4)
        seen.append(driver.current_url)
        seen.extend(driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)"))

    def pages():
        for url in job["pages"]:
            open_page(url)
            report["pages"].append(driver.execute_script("return " + PAGE_FACTS))
        for script in job.get("canaries", []):
            driver.execute_script(script)
        time.sleep(0.4)

    def search():
        # Typed into the header's box (WebDriver key input); the answer is read once the box
        # holds the whole query and the result list has stopped changing.
        for query in job["queries"]:
            open_page(job["home"])
            box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
            box.click()
            box.send_keys(query)
            last, same, deadline = None, 0, time.monotonic() + TIMEOUT
            while True:
                state = driver.execute_script(
                    "return {value: document.querySelector('input.md-search__input').value,"
                    " meta: (document.querySelector('.md-search-result__meta') || {textContent: ''}).textContent.trim(),"
                    " items: document.querySelectorAll('.md-search-result__item').length,"
                    " pages: [...document.querySelectorAll('.md-search-result__item > .md-search-result__link')].map(a => a.href)}")
                settled = state["value"] == query and not re.search("Initializing|Type to start", state["meta"])
                same = same + 1 if settled and state == last else 0
                last = state
                if same >= 3 or time.monotonic() > deadline:
                    break
                time.sleep(0.1)
            report["search"][query] = state

    def palette():
        # The header's toggle switches body[data-md-color-scheme] and back
        open_page(job["home"])
        scheme = "return document.body.getAttribute('data-md-color-scheme')"

        def toggle(before):
            labels = driver.find_elements(By.CSS_SELECTOR, "form[data-md-component='palette'] label")
            visible = [label for label in labels if label.is_displayed()]
            if not visible:
                raise RuntimeError("no visible palette toggle")
            visible[0].click()
            wait_for(driver, f"return document.body.getAttribute('data-md-color-scheme') !== {json.dumps(before)}",
                     timeout=5)                 # no change: the report shows it
            return driver.execute_script(scheme)

        before = driver.execute_script(scheme)
        after = toggle(before)
        report["palette"] = {"before": before, "after": after, "back": toggle(after)}

    with xvfb() as display:
        options = Options()
        options.binary_location = SYSTEM_PYTHON
        options.add_argument(str(SHELL))
        options.add_argument("--automation")
        options.set_capability("browserName", "site-smoke-shell")     # webkit_shell.NAME
        service = Service(executable_path=WEBKIT_DRIVER, log_output=str(work / "driver.log"),
                          env={**os.environ, "DISPLAY": display, "NO_AT_BRIDGE": "1",
                               "SMOKE_SHELL_LOG": str(shell_log), "SMOKE_SHELL_DATA": str(work / "data")})
        try:
            driver = webdriver.WebKitGTK(options=options, service=service)
        except Exception as exc:
            report["errors"]["launch"] = f"{type(exc).__name__}: {exc}\n{(work / 'driver.log').read_text(errors='replace')[-2000:]}"
            return report
        try:
            report["browser"] = f"{driver.capabilities.get('browserName')}/{driver.capabilities.get('browserVersion')} (WebKitGTK)"
            driver.set_page_load_timeout(30)
            step("pages", pages)
            step("search", search)
            step("palette", palette)
        finally:
            driver.quit()

    for line in shell_log.read_text(encoding="utf-8", errors="replace").splitlines():
        kind, _, rest = line.partition(" ")
        if kind == "RESOURCE":
            seen.append(rest)
            continue
        if kind == "FAILED" or (kind == "HTTP" and rest[:3].isdigit()):
            url = rest.split(" ")[0] if kind == "FAILED" else rest.split(" ", 1)[1]
            if is_local(url, job):              # another host's failures are third_party's
                report["local_failures"].append(line)
            continue
        match = CONSOLE.search(line)
        if match and match["kind"].endswith("ERROR"):
            bucket = "page_errors" if match["kind"] == "JS ERROR" else "console_errors"
            if line not in report[bucket]:      # the same line from two visits of a page: once
                report[bucket].append(line)
    report["requests_seen"] = len(seen)
    report["third_party"] = sorted({url for url in seen if not is_local(url, job)})
    return report


if __name__ == "__main__":                      # by hand: python webkit_smoke.py < job.json
    import sys
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(run(json.load(sys.stdin), Path(tmp)), ensure_ascii=False, indent=1))
