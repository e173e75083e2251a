# The two commands of the README: `make lab` (start the course) and `make test`.
# Everything else they need is installed here, into .venv.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
PYTEST_WORKERS ?= 2

.PHONY: lab mentor test check demo browser sandbox fonts pdftools postgres hub hubproxy clean help

help:
	@echo "make lab     start the course: JupyterLab on START_HERE.ipynb (in Arabic: make lab LANGUAGE=ar)"
	@echo "make test    run the whole test suite (installs Chromium for the browser tests)"
	@echo "make check   the maintainer's check: every notebook runs and grades right"
	@echo "make mentor  JupyterLab for mentors, with the formgrader"
	@echo "sudo make hub  the cohort's JupyterHub on this machine (ROOT=DIR, LEARNERS=CSV, MENTORS=CSV)"

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(INSTALLED)

lab: $(INSTALLED) sandbox fonts
	$(PY) -m course lab $(if $(LANGUAGE),--language $(LANGUAGE))

mentor: $(INSTALLED)
	$(PY) -m course lab --mentor

check: $(INSTALLED)
	$(PY) -m course check

demo: $(INSTALLED)
	$(PY) -m course --root /tmp/course-demo demo --learners 8

browser:
	bash scripts/install-browser.sh

sandbox:
	bash scripts/install-sandbox.sh

# A font with Arabic letters for the capstone's one-page PDF.
fonts:
	bash scripts/install-fonts.sh

# pdftoppm and pdftotext, for the tests that render the course's PDFs.
pdftools:
	bash scripts/install-pdf-tools.sh

# PostgreSQL's initdb and pg_ctl, for the hub-mode tests (each starts a server of its own).
postgres:
	bash scripts/install-postgres.sh

# JupyterHub's proxy (configurable-http-proxy, from npm, into .hub-node/) for `make hub` and the hub tests.
hubproxy: $(INSTALLED)
	bash scripts/install-hub.sh

# The cohort's JupyterHub on this machine, as root (sudo make hub): the course in ROOT (default
# hub-course/), learners and mentors from LEARNERS and MENTORS (CSV files, as `course roster`).
hub: $(INSTALLED) hubproxy postgres
	$(PY) -m course hub --root $(or $(ROOT),hub-course) $(if $(LEARNERS),--learners $(LEARNERS)) \
	  $(if $(MENTORS),--mentors $(MENTORS))

# Lesson notebooks (both languages) are executed by nbval in the same run, one file per worker.
LESSON_NOTEBOOKS := $(wildcard week*_*/[0-9][0-9]_*.ipynb)

test: $(INSTALLED) browser sandbox fonts pdftools postgres hubproxy
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile -q -ra --nbval-lax --nbval-current-env tests $(LESSON_NOTEBOOKS)

clean:
	rm -rf $(VENV) workspace grading/release grading/submitted grading/autograded \
	  grading/feedback grading/exchange grading/gradebook.db grading/source grading/logs \
	  grading/learner_config grading/mentor_config grading/learner_cache
