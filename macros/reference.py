"""Links to entries (person, faction) and the reference pages generated from data:
People, Factions and institutions, Timeline, Glossary, Sources."""
from __future__ import annotations

import re
from html import unescape

from markupsafe import escape

from .citations import note_ref
from .errors import DataError
from .markdown_text import md_escape
from .search_terms import search_variants
from .site import FIRST_WORD, PageState, Site

PEOPLE_PAGE, FACTIONS_PAGE, SOURCES_PAGE = "people.md", "factions.md", "sources.md"
# Marks an item (a reference, an event) as a search result of its own, titled with the list it
# is in; macros/hooks.py indexes it and removes the attribute
RESULT_TITLE = "data-result-title"
SOURCE_GROUPS = [
    ("brief", "The brief"),
    ("footnotes", "Sources cited in the brief's footnotes"),
    ("figures", "Sources of the official figures"),
    ("context", "Other sources"),
]
CAMPS = {"reformist": "Reformist", "moderate": "Moderate", "conservative": "Conservative",
         "hardliner": "Hardline conservative", "state": "State official", "analyst": "Analyst",
         "foreign": "Foreign figure"}


def backlinks_marker(kind: str, rid: str) -> str:
    """Replaced after all pages have rendered (macros/hooks.py) by links to the pages that
    cite or mention the record; a page cannot know them while it renders."""
    return f"<!--backlinks:{kind}:{rid}-->"


DATA_FILE = {"person": "data/people.yaml", "faction": "data/factions.yaml"}


def _entry_link(site: Site, page: PageState, kind: str, records: dict, target: str, rid: str, text: str | None):
    if rid not in records:
        raise ValueError(f"{page.where}: unknown {kind} id {rid!r} (not in {DATA_FILE[kind]}; known: {', '.join(sorted(records))})")
    site.mention(kind, rid, page)
    # A page's own text is Markdown; a name from the data is text
    label = text or md_escape(records[rid].get("short") or records[rid]["name"])
    return f"[{label}]({page.link(target, rid)}){{: .entry-link .{kind}-link }}"


def person(site: Site, page: PageState, rid: str, text: str | None = None) -> str:
    return _entry_link(site, page, "person", site.people, PEOPLE_PAGE, rid, text)


def faction(site: Site, page: PageState, rid: str, text: str | None = None) -> str:
    return _entry_link(site, page, "faction", site.factions, FACTIONS_PAGE, rid, text)


def _everyday(site: Site, kind: str, rid: str) -> list[str]:
    """The everyday words data/synonyms.yaml gives for an entry or event."""
    return [t for s in site.data.synonyms if s["target"] == f"{kind}:{rid}" for t in s["terms"]]


def _index_only(words: list[str]) -> str:
    """Words the search index reads and the page does not show (a hidden span), or nothing."""
    return f' <span class="search-variants" hidden>{md_escape(" · ".join(words))}</span>' if words else ""


def _aka(site: Site, kind: str, rec: dict) -> str:
    """Persian name, other spellings and everyday search words, shown on the entry; other
    forms of the same spellings go in a hidden span that only the search index reads."""
    parts = []
    if rec.get("persian"):
        parts.append(f'<span lang="fa" dir="rtl">{md_escape(rec["persian"])}</span>')
    # The short form is what links on other pages show ("Martyrs Foundation" for the Foundation
    # of Martyrs and Veterans Affairs). Search matches whole words only, so the entry shows it
    # when its name and aliases do not.
    short = rec.get("short")
    named = " ".join([rec.get("name") or rec.get("term") or "", *rec.get("aliases", [])])
    if short and not re.search(rf"(?<!\w){re.escape(short)}(?!\w)", named, re.I):
        parts.append(f"short form <i>{md_escape(short)}</i>")
    if rec.get("aliases"):
        parts.append("also written " + ", ".join(f"<i>{md_escape(a)}</i>" for a in rec["aliases"]))
    everyday = _everyday(site, kind, rec["id"])
    if everyday:
        parts.append("searched for as " + ", ".join(f"<i>{md_escape(t)}</i>" for t in everyday))
    variants = search_variants(rec)
    return "; ".join(parts) + _index_only(variants)


def _cites(site, page, rec):
    return "".join(note_ref(site, page, s) for s in rec["sources"])


def people_list(site: Site, page: PageState) -> str:
    out = []
    for rec in sorted(site.data.people, key=lambda r: r["name"].split()[-1]):
        aka = _aka(site, "person", rec)
        out.append(
            f'## {md_escape(rec["name"])} {{ #{rec["id"]} }}\n\n'
            f'<p class="entry-meta"><span class="camp camp-{rec["camp"]}">{CAMPS[rec["camp"]]}</span>'
            + (f" · {aka}" if aka else "") + "</p>\n\n"
            f'**Role:** {md_escape(rec["role"])}\n\n{md_escape(rec["summary"])}{_cites(site, page, rec)}\n\n'
            f'<p class="backlinks" data-search-exclude>Mentioned on: {backlinks_marker("person", rec["id"])}</p>\n'
        )
    return "\n".join(out)


def factions_list(site: Site, page: PageState) -> str:
    out = []
    for kind, heading in (("faction", "Factions"), ("institution", "Institutions")):
        out.append(f"## {heading}\n")
        for rec in sorted((r for r in site.data.factions if r["kind"] == kind), key=lambda r: r["name"]):
            aka = _aka(site, "faction", rec)
            out.append(
                f'### {md_escape(rec["name"])} {{ #{rec["id"]} }}\n\n'
                + (f'<p class="entry-meta">{aka}</p>\n\n' if aka else "")
                + f'{md_escape(rec["summary"])}{_cites(site, page, rec)}\n\n'
                f'<p class="backlinks" data-search-exclude>Mentioned on: {backlinks_marker("faction", rec["id"])}</p>\n'
            )
    return "\n".join(out)


def _date_text(d: str) -> str:
    import datetime
    parts = d.split("-")
    if len(parts) == 3:
        return datetime.date(*map(int, parts)).strftime("%-d %B %Y")
    if len(parts) == 2:
        return datetime.date(int(parts[0]), int(parts[1]), 1).strftime("%B %Y")
    return parts[0]


def timeline(site: Site, page: PageState) -> str:
    out, year = [], None
    for ev in sorted(site.data.events, key=lambda e: e["date"]):
        y = ev["date"][:4]
        if y != year:
            out.append(f"## {y}\n")
            year = y
        # An event's everyday words ("inauguration" for the oath) only the search index reads:
        # a line of the timeline has no room for "searched for as".
        hidden = _index_only(_everyday(site, "event", ev["id"]))
        # the link names its page: "Read more" is not link text a screen-reader list can use
        # (Lighthouse SEO link-text)
        more = ""
        if ev.get("page"):
            title = site.page_title(ev["page"], ("data/events.yaml", f"record {ev['id']!r}"))
            more = f" See [{md_escape(title)}]({page.link(ev['page'])})."
        out.append(
            f'<p class="event" id="{ev["id"]}" {RESULT_TITLE}="{_date_text(ev["date"])}" markdown="1">'
            f'<time datetime="{ev["date"]}">{_date_text(ev["date"])}</time> '
            f'**{md_escape(ev["title"])}.** {md_escape(ev["summary"])}{_cites(site, page, ev)}{more}{hidden}</p>\n'
        )
    return "\n".join(out)


def glossary_list(site: Site, page: PageState) -> str:
    page.glossary_listed = True
    out = []
    for rec in sorted(site.data.glossary, key=lambda r: r["term"].lower()):
        # one f-string: Markup + str would escape the already-escaped expansion again ("&amp;#39;")
        head = f"{md_escape(rec['term'])} — {md_escape(rec['expansion'])}" if rec.get("expansion") else md_escape(rec["term"])
        aka = _aka(site, "glossary", rec)
        out.append(
            # h2: the glossary is one flat list under the page's h1 (an h3 skipped a level)
            f'## {head} {{ #{rec["id"]} }}\n\n' + (f'<p class="entry-meta">{aka}</p>\n\n' if aka else "")
            + f'{md_escape(rec["definition"])}{_cites(site, page, rec)}\n'
        )
    return "\n".join(out)


def abbreviations(site: Site, markdown: str | None = None) -> str:
    """Python-Markdown abbreviation definitions so that each glossary term shows its definition
    on hover (Material's tooltips) at its first use in a section (macros/hooks.py). Given the
    page's Markdown, only the terms that occur in it are defined: the abbr extension matches one
    regex of all defined terms against every text node, so defining every term on every page
    grows as pages × terms. The definitions are made once a build (Site.abbreviation_lines)."""
    lines = site.abbreviation_lines
    if markdown is None:
        return "\n".join(lines.values())
    return "\n".join(lines[t] for t in sorted(_terms_in(site, markdown), key=site.glossary_order.__getitem__))


def _terms_in(site: Site, markdown: str) -> set[str]:
    """Glossary terms that occur in the text, looked up through their first word.

    Terms that share a first word ("Guardian Council", "Guardian Council 2", ... as the
    benchmark's 100x glossary has them) are checked only where that word occurs, not by a scan
    of the whole text each: the same answer as `term in markdown`, at a cost that no longer
    grows with the number of terms sharing a word."""
    index = site.glossary_by_first_word
    found = set()
    for word in set(FIRST_WORD.findall(markdown)) & index.keys():
        terms = index[word]
        if len(terms) == 1:
            found.update(t for t in terms if t in markdown)
            continue
        # what the text has at every place the word starts (overlapping places included: "aa"
        # starts twice in "aaa"), cut to each length a term sharing the word has
        starts = [m.start() for m in re.finditer(f"(?={re.escape(word)})", markdown)]
        lengths = {len(t) for t in terms}
        found.update({markdown[at:at + n] for at in starts for n in lengths}.intersection(terms))
    return found


def _reading_order(reference) -> str:
    """A reference's place in an alphabetical list: its text as read, without markup, entities
    or a leading bracket ("[Report of …]", a title we could not read again)."""
    return unescape(re.sub(r"<[^>]+>", "", str(reference))).lstrip("[“\"'(").casefold()


def sources_list(site: Site, page: PageState) -> str:
    out = []
    for group, heading in SOURCE_GROUPS:
        recs = [r for r in site.data.sources if r["group"] == group]
        if not recs:
            continue
        recs.sort(key=lambda r: (r.get("brief_footnote", 0), _reading_order(site.bib.formatted[r["id"]])))
        items = []
        for r in recs:
            fn = f'<span class="fn-number">Footnote {r["brief_footnote"]}.</span> ' if "brief_footnote" in r else ""
            items.append(f'<li id="src-{r["id"]}" {RESULT_TITLE}="{escape(heading)}">{fn}{site.bib.reference(r["id"], page.where)}'
                         f'<br><span class="backlinks" data-search-exclude>Cited on: {backlinks_marker("source", r["id"])}</span></li>')
        out.append(f"## {heading}\n\n<ol class=\"bibliography\">\n" + "\n".join(items) + "\n</ol>\n")
    return "\n".join(out)


KIND_LABELS = {"fact": "Reported fact", "analysis": "The brief's analysis", "outlook": "Outlook"}


def claims_list(site: Site, page: PageState) -> str:
    """The brief claim by claim, in the brief's order under the brief's own sections, each with
    its kind and the page that tells it with its notes; from data/claims.yaml.

    Numbered lists, not a table: 80-odd rows of running text in four columns read poorly on a
    phone, and laying out a table that size was most of the page's blocking time in Lighthouse
    (a list: 111-225 ms against 312-388 ms, same content). A heading per section gives the page a
    contents list and gives search one result per section, not one for all 80 claims."""
    sections: dict[str, list[str]] = {}
    last = None
    for c in site.data.claims:
        if c["section"] != last and c["section"] in sections:
            raise DataError("data/claims.yaml", f"record {c['id']!r}",
                            f"section {c['section']!r} comes again after {last!r}: the claims keep the brief's order")
        last = c["section"]
        label = KIND_LABELS[c["kind"]]
        target = page.link(c["page"])
        title = md_escape(site.page_title(c["page"], ("data/claims.yaml", f"record {c['id']!r}")))
        sections.setdefault(c["section"], []).append(
            f'1. {md_escape(c["summary"])}\n'
            f'   <span class="claim-where"><span class="kind kind-{c["kind"]}">{label}</span> '
            f'Told on [{title}]({target})</span>')
    parts = [f"## {md_escape(name)}\n\n" + "\n".join(items) for name, items in sections.items()]
    return '<div class="claims-list" markdown>\n\n' + "\n\n".join(parts) + "\n\n</div>\n"
