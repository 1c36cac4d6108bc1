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
