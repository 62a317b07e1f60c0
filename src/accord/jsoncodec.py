"""JSON text of the store's rows, through orjson: placing a report writes its story's and its
event's centroids (thousands of weighted terms each) and its analysis rows, and the standard
library's encoder took a tenth of an ingest's main-process CPU, six times orjson's.

The text is compact and UTF-8; what it decodes to is what `json.loads` of `json.dumps` gives,
but for an integer past 64 bits, which orjson refuses to write (`json` writes it) and reads as a
float (the records hold their figures as floats). What orjson refuses to write (that integer, a
string with a lone surrogate) or to read (NaN, which `json.dumps` wrote into stores of earlier
versions; such a string) goes through `json`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import orjson


def dumps(
    value: Any, *, sort_keys: bool = False, default: Callable[[Any], Any] | None = None
) -> str:
    """`value` as JSON text; `default` gives what to write for a value JSON has no type for.
    orjson writes a dataclass as the dict of its fields itself; the fallback asks `default`."""
    option = orjson.OPT_SORT_KEYS if sort_keys else 0
    try:
        return orjson.dumps(value, default=default, option=option).decode()
    except orjson.JSONEncodeError:
        return json.dumps(value, ensure_ascii=False, sort_keys=sort_keys, default=default)


def loads(text: str | bytes) -> Any:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)
