"""What a page tells link previews and machines about itself: Open Graph and card tags, and a
schema.org JSON-LD graph, built from the page's metadata and from data/, never typed per page.

- every page: an Article (a WebPage for the reference pages) with the page's sources as its
  citations and the brief as what it is based on;
- "Numbers checked": a ClaimReview per number of the brief checked (macros/checks.py), and "The
  brief, claim by claim": one per claim the site corrects (data/claims.yaml `correction`);
- "Data and citations": a Dataset per table of the data package (macros/downloads.py).
A record that lacks a field its type needs stops the build, naming the page and the field.
"""
import json
import re
from html import unescape
from pathlib import Path

from mkdocs.utils import get_build_date

from . import cards, checks, downloads, page_dates
from .errors import DataError
from .numbers import format_date
from .site import Site, offline_build, print_site

CITED_KEY = "sources_cited"   # page.meta: the source ids the page's notes cite (macros/__init__.py)
REFERENCE_SECTIONS = ("Reference",)
CLAIMS_PAGE, CHECKS_PAGE, DATA_PAGE = "claims.md", "numbers-checked.md", "data.md"
CORRECTED = "Needs correction"   # the rating of a claim the site corrects
# The fixed vocabulary of verdicts, our words, with a 1-5 rating (5: the brief's words hold).
RATINGS = {checks.VERDICTS["holds"]: 5, checks.VERDICTS["rounded"]: 4, checks.VERDICTS["cut-off"]: 4,
           checks.VERDICTS["imprecise"]: 2, CORRECTED: 2, checks.VERDICTS["wrong"]: 1}
REQUIRED = {
    "Article": ("headline", "description", "dateModified", "author", "publisher", "isBasedOn", "citation", "url"),
    "WebPage": ("headline", "description", "dateModified", "author", "publisher", "isBasedOn", "citation", "url"),
    "ClaimReview": ("claimReviewed", "itemReviewed", "reviewRating", "author", "datePublished", "url"),
    "Claim": ("author", "datePublished", "appearance"),
    "Rating": ("alternateName", "ratingValue", "bestRating", "worstRating"),
    "Dataset": ("name", "description", "distribution", "license", "creator", "temporalCoverage",
                "variableMeasured", "url"),
    "DataDownload": ("contentUrl", "encodingFormat"),
}
# Material writes a page's title and description into its head as they are, unescaped: a quotation
# mark ended the description's attribute early, and a "<" opened a tag.
UNSAFE_IN_HEAD = re.compile(r'[<>"]')
WORK_TYPES = {"article-newspaper": "NewsArticle", "article-magazine": "Article", "article-journal": "ScholarlyArticle",
              "report": "Report", "book": "Book", "chapter": "Chapter", "dataset": "Dataset",
              "legislation": "Legislation", "webpage": "WebPage", "post": "BlogPosting", "speech": "CreativeWork",
              "interview": "CreativeWork"}


def _person(author: dict) -> dict:
    if "literal" in author:
        return {"@type": "Organization", "name": author["literal"]}
    return {"@type": "Person", "name": " ".join(x for x in (author.get("given"), author.get("family")) if x)}


def creative_work(record: dict) -> dict:
    """A source record of data/sources.yaml as schema.org (titles as plain text, not HTML)."""
    work = {"@type": WORK_TYPES.get(record.get("type"), "CreativeWork"), "name": unescape(record["title"])}
    if record.get("author"):
        work["author"] = [_person(a) for a in record["author"]]
    if record.get("issued"):
        work["datePublished"] = str(record["issued"])
    if record.get("container-title") or record.get("publisher"):
        work["publisher"] = {"@type": "Organization", "name": record.get("container-title") or record["publisher"]}
    if record.get("URL"):
        work["url"] = record["URL"]
    return work


def cited_work(record: dict) -> dict:
    """A source as a page's citation: its kind, title and address. The rest (authors, outlets,
    dates) is in the references on the page and in the downloads; in the JSON-LD it was 3 to 13
    KiB more a page, compressed, which the long pages cannot carry under their weight limit."""
    work = creative_work(record)
    return {key: work[key] for key in ("@type", "name", "url") if key in work}


def the_brief(site: Site) -> dict:
    brief = site.bib.get(site.data.account["brief_source"], "data/account.yaml")
    return {"@id": brief["URL"], **creative_work(brief)}


def claim_reviews(site: Site, brief: dict, src_uri: str, page_url: str, team: dict, date: str) -> list[dict]:
    """One ClaimReview per check: the numbers on "Numbers checked", the corrections on the claims
    page; the claim as the brief words it (numbers) or as we sum it up (claims), made by the brief's
    author (`brief`: the_brief()) on its date."""

    def review(anchor, claimed, verdict):
        return {"@type": "ClaimReview", "url": f"{page_url}#{anchor}", "claimReviewed": claimed,
                "author": team, "datePublished": date,
                "itemReviewed": {"@type": "Claim", "author": brief.get("author"), "datePublished": brief["datePublished"],
                                 "appearance": {"@id": brief["@id"]}},
                "reviewRating": {"@type": "Rating", "alternateName": verdict, "ratingValue": RATINGS.get(verdict),
                                 "bestRating": 5, "worstRating": 1}}

    if src_uri == CHECKS_PAGE:
        return [review(f"check-{c.id}", f"{c.context}: {c.printed}", checks.VERDICTS[c.verdict])
                for c in checks.run_checks(site)]
    return [review(f"claim-{c['id']}", c["summary"], CORRECTED) for c in site.data.claims if "correction" in c]


def datasets(site: Site, base: str, team: dict) -> list[dict]:
    """A Dataset per table of the data package, each with its CSV and the package itself."""
    package = downloads.datapackage(site)
    years = sorted({int(r["year"]) for r in site.data.turnout})
    days = sorted(e["date"] for e in site.data.elections)
    coverage = {"turnout": f"{years[0]}/{years[-1]}"} if years else {}
    out = []
    for res in package["resources"]:
        url = f"{base}{downloads.ROOT}/{res['path']}"
        out.append({
            "@type": "Dataset", "name": res["title"], "url": url,
            "description": f"{res['title']}: one of the tables of the data package \u201c{package['title']}\u201d.",
            "license": package["licenses"][0]["path"], "creator": team,
            "temporalCoverage": coverage.get(res["name"], f"{days[0]}/{days[-1]}" if days else None),
            "variableMeasured": [{"@type": "PropertyValue", "name": f["name"], "description": f["description"]}
                                 for f in res["schema"]["fields"]],
            "distribution": [
                {"@type": "DataDownload", "contentUrl": url, "encodingFormat": res["mediatype"]},
                {"@type": "DataDownload", "contentUrl": f"{base}{downloads.ROOT}/datapackage.json",
                 "encodingFormat": "application/json"}]})
    return out


def check_graph(nodes, where: str) -> None:
    """Every node of a type in REQUIRED carries that type's fields, none empty."""
    for node in nodes if isinstance(nodes, list) else [nodes]:
        if isinstance(node, dict):
            if node.get("@type") == "Rating" and node.get("alternateName") not in RATINGS:
                raise DataError(where, f"JSON-LD Rating {node.get('alternateName')!r}",
                                f"not in the fixed vocabulary of verdicts ({', '.join(RATINGS)})")
            for field in REQUIRED.get(node.get("@type"), ()):
                if node.get(field) in (None, "", []):
                    name = node.get("name") or node.get("headline") or node.get("claimReviewed") or node.get("url")
                    raise DataError(where, f"JSON-LD {node['@type']} {name!r}", f"field {field!r} is missing or empty")
            for key, value in node.items():
                if key != "citation":   # the works a page cites are sources, not our records
                    check_graph(value, where)
        elif isinstance(node, list):
            check_graph(node, where)


def page_head(site: Site, config, page, cited: list[str], date: str, image: str, made: bool = False) -> dict:
    """The page's card tags and JSON-LD, and its "last updated" date, for overrides/main.html.
    `made`: a page a plugin makes (the print-all page), which has the site's description."""
    base = config["site_url"]
    where = f"docs/{page.file.src_uri}"
    if not base:
        raise DataError("mkdocs.yml", "site_url", "is not set: link cards and JSON-LD need the site's absolute address")
    description = (page.meta or {}).get("description") or (config["site_description"] if made else None)
    if not description or not str(description).strip():
        raise DataError(where, "front matter 'description'", "is missing: link cards and search results show it")
    if len(description) > 200:
        raise DataError(where, "front matter 'description'", f"is {len(description)} characters long; 200 at most")
    for field, value in (("title", (page.meta or {}).get("title")), ("description", description)):
        if value and (unsafe := UNSAFE_IN_HEAD.search(str(value))):
            raise DataError(where, f"front matter {field!r}", f"holds {unsafe.group()!r}, which Material writes "
                            "into the page's head unescaped: write quotation marks as “ ” and leave out < and >")
    url = page.canonical_url or base
    title = cards.page_card_text(page, config)[0]   # what <title> and the card say
    image_url = base + image
    team = {"@type": "Organization", "@id": f"{base}#team", "name": config["site_author"], "url": base}
    brief = the_brief(site)
    section = page.parent.title if page.parent else None
    # an Article: the home page and the explainer's sections; the reference pages and the pages
    # about the site (About, What's new, the print-all page) are WebPages
    node = {"@type": "Article" if page.is_homepage or (section and section not in REFERENCE_SECTIONS) else "WebPage",
            "@id": url, "url": url, "headline": title, "description": description, "dateModified": date,
            "inLanguage": config["theme"]["language"], "image": image_url, "author": {"@id": team["@id"]},
            "publisher": {"@id": team["@id"]}, "isBasedOn": {"@id": brief["@id"]},
            "isPartOf": {"@id": f"{base}#site"},
            "citation": [cited_work(site.bib.get(s, where)) for s in cited] or [{"@id": brief["@id"]}]}
    graph = [team, {"@type": "WebSite", "@id": f"{base}#site", "name": config["site_name"], "url": base,
                    "publisher": {"@id": team["@id"]}}, brief, node]
    if page.file.src_uri in (CHECKS_PAGE, CLAIMS_PAGE):
        graph += claim_reviews(site, brief, page.file.src_uri, url, {"@id": team["@id"]}, date)
    if page.file.src_uri == DATA_PAGE:
        graph += datasets(site, base, {"@id": team["@id"]})
    check_graph(graph, where)
    ld = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False, separators=(",", ":"))
    tags = [("property", "og:type", "website" if page.is_homepage else "article"),
            ("property", "og:site_name", config["site_name"]),
            ("property", "og:locale", config["extra"].get("og_locale", config["theme"]["language"])),
            ("property", "og:title", title), ("property", "og:description", description),
            ("property", "og:url", url), ("property", "og:image", image_url),
            ("property", "og:image:width", "1200"), ("property", "og:image:height", "630"),
            ("property", "og:image:alt", f"{title} \u2013 {config['site_name']}"),
            # X/Twitter reads the og: title, description and image when its own tags are missing
            ("name", "twitter:card", "summary_large_image")]
    if not page.is_homepage:
        tags.append(("property", "article:modified_time", date))
    # </script> or <!-- in a value must not end or open anything in the script element
    ld = ld.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # The feed, online only and by a relative address, as Material links its own feeds: Material
    # fetches sitemap.xml from beside every <link rel=alternate> (for its language switch), which
    # offline would fail, and from another host (site_url's, where the site is served elsewhere)
    # would be a request away from the site.
    feed = not offline_build(config)
    return {"tags": tags, "jsonld": ld, "date": date, "date_text": format_date(date), "feed": feed}


# --- The MkDocs side (macros/hooks.py) --------------------------------------------------------

_dates: dict[str, str] = {}   # each file's last commit date, read once a build
_seen = {"cited": {}, "latest": ""}   # for the print-all page: every page's sources, the latest date


def read_dates(config, **kwargs):
    """on_pre_build: the git history read once for the build (again on each `mkdocs serve` rebuild)."""
    _dates.clear()
    _dates.update(page_dates.last_commit_dates(Path(config.config_file_path).parent))
    _seen.update(cited={}, latest="")


def date_page(html, page, config, **kwargs):
    """on_page_content: the page's date, set before MkDocs writes sitemap.xml (its lastmod), which
    it does before it renders any page's template."""
    meta = page.meta or {}
    page.update_date = page_dates.page_date(_dates, page.file.src_uri, bool(meta.get("render_macros")),
                                            get_build_date(), tuple(meta.get("dated_by", ())))
    _seen["latest"] = max(_seen["latest"], page.update_date)
    return html


def add_head(context, page, config, nav, **kwargs):
    """on_page_context: the card tags, JSON-LD and date, as `head` for overrides/main.html."""
    cited = (page.meta or {}).get(CITED_KEY, [])
    _seen["cited"].update(dict.fromkeys(cited))
    context["head"] = page_head(Site.of_build(config), config, page, cited, page.update_date,
                                cards.card_path(page.url), made=page is getattr(print_site(config), "print_page", None))
    return context


def add_print_page_head(config, **kwargs):
    """on_post_build, before print-site renders the print-all page (which passes no page event):
    its head, with every page's sources, dated by the latest page."""
    plugin = print_site(config)
    if plugin is None or not getattr(plugin, "context", None):
        return
    page = plugin.print_page
    plugin.context["head"] = page_head(Site.of_build(config), config, page, list(_seen["cited"]),
                                       _seen["latest"] or get_build_date(), cards.card_path(page.url), made=True)
