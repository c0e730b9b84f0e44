# The two commands of the README: `make run` (set up, build the graph from corpus/, answer from it)
# and `make test` (set up, then lint, type-check and run the whole test suite).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TYPECHECK := .typecheck

.PHONY: setup build run test lint typecheck pytest bench clean

NODE_STAMP := node_modules/.installed

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Browser libraries the service serves (YASGUI), from the npm registry.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# Debian's Chromium for the browser tests (a test tool's own browser download cannot be used).
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	DEBIAN_FRONTEND=noninteractive apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

setup: $(STAMP) $(NODE_STAMP) $(CHROMIUM)

build: $(STAMP)
	$(BIN)/bundlekg build

run: build $(NODE_STAMP)
	$(BIN)/bundlekg ask 62323 77003
	$(BIN)/bundlekg serve

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy sees the package under its import name through a tree of links, because setuptools
# maps graph/ and service/ to bundlekg and bundlekg.service.
typecheck: $(STAMP)
	rm -rf $(TYPECHECK) && mkdir -p $(TYPECHECK)/bundlekg/service/routes
	ln -s $(CURDIR)/graph/*.py $(CURDIR)/graph/py.typed $(TYPECHECK)/bundlekg/
	ln -s $(CURDIR)/graph/cms $(TYPECHECK)/bundlekg/cms
	ln -s $(CURDIR)/graph/extract $(TYPECHECK)/bundlekg/extract
	ln -s $(CURDIR)/service/*.py $(TYPECHECK)/bundlekg/service/
	ln -s $(CURDIR)/service/routes/*.py $(TYPECHECK)/bundlekg/service/routes/
	MYPYPATH=$(TYPECHECK) $(BIN)/mypy $(TYPECHECK)/bundlekg tests bench

pytest: $(STAMP) $(NODE_STAMP) $(CHROMIUM)
	$(BIN)/pytest

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python bench/ask_latency.py
	$(BIN)/python bench/service_throughput.py

clean:
	rm -rf $(VENV) $(TYPECHECK) node_modules .bundlekg .mypy_cache .ruff_cache .pytest_cache
