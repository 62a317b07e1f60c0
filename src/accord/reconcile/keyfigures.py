"""The story's key figures: for each count of people, the group of whole counts most reports carry.

A reader wants one current figure per measure ("killed: 24"), not every reading and sub-count: the
key figure is the group of the measure's whole counts (no parts) that the most reports carry, with
the most claims, then the largest value, breaking ties.
"""

from __future__ import annotations

from collections.abc import Sequence

from accord.model import Group
from accord.reconcile.roles import Role
from accord.reconcile.verdicts import PEOPLE_MEASURES

MAX_KEY_FIGURES = 4
# A reader looks for the dead, then the hurt, before any other count.
FIRST_MEASURES = ("killed", "injured")


def key_groups(groups: Sequence[Group]) -> list[Group]:
    """The key figure of each people-count measure: the dead, the hurt, then the others, the most
    widely carried first."""
    ranked = sorted(_key_by_measure(groups).values(), key=_weight, reverse=True)
    ranked.sort(key=_precedence)  # stable: each rank keeps the order by weight
    return ranked[:MAX_KEY_FIGURES]


def _precedence(group: Group) -> int:
    measure = group.measure
    return FIRST_MEASURES.index(measure) if measure in FIRST_MEASURES else len(FIRST_MEASURES)


def link_parts(groups: Sequence[Group]) -> None:
    """Set `part_of` on every group of parts: the key figure of its measure, when there is one."""
    wholes = {measure: g.id for measure, g in _key_by_measure(groups).items()}
    for g in groups:
        if g.role == Role.PART:
            g.part_of = wholes.get(g.measure)


def _key_by_measure(groups: Sequence[Group]) -> dict[str, Group]:
    best: dict[str, Group] = {}
    for g in groups:
        if g.measure not in PEOPLE_MEASURES or g.role != Role.FIGURE or g.value is None:
            continue
        held = best.get(g.measure)
        if held is None or _weight(g) > _weight(held):
            best[g.measure] = g
    return best


def _weight(group: Group) -> tuple[int, int, float]:
    return len(group.docs), len(group.members), group.value or 0.0
