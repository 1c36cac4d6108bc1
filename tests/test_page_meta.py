"""Link cards, structured data and page dates (macros/page_meta.py, macros/page_dates.py), read
from the built pages with a real extractor (extruct) as a link preview or a search engine would."""
from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import extruct
import pytest
from bs4 import BeautifulSoup

from macros import checks, downloads, page_dates, page_meta
from macros.errors import DataError

# (extruct's uniform output turns og:type into the item's @type)
OG_REQUIRED = ("og:title", "og:description", "og:url", "og:site_name", "og:locale", "@type", "og:image")


def built_pages(site):
    """Every page of the sitemap, plus the print-all page: (relative path, html)."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text.strip() for loc in ET.parse(site / "sitemap.xml").findall(".//s:loc", ns)]
    base = locs[0]
    paths = [loc[len(base):] for loc in locs] + ["print_page/"]
    return base, [(p, (site / p / "index.html").read_text(encoding="utf-8")) for p in paths]


@pytest.fixture(scope="module")
def extracted(built_site):
    base, pages = built_pages(built_site)
    assert len(pages) > 25
    return base, {path: (html, extruct.extract(html, base_url=base + path, syntaxes=["json-ld", "opengraph"],
                                               uniform=True)) for path, html in pages}


def graph_of(data) -> list[dict]:
    [ld] = data["json-ld"]
    return ld["@graph"]


def of_type(graph, kind) -> list[dict]:
    return [n for n in graph if n.get("@type") == kind]


def test_every_page_has_its_card_tags_pointing_at_its_own_card(extracted, built_site):
    base, pages = extracted
    for path, (html, data) in pages.items():
        [og] = data["opengraph"]
        missing = [k for k in OG_REQUIRED if not og.get(k)]
        assert not missing, f"{path or '/'}: no {missing}"
        assert og["@type"] == ("website" if path == "" else "article"), path
        assert og["og:url"] == base + path, path
        image = og["og:image"]
        assert image.startswith(base) and image.endswith(".png"), image
        assert (built_site / image[len(base):]).is_file(), f"{path}: og:image {image} is not in the site"
        assert len(og["og:description"]) <= 200
        soup = BeautifulSoup(html, "html.parser")
        assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
        assert soup.find("link", rel="canonical")["href"] == og["og:url"]
        # the feed, by a relative address (an absolute one makes Material fetch another host's sitemap)
        feed = soup.find("link", rel="alternate", type="application/atom+xml")
        assert feed is not None and not feed["href"].startswith(("http:", "https:", "/")), path
        assert (built_site / path / feed["href"]).resolve() == (built_site / "feed.xml").resolve(), path


def test_every_page_has_a_json_ld_article_or_web_page_with_what_its_type_needs(extracted):
    base, pages = extracted
    for path, (html, data) in pages.items():
        graph = graph_of(data)
        [node] = [n for n in graph if n.get("@type") in ("Article", "WebPage")]
        for field in page_meta.REQUIRED[node["@type"]]:
            assert node.get(field), f"{path or '/'}: {node['@type']} lacks {field}"
        assert node["url"] == base + path
        [brief] = of_type(graph, "Report")
        assert node["isBasedOn"]["@id"] == brief["@id"] and brief["datePublished"] == "2024-07-12"
        assert {n["@type"] for n in graph} >= {"Organization", "WebSite", "Report"}


def test_the_reference_pages_are_web_pages_and_the_explainer_pages_articles(extracted):
    _, pages = extracted
    kinds = {path: [n["@type"] for n in graph_of(d) if n.get("@type") in ("Article", "WebPage")][0]
             for path, (_, d) in pages.items()}
    assert kinds["sources/"] == kinds["glossary/"] == kinds["people/"] == "WebPage"
    assert kinds["results/"] == kinds["since-the-brief/"] == kinds["foreign-policy/"] == "Article"


def test_a_page_cites_in_its_json_ld_the_sources_its_notes_cite(extracted):
    """The citation list is the page's own: each reference linked in the page's notes, in order."""
    _, pages = extracted
    html, data = pages["results/"]
    [node] = of_type(graph_of(data), "Article")
    soup = BeautifulSoup(html, "html.parser")
    note_links = [a["href"] for li in soup.select("div.footnote li") for a in li.select("a[href^='http']")]
    cited = [c["url"] for c in node["citation"] if "url" in c]
    assert len(cited) >= 3 and all(c in note_links for c in cited), (cited, note_links[:10])


def test_every_checked_number_has_its_claim_review_with_the_verdict_shown(extracted, site):
    base, pages = extracted
    html, data = pages["numbers-checked/"]
    reviews = of_type(graph_of(data), "ClaimReview")
    results = checks.run_checks(site)
    assert len(reviews) == len(results) >= 10
    soup = BeautifulSoup(html, "html.parser")
    for review, check in zip(reviews, results):
        anchor = urlsplit(review["url"]).fragment
        shown = soup.find(id=anchor)
        assert shown is not None, f"{review['url']}: no element with that id on the page"
        assert review["reviewRating"]["alternateName"] == shown.get_text(strip=True) == checks.VERDICTS[check.verdict]
        assert check.printed in review["claimReviewed"]
        claim = review["itemReviewed"]
        assert claim["@type"] == "Claim" and claim["datePublished"] == "2024-07-12"
        assert claim["author"][0]["name"] == "Deepika Saraswat"
        for field in page_meta.REQUIRED["ClaimReview"]:
            assert review.get(field), f"{review['url']}: no {field}"


def test_every_correction_of_the_brief_has_its_claim_review(extracted, site_data):
    _, pages = extracted
    html, data = pages["claims/"]
    reviews = of_type(graph_of(data), "ClaimReview")
    corrected = [c for c in site_data.claims if "correction" in c]
    assert len(reviews) == len(corrected) >= 5
    soup = BeautifulSoup(html, "html.parser")
    for review, claim in zip(reviews, corrected):
        assert review["claimReviewed"] == claim["summary"]
        assert review["reviewRating"]["alternateName"] == page_meta.CORRECTED
        shown = soup.find(id=urlsplit(review["url"]).fragment)
        assert shown is not None and "Checking the brief" in shown.get_text(), review["url"]


def test_the_data_page_describes_each_table_of_the_data_package_as_a_dataset(extracted, built_site, site):
    base, pages = extracted
    _, data = pages["data/"]
    sets = of_type(graph_of(data), "Dataset")
    package = downloads.datapackage(site)
    assert [d["name"] for d in sets] == [r["title"] for r in package["resources"]]
    for dataset, resource in zip(sets, package["resources"]):
        for field in page_meta.REQUIRED["Dataset"]:
            assert dataset.get(field), f"{dataset['name']}: no {field}"
        assert [v["name"] for v in dataset["variableMeasured"]] == [f["name"] for f in resource["schema"]["fields"]]
        for dist in dataset["distribution"]:
            assert (built_site / dist["contentUrl"][len(base):]).is_file(), dist["contentUrl"]
        start, end = dataset["temporalCoverage"].split("/")
        assert start[:4] <= end[:4]
    assert "creativecommons.org/licenses/by/4.0" in sets[0]["license"]


def test_the_page_date_is_one_date_in_the_page_its_json_ld_and_the_sitemap(extracted, built_site):
    base, pages = extracted
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    lastmod = {u.find("s:loc", ns).text.strip()[len(base):]: u.find("s:lastmod", ns).text.strip()
               for u in ET.parse(built_site / "sitemap.xml").findall(".//s:url", ns)}
    for path, (html, data) in pages.items():
        if path == "print_page/":
            continue
        node = [n for n in graph_of(data) if n.get("@type") in ("Article", "WebPage")][0]
        shown = BeautifulSoup(html, "html.parser").select_one("p.page-updated time")
        assert shown is not None, f"{path}: no 'Last updated'"
        assert shown["datetime"] == node["dateModified"] == lastmod[path], path


def test_the_json_ld_cannot_close_its_script_element():
    """A value with </script> in it (a cited source's title) stays inside the JSON-LD."""
    class Page:  # the few attributes page_head reads
        meta = {"description": "A page citing one source"}
        title, url, is_homepage, parent, canonical_url = "T", "t/", False, None, "https://x.test/t/"

        class file:
            src_uri = "t.md"
    from macros.site import Site
    from sitebuild import DATA
    class Config(dict):   # read by key, and its plugins by attribute, as MkDocs' config is
        plugins = {}
    config = Config({"site_url": "https://x.test/", "site_name": "S", "site_author": "A", "site_description": "D",
                     "theme": {"language": "en"}, "extra": {}})
    site = Site.load(DATA)
    site.bib.records["saraswat2024"] = {**site.bib.records["saraswat2024"],
                                        "title": "Ends </script><script>alert(1)</script> & more"}
    head = page_meta.page_head(site, config, Page, ["saraswat2024"], "2026-01-02", "assets/cards/t.png")
    assert "alert(1)" in head["jsonld"]   # the title is there, escaped
    assert "</script" not in head["jsonld"] and "<" not in head["jsonld"]
    assert head["date_text"] == "2 January 2026"


def test_a_record_that_lacks_a_field_its_type_needs_stops_the_build():
    review = {"@type": "ClaimReview", "url": "u", "claimReviewed": "c", "author": {}, "datePublished": "d",
              "itemReviewed": {"@type": "Claim", "author": "a", "datePublished": "d", "appearance": "x"}}
    with pytest.raises(DataError) as err:
        page_meta.check_graph([review], "docs/numbers-checked.md")
    assert "docs/numbers-checked.md" in str(err.value) and "reviewRating" in str(err.value)
    review["reviewRating"] = {"@type": "Rating", "alternateName": "Mostly fine", "ratingValue": 3,
                              "bestRating": 5, "worstRating": 1}
    with pytest.raises(DataError, match="fixed vocabulary"):
        page_meta.check_graph([review], "docs/numbers-checked.md")
    review["reviewRating"]["alternateName"] = checks.VERDICTS["holds"]
    page_meta.check_graph([review], "docs/numbers-checked.md")


def test_a_page_date_is_the_latest_of_its_file_and_the_data_it_reads():
    dates = {"docs/a.md": "2026-01-05", "data/elections.yaml": "2026-02-01", "data/search_rules.yaml": "2026-03-01",
             "data/changes.yaml": "2026-04-01"}
    assert page_dates.page_date(dates, "a.md", False, "B") == "2026-01-05"
    # rendered from data: the data's last change counts, the search rules and the change log do not
    assert page_dates.page_date(dates, "a.md", True, "B") == "2026-02-01"
    assert page_dates.page_date(dates, "a.md", True, "B", dated_by=("data/changes.yaml",)) == "2026-04-01"
    assert page_dates.page_date(dates, "new.md", True, "2026-12-06") == "2026-12-06"


def test_file_dates_come_from_git_and_fall_back_to_nothing_without_history(tmp_path):
    assert page_dates.last_commit_dates(tmp_path) == {}
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("x")
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "GIT_COMMITTER_DATE": "2025-03-04T12:00:00Z",
           "GIT_AUTHOR_DATE": "2025-03-04T12:00:00Z", "PATH": "/usr/bin:/bin"}
    for cmd in (["init", "-q"], ["add", "."], ["commit", "-qm", "one"]):
        subprocess.run(["git", "-C", str(tmp_path), *cmd], check=True, env=env)
    assert page_dates.last_commit_dates(tmp_path) == {"docs/a.md": "2025-03-04"}
