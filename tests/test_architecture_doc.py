"""docs/architecture.md names only what exists: every `src/accord/...` path and every dotted
`accord.` name (a module, or a module's attribute)."""

from __future__ import annotations

import importlib
import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "architecture.md"
_PATH = re.compile(r"\bsrc/accord(?:/[\w.]+)*/?")
_DOTTED = re.compile(r"(?<![\w/.])accord(?:\.\w+)+")


def _resolves(dotted: str) -> bool:
    """Whether the longest importable module prefix of `dotted` has the rest as attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        module = ".".join(parts[:cut])
        try:
            spec = importlib.util.find_spec(module)
        except ModuleNotFoundError:  # a prefix that is a module, not a package
            spec = None
        if spec is None:
            continue
        value: object = importlib.import_module(module)
        for name in parts[cut:]:
            if not hasattr(value, name):
                return False
            value = getattr(value, name)
        return True
    return False


def test_the_doc_names_paths_and_modules() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert len(set(_PATH.findall(text))) >= 10 and len(set(_DOTTED.findall(text))) >= 20


def test_every_path_in_the_doc_exists() -> None:
    paths = set(_PATH.findall(DOC.read_text(encoding="utf-8")))
    assert [p for p in sorted(paths) if not (ROOT / p.rstrip(".")).exists()] == []


def test_every_dotted_name_in_the_doc_exists() -> None:
    names = {n.rstrip(".") for n in _DOTTED.findall(DOC.read_text(encoding="utf-8"))}
    assert [n for n in sorted(names) if not _resolves(n)] == []


def test_a_missing_name_is_caught() -> None:
    assert _resolves("accord.report.view.Citer") and _resolves("accord.store")
    assert not _resolves("accord.report.nowhere") and not _resolves("accord.model.Nothing")
