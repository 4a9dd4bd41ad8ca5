# Two commands on a fresh machine: `make chat` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: chat test test-slow lint format bench eval clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e '.[test,lint,plot]'
	@touch $(STAMP)

chat: $(STAMP)
	@$(BIN)/tanyabot chat

test: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

# ruff and mypy as CI runs them; `make format` rewrites what `ruff format --check` complains about.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -m slow

eval: $(STAMP)
	$(BIN)/tanyabot eval ../shared/eval/dev.yaml

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/bot_capacity.py

clean:
	rm -rf $(VENV) build *.egg-info
