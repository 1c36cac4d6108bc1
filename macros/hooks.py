"""The site's one MkDocs hook file: every event the build uses, in the order MkDocs sends them,
each handed to the module that does the work. Handlers run by priority, higher first; plugins
have priority 0 and run before a hook of the same priority. MkDocs loads this file by its path,
before mkdocs-macros puts the project on the import path: hence the path set here."""
import sys
from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

PROJECT = str(Path(__file__).resolve().parent.parent)
if PROJECT not in sys.path:
    sys.path.insert(0, PROJECT)

from macros.site import offline_build  # noqa: E402
from macros import cards, changes, downloads, page_html, page_meta, print_page, residue, search_terms  # noqa: E402

# --- Configuration -------------------------------------------------------------------------------

def _shim_only_offline(config, **kwargs):
    """The iframe-worker shim (search from file://) only in the offline build: online it is a
    render-blocking <script> on every page. Kept in the offline config so that Material's
    offline plugin finds a local "iframe-worker" and adds no unpkg copy."""
    if not offline_build(config):
        config.extra["polyfills"] = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in p]
    return config


on_config = CombinedEvent(
    _shim_only_offline,
    # after print-site's own on_config has added its assets to every page
    event_priority(-100)(print_page.keep_assets_for_print_page),
)

# --- Files and templates -------------------------------------------------------------------------

on_pre_build = page_meta.read_dates          # each file's last commit, for the pages' dates

on_files = CombinedEvent(
    downloads.add_to_files,                  # CSV, datapackage.json, BibTeX/RIS/CSL-JSON
    search_terms.add_rules_script,           # data/search_rules.yaml for the search script
)
on_env = print_page.keep_theme_env

# --- Each page -----------------------------------------------------------------------------------

# first, before mkdocs-macros renders the page (it would skip one whose front matter was unread)
on_page_markdown = event_priority(100)(residue.stop_on_unread_front_matter)

on_page_content = CombinedEvent(
    # before print-site keeps each page's HTML for the print-all page
    event_priority(50)(page_html.finish_content),
    page_meta.date_page,                     # before MkDocs writes sitemap.xml (lastmod)
    # last: stop on template text, None/nan or an empty cell in what a reader would see
    event_priority(-100)(residue.stop_on_residue),
)
on_page_context = CombinedEvent(
    page_meta.add_head,                      # card tags, JSON-LD and the "last updated" date
    # after Material's search plugin has indexed the page
    event_priority(-50)(page_html.index_own_results),
)
on_post_page = CombinedEvent(
    # after the plugins have written the page: the back-link markers are filled in last
    page_html.fill_backlinks,
    page_html.with_height_bounds,            # the notes' and references' height, text complete
    cards.write_page_card,                   # its link card, assets/cards/<page>.png (not offline)
)

# --- The end of the build: the print-all page and the feed ---------------------------------------

on_post_build = CombinedEvent(
    event_priority(50)(print_page.prepare),     # before print-site renders it
    event_priority(40)(page_meta.add_print_page_head),  # its card tags and JSON-LD, after prepare
    event_priority(-50)(print_page.finish),     # after print-site wrote it
    cards.write_print_page_card,                # its link card: it never passes on_post_page
    changes.write_feed,                         # feed.xml from data/changes.yaml (not offline)
)
