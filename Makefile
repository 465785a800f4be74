# make demo / make test / make lint: each creates .venv and installs the project when needed.
# The stamp files depend on pyproject.toml, so a repeated run skips pip entirely.

VENV   := .venv
BIN    := $(VENV)/bin
PYTHON := $(BIN)/python

.PHONY: demo test lint readme browser bench

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

test: lint browser
	$(BIN)/pytest -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(COG) --check

readme: $(VENV)/.installed-test
	$(COG) -r

# The browser tests drive Debian's Chromium through Playwright (its own browser download
# cannot work here). Installed once as root (CI runs as root); a no-op when present.
CHROMIUM := /usr/bin/chromium

browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; \
	  else \
	    echo "The browser tests need Debian's Chromium: run 'sudo apt-get install chromium' (or 'make browser' as root)." >&2; \
	    exit 1; \
	  fi; \
	fi

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
