"""The brief's prose as a fingerprint: a hash of every run of RUN consecutive words of its body
(summary and sections; not its title block, footnotes or author note). The site may quote what
people said, never the brief's own sentences; tests/test_content.py checks every page's text
against the hashes, so the repository holds no copy of the brief.

Regenerate after a change to the rule here (the brief itself does not change):
    python tests/brief_fingerprint.py ../shared/source/000_74ac89703c09b373.txt
"""
from __future__ import annotations

import functools
import hashlib
import re
import sys
from pathlib import Path

RUN = 8
FINGERPRINT = Path(__file__).with_name("fixtures") / "brief_runs.txt"
FOOTNOTE = re.compile(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s")
# A quotation of what someone said, which the site may repeat: double quotation marks only, as
# the site writes 'balanced' and apostrophes with single ones
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", ""))


def _hashes(w: list[str]) -> set[str]:
    return {hashlib.sha1(" ".join(w[n:n + RUN]).encode()).hexdigest()[:12] for n in range(len(w) - RUN + 1)}


def runs(text: str, quotations: bool = False) -> set[str]:
    """The hash of each run of RUN consecutive words; a run inside a quotation only if asked."""
    if quotations:
        return _hashes(words(text))
    return set().union(*(_hashes(words(part)) for part in QUOTED.split(text)))


def brief_body(text: str) -> str:
    """From the summary to the author's note, without the footnotes."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line.strip().lower().replace("*", "") == "summary")
    end = next(n for n, line in enumerate(lines) if line.strip() == "About the Author")
    return "\n".join(line for line in lines[start + 1:end] if not FOOTNOTE.match(line))


@functools.cache
def brief_runs() -> frozenset[str]:
    return frozenset(FINGERPRINT.read_text(encoding="utf-8").split())


if __name__ == "__main__":
    body = brief_body(Path(sys.argv[1]).read_text(encoding="utf-8"))
    # every run of the brief, its quotations too: the page side leaves out what it quotes
    hashes = runs(body, quotations=True)
    FINGERPRINT.write_text("\n".join(sorted(hashes)) + "\n", encoding="utf-8")
    print(f"{len(words(body))} words, {len(hashes)} runs of {RUN} -> {FINGERPRINT}")
