"""What changed on the site (data/changes.yaml): the list on the "What's new" page and the Atom
feed (feed.xml) that carries the same entries.

`resolve` turns the entries into `Change`s, each page named by its title (a page that does not
exist stops the build, naming the entry and the field); `render_changes` writes the list a page
shows and `feed_xml` the feed, both pure functions of the changes, newest first. The macro
`changes_list` and the hook `write_feed` (macros/hooks.py, on_post_build) bind them to a build.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urljoin

from markupsafe import escape

from .markdown_text import md_escape
from .numbers import format_date
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
    def anchor(self) -> str:
        """Its id on the page that lists the changes; with that page's URL, its id in the feed."""
        return f"change-{self.id}"


def newest_first(changes: Iterable[Change]) -> list[Change]:
    # stable: entries of one day keep the file's order
    return sorted(changes, key=lambda c: c.date, reverse=True)


def resolve(site: Site) -> list[Change]:
    """The entries of data/changes.yaml, each page with its title, newest first."""
    file = str(site.data.data_dir / FILE)
    return newest_first(
        Change(rec["id"], rec["date"], rec["summary"],
               tuple((src, site.page_title(src, (file, f"record {rec['id']!r}, field 'pages'"))) for src in rec["pages"]))
        for rec in site.data.changes)


# --- The page -------------------------------------------------------------------------------------

def render_changes(changes: Iterable[Change], link: Callable[[str], str], here: str | None = None) -> str:
    """The changes as Markdown, newest first under a heading per month, each with its date and
    the pages it touched, linked by their titles. `link(src)` is the link from the listing page
    to a page; `here` is the listing page itself, named but not linked to itself."""
    out, month = [], None
    for c in newest_first(changes):
        if c.date[:7] != month:
            if month is not None:
                out.append("</ul>\n")
            month = c.date[:7]
            out.append(f"## {format_date(month)}\n\n<ul class=\"changes\" markdown=\"1\">")
        pages = ", ".join(md_escape(title) if src == here else f"[{md_escape(title)}]({link(src)})"
                          for src, title in c.pages)
        out.append(f'<li id="{escape(c.anchor)}" markdown="1"><time datetime="{escape(c.date)}">{format_date(c.date)}</time> '
                   f'{md_escape(c.summary)} <span class="change-pages">Pages changed: {pages}</span></li>')
    if month is not None:
        out.append("</ul>\n")
    return "\n".join(out)


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
    """The changes as an Atom feed, newest first (feedgen writes and escapes it). Each entry's id
    and link is its place on the page that lists the changes (`listed_at`, an absolute URL), so
    that it stays the same while the entry does; its content links the pages it touched
    (`url_of(src)`, absolute). Updated: the newest entry's day."""
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
    if subtitle:
        fg.subtitle(subtitle)
    if rights:
        fg.rights(rights)
    fg.updated(_day(ordered[0].date))
    for c in ordered:
        here = f"{listed_at}#{c.anchor}"
        entry = fg.add_entry(order="append")
        entry.id(here)
        entry.title(c.summary)
        # One link, its href alone: feedgen 1.0.0 writes an entry link's href and drops its rel,
        # type and title (lkiesow/python-feedgen#135), so related links to the pages would read
        # as more alternates. A link without rel is the alternate (RFC 4287, 4.2.7.2).
        entry.link(href=here)
        links = [f'<a href="{escape(url_of(src))}">{escape(page_title)}</a>' for src, page_title in c.pages]
        entry.content(f"<p>{escape(c.summary)}</p><p>Pages changed: {', '.join(links)}</p>", type="html")
        entry.published(_day(c.date))
        entry.updated(_day(c.date))
    return fg.atom_str(pretty=True).decode("utf-8")


def write_feed(config, **kwargs) -> None:
    """feed.xml at the site's root (on_post_build, from macros/hooks.py), its URLs absolute from
    site_url.

    Not in the offline build: a feed is for a reader that polls the published site, and nothing
    can subscribe to a file inside a zip opened from disk; the link in each page's head names the
    published feed by its absolute URL, which a browser does not fetch. Not without a site_url
    either (an Atom id is an absolute address), nor where no page lists the changes."""
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
