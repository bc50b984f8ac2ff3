# Helhet: `make run` starts the demo, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP_PY := $(VENV)/.installed
STAMP_NPM := node_modules/.installed
CHROMIUM ?= /usr/bin/chromium
# The whole suite must cover at least this share of the code (it only goes up).
COVERAGE_FLOOR ?= 92
# Test processes (pytest-xdist): one per core. Each has its own test database and Chromium.
TEST_WORKERS ?= auto
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/helhet_ci

.PHONY: run test test-postgres catalogues lint bench install system-deps browser clean-db messages demo-env

$(STAMP_PY): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[dev]"
	touch $@

$(STAMP_NPM): package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $@

install: $(STAMP_PY) $(STAMP_NPM) system-deps

# WeasyPrint needs Pango, and the portal needs fonts for every script. Debian packages,
# installed only when missing (needs root, as on the project's machines).
system-deps:
	@scripts/system-deps.sh pdf

browser:
	@scripts/system-deps.sh browser

# A local .env with generated secrets for the demo (never committed).
.env:
	@$(PYTHON) scripts/make_dev_env.py > .env
	@echo "Wrote .env with development secrets."

run: install .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0
	$(PY) manage.py seed_demo
	@echo ""
	@echo "Helhet runs at http://127.0.0.1:8000/ (staff pages: http://127.0.0.1:8000/ansatt/)"
	$(PY) manage.py runserver 127.0.0.1:8000

# The catalogues, compiled with the test settings (no .env needed).
catalogues: install
	DJANGO_SETTINGS_MODULE=config.settings_test $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

# Every test, with the coverage floor (on SQLite, or on the database in DATABASE_URL).
test: install browser catalogues
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist worksteal \
	  --cov --cov-report=term:skip-covered --cov-fail-under=$(COVERAGE_FLOOR) $(PYTEST_ARGS)

# CI's pass on PostgreSQL: every test that reaches the database, without coverage (which
# `make test` measures). README, "Tests", says why.
test-postgres: install browser catalogues
	DATABASE_URL=$(POSTGRES_URL) $(VENV)/bin/pytest -n $(TEST_WORKERS) --dist worksteal \
	  -m database $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	SECRET_KEY=lint HELHET_MASTER_KEYS=k:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY= HELHET_BLIND_INDEX_KEY=lint \
	  $(PY) manage.py check
	SECRET_KEY=lint HELHET_MASTER_KEYS=k:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY= HELHET_BLIND_INDEX_KEY=lint \
	  $(PY) manage.py makemigrations --check --dry-run

bench: install
	$(PY) bench/run.py

messages:
	cd helhet && ../$(PY) ../manage.py makemessages -l en -l nn -l pl -l uk -l lt -l ar -l so -l ti --ignore=static

clean-db:
	rm -f db.sqlite3
