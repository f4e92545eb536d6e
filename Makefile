# Kinship: `make run` serves the demo directory; `make test` is the full check.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Links in email (clinic invitations, notifications) start with this address: it
# follows PORT unless set, and reaches the server and the task worker alike.
export KINSHIP_SITE_URL ?= http://127.0.0.1:$(PORT)
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/postgres
INSTALLED := $(VENV)/.installed
# Parallel test workers (pytest-xdist), each with its own test database; `auto` is
# one a core. PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(PYTEST_WORKERS)
# Each stage of `make test` prints its time; `make test` ends with all of them.
STAGE := scripts/stage.sh
# `make test-shuffled`: this many full SQLite runs, each in a new random order.
RUNS ?= 5

.PHONY: run dev install check lint types migrations-check test test-start test-sqlite \
        test-postgres test-shuffled e2e e2e-deps bench vendor clean gettext messages \
        messages-check compile-messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): requirements/dev.txt pyproject.toml | $(BIN)/python
	$(STAGE) install bash -c '$(BIN)/python -m pip install --quiet --upgrade pip && \
		$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt'
	touch $@

install: $(INSTALLED)

## Translations: gettext from Debian; catalogs in locale/<lang>/LC_MESSAGES/*.po.
gettext:
	@bash scripts/debian-packages.sh gettext:msgfmt

# Compiled catalogs are built, never committed: each .mo follows its .po.
CATALOGS := $(wildcard locale/*/LC_MESSAGES/*.po)
locale/%.mo: locale/%.po | gettext
	msgfmt --check -o $@ $<

compile-messages: $(CATALOGS:.po=.mo)

# Hidden directories (.venv) are skipped by makemessages itself; tests and
# benchmarks speak to developers, not to members.
MESSAGES_IGNORE := --ignore node_modules --ignore staticfiles --ignore test-artifacts \
	--ignore bench --ignore tests

## Update the catalogs from the marked strings (then translate what is new).
messages: install gettext
	$(BIN)/python manage.py makemessages --locale es --no-obsolete $(MESSAGES_IGNORE)

## Fails when a marked string has no translation, a translation is fuzzy, or a
## catalog is out of date with the code.
messages-check: install gettext
	$(STAGE) messages $(BIN)/python manage.py messages_check $(MESSAGES_IGNORE)

# The access log names the path only: query strings (ZIP codes, search words,
# match answers sent to the API) and referrers never reach it.
ACCESS_LOG_FORMAT := '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'

## Serve the demo directory at http://127.0.0.1:$(PORT) with gunicorn + whitenoise,
## and the task worker (sends email) beside it; stopping the server stops both.
run: install compile-messages
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo --if-empty
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/python manage.py db_worker --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn kinship.wsgi:application --bind 127.0.0.1:$(PORT) \
		--workers 2 --threads 4 --access-logfile - \
		--access-logformat $(ACCESS_LOG_FORMAT)

## Development server and task worker, both reloading on code changes (DEBUG on).
dev: install compile-messages
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo --if-empty
	DEBUG=1 $(BIN)/python manage.py db_worker --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(STAGE) lint $(BIN)/ruff check .
	$(STAGE) format $(BIN)/ruff format --check .

types: install
	$(STAGE) types $(BIN)/mypy .

migrations-check: install
	$(STAGE) migrations $(BIN)/python manage.py makemigrations --check --dry-run

check: lint types migrations-check messages-check

test-sqlite: install compile-messages
	DATABASE_URL= $(STAGE) sqlite $(PYTEST)

## The same suite on PostgreSQL when one answers at 127.0.0.1:5432 (a test
## database a worker: test_postgres_gw0, test_postgres_gw1, ...).
test-postgres: install compile-messages
	@if $(BIN)/python -c "import socket; socket.create_connection(('127.0.0.1', 5432), 2)" 2>/dev/null; then \
		echo "PostgreSQL answers: running the suite on it"; \
		DATABASE_URL=$(PG_TEST_URL) $(STAGE) postgresql $(PYTEST); \
	else \
		echo "PostgreSQL not reachable at 127.0.0.1:5432: suite not run on it"; \
	fi

## $(RUNS) SQLite runs in a row, each in a new random order (pytest-randomly prints
## each run's seed; `pytest -p randomly --randomly-seed=N` replays that order).
test-shuffled: install compile-messages
	@for run in $$(seq 1 $(RUNS)); do \
		echo "== shuffled run $$run of $(RUNS)"; \
		DATABASE_URL= $(PYTEST) -p randomly || exit 1; \
	done

e2e-deps: install compile-messages
	$(STAGE) e2e-deps bash scripts/ensure-e2e-deps.sh

## Browser journeys: Playwright drives Debian's Chromium, with axe-core.
e2e: e2e-deps
	$(STAGE) e2e $(PYTEST) tests/e2e

test-start:
	@$(STAGE) --reset

test: test-start check test-sqlite test-postgres e2e
	@$(STAGE) --summary

## Benchmarks (not tests): figures go to docs/performance.md.
bench: install
	$(BIN)/python bench/finder.py
	$(BIN)/python bench/feed_import.py
	$(BIN)/python bench/checkins.py
	$(BIN)/python bench/match.py
	$(BIN)/python bench/clinic.py

## Refresh vendored front-end files from the npm registry (versions in package.json).
vendor:
	npm install --no-audit --no-fund
	cp node_modules/htmx.org/dist/htmx.min.js node_modules/htmx.org/LICENSE static/vendor/htmx/
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/dist/chart.umd.min.js.map node_modules/chart.js/LICENSE.md static/vendor/chartjs/

clean:
	rm -rf $(VENV) staticfiles node_modules .mypy_cache .ruff_cache .pytest_cache
	rm -f locale/*/LC_MESSAGES/*.mo
