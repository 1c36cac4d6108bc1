"""The built site in two more engines, Debian's Firefox ESR and WebKitGTK, served on 127.0.0.1
and unzipped on file:// (the same builds as the Chromium tests: served_site, offline_site).

A smoke test, not the Chromium suite again: a few pages load with no console error and no
request to another host, search finds a Latin and a Persian query, the palette toggles.

- Firefox: engines/firefox_smoke.mjs (npm puppeteer-core over WebDriver BiDi; requests to other
  hosts are blocked and recorded).
- WebKitGTK: engines/webkit_smoke.py (Selenium and WebKitWebDriver, under an Xvfb of its own;
  the browser is engines/webkit_shell.py, which logs console messages and loads; requests to
  other hosts are recorded, not blocked).
Each engine is launched once per site variant; its report is shared by the tests below. A
missing browser or tool is a failure, never a skip (.ci/run installs them).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent / "engines"))
from browser_kit import DATA, page_name  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
ENGINES = Path(__file__).resolve().parent / "engines"
FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")
PAGES = ["index", "results", "people"]
# A Latin and a Persian query, and a page each must find. The Persian one is Pezeshkian's surname
# as data/people.yaml writes it: the people page and the search index carry it.
LATIN, PERSIAN = "Pezeshkian", "پزشکیان"
QUERIES = {LATIN: "people", PERSIAN: "people"}
# Run on the last page by each driver: a console error and a request to another host that the
# report must show. They prove the hooks work in this very run (a hook that sees nothing would
# otherwise pass the tests below); the tests then leave them out.
CANARY = "smoke-canary"
CANARIES = [f"setTimeout(() => console.error('{CANARY}'), 0)",
            f"setTimeout(() => fetch('https://{CANARY}.invalid/x').catch(() => {{}}), 0)"]
RUNS = ["firefox-online", "firefox-offline", "webkit-online", "webkit-offline"]
# Selenium 4.51's own WebKitGTK driver class still sets remote_server_addr, which it deprecates.
pytestmark = pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning")


def job(site) -> dict:
    def url(name):
        if name == "index":
            return site.url("")
        return site.url(f"{name}.html" if site.offline else f"{name}/")
    return {"base": site.base, "offline": site.offline, "home": url("index"),
            "pages": [url(p) for p in PAGES], "queries": list(QUERIES), "canaries": CANARIES,
            "executable": FIREFOX}


def require(ok: bool, what: str):
    if not ok:
        pytest.fail(f"{what} (.ci/run installs it). Other-engine tests never skip.", pytrace=False)


def firefox_report(site) -> dict:
    node = shutil.which("node")
    require(bool(node), "node not found: apt-get install -y nodejs npm")
    require(os.access(FIREFOX, os.X_OK), f"Firefox not found at {FIREFOX}: apt-get install -y firefox-esr")
    require((ROOT / "node_modules" / "puppeteer-core").is_dir(),
            "puppeteer-core not installed: npm ci --ignore-scripts (PUPPETEER_SKIP_DOWNLOAD=1)")
    result = subprocess.run([node, str(ENGINES / "firefox_smoke.mjs")], input=json.dumps(job(site)),
                            capture_output=True, text=True, timeout=240, cwd=ROOT)
    assert result.returncode == 0 and result.stdout.strip(), \
        f"firefox_smoke.mjs exited {result.returncode}:\n{result.stderr[-3000:]}"
    return json.loads(result.stdout)


def webkit_report(site, work: Path) -> dict:
    from webkit_smoke import SYSTEM_PYTHON, WEBKIT_DRIVER, XVFB, run
    require(os.access(WEBKIT_DRIVER, os.X_OK), f"{WEBKIT_DRIVER} not found: apt-get install -y webkit2gtk-driver")
    require(os.access(XVFB, os.X_OK), f"{XVFB} not found: apt-get install -y xvfb")
    check = subprocess.run([SYSTEM_PYTHON, "-c", "import gi; gi.require_version('WebKit2', '4.1'); "
                            "gi.require_version('Gtk', '3.0'); from gi.repository import WebKit2, Gtk"],
                           capture_output=True, text=True)
    require(check.returncode == 0, f"{SYSTEM_PYTHON} cannot import WebKit2 4.1 through PyGObject: "
            f"apt-get install -y python3-gi gir1.2-webkit2-4.1\n{check.stderr[-500:]}")
    return run(job(site), work)


@pytest.fixture(scope="module", params=RUNS)
def report(request, tmp_path_factory) -> dict:
    engine, variant = request.param.split("-")
    site = request.getfixturevalue("served_site" if variant == "online" else "offline_site")
    if engine == "firefox":
        out = firefox_report(site)
    else:
        out = webkit_report(site, tmp_path_factory.mktemp(f"webkit-{variant}"))
    out["site"] = site
    return out


def ran(report: dict, step: str):
    """What a step of the run reported, or a failure that says why the step stopped."""
    errors = report.get("errors", {})
    for stage in ("launch", "setup", step):
        assert stage not in errors, f"the {report.get('browser')} run stopped at {stage}: {errors[stage]}"
    return report[step]


def without_canary(lines: list[str]) -> list[str]:
    return [line for line in lines if CANARY not in line]


def test_pages_load_without_console_errors(report):
    pages = ran(report, "pages")
    assert [page_name(p["url"]) for p in pages] == PAGES, pages
    for p in pages:
        assert p["title"] and p["h1"] >= 1, f"{p['url']}: no title or no <h1>: {p}"
        assert p["styled"], f"{p['url']}: Material's stylesheet does not apply (the header is not sticky)"
    assert any(CANARY in line for line in report["console_errors"]), \
        "the canary console.error() was not seen: the console hook is blind in this run"
    problems = without_canary(report["console_errors"] + report["page_errors"] + report["local_failures"])
    assert not problems, "\n".join(problems)


def test_pages_make_no_third_party_requests(report):
    ran(report, "pages")
    assert any(CANARY in url for url in report["third_party"]), \
        f"the canary request to another host was not seen ({report['requests_seen']} requests seen)"
    others = without_canary(report["third_party"])
    assert not others, f"requests left the site ({report['site'].base}):\n" + "\n".join(others)


def test_search_finds_latin_and_persian(report):
    people = {p["id"]: p for p in yaml.safe_load((DATA / "people.yaml").read_text(encoding="utf-8"))["people"]}
    assert PERSIAN in people["pezeshkian"]["persian"].split(), \
        "the Persian query is no longer Pezeshkian's surname in data/people.yaml"
    search = ran(report, "search")
    for query, expected in QUERIES.items():
        got = search.get(query) or {}
        assert got.get("value") == query, f"{query!r}: the search box holds {got.get('value')!r}"
        found = re.fullmatch(r"(\d+) matching documents?", got.get("meta", ""))
        assert found and int(found[1]) >= 1 and got["items"] >= 1, \
            f"{query!r}: no results ({got.get('meta')!r}, {got.get('items')} shown)"
        pages = [page_name(href) for href in got["pages"]]
        assert expected in pages, f"{query!r}: {expected} not among the results {sorted(set(pages))}"


def test_palette_toggles_light_and_dark(report):
    palette = ran(report, "palette")
    assert palette, "the palette step reported nothing"
    assert {palette["before"], palette["after"]} == {"default", "slate"}, \
        f"body[data-md-color-scheme] did not switch between light and dark: {palette}"
    assert palette["back"] == palette["before"], f"the second click did not switch back: {palette}"
