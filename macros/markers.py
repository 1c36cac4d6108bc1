"""The marks a renderer leaves in a page for macros/page_html.py to act on once every page has
rendered: written here once, so that what one side writes the other side reads."""
import re

# An item (a reference, an event) that search shows as a result of its own, labelled with the
# list it is in; page_html indexes it under that label and removes the attribute.
RESULT_TITLE = "data-result-title"
RESULT_TITLE_ATTR = re.compile(rf' {RESULT_TITLE}="([^"]*)"')
# its opening tag, attributes in any order (Python-Markdown sorts an md_in_html block's)
OWN_RESULT = re.compile(rf'<(?:li|p)\b[^>]* {RESULT_TITLE}="[^"]*"[^>]*>')

# Where the pages that cite or mention a record go: a page cannot know them while it renders.
BACKLINKS_START = "<!--backlinks:"
BACKLINKS = re.compile(rf"{BACKLINKS_START}(\w+):([a-z0-9-]+)-->")


def backlinks_marker(kind: str, rid: str) -> str:
    return f"{BACKLINKS_START}{kind}:{rid}-->"

# A page's list of references (sources_group.html), which page_html.py splits into runs of items
REFERENCE_LIST = '<ol class="bibliography">'

# Other spellings of a name, hidden, for the search index alone: written by reference.py and
# page_html.py, left out of the print-all page (print_page.py), which search does not index.
SEARCH_VARIANTS = re.compile(r'<span class="search-variants" hidden>[^<]*</span>')


def hidden_for_search(text: str) -> str:
    return f'<span class="search-variants" hidden>{text}</span>'
