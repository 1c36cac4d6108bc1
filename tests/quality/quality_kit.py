"""Paths and helpers for the quality gates (a plain module: tests import this, never a conftest)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"


@dataclass(frozen=True)
class BuiltPage:
    path: Path   # file in the built site
    url: str     # site-relative URL ("" for the home page, "results/", "404.html")

    def __str__(self) -> str:
        return self.url or "/"


def site_pages(site_dir: Path) -> list[BuiltPage]:
    """Every HTML page of a built site, the 404 and print-all pages included."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        pages.append(BuiltPage(path, rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return pages


def deal(items: list, hands: int, weight=lambda built: built.path.stat().st_size) -> list[list]:
    """`items` dealt into `hands` lists of about equal weight, heaviest first to the lightest list
    (a page takes a browser check about as long as its HTML is big: the print-all page, ten times
    the size of the next, is a hand of its own or nearly)."""
    out = [[] for _ in range(hands)]
    load = [0] * hands
    for item in sorted(items, key=weight, reverse=True):
        lightest = load.index(min(load))
        out[lightest].append(item)
        load[lightest] += weight(item)
    return out


def require(path: Path, what: str) -> Path:
    if not path.exists():
        pytest.fail(f"{what} not found at {path}: run `npm ci --ignore-scripts` at the repo root "
                    "(.ci/run does). Quality gates never skip.", pytrace=False)
    return path


