# make demo / make test / make lint: each creates .venv and installs the project when needed.
# The stamp files depend on pyproject.toml, so a repeated run skips pip entirely.

VENV   := .venv
BIN    := $(VENV)/bin
PYTHON := $(BIN)/python

.PHONY: demo test lint

demo: $(VENV)/.installed
	$(BIN)/govgraph stats --format table
	$(BIN)/govgraph validate
	@echo; echo "Who sits on the Consejo Interinstitucional de Atención a los Zacatecanos Migrantes:"
	$(BIN)/govgraph members "Consejo Interinstitucional" --format table
	@echo; echo "Bodies that sit on several councils:"
	$(BIN)/govgraph interlocks --format table

test: $(VENV)/.installed-test
	$(BIN)/ruff check src tests
	$(BIN)/pytest -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

$(PYTHON):
	python3 -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(PYTHON)
	$(PYTHON) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PYTHON)
	$(PYTHON) -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed
