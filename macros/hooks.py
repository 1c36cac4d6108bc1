"""MkDocs hook: after every page has rendered, fill the "cited on" / "mentioned on" markers
(left by macros/reference.py) with links to those pages, relative to the page being written."""
import re

from mkdocs.utils import get_relative_url
from markupsafe import escape

MARKER = re.compile(r"<!--backlinks:(\w+):([a-z0-9-]+)-->")


def on_post_page(output, page, config, **kwargs):
    site = getattr(config.plugins.get("macros"), "site", None)
    if site is None or "<!--backlinks:" not in output:
        return output

    def links(m):
        refs = sorted(site.mentions.get((m.group(1), m.group(2)), {}).values(), key=lambda r: r.title)
        refs = [r for r in refs if r.src != page.file.src_uri]
        if not refs:
            return '<span class="none">this page only</span>'
        return ", ".join(f'<a href="{escape(get_relative_url(r.url, page.url))}">{escape(r.title)}</a>' for r in refs)

    return MARKER.sub(links, output)
