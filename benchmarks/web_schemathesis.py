"""Schemathesis against accord's HTTP API: generated requests for every operation of
/api/openapi.json, checking that none gets a server error (and the other schema checks).

    python benchmarks/web_schemathesis.py --max-examples 50
    python benchmarks/web_schemathesis.py --db accord.db --checks not_a_server_error

The API is served by uvicorn in a background thread on a free local port, over the given store or,
by default, a fresh store built by ingesting the seeds. The server has a token, and schemathesis is
not given it: POST /api/ingest must refuse every generated request (401), so fuzzing never fetches
URLs or stores uploads. Prints schemathesis' own report, then one JSON line with the figures.
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn

from accord import workflow
from accord.settings import load_settings
from accord.store import Store
from accord.web import create_app

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "seeds"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="an existing store (default: a fresh one built from --seeds)")
    parser.add_argument("--seeds", default=str(SEEDS), help="inputs ingested into a fresh store")
    parser.add_argument("--max-examples", type=int, default=50, help="test cases per operation")
    parser.add_argument("--checks", default="all", help="schemathesis checks (comma-separated)")
    parser.add_argument(
        "--workers", default="1", help="schemathesis workers (the machine is small)"
    )
    parser.add_argument("--seed", type=int, default=1, help="schemathesis random seed")
    return parser.parse_args(argv)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(store: Store) -> tuple[uvicorn.Server, threading.Thread, str]:
    port = free_port()
    app = create_app(store, "benchmark-token-not-given-to-schemathesis")
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", ws="none")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


def run_schemathesis(base: str, args: argparse.Namespace) -> tuple[int, str]:
    command = [
        str(Path(sys.executable).with_name("schemathesis")), "run", f"{base}/api/openapi.json",
        "--checks", args.checks, "--max-examples", str(args.max_examples),
        "--workers", args.workers, "--seed", str(args.seed), "--request-timeout", "30",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return done.returncode, done.stdout + done.stderr


def figures(output: str) -> dict[str, int]:
    """The counts of schemathesis' summary: cases generated, unique failures, server errors."""
    cases = re.search(r"(\d+) generated", output)
    failures = re.search(r"found (\d+) unique failures", output)
    return {
        "cases": int(cases.group(1)) if cases else 0,
        "unique_failures": int(failures.group(1)) if failures else 0,
        "server_errors": len(re.findall(r"Server error", output)),
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(args.db or Path(folder) / "accord.db")
        if not args.db:
            workflow.ingest(store, [args.seeds], load_settings())
        server, thread, base = start(store)
        began = time.monotonic()
        try:
            code, output = run_schemathesis(base, args)
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            store.close()
    print(output)
    summary = {"exit": code, "seconds": round(time.monotonic() - began, 1), **figures(output)}
    print(json.dumps(summary))
    return code


if __name__ == "__main__":
    sys.exit(main())
