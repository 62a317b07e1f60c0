"""The day a report's event happened on: from the time expressions of its head, never from a date
inferred from its story."""

from __future__ import annotations

from datetime import date

from story_texts import FLOOD

from accord.model import Article, TimeMention
from accord.store import Store
from accord.stories import event_day
from accord.workflow import stored_features

LEAD_END = FLOOD.index("harbour district.") + len("harbour district.")


def time(
    text: str, when: str | None, at: str, relative: bool = True, doc: str = "f1"
) -> TimeMention:
    start = FLOOD.index(at)
    return TimeMention(doc, text, start, start + len(text), 0, LEAD_END, when, relative)


TUESDAY = time("on Tuesday", "2031-03-04", "on Tuesday")
BODY_DAY = time("Kessel", "2031-02-11", "Kessel Province searched", relative=False)


def test_the_first_day_of_the_head_is_the_event_day() -> None:
    assert event_day(FLOOD, [BODY_DAY, TUESDAY]) == date(2031, 3, 4)


def test_a_day_below_the_lead_a_month_or_an_unresolved_time_is_no_event_day() -> None:
    month = time("on Tuesday", "2031-03", "on Tuesday", relative=False)
    unresolved = time("on Tuesday", None, "on Tuesday")
    assert event_day(FLOOD, [BODY_DAY, month, unresolved]) is None


def _stored(store: Store, article: Article, times: list[TimeMention]) -> None:
    with store.transaction() as conn:
        store.articles.insert(conn, [article])
        store.analysis.save(conn, article.key, 1, [], [], [], times)


def test_a_relative_day_read_against_an_inferred_date_is_not_evidence(store: Store) -> None:
    """The ledger infers an undated report's date from its story; "on Tuesday" read against that
    date would tie the report to its story by the story's own guess."""
    _stored(
        store,
        Article(key="f1", text=FLOOD, published="2031-03-06", published_inferred=True),
        [TUESDAY],
    )
    (features,) = stored_features(store, store.articles.all())
    assert features.when is None and features.published is None


def test_a_relative_day_read_against_the_report_own_date_is(store: Store) -> None:
    _stored(store, Article(key="f1", text=FLOOD, published="2031-03-06"), [TUESDAY])
    (features,) = stored_features(store, store.articles.all())
    assert features.when == date(2031, 3, 4) and features.published == date(2031, 3, 6)
