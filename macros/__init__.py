"""mkdocs-macros module: binds each renderer, a plain function of (site, page, *args) tested
without MkDocs, to the site loaded for this build and the page being rendered. No logic lives here."""
import logging
from functools import wraps
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import (changes, charts, checks, citations, compare, figures_render, page_meta, reference, residue,
               statement_boxes, tables)
from .site import PageRef, PageState, Site

# Each macro is named after its function, except these (shorter names for the pages)
RENAMED = {"table": tables.render_table, "chart": charts.render_chart, "compare": compare.render_compare,
           "numbers_checked": checks.numbers_checked_table, "changes_list": changes.changes_list,
           # what followed the brief (data/account.yaml, events after its date, since.yaml, expectations.yaml)
           "ev": reference.event_notes, "ev_date": reference.event_date, "expectations": reference.expectations_list}
MACROS = {func.__name__: func for func in (
    citations.cite, figures_render.fig, checks.brief_says, statement_boxes.box_legend,
    reference.person, reference.faction, reference.people_list, reference.factions_list, reference.timeline,
    reference.glossary_list, reference.sources_list, reference.claims_list, reference.chronology,
    reference.chronology_years, reference.timeline_strip, reference.dates_on_page, reference.since_then,
    reference.account_note, reference.key_dates,
)} | RENAMED


def define_env(env):
    # Loading validates every data file: a bad one stops the build here, named in the message.
    env.site = Site.load(Path(env.project_dir) / "data")
    env.page_state = None
    for name, func in MACROS.items():
        env.macro(_bind(env, func, name), name)


LOG = logging.getLogger("mkdocs.plugins.macros.site")


class MacroError(PluginError):
    """A macro's error as mkdocs-macros prints it: it puts the message into a %-format string,
    where a "%" of ours ("39.92 %") raised a TypeError of its own."""

    def __str__(self) -> str:
        return super().__str__().replace("%", "%%")


def _bind(env, func, name: str):
    @wraps(func)
    def macro(*args, **kwargs):
        try:
            return func(env.site, env.page_state, *args, **kwargs)
        except Exception as error:
            # mkdocs-macros reports a macro's error as a warning, which `mkdocs build -q` hides,
            # then exits: logged as an error too, what is wrong is said at every verbosity. A
            # fault of the call itself (a missing or wrong argument) names no page: it is added.
            said, where = str(error), env.page_state.where if env.page_state else "a page"
            if where not in said:
                said = f"{where}: {{{{ {name}(…) }}}}: {said}"
            LOG.error("%s", said)
            raise MacroError(said) from error
    return macro


def on_pre_page_macros(env):
    page = env.page
    env.page_state = PageState(PageRef(page.file.src_uri, page.url, page.title or page.file.name))
    # a syntax error, an unknown name or a hand-written note, named before mkdocs-macros renders
    residue.check_template(env.env, env.env.globals.keys() | env.variables.keys() | page.meta.keys(), sorted(MACROS),
                           page, env.markdown)
    # `account: brief` or `account: since`: the page says whose account it tells, under its title
    kind = page.meta.get("account")
    if kind is not None:
        env.markdown = reference.with_account_banner(env.site, env.page_state, env.markdown, kind)


def on_post_page_macros(env):
    """Append the page's note definitions and the glossary abbreviations."""
    notes = citations.note_definitions(env.site, env.page_state)
    # Notes first: terms in the references get their tooltips too. Not on the glossary page, where
    # every term is defined in place and the abbr extension's cost would be (glossary size) squared.
    abbr = "" if env.page_state.glossary_listed else reference.abbreviations(env.site, env.markdown + notes)
    # A box's label must tell the truth: a "Reported fact" cites more than the brief.
    statement_boxes.check_labels(env.markdown, env.page_state.where, env.site.brief_ids)
    # its sources, for the page's JSON-LD citations (macros/page_meta.py)
    env.page.meta[page_meta.CITED_KEY] = list(env.page_state.notes)
    tail = [notes, abbr]
    env.markdown = env.markdown.rstrip("\n") + "\n\n" + "\n\n".join(t for t in tail if t) + "\n"
