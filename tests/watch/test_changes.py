"""accord.changes on hand-made ledgers: figures followed by their values whatever their ids,
moved values and changed verdicts, retracted values, times, and the legacy ledger of a store
from before the snapshots (migration 0008)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, text

from accord import workflow
from accord.changes import compare, ledger_data, parse_since, story_changes
from accord.errors import ConfigError
from accord.model import Article, Group, Membership, Qualifier, SourceValue, Story, Verdict
from accord.settings import Settings
from accord.store import Store, schema
from accord.store.snapshots import Revision


def value(doc: str, n: int, number: float, source: str | None) -> SourceValue:
    return SourceValue(
        doc, f"{doc}#{n}", number, Qualifier.EXACT, None, None, source, "Herald", None, doc
    )


def group(
    ident: str, verdict: Verdict, best: float, *values: SourceValue, measure: str = "killed"
) -> Group:
    return Group(
        id=ident,
        story="s1",
        measure=measure,
        verdict=verdict,
        value=best,
        values=tuple(sorted({v.value for v in values})),
        docs=tuple(dict.fromkeys(v.doc for v in values)),
        members=tuple(v.claim for v in values),
        what=f"people {measure}",
        by_source=values,
    )


def data(groups: list[Group], docs: tuple[str, ...]) -> dict[str, Any]:
    reports = [Article(d, f"Report {d}.", f"Title {d}", outlet=f"Outlet {d}") for d in docs]
    return ledger_data(groups, [], [], reports, [])


def test_a_figure_is_followed_by_its_values_not_its_position() -> None:
    killed = group("s1:g1", Verdict.SINGLE, 12, value("a", 0, 12, "police"))
    injured = group("s1:g2", Verdict.SINGLE, 40, value("a", 1, 40, "police"), measure="injured")
    # The rebuild numbers the groups the other way round: nothing changed.
    before = data([killed, injured], ("a",))
    after = data(
        [
            group("s1:g1", Verdict.SINGLE, 40, value("a", 1, 40, "police"), measure="injured"),
            group("s1:g2", Verdict.SINGLE, 12, value("a", 0, 12, "police")),
        ],
        ("a",),
    )
    assert compare("s1", before, after).changes == []


def test_moves_verdicts_and_retractions() -> None:
    before = data(
        [
            group(
                "s1:g1", Verdict.AGREE, 12, value("a", 0, 12, "police"), value("b", 0, 12, "mayor")
            )
        ],
        ("a", "b"),
    )
    after = data(
        [
            group(
                "s1:g1",
                Verdict.DISPUTE,
                30,
                value("a", 0, 12, "police"),
                value("c", 0, 30, "residents"),
            )
        ],
        ("a", "b", "c"),
    )
    revised = Revision(
        "b", "2031-03-04T00:00:00.000000+00:00", "Correction: no 12.", Article("b", "Old.")
    )
    found = compare("s1", before, after, [revised])
    [moved] = found.of("moved")
    assert (moved.old_value, moved.new_value, moved.source) == (12, 30, "residents")
    [verdict] = found.of("verdict")
    assert (verdict.old, verdict.new) == ("agree", "dispute")
    [retracted] = found.of("retracted")  # b is still in the story but no longer gives 12
    assert (retracted.old_value, retracted.source) == (12, "mayor")
    assert retracted.text == "people killed: mayor's 12 withdrawn by Outlet b"
    assert [c.source for c in found.of("new_source")] == ["residents"]
    assert [c.source for c in found.of("new_outlet")] == ["Outlet c"]
    assert [c.kind for c in found.changes][:4] == ["moved", "verdict", "retracted", "corrected"]
    assert found.of("corrected")[0].text == "Outlet b published a new version: Correction: no 12."
    # Unrevised, b's value leaving the figure is no retraction: the rebuild read it otherwise.
    [dropped] = compare("s1", before, after).of("dropped")
    assert dropped.text == "people killed: mayor's 12 (Outlet b) no longer counts toward it"


def test_times_are_read_in_utc() -> None:
    assert parse_since("2024-11-16") == "2024-11-16T00:00:00.000000+00:00"
    assert parse_since("2024-11-16T12:00:00+02:00") == "2024-11-16T10:00:00.000000+00:00"
    with pytest.raises(ConfigError, match="neither LAST nor a time"):
        parse_since("yesterday")


def _legacy_store(db: Path) -> None:
    """A store as a release before 0008 left it: a story with a ledger and no snapshot."""
    with Store(db) as store, store.transaction() as conn:
        store.articles.insert(conn, [Article("a", "Twelve people died.", content_hash="h")])
        store.stories.set_memberships(conn, [Membership("a", "s1", "e1")])
        store.stories.save(conn, Story("s1", "Fire"))  # stale: no reconciled stamp
        store.ledger.save(
            conn, "s1", [group("s1:g1", Verdict.SINGLE, 12, value("a", 0, 12, "police"))], [], []
        )
        conn.execute(delete(schema.migrations).where(schema.migrations.c.name == "0008_snapshots"))
        for table in ("ledger_snapshots", "report_revisions", "reader_looks", "watch_urls"):
            conn.execute(text(f"DROP TABLE {table}"))


def test_a_ledger_from_before_the_snapshots_is_kept_at_its_first_rebuild(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    _legacy_store(db)
    with Store(db) as store:
        assert store.migrated == ["0008_snapshots"]
        assert workflow.reconcile_stale(store, Settings()) == ["s1"]
        legacy, built = reversed(store.snapshots.history("s1"))
        assert [g["value"] for g in legacy.data["groups"]] == [12] and legacy.built < built.built
        # The rebuilt ledger has no claims to group (none was analysed): the 12 went.
        found = story_changes(store, "s1", legacy.built)
        assert [c.kind for c in found.changes] == ["dropped"]
        # A look at a time leaves the reader's mark alone; a look since LAST moves it.
        assert store.snapshots.last_look("default", "s1") is None
        assert story_changes(store, "s1", "LAST").changes[0].kind == "new_report"
        assert store.snapshots.last_look("default", "s1") == built.built
        assert story_changes(store, "s1", "LAST").changes == []
