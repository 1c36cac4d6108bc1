"""Format references from data/sources.yaml with a CSL processor (citeproc-py).

The style is 'Cite Them Right' Harvard, the CSL style that ships with citeproc-py, so the build
needs no download. Our own fields (group, brief_footnote, note_on_source) are dropped first.
"""
import json
import re
import warnings
from functools import cached_property, lru_cache
from pathlib import Path

import citeproc
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from markupsafe import Markup

from . import citeproc_speed, citeproc_substitute
from .errors import DataError, look_alikes
from .markdown_text import INLINE, md_escape

STYLE_NAME = "harvard-cite-them-right"
STYLE_PATH = Path(citeproc.__file__).parent / "data" / "styles" / f"{STYLE_NAME}.csl"
OWN_FIELDS = {"group", "brief_footnote", "note_on_source"}
DATE_FIELDS = {"issued", "accessed"}
citeproc_substitute.install()
citeproc_speed.install()
_URL = re.compile(r"(https?://[^\s<]+?)(?=[.,;]?(?:\s|$|<))")
# citeproc-py writes field values into its HTML as they are (its formatter escapes only the
# style's own terms), and the reference is then read as Markdown (a footnote): "<" or "&" in a
# title reached the page raw, "*" made emphasis, "[a](b)" a link. Each such character of the
# data is swapped for a private-use character, which the processor carries through untouched
# (no case change applies to it), and becomes a character reference after formatting.
_REFERENCE = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", **INLINE}
_STAND_IN = {c: chr(0xE000 + n) for n, c in enumerate(_REFERENCE)}
_HIDE = str.maketrans(_STAND_IN)
_ENTITY = str.maketrans({_STAND_IN[c]: ref for c, ref in _REFERENCE.items()})


def _hidden(value, where: str):
    """Strings (in lists and names too) with their HTML-special characters stood in for."""
    if isinstance(value, str):
        if any(c in value for c in _STAND_IN.values()):
            last = 0xE000 + len(_STAND_IN) - 1
            raise DataError("data/sources.yaml", where, f"holds a private-use character (U+E000-U+{last:04X})")
        return value.translate(_HIDE)
    if isinstance(value, list):
        return [_hidden(v, where) for v in value]
    if isinstance(value, dict):
        return {k: _hidden(v, where) for k, v in value.items()}
    return value


def to_csl(record: dict) -> dict:
    """A source record as CSL-JSON: dates as date-parts, our own fields removed."""
    return {key: {"date-parts": [[int(p) for p in value.split("-")]]} if key in DATE_FIELDS else value
            for key, value in record.items() if key not in OWN_FIELDS}


def _for_citeproc(item: dict) -> dict:
    """A CSL-JSON record with the characters of _REFERENCE stood in for (the id is a key)."""
    return {key: value if key == "id" else _hidden(value, f"record {item['id']!r}, field {key!r}")
            for key, value in item.items()}


class Bibliography:
    def __init__(self, sources: list[dict]):
        self.records = {s["id"]: s for s in sources}

    def get(self, sid: str, where: str = "docs") -> dict:
        if sid not in self.records:
            raise DataError(where, f"citation {sid!r}",
                            f"unknown citation id (not in data/sources.yaml){look_alikes(sid)}")
        return self.records[sid]

    @cached_property
    def formatted(self) -> dict[str, Markup]:
        """Every reference formatted once a build, as safe HTML with its URL made a link."""
        csl = [to_csl(r) for r in self.records.values()]
        return _formatted(json.dumps(csl, sort_keys=True, ensure_ascii=False))

    def short_name(self, sid: str) -> str:
        """Who wrote it and where, for source lines: 'Tasnim News Agency in Eurasia Review' (a piece
        in a periodical), 'Saraswat, Manohar Parrikar Institute …' (a person's work and its publisher),
        'International IDEA' (an organisation's own publication: its publisher is its author)."""
        rec = self.records[sid]
        first = (rec.get("author") or [{}])[0]
        who = first.get("literal") or first.get("family")
        if rec.get("container-title"):
            return " in ".join(x for x in dict.fromkeys((who, rec["container-title"])) if x)
        if first.get("literal"):
            return who
        return ", ".join(x for x in (who, rec.get("publisher")) if x) or rec["title"]

    def reference(self, sid: str, where: str = "docs") -> Markup:
        self.get(sid, where)
        ref = self.formatted[sid]
        note = self.records[sid].get("note_on_source")
        return ref + (Markup(' <span class="source-note">') + md_escape(note) + Markup("</span>") if note else "")


@lru_cache(maxsize=2)
def _formatted(csl_json: str) -> dict[str, Markup]:
    """In memory, by the records' text: `mkdocs serve` rebuilds in one process, and citeproc-py
    takes a few milliseconds a reference, so an edit that leaves the sources alone does not
    format them again."""
    return format_references(json.loads(csl_json))


@lru_cache(maxsize=1)
def _style() -> CitationStylesStyle:
    return CitationStylesStyle(str(STYLE_PATH), validate=False)


def format_references(csl: list[dict]) -> dict[str, Markup]:
    """CSL-JSON records formatted by citeproc-py, as HTML with each URL made a link and every
    character of the data that HTML or Markdown would read escaped."""
    source = CiteProcJSON([_for_citeproc(item) for item in csl])
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about CSL features it skips
        for item in csl:
            bib = CitationStylesBibliography(_style(), source, formatter.html)
            bib.register(Citation([CitationItem(item["id"])]))
            html = _URL.sub(lambda m: f'<a href="{m.group(1)}">{m.group(1)}</a>', str(bib.bibliography()[0]))
            out[item["id"]] = Markup(html.translate(_ENTITY))
    return out
