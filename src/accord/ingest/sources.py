"""Inputs as raw documents: walk paths, read bytes, detect the format from the content.

A reader yields `RawDocument`s (one per article) or `Rejection`s (one per refused input), never
raises for a bad input: one bad file or line must not stop a batch.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from charset_normalizer import from_bytes

from accord.errors import InputError
from accord.ingest.language import detect_language
from accord.model import Rejection

TEXT_SUFFIXES = {
    ".txt",
    ".text",
    ".md",
    ".html",
    ".htm",
    ".xhtml",
    ".json",
    ".jsonl",
    ".ndjson",
    ".xml",
    ".rss",
    ".atom",
    "",
}


@dataclass(slots=True)
class RawDocument:
    """One article as read, before cleaning. `kind` is text, html or record (a JSON object)."""

    key: str
    origin: str
    kind: str
    content: str = ""
    record: dict[str, Any] = field(default_factory=dict)
    url: str | None = None


def printable(name: str) -> str:
    """`name` with control, format and surrogate characters escaped (\\x1b, \\n, \\u202e).

    File names and record ids come from hostile input: raw control characters would drive the
    terminal that prints a refusal, and lone surrogates (undecodable file-name bytes) cannot be
    stored as UTF-8 at all.
    """
    if name.isprintable():
        return name
    return "".join(
        ch.encode("unicode_escape", "backslashreplace").decode("ascii")
        if unicodedata.category(ch) in {"Cc", "Cf", "Cs"}
        else ch
        for ch in name
    )


def parse_json(text: str | bytes) -> Any:
    """`json.loads`, failing only with ValueError: also on nesting too deep for the parser's
    recursion and on integers past Python's digit limit (10**5000), both valid JSON."""
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise ValueError("nested too deeply to read") from exc


def json_problem(exc: ValueError) -> str:
    """A short reason for a `parse_json` failure."""
    if isinstance(exc, json.JSONDecodeError):
        # Some messages already end in "at" ("Invalid control character at").
        return f"{exc.msg.removesuffix(' at')} at line {exc.lineno}, column {exc.colno}"
    return str(exc).split(";")[0][:200]


def decode(data: bytes, source: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 or UTF-32 by their BOM, else the
    charset the content suggests."""
    marked = _by_utf16_or_32_bom(data, source)
    if marked is not None:
        return marked
    if b"\x00" in data[:65536]:
        unmarked = _utf16_without_bom(data)
        if unmarked is None:
            raise InputError(
                source, "binary data (NUL bytes), not text; give accord text, HTML or JSON files"
            )
        return unmarked
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(body):
            # A download or copy cut inside the last character: the rest is sound UTF-8.
            return body[: exc.start].decode("utf-8")
    nearly = _nearly_utf8(data)
    if nearly is not None:
        return nearly
    encoding = _guess_charset(data[:1_000_000])
    if encoding is None:
        raise InputError(
            source, "undecodable bytes in no known text encoding; convert the file to UTF-8"
        )
    text = data.decode(encoding, errors="replace")
    if _control_ratio(text) > 0.05:
        raise InputError(source, "binary data, not text; give accord text, HTML or JSON files")
    return text


_BOMS = (  # UTF-32's little-endian mark starts with UTF-16's: it is tried first
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _by_utf16_or_32_bom(data: bytes, source: str) -> str | None:
    """The text of bytes that open with a UTF-16 or UTF-32 byte-order mark; None without one.
    Bytes behind a mark that do not decode in its encoding are refused: guessing another charset
    for them turns a cut or corrupt file into a few odd characters (the bytes FF FE FD read as
    Arabic presentation forms)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                if encoding == "utf-32":  # "\xff\xfe\x00\x00" may open UTF-16 text too
                    continue
                raise InputError(
                    source,
                    f"undecodable: a {encoding.upper()} byte-order mark before bytes that are not "
                    f"{encoding.upper()} (cut or corrupt); convert the file to UTF-8",
                ) from None
            if "\x00" in text or _control_ratio(text) > 0.05:
                raise InputError(
                    source, "binary data, not text; give accord text, HTML or JSON files"
                )
            return text
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without its byte-order mark, told by where the NUL bytes fall: the high byte
    of every ASCII character, so (nearly) all at odd offsets (little-endian) or even ones (big).
    Binary data has its NULs anywhere."""
    sample = data[:65536]
    if len(data) % 2:
        return None
    odd = sample[1::2].count(0)
    even = sample[0::2].count(0)
    if odd + even < len(sample) // 8 or min(odd, even) > (odd + even) // 50:
        return None
    try:
        text = data.decode("utf-16-le" if odd > even else "utf-16-be")
    except UnicodeDecodeError:
        return None
    return None if _control_ratio(text) > 0.05 or "\x00" in text else text


def _guess_charset(data: bytes) -> str | None:
    """The charset of non-UTF-8 bytes: charset_normalizer's best guess, unless another of its
    near-ties spells more words of the text's language correctly. On a few hundred bytes of
    Latin-1 French or Spanish its best guess is often a Baltic or Central European code page
    that turns "cèdent" into "cčdent"; a dictionary of the language tells them apart."""
    results = from_bytes(data)
    best = results.best()
    if best is None or best.encoding is None:
        return None
    near = [best.encoding] + [
        r.encoding
        for r in results
        if r.encoding not in (None, best.encoding) and r.chaos <= best.chaos + _NEAR_CHAOS
    ]
    if len(near) == 1:
        return best.encoding
    sample = data[:_SAMPLE_BYTES]
    scores = [_known_words(sample.decode(name, errors="replace")) for name in near[:_CANDIDATES]]
    top = max(range(len(scores)), key=scores.__getitem__)
    # Only a clear win overrides the best guess: a text in a language the detector does not know
    # (Greek) scores 0 in its right charset, and a wrong one can spell a short word by chance.
    return near[top] if scores[top] >= scores[0] + _CLEAR_WIN else best.encoding


_NEAR_CHAOS = 0.1  # charset_normalizer's "chaos" (mess ratio) within which guesses count as ties
_CANDIDATES = 6
_SAMPLE_BYTES = 4000
_CLEAR_WIN = 3.0  # Zipf points: about one common word ("mañana" is 5.0)
_SPACED_WORDS = re.compile(r"\w*[^\x00-\x7f]\w*")  # words holding a non-ASCII character


def _known_words(text: str) -> float:
    """How well the word list of the text's language knows its distinct non-ASCII words of three
    letters or more: the sum of their Zipf frequencies (0 for an unknown word, 3 for a rare one,
    6 for "también")."""
    from wordfreq import zipf_frequency  # loaded only for the rare non-UTF-8 input

    language = detect_language(text)
    if language is None or language in {"ja", "zh", "ko"}:  # no spaces between their words
        return 0.0
    words = {w.lower() for w in _SPACED_WORDS.findall(text) if len(w) >= 3}
    return sum(zipf_frequency(w, language) for w in words)


def _nearly_utf8(data: bytes) -> str | None:
    """UTF-8 with the odd bad byte replaced, when valid multi-byte characters far outnumber the
    bad bytes: a download cut mid-character, or one pasted Latin-1 word. Guessing another
    charset for these turns every accent of the report into mojibake."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    good = len(_NON_ASCII.findall(text)) - bad
    return text if good >= 4 * bad else None


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / len(sample)


def sniff(text: str) -> str:
    """The format of a text from its content: jsonl, json, json_array, feed, html or text."""
    head = text.lstrip()[:2000].lower()
    if head.startswith("[") and text.rstrip().endswith("]") and _json_shaped(head):
        return "json_array"  # refused as such rather than stored as an article of brackets
    if head.startswith("{"):
        first_line = text.lstrip().split("\n", 1)[0]
        try:
            parse_json(first_line)
            return "jsonl"
        except ValueError:
            return "json"
    if head.startswith("<?xml") or head.startswith("<rss") or head.startswith("<feed"):
        if "<rss" in head or "<feed" in head or "<rdf:rdf" in head:
            return "feed"
        return "html"
    if (
        head.startswith("<!doctype html")
        or head.startswith("<html")
        or (
            head.startswith("<")
            and any(tag in head for tag in ("<body", "<p>", "<p ", "<div", "<article", "<head"))
        )
    ):
        return "html"
    return "text"


def _json_shaped(head: str) -> bool:
    """Whether a text that opens with "[" opens like JSON ("[{", "[[", "[1", '["', "[]") and not
    like a bracketed label of prose ("[Photo] Floods ...")."""
    rest = head[1:].lstrip()
    return not rest or rest[0] in '[{"]-0123456789' or rest.startswith(("true", "false", "null"))


def walk(paths: Sequence[str]) -> Iterator[Path | Rejection]:
    """Files under the given paths in sorted path order (so runs are reproducible)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk_dir(path)
        elif path.is_file():
            yield path
        elif path.exists():
            yield Rejection(printable(raw), "not a regular file; give files or folders")
        elif path.is_symlink():
            yield Rejection(printable(raw), "a symbolic link that leads nowhere (or in a loop)")
        else:
            yield Rejection(printable(raw), "no such file or folder; check the path")


def _walk_dir(root: Path) -> Iterator[Path | Rejection]:
    """Depth-first in sorted path order; links are refused, not followed (no loops, no escapes)."""
    try:
        entries = sorted(root.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield Rejection(
            printable(str(root)), f"folder cannot be read ({exc.strerror}); check its permissions"
        )
        return
    for path in entries:
        if path.name.startswith("."):
            continue
        if path.is_symlink():
            yield Rejection(
                printable(str(path)), "a symbolic link; accord reads only regular files in folders"
            )
        elif path.is_dir():
            yield from _walk_dir(path)
        elif path.is_file():
            yield path
        else:  # a FIFO would block the read forever; a socket or device is no article either
            yield Rejection(printable(str(path)), "not a regular file (a pipe, socket or device)")


def read_file(path: Path, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """The articles of one file: a text, an HTML page, a news-please JSON file or JSONL lines."""
    source = printable(str(path))
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
            if head.lstrip()[:1] == b"{" and _first_line_is_json(path):
                yield from read_jsonl(fh, source, max_bytes, restart=True)
                return
            if path.stat().st_size > max_bytes:
                yield Rejection(
                    source,
                    f"larger than the cap of {max_bytes:,} bytes; raise max_article_bytes or split it",
                )
                return
            data = head + fh.read()
    except OSError as exc:
        yield Rejection(source, f"cannot be read ({exc.strerror}); check its permissions")
        return
    yield from documents_from_bytes(data, source, printable(path.stem))


def _first_line_is_json(path: Path) -> bool:
    """JSON Lines by shape: a first line that is a whole object, and more lines after it.

    Whether each line parses is left to `read_jsonl`, so that a bad first line costs only itself.
    A single line is one JSON article (a news-please file), keyed by its id or file name.
    """
    with path.open("rb") as fh:
        line = fh.readline(_PEEK)
        # A first line too long to peek at whole (a 50 MB record) is skipped in chunks: whether
        # more lines follow decides, and `read_jsonl` refuses the long line alone.
        cut = not line.endswith(b"\n")
        while cut and (chunk := fh.readline(_PEEK)) and not chunk.endswith(b"\n"):
            pass
        rest = fh.readline(_PEEK)
    line = line.strip()
    return line.startswith(b"{") and (cut or line.endswith(b"}")) and bool(rest.strip())


_PEEK = 1_000_000


def documents_from_bytes(
    data: bytes, source: str, key: str, url: str | None = None
) -> Iterator[RawDocument | Rejection]:
    try:
        text = decode(data, source)
    except InputError as exc:
        yield Rejection(source, exc.reason)
        return
    if not text.strip():
        yield Rejection(source, "empty: no text at all")
        return
    kind = sniff(text)
    if kind in ("json", "jsonl", "json_array"):  # a lone line of JSON is one article too
        yield _json_document(text, source, key)
    elif kind == "feed":
        yield Rejection(
            source, "an RSS/Atom feed saved as a file; give its URL to `accord ingest` instead"
        )
    else:
        yield RawDocument(key=key, origin=source, kind=kind, content=text, url=url)


def _json_document(text: str, source: str, key: str) -> RawDocument | Rejection:
    try:
        record = parse_json(text)
    except ValueError as exc:
        return Rejection(source, f"not valid JSON ({json_problem(exc)}); fix the file")
    if not isinstance(record, dict):
        return Rejection(source, "JSON that is not an object; expected one article object per file")
    return RawDocument(
        key=printable(str(record.get("id") or key)), origin=source, kind="record", record=record
    )


def read_jsonl(
    stream: BinaryIO, source: str, max_bytes: int, restart: bool = False
) -> Iterator[RawDocument | Rejection]:
    """One article per line; a bad line is refused by its number and the rest is kept."""
    if restart:
        stream.seek(0)
    for number, line in enumerate(_capped_lines(stream, max_bytes), 1):
        where = f"{source}:{number}"
        if line is None:
            yield Rejection(
                where, f"line larger than the cap of {max_bytes:,} bytes; raise max_article_bytes"
            )
            continue
        if not line.strip():
            continue
        try:
            record = parse_json(line.decode("utf-8-sig"))
        except UnicodeDecodeError:
            yield Rejection(where, "not UTF-8; JSONL must be UTF-8 encoded")
            continue
        except ValueError as exc:
            yield Rejection(where, f"not JSON ({json_problem(exc)}); fix or remove the line")
            continue
        if not isinstance(record, dict):
            yield Rejection(
                where, "a JSON value that is not an object; expected one article object per line"
            )
            continue
        key = (
            record.get("id")
            or record.get("url")
            or record.get("link")
            or f"{Path(source).stem}-{number}"
        )
        yield RawDocument(key=printable(str(key)), origin=where, kind="record", record=record)


def _capped_lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """The lines of `stream`, with None for each line over `max_bytes`, which is skipped in
    chunks: a 50 MB line is never held in memory whole."""
    while line := stream.readline(max_bytes + 1):
        if len(line) <= max_bytes:
            yield line
            continue
        while not line.endswith(b"\n") and (line := stream.readline(max_bytes + 1)):
            pass
        yield None
