"""Numbered notes: `cite()` puts a footnote reference in the text, and the page ends with the
formatted references (Python-Markdown footnotes, shown by Material as tooltips)."""
from markupsafe import Markup

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


def short_note(record: dict) -> Markup:
    """A note as a book's notes give it when the full reference is in its bibliography: who, the
    year and the title ("Saraswat (2024) <i>Pezeshkian's Victory …</i>"); a piece in a periodical
    has its title quoted, and the periodical stands for an author it does not name."""
    names = [a.get("literal") or a["family"] for a in record.get("author", ())]
    if len(names) > 2:
        who = f"{names[0]} et al."
    elif names:
        who = " and ".join(names)
    else:
        outlet = record.get("container-title") or record.get("publisher")
        who = Markup("<i>%s</i>") % outlet if outlet else ""
    title = (Markup("“%s”") if "container-title" in record else Markup("<i>%s</i>")) % record["title"]
    return Markup("%s(%s) %s") % (who + " " if who else "", record["issued"][:4], title)


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
