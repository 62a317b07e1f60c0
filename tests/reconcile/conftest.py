"""Factories for hand-built, fictional reports and claims (the town of Eldmoor and its floods)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from accord.model import Article, Claim

ClaimFactory = Callable[..., Claim]
ArticleFactory = Callable[..., Article]


def _claim(doc: str, value: float, measure: str = "killed", **kw: Any) -> Claim:
    sentence = kw.pop("sentence", f"Officials said {value:g} people were {measure} in Eldmoor.")
    kw.setdefault("id", f"{doc}#{value:g}{kw.get('qualifier', '')}")
    kw.setdefault("start", 0)
    kw.setdefault("end", 3)
    return Claim(
        doc=doc, value=value, sentence=sentence, sentence_start=0, sentence_end=len(sentence),
        measure=measure, **kw,
    )  # fmt: skip


def _article(key: str, published: str | None = "2031-03-02", **kw: Any) -> Article:
    kw.setdefault("text", f"Report {key} about the Eldmoor flood. The river rose overnight.")
    return Article(key=key, published=published, **kw)


@pytest.fixture
def claim() -> ClaimFactory:
    return _claim


@pytest.fixture
def article() -> ArticleFactory:
    return _article
