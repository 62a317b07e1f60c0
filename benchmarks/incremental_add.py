"""Time to add one report to stores of growing size with the real `accord ingest` job.

    .venv/bin/python benchmarks/incremental_add.py --sizes 1000 10000 100000 --db big.db

The store is built once and grown size by size (keep it with --db to reuse it). Its reports are
the real corpora (ECB+, PolNeAR dev) and variants of them, each a distinct story, made as
benchmarks/stories_scaling.py makes them (capitalised names swapped for others of the corpus,
numbers shifted) and, so that the copies of one original are distinct stories and not one story of
a hundred near-copies, their less common words swapped too (the corpus's COMMON_WORDS commonest
words stay: they carry the grammar and the cues the analysis reads, "said", "people", "killed"). To build 100,000 reports in reasonable time, the corpora are read and analysed
once (the analyses are kept in `--bases`, reused while ANALYSIS_VERSION and the corpora are the
same) and a variant is its original with the same names swapped and numbers shifted: its Article
(text, title; its offsets are the original's) and its analysis. Variants are written in bulk with
their real near-duplicate bands but without the near-duplicate check (the variants of one original
are near-copies of each other, and comparing each with its 50 stored candidates was a third of the
build); the later stages are the real ones (`resolve_batch` and `store.analysis.save`,
`place_new_reports`), and stories are stamped reconciled without building their ledgers. The timed
adds are the real `workflow.ingest` of one fresh variant each, after one untimed add that loads
the model and the word lists: store (with the near-duplicate check), analyse (its "entities" part
reported apart too), stories and ledger, and the time of the add in spaCy's own calls ("model") and
besides them ("besides model"). Prints one line per size and a final JSON line.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import pickle
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from spacy.language import Language
from sqlalchemy import func, select

from accord.analyze.pipeline import ANALYSIS_VERSION, resolve_batch
from accord.analyze.reading import Analysis
from accord.analyze.workers import default_processes
from accord.collector import tune_collector
from accord.ingest.build import build_article
from accord.ingest.dedup import band_hashes, shingles
from accord.ingest.sources import RawDocument
from accord.model import Article
from accord.settings import Settings, load_settings
from accord.store import Store, schema
from accord.workflow import ingest, place_new_reports, update

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stories_scaling import _NAME, _NUMBER, load_texts

BATCH = 500  # reports per build step
COMMON_WORDS = 400
_WORD = re.compile(r"\b[a-z]{4,}\b")
# Fields of the analysis records that quote the report's words; the others are categories.
TEXT_FIELDS = frozenset(
    ("content", "source_span", "source", "cue", "text", "sentence", "unit", "what", "when_text",
     "where", "subject")
)  # fmt: skip


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--adds", type=int, default=9, help="timed single-report adds per size")
    parser.add_argument("--db", type=Path, help="store to build or grow (default: temporary)")
    parser.add_argument("--seed", type=int, default=11, help="seed for the variants")
    parser.add_argument("--bases", type=Path, help="file keeping the originals' analyses")
    return parser.parse_args(argv)


@dataclasses.dataclass(slots=True)
class Variant:
    text: str
    rename: Callable[[str], str]  # names swapped and numbers shifted, as in `text`
    reword: Callable[[str], str]  # the same and the less common words swapped: `text` itself
    shift: int


def variants(texts: list[str], rng: random.Random) -> Iterator[tuple[int, Variant]]:
    """(index of the original, variant) forever: originals first, then rounds of copies."""
    pool = sorted({m.group() for t in texts for m in _NAME.finditer(t)})
    counts = Counter(w for t in texts for w in _WORD.findall(t))
    common = {w for w, _ in counts.most_common(COMMON_WORDS)}
    rare = sorted(w for w in counts if w not in common)
    for i, text in enumerate(texts):
        yield i, Variant(text, lambda s: s, lambda s: s, 0)
    while True:
        for i, text in enumerate(texts):
            names = {n: rng.choice(pool) for n in set(_NAME.findall(text))}
            words = {w: rng.choice(rare) for w in set(_WORD.findall(text)) - common}
            yield i, _variant(text, names, words, rng.randint(1, 97))


def _variant(text: str, names: dict[str, str], words: dict[str, str], shift: int) -> Variant:
    def rename(s: str) -> str:
        s = _NAME.sub(lambda m: names.get(m.group(), m.group()), s)
        return _NUMBER.sub(lambda m: str(int(m.group()) + shift), s)

    def reword(s: str) -> str:
        return _WORD.sub(lambda m: words.get(m.group(), m.group()), rename(s))

    return Variant(reword(text), rename, reword, shift)


def base_analyses(texts: list[str], cache: Path | None) -> list[Analysis]:
    """The real analysis of every original, once (in worker processes), or as kept in `cache`."""
    from accord.analyze.pipeline import analyse_chunks

    digest = hashlib.sha256("\0".join([str(ANALYSIS_VERSION), *texts]).encode()).hexdigest()
    if cache is not None and cache.exists():
        try:
            kept_digest, kept = pickle.loads(cache.read_bytes())
        except (AttributeError, ModuleNotFoundError):  # pickled by a tree whose records moved
            kept_digest, kept = None, []
        if kept_digest == digest:
            return list(kept)
    articles = [Article(key=f"base{i}", text=t) for i, t in enumerate(texts)]
    chunks = iter([articles[i : i + 32] for i in range(0, len(articles), 32)])
    found = [a for chunk in analyse_chunks(chunks, default_processes()) for a in chunk]
    if cache is not None:
        cache.write_bytes(pickle.dumps((digest, found)))
    return found


def base_articles(texts: list[str]) -> list[Article]:
    """Each original as `accord ingest` stores it (cleaned text, metadata, language)."""
    return [build_article(RawDocument(f"base{i}", "bench", "text", t)) for i, t in enumerate(texts)]


def adapted(base: Analysis, key: str, variant: Variant) -> Analysis:
    """`base` for the variant stored under `key`: its strings renamed, its figures shifted."""
    old = f"{base.doc}:"

    def convert(record: Any) -> Any:
        changes: dict[str, Any] = {}
        for f in dataclasses.fields(record):
            value = getattr(record, f.name)
            if f.name == "doc":
                changes["doc"] = key
            elif f.name in ("entity", "id") and isinstance(value, str):
                changes[f.name] = "" if f.name == "id" else value.replace(old, f"{key}:", 1)
            elif isinstance(value, str):
                change = variant.reword if f.name in TEXT_FIELDS else variant.rename
                changes[f.name] = change(value)
        if hasattr(record, "value") and isinstance(record.value, float):
            changes["value"] = record.value + variant.shift
        return dataclasses.replace(record, **changes)

    return Analysis(
        key,
        [convert(s) for s in base.statements],
        [convert(m) for m in base.mentions],
        [convert(c) for c in base.claims],
        [convert(t) for t in base.times],
    )


def grow(
    store: Store,
    settings: Settings,
    stream: Iterator[tuple[int, Variant]],
    bases: list[tuple[Article, Analysis]],
    count: int,
) -> None:
    """Add `count` variant reports, BATCH at a time: written in bulk, then the real stages."""
    done = 0
    while done < count:
        n = min(BATCH, count - done)
        first = store.articles.count()
        batch = [(f"v{first + i}", *next(stream)) for i in range(n)]
        articles = [variant_article(bases[i][0], key, v) for key, i, v in batch]
        insert_variants(store, articles, settings.dedup_shingle)
        results = [adapted(bases[i][1], key, v) for key, i, v in batch]
        resolve_batch(store, results)  # one step's names met in one pass, as one ingest would
        with store.transaction() as conn:
            for r in results:
                store.analysis.save(
                    conn, r.doc, ANALYSIS_VERSION, r.statements, r.claims, r.mentions, r.times
                )
        place_new_reports(store, settings)
        _stamp_reconciled(store)
        done += n
        print(f"  built {store.articles.count()} reports", file=sys.stderr, flush=True)


def variant_article(base: Article, key: str, variant: Variant) -> Article:
    """The original's Article with the variant's names and numbers, stored under `key`."""
    text = variant.reword(base.text)
    return dataclasses.replace(
        base,
        key=key,
        text=text,
        title=variant.reword(base.title) if base.title else base.title,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def insert_variants(store: Store, articles: list[Article], shingle: int) -> None:
    """Articles and their near-duplicate bands in one transaction, one executemany per table."""
    a = schema.articles
    with store.transaction() as conn:
        seq = int(conn.scalar(select(func.max(a.c.seq))) or 0)
        rows, bands = [], []
        for n, article in enumerate(articles, start=seq + 1):
            article.seq = n
            rows.append(
                {
                    "seq": n,
                    "key": article.key,
                    "content_hash": article.content_hash,
                    "published": article.published,
                    "outlet": article.outlet,
                    "duplicate_of": None,
                    "analysis_version": 0,
                    "data": json.dumps(article.to_dict(), ensure_ascii=False, sort_keys=True),
                }
            )
            hashes = band_hashes(shingles(article.text, shingle))
            bands += [{"band": b, "key": article.key} for b in hashes]
        conn.execute(a.insert(), rows)
        conn.execute(schema.minhash_bands.insert(), bands)


def _stamp_reconciled(store: Store) -> None:
    # Building every bulk story's ledger would take hours; the timed adds build theirs.
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    stale = store.stories.stale()
    with store.transaction() as conn:
        for story_id in stale:
            store.stories.save(
                conn, dataclasses.replace(store.stories.get(story_id), reconciled=stamp)
            )


def finish_interrupted_step(store: Store, settings: Settings) -> None:
    """A build step cut short leaves reports without analysis or story: they get them the real
    way before anything is timed. A store analysed by an earlier ANALYSIS_VERSION is refused."""
    pending = store.analysis.pending(ANALYSIS_VERSION)
    if len(pending) > BATCH:
        sys.exit(
            f"{len(pending)} reports of {settings.db} lack analysis version {ANALYSIS_VERSION}: "
            "build a new store (another --db)"
        )
    if pending or store.articles.unplaced():
        print(f"finishing an interrupted build step ({len(pending)} reports)", flush=True)
        update(store, settings)


class ModelClock:
    """Seconds spent in spaCy's own calls (`Language.__call__` and `Language.pipe`), whoever
    makes them: the parse of a report's text and of any headline parsed again."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __enter__(self) -> ModelClock:
        self._call, self._pipe = Language.__call__, Language.pipe
        clock, call, pipe = self, self._call, self._pipe

        def timed_call(nlp: Language, *args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return call(nlp, *args, **kwargs)
            finally:
                clock.seconds += time.perf_counter() - began

        def timed_pipe(nlp: Language, *args: Any, **kwargs: Any) -> Iterator[Any]:
            docs = pipe(nlp, *args, **kwargs)
            while True:  # the time of making each doc, not of what the caller does with it
                began = time.perf_counter()
                doc = next(docs, None)
                clock.seconds += time.perf_counter() - began
                if doc is None:
                    return
                yield doc

        Language.__call__ = timed_call  # type: ignore[method-assign,assignment]
        Language.pipe = timed_pipe  # type: ignore[method-assign,assignment]
        return self

    def __exit__(self, *_: object) -> None:
        Language.__call__ = self._call  # type: ignore[method-assign]
        Language.pipe = self._pipe  # type: ignore[method-assign]


def time_adds(
    store: Store,
    settings: Settings,
    stream: Iterator[tuple[int, Variant]],
    adds: int,
    folder: Path,
) -> tuple[list[float], dict[str, float]]:
    """Milliseconds of each add, and the median milliseconds of each stage, of the model's own
    calls ("model") and of everything else ("besides model")."""
    took: list[float] = []
    stages: dict[str, list[float]] = {}
    for n in range(adds):
        _, variant = next(stream)
        path = folder / f"add-{store.articles.count()}-{n}.txt"
        path.write_text(variant.text, encoding="utf-8")
        with ModelClock() as model:
            began = time.perf_counter()
            result = ingest(store, [str(path)], settings)
            took.append((time.perf_counter() - began) * 1000)
        for stage, seconds in result.seconds.items():
            stages.setdefault(stage, []).append(seconds * 1000)
        stages.setdefault("model", []).append(model.seconds * 1000)
        stages.setdefault("besides model", []).append(took[-1] - model.seconds * 1000)
    return took, {k: round(statistics.median(v), 1) for k, v in stages.items()}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tune_collector()  # as accord's CLI runs, the web server and `accord watch` too
    texts = load_texts()
    rng = random.Random(args.seed)
    stream = variants(texts, rng)
    results = []
    with tempfile.TemporaryDirectory(prefix="accord-add-") as tmp:
        folder = Path(tmp)
        db = args.db or folder / "store.db"
        settings = load_settings({"db": str(db)})
        with Store(db) as store:
            finish_interrupted_step(store, settings)
            for _ in range(store.articles.count()):
                next(stream)  # a grown store resumes where it stopped
            began = time.perf_counter()
            bases = list(zip(base_articles(texts), base_analyses(texts, args.bases), strict=True))
            print(
                f"read and analysed {len(texts)} originals in {time.perf_counter() - began:.0f} s",
                flush=True,
            )
            for target in sorted(args.sizes):
                began = time.perf_counter()
                grow(store, settings, stream, bases, target - store.articles.count())
                built = time.perf_counter() - began
                time_adds(store, settings, stream, 1, folder)  # untimed: model and lists loaded
                took, stages = time_adds(store, settings, stream, args.adds, folder)
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                row = {
                    "size": target,
                    "median_ms": round(statistics.median(took), 1),
                    "max_ms": round(max(took), 1),
                    "build_s": round(built),
                    "peak_rss_mb": round(rss),
                    "stages_median_ms": stages,
                }
                results.append(row)
                print(f"{target:>7} reports: add one in {row['median_ms']} ms (median of {args.adds}, "
                      f"max {row['max_ms']} ms); built in {row['build_s']} s; peak RSS "
                      f"{row['peak_rss_mb']} MB; stages {stages}", flush=True)  # fmt: skip
    print(json.dumps({"benchmark": "incremental_add", "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
