from __future__ import annotations

import numpy

from accord.ingest.dedup import _BLOCK, band_hashes, jaccard, relation_for, shingles, signature

BASE = (
    "Rescue teams in the river town worked through the night after the levee gave way, "
    "and the regional emergency office said twelve people had died and forty were injured. "
    "Officials opened three shelters in schools on the hill and asked residents to boil water."
)


def test_rewrite_shares_bands_and_scores_between_thresholds() -> None:
    rewrite = BASE.replace("worked through the night", "toiled overnight") + (
        " A local charity said it had delivered blankets and food to the shelters by noon."
    )
    a, b = shingles(BASE), shingles(rewrite)
    similarity = jaccard(a, b)
    assert 0.3 < similarity < 0.9
    assert relation_for(similarity, 0.1, 0.9) == "rewrite"
    assert set(band_hashes(a)) & set(band_hashes(b))


def test_unrelated_reports_do_not_link() -> None:
    other = (
        "The city council approved a new budget on Monday, raising spending on parks and "
        "libraries while cutting the cost of parking permits for residents of the old town."
    )
    assert relation_for(jaccard(shingles(BASE), shingles(other)), 0.1, 0.9) is None


def test_identical_text_is_a_duplicate() -> None:
    assert relation_for(jaccard(shingles(BASE), shingles(BASE)), 0.1, 0.9) == "duplicate"
    assert band_hashes(shingles(BASE)) == band_hashes(shingles(BASE))


def test_signatures_are_those_of_stores_written_before() -> None:
    # Band hashes of datasketch 1.6.5's MinHash (seed 1), which made the bands of earlier stores:
    # a new report must meet an old one's bands.
    assert band_hashes(set())[:2] == [8010066705005123979, 8173566103411806027]
    assert band_hashes(shingles("quake"))[:2] == [2519440857365659742, 3833419277661044895]
    text = "Rescuers reached the village on Tuesday after the river rose overnight, officials said."
    assert band_hashes(shingles(text))[:3] == [
        7035721996083529391,
        6161723256926709162,
        4850999475100754649,
    ]


def test_a_signature_of_many_shingles_is_the_least_of_its_parts() -> None:
    # More shingles than one block holds: the blocks' minima make the whole's.
    many = {f"word{n} and more" for n in range(2 * _BLOCK + 5)}
    part = set(list(many)[:100])
    whole = signature(many)
    assert (whole <= signature(part)).all()
    assert (whole == numpy.minimum(signature(part), signature(many - part))).all()
