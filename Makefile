# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: demo test lint ui clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(INSTALLED)

demo: $(INSTALLED)
	$(BIN)/crmwh demo

test: $(INSTALLED) lint
	$(BIN)/pytest -q --durations=10

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	cd dbt_project && CRMWH_BUILD_DB=:memory: DBT_TARGET_PATH=$(CURDIR)/.crmwh/dbt/lint-target ../$(BIN)/sqlfluff lint models

ui: $(INSTALLED)
	$(BIN)/crmwh ui

clean:
	rm -rf .crmwh
