"""Navigation rendered once a section (tools/nav_cache_hook.py): the same pages as without it.

The cache is only worth having if it is invisible, so these tests build sites with and without
it and compare every file byte for byte: a small site with deep folders, index pages, pages
inside and outside each section and an external link (in the layouts that change how links are
written and which classes a section gets), and the real site. The site without the cache renders
the same templates with each nav_cache call replaced by the render it wraps. (That the two
templates are Material's own plus the nav_cache call and the section label fix is checked with
the other overrides, in tests/quality/test_overrides.py.)
"""
from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

import jinja2
import pytest
import yaml

from sitebuild import ROOT, load_tool_hook, mkdocs_build

OVERRIDES = ROOT / "overrides" / "partials"
HOOK = ROOT / "tools" / "nav_cache_hook.py"


# --- a small site with the shapes the cache must get right -----------------------------------

PAGES = ["index.md", "d.md", "a/index.md", "a/one.md", "a/b/two.md", "a/b/three.md",
         "a/b/c/four.md", "c/x.md", "c/y.md", "e/only.md", "a/b/two/side.md", "a/b/zzz/side.md"]
NAV = [
    {"Home": "index.md"},
    {"A": ["a/index.md", {"One": "a/one.md"},
           {"B": [{"Two": "a/b/two.md"}, {"Three": "a/b/three.md"}, {"C": [{"Four": "a/b/c/four.md"}]}]}]},
    {"C": [{"X": "c/x.md"}, {"Y": "c/y.md"}]},
    {"Mixed": [{"D": "d.md"}, {"Y again": "c/y.md"}, {"Only": "e/only.md"}]},   # URLs share no folder
    # Pages in B's folder but not in B, at one depth: B seen from them is "../../" for both, yet
    # its link to a/b/two/ is "../" from the first and "../../two/" from the second.
    {"Beside B": [{"Side": "a/b/two/side.md"}, {"Other side": "a/b/zzz/side.md"}]},
    {"Out": [{"Example": "https://example.org/"}]},                               # external only
]


CACHE_CALL = re.compile(r"\{% call nav_cache\([^%]*\) %\}(.*?)\{% endcall %\}")


def _write_nav_templates(dest: Path, cached: bool) -> None:
    """Our nav templates into dest/partials/: as they are, or with each nav_cache call replaced
    by the render it wraps (our other fixes kept), so that a comparison isolates the cache."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("nav.html", "nav-item.html"):
        text = (OVERRIDES / name).read_text(encoding="utf-8")
        if not cached:
            text, calls = CACHE_CALL.subn(r"\1", text)
            assert calls == 1, f"{name}: expected one nav_cache call, found {calls}"
        (dest / name).write_text(text, encoding="utf-8")


def _small_site(root: Path, cached: bool, layout: dict) -> Path:
    docs = root / "docs"
    for page in PAGES:
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / page).write_text(f"# {page}\n\n## Part one\n\nText.\n\n## Part two\n\nMore.\n", encoding="utf-8")
    theme = {"name": "material", "features": layout.get("features", ["navigation.indexes"])}
    config = {"site_name": "Nav cache", "nav": NAV, "plugins": [], "theme": theme,
              **{k: v for k, v in layout.items() if k != "features"}}
    _write_nav_templates(root / "overrides" / "partials", cached)
    theme["custom_dir"] = "overrides"
    if cached:
        config["hooks"] = [str(HOOK)]
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.suffix in (".html", ".xml", ".json") and p.name != "sitemap.xml.gz"}


def _assert_same_sites(a: Path, b: Path):
    fa, fb = _files(a), _files(b)
    assert fa.keys() == fb.keys()
    assert len([k for k in fa if k.endswith(".html")]) >= 10
    for name in fa:
        assert fa[name] == fb[name], name + "\n" + "\n".join(list(difflib.unified_diff(
            fb[name].decode().splitlines(), fa[name].decode().splitlines(), "uncached", "cached", lineterm=""))[:40])


LAYOUTS = {
    "folder URLs": {},
    "file URLs": {"use_directory_urls": False},
    "tabs and sections": {"features": ["navigation.indexes", "navigation.tabs", "navigation.sections"]},
    "sections, pruned": {"features": ["navigation.indexes", "navigation.sections", "navigation.prune"]},
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_small_site_is_byte_for_byte_materials(tmp_path, layout):
    built = {}
    for cached in (True, False):
        root = tmp_path / ("cached" if cached else "plain")
        result = mkdocs_build(_small_site(root, cached, LAYOUTS[layout]), root / "site")
        assert result.returncode == 0, result.stderr[-3000:]
        built[cached] = root / "site"
    _assert_same_sites(built[True], built[False])


def test_real_site_is_byte_for_byte_materials(built_site, tmp_path):
    # The same mkdocs.yml, less the hook, with the nav templates rendering without the cache.
    overrides = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    _write_nav_templates(overrides / "partials", cached=False)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "tools/nav_cache_hook.py" in text and "custom_dir: overrides\n" in text
    text = "\n".join(l for l in text.splitlines() if "tools/nav_cache_hook.py" not in l) + "\n"
    text = text.replace("custom_dir: overrides\n", f"custom_dir: {overrides}\n")
    config = ROOT / f".test-nav-plain-{tmp_path.name}.yml"   # beside mkdocs.yml: same relative paths
    config.write_text(text, encoding="utf-8")
    try:
        result = mkdocs_build(config, tmp_path / "site")
    finally:
        config.unlink()
    assert result.returncode == 0, result.stderr[-3000:]
    _assert_same_sites(built_site, tmp_path / "site")


# --- the cache itself -------------------------------------------------------------------------

class Item:
    def __init__(self, url=None, children=None):
        self.url, self.children, self.active = url, children, False


class Page:
    def __init__(self, url):
        self.url = url


def _renderer(section, calls):
    """Render `section` through nav_cache for a given page; `calls` counts real renders."""
    module = load_tool_hook("nav_cache_hook")
    env = jinja2.Environment()
    env.globals["nav_cache"] = module.make_nav_cache()
    template = env.from_string('{% call nav_cache(section, "__nav_2", 1, none) %}{{ body() }}{% endcall %}')

    def body():
        calls.append(1)
        return "html"
    return lambda page: template.render(section=section, page=page, body=body)


def test_a_section_is_rendered_once_for_pages_that_see_it_the_same_way():
    section = Item(children=[Item("copy3/a/"), Item("copy3/b/")])
    calls: list[str] = []
    render = _renderer(section, calls)
    for url in ("copy5/a/", "copy7/b/", "copy9/c/"):     # each sees copy3/ as ../../copy3/
        assert render(Page(url)) == "html"
    assert len(calls) == 1
    render(Page("x/"))                                  # sees it as ../copy3/: rendered again
    assert len(calls) == 2


def test_a_section_is_rendered_afresh_where_its_links_differ_or_when_active():
    section = Item(children=[Item("copy3/a/"), Item("copy3/b/")])
    calls: list[str] = []
    render = _renderer(section, calls)
    render(Page("copy3/c/"))       # beside a/ and b/: ../a/ and ../b/, as from copy3/d/
    render(Page("copy3/d/"))
    assert len(calls) == 1
    render(Page("copy3/a/x/"))     # inside a/: ../ to a/ but ../../b/ to b/, as from no other page
    render(Page("copy3/a/x/"))
    assert len(calls) == 3
    section.active = True          # the page is in it: open path, active link, its contents
    render(Page("copy5/a/"))
    render(Page("copy5/a/"))
    assert len(calls) == 5


def test_a_section_of_external_links_is_rendered_once():
    section = Item(children=[Item("https://example.org/"), Item("https://example.com/x")])
    calls: list[str] = []
    render = _renderer(section, calls)
    for url in ("", "a/", "a/b/c.html"):
        render(Page(url))
    assert len(calls) == 1
