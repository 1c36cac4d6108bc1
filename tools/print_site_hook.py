"""MkDocs hook: give the print-all page (mkdocs-print-site-plugin) a relative base URL, and
make its anchor rewriting linear.

print-site renders print_page.html at the end of the build with the template context it kept
from 404.html. MkDocs gives the 404 page an absolute base (the path of site_url, e.g. "/"), so
the print page's Material config said `"base": "/"`: search and other scripts looked for their
files at the root of the disk when the offline zip was opened from file://. Runs before
print-site's own on_post_build (priority 50 > 0); 404.html is already written by then.
"""
from __future__ import annotations

import re

import mkdocs_print_site_plugin.renderer as print_renderer
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

_ID_TAG = re.compile(r"<([^\s]+).*?id=\"([^\"]*?)\".*?>", flags=re.IGNORECASE)
_CHANGE_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "sup", "li"}


def update_anchor_ids(page_html: str, page_key: str) -> str:
    """print-site 2.9's urls.update_anchor_ids, in one pass. The original calls
    page_html.replace() once per id, which is quadratic in a page's size: at 100× content the
    long reference pages (sources, timeline) made it most of the build. Same regex, same tags,
    same result: each h1-h6/sup/li tag's id gets the page key as prefix."""
    def prefix(m: re.Match) -> str:
        if m.group(1) not in _CHANGE_TAGS:
            return m.group(0)
        return m.group(0).replace(m.group(2), f"{page_key}-{m.group(2)}")
    return _ID_TAG.sub(prefix, page_html)


# renderer.py imported the function by name; replace it there.
print_renderer.update_anchor_ids = update_anchor_ids


@event_priority(50)
def on_post_build(config, **kwargs):
    plugin = config.plugins.get("print-site")
    if plugin is None or not plugin.config.get("enabled") or not getattr(plugin, "context", None):
        return
    plugin.context = dict(plugin.context)
    plugin.context["base_url"] = get_relative_url(".", plugin.print_page.url)
