# Two commands for a fresh machine (see README "Quick start"):
#   make run    set up .venv and check sample_reports/
#   make test   set up what the tests need and run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test lint setup browser bench

$(BIN)/rapportkoll: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

setup: $(BIN)/rapportkoll

# Exit code 1 is expected here: seeds/ and defects/ hold real and planted defects.
run: setup
	@$(BIN)/rapportkoll check sample_reports/; rc=$$?; \
	  if [ $$rc = 1 ]; then echo "(slutkod 1: anmärkningar hittades, som väntat i seeds/ och defects/)"; \
	  else exit $$rc; fi

# The browser test drives Debian's chromium through Playwright (no `playwright install`).
browser:
	command -v chromium >/dev/null || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update && $$SUDO apt-get install -y --no-install-recommends chromium; }

test: setup browser
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check checker rules tests bench
	$(BIN)/mypy

# Benchmarks (not part of the test suite): figures and ratios, see README "Performance".
bench: setup
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	$(BIN)/python bench/run.py
