"""Other spellings a reader may type, generated from the aliases in data/.

Material's search (lunr) only finds words that are on the page. Entry pages already show each
record's aliases and Persian name; this module adds the spellings that are the same word
written another way, so that they need not be listed by hand:
- Persian typed on an Arabic keyboard: Arabic yeh (ي) and kaf (ك) for Persian ye (ی) and keheh (ک);
- Persian compounds joined by a zero-width non-joiner, typed with a space or with nothing;
- Latin names with apostrophes or hyphens typed without them (Khamene'i, Pour-Mohammadi).
"""
from __future__ import annotations

ZWNJ = "\u200c"
ARABIC_FORMS = str.maketrans({"ی": "ي", "ک": "ك"})


def persian_variants(text: str) -> set[str]:
    forms = {text, text.replace(ZWNJ, ""), text.replace(ZWNJ, " ")}
    forms |= {f.translate(ARABIC_FORMS) for f in forms}
    return forms - {text}


def latin_variants(text: str) -> set[str]:
    forms = {text.replace("'", ""), text.replace("’", ""), text.replace("-", " "), text.replace("-", "")}
    return {f for f in forms if f != text}


def search_variants(record: dict, extra: list[str] | tuple = ()) -> list[str]:
    """Spellings of a record to put in the search index beyond those shown on its entry."""
    shown = {record.get("name"), record.get("term"), record.get("short"), record.get("persian"),
             *record.get("aliases", [])} - {None}
    out: set[str] = set(extra)
    if record.get("persian"):
        out |= persian_variants(record["persian"])
    for word in shown - {record.get("persian")}:
        out |= latin_variants(word)
    return sorted(out - shown)
