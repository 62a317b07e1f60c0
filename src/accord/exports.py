"""Exports in the formats of the shared scorer (JSONL, or CSV with lists joined by '; '), or as
Parquet for tools that read columns (pandas, Spark, DuckDB)."""

from __future__ import annotations

import bisect
import csv
import difflib
import functools
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from accord.analyze.timex import timex3
from accord.errors import ConfigError
from accord.ingest.build import FIELD_ALIASES
from accord.ingest.metadata import date_line_stamp
from accord.model import Article
from accord.store import Store

if TYPE_CHECKING:
    import pyarrow as pa

FORMATS = ("jsonl", "csv", "parquet")


def article_rows(store: Store) -> Iterator[dict[str, Any]]:
    for a in store.articles.all():
        yield {
            "doc": a.key,
            "url": a.url,
            "outlet": a.outlet,
            "title": a.title,
            "published": a.published,
            "published_inferred": a.published_inferred,
            "language": a.language,
            "text": a.text,
            "duplicate_of": a.duplicate_of,
            "relation": a.relation,
            "place": a.place,
            "author": a.author,
            "origin": a.origin,
        }


def statement_rows(store: Store) -> Iterator[dict[str, Any]]:
    for s in store.analysis.statements():
        yield s.to_dict()


def entity_rows(store: Store) -> Iterator[dict[str, Any]]:
    for e in store.entities.all():
        yield e.to_dict()


def claim_rows(store: Store) -> Iterator[dict[str, Any]]:
    for c in store.analysis.claims():
        yield c.to_dict()


def group_rows(store: Store) -> Iterator[dict[str, Any]]:
    for g in store.ledger.groups():
        row = g.to_dict()
        row["group"] = row.pop("id")
        yield row


def timeline_rows(store: Store) -> Iterator[dict[str, Any]]:
    for e in store.ledger.timeline():
        yield e.to_dict()


def cluster_rows(store: Store) -> Iterator[dict[str, Any]]:
    for m in store.stories.memberships():
        yield {"doc": m.doc, "story": m.story, "event": m.event, "pinned": m.pinned}


# spaCy's labels as the shared scorer names them (FORMATS.md); the Spanish pipeline already gives
# PERSON and GPE for the model's PER and LOC, and keeps MISC.
MENTION_LABELS = {
    "PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG", "NORP": "MISC",
    "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC", "PRODUCT": "MISC",
    "MISC": "MISC",
}  # fmt: skip


def time_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Time expressions with offsets into the report's text as it was given (see `input_offsets`),
    and the date line the publication time was read from, which cleaning took out of the text."""
    for article in store.articles.all():
        to_input = input_offsets(article)
        rows: list[dict[str, Any]] = []
        for t in store.analysis.times([article.key]):
            start, end = to_input(t.start, t.end)
            rows.append({
                "doc": t.doc, "start": start, "end": end, "text": t.text,
                "value": timex3(t.when), "type": _time_type(t.when),
            })  # fmt: skip
        line = _date_line_row(article)
        if line is not None and not any(
            r["start"] < line["end"] and line["start"] < r["end"] for r in rows
        ):
            rows.append(line)
        yield from sorted(rows, key=lambda r: r["start"])


_OPENING_LINES = 6  # a headline, a standfirst, the date line and the blank lines between them


def _date_line_row(article: Article) -> dict[str, Any] | None:
    """The date line that opens the input (the publication time's, or the one a record's own
    date overrides), where the input can still be read (offsets are the input's)."""
    raw = _input_text(article.origin)
    if raw is None:
        return None
    offset = 0
    for line in raw.splitlines(keepends=True)[:_OPENING_LINES]:
        stamp = date_line_stamp(line)
        if stamp is not None:
            start = offset + len(line) - len(line.lstrip())
            text = line.strip()
            return {"doc": article.key, "start": start, "end": start + len(text), "text": text,
                    "value": stamp, "type": _time_type(stamp)}  # fmt: skip
        offset += len(line)
    return None


def _time_type(value: str | None) -> str:
    if value and value.startswith("P"):
        return "DURATION"
    return "TIME" if value and "T" in value[10:11] else "DATE"


def mention_rows(store: Store) -> Iterator[dict[str, Any]]:
    """The named entities of every report, by its language's pipeline, with offsets into the
    text as it was given. They are read again from the text: the store keeps only the names that
    can be sources."""
    # Imported here: spaCy's import is half a second of every command that loads this module.
    from accord.analyze.nlp import load_nlp_for, parse

    for article in store.articles.all():
        to_input = input_offsets(article)
        for ent in parse(article.text, load_nlp_for(article.language)).ents:
            label = MENTION_LABELS.get(ent.label_)
            if label is None:
                continue
            start, end = to_input(ent.start_char, ent.end_char)
            yield {"doc": article.key, "start": start, "end": end, "text": ent.text,
                   "label": label}  # fmt: skip


def input_offsets(article: Article) -> Callable[[int, int], tuple[int, int]]:
    """A map from offsets into the stored (cleaned) text to offsets into the text as it was given,
    when the input is still where it was read from (a text file, or a line of a JSON Lines file);
    else offsets stay those of the stored text. Cleaning only drops and rewrites lines, so the
    common blocks of the two texts align them (`_common_blocks`)."""
    raw = _input_text(article.origin)
    if raw is None or raw == article.text:
        return lambda start, end: (start, end)
    blocks = _common_blocks(article.text, raw)
    starts = [a for a, _, _ in blocks]

    def one(offset: int) -> int:
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        a, b, size = blocks[i]
        return b + min(offset - a, size)

    return lambda start, end: (one(start), one(end - 1) + 1 if end > start else one(end))


def _common_blocks(text: str, raw: str) -> list[tuple[int, int, int]]:
    """Blocks (offset in `text`, offset in `raw`, length) the two texts share, in order: whole
    lines first, then characters within the rewritten lines between them. Characters alone would
    let a line's end run on into a dropped line that ends alike (a headline ending "2010" into
    the date line "June 8, 2010" below it)."""
    lines, raw_lines = text.splitlines(keepends=True), raw.splitlines(keepends=True)
    at, raw_at = _line_starts(lines), _line_starts(raw_lines)
    blocks: list[tuple[int, int, int]] = []
    line = raw_line = 0
    matcher = difflib.SequenceMatcher(None, lines, raw_lines, autojunk=False)
    for same in matcher.get_matching_blocks():
        gap, raw_gap = at[line], raw_at[raw_line]
        chars = difflib.SequenceMatcher(
            None, text[gap : at[same.a]], raw[raw_gap : raw_at[same.b]], autojunk=False
        )
        blocks += [
            (gap + c.a, raw_gap + c.b, c.size) for c in chars.get_matching_blocks() if c.size
        ]
        if same.size:
            blocks.append((at[same.a], raw_at[same.b], at[same.a + same.size] - at[same.a]))
        line, raw_line = same.a + same.size, same.b + same.size
    return blocks or [(0, 0, 0)]


def _line_starts(lines: list[str]) -> list[int]:
    """Where each line starts, and the end of the last."""
    return [0, *itertools.accumulate(len(x) for x in lines)]


@functools.lru_cache(maxsize=4)
def _lines(path: str) -> list[str]:
    return Path(path).read_text(encoding="utf-8").splitlines()


def _input_text(origin: str) -> str | None:
    path, _, line = origin.rpartition(":")
    try:
        if path and line.isdigit() and Path(path).is_file():
            record = json.loads(_lines(path)[int(line) - 1])
            return _record_text(record)
        if Path(origin).is_file() and Path(origin).suffix == ".txt":
            return Path(origin).read_text(encoding="utf-8")
        if Path(origin).is_file() and Path(origin).suffix in (".json", ".jsonl"):
            # a file of one JSON object, read as one document
            return _record_text(json.loads(Path(origin).read_text(encoding="utf-8")))
    except (OSError, ValueError, IndexError, UnicodeDecodeError):
        return None
    return None


def _record_text(record: Any) -> str | None:
    if not isinstance(record, dict):
        return None
    text = next((record[k] for k in FIELD_ALIASES["text"] if record.get(k)), None)
    return text if isinstance(text, str) else None


EXPORTS = {
    "articles": article_rows,
    "statements": statement_rows,
    "entities": entity_rows,
    "claims": claim_rows,
    "groups": group_rows,
    "timeline": timeline_rows,
    "clusters": cluster_rows,
    "times": time_rows,
    "mentions": mention_rows,
}


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def write_rows(rows: Iterable[dict[str, Any]], out: TextIO, fmt: str) -> int:
    """Write rows as JSONL or CSV; return how many."""
    check_format(fmt)
    if fmt == "parquet":
        raise ConfigError("Parquet is binary: write it with write_parquet")
    if fmt == "jsonl":
        count = 0
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
    return _write_csv(list(rows), out)


def _write_csv(rows: list[dict[str, Any]], out: TextIO) -> int:
    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in columns]
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return len(rows)


def _cell(value: Any) -> Any:
    """A CSV cell: a list joined with "; ", each item as text or, when it is not, as JSON (a
    figure's values "60.0; 107.0", a timeline entry's spans '["a", 0, 40]; ["b", 3, 51]')."""
    if isinstance(value, list | tuple):
        return "; ".join(
            v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in value
        )
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_parquet(rows: Iterable[dict[str, Any]], out: str | IO[bytes]) -> int:
    """Write rows as one Parquet table; return how many. A column holds text, numbers, booleans or
    lists of text or of numbers as Arrow types; dicts and lists of anything else (a timeline
    entry's spans) hold their JSON text, as in CSV."""
    # Imported here: pyarrow takes ~0.1 s of CPU to load, which every other command (an
    # `accord ingest` above all) would pay for nothing.
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = list(rows)
    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in columns]
    data = {name: _arrow_column([row.get(name) for row in rows]) for name in columns}
    pq.write_table(pa.table(data), out)
    return len(rows)


def _arrow_column(values: list[Any]) -> pa.Array:
    import pyarrow as pa  # loaded by write_parquet, the only caller

    present = [v for v in values if v is not None]
    if all(_plain_list(v) for v in present) or not any(
        isinstance(v, list | tuple | dict) for v in present
    ):
        try:
            return pa.array([list(v) if isinstance(v, tuple) else v for v in values])
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            pass  # mixed kinds in one column: each value as JSON text instead
    return pa.array(
        [None if v is None else json.dumps(v, ensure_ascii=False) for v in values], pa.string()
    )


def _plain_list(value: Any) -> bool:
    """A list of text alone, or of numbers alone."""
    if not isinstance(value, list | tuple):
        return False
    return all(isinstance(v, str) for v in value) or all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in value
    )
