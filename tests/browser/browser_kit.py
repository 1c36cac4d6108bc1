"""Helpers for the browser tests (a plain module, so no test imports a conftest)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

DATA = Path(__file__).resolve().parents[2] / "data"


@dataclass
class Watch:
    """What went wrong while a context was open."""
    page_errors: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    bad_status: list = field(default_factory=list)
    third_party: list = field(default_factory=list)

    def problems(self) -> list[str]:
        out = [f"pageerror: {e}" for e in self.page_errors]
        out += [f"request failed: {u} ({why})" for u, why in self.failed]
        out += [f"HTTP {s}: {u}" for u, s in self.bad_status]
        out += [f"third-party request blocked: {u}" for u in self.third_party]
        return out


def open_context(browser, site, **kwargs):
    """A browser context that blocks (and records) every request leaving the site."""
    context = browser.new_context(**kwargs)
    context.set_default_timeout(15_000)
    watch = Watch()

    def route(route_):
        url = route_.request.url
        parts = urlsplit(url)
        local = (parts.scheme == "file" and site.offline) or \
                (parts.scheme in ("http", "https") and parts.netloc == site.host and not site.offline) or \
                parts.scheme in ("data", "blob", "about")
        if local:
            route_.continue_()
        else:
            watch.third_party.append(url)
            route_.abort("blockedbyclient")

    context.route("**/*", route)

    def on_page(page):
        page.on("pageerror", lambda exc: watch.page_errors.append(f"{page.url}: {exc}"))
        page.on("console", lambda msg: msg.type == "error" and watch.console_errors.append(
            f"{page.url}: {msg.text}"))
        # ERR_ABORTED is the browser calling a request off (the favicon, when the next navigation
        # comes before it is fetched), not the site failing to serve it: a missing file reads
        # HTTP 404 when served and ERR_FILE_NOT_FOUND from disk, both still counted
        page.on("requestfailed", lambda req: req.url not in watch.third_party and
                req.failure != "net::ERR_ABORTED" and watch.failed.append((req.url, req.failure)))
        page.on("response", lambda resp: resp.status >= 400 and watch.bad_status.append(
            (resp.url, resp.status)))

    context.on("page", on_page)
    return context, watch


def open_search(browser, site):
    """A blocked-off context (open_context) with the site's home page open and its search box
    focused: (context, watch, page)."""
    context, watch = open_context(browser, site)
    page = context.new_page()
    page.goto(site.url(""))
    page.locator("input.md-search__input").click()
    return context, watch, page


def page_name(url: str) -> str:
    """The page a search result or an index location points to ("people" for people/#x,
    people.html#x and ../people/?h=x), online or offline; "index" for the home page."""
    return urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html") or "index"


def searches_asked(page) -> int:
    """How many queries the search has been asked on this page (search-fuzzy.js counts them)."""
    return int(page.evaluate("() => document.documentElement.dataset.searchAsked || 0"))


def await_search_settled(page, asked_before: int, timeout_ms: int = 15_000) -> None:
    """Once a query asked after `asked_before` others has its last answer shown: search-fuzzy.js
    asks an empty or partial first answer again, forgiving, and that answer comes later on a busy
    machine. Material draws the results in the frame after an answer arrives."""
    page.wait_for_function(
        """n => { const d = document.documentElement.dataset
                  return +(d.searchAsked || 0) > n && d.searchAnswered === d.searchAsked }""",
        arg=asked_before, timeout=timeout_ms)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def result_pages(page) -> list[str]:
    """Distinct pages of the search results shown, in their order."""
    pages = []
    for href in page.locator(".md-search-result__item > .md-search-result__link").evaluate_all("as => as.map(a => a.href)"):
        if page_name(href) not in pages:
            pages.append(page_name(href))
    return pages


def source_queries() -> list[tuple[str, str]]:
    """("<author's surname> <first long word of the title>", the source's id) for every source
    with a personal author: who and what, as a reader looking for a reference would type."""
    out = []
    for rec in yaml.safe_load((DATA / "sources.yaml").read_text(encoding="utf-8"))["sources"]:
        family = (rec.get("author") or [{}])[0].get("family")
        word = next((w for w in re.findall(r"[A-Za-z]+", rec["title"]) if len(w) >= 6), None)
        if family and word:
            out.append((f"{family} {word}", rec["id"]))
    return out


def people_page(rec: dict) -> str:
    """The page holding a person's entry: People, or People since the brief (`group: after`)."""
    return "people-after" if rec.get("group") == "after" else "people"
