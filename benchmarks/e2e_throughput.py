"""End-to-end throughput of `accord ingest` (store, analyse, stories, ledger) on real text, against
plain en_core_web_sm `nlp.pipe` over the same texts in the same run.

    .venv/bin/python benchmarks/e2e_throughput.py                 # ECB+ and PolNeAR dev
    .venv/bin/python benchmarks/e2e_throughput.py --repeat 3 --processes 1 2

Each run ingests the corpora into a new store through `accord.workflow.ingest`, the code behind
`accord ingest`, with 1 and with 2 analysis processes; `--repeat N` adds N-1 copies of each report
under other keys with shifted numbers (new reports to every stage, not stored ones). The CLI run
(`accord ingest` of ECB+ into a new store, the whole process: start-up and model loading
included) is timed as a subprocess. Prints one line per measurement and a final JSON line.
"""

from __future__ import annotations

import argparse
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


def run_cli(folder: Path) -> dict[str, Any]:
    """`accord ingest` of ECB+ into a new store, as a user runs it."""
    db = folder / "cli.db"
    began = time.perf_counter()
    subprocess.run(
        [str(ACCORD), "--db", str(db), "ingest", str(ECB)],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "ACCORD_DB": str(db)},
    )
    took = time.perf_counter() - began
    articles = sum(1 for line in ECB.open(encoding="utf-8") if line.strip())
    return {
        "articles": articles,
        "seconds": round(took, 1),
        "articles_per_s": round(articles / took, 1),
    }


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
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
