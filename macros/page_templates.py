"""Each page's Markdown compiled by Jinja once, not on every build.

mkdocs-macros renders a page by turning its Markdown into a Jinja template
(`Environment.from_string`), and Jinja compiles that template to Python every time: 11 % of a
profiled rebuild at 100x content, 6 % here. The compiled code is kept with Jinja's own bytecode
cache (atomic writes, entries marked with the Python version), one entry per page, checked
against a hash of the page's Markdown, so an edited page is compiled afresh. The entry's name also
carries the Jinja version and every environment setting the generated code depends on (syntax,
whitespace, autoescape, finalize, the filters and tests and what they are passed), so a change
to any of them compiles afresh too.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache


def keep_compiled_pages(jinja_env: Environment, cache_dir: Path, current_page: Callable[[], str | None]) -> None:
    """Make `jinja_env.from_string` reuse the code compiled for the same page and source.
    `current_page()` names the page being rendered (None outside a page: compiled as usual).
    Called again on the same environment, it does nothing."""
    if getattr(jinja_env.compile, "keeps_compiled_pages", False):
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    cache = FileSystemBytecodeCache(str(cache_dir))
    compile_afresh = jinja_env.compile
    settings: list[str] = []  # read at the first page: plugins may add filters until then

    def compile(source, name=None, filename=None, raw=False, defer_init=False):
        page = current_page()
        # from_string passes the source alone; anything else is not a page's Markdown.
        if page is None or name is not None or filename is not None or raw or defer_init:
            return compile_afresh(source, name, filename, raw, defer_init)
        if not settings:
            settings.append(_settings_key(jinja_env))
        bucket = cache.get_bucket(jinja_env, f"page:{settings[0]}:{page}", None, source)
        if bucket.code is None:
            bucket.code = compile_afresh(source)
            cache.set_bucket(bucket)
        return bucket.code

    compile.keeps_compiled_pages = True
    jinja_env.compile = compile


def _settings_key(env: Environment) -> str:
    def passed(func) -> str:  # pass_context / pass_environment / ...: decided at compile time
        return repr(getattr(func, "jinja_pass_arg", None))

    autoescape = env.autoescape(None) if callable(env.autoescape) else env.autoescape
    settings = [
        jinja2.__version__, env.block_start_string, env.block_end_string,
        env.variable_start_string, env.variable_end_string, env.comment_start_string,
        env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
        sorted(env.extensions), env.optimized, env.is_async, autoescape,
        env.finalize is not None and passed(env.finalize),
        sorted((name, passed(f)) for name, f in env.filters.items()),
        sorted((name, passed(f)) for name, f in env.tests.items()),
    ]
    return hashlib.sha256(repr(settings).encode()).hexdigest()[:16]
