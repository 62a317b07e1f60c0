"""Tables of the store.

Each stage's records are kept as a JSON `data` column (the record's `to_dict`) beside the few columns
that queries filter or join on. Records gain fields over time without a migration, and SQL stays
portable: no SQLite-only types or functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

migrations = Table(
    "migrations",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("key", String(500), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("published", String(40)),
    Column("outlet", String(300)),
    Column("duplicate_of", String(500)),
    Column("analysis_version", Integer, nullable=False, default=0),
    # Whether the report has a story (a row in memberships): the reports still to place are then
    # read through this index, not by probing every stored report's membership.
    Column("placed", Boolean, nullable=False, default=False, index=True),
    Column("data", Text, nullable=False),
)

rejections = Table(
    "rejections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", String(40), nullable=False),
)

# Locality-sensitive hashing bands of each article's MinHash signature: two articles that share a
# band hash are candidates for a near-duplicate check. Kept in the store (not rebuilt in memory)
# so that adding one report to a large store stays cheap.
minhash_bands = Table(
    "minhash_bands",
    metadata,
    # 63-bit hashes: BIGINT, which SQLite's INTEGER already is and PostgreSQL's INTEGER is not.
    Column("band", BigInteger, nullable=False),
    Column("key", String(500), nullable=False),
    Index("ix_minhash_bands_band", "band"),
)
# A revised report's bands are replaced by its key: without this index each replacement read the
# whole table, 6.4 million rows at 100,000 reports (migration 0015 adds it to older stores).
BANDS_BY_KEY = Index("ix_minhash_bands_key", minhash_bands.c.key)

entities = Table(
    "entities",
    metadata,
    Column("id", String(300), primary_key=True),
    Column("name", String(500), nullable=False),
    Column("type", String(40), nullable=False),
    Column("data", Text, nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc", String(500), nullable=False, index=True),
    Column("entity", String(300), nullable=False, index=True),
    Column("data", Text, nullable=False),
)

statements = Table(
    "statements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc", String(500), nullable=False, index=True),
    Column("entity", String(300), index=True),
    Column("data", Text, nullable=False),
)

times = Table(
    "times",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc", String(500), nullable=False, index=True),
    Column("data", Text, nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(600), primary_key=True),
    Column("doc", String(500), nullable=False, index=True),
    Column("measure", String(40), nullable=False),
    Column("value", Float, nullable=False),
    Column("source", String(500)),
    Column("group_id", String(300), index=True),
    Column("data", Text, nullable=False),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("title", Text, nullable=False),
    Column("last_published", String(40)),
    Column("data", Text, nullable=False),
    # When the story's ledger was last built (Story.reconciled); NULL marks a stale ledger, found
    # without reading every story's JSON. Added by migration 0003.
    Column("reconciled", String(40)),
    # How many reports the story has (Story.reports), for the list sorted by it. Added by 0010.
    Column("reports", Integer, nullable=False, default=0),
)

memberships = Table(
    "memberships",
    metadata,
    Column("doc", String(500), primary_key=True),
    Column("story", String(100), nullable=False, index=True),
    Column("event", String(100), nullable=False),
    Column("pinned", Boolean, nullable=False, default=False),
)

groups = Table(
    "groups",
    metadata,
    Column("id", String(300), primary_key=True),
    Column("story", String(100), nullable=False, index=True),
    Column("verdict", String(20), nullable=False),
    Column("data", Text, nullable=False),
)

timeline = Table(
    "timeline",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story", String(100), nullable=False, index=True),
    Column("date", String(40), nullable=False),
    Column("data", Text, nullable=False),
)

briefings = Table(
    "briefings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story", String(100), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("data", Text, nullable=False),
)

corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("who", String(200), nullable=False),
    Column("action", String(40), nullable=False),
    Column("data", Text, nullable=False),
)

Index("ix_articles_published", articles.c.published)

# stories index
# Kept apart from `memberships` (the export) because clustering needs each report's features, the
# document frequencies and an inverted index to find candidate stories without scanning the store.

story_docs = Table(
    "story_docs",
    metadata,
    Column("doc", String(500), primary_key=True),
    Column("story", String(100), nullable=False),
    Column("event", String(100), nullable=False),
    Column("seq", Integer, nullable=False, index=True),  # arrival order in the index
    Column("published", String(40)),
    Column("refers_to", String(40)),  # the day the report's figures refer to
    Column("pinned", Boolean, nullable=False, default=False),
    Column("data", Text, nullable=False),  # JSON: feature counts, title, lead, outlet, embedding
)

story_terms = Table(
    "story_terms",
    metadata,
    Column("term", String(300), primary_key=True),
    Column("df", Integer, nullable=False),
)

story_postings = Table(
    "story_postings",
    metadata,
    Column("term", String(300), primary_key=True),
    Column("story", String(100), primary_key=True),
    Column("seq", Integer, nullable=False),  # latest arrival that posted the term to the story
)

story_index = Table(
    "story_index",
    metadata,
    Column("story", String(100), primary_key=True),
    Column("num", Integer, nullable=False, unique=True),
    Column("title", Text),  # an analyst's title (rename), kept over the computed one
    Column("next_event", Integer, nullable=False, default=1),
    Column("centroid", Text, nullable=False),  # JSON: size, dates and summed report vectors
)

story_events = Table(
    "story_events",
    metadata,
    Column("story", String(100), primary_key=True),
    Column("event", String(100), primary_key=True),
    Column("centroid", Text, nullable=False),
)

Index("ix_story_docs_story_seq", story_docs.c.story, story_docs.c.seq)
Index("ix_story_postings_term_seq", story_postings.c.term, story_postings.c.seq)
# A story merged away or grouped again drops its postings by story: without this index each drop
# read the whole table, millions of rows at 100,000 reports (migration 0012 adds it to older
# stores).
POSTINGS_BY_STORY = Index("ix_story_postings_story", story_postings.c.story)

# entity index
# Lets a new report's entities be resolved against only the stored ones they could merge with
# (accord.analyze.canonical): each distinct label of each canonical entity under each of its
# blocking keys, each entity's summed counters, and how many entities use each slug.

entity_keys = Table(
    "entity_keys",
    metadata,
    Column("key", String(600), primary_key=True),
    Column("entity", String(300), primary_key=True),
    Column("label", String(600), primary_key=True),
    Column("type", String(40), primary_key=True),
    Index("ix_entity_keys_entity", "entity"),
)

entity_totals = Table(
    "entity_totals",
    metadata,
    Column("entity", String(300), primary_key=True),
    Column("data", Text, nullable=False),  # JSON: names, descriptions, types, mentions
)

entity_slugs = Table(
    "entity_slugs",
    metadata,
    Column("slug", String(300), primary_key=True),
    Column("used", Integer, nullable=False),
)

# Indexes for queries every ingest runs, so they stay cheap in a store of 100,000 reports.
HOT_INDEXES = (
    Index("ix_articles_analysis_version", articles.c.analysis_version),
    Index("ix_stories_reconciled", stories.c.reconciled),
)

# The indexes that give the lists of the web app and the API their order, so that a page reads its
# rows and no more (`accord.store.paging`): made by migration 0010 as SQL, not declared here, for
# reflecting an index on an expression (as 0003's checkfirst does) fails the tests on a warning.
# Stories without a report date sort as ''.
LIST_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_stories_latest ON stories (coalesce(last_published, ''), id)",
    "CREATE INDEX IF NOT EXISTS ix_stories_reports ON stories (reports, id)",
    "CREATE INDEX IF NOT EXISTS ix_stories_title ON stories (lower(title), id)",
    "CREATE INDEX IF NOT EXISTS ix_entities_name ON entities (name, id)",
)


@dataclass(frozen=True, slots=True)
class WordsIndex:
    """A trigram full-text index (FTS5) of the words a list's filter looks for in each row of
    `table`, where the store is SQLite with FTS5 (migrations 0013, 0014): the filter reads the
    rows the index finds holding a word, where reading the list's rows in its order until a page
    was full read every row for a word none holds (390 ms over the 244,000 entities of 28,000
    reports).
    Triggers keep it in step with its table (an upsert is an update); PostgreSQL has none.
    `words`: the SQL of a row's words, `{row}` standing for the row."""

    name: str
    table: str
    words: str

    def statements(self) -> tuple[str, ...]:
        """Make the index, its triggers, and fill it with the rows it lacks."""
        name, table = self.name, self.table
        new, old = self.words.format(row="new"), self.words.format(row="old")
        insert = f"INSERT INTO {name} (rowid, words) VALUES (new.rowid, {new});"
        delete = f"DELETE FROM {name} WHERE rowid = old.rowid;"
        return (
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {name} USING fts5(words, tokenize = 'trigram')",
            f"CREATE TRIGGER IF NOT EXISTS {name}_insert AFTER INSERT ON {table} "
            f"BEGIN {insert} END",
            f"CREATE TRIGGER IF NOT EXISTS {name}_delete AFTER DELETE ON {table} "
            f"BEGIN {delete} END",
            f"CREATE TRIGGER IF NOT EXISTS {name}_update AFTER UPDATE ON {table} "
            f"WHEN {old} IS NOT {new} OR old.rowid IS NOT new.rowid BEGIN {delete} {insert} END",
            f"INSERT INTO {name} (rowid, words) SELECT rowid, {self.words.format(row=table)} "
            f"FROM {table} WHERE rowid NOT IN (SELECT rowid FROM {name})",
        )


def _json_field(field: str) -> str:
    return f"coalesce(json_extract({{row}}.data, '$.{field}'), '')"


ENTITY_WORDS = WordsIndex(
    "entity_words", "entities", f"{{row}}.name || ' ' || {_json_field('aliases')}"
)
CLAIM_WORDS = WordsIndex(
    "claim_words", "claims", f"coalesce({{row}}.source, '') || ' ' || {_json_field('source_span')}"
)
STATEMENT_WORDS = WordsIndex(
    "statement_words",
    "statements",
    f"{_json_field('source')} || ' ' || {_json_field('source_span')}",
)
WORDS_INDEXES = (ENTITY_WORDS, CLAIM_WORDS, STATEMENT_WORDS)  # migration 0013
# The stories' filter (title, id, outlets), migration 0014: it read every story's row for a word
# none holds, 63-90 ms at 89,000 stories and growing with the store.
STORY_WORDS = WordsIndex(
    "story_words",
    "stories",
    f"{{row}}.title || ' ' || {{row}}.id || ' ' || {_json_field('outlets')}",
)


# snapshots (migration 0008)
# Every ledger as it was built, so a story can be read as it stood at any time: the rows of
# `groups`, `timeline` and `briefings` hold only the current ledger. `built` is the ledger's own
# stamp to the microsecond (stories.reconciled has seconds), so two rebuilds in one second stay
# apart and in order.

ledger_snapshots = Table(
    "ledger_snapshots",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story", String(100), nullable=False),
    Column("built", String(40), nullable=False),
    # JSON: groups, timeline, briefing, and the reports and claims they cite as they were then;
    # empty in the rows that hold it compressed in `packed`
    Column("data", Text, nullable=False),
    # The same JSON compressed (zlib): a story of 500 reports has a snapshot of 1.4 MB of it at
    # every add, 0.16 MB compressed. NULL in the rows written before migration 0011.
    Column("packed", LargeBinary, nullable=True),
    Index("ix_ledger_snapshots_story_built", "story", "built"),
)

# A report's earlier text, kept when a source publishes a new version of it (a correction).
report_revisions = Table(
    "report_revisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(500), nullable=False, index=True),
    Column("at", String(40), nullable=False),
    Column("note", Text),  # the correction's own words, when the new version gives them
    Column("data", Text, nullable=False),  # the replaced Article
)

# When each reader last looked at each story's changes (`accord changes --since LAST`).
reader_looks = Table(
    "reader_looks",
    metadata,
    Column("reader", String(200), primary_key=True),
    Column("story", String(100), primary_key=True),
    Column("at", String(40), nullable=False),
)

# watch (migration 0008)
# What `accord watch` knows of each URL it polls (a feed, a page, a feed's entry): the validators
# for conditional requests, when to poll next and how many polls in a row failed.
watch_urls = Table(
    "watch_urls",
    metadata,
    Column("url", String(1000), primary_key=True),
    Column("etag", String(500)),
    Column("last_modified", String(100)),
    Column("polled", String(40)),
    Column("next_poll", String(40)),
    Column("failures", Integer, nullable=False, default=0),
    Column("status", Text),  # the last poll's outcome, for `accord watch --status` and logs
)

# Webhook deliveries (migration 0008): each change set to post, written in the transaction that
# keeps the snapshot it describes, and marked delivered once the receiver took it.
webhook_outbox = Table(
    "webhook_outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", String(1000), nullable=False),
    Column("story", String(100), nullable=False),
    Column("body", Text, nullable=False),  # the JSON posted
    Column("created", String(40), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt", String(40), nullable=False),
    Column("delivered", String(40), index=True),
    Column("status", Text),  # the last attempt's outcome
)

# Which ingest process is analysing which report (migration 0009): several processes, on one
# machine or many, sharing one store each analyse a report once. A lease ends when its analysis
# is saved, when it expires, or when its owner, a process of this machine, is gone.
analysis_leases = Table(
    "analysis_leases",
    metadata,
    Column("doc", String(500), primary_key=True),
    Column("owner", String(300), nullable=False),  # "host:pid"
    Column("expires", Float, nullable=False),  # seconds since the epoch
)
