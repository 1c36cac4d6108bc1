"""What changed on the site (data/changes.yaml): the "What's new" list and the Atom feed (feed.xml)
of the same entries, newest first, each a pure function of the resolved `Change`s.
"""
import datetime
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urljoin

from markupsafe import escape

from .markdown_text import render
from .site import PageState, Site, offline_build

FILE = "changes.yaml"
FEED_PATH = "feed.xml"


@dataclass(frozen=True)
class Change:
    id: str
    date: str                          # YYYY-MM-DD, the day it landed
    summary: str
    pages: tuple[tuple[str, str], ...]  # (path under docs/, the page's title)

    @property
    def anchor(self) -> str:  # its id on the listing page; with that page's URL, its id in the feed
        return f"change-{self.id}"


def newest_first(changes: Iterable[Change]) -> list[Change]:
    return sorted(changes, key=lambda c: c.date, reverse=True)  # stable: one day's keep the file's order


def resolve(site: Site) -> list[Change]:
    """The entries, each page with its title (a page that does not exist stops the build)."""
    file = str(site.data.data_dir / FILE)
    return newest_first(
        Change(rec["id"], rec["date"], rec["summary"], tuple(
            (src, site.page_title(src, (file, f"record {rec['id']!r}, field 'pages'"))) for src in rec["pages"]))
        for rec in site.data.changes)


# --- The page -------------------------------------------------------------------------------------

def render_changes(changes: Iterable[Change], link: Callable[[str], str], here: str | None = None) -> str:
    """The changes as Markdown under a heading per month, each page it touched linked by its title
    (`link(src)`) but `here`, the listing page itself."""
    months = [(month, list(in_month)) for month, in_month in groupby(newest_first(changes), key=lambda c: c.date[:7])]
    return render("changes.md", months=months, link=link, here=here)


def changes_list(site: Site, page: PageState) -> str:
    """`{{ changes_list() }}`: the page that shows it is where the feed's entries point."""
    site.changes_listed_on = page.ref
    return render_changes(resolve(site), page.link, page.ref.src)


# --- The feed -------------------------------------------------------------------------------------

def _day(date: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(date).replace(tzinfo=datetime.timezone.utc)


def feed_xml(changes: Iterable[Change], *, site_url: str, title: str, author: str, listed_at: str,
             url_of: Callable[[str], str], subtitle: str | None = None, rights: str | None = None,
             language: str = "en") -> str:
    """The changes as an Atom feed (feedgen writes and escapes it). An entry's id and link is its
    place on the listing page (`listed_at`), stable while the entry is; `url_of(src)` is absolute."""
    from feedgen.feed import FeedGenerator  # only when a feed is written (write_feed)

    ordered = newest_first(changes)
    if not ordered:
        raise ValueError("a feed needs at least one change")
    feed_url = urljoin(site_url, FEED_PATH)
    fg = FeedGenerator()
    fg.id(feed_url)
    fg.title(title)
    fg.author({"name": author})
    fg.link(href=site_url, rel="alternate", type="text/html")
    fg.link(href=feed_url, rel="self", type="application/atom+xml")
    fg.language(language)
    fg.subtitle(subtitle)  # feedgen writes neither when empty (None only reads them)
    fg.rights(rights)
    fg.updated(_day(ordered[0].date))
    for c in ordered:
        here = f"{listed_at}#{c.anchor}"
        entry = fg.add_entry(order="append")
        entry.id(here)
        entry.title(c.summary)
        # One link: feedgen 1.0.0 drops an entry link's rel (lkiesow/python-feedgen#135), so links to
        # the pages would read as more alternates; a link without rel is the alternate (RFC 4287).
        entry.link(href=here)
        links = [f'<a href="{escape(url_of(src))}">{escape(page_title)}</a>' for src, page_title in c.pages]
        entry.content(f"<p>{escape(c.summary)}</p><p>Pages changed: {', '.join(links)}</p>", type="html")
        entry.published(_day(c.date))
        entry.updated(_day(c.date))
    return fg.atom_str(pretty=True).decode("utf-8")


def write_feed(config, **kwargs) -> None:
    """on_post_build: feed.xml at the site's root. Not offline (nothing subscribes to a file in a
    zip; pages name the published feed), nor without a site_url (Atom ids are absolute addresses)."""
    if not config.site_url or offline_build(config):
        return
    from mkdocs.structure.files import File

    site = Site.of_build(config)
    if site.changes_listed_on is None:
        return  # no page lists the changes (the fixture site): the entries would link nowhere

    def url_of(src: str) -> str:
        return urljoin(config.site_url, File(src, config.docs_dir, config.site_dir, config.use_directory_urls).url)

    text = feed_xml(resolve(site), site_url=config.site_url, title=config.site_name,
                    author=config.site_author or config.site_name,
                    listed_at=urljoin(config.site_url, site.changes_listed_on.url), url_of=url_of,
                    subtitle=config.site_description, rights=config.copyright,
                    language=config.theme.get("language") or "en")
    Path(config.site_dir, FEED_PATH).write_text(text, encoding="utf-8")
