# make demo / make test / make lint: each creates .venv and installs the project when needed.
# The stamp files depend on pyproject.toml, so a repeated run skips pip entirely.

VENV   := .venv
BIN    := $(VENV)/bin
PYTHON := $(BIN)/python

.PHONY: demo test lint readme system browser node bench

demo: $(VENV)/.installed
	$(BIN)/govgraph stats --format table
	$(BIN)/govgraph validate
	@echo; echo "Who sits on the Consejo Interinstitucional de Atención a los Zacatecanos Migrantes:"
	$(BIN)/govgraph members "Consejo Interinstitucional" --format table
	@echo; echo "Bodies that sit on several councils:"
	$(BIN)/govgraph interlocks --format table
	@echo; echo "The councils and their members as a network (open it in a browser, works offline):"
	$(BIN)/govgraph viz councils -o councils.html
	@echo "$(CURDIR)/councils.html"

# The README's command examples come from real runs (scripts/cogs.py): `make readme` rewrites
# them, and `make test` fails when they no longer match what the commands print.
COG := $(BIN)/cog -p "import cogs" -I scripts README.md

test: lint system node
	$(BIN)/pytest -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(COG) --check

readme: $(VENV)/.installed-test
	$(COG) -r

# What the tests drive besides Python, all real: Debian's Chromium through Playwright (its own
# browser download cannot work here), nginx and Apache serving a published site, Virtuoso as a
# second SPARQL engine, Java for the Nu HTML checker, Node for axe-core (pinned in
# tests/package-lock.json). Installed as root (CI runs as root) with services kept from starting
# (policy-rc.d): the tests start each server themselves, on 127.0.0.1 only. A no-op when present.
DEBIAN_PACKAGES := chromium nginx-light apache2 virtuoso-opensource default-jre-headless npm
# One command per package, that shows it is installed.
DEBIAN_COMMANDS := /usr/bin/chromium /usr/sbin/nginx /usr/sbin/apache2 /usr/bin/virtuoso-t /usr/bin/java /usr/bin/npm
CHROMIUM := /usr/bin/chromium

system:
	@missing=""; set -- $(DEBIAN_COMMANDS); \
	for package in $(DEBIAN_PACKAGES); do [ -x "$$1" ] || missing="$$missing $$package"; shift; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then \
	    echo "The tests need Debian packages:$$missing (run 'make system' as root)." >&2; exit 1; \
	  fi; \
	  hold=""; [ -e /usr/sbin/policy-rc.d ] || { printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; hold=1; }; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  status=$$?; [ -z "$$hold" ] || rm -f /usr/sbin/policy-rc.d; exit $$status; \
	fi

browser: system

node: tests/node_modules/.installed

tests/node_modules/.installed: tests/package.json tests/package-lock.json | system
	npm ci --prefix tests --no-audit --no-fund --silent
	touch $@

# Not part of `make test`: about an hour on 2 cores (10k to 10M triples, then the browser).
# Writes bench/RESULTS.md and bench/RENDER.md; GOVGRAPH_BENCH_DIR keeps the generated files.
bench: $(VENV)/.installed-test browser
	status=0; \
	$(PYTHON) bench/scale_bench.py --work "$${GOVGRAPH_BENCH_DIR:-$${TMPDIR:-/tmp}/govgraph-bench}" \
	  || status=$$?; \
	$(PYTHON) bench/render_bench.py && exit $$status

$(PYTHON):
	python3 -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(PYTHON)
	$(PYTHON) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PYTHON)
	$(PYTHON) -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed
