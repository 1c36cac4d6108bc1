"""MkDocs hook: the iframe-worker shim (extra.polyfills in mkdocs.yml) only in the offline build.

The shim lets Material's search worker run from file://; served over http a browser runs the
worker itself. Left in, it is a render-blocking <script> in the <head> of every online page.
It stays in the config so that Material's offline plugin finds a local "iframe-worker" there
and does not add its unpkg copy.
"""
from __future__ import annotations


def on_config(config, **kwargs):
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    if offline is None or not offline.config.get("enabled"):
        config.extra["polyfills"] = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in p]
    return config
