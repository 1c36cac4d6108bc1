"""Numbered notes: `cite()` puts a footnote reference in the text, and the page ends with the
formatted references (Python-Markdown footnotes, shown by Material as tooltips)."""
from .markdown_text import md_escape
from .site import PageState, Site

# The groups of data/sources.yaml, in the order they are listed: heading and page. The sources
# on what followed the brief have a page of their own: all 272 references on one page weighed
# 106 KiB compressed, over the 100 KiB a page may weigh.
SOURCE_GROUPS = {"brief": ("The brief", "sources.md"),
                 "footnotes": ("Sources cited in the brief's footnotes", "sources.md"),
                 "figures": ("Sources of the official figures", "sources.md"),
                 "context": ("Other sources", "sources.md"),
                 "after": ("Sources on what followed the brief", "sources-after.md")}


def sources_page(record: dict) -> str:
    """The page that lists a source: by its group in data/sources.yaml."""
    return SOURCE_GROUPS[record["group"]][1]


def cite(site: Site, page: PageState, *ids: str) -> str:
    if not ids:
        raise ValueError(f"{page.where}: cite() needs at least one source id")
    return "".join(note_ref(site, page, sid) for sid in ids)


def note_ref(site: Site, page: PageState, sid: str) -> str:
    site.bib.get(sid, page.where)  # raises, naming the page and the id, when it is unknown
    if sid not in page.notes:
        page.notes.append(sid)
    site.mention("source", sid, page)
    return f"[^{sid}]"


def note_definitions(site: Site, page: PageState) -> str:
    """Footnote definitions for every source the page cited, each linking to its Sources entry."""
    # A Markdown link, not raw HTML, so that MkDocs rewrites it for either URL style.
    return "\n\n".join(f"[^{sid}]: {site.bib.reference(sid, page.where)} [All pages citing it]"
                       f"({page.link(sources_page(site.bib.records[sid]), f'src-{sid}')}){{: .to-sources }}"
                       for sid in page.notes)


def source_line(site: Site, page: PageState, sources, notes=()) -> str:
    """The Markdown under a table or chart: 'Source: A; B.' with the sources' numbered notes,
    then any remarks (escaped)."""
    names = "; ".join(md_escape(site.bib.short_name(s)) for s in sources)
    cites = "".join(note_ref(site, page, s) for s in sources)
    remarks = " ".join(md_escape(n) for n in notes)
    return f"Source: {names}.{cites} {remarks}".rstrip()
