from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.errors import InputError
from accord.ingest.sources import RawDocument, decode, read_file, sniff, walk
from accord.model import Rejection


def _read(path: Path, cap: int = 1_000_000) -> list[RawDocument | Rejection]:
    return list(read_file(path, cap))


def test_sniff_formats() -> None:
    assert sniff('{"id": "a", "text": "x"}\n{"id": "b"}') == "jsonl"
    assert sniff('{\n  "title": "x"\n}') == "json"
    assert sniff("<!DOCTYPE html><html><body><p>Hi</p></body></html>") == "html"
    assert sniff('<?xml version="1.0"?><rss version="2.0"></rss>') == "feed"
    assert sniff("Floods hit the valley\n\nThe river rose.") == "text"


def test_decode_latin1_and_refuses_binary() -> None:
    text = (
        "Le café du village était fermé ce matin-là. Les élèves sont restés à la maison, "
        "et le maire a déclaré que l'école rouvrira après les réparations du pont. "
    ) * 3
    assert decode(text.encode("cp1252"), "f.txt") == text
    with pytest.raises(InputError, match="binary"):
        decode(b"\x00\x01\x02hello", "f.txt")


def test_jsonl_bad_line_is_refused_by_number(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    good = json.dumps({"id": "one", "text": "The dam held overnight, engineers said."})
    path.write_text(
        f"{good}\nnot json\n[1, 2]\n" + json.dumps({"id": "two", "maintext": "More rain."}) + "\n"
    )
    items = _read(path)
    docs = [i for i in items if isinstance(i, RawDocument)]
    refused = [i for i in items if isinstance(i, Rejection)]
    assert [d.key for d in docs] == ["one", "two"]
    assert [r.source for r in refused] == [f"{path}:2", f"{path}:3"]


def test_single_json_file_keyed_by_file_name(tmp_path: Path) -> None:
    path = tmp_path / "story-17.json"
    path.write_text(
        json.dumps(
            {"maintext": "Body.", "title": "T", "date_publish": "2028-03-14 09:00:00"}, indent=2
        )
    )
    (doc,) = _read(path)
    assert isinstance(doc, RawDocument) and doc.key == "story-17" and doc.kind == "record"


def test_size_cap_and_empty(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    (refused,) = _read(big, cap=100)
    assert isinstance(refused, Rejection) and "cap" in refused.reason
    (refused,) = _read(empty)
    assert isinstance(refused, Rejection) and "empty" in refused.reason


def test_walk_sorted_skips_symlinks(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "z.txt").write_text("z")
    (tmp_path / "loop").symlink_to(tmp_path)
    found = list(walk([str(tmp_path), str(tmp_path / "missing")]))
    paths = [f.name for f in found if isinstance(f, Path)]
    assert paths == ["z.txt", "b.txt"]
    reasons = [f.reason for f in found if isinstance(f, Rejection)]
    assert any("symbolic link" in r for r in reasons) and any("no such file" in r for r in reasons)
