"""tools/template_cache_hook.py: the theme's compiled templates kept between builds, never stale."""
from types import SimpleNamespace

from jinja2 import Environment, FileSystemLoader

from sitebuild import load_tool_hook


def test_compiled_templates_are_kept_under_cache_and_an_edited_template_is_compiled_again(tmp_path):
    hook = load_tool_hook("template_cache_hook")
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "page.html").write_text("<p>{{ title }}</p>", encoding="utf-8")
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))

    def fresh_env():  # MkDocs makes a new environment for every build
        return hook.on_env(Environment(loader=FileSystemLoader(str(theme))), config, files=None)

    assert fresh_env().get_template("page.html").render(title="one") == "<p>one</p>"
    entries = list((tmp_path / ".cache" / "jinja").glob("__jinja2_*.cache"))
    assert len(entries) == 1
    before = entries[0].read_bytes()

    # The next build reads the compiled code instead of compiling: a template compiled from the
    # cache renders even when the compiler is broken.
    env = fresh_env()
    env.compile = lambda *a, **k: (_ for _ in ()).throw(AssertionError("compiled again"))
    assert env.get_template("page.html").render(title="two") == "<p>two</p>"

    (theme / "page.html").write_text("<div>{{ title }}</div>", encoding="utf-8")
    assert fresh_env().get_template("page.html").render(title="three") == "<div>three</div>"
    assert entries[0].read_bytes() != before  # the entry was replaced with the new code


# --- macros/page_templates.py: each page's Markdown, compiled by mkdocs-macros, kept too ------

import pytest  # noqa: E402

from macros import page_templates  # noqa: E402


def _never_compile(*args, **kwargs):
    raise AssertionError("compiled again")


def _page_env(cache, page="results.md", compiler=None, **settings):
    """A fresh environment (mkdocs-macros makes one per build) that keeps compiled pages;
    `compiler` stands in for Jinja's, to see whether a page is compiled or read back."""
    env = Environment(**settings)
    if compiler:
        env.compile = compiler
    page_templates.keep_compiled_pages(env, cache, lambda: page)
    return env


def test_a_pages_compiled_template_is_reused_by_the_next_build_until_the_page_changes(tmp_path):
    cache = tmp_path / "jinja-pages"
    assert _page_env(cache).from_string("Turnout {{ x }}").render(x="39.9") == "Turnout 39.9"
    entries = list(cache.glob("__jinja2_*.cache"))
    assert len(entries) == 1
    before = entries[0].read_bytes()

    # The next build reads the page's code back: the compiler is never reached.
    again = _page_env(cache, compiler=_never_compile)
    assert again.from_string("Turnout {{ x }}").render(x="49.8") == "Turnout 49.8"
    # The page edited, or the same text on another page: compiled afresh.
    with pytest.raises(AssertionError, match="compiled again"):
        again.from_string("Turnout: {{ x }}")
    with pytest.raises(AssertionError, match="compiled again"):
        _page_env(cache, page="election.md", compiler=_never_compile).from_string("Turnout {{ x }}")
    # The edited page's code replaces the old entry (one per page, so the cache does not grow).
    assert _page_env(cache).from_string("Turnout: {{ x }}").render(x="1") == "Turnout: 1"
    assert list(cache.glob("__jinja2_*.cache")) == entries and entries[0].read_bytes() != before


def test_a_page_is_compiled_afresh_when_the_environment_would_compile_it_differently(tmp_path):
    cache = tmp_path / "jinja-pages"
    assert _page_env(cache).from_string("[[ x ]] {{ x }}").render(x="a") == "[[ x ]] a"
    # Other delimiters (mkdocs-macros' j2_* settings): the old code would be wrong.
    other = _page_env(cache, variable_start_string="[[", variable_end_string="]]")
    assert other.from_string("[[ x ]] {{ x }}").render(x="a") == "a {{ x }}"
    # A filter that now takes the context is called differently by the compiled code.
    from jinja2 import pass_context
    plain = _page_env(cache)
    plain.filters["loud"] = str.upper
    assert plain.from_string("{{ 'x' | loud }}").render() == "X"
    passed = _page_env(cache, compiler=_never_compile)
    passed.filters["loud"] = pass_context(lambda ctx, v: v.upper() + "!")
    with pytest.raises(AssertionError, match="compiled again"):
        passed.from_string("{{ 'x' | loud }}")


def test_only_a_pages_markdown_is_cached(tmp_path):
    cache = tmp_path / "jinja-pages"
    outside = Environment()
    page_templates.keep_compiled_pages(outside, cache, lambda: None)   # no page being rendered
    assert outside.from_string("{{ 1 + 1 }}").render() == "2"
    named = _page_env(cache)
    named.compile("{{ 2 }}", name="partial.html")                       # a named template
    assert not list(cache.glob("__jinja2_*.cache"))
    # Installing twice (once per page in a build) wraps the compiler once.
    env = _page_env(cache)
    wrapper = env.compile
    page_templates.keep_compiled_pages(env, cache, lambda: "results.md")
    assert env.compile is wrapper
