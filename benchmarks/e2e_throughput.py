"""End-to-end throughput of `accord ingest` (store, analyse, stories, ledger) on real text, against
plain en_core_web_sm `nlp.pipe` over the same texts in the same run.

    .venv/bin/python benchmarks/e2e_throughput.py                 # ECB+ and PolNeAR dev
    .venv/bin/python benchmarks/e2e_throughput.py --repeat 3 --processes 1 2

    .venv/bin/python benchmarks/e2e_throughput.py --pairs 3     # ratio, A B A B

`--pairs N` runs plain spaCy on ECB+ (a process of its own, model load excluded) and `accord
ingest` of ECB+ into a new store (the whole process), alternately N times, and prints each pair's
seconds, CPU seconds, ratio and load average: on a shared machine only such ratios are
comparable. `ACCORD_SRC=path/to/src` runs the ingest of another tree (main's, say).

Each run ingests the corpora into a new store through `accord.workflow.ingest`, the code behind
`accord ingest`, with 1 and with 2 analysis processes; `--repeat N` adds N-1 copies of each report
under other keys with shifted numbers (new reports to every stage, not stored ones). The CLI run
(`accord ingest` of ECB+ into a new store, the whole process: start-up and model loading
included) is timed as a subprocess. Prints one line per measurement and a final JSON line.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from accord.analyze.nlp import load_nlp

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ECB = SHARED / "corpora/ecbplus/articles.jsonl"
CORPORA = (ECB, SHARED / "corpora/polnear-dev/articles.jsonl")
ACCORD = Path(sys.executable).with_name("accord")
_PR_SET_CHILD_SUBREAPER = 36
_NUMBER = re.compile(r"\b\d+\b")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="copies of each report (default 1)")
    parser.add_argument(
        "--processes", type=int, nargs="+", default=[1, 2], help="analysis processes"
    )
    parser.add_argument("--limit", type=int, help="only the first N reports of each corpus")
    parser.add_argument("--no-cli", action="store_true", help="skip the timed `accord ingest` run")
    parser.add_argument("--no-baseline", action="store_true", help="skip the spaCy baseline")
    parser.add_argument(
        "--pairs", type=int, help="only N alternating pairs: plain spaCy, then accord ingest"
    )
    parser.add_argument("--baseline-only", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def load_rows(repeat: int, limit: int | None = None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in CORPORA:
        if path.exists():
            found = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
            rows += found[:limit]
    if not rows:
        sys.exit(f"no corpora under {SHARED / 'corpora'}")
    copies = [
        {**row, "id": f"{row['id']}~{n}", "text": _shifted(row["text"], n)}
        for n in range(1, repeat)
        for row in rows
    ]
    return rows + copies


def _shifted(text: str, shift: int) -> str:
    # Shifted numbers make a copy a new text (not a stored duplicate) with the same language.
    return _NUMBER.sub(lambda m: str(int(m.group()) + shift), text)


def run_workflow(rows: list[dict[str, Any]], processes: int, folder: Path) -> dict[str, Any]:
    """Ingest `rows` into a new store in this process; articles/s and seconds per stage."""
    from accord.settings import load_settings
    from accord.store import Store
    from accord.workflow import ingest

    source = folder / f"input-{processes}.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    settings = load_settings({"processes": processes})
    began = time.perf_counter()
    with Store(folder / f"store-{processes}.db") as store:
        result = ingest(store, [str(source)], settings)
    took = time.perf_counter() - began
    return {
        "processes": processes,
        "articles": len(rows),
        "seconds": round(took, 1),
        "articles_per_s": round(len(rows) / took, 1),
        "stages_s": {k: round(v, 1) for k, v in result.seconds.items()},
    }


def run_baseline(texts: list[str], processes: int) -> dict[str, Any]:
    """Plain en_core_web_sm over the texts: `nlp.pipe(n_process=...)`, model load excluded."""
    import spacy

    from accord.analyze.nlp import MODEL_NAMES

    nlp = _load_plain(spacy, MODEL_NAMES)
    began = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=processes, batch_size=32):
        pass
    took = time.perf_counter() - began
    return {
        "processes": processes,
        "seconds": round(took, 1),
        "articles_per_s": round(len(texts) / took, 1),
    }


def _load_plain(spacy: Any, names: tuple[str, ...]) -> Any:
    for name in names:
        try:
            return spacy.load(name)
        except OSError:
            continue
    sys.exit("no en_core_web_sm model installed")


def _adopt_orphans() -> None:
    """Have the processes `accord ingest` leaves as it exits (the analysis workers' fork server,
    which ends once its workers have, and multiprocessing's resource tracker) re-parented to this
    process rather than to init (Linux's child subreaper), so that their CPU, and that of the
    workers the server waited for, is counted in this process's children's."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        sys.exit(f"prctl(PR_SET_CHILD_SUBREAPER) failed: errno {ctypes.get_errno()}")


def _reap_orphans() -> None:
    """Wait for every process re-parented to this one."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def run_cli(folder: Path) -> dict[str, Any]:
    """`accord ingest` of ECB+ into a new store, as a user runs it; CPU seconds of the process
    and its workers."""
    db = folder / "cli.db"
    for stale in folder.glob("cli.db*"):
        stale.unlink()
    env = {**os.environ, "ACCORD_DB": str(db)}
    if "ACCORD_SRC" in os.environ:
        env["PYTHONPATH"] = os.environ["ACCORD_SRC"]
    command = [sys.executable, "-m", "accord", "--db", str(db), "ingest", str(ECB)]
    _adopt_orphans()
    cpu = _children_cpu()
    began = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    took = time.perf_counter() - began
    _reap_orphans()
    cpu = _children_cpu() - cpu
    articles = sum(1 for line in ECB.open(encoding="utf-8") if line.strip())
    return {
        "articles": articles,
        "seconds": round(took, 1),
        "cpu_s": round(cpu, 1),
        "articles_per_s": round(articles / took, 1),
    }


def run_pairs(pairs: int, processes: int) -> list[dict[str, Any]]:
    """Plain spaCy then `accord ingest` on ECB+, alternately: each pair's figures and ratio."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="accord-e2e-") as tmp:
        for n in range(1, pairs + 1):
            load = load_average()
            cpu = _children_cpu()
            done = subprocess.run(
                [sys.executable, __file__, "--baseline-only", "--processes", str(processes)],
                check=True, capture_output=True, text=True,
            )  # fmt: skip
            base = json.loads(done.stdout.strip().splitlines()[-1])
            base["cpu_s"] = round(_children_cpu() - cpu, 1)
            cli = run_cli(Path(tmp))
            row = {
                "pair": n,
                "baseline": base,
                "accord": cli,
                "ratio": round(cli["articles_per_s"] / base["articles_per_s"], 2),
                "load": f"{load} -> {load_average()}",
            }
            rows.append(row)
            print(f"pair {n}: plain spaCy {base['seconds']} s ({base['cpu_s']} CPU-s, model load "
                  f"included in CPU only), accord ingest {cli['seconds']} s ({cli['cpu_s']} CPU-s): "
                  f"ratio {row['ratio']}x; load {row['load']}", flush=True)  # fmt: skip
    return rows


def _children_cpu() -> float:
    """CPU seconds of the child processes waited for so far (their workers included)."""
    times = os.times()
    return times.children_user + times.children_system


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.baseline_only:
        texts = [json.loads(line)["text"] for line in ECB.open(encoding="utf-8") if line.strip()]
        print(json.dumps(run_baseline(texts, max(args.processes))))
        return 0
    if args.pairs:
        found = run_pairs(args.pairs, max(args.processes))
        ratios = sorted(r["ratio"] for r in found)
        print(json.dumps({"benchmark": "e2e_pairs", "cores": os.cpu_count(), "pairs": found,
                          "median_ratio": ratios[len(ratios) // 2]}))  # fmt: skip
        return 0
    rows = load_rows(args.repeat, args.limit)
    out: dict[str, Any] = {
        "benchmark": "e2e_throughput",
        "cores": os.cpu_count(),
        "load_before": load_average(),
    }
    with tempfile.TemporaryDirectory(prefix="accord-e2e-") as tmp:
        folder = Path(tmp)
        if not args.no_cli and ECB.exists():
            out["cli_ecbplus"] = cli = run_cli(folder)
            print(f"accord ingest ECB+ (whole process): {cli['articles']} articles in "
                  f"{cli['seconds']} s = {cli['articles_per_s']} articles/s", flush=True)  # fmt: skip
        out["workflow"] = []
        load_nlp()  # loaded once, so that no run carries the model's loading but the CLI's
        for processes in args.processes:
            row = run_workflow(rows, processes, folder)
            out["workflow"].append(row)
            print(f"workflow.ingest, {processes} process(es): {row['articles']} articles in "
                  f"{row['seconds']} s = {row['articles_per_s']} articles/s; stages {row['stages_s']}",
                  flush=True)  # fmt: skip
    if not args.no_baseline:
        texts = [r["text"] for r in rows]
        out["baseline"] = base = run_baseline(texts, max(args.processes))
        print(f"plain en_core_web_sm nlp.pipe(n_process={base['processes']}): {len(texts)} "
              f"articles in {base['seconds']} s = {base['articles_per_s']} articles/s", flush=True)  # fmt: skip
        best = max(r["articles_per_s"] for r in out["workflow"])
        out["ratio_to_baseline"] = round(best / base["articles_per_s"], 2)
        print(f"accord end-to-end / plain spaCy: {out['ratio_to_baseline']}x")
    out["load_after"] = load_average()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
