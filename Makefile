# Two commands on a fresh machine: `make chat` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: chat test test-slow lint format bench eval ranker-prior clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e '.[test,lint,plot]'
	@touch $(STAMP)

chat: $(STAMP)
	@$(BIN)/tanyabot chat

# One worker per core (pytest-xdist; one on a one-core machine): the end-to-end tests mostly wait on their bots.
test: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow" -n auto

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

# The prior every pack's ranker is drawn towards (faq/prior.py) and the students' check (faq/student_check.py):
# refit them when the evidence or the decision changes.
ranker-prior: $(STAMP)
	$(BIN)/python -m faq.prior_fit

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/bot_capacity.py

clean:
	rm -rf $(VENV) build *.egg-info
