"""What ties each report to its story: `accord.stories.why` and `accord story STORY --why`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from story_texts import CHESS, FLOOD, FLOOD_2, FLOOD_3, add, report
from tests.conftest import run_accord

from accord.model import Article
from accord.store import Store
from accord.stories import corrections, refresh_stories
from accord.stories.why import figure_shown, ties


def _stored(store: Store) -> None:
    placed = add(store, report("f1", FLOOD), report("f2", FLOOD_2), report("c1", CHESS))
    with store.transaction() as conn:
        refresh_stories(store, conn, {m.story for m in placed})


def test_each_report_shows_the_names_and_words_it_shares(store: Store) -> None:
    _stored(store)
    tied = ties(store, "s1")
    assert [t.doc for t in tied] in (["f1", "f2"], ["f2", "f1"])
    for tie in tied:
        assert tie.similarity > 0.2
        assert "varnholm" in tie.shared["names"]
        assert "flood" in tie.shared["words"] and not tie.pinned
    assert tied[0].similarity >= tied[1].similarity


def test_a_report_alone_shares_nothing(store: Store) -> None:
    _stored(store)
    (alone,) = ties(store, "s2")
    assert alone.similarity == 0 and not any(alone.shared.values())


def test_the_event_day_shows_when_another_report_has_it(store: Store) -> None:
    tuesday = date(2031, 3, 4)
    add(
        store,
        replace(report("f1", FLOOD), when=tuesday),
        replace(report("f2", FLOOD_2), when=tuesday),
        report("f3", FLOOD_3),
    )
    days = {t.doc: t.same_day for t in ties(store, "s1")}
    assert days == {"f1": "2031-03-04", "f2": "2031-03-04", "f3": None}


def test_a_report_an_analyst_moved_says_so(store: Store) -> None:
    _stored(store)
    corrections.move(store, "c1", "s1", "ana")
    assert {t.doc: t.pinned for t in ties(store, "s1")} == {"f1": False, "f2": False, "c1": True}


def test_accord_story_why(store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with Store(store_url) as store:
        with store.transaction() as conn:
            texts = {"f1": FLOOD, "f2": FLOOD_2, "c1": CHESS}
            store.articles.insert(conn, [Article(key=k, text=t) for k, t in texts.items()])
        _stored(store)
    code, said = run_accord(capsys, "--db", store_url, "story", "s1", "--why")
    assert code == 0, said
    assert "similarity" in said and "varnholm" in said


@pytest.mark.parametrize(
    ("feature", "shown"),
    [
        ("1e+06 usd", "1 million usd"),
        ("2.5e+06 people", "2.5 million people"),
        ("3e+09", "3 billion"),
        ("1200 people", "1,200 people"),
        ("26 people", "26 people"),
        ("0.5 percent", "0.5 percent"),
    ],
)
def test_a_figure_shows_as_a_reader_writes_it(feature: str, shown: str) -> None:
    assert figure_shown(feature) == shown
