# Literasi: `make run` serves the app, `make test` runs every test. Both set up what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000
WORKERS ?= 2
CONTENT ?= content
OB_VENV := .venv-openbadges

.PHONY: run test install system-packages translations clean mutation

## run: install, migrate, import the bundled course, serve on http://$(HOST):$(PORT)
run: install
	$(FLASK) db upgrade
	$(FLASK) content import $(CONTENT)
	$(BIN)/gunicorn --workers $(WORKERS) --threads 4 --worker-class gthread \
		--bind $(HOST):$(PORT) --access-logfile - wsgi:app

## test: install (with Chromium), run the suite on SQLite, then on PostgreSQL if configured
test: install system-packages $(OB_VENV)/.installed
	env -u LITERACY_TEST_DATABASE_URL LITERACY_REQUIRE_OB_VALIDATOR=1 $(BIN)/pytest $(PYTEST_ARGS)
	@if [ -n "$${LITERACY_TEST_DATABASE_URL:-}" ]; then \
		echo "== the same suite on PostgreSQL ($${LITERACY_TEST_DATABASE_URL%%\?*})"; \
		LITERACY_REQUIRE_OB_VALIDATOR=1 $(BIN)/pytest $(PYTEST_ARGS); \
	else \
		echo "== LITERACY_TEST_DATABASE_URL is not set: PostgreSQL run skipped"; \
	fi

## mutation: single-point mutations of the core rules, each run against the tests that cover its file
## (bench/mutation.py; not part of `make test`: hours for all nine files on two busy cores; see bench/README.md).
## MUTATION_ARGS="literacy/permissions.py --jobs 4" narrows or widens it.
mutation: install
	$(BIN)/python bench/mutation.py $(MUTATION_ARGS)

install: $(VENV)/.installed
	$(FLASK) translate compile >/dev/null
	$(FLASK) assets build

$(VENV)/.installed: setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## system-packages: Debian's Chromium for the browser tests (Playwright never downloads one), Java
## for the Nu HTML Checker, redis-server for the shared rate-limit tests, and poppler-utils and
## zbar-tools to render a certificate PDF and read its QR code back
system-packages:
	@command -v chromium >/dev/null || { \
		echo "== installing Debian's chromium"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@command -v java >/dev/null || { \
		echo "== installing Debian's Java runtime"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }
	@command -v redis-server >/dev/null || { \
		echo "== installing Debian's redis-server"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }
	@command -v pdftoppm >/dev/null && command -v zbarimg >/dev/null || { \
		echo "== installing Debian's poppler-utils and zbar-tools"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils zbar-tools >/dev/null; }

## .venv-openbadges: 1EdTech's Open Badges 2.0 validator in a venv of its own (its old pins clash
## with the app's); the tests run it against the live server
$(OB_VENV)/.installed:
	test -x $(OB_VENV)/bin/python || $(PYTHON) -m venv $(OB_VENV)
	$(OB_VENV)/bin/pip install --quiet openbadges==1.1.2
	$(OB_VENV)/bin/pip install --quiet -U pycryptodome python-jose pytz 'jsonschema<4'
	touch $@

translations:
	$(FLASK) translate update
	$(FLASK) translate compile

clean:
	rm -rf $(VENV) $(OB_VENV) *.egg-info .pytest_cache
