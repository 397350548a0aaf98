# Two commands do all set-up on a fresh machine (see README):
#   make build   builds the warehouse (warehouse/c360.duckdb) from the committed sample
#   make test    lints everything and runs every test (dbt build + pytest)
# Both create or reuse the virtual environment in .venv.

VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

.PHONY: build test lint venv clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $@

build: $(STAMP)
	mkdir -p warehouse
	$(BIN)/dbt build

lint: $(STAMP)
	mkdir -p warehouse
	$(BIN)/ruff check python
	$(BIN)/ruff format --check python
	$(BIN)/mypy
	$(BIN)/sqlfluff lint models --processes 2

test: lint
	$(BIN)/pytest

clean:
	rm -rf target logs warehouse
