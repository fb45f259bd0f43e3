# collective.thdtre: the two commands are `make start` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
INSTANCE := instance
UV_VERSION := 0.13.9

help: ## Show the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q uv==$(UV_VERSION)

.make-install: $(BIN)/python setup.py constraints.txt
	$(UV) pip install -q -p $(BIN)/python -c constraints.txt -e ".[test]"
	touch $@

install: .make-install ## Install the add-on and its pinned dependencies in .venv

instance: .make-install ## Create the Zope instance in instance/ (once)
	INSTANCE=$(INSTANCE) scripts/make_instance.sh

site: instance ## Create the demo site Plone (only once)
	$(BIN)/zconsole run $(INSTANCE)/etc/zope.conf scripts/create_site.py

start: site ## Serve the demo site on http://localhost:8080/Plone (admin/admin)
	scripts/ensure_ocr.sh || echo "No OCR: scanned PDFs will be refused with a message."
	scripts/ensure_pango.sh || echo "No pango: plans cannot be downloaded as PDF."
	@echo "Serving http://localhost:8080/Plone (admin/admin); stop with Ctrl-C"
	$(BIN)/runwsgi $(INSTANCE)/etc/zope.ini

cluster: .make-install ## Serve the demo site from 2 Zope instances on RelStorage/PostgreSQL behind nginx
	scripts/cluster.sh start

cluster-stop: ## Stop what make cluster started (nginx, both instances, PostgreSQL), by PID
	scripts/cluster.sh stop

cluster-status: ## Show what of the cluster runs
	scripts/cluster.sh status

backup: .make-install ## Back up instance/ (CLUSTER=1: make cluster's databases) to backups/<UTC time>; FULL=1, KEEP=N, BACKUP_DIR=
	INSTANCE=$(INSTANCE) $(BIN)/python scripts/backup.py backup

restore: .make-install ## Restore the latest backup (or BACKUP=<name>) into the stopped instance/ (CLUSTER=1: the cluster's databases)
	INSTANCE=$(INSTANCE) $(BIN)/python scripts/backup.py restore

test: .make-install ## Run the whole test suite
	scripts/ensure_chromium.sh || echo "No chromium: the browser tests will be skipped."
	scripts/ensure_ocr.sh || echo "No OCR: the scanned-PDF tests will be skipped."
	scripts/ensure_pango.sh || echo "No pango: the PDF tests will fail."
	scripts/ensure_servers.sh || echo "No PostgreSQL or nginx: the tests that need them will say so."
	$(BIN)/python scripts/run_tests.py

test-browser: .make-install ## Run the browser tests (Playwright + Debian's chromium)
	scripts/ensure_chromium.sh
	$(BIN)/pytest tests/browser -q -rs

test-buildout: .make-install ## README's buildout commands for real, offline from this venv's distributions (several minutes)
	THDTRE_BUILDOUT_TEST=1 $(BIN)/pytest tests/packaging/test_buildout.py -v

bench: .make-install ## Time pages against plain Plone (ratios), imports, text/HTML parse and OCR
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_import.py
	$(BIN)/python scripts/bench_readers.py

bench-scale: .make-install ## Time the archive, filters, slogans, front page and report summary at national size (20,000 plans, 50,000 news; SIZE=medium for a smaller site)
	$(BIN)/python scripts/bench_scale.py --size $(or $(SIZE),full)

fidelity: .make-install ## Facts right per field on the pattern fixtures and the corpus (THDTRE_CORPUS=DIR)
	$(BIN)/python scripts/fidelity.py

loadtest: .make-install ## Load and fault test with wrk: one instance vs the cluster (about 5 minutes)
	$(BIN)/python scripts/loadtest.py

lint: .make-install ## Check the code with ruff
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

format: .make-install ## Format the code with ruff
	$(BIN)/ruff check --fix src tests scripts
	$(BIN)/ruff format src tests scripts

clean: ## Remove the virtualenv and the instance (the demo database too)
	rm -rf $(VENV) $(INSTANCE) .make-install

i18n: .make-install ## Rebuild and compile the translation catalogues
	scripts/i18n.sh

.PHONY: help install instance site start cluster cluster-stop cluster-status backup restore test test-browser test-buildout bench bench-scale fidelity loadtest lint format clean i18n
