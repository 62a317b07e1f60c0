"""Near-duplicates and rewrites: MinHash LSH over word 3-shingles, verified by exact Jaccard.

Word 3-shingles separate a rewrite (many shared phrases) from independent reports of the same
event (shared names, few shared phrases) far better than single words, which link most reports of
one topic. Candidates come from LSH bands of two rows: the bands are the index, kept in the store;
the final decision is the exact Jaccard of the two shingle sets.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import numpy
from numpy.typing import NDArray

from accord.model import Relation

NUM_PERM = 128
ROWS_PER_BAND = 2
# The MinHash of datasketch 1.6.5 (seed 1, a shingle's hash the first 4 bytes of its SHA-1, its
# universal hashes (a * hash + b) mod 2^61 - 1 cut to 32 bits), whose signatures the bands of
# stores written before are made of. Made here: datasketch's package imports scipy's optimize,
# integrate, special and linalg for the LSH tuning accord does not use, some 0.2 s of every
# ingest's start, spent while the analysis workers wait for their first reports.
_PRIME = numpy.uint64((1 << 61) - 1)
_MAX_HASH = numpy.uint64((1 << 32) - 1)
_SEED = 1
_BLOCK = 4096  # shingles permuted at a time: 4 MB arrays
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Link:
    """`later` copies or rewrites `earlier`."""

    later: str
    earlier: str
    relation: Relation
    similarity: float


def shingles(text: str, size: int = 3) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def band_hashes(shingle_set: set[str]) -> list[int]:
    """LSH band hashes of the MinHash signature, as signed 63-bit ints (portable SQL integers)."""
    values = signature(shingle_set)
    out = []
    for band, start in enumerate(range(0, NUM_PERM, ROWS_PER_BAND)):
        rows = values[start : start + ROWS_PER_BAND].tobytes()
        digest = hashlib.blake2b(bytes([band]) + rows, digest_size=8).digest()
        out.append(int.from_bytes(digest, "big") >> 1)
    return out


def signature(shingle_set: set[str]) -> NDArray[numpy.uint64]:
    """The MinHash signature of the shingles: each of NUM_PERM hashes' least value over them
    (every value the largest for no shingle), vectorised over a block of shingles at a time."""
    hashes = numpy.fromiter(
        (_sha1_32(s.encode("utf-8")) for s in shingle_set),
        dtype=numpy.uint64,
        count=len(shingle_set),
    )
    a, b = _permutations()
    minima = numpy.full(NUM_PERM, _MAX_HASH, dtype=numpy.uint64)
    # All of a text at the size cap at once (900,000 shingles) made arrays of 0.9 GB each.
    for start in range(0, len(hashes), _BLOCK):
        block = hashes[start : start + _BLOCK, None]
        # uint64 arithmetic wraps as datasketch's does
        numpy.minimum(minima, ((block * a + b) % _PRIME & _MAX_HASH).min(axis=0), out=minima)
    return minima


def _sha1_32(data: bytes) -> int:
    return int.from_bytes(hashlib.sha1(data).digest()[:4], "little")


@functools.cache
def _permutations() -> tuple[NDArray[numpy.uint64], NDArray[numpy.uint64]]:
    """The (a, b) of each permutation, drawn once in datasketch's order."""
    draw = numpy.random.RandomState(_SEED)
    pairs = [
        (draw.randint(1, _PRIME, dtype=numpy.uint64), draw.randint(0, _PRIME, dtype=numpy.uint64))
        for _ in range(NUM_PERM)
    ]
    a, b = numpy.array(pairs, dtype=numpy.uint64).T
    return a, b


def jaccard(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def relation_for(
    similarity: float, threshold: float, duplicate_threshold: float
) -> Relation | None:
    if similarity >= duplicate_threshold:
        return "duplicate"
    if similarity >= threshold:
        return "rewrite"
    return None
