"""Each page's HTML finished (from macros/hooks.py): back-links and permalinks named, glossary
terms marked once a section, search given other spellings and one result per listed item, and,
once every page has rendered, the "cited on" / "mentioned on" links filled in."""
import re
from html import unescape
from types import SimpleNamespace

from mkdocs.utils import get_relative_url
from markupsafe import escape

from .markers import BACKLINKS, BACKLINKS_START, OWN_RESULT, REFERENCE_LIST, RESULT_TITLE_ATTR, hidden_for_search

# The notes' back-links (↩) and the headings' permalinks (¶), with a title Material makes a tooltip
BACKREF_TITLE = re.compile(r'(<a class="(?:footnote-backref|headerlink)" href="[^"]*") title="([^"]*)"')
# One note's list item, and its back-links: a source cited 14 times on a page has 14 of them
NOTE_ITEM = re.compile(r'<li id="fn:[^"]*">.*?</li>', re.S)
BACKREF_LABEL = re.compile(r'(<a class="footnote-backref" href="[^"]*" aria-label="[^"]*)"')
URL_LINK = re.compile(r'(<a href="(https?://[^"]+)">)(.*?)(</a>)', re.S)
ABBR_TAG = re.compile(r"</?abbr\b[^>]*>")
# An abbreviation Python-Markdown marked, or the start of a section (h1, h2).
ABBR_OR_SECTION = re.compile(r'<abbr title="[^"]*">(.*?)</abbr>|<h[12]\b', re.S)
NOTES = '<div class="footnote">'
NOTES_UNINDEXED = '<div class="footnote" data-search-exclude'
TAG = re.compile(r"<[^>]+>")
# A page's long blocks, its notes and its lists of references, are laid out only when they near
# the viewport (`content-visibility: auto`, site.css), sized until then by a bound on their height
# at the narrowest phone width (320 px): px an item and a character of text, measured in Chromium
# with a wide fallback font (notes at most 40 and 0.51, references 40 and 0.95), plus a fifth.
# On a long page the notes were a third of the style and layout work at load, which Material's
# script forces several times; bounded, nothing after them moves up under them when measured.
NOTES_BLOCK = re.compile(rf'({NOTES_UNINDEXED})(>.*?</ol>\s*</div>)', re.S)
# A list of references is bounded in runs of RUN items, each an <ol start=…> of its own, read as one
# list: a list that starts in the first screen is then laid out a run at a time as it nears the
# viewport, not whole (Sources since the brief, 193 references: Lighthouse 95-96 -> 98-100).
# Each reference bounded alone did worse (93-95): 193 blocks to watch.
REFERENCES = re.compile(rf"{re.escape(REFERENCE_LIST)}(.*?)</ol>", re.S)
LIST_ITEM = re.compile(r"<li\b.*?</li>", re.S)
RUN = 10
NOTES_PX, REFERENCES_PX = (48, 0.62), (48, 1.15)   # px an item, px a character of text (above)
ID_ATTR = re.compile(r' id="([^"]+)"')
# A link to a person's or a faction's entry on another page, the end of a paragraph, list item,
# cell or heading, or the start of a heading (h1 and h2 start a section)
ENTRY_LINK_OR_BLOCK = re.compile(r'<a class="entry-link (person|faction)-link" href="[^"#]+#([a-z0-9-]+)">(.*?)</a>'
                                 r"|</(?:p|li|td|th|dd|dt|figcaption|summary|h[1-6])>|<h([1-6])[\s>]", re.S)


def _url_shown_verbatim(m: re.Match) -> str:
    """A link showing its own URL (a reference's) shows it as plain text: the abbr extension had
    made "runoff" in ".../headed-for-runoff/" a term with a tooltip."""
    inner = m.group(3)
    if "<abbr" in inner:
        plain = ABBR_TAG.sub("", inner)
        if unescape(plain) == unescape(m.group(2)):
            return m.group(1) + plain + m.group(4)
    return m.group(0)


def terms_marked_at_first_use(html: str, each_section: bool = True) -> str:
    """A term keeps its tooltip at its first use in each section (where a reader arriving from
    search finds it), plain text after: every use was a tooltip Material set up at load. The
    print-all page, which search leaves out, marks it once, as a book defines a term once."""
    seen: set[str] = set()

    def sub(m: re.Match) -> str:
        if m.group(1) is None:          # a new section
            if each_section:
                seen.clear()
            return m.group(0)
        term = unescape(ABBR_TAG.sub("", m.group(1))).casefold()
        if term in seen:
            return m.group(1)
        seen.add(term)
        return m.group(0)

    return ABBR_OR_SECTION.sub(sub, html)


def _other_spellings_at_first_mention(html: str, spellings: dict[tuple[str, str], tuple[str, ...]],
                                      separator: str) -> str:
    """At the first link to an entry in each section, the name's other spellings ("Qalibaf" for
    "Ghalibaf", the Persian) go to the search index, so that any of them finds the section; only
    those adding a word (split by the index's `separator`), to keep result snippets short. They
    go at the end of the link's block, so that a result's snippet does not cut into the sentence."""
    split = re.compile(separator)
    seen: set[tuple[str, str]] = set()
    held: list[str] = []

    def words(text: str) -> set[str]:
        return {w.casefold() for w in split.split(text) if w}

    def flush() -> str:
        span = hidden_for_search(f' {" · ".join(held)}') if held else ""
        held.clear()
        return span

    def sub(m: re.Match) -> str:
        entry = (m.group(1), m.group(2))
        if m.group(1) is None:          # a block ends or a heading starts
            if m.group(4) in ("1", "2"):
                seen.clear()
            return flush() + m.group(0)
        if entry not in seen:
            seen.add(entry)
            known, others = words(unescape(ABBR_TAG.sub("", m.group(3)))), []
            for spelling in spellings.get(entry, ()):
                if words(spelling) - known:
                    others.append(spelling)
                    known |= words(spelling)
            if others:
                held.append(str(escape(" · ".join(others))))
        return m.group(0)

    return ENTRY_LINK_OR_BLOCK.sub(sub, html) + flush()


def _back_links_told_apart(item: re.Match) -> str:
    """A note cited n times has n back-links (↩), which Python-Markdown names alike ("Back to note
    1 in the text"): each is told by its place, ", 3 of 14", as a screen reader lists links."""
    total = len(BACKREF_LABEL.findall(item.group(0)))
    if total < 2:
        return item.group(0)
    place = iter(range(1, total + 1))
    return BACKREF_LABEL.sub(lambda m: f'{m.group(1)}, {next(place)} of {total}"', item.group(0))


def height_bound(block_html: str, item_px: float, char_px: float, fixed_px: float = 0, step: int = 10) -> int:
    """An upper bound in px of a block's height at 320 px wide, from its visible text and items,
    rounded up to `step`."""
    text = " ".join(unescape(TAG.sub("", block_html)).split())
    return -(-int(fixed_px + item_px * block_html.count("<li ") + char_px * len(text)) // step) * step


def with_height_bounds(html: str, page=None, **kwargs) -> str:
    """on_post_page, once the back-link lists are filled in: their text counts."""
    def notes(m: re.Match) -> str:
        return f'{m[1]} style="--height-bound: {height_bound(m[2], *NOTES_PX)}px"{m[2]}'

    def references(m: re.Match) -> str:
        items = LIST_ITEM.findall(m[1])
        if stray := LIST_ITEM.sub("", m[1]).strip():  # split into runs, it would lose what is not an item
            where = f"docs/{page.file.src_uri}" if page is not None else "a page"
            raise ValueError(f"{where}: a list of references holds more than its items: {stray[:80]!r}")
        runs = []
        for n in range(0, len(items), RUN):
            run, start = "\n".join(items[n:n + RUN]), f' start="{n + 1}"' if n else ""
            runs.append(f'{REFERENCE_LIST[:-1]}{start} style="--height-bound: {height_bound(run, *REFERENCES_PX)}px">'
                        f"\n{run}\n</ol>")
        return "\n".join(runs)

    return REFERENCES.sub(references, NOTES_BLOCK.sub(notes, html))


def finish_content(html, page, config, **kwargs):
    """Back-links (↩) and permalinks (¶) named by aria-label, not a title Material would make a
    tooltip set up at load; the notes left out of the search index, where they padded the last
    section's snippet (a source is found on the Sources page)."""
    html = URL_LINK.sub(_url_shown_verbatim, BACKREF_TITLE.sub(r'\1 aria-label="\2"', html))
    html = NOTE_ITEM.sub(_back_links_told_apart, html)
    html = html.replace(NOTES, NOTES_UNINDEXED + ">")
    plugins = config.plugins if config is not None else {}
    site = getattr(plugins.get("macros"), "site", None)
    search = _search_plugin(plugins)
    if site is not None:
        separator = search.config.separator if search else r"[\s\-]+"
        html = _other_spellings_at_first_mention(html, site.spellings, separator)
    html = terms_marked_at_first_use(html)
    if page is not None and OWN_RESULT.search(html):
        wanted = page.meta.get("search") or {}
        if search is not None and not wanted.get("exclude"):
            # indexed once, by index_own_results below: Material's plugin skips the page
            page.own_results = (page.meta.get("search"), html)   # settings to put back, labelled HTML
            page.meta["search"] = {**wanted, "exclude": True}
        html = RESULT_TITLE_ATTR.sub("", html)                    # the page shows no index-only label
    return html


def _search_plugin(plugins):
    return plugins.get("material/search") or plugins.get("search")


def index_own_results(context, page, config, **kwargs):
    """Material's search makes one result of each section, so a search found a whole list of
    sources or a year of events. Such a page is indexed here instead, with an index-only heading
    before each item: each is a result of its own, linked to its entry."""
    if not hasattr(page, "own_results"):
        return context
    settings, labelled = page.own_results
    if settings is None:
        del page.meta["search"]
    else:
        page.meta["search"] = settings
    # the heading names the item's list (a source's group, an event's date), not its title:
    # lunr weighs a title far above text, and a source's title outranked a person's entry
    def heading(m: re.Match) -> str:
        tag = m.group(0)
        return f'<h6 id="{ID_ATTR.search(tag).group(1)}">{RESULT_TITLE_ATTR.search(tag).group(1)}</h6>{tag}'

    content = OWN_RESULT.sub(heading, labelled)
    _search_plugin(config.plugins).search_index.add_entry_from_context(SimpleNamespace(
        content=content, meta=page.meta, toc=page.toc, url=page.url, title=page.title))
    return context


def backlinks(site, kind: str, rid: str, href) -> str:
    """The pages that cite or mention a record, by title, each linked by `href(ref)`, which
    gives None for the page (or section) the list is on."""
    refs = sorted(site.mentions.get((kind, rid), {}).values(), key=lambda r: r.title)
    links = [(href(r), r.title) for r in refs]
    # not a <span>: Material's indexer would end the excluded <span> around it here
    if not refs:    # a source in the bibliography that no page cites
        return '<i class="none">no page</i>'
    return ", ".join(f'<a href="{escape(url)}">{escape(title)}</a>' for url, title in links if url is not None) \
        or '<i class="none">this page only</i>'


def fill_backlinks(output, page, config, **kwargs):
    site = getattr(config.plugins.get("macros"), "site", None)
    if site is None or BACKLINKS_START not in output:
        return output

    def href(ref):
        return None if ref.src == page.file.src_uri else get_relative_url(ref.url, page.url)

    return BACKLINKS.sub(lambda m: backlinks(site, m.group(1), m.group(2), href), output)
