"""How often the garbage collector runs in accord's processes: the CLI's commands, the web server
and the analysis and ledger workers they fork (which inherit it).

CPython looks for garbage cycles after every 700 objects allocated (net), and each of its passes
walks the objects allocated since. That suits programs that hold few objects; accord's stages
allocate records by the thousand and keep many of them (a chunk's analyses, the records and
terms a story's ledger keeps). Rebuilding the ledger of a 529-report story in a warm process,
its passes took some 70 ms of each 190-225 ms build, and some 10 ms after YOUNG_COLLECTION_AFTER
objects; on an ingest of ECB+'s 982 reports, 0.6-0.8 CPU-seconds of the main process's 15
against 0.2-0.3. Garbage in cycles waits longer to be freed: at most that many objects' worth
(the analysis frees its Docs without waiting for a pass: `accord.analyze.docs.release`).

A library leaves the collector to the program that uses it: only accord's own entry points and
benchmarks call `tune_collector`.
"""

from __future__ import annotations

import gc

YOUNG_COLLECTION_AFTER = 50_000


def tune_collector() -> None:
    """Collect the youngest objects after YOUNG_COLLECTION_AFTER allocations; the older
    generations' thresholds stay CPython's."""
    gc.set_threshold(YOUNG_COLLECTION_AFTER, *gc.get_threshold()[1:])
