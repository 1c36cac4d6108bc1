"""Two of citeproc-py's lookups made cheap for the life of the process (nothing on disk): they
were half the time spent formatting references.

citeproc-py 0.11 finds a macro, the layout, a term or an option's parent by an XPath query run anew
every time; the answer depends only on the element and the expression, and the style is parsed
once a process (bibliography._style), so each answer is kept. The memo keeps the elements' lxml
proxies alive, which carry the attributes set on them (`repressed`, citeproc_substitute's
`substituted`). A cited item's record is read straight from the dicts, not through three attribute
lookups: for an item no citation registered this raises KeyError where citeproc-py raised
VariableError (format_references registers each item).
"""
import functools

from citeproc import model, source

_search = model.CitationStylesElement.xpath_search
_reference = source.CitationItem.reference
_get = dict.__getitem__
# by element and expression; callers only read the list it returns (index it or test it)
_remembered_search = functools.cache(_search)


def _direct_reference(item):
    return _get(_get(item, "citation"), "bibliography").source[_get(item, "key")]


def install() -> None:
    """Idempotent: route citeproc-py's two lookups through the quicker paths."""
    model.CitationStylesElement.xpath_search = _remembered_search
    source.CitationItem.reference = property(_direct_reference)
