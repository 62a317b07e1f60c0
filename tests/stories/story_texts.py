"""Hand-written fictional reports for the stories tests (no corpus text) and helpers."""

from __future__ import annotations

from accord.model import Article, Membership
from accord.settings import DEFAULTS
from accord.store import Store
from accord.stories import ReportFeatures, assign, refresh_stories, report_features

FLOOD = (
    "Floods in Varnholm leave 40 dead\n\n"
    "Flash floods swept through the river town of Varnholm on Tuesday, killing 40 people and "
    "forcing Mayor Ilse Brandvik to order the evacuation of the old harbour district.\n\n"
    "Rescue teams from Kessel Province searched collapsed houses along the Varn river."
)
FLOOD_2 = (
    "Varnholm flood toll rises to 52 as Varn river recedes\n\n"
    "The death toll from the flash floods in Varnholm rose to 52, Mayor Ilse Brandvik said, as "
    "the Varn river fell back and rescue teams from Kessel Province reached the harbour district.\n\n"
    "Evacuated families returned to the old harbour."
)
FLOOD_3 = (
    "Varnholm harbour district reopens after deadly floods\n\n"
    "Mayor Ilse Brandvik reopened the harbour district of Varnholm after the flash floods on the "
    "Varn river, which killed 52 people, and thanked rescue teams from Kessel Province.\n\n"
    "Shops along the river began to clear mud."
)
CHESS = (
    "Okonkwo wins Talvik chess open\n\n"
    "Grandmaster Adaeze Okonkwo won the Talvik chess open on Sunday, beating defending champion "
    "Piet Marrow in a tense final game that lasted six hours.\n\n"
    "The tournament drew 300 players to the Talvik concert hall."
)
CHESS_2 = (
    "Okonkwo beats Marrow to take Talvik open title\n\n"
    "Adaeze Okonkwo took the Talvik chess open title, defeating Piet Marrow in a six-hour final "
    "game at the Talvik concert hall, where 300 players competed.\n\n"
    "Okonkwo said the final game was the hardest of her career."
)


def report(key: str, text: str, published: str | None = None) -> ReportFeatures:
    return report_features(Article(key=key, text=text, published=published))


def add(store: Store, *reports: ReportFeatures) -> list[Membership]:
    with store.transaction() as conn:
        return assign(store, conn, list(reports), DEFAULTS)


def place_one_by_one(store: Store, *reports: ReportFeatures) -> None:
    """One report per transaction, as `accord ingest` places them and writes the stories'
    records."""
    for r in reports:
        with store.transaction() as conn:
            refresh_stories(store, conn, {m.story for m in assign(store, conn, [r], DEFAULTS)})


def stories(store: Store) -> dict[str, str]:
    """Each report's story."""
    return {m.doc: m.story for m in store.stories.memberships()}
