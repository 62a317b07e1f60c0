"""Fuzz the readers and the analysis with Hypothesis-generated input for a few minutes; count the
inputs tried and the crashes (any exception but a refusal).

    .venv/bin/python benchmarks/fuzz.py --minutes 5

Targets, each given an equal share of the time: "readers" (`documents_from_bytes` on bytes that
are binary, text in many encodings, JSON, JSON Lines or HTML, then `build_article` on what it
yields, which cleans the text and reads its metadata), "clean" (`clean_text` on any text),
"parsers" (numbers, vague amounts, qualifiers and intervals, time expressions against a
publication date) and "analyze" (the whole analysis of a short report). A crash is remembered by
its exception and the line that raised it, with the shortest input that raised it. Prints one line
per target, each distinct crash with a traceback, and a final JSON line. Not a CI test: it runs
for minutes and its inputs are random.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import math
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings
from hypothesis import strategies as st

from accord.analyze.numbers import parse_number, vague_bounds
from accord.analyze.qualifiers import AFTER, BEFORE, interval, qualifier_after, qualifier_before
from accord.analyze.reading import analyze_articles
from accord.analyze.timex import normalize_when, scan
from accord.errors import InputError
from accord.ingest.build import build_article
from accord.ingest.clean import clean_text
from accord.ingest.sources import RawDocument, documents_from_bytes, read_jsonl
from accord.model import Article

ENCODINGS = (
    "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252",
    "cp1250", "cp1251", "koi8-r", "shift_jis", "euc-jp", "gb18030", "big5", "euc-kr",
    "iso8859-7", "cp1254",
)  # fmt: skip
WORDS = (
    "Floods", "hit", "the", "town", "of", "Keldmoor", "on", "Monday", "said", "police", "at least",
    "more than", "about", "nearly", "up to", "12", "1,800", "2.5 million", "£143m", "dozens",
    "between", "and", "to", "300-400", "per cent", "%", "yesterday", "last week", "3 days ago",
    "in 2013", "July 28", "from Tuesday to Thursday", "\n", "\n\n", ".", ",", '"', "(Reuters) -",
    "KELDMOOR", "By", "Jane Doe", "Published", "2024-03-01", "12:30 GMT", "Share this", "Home",
)  # fmt: skip
TAGS = ("p", "div", "article", "h1", "script", "style", "iframe", "form", "nav", "span", "a", "b")

words = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=10)), max_size=60).map(" ".join)
texts = st.one_of(st.text(max_size=400), words)
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**30), 10**30),
        st.floats(),
        texts,
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(
                st.sampled_from(["id", "text", "title", "published", "url", "outlet", "author"]),
                st.text(max_size=8),
            ),
            inner,
            max_size=6,
        ),
    ),
    max_leaves=12,
)


@st.composite
def html(draw: st.DrawFn) -> str:
    parts = ["<!doctype html><html><body>"]
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(st.sampled_from(TAGS))
        closed = draw(st.booleans())
        parts.append(f"<{tag}>{draw(words)}" + (f"</{tag}>" if closed else ""))
    return "".join(parts) + draw(st.sampled_from(["</body></html>", "", "<"]))


@st.composite
def encoded(draw: st.DrawFn) -> bytes:
    text = draw(texts)
    return text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")


def json_bytes(value: Any) -> bytes:
    return json.dumps(value, allow_nan=True).encode()


payloads = st.one_of(
    st.binary(max_size=600),
    encoded(),
    json_values.map(json_bytes),
    st.lists(json_values.map(json_bytes), max_size=5).map(b"\n".join),
    html().map(str.encode),
    st.tuples(encoded(), st.binary(max_size=20)).map(lambda pair: pair[0] + pair[1]),
)
published = st.one_of(
    st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat)
)


@dataclass(slots=True)
class Crash:
    kind: str
    where: str
    input: str
    trace: str
    count: int = 1


@dataclass(slots=True)
class Target:
    name: str
    tried: int = 0
    crashes: dict[str, Crash] = field(default_factory=dict)

    def record(self, exc: BaseException, given_input: Any) -> None:
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{frame.filename.split('/src/')[-1]}:{frame.lineno}"
        signature = f"{type(exc).__name__} at {where}"
        shown = repr(given_input)
        known = self.crashes.get(signature)
        if known is None:
            trace = "".join(traceback.format_exception(exc)[-6:])
            self.crashes[signature] = Crash(type(exc).__name__, where, shown[:2000], trace)
        else:
            known.count += 1
            if len(shown) < len(known.input):
                known.input = shown[:2000]


class TimeUp(Exception):
    """Raised out of a fuzz body when its share of the time is spent."""


def fuzz(
    target: Target, strategy: Any, body: Callable[..., None], seconds: float, seed_: int
) -> None:
    """Run `body` on examples of `strategy` until `seconds` pass, recording every crash."""
    deadline = time.monotonic() + seconds

    @seed(seed_)
    @settings(
        max_examples=10**9,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        verbosity=Verbosity.quiet,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(strategy)
    def run(example: Any) -> None:
        if time.monotonic() > deadline:
            raise TimeUp
        target.tried += 1
        try:
            body(example)
        except Exception as exc:  # a crash of accord: what the fuzzer is looking for
            target.record(exc, example)

    with contextlib.suppress(TimeUp):
        run()


def read_bytes(data: bytes) -> None:
    for item in documents_from_bytes(data, "fuzz.txt", "fuzz"):
        if isinstance(item, RawDocument):
            try:
                article = build_article(item)
            except InputError:
                continue  # a refusal with its reason: the expected way to say no
            assert article.text.strip(), "an article without text"
    for _ in read_jsonl(io.BytesIO(data), "fuzz.jsonl", 100_000):
        pass


def clean_one(text: str) -> None:
    cleaned = clean_text(text)
    assert cleaned.text == cleaned.text.strip("\n"), "blank lines left at the ends"


def parse_all(example: tuple[str, str | None, float, str]) -> None:
    text, base, value, qualifier = example
    number = parse_number(text)
    assert number is None or math.isfinite(number), number
    vague_bounds(text)
    split = text.split()
    qualifier_before(split)
    qualifier_after(split)
    low, high = interval(value, qualifier)
    assert low <= high or value <= 0, (low, high)
    scan(text)
    for future in (False, True):
        normalize_when(text, base, future)


def analyze_short(example: tuple[str, str | None]) -> None:
    text, base = example
    if not text.strip():
        return
    analyze_articles([Article("fuzz", text, published=base)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=4.0, help="total time, shared by targets")
    parser.add_argument("--seed", type=int, default=1, help="Hypothesis seed")
    parser.add_argument(
        "--targets",
        nargs="+",
        default=["readers", "clean", "parsers", "analyze"],
        choices=["readers", "clean", "parsers", "analyze"],
    )
    args = parser.parse_args(argv)
    qualifiers = sorted({*BEFORE.values(), *AFTER.values(), "exact", "range", "vague"})
    plans: dict[str, tuple[Any, Callable[..., None]]] = {
        "readers": (payloads, read_bytes),
        "clean": (texts, clean_one),
        "parsers": (
            st.tuples(
                texts,
                published,
                st.floats(allow_nan=False, allow_infinity=False),  # figures are finite
                st.sampled_from(qualifiers),
            ),
            parse_all,
        ),
        "analyze": (st.tuples(words, published), analyze_short),
    }
    share = args.minutes * 60 / len(args.targets)
    results = []
    for name in args.targets:
        strategy, body = plans[name]
        target = Target(name)
        began = time.monotonic()
        fuzz(target, strategy, body, share, args.seed)
        spent = time.monotonic() - began
        print(
            f"{name}: {target.tried} inputs in {spent:.0f} s, {len(target.crashes)} distinct "
            f"crash(es), {sum(c.count for c in target.crashes.values())} crashing input(s)",
            flush=True,
        )
        for signature, crash in target.crashes.items():
            print(f"  {signature} ({crash.count}x), shortest input: {crash.input[:300]}")
            print("    " + crash.trace.replace("\n", "\n    ").rstrip())
        results.append(
            {
                "target": name,
                "inputs": target.tried,
                "seconds": round(spent, 1),
                "crashes": len(target.crashes),
                "crashing_inputs": sum(c.count for c in target.crashes.values()),
                "signatures": sorted(target.crashes),
            }
        )
    print(json.dumps({"benchmark": "fuzz", "seed": args.seed, "results": results}))
    return 1 if any(r["crashes"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
