"""The corrections log: every correction, and those that moved reports out of or into a story."""

from __future__ import annotations

from accord.store import Store


def test_the_moves_of_one_story_are_found_by_who_and_story(store: Store) -> None:
    with store.transaction() as conn:
        store.corrections.log(conn, "accord", "heal merge", {"from": "s2", "into": "s1"})
        store.corrections.log(conn, "accord", "heal split", {"from": "s1", "into": "s29"})
        store.corrections.log(conn, "ana", "merge", {"from": "s2", "into": "s1"})
        store.corrections.log(conn, "accord", "heal merge", {"from": "s3", "into": "s2_"})
    assert [c["into"] for c in store.corrections.moving("accord", "s2")] == ["s1"]
    assert [c["action"] for c in store.corrections.moving("accord", "s1")] == [
        "heal merge",
        "heal split",
    ]
    assert [c["from"] for c in store.corrections.moving("accord", "s2_")] == ["s3"]
    assert store.corrections.moving("accord", "s%") == []
    assert len(store.corrections.all()) == 4
