"""Paths and the strict-build helper shared by the tests (a plain module, not a conftest, so
that tests/browser/conftest.py does not shadow it)."""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # bench/ sits beside tests/ (imported as bench.run)
    sys.path.insert(0, str(ROOT))
from bench.run import REPO_URL  # noqa: E402  the repository link the site is published with
DATA = ROOT / "data"
DOCS = ROOT / "docs"
MKDOCS = [sys.executable, "-m", "mkdocs"]
# The second engine (tests/test_second_engine.py): ProperDocs, the maintained fork of MkDocs 1.6,
# pinned in requirements.txt. Its command line makes every `mkdocs.*` import load `properdocs.*`,
# so the same mkdocs.yml, plugins and macros/hooks.py run on it unchanged.
PROPERDOCS = [sys.executable, "-m", "properdocs"]
# Every build of one test run carries the same build date (the "site built" line and the BibTeX
# urldate of "Cite this page"; MkDocs reads SOURCE_DATE_EPOCH): two builds compared byte for byte
# must not differ because midnight fell between them.
# The published site links to its repository (REPO_URL, as make bench builds it); test builds do
# too, so that markup is validated, checked by axe and watched for requests like every other.
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1",
             "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", str(int(time.time()))),
             "REPO_URL": REPO_URL}


def mkdocs_build(config: Path, site_dir: Path, env: dict | None = None, engine: list[str] = MKDOCS,
                 strict: bool = True, quiet: bool = False) -> subprocess.CompletedProcess:
    """`build --strict` (or `--no-strict`, `-q`) of `config` into `site_dir` by `engine` (MKDOCS or PROPERDOCS)."""
    return subprocess.run(
        engine + ["build", "--strict" if strict else "--no-strict", "-f", str(config), "-d", str(site_dir)]
        + (["-q"] if quiet else []),
        cwd=config.parent, capture_output=True, text=True, timeout=300,
        env={**os.environ, **BUILD_ENV, **(env or {})},
    )


def free_port() -> int:
    import socket
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve_directory(site_dir: Path, port: int | None = None):
    """`python -m http.server` on 127.0.0.1 (no compression, like a plain static host), started
    as a child process and stopped on exit; yields the base URL once it answers."""
    port = port or free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site_dir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(base, timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"http.server on port {port} did not come up")
                time.sleep(0.2)
        yield base
    finally:
        stop(server)


def stop(process: subprocess.Popen) -> None:
    """End a child process: asked to stop, then killed if it has not within 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """A test's one change to a copied file: `old` replaced by `new` (the first `count` times)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
