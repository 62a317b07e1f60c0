# The README's two commands: `make demo` (set up, then run the main job on the demo corpus) and
# `make test` (set up, then run every check). `.ci/run` calls `make test`.
VENV := .venv
PY := $(VENV)/bin/python
DEMO_DB := demo/demo.db

.PHONY: setup demo test lint

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3.11 -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip==25.1.1
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

demo: setup
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(VENV)/bin/accord --db $(DEMO_DB) ingest demo/corpus
	$(VENV)/bin/accord --db $(DEMO_DB) stories
	$(VENV)/bin/accord --db $(DEMO_DB) report --format html -o demo/report.html

lint: setup
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy

test: lint
	$(VENV)/bin/pytest
