"""MkDocs hook: the site's own scripts and stylesheet served without comments and indentation.

Every page loads docs/assets' search-fuzzy.js and site.css (and a page with a sortable table
tablesort.js): 20 KiB as written, about 8 of it comments and indentation for the maintainer.
rjsmin and rcssmin (pinned) remove comments and whitespace only, nothing is renamed, so what
runs is what docs/assets holds. Material's files are minified already; a vendored file (named
after a `.LICENSE` file beside it: iframe-worker.LICENSE, iframe-worker-shim.js) ships as its
authors wrote it. The files in site/ are rewritten from docs/ on every build, so `mkdocs serve`
never minifies a file twice.
"""
from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

MINIFY = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def own_assets(docs_dir: Path) -> list[Path]:
    """The scripts and stylesheets under docs/assets that this site wrote itself."""
    assets = sorted((docs_dir / "assets").rglob("*"))
    vendored = [(p.parent, p.stem) for p in assets if p.suffix == ".LICENSE"]
    return [p for p in assets if p.suffix in MINIFY
            and not any(p.parent == where and p.stem.startswith(name) for where, name in vendored)]


def on_post_build(config, **kwargs):
    docs_dir, site_dir = Path(config.docs_dir), Path(config.site_dir)
    for source in own_assets(docs_dir):
        built = site_dir / source.relative_to(docs_dir)
        if built.is_file():   # an offline-only polyfill is not in the online site
            built.write_text(MINIFY[source.suffix](source.read_text(encoding="utf-8")), encoding="utf-8")
