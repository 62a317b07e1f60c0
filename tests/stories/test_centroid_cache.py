"""A centroid read back from its stored text is the centroid parsing that text gives, whether it
was just written (and kept) or parsed anew."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import fields, replace
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


def test_a_centroid_read_and_changed_is_stored_as_one_made_anew() -> None:
    """Of a centroid read from its text, only the terms a change touched are rounded again for
    storage: the text is the one rounding every term gives."""
    reports = [
        IndexedReport(f"d{n}", "s1", "e1", n, {}, {"w:flood": 0.1234567891 * n, f"w:t{n}": 1 / 3},
                      neutral={"x:varnholm": 0.2718281828 * n}, language="en")
        for n in range(1, 4)
    ]  # fmt: skip
    first = Centroid()
    first.add(reports[0])
    read = Centroid.from_json(first.to_json())
    for report in reports[1:]:
        read.add(report)
    anew = Centroid.from_json(first.to_json()).copy()
    anew.changed = None  # as a centroid made otherwise than read: every term is rounded
    for report in reports[1:]:
        anew.add(report)
    assert read.to_json() == anew.to_json()
    assert json.loads(read.to_json())["sparse"]["w:flood"] == round(
        round(0.1234567891, 6) + 0.1234567891 * 5, 6
    )


def test_a_shared_view_is_the_centroid_marked_shared() -> None:
    """`shared_view` is `dataclasses.replace(centroid, shared=True)`, field for field: a field
    added to Centroid must be added to it too."""
    centroid = Centroid(
        size=2, sparse={"w:flood": 0.5}, days=Counter({"2030-03-01": 2}),
        sent=Counter({"2030-03-02": 1}), dense=[0.5, 0.25], dense_size=2,
        languages=Counter(en=2), neutral={"w:dam": 0.25}, split={"es": {"w:presa": 0.5}},
        heads=Counter(varnholm=2), changed={"w:flood"},
    )  # fmt: skip
    view, expected = centroid.shared_view(), replace(centroid, shared=True)
    assert [getattr(view, f.name) for f in fields(Centroid)] == [
        getattr(expected, f.name) for f in fields(Centroid)
    ]
    assert view.shared and view.sparse is centroid.sparse
