"""Each page's HTML finished (called from macros/hooks.py). After every page has rendered, fill
the "cited on" / "mentioned on" markers (left by macros/reference.py) with links to those pages, relative to the page being written;
name the notes' back-links and the headings' permalinks with aria-label rather than title; show
a link's own URL verbatim; mark a glossary term at its first use in each section only; leave the
notes out of the search index; give search a name's other spellings where a section first links
to its entry; give search one result per reference on Sources and per event on the Timeline."""
import re
from html import unescape
from types import SimpleNamespace

from mkdocs.utils import get_relative_url
from markupsafe import escape

from .markers import BACKLINKS, BACKLINKS_START, OWN_RESULT, RESULT_TITLE_ATTR

# The notes' back-links (↩) and the headings' permalinks (¶): named by a title that Material
# would make into a tooltip.
BACKREF_TITLE = re.compile(r'(<a class="(?:footnote-backref|headerlink)" href="[^"]*") title="([^"]*)"')
# One note's list item, and its back-links: a source cited 14 times on a page has 14 of them
NOTE_ITEM = re.compile(r'<li id="fn:[^"]*">.*?</li>', re.S)
BACKREF_LABEL = re.compile(r'(<a class="footnote-backref" href="[^"]*" aria-label="[^"]*)"')
URL_LINK = re.compile(r'(<a href="(https?://[^"]+)">)(.*?)(</a>)', re.S)
ABBR_TAG = re.compile(r"</?abbr\b[^>]*>")
# An abbreviation Python-Markdown marked, or the start of a section (h1, h2).
ABBR_OR_SECTION = re.compile(r'<abbr title="[^"]*">(.*?)</abbr>|<h[12]\b', re.S)
NOTES = '<div class="footnote">'
ID_ATTR = re.compile(r' id="([^"]+)"')
# A link to a person's or a faction's entry on another page, or the start of a section (h1, h2).
ENTRY_LINK_OR_SECTION = re.compile(r'<a class="entry-link (person|faction)-link" href="[^"#]+#([a-z0-9-]+)">(.*?)</a>|<h[12]\b', re.S)
# A name's hidden spellings while still at its link (\x00 cannot occur in HTML), or the end of
# a paragraph, list item, cell or heading, or the start of a heading
SPELLINGS_OR_BLOCK_END = re.compile(r"\x00([^\x00]*)\x00|</(?:p|li|td|th|dd|dt|figcaption|summary|h[1-6])>|<h[1-6][\s>]")


def _url_shown_verbatim(m: re.Match) -> str:
    """A reference's URL is its own link text (macros/bibliography.py). Python-Markdown's abbr
    extension marks glossary terms in any text, so ".../headed-for-runoff/" had "runoff" as a
    term with a tooltip inside the address. A link showing its URL shows it as plain text."""
    inner = m.group(3)
    if "<abbr" in inner:
        plain = ABBR_TAG.sub("", inner)
        if unescape(plain) == unescape(m.group(2)):
            return m.group(1) + plain + m.group(4)
    return m.group(0)


def _first_in_each_section(pattern: re.Pattern, html: str, key, first, later) -> str:
    """`pattern` matches a thing (group 1 set) or the start of a section (h1/h2, group 1 None).
    A thing becomes first(m) the first time its key(m) appears in a section, later(m) after."""
    seen: set = set()

    def sub(m: re.Match) -> str:
        if m.group(1) is None:          # a new section
            seen.clear()
            return m.group(0)
        k = key(m)
        if k in seen:
            return later(m)
        seen.add(k)
        return first(m)

    return pattern.sub(sub, html)


def _terms_marked_at_first_use(html: str) -> str:
    """The abbr extension marks every occurrence of a glossary term: 78 dotted underlines on the
    claims page, each a tooltip Material sets up as the page loads. As an encyclopaedia links a
    term where it is first used, a term keeps its definition on hover at its first use in each
    section (so a reader arriving at a heading from search or the contents still finds it), and
    is plain text after that (claims page: 78 -> 16; Lighthouse blocking time about 100 ms less,
    A/B on the same page)."""
    return _first_in_each_section(ABBR_OR_SECTION, html,
                                  key=lambda m: unescape(ABBR_TAG.sub("", m.group(1))).casefold(),
                                  first=lambda m: m.group(0), later=lambda m: m.group(1))


def _other_spellings_at_first_mention(html: str, spellings: dict[tuple[str, str], tuple[str, ...]],
                                      separator: str) -> str:
    """Search matches whole words as written, and a page writes a name one way ("Ghalibaf"). At
    the first link to an entry in each section, the name's other spellings ("Qalibaf", the
    Persian) follow in a hidden span that only the search index reads, as on the entry itself:
    a reader who types any of them finds the sections that discuss the person, not only the entry.
    A spelling is added only if it brings a word (split as the index splits, by `separator`) the
    link does not already show, to keep the result snippets short; the span goes at the end of
    the link's paragraph (or list item, cell, heading), after the sentence."""
    split = re.compile(separator)

    def words(text: str) -> set[str]:
        return {w.casefold() for w in split.split(text) if w}

    def add(m: re.Match) -> str:
        known = words(unescape(ABBR_TAG.sub("", m.group(3))))
        others = []
        for spelling in spellings.get((m.group(1), m.group(2)), ()):
            new = words(spelling) - known
            if new:
                others.append(spelling)
                known |= new
        if not others:
            return m.group(0)
        return m.group(0) + f'\x00{escape(" · ".join(others))}\x00'

    html = _first_in_each_section(ENTRY_LINK_OR_SECTION, html, key=lambda m: (m.group(1), m.group(2)),
                                  first=add, later=lambda m: m.group(0))
    return _spellings_at_block_end(html)


def _spellings_at_block_end(html: str) -> str:
    """Material shows a section's indexed text as a result's snippet: at the end of the block the
    spellings do not cut into the sentence that names the person."""
    if "\x00" not in html:
        return html
    held: list[str] = []

    def flush() -> str:
        span = f'<span class="search-variants" hidden> {" · ".join(held)}</span>' if held else ""
        held.clear()
        return span

    def sub(m: re.Match) -> str:
        if m.group(1) is not None:
            held.append(m.group(1))
            return ""
        return flush() + m.group(0)

    html = SPELLINGS_OR_BLOCK_END.sub(sub, html)
    return html + flush()


def _back_links_told_apart(item: re.Match) -> str:
    """A note cited n times has n back-links (↩), which Python-Markdown names alike ("Back to note
    1 in the text"): each is told by its place, ", 3 of 14", as a screen reader lists links."""
    total = len(BACKREF_LABEL.findall(item.group(0)))
    if total < 2:
        return item.group(0)
    place = iter(range(1, total + 1))
    return BACKREF_LABEL.sub(lambda m: f'{m.group(1)}, {next(place)} of {total}"', item.group(0))


def finish_content(html, page, config, **kwargs):
    """Python-Markdown names each note's back-link (↩) with a title, "Back to note 3 in the text"
    (mkdocs.yml). With content.tooltips Material turns every title into a tooltip it sets up when the
    page loads: on a page with 50 notes that set-up was about 100 ms of Lighthouse's blocking time
    (A/B, same page). aria-label keeps the link's accessible name; the ↩ needs no hover text.
    The same for each heading's ¶ ("Permanent link"), 25 of them on the People page: traced at
    4x CPU slowdown, 200-300 ms less script and event set-up at load over three runs.
    The notes are left out of the search index: Material indexes them as part of the page's
    last section, so "Tehran Times" found "Iraq's unpaid bills" with a row of ↩ as its snippet.
    A source is found on the Sources page, where its entry lists the pages citing it."""
    html = URL_LINK.sub(_url_shown_verbatim, BACKREF_TITLE.sub(r'\1 aria-label="\2"', html))
    html = NOTE_ITEM.sub(_back_links_told_apart, html)
    html = html.replace(NOTES, '<div class="footnote" data-search-exclude>')
    plugins = config.plugins if config is not None else {}
    site = getattr(plugins.get("macros"), "site", None)
    search = _search_plugin(plugins)
    if site is not None:
        separator = search.config.separator if search else r"[\s\-]+"
        html = _other_spellings_at_first_mention(html, site.spellings, separator)
    html = _terms_marked_at_first_use(html)
    if page is not None and OWN_RESULT.search(html):
        wanted = page.meta.get("search") or {}
        if search is not None and not wanted.get("exclude"):
            # indexed once, by index_own_results below: Material's plugin skips the page (at a
            # hundred times this site, parsing the Timeline and Sources twice cost 3 s)
            page.own_results = (page.meta.get("search"), html)   # settings to put back, labelled HTML
            page.meta["search"] = {**wanted, "exclude": True}
        html = RESULT_TITLE_ATTR.sub("", html)                    # the page shows no index-only label
    return html


def _search_plugin(plugins):
    return plugins.get("material/search") or plugins.get("search")


def index_own_results(context, page, config, **kwargs):
    """Material's search makes one result of each section, and a section ends at a heading: a
    search for "Toossi" found the Sources page's whole list of footnote sources, with the list as
    its snippet, and opened the list at its top; "helicopter" found all of 2024 on the Timeline.
    Such a page is indexed here instead (on_page_content keeps Material's plugin off it), with a
    heading before each reference or event that only the index sees (never shown): each is a
    result of its own, linked to its entry."""
    if not hasattr(page, "own_results"):
        return context
    settings, labelled = page.own_results
    if settings is None:
        del page.meta["search"]
    else:
        page.meta["search"] = settings
    # An index-only heading before each item names the list it is in (a source's group, an
    # event's date), not its own title: lunr weighs a title a thousand times its text, and with
    # "…Will Qalibaf's Supporters…" as a title, "Qalibaf" ranked a source above Ghalibaf's entry.
    def heading(m: re.Match) -> str:
        tag = m.group(0)
        return f'<h6 id="{ID_ATTR.search(tag).group(1)}">{RESULT_TITLE_ATTR.search(tag).group(1)}</h6>{tag}'

    content = OWN_RESULT.sub(heading, labelled)
    _search_plugin(config.plugins).search_index.add_entry_from_context(SimpleNamespace(
        content=content, meta=page.meta, toc=page.toc, url=page.url, title=page.title))
    return context


def fill_backlinks(output, page, config, **kwargs):
    site = getattr(config.plugins.get("macros"), "site", None)
    if site is None or BACKLINKS_START not in output:
        return output

    def links(m):
        refs = sorted(site.mentions.get((m.group(1), m.group(2)), {}).values(), key=lambda r: r.title)
        refs = [r for r in refs if r.src != page.file.src_uri]
        if not refs:
            # not a <span>: Material's indexer would end the excluded <span> around it here
            return '<i class="none">this page only</i>'
        return ", ".join(f'<a href="{escape(get_relative_url(r.url, page.url))}">{escape(r.title)}</a>' for r in refs)

    return BACKLINKS.sub(links, output)
