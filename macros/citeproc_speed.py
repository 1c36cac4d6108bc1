"""citeproc-py's XPath lookups in the style and locale, remembered for the life of the process.

citeproc-py 0.11 finds a macro, the layout, a term or an option's parent by an lxml XPath query,
compiled and run anew every time: 160,000 queries for the 2,720 references of the 10x benchmark,
a term alone about 85 µs (it scans the locale's terms), a third of the time spent formatting.
The answers depend only on the element and the expression, and the style and its locales are
parsed once a process (bibliography._style), so each answer is kept. The memo holds the
elements, which keeps their lxml proxies alive: the attributes citeproc-py sets on them
(`repressed`, `substituted`) live on those proxies anyway. Nothing is written to disk.
"""
from __future__ import annotations

from citeproc import model

_search = model.CitationStylesElement.xpath_search
_found: dict[tuple[model.CitationStylesElement, str], list] = {}


def _remembered_search(self, expression):
    key = (self, expression)
    if key not in _found:
        _found[key] = _search(self, expression)
    return _found[key]  # callers only read the list (index it or test it)


def install() -> None:
    """Idempotent: route citeproc-py's xpath_search through the memo once per process."""
    model.CitationStylesElement.xpath_search = _remembered_search
