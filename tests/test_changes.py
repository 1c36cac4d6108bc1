"""What changed on the site (data/changes.yaml): the What's new page and the Atom feed show the
same entries, newest first, each with its day and the pages it touched; a value from the file is
text wherever it lands; an entry dated after the build stops the build.

The page's and the feed's writers are tried as pure functions first, then read back from the real
built site (feed.xml parsed with xml.etree, in the Atom namespace)."""
from __future__ import annotations

import calendar
import datetime
import shutil
import xml.etree.ElementTree as ET
from types import SimpleNamespace
from urllib.parse import urldefrag

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from macros.changes import Change, feed_xml, render_changes, write_feed
from macros.data import load_site_data
from macros.errors import DataError
from macros.numbers import format_date
from sitebuild import DATA, ROOT

ATOM = {"a": "http://www.w3.org/2005/Atom"}
CHANGES = yaml.safe_load((DATA / "changes.yaml").read_text(encoding="utf-8"))["changes"]
HOSTILE = "<script>alert(1)</script> & *not emphasis* [not a link](x.md)"


def sample() -> list[Change]:
    """Three changes over two months, in no order, one on the listing page itself."""
    return [
        Change("middle", "2026-11-29", "Search forgives a slip.", (("sources.md", "Sources"),)),
        Change("newest", "2026-12-06", "A new section.", (("since-the-brief.md", "Since the brief"), ("whats-new.md", "What's new"))),
        Change("oldest", "2026-11-27", "The site opened.", (("index.md", "Overview"),)),
    ]


def as_html(md: str) -> BeautifulSoup:
    """The Markdown as the site's Markdown reads it (raw HTML with markdown="1", attr lists)."""
    return BeautifulSoup(markdown.markdown(md, extensions=["attr_list", "md_in_html"]), "html.parser")


# --- The page's list, as a pure function -------------------------------------------------------

def test_the_list_puts_the_newest_change_first_under_its_month():
    html = as_html(render_changes(sample(), link=lambda src: src, here="whats-new.md"))
    assert [li["id"] for li in html.select("li")] == ["change-newest", "change-middle", "change-oldest"]
    assert [h.get_text() for h in html.select("h2")] == ["December 2026", "November 2026"]
    first = html.select_one("li")
    assert first.select_one("time")["datetime"] == "2026-12-06" and first.time.get_text() == "6 December 2026"


def test_changes_of_one_day_keep_the_order_of_the_file():
    same_day = [Change(i, "2026-12-06", f"Change {i}.", (("index.md", "Overview"),)) for i in ("b", "a", "c")]
    html = as_html(render_changes(same_day, link=lambda src: src))
    assert [li["id"] for li in html.select("li")] == ["change-b", "change-a", "change-c"]


def test_each_change_links_the_pages_it_touched_by_title_but_not_the_page_it_is_on():
    html = as_html(render_changes(sample(), link=lambda src: f"../{src}", here="whats-new.md"))
    newest = html.select_one("#change-newest .change-pages")
    assert [(a.get_text(), a["href"]) for a in newest.select("a")] == [("Since the brief", "../since-the-brief.md")]
    assert "What's new" in newest.get_text()


def test_a_summary_or_a_title_holding_markup_reaches_the_page_as_text():
    hostile = [Change("x", "2026-12-06", HOSTILE, (("index.md", HOSTILE),))]
    html = as_html(render_changes(hostile, link=lambda src: src))
    li = html.select_one("li")
    assert not li.select("script, em") and [a["href"] for a in li.select("a")] == ["index.md"]
    assert li.get_text().count(HOSTILE) == 2      # the summary and the link's text, as written


# --- The feed, as a pure function --------------------------------------------------------------

def small_feed(changes) -> ET.Element:
    text = feed_xml(changes, site_url="https://example.org/iran/", title="Site", author="Team",
                    listed_at="https://example.org/iran/whats-new/",
                    url_of=lambda src: "https://example.org/iran/" + src.removesuffix(".md") + "/")
    return ET.fromstring(text.encode("utf-8"))


def test_the_feed_carries_the_changes_newest_first_and_dated_by_the_newest():
    feed = small_feed(sample())
    ids = [e.findtext("a:id", namespaces=ATOM) for e in feed.findall("a:entry", ATOM)]
    assert ids == [f"https://example.org/iran/whats-new/#change-{i}" for i in ("newest", "middle", "oldest")]
    assert feed.findtext("a:updated", namespaces=ATOM).startswith("2026-12-06")


def test_a_summary_holding_markup_is_the_feed_entrys_title_as_written():
    feed = small_feed([Change("x", "2026-12-06", HOSTILE, (("index.md", "Overview"),))])
    entry = feed.find("a:entry", ATOM)
    assert entry.findtext("a:title", namespaces=ATOM) == HOSTILE
    content = BeautifulSoup(entry.findtext("a:content", namespaces=ATOM), "html.parser")
    assert not content.select("script") and HOSTILE in content.get_text()


def test_no_feed_is_written_offline_or_without_a_site_address(tmp_path):
    # returns before it looks for the site: nothing to load, nothing written
    offline = SimpleNamespace(site_url="https://example.org/", site_dir=str(tmp_path),
                              plugins={"material/offline": SimpleNamespace(config={"enabled": True})})
    no_address = SimpleNamespace(site_url=None, site_dir=str(tmp_path), plugins={})
    for config in (offline, no_address):
        write_feed(config)
    assert not list(tmp_path.iterdir())


# --- The dates: a change is recorded once it has landed ---------------------------------------

def _data_with_a_change_on(tmp_path, day: str):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "changes.yaml"
    text = path.read_text(encoding="utf-8")
    first = f'date: "{CHANGES[0]["date"]}"'
    path.write_text(text.replace(first, f'date: "{day}"', 1), encoding="utf-8")
    return data


def _epoch(day: str) -> str:
    return str(calendar.timegm(datetime.date.fromisoformat(day).timetuple()) + 12 * 3600)   # noon UTC


def test_a_change_dated_after_the_build_date_stops_the_load_naming_entry_and_field(tmp_path, monkeypatch):
    data = _data_with_a_change_on(tmp_path, "2030-01-02")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch("2030-01-01"))
    with pytest.raises(DataError) as err:
        load_site_data(data)
    assert err.value.file.endswith("changes.yaml")
    assert err.value.where == f"record {CHANGES[0]['id']!r}, field 'date'"
    assert "'2030-01-02' is in the future (after 2030-01-01)" in err.value.problem


def test_the_build_date_is_source_date_epoch_when_set(tmp_path, monkeypatch):
    # a reproducible build dated on the change's own day accepts it
    data = _data_with_a_change_on(tmp_path, "2030-01-02")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch("2030-01-02"))
    assert load_site_data(data).changes[0]["date"] == "2030-01-02"


# --- The built site ----------------------------------------------------------------------------

def built_page(built, src: str):
    path = built / ("index.html" if src == "index.md" else src.replace(".md", "/index.html"))
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article.md-content__inner")


def page_title(src: str) -> str:
    return yaml.safe_load((ROOT / "docs" / src).read_text(encoding="utf-8").split("---")[1])["title"]


def newest_first(changes):
    return sorted(changes, key=lambda c: c["date"], reverse=True)


@pytest.fixture(scope="module")
def config():
    """The real mkdocs.yml as the build reads it (site_url from SITE_URL when set)."""
    from mkdocs.config import load_config
    return load_config(str(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="module")
def site_url(config) -> str:
    return config.site_url


def test_whats_new_lists_every_change_newest_first_with_its_date_and_pages(built_site):
    art = built_page(built_site, "whats-new.md")
    items = art.select("ul.changes > li")
    assert [li["id"] for li in items] == [f"change-{c['id']}" for c in newest_first(CHANGES)]
    for li, change in zip(items, newest_first(CHANGES)):
        time = li.select_one("time")
        assert (time["datetime"], time.get_text()) == (change["date"], format_date(change["date"]))
        assert change["summary"] in li.get_text()
        linked = [a.get_text() for a in li.select(".change-pages a")]
        assert linked == [page_title(src) for src in change["pages"] if src != "whats-new.md"], change["id"]


def test_whats_new_links_lead_to_the_pages_named(built_site):
    art = built_page(built_site, "whats-new.md")
    for li, change in zip(art.select("ul.changes > li"), newest_first(CHANGES)):
        targets = [(built_site / "whats-new" / a["href"]).resolve() for a in li.select(".change-pages a")]
        wanted = [(built_site / src.replace(".md", "") if src != "index.md" else built_site).resolve()
                  for src in change["pages"] if src != "whats-new.md"]
        assert targets == wanted, change["id"]


@pytest.fixture(scope="module")
def feed(built_site) -> ET.Element:
    return ET.parse(built_site / "feed.xml").getroot()


def test_the_feed_has_one_entry_per_change_with_its_day_and_summary(feed, config):
    entries = feed.findall("a:entry", ATOM)
    assert len(entries) == len(CHANGES)
    for entry, change in zip(entries, newest_first(CHANGES)):
        assert entry.findtext("a:title", namespaces=ATOM) == change["summary"]
        assert entry.findtext("a:updated", namespaces=ATOM).startswith(change["date"])
        assert entry.findtext("a:published", namespaces=ATOM).startswith(change["date"])
    assert feed.findtext("a:updated", namespaces=ATOM).startswith(max(c["date"] for c in CHANGES))
    assert feed.findtext("a:title", namespaces=ATOM) == config.site_name
    assert feed.findtext("a:author/a:name", namespaces=ATOM) == config.site_author


def test_the_feeds_ids_are_unique_and_its_links_absolute_under_the_site_address(feed, site_url, built_site):
    entries = feed.findall("a:entry", ATOM)
    ids = [e.findtext("a:id", namespaces=ATOM) for e in entries]
    assert len(set(ids)) == len(ids)
    listing = BeautifulSoup((built_site / "whats-new" / "index.html").read_text(encoding="utf-8"), "html.parser")
    for entry, id_, change in zip(entries, ids, newest_first(CHANGES)):
        # its one link (no rel: the alternate) is its place on What's new, an id that page holds
        [link] = entry.findall("a:link", ATOM)
        page, anchor = urldefrag(link.get("href"))
        assert link.get("href") == id_ and page == site_url + "whats-new/" and listing.find(id=anchor), id_
        # its content links each page it touched, by an absolute address of a built page
        content = BeautifulSoup(entry.findtext("a:content", namespaces=ATOM), "html.parser")
        hrefs = [a["href"] for a in content.select("a")]
        assert len(hrefs) == len(change["pages"]) and all(h.startswith(site_url) for h in hrefs), hrefs
        for href in hrefs:
            assert (built_site / href[len(site_url):] / "index.html").is_file(), href
    assert feed.find("a:link[@rel='self']", ATOM).get("href") == site_url + "feed.xml"
