"""Shared fixtures: a real in-memory store, a fresh store on each backend (SQLite, and the PostgreSQL
server that ACCORD_TEST_PG_URL names), and the shared corpora and scorer beside the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.exc import SQLAlchemyError

from accord.cli import main
from accord.store import Store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PG_ENV = "ACCORD_TEST_PG_URL"  # e.g. postgresql+psycopg://role:password@127.0.0.1:5432/database
BACKENDS = ("sqlite", "postgresql")


def absent(reason: str) -> None:
    """Skip the test for want of something CI provides, or fail it under CI (CI=true): a CI run
    without it would pass with its checks unrun."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}, and CI=true needs it", pytrace=False)
    pytest.skip(reason)


def shared_path(*parts: str) -> Path:
    """A path under ../shared; when it is absent the test skips, or fails under CI (CI=true).

    CI lays the shared folder beside its clone: a CI run without it would pass with no quality gate
    run, so there its absence is a failure.
    """
    path = SHARED.joinpath(*parts)
    if not path.exists():
        absent(f"{path} is absent: the shared corpora are not beside this checkout")
    return path


def score(folder: Path, *args: str) -> dict[str, float]:
    """The figures of ../shared/eval/score.py ARGS (its last output line is a JSON object).

    The scorer runs in `folder`, away from any ./accord.toml, and without the ACCORD_* environment
    variables, so that a gate's figures do not depend on where and by whom it is run.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
    command = [sys.executable, str(shared_path("eval", "score.py")), *args]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=folder, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[Engine]:
    """The PostgreSQL server of ACCORD_TEST_PG_URL, as an engine outside transactions (for
    CREATE/DROP SCHEMA). Its role needs to create schemas in the URL's database."""
    url = os.environ.get(PG_ENV)
    if not url:
        absent(f"{PG_ENV} is not set: no PostgreSQL server to run the PostgreSQL tests against")
    engine = create_engine(str(url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except SQLAlchemyError as exc:
        engine.dispose()
        absent(f"{PG_ENV}: cannot connect ({exc.__class__.__name__}: {exc})")
    yield engine
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where to make a fresh, empty store, once per backend: an SQLite file in tmp_path, or a
    schema of its own on the PostgreSQL server (the URL sets it as the search path), dropped
    after the test."""
    if request.param == "sqlite":
        yield str(tmp_path / "accord.db")
        return
    with postgresql_schema(request.getfixturevalue("postgresql_server")) as url:
        yield url


@contextmanager
def postgresql_schema(server: Engine) -> Iterator[str]:
    """The URL of a new, empty schema on `server` (set as the search path), dropped after use."""
    name = f"accord_test_{uuid.uuid4().hex[:16]}"
    with server.connect() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {name}")
    try:
        url = server.url.update_query_dict({"options": f"-csearch_path={name}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with server.connect() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {name} CASCADE")


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.memory() as s:
        yield s


def run_accord(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Exit code and everything `accord ARGS` printed, run in this process as the console script."""
    argv = sys.argv
    sys.argv = ["accord", *args]
    try:
        with pytest.raises(SystemExit) as exited:
            main()
    finally:
        sys.argv = argv
    captured = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 1), captured.out + captured.err
