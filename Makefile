# The README's two commands: `make demo` (set up, then run the main job on the demo corpus) and
# `make test` (set up, then run every check). `.ci/run` calls `make test`.
VENV := .venv
PY := $(VENV)/bin/python
DEMO_DB := demo/demo.db
# Every package, direct and transitive, at an exact version with its hashes: runtime + dev + spark
# (PySpark for `accord batch`, whose test runs in local mode; it needs Java 17, which .ci/run
# installs), and runtime + dev + spark + bench. `make lock` writes both from pyproject.toml.
LOCK := requirements.lock
# The Spanish model, pinned with its hash outside the locks (it declares spaCy < 3.2): --no-deps.
SPANISH := requirements-spanish.txt
BENCH_LOCK := requirements-bench.lock
PIP := $(PY) -m pip --quiet --disable-pip-version-check
UV_COMPILE := $(VENV)/bin/uv pip compile pyproject.toml --quiet --generate-hashes \
	--python-version 3.11 --python-platform x86_64-manylinux_2_28 --extra dev --extra spark

.PHONY: setup setup-bench lock demo test lint

setup: $(VENV)/.installed

# accord's own bytecode, as pip writes it for the packages it installs: the editable install leaves
# src uncompiled, and where PYTHONDONTWRITEBYTECODE is set every process compiled it again (some
# 0.2 s of each command's start). A module edited since is compiled again in memory, as before.
COMPILE := $(PY) -m compileall -q src

# A new lock makes a new venv (--clear), so that a package the lock dropped does not linger.
# accord itself goes in last, editable, with the locked setuptools and no dependency of its own.
$(VENV)/.installed: $(LOCK) $(SPANISH) pyproject.toml
	python3.11 -m venv --clear $(VENV) || python3 -m venv --clear $(VENV)
	$(PIP) install --upgrade pip==25.1.1
	$(PIP) install --require-hashes -r $(LOCK)
	$(PIP) install --require-hashes --no-deps -r $(SPANISH)
	$(PIP) install --no-deps --no-build-isolation -e .
	$(COMPILE)
	touch $@

# The benchmarks' extra packages (quantulum3, schemathesis), at the versions of the bench lock.
setup-bench: setup
	$(PIP) install --require-hashes -r $(BENCH_LOCK)

# After a change to pyproject.toml's pins: the versions already locked are kept where they still
# fit (uv prefers the output file's pins), and the bench lock is held to the main lock's versions.
lock: setup
	$(UV_COMPILE) -o $(LOCK)
	$(UV_COMPILE) --extra bench -c $(LOCK) -o $(BENCH_LOCK)

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
