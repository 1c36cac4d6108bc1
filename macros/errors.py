"""The one error type the site raises for bad input: a PluginError, so that `mkdocs build` stops
with the message alone, which names the file, the record and what is wrong."""
import unicodedata

from mkdocs.exceptions import PluginError


class DataError(PluginError):
    def __init__(self, file: str, where: str, problem: str):
        self.file, self.where, self.problem = file, where, problem
        super().__init__(f"{file}: {where}: {problem}")


def named_characters(chars) -> str:
    """Characters by code point and Unicode name: "U+0456 CYRILLIC SMALL LETTER …, U+200F …"."""
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '')}".rstrip() for c in sorted(set(chars)))


def look_alikes(rid: str) -> str:
    """For an unknown id: its characters that are not ASCII, named, since an id with a Cyrillic
    "і" reads exactly like a known one; else nothing."""
    odd = [c for c in rid if ord(c) > 127]
    return f" (it holds {named_characters(odd)})" if odd else ""
