"""Words of the people a count names: everyone its measure counts ("24 people", "five dead"), or
some of them ("six children", "two officers"), which is a part of the whole and no rival to it."""

from __future__ import annotations

# Counted things that name everyone the measure counts; any other people-word (children, women,
# Americans, soldiers) names a sub-group, a part of a larger count the same report gives.
WHOLE_UNITS = {
    "", "people", "persons", "person", "individuals", "victims", "dead", "deaths", "casualties",
    "fatalities", "bodies", "body", "lives", "life", "others", "other",
}  # fmt: skip

# Nouns of some of the people a measure counts; a capitalised plural ("Americans") is one too.
SUB_GROUP_NOUNS = {
    "children", "child", "kids", "boys", "girls", "babies", "infants", "teenagers", "teens",
    "minors", "students", "pupils", "women", "woman", "men", "man", "soldiers", "troops",
    "officers", "policemen", "police", "firefighters", "workers", "employees", "staff",
    "foreigners", "tourists", "passengers", "crew", "members", "relatives", "cousins", "brothers",
    "sisters", "sons", "daughters", "militants", "fighters", "gunmen", "civilians", "patients",
    "baby", "policeman", "gunman",
}  # fmt: skip


def names_some(counted: str | None) -> bool:
    """Whether a claim's counted noun (a lemma with its modifiers: "officer", "young child")
    names some of the people, a sub-group."""
    noun = (counted or "").split()[-1:] or [""]
    return noun[0] in SUB_GROUP_NOUNS or f"{noun[0]}s" in SUB_GROUP_NOUNS


def names_everyone(counted: str | None) -> bool:
    """Whether a claim's counted noun names everyone its measure counts, or no one in particular
    ("12 killed")."""
    return counted is None or counted in WHOLE_UNITS or f"{counted}s" in WHOLE_UNITS
