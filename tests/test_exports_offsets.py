"""Exported offsets index the text as it was given, before cleaning dropped its lines."""

from __future__ import annotations

import json
from pathlib import Path

from accord import workflow
from accord.exports import input_offsets, time_rows
from accord.model import Article
from accord.settings import load_settings
from accord.store import Store


def test_offsets_map_back_to_the_input_line(tmp_path: Path) -> None:
    raw = "Titular del día\n\n1 de marzo de 2008\n\nEl sábado fueron excarceladas 60 personas."
    cleaned = "Titular del día\n\nEl sábado fueron excarceladas 60 personas."
    path = tmp_path / "reports.jsonl"
    path.write_text(json.dumps({"id": "a", "text": raw}) + "\n", encoding="utf-8")
    article = Article(key="a", text=cleaned, origin=f"{path}:1")
    start = cleaned.index("60")
    mapped = input_offsets(article)(start, start + 2)
    assert raw[mapped[0] : mapped[1]] == "60"


def test_a_line_ending_like_the_dropped_date_line_keeps_its_own_offsets(tmp_path: Path) -> None:
    raw = "Eldmoor hosts the Games 2030\n\nMarch 3, 2030\n\nThe Games open in 2030 on Monday."
    cleaned = "Eldmoor hosts the Games 2030\n\nThe Games open in 2030 on Monday."
    path = tmp_path / "reports.jsonl"
    path.write_text(json.dumps({"id": "a", "text": raw}) + "\n", encoding="utf-8")
    to_input = input_offsets(Article(key="a", text=cleaned, origin=f"{path}:1"))
    headline, body = cleaned.index("2030"), cleaned.rindex("2030")
    assert to_input(headline, headline + 4) == (raw.index("2030"), raw.index("2030") + 4)
    assert to_input(body, body + 4) == (raw.rindex("2030"), raw.rindex("2030") + 4)
    monday = cleaned.index("Monday")
    assert to_input(monday, monday + 6) == (raw.index("Monday"), raw.index("Monday") + 6)


def test_offsets_stay_when_the_input_is_gone() -> None:
    article = Article(key="a", text="Sin origen.", origin="gone.jsonl:3")
    assert input_offsets(article)(0, 3) == (0, 3)


def test_the_date_line_read_as_publication_time_is_exported_as_a_time(tmp_path: Path) -> None:
    raw = "Titular del día\n\n1 de marzo de 2008\n\nEl sábado fueron excarceladas 60 personas."
    path = tmp_path / "reports.jsonl"
    path.write_text(json.dumps({"id": "a", "text": raw}) + "\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        workflow.ingest(store, [str(path)], load_settings(hermetic=True))
        rows = list(time_rows(store))
    line = rows[0]
    assert (line["value"], line["type"]) == ("2008-03-01", "DATE")
    assert raw[line["start"] : line["end"]] == "1 de marzo de 2008"
    assert [r["value"] for r in rows[1:]] == ["2008-03-01"]  # el sábado, that very day
