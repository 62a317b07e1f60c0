"""The analysis stage over stored reports: statements, mentions, claims and times per report, then
each new report's entities resolved against the store's.

Stored results are re-used: a report is analysed again only when ANALYSIS_VERSION rises. Reports
are analysed in worker processes when there are enough of them to repay the start-up; only the
main process writes to the store. Entities are resolved incrementally: a batch's report-local
entities meet only the stored ones that share a blocking key with them (accord.analyze.canonical).
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from accord.analyze import canonical
from accord.analyze.workers import (
    Start,
    default_processes,
    read_reports,
    report_stale_workers,
    server_started,
    store_file,
    worker_pool,
)
from accord.model import Article, Claim, Entity, Rejection
from accord.store import Store
from accord.store.analysis import Found

if TYPE_CHECKING:
    from accord.analyze.reading import Analysis

log = logging.getLogger(__name__)

# Raise when the analysis changes what it stores, so `accord analyze` redoes stored reports.
# 2: the entity index (migration 0003) is filled as reports are analysed; a store analysed before
# it has an empty index, and re-analysing its reports once fills it.
# 3: translated names merge across person and organisation; claims read new measures (displaced,
# a participle after a comma) and keep their counted phrase as written.
# 5: counts of conjoined measures ("arrested and charged"), detention in the passive and as a
# state ("under arrest"), counts without a numeral from wounds, pronouns and ordinals.
# 6: claims of scores and records, durations, magnitudes, lengths and weights, and small counts in
# words; model numbers with capital suffixes refused.
# 7: Spanish reports go through the Spanish pipeline.
# 8: English times include durations, frequencies, vague references, quarters, and months and
# years with no word before them.
# 9: counts without a numeral read as a reader takes them (conditions, bare deaths, natural
# deaths, "held" as custody only); a paragraph's first word in capitals opens its sentence.
# 10: "a.m." before a time zone ends no sentence; a verb being attempted counts no one; "he" may
# be an unnamed official, and a name before "village" is a place.
# 11: a surname of a named person counts one in a coordination ("Jeffs and 11 other men").
# 12: an attempted act, a denied word of death and "body" as the place of a wound tell of no death
# ("charged with attempted murder", "struck in the upper body"); one-line "Related:" links and
# video playlist entries are page furniture.
# 13: a date whose year follows its day with no comma ("Saturday December 13 2008") is read whole.
# 14: a tally's counted people give their words ("raised the number of displaced people to 1,400").
# 15: a name with a group noun in apposition after it is an organisation ("Rescate Norte, the
# relief group that ..."), and so "the group" after it.
# 16: a name right after a person's job title is a person's ("Coordinator Lucía Arranz").
# 17: a statement whose content is a count of its source's gives its figure whatever the cue
# ("raised its count of displaced people to 1,400").
# 18: a name followed by another name in apposition ("Todd Ojile, Wichita Police Department") is
# not read as a group described.
# 19: a name in a Title Case or capitals headline that the body never writes is not a name
# ("Murdering Sheriff", "Gunman Kills Three"); counted people whose noun names a measure ("five
# protesters") take the measure of what befell them when a wound or a condition says it ("five
# protesters were shot").
# 20: a house number before a street word in lower case after the street's name is an address
# ("618 Henson road").
# 21: nothing measured in words that describe a thing is no figure ("a zero-day flaw"); a
# hyphenated measure's description starts at its noun ("day", not "-day").
# 22: "the shooting of a 3-year-old" counts one shot; a name with an age set off beside it is a
# person's ("Smith, 22, was shot").
# 23: a plural that names its people one by one counts them; one "also" shot beside the dead is
# hurt; a participle the tagger took for a past tense still describes its noun.
# 24: a figure of an earlier year leaves the report's own victims counted; names listed with
# their ages are counted one by one.
# 25: a name with an age before it is a person's; "was shot, and was later pronounced dead"
# counts the subject of the first verb dead.
# 26: ages listed after "ages" count no one; a figure of an earlier year in a sentence of a trial
# or a charge is the report's own, beside which the people it names are no count of their own.
# 27: two passive subjects the parser hangs on the verb apart, the "and" on the first, are one
# coordination.
# 28: members of a coordination that say their own harm add up to no total; names listed
# without ages, hung on one another as appositives, are counted; a wound that says it was not
# fatal ("non-life threatening injuries") counts the hurt.
# 29: a count the parser hangs on another's subject keeps its own participle ("Smith killed,
# four men wounded"); "who was shot and killed" counts the noun the pronoun stands for.
# 30: a verbless headline's comma joins counts into a total ("Four children, two adults
# injured"), and its adjective names a count's measure ("Two men dead"); a count of people told
# apart is no member of a total; a relative clause's adverb names its measure.
# 31: "non-fatal injuries" count the hurt.
# 32: members of a coordination that say the same harm share it, and "non-life-threatening
# injuries" in a sentence that tells of a death count no one hurt.
# 33-37: ages written "8 yo", "19 y/o", "19 year olds" count no one; an ordinal after "the" or
# a possessive tells no toll; a toll followed by the killer's own death gets a toll with him
# (accord.analyze.own_death); the people who do a harm are none of its casualties.
ANALYSIS_VERSION = 37
# How long a lease on a report being analysed lasts at most: far longer than a chunk takes, since
# the lease of a live process on another machine ends only by expiring.
LEASE_SECONDS = 900.0
CHUNK = 32  # reports per worker task and per write transaction
# Fewer pending reports than this are analysed in this process. One chunk: the workers share a
# loaded model (the fork server's, or this process's), so they start at little cost, and waiting
# for more reports before starting them left the second core idle at the start of a large ingest.
PARALLEL_FROM = CHUNK
# Longer names read per initials block to tell whether a stored acronym is ambiguous: enough to
# meet a second referent; a block of one referent's spellings is rarely longer.
CLAIMANTS_READ = 16


def analyze_pending(
    store: Store,
    on_progress: Callable[[int, int], None] | None = None,
    processes: int | None = None,
    seconds: dict[str, float] | None = None,
    incoming: Iterable[Sequence[str]] = (),
    on_saved: Callable[[list[Found]], None] | None = None,
    failed: list[Rejection] | None = None,
) -> list[str]:
    """Analyse every stored report that lacks the current analysis, then the reports `incoming`
    yields (keys of reports stored meanwhile: an ingest's store stage, pulled only as the
    workers need more work); return the keys analysed. `on_saved(found)` runs in this process
    after each chunk is saved, with the chunk's analyses as saved, while the workers analyse
    the chunks after it. The time this
    process spends resolving entities and saving is added to `seconds["entities"]`. A report
    the rules failed on is saved with an empty analysis and recorded as refused (the store's
    rejections, and `failed`)."""
    report_stale_workers(store.url)
    stream = _rechunked(chain([store.analysis.pending(ANALYSIS_VERSION)], incoming), CHUNK)
    # Workers repay their start-up only for a large enough batch: read that far ahead to tell.
    head: list[list[str]] = []
    for keys in stream:
        head.append(keys)
        if sum(map(len, head)) >= PARALLEL_FROM:
            break
    workers = processes or default_processes()
    if sum(map(len, head)) < PARALLEL_FROM:
        workers = 1
    seen = 0

    def counted() -> Iterator[list[str]]:
        nonlocal seen
        for keys in chain(head, stream):
            seen += len(keys)
            yield keys

    writing = 0.0  # seconds the main process spends resolving entities and saving
    analysed: list[str] = []
    for results in analyse_chunks(_leased_chunks(store, counted()), workers, store_file(store.url)):
        began = time.perf_counter()
        resolve_batch(store, results)
        saved = [r.found() for r in results]
        refused = [Rejection(r.doc, r.failure) for r in results if r.failure]
        with store.transaction() as conn:
            store.analysis.save_many(conn, ANALYSIS_VERSION, saved)
            store.analysis.release(conn, [r.doc for r in results])
            store.articles.reject(conn, refused)
        if failed is not None:
            failed += refused
        writing += time.perf_counter() - began
        analysed += [r.doc for r in results]
        if on_saved:
            on_saved(saved)
        if on_progress:
            on_progress(len(analysed), seen)
    if seconds is not None:
        seconds["entities"] = seconds.get("entities", 0.0) + writing
    if analysed:
        log.info(
            "analysed %d reports in %d process(es); resolving and saving took %.1f s",
            len(analysed),
            workers,
            writing,
        )
    return analysed


def _rechunked(batches: Iterable[Sequence[str]], size: int) -> Iterator[list[str]]:
    """The keys of `batches` in order, in lists of `size` (the last may be shorter): the same
    chunks whether the keys were known at once or arrive batch by batch."""
    buffer: list[str] = []
    for batch in batches:
        buffer += batch
        while len(buffer) >= size:
            yield buffer[:size]
            del buffer[:size]
    if buffer:
        yield buffer


def _leased_chunks(store: Store, chunks: Iterable[list[str]]) -> Iterator[list[Article]]:
    """The reports of each chunk of keys, leased to this process as it is read: another
    ingest sharing the store (on this machine or another) takes the others, and a report it
    analysed meanwhile is left out."""
    for keys in chunks:
        with store.transaction() as conn:
            mine = store.analysis.lease(
                conn,
                keys,
                ANALYSIS_VERSION,
                lease_owner(),
                time.time() + LEASE_SECONDS,
                lease_ended,
            )
        if mine:
            yield store.articles.all(mine)


def lease_owner() -> str:
    """This process, as the owner of its leases: "host:pid"."""
    return f"{socket.gethostname()}:{os.getpid()}"


def lease_ended(owner: str, expires: float) -> bool:
    """Whether another process's lease has ended: it expired, or its owner was a process of this
    machine that is gone (a killed ingest's reports are taken up at once by the next run)."""
    if expires < time.time():
        return True
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, another user's
    return False


def analyse_chunks(
    chunks: Iterator[list[Article]], workers: int, store: Path | None = None
) -> Iterator[list[Analysis]]:
    """Analyses chunk by chunk, in order; with workers, a few chunks run ahead of the caller.
    The workers die with this process and hold `store` (the store's file) open to be found by a
    later run should they not (accord.analyze.workers).

    Each chunk is shared among the workers, a part each: a report's analysis is its own, and
    with whole chunks a worker sat idle for up to a chunk's time at the end of an ingest while
    another analysed the last one, and at its start while the first waited to be analysed."""
    if workers <= 1:
        yield from map(read_reports, chunks)
        return
    start: Start = "forkserver" if server_started() else "fork"
    if start == "fork":
        # Loaded here, shared by the workers forked from this process instead of loaded in each.
        from accord.analyze.nlp import load_nlp

        load_nlp()
    with worker_pool(workers, store, start=start) as pool:
        ahead: deque[list[Future[list[Analysis]]]] = deque()
        for chunk in chunks:
            ahead.append([pool.submit(read_reports, part) for part in _parts(chunk, workers)])
            if len(ahead) > 2 * workers:
                yield _joined(ahead.popleft())
        while ahead:
            yield _joined(ahead.popleft())


def _parts(chunk: list[Article], count: int) -> list[list[Article]]:
    """`chunk` in at most `count` consecutive parts of near-equal sizes."""
    size = -(-len(chunk) // count)
    return [chunk[i : i + size] for i in range(0, len(chunk), size)]


def _joined(parts: list[Future[list[Analysis]]]) -> list[Analysis]:
    return [analysis for part in parts for analysis in part.result()]


# ---------------------------------------------------------------- entities


def resolve_batch(store: Store, results: list[Analysis]) -> None:
    """Give the batch's statements and claims canonical sources, update the store's entities, and
    rewrite stored statements and claims whose source entity was renamed or merged away."""
    mentions = [m for r in results for m in r.mentions]
    statements = [s for r in results for s in r.statements]
    locals_ = canonical.new_locals(mentions, statements)
    entries = canonical.index_entries(locals_)
    lookup = canonical.lookup_keys(entries)
    rows = store.entities.candidates(lookup.any_type, lookup.not_person)
    # A stored acronym met is joined only if one referent claims it: read some of its claimants.
    rows += store.entities.key_samples(canonical.claimant_keys(rows, lookup), CLAIMANTS_READ)
    known = list(dict.fromkeys(canonical.KnownName(e, label, kind) for _, e, label, kind in rows))
    slugs = Counter(store.entities.slugs(canonical.candidate_slugs(locals_)))
    resolution = canonical.resolve_incremental(locals_, known, store.entities.totals, slugs)
    for r in results:
        r.statements = [canonical.rewrite_statement(s, resolution.canonical) for s in r.statements]
        _rewrite_claims(r.claims, resolution.canonical)
    with store.transaction() as conn:
        store.entities.upsert(conn, resolution.entities, resolution.totals)
        store.entities.merge(
            conn, {old: resolution.canonical[old].id for old in resolution.removed}
        )
        store.entities.index_names(
            conn, [row for k in resolution.indexed for row in _index_rows(k)]
        )
        store.entities.save_slugs(conn, _changed(slugs, resolution.slugs))
    _rewrite_stored(store, resolution.changed, resolution.canonical, {r.doc for r in results})


def _index_rows(name: canonical.KnownName) -> list[dict[str, str]]:
    return [
        {"key": key, "entity": name.entity, "label": name.label, "type": name.type}
        for key in canonical.stored_keys(name.label, name.type)
    ]


def _changed(before: Counter[str], after: Counter[str]) -> dict[str, int]:
    return {slug: n for slug, n in after.items() if before.get(slug) != n}


def _rewrite_claims(claims: list[Claim], entities: dict[str, Entity]) -> None:
    for claim in claims:
        new = entities.get(claim.entity) if claim.entity else None
        if new is not None:
            claim.entity, claim.source = new.id, new.name
            claim.source_type = canonical.source_type(new)


def _rewrite_stored(
    store: Store, changed: list[str], entities: dict[str, Entity], skip: set[str]
) -> None:
    """Statements and claims of stored reports whose source entity changed name or merged: only
    the statements citing those entities are read and written again."""
    cited = [(n, s) for n, s in store.analysis.statements_citing(changed) if s.doc not in skip]
    if not cited:
        return
    wanted = {e: entities[e] for e in changed}
    claims = [
        c for c in store.analysis.claims(sorted({s.doc for _, s in cited})) if c.entity in wanted
    ]
    _rewrite_claims(claims, wanted)
    with store.transaction() as conn:
        store.analysis.rewrite_statements(
            conn, [(n, canonical.rewrite_statement(s, wanted)) for n, s in cited]
        )
        store.analysis.update_claims(conn, claims)
