"""The one error type the site raises for bad input: a PluginError, so that `mkdocs build` stops
with the message alone, which names the file, the record and what is wrong."""
import unicodedata

from mkdocs.exceptions import PluginError


class DataError(PluginError):
    def __init__(self, file: str, where: str, problem: str):
        self.file, self.where, self.problem = file, where, problem
        super().__init__(f"{file}: {where}: {problem}")


def look_alikes(rid: str) -> str:
    """For an unknown id: its characters that are not ASCII, named, since an id with a Cyrillic
    "і" reads exactly like a known one; else nothing."""
    odd = sorted({c for c in rid if ord(c) > 127})
    named = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '')}".rstrip() for c in odd)
    return f" (it holds {named})" if odd else ""
