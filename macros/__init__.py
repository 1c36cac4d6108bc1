"""mkdocs-macros module: wires the renderers to Jinja names. No logic lives here.

Every renderer is a plain function of (site, page, *args) in its own module, tested without
MkDocs; here each is bound to the site loaded for this build and to the page being rendered.
"""
from pathlib import Path

from . import (changes, charts, checks, citations, compare, figures_render, page_meta, reference, statement_boxes,
               tables)
from .site import PageRef, PageState, Site

MACROS = {
    "cite": citations.cite,
    "fig": figures_render.fig,
    "table": tables.render_table,
    "chart": charts.render_chart,
    "compare": compare.render_compare,
    "person": reference.person,
    "faction": reference.faction,
    "people_list": reference.people_list,
    "factions_list": reference.factions_list,
    "timeline": reference.timeline,
    "glossary_list": reference.glossary_list,
    "sources_list": reference.sources_list,
    "claims_list": reference.claims_list,
    "brief_says": checks.brief_says,
    # what followed the brief (data/account.yaml, events after its date, since.yaml, expectations.yaml)
    "chronology": reference.chronology,
    "timeline_strip": reference.timeline_strip,
    "dates_on_page": reference.dates_on_page,
    "ev": reference.event_notes,
    "ev_date": reference.event_date,
    "since_then": reference.since_then,
    "account_note": reference.account_note,
    "key_dates": reference.key_dates,
    "expectations": reference.expectations_list,
    "numbers_checked": checks.numbers_checked_table,
    "box_legend": statement_boxes.box_legend,
    # what changed on the site (data/changes.yaml); the same entries go to feed.xml
    "changes_list": changes.changes_list,
}


def define_env(env):
    # Loading validates every data file: a bad one stops the build here, named in the message.
    env.site = Site.load(Path(env.project_dir) / "data")
    env.page_state = None
    for name, func in MACROS.items():
        env.macro(_bind(env, func), name)


def _bind(env, func):
    def macro(*args, **kwargs):
        return func(env.site, env.page_state, *args, **kwargs)
    macro.__name__ = func.__name__
    macro.__doc__ = func.__doc__
    return macro


def on_pre_page_macros(env):
    page = env.page
    env.page_state = PageState(PageRef(page.file.src_uri, page.url, page.title or page.file.name))
    # A page that retells the brief (`account: brief`) or tells what followed (`account: since`)
    # says so under its title, from one renderer, with the dates from data/account.yaml.
    kind = page.meta.get("account")
    if kind is not None:
        env.markdown = reference.with_account_banner(env.site, env.page_state, env.markdown, kind)


def on_post_page_macros(env):
    """Append the page's note definitions and the glossary abbreviations."""
    notes = citations.note_definitions(env.site, env.page_state)
    # Notes first: glossary terms in the references get their tooltips too. Not on the page that
    # lists the glossary: every term is defined there in place, and the abbr extension's cost is
    # terms x text, which on that one page is (glossary size) squared.
    abbr = "" if env.page_state.glossary_listed else reference.abbreviations(env.site, env.markdown + notes)
    # A box's label must tell the truth: a "Reported fact" cites more than the brief.
    statement_boxes.check_labels(env.markdown, env.page_state.where, env.site.brief_ids)
    # its sources, for the page's JSON-LD citations (macros/page_meta.py)
    env.page.meta[page_meta.CITED_KEY] = list(env.page_state.notes)
    tail = [notes, abbr]
    env.markdown = env.markdown.rstrip("\n") + "\n\n" + "\n\n".join(t for t in tail if t) + "\n"
