"""The offline build carries no link cards: their `og:image` names the online address, which no
browser fetches, so in the zip they would be weight and nothing else. (A build of its own, left
out of `make test-fast` by tests/conftest.py's _BUILDS.)"""
from __future__ import annotations

import pytest

from macros.cards import CARDS_DIR
from sitebuild import ROOT, mkdocs_build


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("offline") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", out, env={"OFFLINE": "true"})
    assert result.returncode == 0, f"offline build failed:\n{result.stderr[-4000:]}"
    return out


def test_the_offline_build_has_no_cards(offline_site):
    # (tests/test_cards.py requires them, in the same place, in the online build)
    assert (offline_site / "index.html").is_file() and (offline_site / "results.html").is_file()
    assert not (offline_site / CARDS_DIR).exists()
    assert not [p for p in offline_site.rglob("*.png") if "cards" in p.parts]
