"""MkDocs hook: the theme's Jinja templates compiled once, not on every build.

MkDocs makes a new Jinja environment for each build, and Jinja compiles every template it loads
(Material's main.html, base.html and some thirty partials) to Python again: a quarter of a
rebuild here. Jinja's own bytecode cache keeps the compiled code under .cache/jinja/, keyed by
the template's name and checked against a hash of its source, so an edited template or
override is compiled afresh; the entries also carry the Python version that made them.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache


def on_env(env, config, files, **kwargs):
    cache = Path(config.config_file_path).resolve().parent / ".cache" / "jinja"
    cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    return env
