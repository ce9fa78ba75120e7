# Attune: `make run` serves the site, `make test` checks everything. Each sets itself up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-requirements
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup prepare var run demo test lint bench clean

setup: $(STAMP)

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

var:
	mkdir -p var/mail

prepare: setup var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py import_content

run: prepare
ifdef DEMO
	$(BIN)/python manage.py create_demo
endif
	@echo "Attune is running at http://$(HOST):$(PORT)/ (e-mails land in var/mail/). Ctrl+C stops it."
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

demo:
	$(MAKE) run DEMO=1

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint var
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check_content
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
		echo "NOTE: no Chromium found: the browser tests will be SKIPPED (install Debian's 'chromium' to run them)."
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/load.py

clean:
	rm -rf $(VENV) var staticfiles
