"""The `fig` macro: one number from data, with its source notes and its provenance."""
from __future__ import annotations

from markupsafe import escape

from .citations import note_ref
from .site import PageState, Site


def provenance(site: Site, fig) -> str:
    """Plain text telling where a figure comes from: its arithmetic, then its sources."""
    parts = [fig.label + "."]
    if fig.formula:
        parts.append(f"Computed: {fig.formula}.")
    names = [f"{site.bib.short_name(s)}, {site.bib.records[s]['issued']}" for s in fig.sources]
    parts.append("Source: " + "; ".join(names) + ".")
    if fig.note:
        parts.append(fig.note)
    return " ".join(parts)


def fig(site: Site, page: PageState, fid: str, style: str | None = None, places: int | None = None) -> str:
    f = site.figure(fid, page.where)
    try:
        text = f.text(style, places)
    except ValueError as exc:
        raise ValueError(f"{page.where}: fig({fid!r}): {exc}") from None
    notes = "".join(note_ref(site, page, sid) for sid in f.sources)
    tip = escape(provenance(site, f))
    return (f'<span class="fig" tabindex="0" data-figure="{escape(f.id)}" title="{tip}">'
            f'{escape(text)}</span>{notes}')
