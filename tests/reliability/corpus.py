"""Generated reports for the reliability tests: short, fictional, written on the fly.

Names are built from syllables so that no two reports share many word triples: templated reports
would otherwise all be linked as rewrites of each other, which no real corpus looks like.
"""

from __future__ import annotations

import random
from pathlib import Path

SYLLABLES = (
    "ka",
    "lor",
    "ven",
    "mi",
    "dra",
    "tos",
    "bel",
    "qui",
    "ran",
    "sho",
    "fel",
    "mar",
    "ix",
    "tu",
    "gan",
    "po",
    "rel",
    "sa",
    "vik",
    "den",
    "ol",
    "bra",
    "zen",
    "hal",
    "cor",
    "nu",
)
EVENTS = ("floods", "a storm", "a fire", "an earthquake", "a landslide", "a heatwave", "a blizzard")
OUTCOMES = (
    "people were evacuated from",
    "homes lost power across",
    "residents moved to shelters in",
    "buildings were damaged in",
    "families were relocated from",
    "schools closed in",
    "roads were blocked around",
)
VERBS = ("said", "told reporters", "confirmed", "announced", "reported", "estimated")


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def report(n: int, rng: random.Random) -> str:
    """One short report: a headline and two sentences with figures, unlike its siblings."""
    town, other = _name(rng, 3), _name(rng, 3)
    who = f"{_name(rng, 2)} {_name(rng, 3)}"
    return (
        f"{rng.choice(EVENTS).capitalize()} strikes {town}\n\n"
        f"{who} {rng.choice(VERBS)} that {rng.randint(3, 9000)} {rng.choice(OUTCOMES)} {town} "
        f"on day {n % 28 + 1}. "
        f"In {other}, {rng.randint(2, 400)} {rng.choice(OUTCOMES).split()[0]} "
        f"were counted by the {_name(rng, 2)} office.\n"
    )


def write_reports(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """`count` reports named r00000.txt, r00001.txt, ... in `folder`."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"r{n:05d}.txt"
        path.write_text(report(n, rng), encoding="utf-8")
        paths.append(path)
    return paths
