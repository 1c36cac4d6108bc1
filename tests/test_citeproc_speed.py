"""macros/citeproc_speed.py: citeproc-py's XPath lookups remembered, with the same references."""
from __future__ import annotations

import inspect

from citeproc import model

from macros import bibliography, citeproc_speed


def test_the_memo_wraps_the_xpath_search_it_was_written_for():
    # the memo is only right while the method is a pure query on the element: a new citeproc-py
    # that changes it must be read again before the memo is kept
    assert inspect.getsource(citeproc_speed._search) == (
        "    def xpath_search(self, expression):\n"
        "        return self.xpath(expression, namespaces=self.nsmap)\n")
    assert model.CitationStylesElement.xpath_search is citeproc_speed._remembered_search


def test_the_memo_formats_every_real_source_as_citeproc_alone_does(site_data, monkeypatch):
    csl = [bibliography.to_csl(r) for r in site_data.sources]
    monkeypatch.setattr(model.CitationStylesElement, "xpath_search", citeproc_speed._search)
    plain = bibliography.format_references(csl)
    monkeypatch.undo()
    monkeypatch.setattr(citeproc_speed, "_found", {})
    assert bibliography.format_references(csl) == plain
    assert citeproc_speed._found  # the memo was used
