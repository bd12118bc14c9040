# Two commands for a fresh machine (see README "Quick start"):
#   make run    set up .venv and check sample_reports/
#   make test   set up what the tests need and run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test lint setup system bench lock

# Debian packages: chromium for the browser tests; Pango and the DejaVu fonts for PDF rendering.
SYSTEM_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core

# Installs exactly what requirements/lock.txt pins, hashes checked; pyproject.toml keeps ranges
# for users who install the package. `make lock` refreshes the lock.
LOCK := requirements/lock.txt
PIP  := $(BIN)/pip --quiet --disable-pip-version-check

$(BIN)/rapportkoll: pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes --no-deps -r $(LOCK)
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $@

setup: system $(BIN)/rapportkoll

# Installs only what is missing; needs root or sudo the first time.
system:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	  if [ -n "$$missing" ]; then \
	    SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	    echo "installerar systempaket: $$missing"; \
	    $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	  fi

# Exit code 1 is expected here: seeds/ and defects/ hold real and planted defects.
run: setup
	@$(BIN)/rapportkoll check sample_reports/; rc=$$?; \
	  if [ $$rc = 1 ]; then echo "(slutkod 1: anmärkningar hittades, som väntat i seeds/ och defects/)"; \
	  else exit $$rc; fi

# The browser tests drive Debian's chromium through Playwright (no `playwright install`).
test: setup
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check checker rules tests bench
	$(BIN)/mypy

# Benchmarks (not part of the test suite): figures and ratios, see README "Performance".
bench: setup
	$(BIN)/python bench/run.py

# Resolve the newest releases within pyproject.toml's ranges into the lock, with hashes.
lock:
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check pip-tools
	.lock-venv/bin/pip-compile --quiet --upgrade --generate-hashes --allow-unsafe \
	  --no-emit-find-links --no-emit-index-url --strip-extras --build-deps-for editable \
	  --extra test,import,render,serve,server,bench -o $(LOCK) pyproject.toml
