"""macros/citeproc_speed.py: citeproc-py's lookups made cheap, with the same references."""
from __future__ import annotations

import inspect

from citeproc import model, source

from macros import bibliography, citeproc_speed


def test_the_speed_ups_replace_the_citeproc_code_they_were_written_for():
    # each is only right while the upstream code is what it was read as (a pure query on the
    # element; three dict lookups): a new citeproc-py that changes it must be read again
    assert inspect.getsource(citeproc_speed._search) == (
        "    def xpath_search(self, expression):\n"
        "        return self.xpath(expression, namespaces=self.nsmap)\n")
    assert inspect.getsource(citeproc_speed._reference.fget) == (
        "    @property\n    def reference(self):\n        return self.bibliography.source[self.key]\n")
    assert inspect.getsource(source.CitationItem.bibliography.fget) == (
        "    @property\n    def bibliography(self):\n        return self.citation.bibliography\n")
    assert model.CitationStylesElement.xpath_search is citeproc_speed._remembered_search
    assert source.CitationItem.reference.fget is citeproc_speed._direct_reference


def test_the_speed_ups_format_every_real_source_as_citeproc_alone_does(site_data, monkeypatch):
    csl = [bibliography.to_csl(r) for r in site_data.sources]
    monkeypatch.setattr(model.CitationStylesElement, "xpath_search", citeproc_speed._search)
    monkeypatch.setattr(source.CitationItem, "reference", citeproc_speed._reference)
    plain = bibliography.format_references(csl)
    monkeypatch.undo()
    citeproc_speed._remembered_search.cache_clear()
    assert bibliography.format_references(csl) == plain
    assert citeproc_speed._remembered_search.cache_info().hits  # the memo was used
