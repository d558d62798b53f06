# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run test test-postgres check-standards install install-dev migrate demo bench side-by-side clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	DJANGO_DEBUG=1 $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=1 $(PY) manage.py load_demo
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST)

test: install-dev
	$(PY) -m pytest

# The same suite against PostgreSQL (DATABASE_URL must point at a server the tests may create databases on).
test-postgres: install-dev
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/statements} $(PY) -m pytest

# Outside checkers (schemathesis, Nu HTML checker, axe, feeds and Akoma Ntoso) against a served fixture
# database; CHECKS="api html" runs some of them. See .ci/check-standards.
check-standards: install-dev
	.ci/check-standards $(CHECKS)

bench: install-dev
	$(PY) manage.py bench

# The archive against Datasette 0.65 on one SQLite file (tools/side_by_side.py), e.g. a file made by
# `DATABASE_URL=sqlite:////tmp/50k.sqlite3 manage.py generate_corpus --statements 50000 --seed 1`.
side-by-side: install-dev
	$(PY) tools/side_by_side.py $(or $(DB),var/bench.sqlite3)

clean:
	rm -rf $(VENV) var/staticfiles .pytest_cache
