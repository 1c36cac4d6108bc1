"""Two of citeproc-py's lookups made cheap, for the life of the process (nothing on disk).

citeproc-py 0.11 finds a macro, the layout, a term or an option's parent by an lxml XPath query,
compiled and run anew every time: 160,000 queries for the 2,720 references of the 10x benchmark,
a term alone about 85 µs (it scans the locale's terms): half the time spent formatting.
The answers depend only on the element and the expression, and the style and its locales are
parsed once a process (bibliography._style), so each answer is kept. The memo holds the
elements, which keeps their lxml proxies alive: the attributes set on them (citeproc-py's
`repressed`, citeproc_substitute's `substituted`) live on those proxies anyway.

A cited item's record (`CitationItem.reference`, read 80 times a reference) went through three
attribute lookups of citeproc-py's dict class, each a Python call that catches KeyError; read
straight from the dicts, formatting takes another 15 % less. Both: 4.9-5.2 s CPU at 10x before,
2.0-2.1 s after. Only an item registered in a citation has a record: for one that is not, this
raises KeyError where citeproc-py raised VariableError (format_references registers each item).
"""
from citeproc import model, source

_search = model.CitationStylesElement.xpath_search
_reference = source.CitationItem.reference
_found: dict[tuple[model.CitationStylesElement, str], list] = {}
_get = dict.__getitem__


def _remembered_search(self, expression):
    key = (self, expression)
    if key not in _found:
        _found[key] = _search(self, expression)
    return _found[key]  # callers only read the list (index it or test it)


def _direct_reference(item):
    return _get(_get(item, "citation"), "bibliography").source[_get(item, "key")]


def install() -> None:
    """Idempotent: route citeproc-py's two lookups through the quicker paths."""
    model.CitationStylesElement.xpath_search = _remembered_search
    source.CitationItem.reference = property(_direct_reference)
