"""A second engine: ProperDocs, the maintained fork of MkDocs 1.6 (pinned in requirements.txt),
builds the real site strictly, and what it builds is what MkDocs builds: the same files, byte for
byte, but for one tag. So every build test that reads `built_site` holds for the ProperDocs build
too, without running them all twice.

How ProperDocs runs this site: `properdocs build --strict -f mkdocs.yml` (`make build-properdocs`).
Its command line installs an import hook that makes every `mkdocs.*` import (Material's, the
plugins', macros/hooks.py's) load `properdocs.*`, and it finds plugins and themes under the
`mkdocs.plugins` and `mkdocs.themes` entry points: mkdocs.yml runs unchanged and no properdocs.yml
is needed (without -f it looks for properdocs.yml first, then mkdocs.yml with a note to rename it).

The one legitimate difference: `<meta name="generator">` names the engine and its version
("mkdocs-1.6.1" against "mkdocs-ProperDocs 1.6.7"). It is the only thing taken out before the
pages are compared. A missing ProperDocs fails these tests; nothing here skips."""
from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from sitebuild import MKDOCS, PROPERDOCS, ROOT, mkdocs_build

GENERATOR = re.compile(rb'^[ \t]*<meta name="generator" content="([^"]*)">\r?\n', re.M)
PIN = re.search(r"^properdocs==(\S+)$", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.M)


def build(engine: list[str], out: Path, **env) -> Path:
    result = mkdocs_build(ROOT / "mkdocs.yml", out, env=env, engine=engine)
    assert result.returncode == 0, f"strict build by {engine[-1]} failed:\n{result.stderr[-4000:]}"
    return out


@pytest.fixture(scope="module", params=["online", "offline"])
def both(request, tmp_path_factory) -> dict[str, Path]:
    """The real site built by each engine: as published (MkDocs's is the session's `built_site`),
    and as the offline zip holds it (OFFLINE=true, Material's offline plugin)."""
    tmp = tmp_path_factory.mktemp(f"engines-{request.param}")
    env = {"OFFLINE": "true"} if request.param == "offline" else {}
    mkdocs = request.getfixturevalue("built_site") if not env else build(MKDOCS, tmp / "mkdocs", **env)
    return {"mkdocs": mkdocs, "properdocs": build(PROPERDOCS, tmp / "properdocs", **env)}


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def differing(both: dict[str, Path], names) -> list[str]:
    return [name for name in sorted(names)
            if (both["mkdocs"] / name).read_bytes() != (both["properdocs"] / name).read_bytes()]


def test_properdocs_is_the_pinned_version_and_each_build_names_its_engine(both):
    import properdocs  # not installed: an ImportError, a failure
    assert PIN, "requirements.txt pins no properdocs==VERSION"
    assert properdocs.__version__ == PIN[1], f"installed ProperDocs {properdocs.__version__}, pinned {PIN[1]}"
    # Each page's generator tag shows which engine wrote it: the comparison below is between two
    # engines, not one build and itself.
    for engine, expected in (("mkdocs", b"mkdocs-1."), ("properdocs", f"mkdocs-ProperDocs {PIN[1]},".encode())):
        for name in sorted(n for n in files(both[engine]) if n.endswith(".html")):
            tags = GENERATOR.findall((both[engine] / name).read_bytes())
            assert len(tags) == 1 and tags[0].startswith(expected), f"{engine} {name}: generator {tags}"


def test_both_engines_write_the_same_files(both):
    only = files(both["mkdocs"]) ^ files(both["properdocs"])
    assert not only, f"written by one engine only: {sorted(only)}"


def test_every_page_is_the_same_but_for_the_generator_tag(both):
    names = sorted(n for n in files(both["mkdocs"]) if n.endswith(".html"))
    assert len(names) > 20
    for name in names:
        a, b = (GENERATOR.sub(b"", (both[e] / name).read_bytes()) for e in ("mkdocs", "properdocs"))
        if a != b:
            diff = difflib.unified_diff(a.decode().splitlines(), b.decode().splitlines(), "mkdocs", "properdocs",
                                        lineterm="", n=1)
            pytest.fail(f"{name} differs between the engines:\n" + "\n".join(list(diff)[:40]))


def test_the_search_index_is_the_same(both):
    assert not differing(both, ["search/search_index.json"])


def test_the_downloads_are_the_same(both):
    names = [n for n in files(both["mkdocs"]) if n.startswith("downloads/")]
    assert len(names) > 10
    assert not differing(both, names)


def test_every_other_file_is_the_same_byte_for_byte(both):
    """Material's and our assets, the print page's CSS and JS, the sitemap (dated by
    SOURCE_DATE_EPOCH, so both builds carry one date)."""
    names = [n for n in files(both["mkdocs"]) if not n.endswith(".html")]
    assert "sitemap.xml" in names and "assets/stylesheets/site.min.css" in names
    assert not differing(both, names)


def test_a_warning_stops_the_strict_properdocs_build(fixture_site):
    """A broken link is a warning: --strict stops the build on it, --no-strict builds the same
    pages, so it is the strict mode that stops it."""
    page = fixture_site / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [a page](no-such-page.md).\n", encoding="utf-8")
    config, out = fixture_site / "mkdocs.yml", fixture_site / "out"
    strict = mkdocs_build(config, out, engine=PROPERDOCS)
    assert strict.returncode != 0, "a warning should stop the strict build"
    said = strict.stdout + strict.stderr
    assert "no-such-page.md" in said and "strict mode" in said, said[-2000:]
    lax = mkdocs_build(config, out, engine=PROPERDOCS, strict=False)
    assert lax.returncode == 0, lax.stderr[-2000:]
    assert "WARNING -  Doc file 'index.md' contains a link 'no-such-page.md'" in lax.stderr


def test_a_bad_input_stops_the_properdocs_build_naming_the_culprit(fixture_site):
    """The macros' errors (mkdocs.exceptions.PluginError, loaded as properdocs's) stop it as they
    stop MkDocs, with the same message."""
    page = fixture_site / "docs" / "index.md"
    text = page.read_text(encoding="utf-8")
    assert 'cite("saraswat2024")' in text, "test setup: the fixture page cites the brief"
    page.write_text(text.replace('cite("saraswat2024")', 'cite("no-such-source")', 1), encoding="utf-8")
    result = mkdocs_build(fixture_site / "mkdocs.yml", fixture_site / "out", engine=PROPERDOCS)
    out = result.stdout + result.stderr
    assert result.returncode != 0, "the build should have failed"
    for words in ("no-such-source", "docs/index.md", "unknown citation id"):
        assert words in out, f"message should name {words!r}:\n{out[-2000:]}"
