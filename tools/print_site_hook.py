"""MkDocs hook: give the print-all page (mkdocs-print-site-plugin) a relative base URL.

print-site renders print_page.html at the end of the build with the template context it kept
from 404.html. MkDocs gives the 404 page an absolute base (the path of site_url, e.g. "/"), so
the print page's Material config said `"base": "/"`: search and other scripts looked for their
files at the root of the disk when the offline zip was opened from file://. Runs before
print-site's own on_post_build (priority 50 > 0); 404.html is already written by then.
"""
from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url


@event_priority(50)
def on_post_build(config, **kwargs):
    plugin = config.plugins.get("print-site")
    if plugin is None or not plugin.config.get("enabled") or not getattr(plugin, "context", None):
        return
    plugin.context = dict(plugin.context)
    plugin.context["base_url"] = get_relative_url(".", plugin.print_page.url)
