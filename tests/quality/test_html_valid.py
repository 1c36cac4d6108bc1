"""Nu HTML Checker (vnu-jar, pinned in package.json) on every built page: zero errors."""
from __future__ import annotations

import json
import subprocess

from quality_kit import VNU_JAR, require

# Messages from the theme's own markup that no template override can fix may be listed here,
# each with the reason in README.md ("Quality"). None is needed: the one error plain Material
# has (autocomplete on the #__drawer / #__search checkboxes) is fixed in overrides/base.html.
FILTERED_MESSAGES: tuple[str, ...] = ()


def test_every_page_is_valid_html(pages, java):
    jar = require(VNU_JAR, "vnu.jar (npm vnu-jar)")
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *(str(p.path) for p in pages)],
        capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [m for m in messages if m.get("type") == "error" and m.get("message") not in FILTERED_MESSAGES]
    by_path = {str(p.path): str(p) for p in pages}
    where = lambda url: by_path.get("/" + (url or "").removeprefix("file:").lstrip("/"), url)  # noqa: E731
    report = [f"{where(m.get('url'))}:{m.get('lastLine', '?')}: {m['message']}" for m in errors]
    assert not report, f"{len(report)} Nu HTML Checker error(s):\n" + "\n".join(report[:60])
