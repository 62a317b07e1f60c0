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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from accord.model import Relation

if TYPE_CHECKING:
    from datasketch import MinHash

NUM_PERM = 128
ROWS_PER_BAND = 2
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
    minhash = _minhash()
    # One vectorised pass over all shingles: the same signature as updating one at a time.
    minhash.update_batch([s.encode("utf-8") for s in shingle_set])
    values = minhash.hashvalues
    out = []
    for band, start in enumerate(range(0, NUM_PERM, ROWS_PER_BAND)):
        rows = values[start : start + ROWS_PER_BAND].tobytes()
        digest = hashlib.blake2b(bytes([band]) + rows, digest_size=8).digest()
        out.append(int.from_bytes(digest, "big") >> 1)
    return out


def _minhash() -> MinHash:
    # Imported here: datasketch's package imports scipy's integrate, special and optimize (a
    # fifth of the command line's start-up) for the LSH tuning accord does not use, and only
    # storing reports needs a MinHash.
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, permutations=_permutations())


@functools.cache
def _permutations() -> Any:
    """The hash permutations of seed 1, drawn once: MinHash draws them anew for every instance,
    which took as long as hashing a report's shingles."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1).permutations


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def relation_for(
    similarity: float, threshold: float, duplicate_threshold: float
) -> Relation | None:
    if similarity >= duplicate_threshold:
        return "duplicate"
    if similarity >= threshold:
        return "rewrite"
    return None
