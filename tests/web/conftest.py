"""Fixtures of the web tests: a real store filled with hand-made fictional records, on each backend
(an SQLite file and a PostgreSQL schema).

`shared_memory_store` is an in-memory store that the TestClient's threads share: Store.memory() keeps
the same in-memory database on one connection shared by every thread.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest

from accord.model import (
    Article,
    BriefingSentence,
    Claim,
    Entity,
    Group,
    Membership,
    Rejection,
    SourceValue,
    Statement,
    Story,
    TimelineEntry,
)
from accord.store import Store
from accord.web import create_app

# Starlette 0.46's test client names an anyio alias that newer anyio deprecates on import.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

TOKEN = "test-token-123"
ORIGIN = {"Origin": "http://testserver"}
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"

FIRE_1 = (
    "A fire swept through the harbour of Port Elsin on Sunday. "
    "The fire brigade said 12 people were killed. "
    "Mayor Ada Quill said the port would reopen soon."
)
FIRE_2 = (
    "Residents of Port Elsin said 30 people died in the harbour fire. "
    "The fire brigade still counts 12 dead."
)
EVIL = f"Harbour note {XSS_SCRIPT} and {XSS_IMG} as 7 people fled the docks."
BUDGET = "The council of Tarnwick passed its budget by 9 votes to 4 on Monday."


def shared_memory_store() -> Store:
    """An in-memory store that the app's threads share (Store.memory() uses one connection)."""
    return Store.memory()


def at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def claim(doc: str, n: int, text: str, words: str, value: float, **kw: object) -> Claim:
    start, end = at(text, words)
    return Claim(
        doc=doc,
        value=value,
        start=start,
        end=end,
        sentence=words,
        sentence_start=start,
        sentence_end=end,
        id=f"{doc}#{n}",
        **kw,  # type: ignore[arg-type]
    )


def articles() -> list[Article]:
    return [
        Article(
            "r1",
            FIRE_1,
            "Fire at Port Elsin harbour kills 12",
            outlet="Coast Herald",
            published="2031-03-02",
            content_hash="h1",
            url="https://example.org/r1",
        ),
        Article(
            "r2",
            FIRE_2,
            "Port Elsin fire toll disputed",
            outlet="Daily Lantern",
            published="2031-03-03",
            content_hash="h2",
        ),
        Article(
            "r3",
            FIRE_1,
            "Fire at Port Elsin harbour kills 12",
            outlet="Wire Agency",
            published="2031-03-02",
            content_hash="h3",
            duplicate_of="r1",
            relation="duplicate",
        ),
        Article(
            "x1",
            EVIL,
            f"{XSS_SCRIPT} harbour {XSS_IMG}",
            outlet=XSS_IMG,
            published="2031-03-04",
            content_hash="h4",
            url="javascript:alert(1)",
        ),
        Article(
            "b1",
            BUDGET,
            "Tarnwick passes budget",
            outlet="Coast Herald",
            published="2031-05-01",
            content_hash="h5",
        ),
    ]


def claims() -> dict[str, list[Claim]]:
    killed = {"measure": "killed", "unit": "people", "what": "people killed"}
    return {
        "r1": [claim("r1", 0, FIRE_1, "12", 12, source="fire brigade", group="s1:g1", **killed)],
        "r2": [
            claim("r2", 0, FIRE_2, "30", 30, source="residents", group="s1:g1", **killed),
            claim("r2", 1, FIRE_2, "12", 12, source="fire brigade", group="s1:g1", **killed),
        ],
        "x1": [
            claim(
                "x1",
                0,
                EVIL,
                "7",
                7,
                measure="displaced",
                what=XSS_SCRIPT,
                source="dock workers",
                entity="e2",
                group="s1:g2",
            )
        ],
        "b1": [claim("b1", 0, BUDGET, "9", 9, measure="votes", group="s2:g1")],
    }


def statements() -> dict[str, list[Statement]]:
    c1, s1, q1 = (
        at(FIRE_1, "the port would reopen soon"),
        at(FIRE_1, "Ada Quill"),
        at(FIRE_1, "said the port"),
    )
    c2, s2 = at(EVIL, XSS_SCRIPT), at(EVIL, "Harbour note")
    return {
        "r1": [
            Statement(
                "r1",
                "the port would reopen soon",
                c1[0],
                c1[1],
                s1[0],
                c1[1],
                source_span="Ada Quill",
                source_start=s1[0],
                source_end=s1[1],
                source="Ada Quill",
                entity="e1",
                cue="said",
                cue_start=q1[0],
                cue_end=q1[0] + 4,
            )
        ],
        "x1": [
            Statement(
                "x1",
                XSS_SCRIPT,
                c2[0],
                c2[1],
                0,
                len(EVIL),
                source_span="Harbour note",
                source_start=s2[0],
                source_end=s2[1],
                source=XSS_IMG,
                entity="e2",
            )
        ],
    }


def value(doc: str, claim_id: str, v: float, source: str, outlet: str, day: str) -> SourceValue:
    return SourceValue(doc, claim_id, v, "exact", None, None, source, outlet, day, doc)


def groups() -> dict[str, list[Group]]:
    fire = Group(
        "s1:g1",
        "s1",
        "killed",
        "dispute",
        12.0,
        (12.0, 30.0),
        ("r1", "r2"),
        ("r1#0", "r2#0", "r2#1"),
        what="people killed",
        unit="people",
        low=12,
        high=30,
        first_reported="2031-03-02",
        last_reported="2031-03-03",
        explanation="The fire brigade says 12; residents say 30.",
        by_source=(
            value("r1", "r1#0", 12, "fire brigade", "Coast Herald", "2031-03-02"),
            value("r2", "r2#0", 30, "residents", "Daily Lantern", "2031-03-03"),
            value("r2", "r2#1", 12, "fire brigade", "Daily Lantern", "2031-03-03"),
        ),
    )
    fled = Group(
        "s1:g2",
        "s1",
        "displaced",
        "single",
        7.0,
        (7.0,),
        ("x1",),
        ("x1#0",),
        what=XSS_SCRIPT,
        by_source=(value("x1", "x1#0", 7, XSS_IMG, XSS_IMG, "2031-03-04"),),
    )
    votes = Group("s2:g1", "s2", "votes", "single", 9.0, (9.0,), ("b1",), ("b1#0",), what="votes")
    return {"s1": [fire, fled], "s2": [votes]}


def fill(store: Store) -> None:
    found_claims, found_statements, found_groups = claims(), statements(), groups()
    with store.transaction() as conn:
        store.articles.insert(conn, articles())
        for a in articles():
            store.analysis.save(
                conn, a.key, 1, found_statements.get(a.key, []), found_claims.get(a.key, []), [], []
            )
        store.entities.replace(
            conn,
            [
                Entity("e1", "Ada Quill", "person", ("the mayor",), 3),
                Entity("e2", XSS_SCRIPT, "other", (XSS_IMG,), 1),
            ],
        )
        store.stories.save(
            conn,
            Story(
                "s1",
                "Harbour fire in Port Elsin",
                reports=4,
                first_published="2031-03-02",
                last_published="2031-03-04",
                outlets=("Coast Herald", "Daily Lantern"),
                reconciled="x",
            ),
        )
        store.stories.save(
            conn,
            Story(
                "s2",
                "Budget vote in Tarnwick",
                reports=1,
                first_published="2031-05-01",
                last_published="2031-05-01",
                reconciled="x",
            ),
        )
        store.stories.set_memberships(
            conn,
            [Membership(d, "s1", "e1") for d in ("r1", "r2", "r3", "x1")]
            + [Membership("b1", "s2", "e1")],
        )
        store.ledger.save(
            conn,
            "s1",
            found_groups["s1"],
            [
                TimelineEntry(
                    "2031-03-02",
                    "Fire sweeps Port Elsin harbour",
                    ("r1", "r3"),
                    "s1",
                    (("r1", 0, 57),),
                )
            ],
            [
                BriefingSentence(
                    "A fire swept through the harbour of Port Elsin.", ("r1",), "s1", "r1", 0, 57
                ),
                BriefingSentence(
                    "Sources dispute the toll: 12 or 30.", ("r1", "r2"), "s1", kind="dispute"
                ),
            ],
        )
        store.ledger.save(conn, "s2", found_groups["s2"], [], [])
        store.articles.reject(conn, [Rejection("inbox/empty.txt", "no text found")])


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """The records above in a new store, on each backend."""
    with Store(store_url) as made:
        fill(made)
        yield made


@pytest.fixture
def client(store: Store) -> TestClient:
    return TestClient(create_app(store, TOKEN))


@pytest.fixture
def readonly(store: Store) -> TestClient:
    return TestClient(create_app(store, None))


def sign_in(client: TestClient) -> str:
    """Sign the client in; return the CSRF token its forms carry."""
    answer = client.post(
        "/login", data={"token": TOKEN, "next": "/"}, headers=ORIGIN, follow_redirects=False
    )
    assert answer.status_code == 303
    page = client.get("/stories/s1").text
    marker = 'name="csrf" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]
