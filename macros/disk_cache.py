"""Build results kept on disk under .cache/, for work that is slow and changes rarely (charts
drawn by matplotlib, references formatted by citeproc-py, Material's stylesheets parsed by
tinycss2).

An entry's file name carries a hash of everything its content depends on, so a changed input
is a new file and an old one is never read by mistake; nothing is ever invalidated by hand.
"""
from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

# Looked up once a process: each lookup scans the installed distributions (about 2 ms; a build
# makes two dozen entries). A library upgraded under a running `mkdocs serve` needs a restart,
# as any change to an imported module does.
_version = functools.lru_cache(maxsize=None)(metadata.version)


def entry(cache_dir: Path, name: str, suffix: str, *, parts: list[bytes | str], code: str,
          library: str) -> Path:
    """The path of the entry for `name` made from `parts`, by the module at `code` with the
    installed `library`."""
    key = hashlib.sha256()
    for part in [*parts, Path(code).read_bytes(), _version(library)]:
        key.update(part.encode() if isinstance(part, str) else part)
    return cache_dir / f"{name}-{key.hexdigest()[:16]}{suffix}"


def read_or_make(path: Path, make: Callable[[], str]) -> str:
    """The entry's text, made and written first if it is not there yet."""
    if path.exists():
        return path.read_text(encoding="utf-8")
    text = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)  # atomic: a parallel build never reads half a file
    return text
