"""A centroid read back from its stored text is the centroid parsing that text gives, whether it
was just written (and kept) or parsed anew."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

from accord.stories.centroid import Centroid
from accord.stories.index import IndexedReport


def test_a_written_centroid_reads_back_as_its_text_parses() -> None:
    centroid = Centroid()
    for n in range(3):
        centroid.add(
            IndexedReport(
                f"d{n}", "s1", "e1", n, {}, {"w:flood": 0.1234567891, f"w:t{n}": 0.5},
                published=date(2030, 3, 1 + n), language="en", head=("varnholm",),
                embedding=(0.5, 0.25),
            )
        )  # fmt: skip
    text = centroid.to_json()
    kept = Centroid.from_json(text)
    fresh = Centroid.from_json(json.dumps(json.loads(text), ensure_ascii=False) + " ")
    assert kept == fresh
    assert kept.sparse["w:flood"] == round(3 * 0.1234567891, 6)
    kept.add(IndexedReport("d9", "s1", "e1", 9, {}, {"w:flood": 1.0}))
    assert Centroid.from_json(text) == fresh  # a copy was handed out, the kept one is unchanged


def test_centroids_read_from_one_text_change_apart() -> None:
    text = Centroid(size=1, sparse={"w:flood": 0.5}, heads=Counter(varnholm=1)).to_json()
    one, other = Centroid.from_json(text), Centroid.from_json(text)
    one.add(IndexedReport("d1", "s1", "e1", 1, {}, {"w:flood": 0.25}, head=("varnholm",)))
    other.merge(Centroid(size=1, sparse={"w:dam": 1.0}))
    assert (one.size, one.sparse, one.heads) == (2, {"w:flood": 0.75}, Counter(varnholm=2))
    assert (other.size, other.sparse) == (2, {"w:flood": 0.5, "w:dam": 1.0})
    assert Centroid.from_json(text) == Centroid(
        size=1, sparse={"w:flood": 0.5}, heads=Counter(varnholm=1)
    )
