"""MkDocs hook: add the downloads (macros/downloads.py) to the build as generated files.

Generated in `on_files`, not copied after the build, so that MkDocs checks Markdown links to them
like links to pages and rewrites them for either URL style (online, and offline from file://)."""
from pathlib import Path

from mkdocs.structure.files import File


def on_files(files, config, **kwargs):
    from macros.downloads import download_files
    from macros.site import Site

    site = getattr(config.plugins.get("macros"), "site", None)
    if site is None:
        site = Site.load(Path(config.config_file_path).parent / "data")
    for path, text in download_files(site).items():
        if files.get_file_from_path(path) is not None:
            files.remove(files.get_file_from_path(path))
        files.append(File.generated(config, path, content=text.encode("utf-8")))
    return files
