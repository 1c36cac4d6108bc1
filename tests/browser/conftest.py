"""Browser-test fixtures: the real site built twice (served online, unzipped offline) and Chromium.

- `served_site`: `mkdocs build --strict` of the real mkdocs.yml into a temp dir, with SITE_URL set
  to the address it is then served on by `python -m http.server PORT --bind 127.0.0.1` (a Popen
  child, ended at session end).
- `offline_site`: OFFLINE=true build, packed by `python -m tools.make_zip`, unzipped into a temp
  dir and opened over file://.
- Chromium is Debian's /usr/bin/chromium (override with CHROMIUM=/path). Missing = FAIL, never skip.

BROWSER_TEST_CONFIG=path/to/other.yml builds another config instead of mkdocs.yml (for working
on these tests while pages are still missing); CI never sets it.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitebuild import BUILD_ENV, free_port, serve_directory

ROOT = Path(__file__).resolve().parents[2]
CONFIG = Path(os.environ.get("BROWSER_TEST_CONFIG") or ROOT / "mkdocs.yml").resolve()
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"
ZIP_NAME = "iran-2024-explainer"


def build(site_dir: Path, **env: str) -> float:
    """Strict build of CONFIG into site_dir; returns seconds taken."""
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(CONFIG), "-d", str(site_dir)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, **BUILD_ENV, **env},
    )
    assert result.returncode == 0, f"strict build of {CONFIG.name} failed:\n{result.stderr[-4000:]}"
    return time.monotonic() - start


def sitemap_pages(site_dir: Path) -> list[str]:
    """Site-relative paths of every page in sitemap.xml (plus the print-all page)."""
    import xml.etree.ElementTree as ET
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    tree = ET.parse(site_dir / "sitemap.xml")
    locs = [loc.text.strip() for loc in tree.findall(".//s:loc", ns)]
    return locs


@dataclass
class Site:
    """One built variant: where its files are and how a browser reaches a page."""
    dir: Path
    base: str                                  # "http://127.0.0.1:PORT/" or "file:///…/"
    offline: bool
    build_seconds: float = 0.0
    extra: dict = field(default_factory=dict)

    @property
    def host(self) -> str:
        return urlsplit(self.base).netloc      # "" for file://

    def pages(self) -> list[str]:
        """Relative URLs of all pages, in sitemap order; print page included."""
        rel = []
        for html in sorted(self.dir.rglob("*.html")):
            path = html.relative_to(self.dir).as_posix()
            if path == "404.html":
                continue
            if not self.offline:               # directory URLs online: foo/index.html -> foo/
                path = path[: -len("index.html")] if path.endswith("index.html") else path
            rel.append(path)
        return rel

    def url(self, rel: str = "") -> str:
        if self.offline and rel in ("", "."):
            rel = "index.html"
        return self.base + rel


@pytest.fixture(scope="session")
def served_site(tmp_path_factory) -> Site:
    port = free_port()
    site_dir = tmp_path_factory.mktemp("online") / "site"
    # SITE_URL is the address it is served on, so Material's instant navigation would work.
    seconds = build(site_dir, SITE_URL=f"http://127.0.0.1:{port}/")
    with serve_directory(site_dir, port) as base:
        yield Site(site_dir, base, offline=False, build_seconds=seconds)


@pytest.fixture(scope="session")
def offline_build(tmp_path_factory) -> dict:
    """OFFLINE=true build + tools.make_zip; returns paths and figures."""
    work = tmp_path_factory.mktemp("offline")
    site_dir, dist = work / "site-offline", work / "dist"
    seconds = build(site_dir, OFFLINE="true")
    result = subprocess.run([sys.executable, "-m", "tools.make_zip", str(site_dir), str(dist)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    zip_path = dist / f"{ZIP_NAME}-offline.zip"
    assert zip_path.is_file(), result.stdout
    return {"site_dir": site_dir, "zip": zip_path, "seconds": seconds, "stdout": result.stdout,
            "work": work}


@pytest.fixture(scope="session")
def offline_site(offline_build) -> Site:
    dest = offline_build["work"] / "unzipped"
    with zipfile.ZipFile(offline_build["zip"]) as zf:
        zf.extractall(dest)
    site_dir = dest / ZIP_NAME
    assert (site_dir / "index.html").is_file()
    return Site(site_dir, site_dir.as_uri() + "/", offline=True,
                build_seconds=offline_build["seconds"],
                extra={"zip_bytes": offline_build["zip"].stat().st_size})


@pytest.fixture(params=["served", "offline"])
def any_site(request) -> Site:
    return request.getfixturevalue("served_site" if request.param == "served" else "offline_site")


# --- Chromium ------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium "
                    "(or set CHROMIUM=/path). Browser tests never skip.", pytrace=False)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
