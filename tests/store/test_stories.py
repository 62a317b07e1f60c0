"""Stories and memberships, read and written in chunks of ids past the store's IN (...) bound."""

from __future__ import annotations

from accord.model import Article, Membership, Story
from accord.store import Store
from accord.store._rows import CHUNK


def test_more_ids_than_one_query_binds(store: Store) -> None:
    keys = [f"r{n:04d}" for n in range(CHUNK + 7)]
    with store.transaction() as conn:
        store.articles.insert(conn, [Article(key=k, text=k, content_hash=k) for k in keys])
        for k in keys[:3]:
            store.stories.save(conn, Story(id=f"s-{k}", title=k))
        store.stories.set_memberships(
            conn, [Membership(doc=k, story="s1", event="e1") for k in keys[1:]]
        )
    assert [a.key for a in store.articles.unplaced()] == ["r0000"]
    assert [m.doc for m in store.stories.memberships_of(keys)] == keys[1:]
    wanted = [f"s-{k}" for k in keys]
    assert [s.id for s in store.stories.all(wanted)] == wanted[:3]
