"""The store's JSON text reads back as the standard library's does, whatever orjson refuses."""

from __future__ import annotations

import json
from dataclasses import dataclass

from accord import jsoncodec


@dataclass(slots=True)
class _Row:
    name: str
    value: float
    parts: tuple[int, ...]


def test_text_decodes_as_the_standard_library_writes_it() -> None:
    value = {"b": [_Row("Ñandú «ciudad»", 0.1 + 0.2, (1, 2))], "a": 1e-7}
    text = jsoncodec.dumps(value, sort_keys=True)
    assert "Ñandú" in text  # UTF-8, not escaped
    expected = {"a": 1e-7, "b": [{"name": "Ñandú «ciudad»", "value": 0.1 + 0.2, "parts": [1, 2]}]}
    assert jsoncodec.loads(text) == json.loads(json.dumps(expected)) == expected


def test_an_integer_past_64_bits_is_written_all_the_same() -> None:
    # A figure read from hostile text may be any length: orjson refuses to write it, json does
    # not; it reads back as a float, as the records hold their figures.
    huge = 2**70
    assert jsoncodec.dumps({"value": huge}) == '{"value": 1180591620717411303424}'
    assert jsoncodec.loads(jsoncodec.dumps({"value": huge})) == {"value": float(huge)}


def test_text_an_earlier_version_wrote_with_nan_is_read() -> None:
    assert jsoncodec.loads(json.dumps({"x": float("inf")}))["x"] == float("inf")


def test_a_lone_surrogate_is_written_and_read_as_json_does() -> None:
    # orjson refuses text that is not UTF-8; json writes it, as the store did before orjson.
    value = {"text": "caf\ud800e"}
    assert jsoncodec.loads(jsoncodec.dumps(value)) == value
