"""The `fig` macro: one number from data, with its source notes and its provenance."""
from markupsafe import escape

from .citations import note_ref
from .markdown_text import md_escape
from .site import PageState, Site


def provenance_parts(site: Site, fig) -> list[tuple[str, str]]:
    """Where a figure comes from, as (kind, text) lines: what it is, its arithmetic, its sources."""
    parts = [("what", fig.label + ".")]
    if fig.formula:
        result = fig.text(None, 4) if fig.unit == "pct" else fig.text()
        parts.append(("computed", f"Computed: {fig.formula} = {result}."))
    names = [f"{site.bib.short_name(s)}, {site.bib.records[s]['issued']}" for s in fig.sources]
    parts.append(("source", "Source: " + "; ".join(names) + "."))
    if fig.note:
        parts.append(("note", fig.note))
    return parts


def fig(site: Site, page: PageState, fid: str, style: str | None = None, places: int | None = None) -> str:
    """The number, focusable, described by a popover holding its provenance, then its notes; one
    line, as it may sit in a table cell. The popover is a <small>: Material's indexer ends an
    excluded element at the first closing tag of its name, and a <span> held inner spans."""
    f = site.figure(fid, page.where)
    try:
        text = f.text(style, places)
    except ValueError as exc:
        raise ValueError(f"{page.where}: fig({fid!r}): {exc}") from None
    notes = "".join(note_ref(site, page, sid) for sid in f.sources)
    page.figs += 1
    # Unique across the site too: the print page puts every page into one document.
    pid = f"prov-{page.ref.src.removesuffix('.md').replace('/', '-')}-{page.figs}"
    lines = "".join(f'<span class="prov-{kind}">{md_escape(t)}</span>' for kind, t in provenance_parts(site, f))
    return (f'<span class="fig" tabindex="0" data-figure="{escape(f.id)}" aria-describedby="{pid}">'
            f'<span class="fig-value">{md_escape(text)}</span>'
            f'<small class="fig-prov" role="tooltip" id="{pid}" data-search-exclude>{lines}</small>'
            f'</span>{notes}')
