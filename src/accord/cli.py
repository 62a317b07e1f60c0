"""The `accord` command: parse arguments, call the library, turn AccordError into a message.

Exit codes: 0 success, 1 runtime error or refused input, 2 usage error.
"""

from __future__ import annotations

import atexit
import gc
import getpass
import json
import logging
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, BinaryIO, TextIO

import click
import typer

# Imported first for its cost alone: wordfreq finds its data by walking the call stack
# (`locate.this_dir`, `inspect.stack`), which costs in proportion to the frames above it and
# the modules loaded. Here it takes some 10 ms; under accord's other imports, 150-180 ms of
# every command's start.
import wordfreq  # noqa: F401
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text
from sqlalchemy import make_url

from accord import exports, workflow
from accord.changes import story_changes
from accord.check import check_store
from accord.collector import tune_collector
from accord.errors import AccordError, ConfigError, NotFoundError, StoreError
from accord.model import Rejection
from accord.report import render_html, render_json, render_markdown
from accord.settings import SETTINGS, Settings, load_settings
from accord.store import Store
from accord.store.copy import copy_store
from accord.stories import corrections
from accord.stories.why import KINDS, Tie, healing, ties

app = typer.Typer(
    pretty_exceptions_enable=False,
    help="Reconcile the figures, statements and timeline of a developing news story.",
    no_args_is_help=True,
    add_completion=False,
)
export_app = typer.Typer(
    help="Export records as JSONL, CSV or Parquet (standard output unless -o FILE).",
    no_args_is_help=True,
)
stories_app = typer.Typer(
    help="List stories, or correct them (merge, move, split, rename).", invoke_without_command=True
)
app.add_typer(export_app, name="export")
app.add_typer(stories_app, name="stories")

# Markup only where asked for (markup=True), with the words of reports and inputs escaped: a
# title like "[/x] ..." is no tag, and would stop the command.
console = Console(stderr=True, markup=False)
# Tables keep whole keys and titles when piped: a wide console instead of the 80-column default.
out = Console(highlight=False, markup=False, width=None if sys.stdout.isatty() else 200)

# Every command takes --db as well as the root, so that it can follow the command; _settings reads
# the nearest one given from the click contexts.
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="The store: an SQLite file, or a URL such as postgresql+psycopg://role:pw@host/db "
        "(env ACCORD_DB; default accord.db).",
    ),
]
AllowPrivateOption = Annotated[
    bool, typer.Option("--allow-private", help="Allow fetching private and local addresses.")
]
# The libraries that read inputs log each page they give up on ("empty HTML tree"), beside
# accord's own one line per refused input: their detail is shown with -v only.
INPUT_LIBRARIES = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")


@app.callback()
def _root(
    db: DbOption = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log what each stage does.")
    ] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    for name in INPUT_LIBRARIES:
        logging.getLogger(name).setLevel(logging.NOTSET if verbose else logging.CRITICAL)


def _settings(ctx: typer.Context, **flags: object) -> Settings:
    """The settings of this run. `--db` may be given to the command or to any group above it
    (`accord --db X stories merge ...`): the nearest one given is the flag."""
    db = next((c.params["db"] for c in _lineage(ctx) if c.params.get("db")), None)
    return load_settings({"db": db, **flags})


def _lineage(ctx: click.Context) -> Iterator[click.Context]:
    """The context of the command, then those of the groups above it."""
    found: click.Context | None = ctx
    while found is not None:
        yield found
        found = found.parent


@contextmanager
def _store(settings: Settings) -> Iterator[Store]:
    with Store(settings.db) as store:
        yield store


def _fail(exc: AccordError) -> None:
    console.print(f"[red]error:[/red] {escape(str(exc))}", markup=True, highlight=False)
    raise typer.Exit(1)


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except AccordError as exc:
        _fail(exc)


@app.command()
def ingest(
    ctx: typer.Context,
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files, folders, http(s) URLs or feeds, or - for JSONL on stdin."),
    ],
    db: DbOption = None,
    allow_private: AllowPrivateOption = False,
    max_article_bytes: Annotated[
        int | None, typer.Option(help="Largest article text accepted, in bytes.")
    ] = None,
) -> None:
    """Store articles, analyse them, cluster them into stories and reconcile the stories touched."""
    with _errors():
        settings = _settings(
            ctx, allow_private=allow_private or None, max_article_bytes=max_article_bytes
        )
        with _store(settings) as store, _progress() as progress:
            result = workflow.ingest(store, inputs, settings, progress=progress)
    s = result.summary
    console.print(
        f"ingested {len(s.ingested)}, already present {s.present}, "
        f"linked as copies or rewrites {s.linked}, rejected {len(s.rejected)}; "
        f"analysed {len(result.analysed)}, stories reconciled {len(result.stories)}"
    )
    _report_refusals(s.rejected)


@contextmanager
def _progress() -> Iterator[workflow.ProgressHook]:
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(
        *columns, console=console, transient=True, disable=not console.is_terminal
    ) as bar:
        tasks: dict[str, Any] = {}

        def hook(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield hook


@app.command()
def analyze(ctx: typer.Context, db: DbOption = None) -> None:
    """(Re)run the analysis over stored reports that lack it, then stories and the ledger."""
    with _errors():
        settings = _settings(ctx)
        refused: list[Rejection] = []
        with _store(settings) as store, _progress() as progress:
            done, stories = workflow.update(store, settings, progress=progress, failed=refused)
    console.print(f"analysed {len(done)} report(s), reconciled {len(stories)} story(ies)")
    _report_refusals(refused)


@app.command()
def articles(ctx: typer.Context, db: DbOption = None) -> None:
    """The stored reports: key, outlet, published, language, title, words, duplicate-of."""
    table = Table("key", "outlet", "published", "lang", "title", "words", "duplicate of")
    with _errors(), _store(_settings(ctx)) as store:
        for a in store.articles.all():
            published = (a.published or "") + (" (inferred)" if a.published_inferred else "")
            dup = f"{a.duplicate_of} ({a.relation})" if a.duplicate_of else ""
            table.add_row(
                a.key,
                a.outlet or "",
                published,
                a.language or "",
                a.title or "",
                str(len(a.text.split())),
                dup,
            )
    out.print(table)


@app.command()
def rejects(ctx: typer.Context, db: DbOption = None) -> None:
    """What was refused, and why."""
    table = Table("when", "input", "reason")
    with _errors(), _store(_settings(ctx)) as store:
        for r in store.articles.rejections():
            table.add_row(r.at, r.source, r.reason)
    out.print(table)


@app.command()
def check(ctx: typer.Context, db: DbOption = None) -> None:
    """Verify the store: SQLite's integrity check (on SQLite), then accord's own invariants (offsets inside
    their reports, groups of stored claims, ...). Exit 1 when a problem is found."""
    with _errors():
        settings = _settings(ctx)
        with _store(settings) as store:
            problems = check_store(store)
    if not problems:
        console.print(f"{store.name}: sound")
        return
    table = Table("kind", "record", "problem")
    for problem in problems:
        table.add_row(problem.kind, problem.subject, problem.detail)
    out.print(table)
    raise typer.Exit(1)


@app.command()
def batch(
    ctx: typer.Context,
    inputs: Annotated[list[str], typer.Argument(help="Files or folders: JSONL, JSON, HTML, WARC.")],
    out: Annotated[str, typer.Option("--out", help="A new folder for the Parquet tables.")],
    master: Annotated[
        str | None,
        typer.Option("--master", help="Spark master (setting spark_master; default local[*])."),
    ] = None,
    partitions: Annotated[
        int | None, typer.Option(help="Partitions to analyse in (setting batch_partitions).")
    ] = None,
) -> None:
    """Read, clean, sign and analyse reports on Apache Spark into Parquet tables (reports,
    statements, mentions, claims, times, rejections); `accord load` stores them."""
    with _errors():
        try:
            from accord.batch.spark import run_batch
        except ImportError as exc:  # PySpark and pandas are an optional extra
            raise ConfigError(
                f"accord batch needs PySpark ({exc.name} is not installed): install accord with "
                "its spark extra (pip install 'accord[spark]'), and Java 17"
            ) from exc
        settings = _settings(ctx, spark_master=master, batch_partitions=partitions)
        counts = run_batch(inputs, Path(out), settings)
    console.print(
        f"wrote {Path(out).resolve()}: " + ", ".join(f"{n} {table}" for table, n in counts.items())
    )


@app.command()
def load(
    ctx: typer.Context,
    folder: Annotated[str, typer.Argument(help="The --out folder of `accord batch`.")],
    db: DbOption = None,
) -> None:
    """Store the tables of `accord batch`, then place the reports in stories and build ledgers."""
    from accord.batch.load import load as load_tables

    with _errors():
        settings = _settings(ctx)
        with _store(settings) as store, _progress() as progress:
            result = load_tables(store, Path(folder), settings, progress)
    s = result.summary
    console.print(
        f"stored {len(s.ingested)}, already present {s.present}, "
        f"linked as copies or rewrites {s.linked}, rejected {len(s.rejected)}; "
        f"analyses loaded {result.from_tables}, analysed here {len(result.analysed)}, "
        f"stories reconciled {len(result.stories)}"
    )
    _report_refusals(s.rejected)


def _report_refusals(rejected: Sequence[Rejection]) -> None:
    """One line per refused input, and exit 1 when there was one (the rest is stored)."""
    for r in rejected:
        console.print(
            f"  [yellow]refused[/yellow] {escape(r.source)}: {escape(r.reason)}",
            markup=True,
            highlight=False,
        )
    if rejected:
        raise typer.Exit(1)


@app.command("copy")
def copy_command(
    source: Annotated[str, typer.Argument(help="The store to copy: an SQLite file or a URL.")],
    dest: Annotated[str, typer.Argument(help="A new store to copy into: an SQLite file or a URL.")],
) -> None:
    """Copy a whole store into a new, empty one: SQLite to PostgreSQL, or back."""
    with _errors():
        if "://" not in source and not Path(source).is_file():
            raise StoreError(f"{source}: no such store")
        with Store(source) as src, Store(dest) as dst:
            copied = copy_store(src, dst)
            console.print(
                f"copied {sum(copied.values())} rows in {len(copied)} tables "
                f"from {src.name} to {dst.name}"
            )


@app.command("settings")
def show_settings(ctx: typer.Context) -> None:
    """Every setting with its value, where the value came from (default, accord.toml, ACCORD_*
    environment, flag), its default and help."""
    table = Table("name", "value", "origin", "default", "help")
    with _errors():
        settings = _settings(ctx)
    for s in SETTINGS:
        value = str(getattr(settings, s.name))
        if s.name == "db" and "://" in value:  # a server URL's password stays off the screen
            value = make_url(value).render_as_string(hide_password=True)
        if s.name == "webhook_secret" and value:  # so does the webhooks' secret
            value = "***"
        table.add_row(s.name, value, settings.origin(s.name), str(s.default), s.help)
    out.print(table)


def _export_command(name: str, rows: Callable[[Store], Any]) -> None:
    def command(
        ctx: typer.Context,
        output: Annotated[
            str, typer.Option("-o", "--output", help="File to write; - or none for stdout.")
        ] = "-",
        fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
        db: DbOption = None,
    ) -> None:
        with _errors():
            exports.check_format(fmt)
            if fmt == "parquet":
                with _store(_settings(ctx)) as store, _open_binary_output(output) as bfh:
                    exports.write_parquet(rows(store), bfh)
                return
            with _store(_settings(ctx)) as store, _open_output(output) as fh:
                exports.write_rows(rows(store), fh, fmt)

    command.__doc__ = f"Export {name} in the shared {name} format."
    export_app.command(name)(command)


for _name, _rows in exports.EXPORTS.items():
    _export_command(_name, _rows)


@contextmanager
def _open_output(output: str) -> Iterator[TextIO]:
    if output == "-":
        yield sys.stdout
        return
    try:
        with Path(output).open("w", encoding="utf-8", newline="") as fh:
            yield fh
    except OSError as exc:
        _fail(AccordError(f"{output}: cannot write ({exc.strerror}); pick another -o path"))


@contextmanager
def _open_binary_output(output: str) -> Iterator[BinaryIO]:
    if output == "-":
        yield sys.stdout.buffer
        return
    try:
        with Path(output).open("wb") as fh:
            yield fh
    except OSError as exc:
        _fail(AccordError(f"{output}: cannot write ({exc.strerror}); pick another -o path"))


@stories_app.callback()
def stories(ctx: typer.Context, db: DbOption = None) -> None:
    """The stories: id, title, reports, outlets, first and last report, events."""
    if ctx.invoked_subcommand is not None:
        return
    table = Table("id", "title", "reports", "outlets", "first", "last", "events", "disputed")
    with _errors(), _store(_settings(ctx)) as store:
        disputed = Counter(g.story for g in store.ledger.groups() if g.verdict == "dispute")
        for st in store.stories.all():
            table.add_row(
                st.id,
                st.title,
                str(st.reports),
                ", ".join(st.outlets),
                st.first_published or "",
                st.last_published or "",
                str(st.events),
                str(disputed[st.id]),
            )
    out.print(table)


def _correct(ctx: typer.Context, action: Callable[[Store], object]) -> None:
    """Run an analyst correction, then rebuild the ledgers it made stale."""
    with _errors():
        settings = _settings(ctx)
        with _store(settings) as store:
            action(store)
            workflow.reconcile_stale(store, settings)


DEFAULT_WHO = getpass.getuser()
WhoOption = Annotated[str, typer.Option("--who", help="Who makes the correction (audit log).")]


@stories_app.command("merge")
def stories_merge(ctx: typer.Context, a: str, b: str, who: WhoOption = DEFAULT_WHO) -> None:
    """Merge story B into story A."""
    _correct(ctx, lambda store: corrections.merge(store, a, b, who))


@stories_app.command("move")
def stories_move(
    ctx: typer.Context,
    doc: str,
    to: Annotated[str, typer.Option("--to", help="Target story id.")],
    who: WhoOption = DEFAULT_WHO,
) -> None:
    """Move one report to another story."""
    _correct(ctx, lambda store: corrections.move(store, doc, to, who))


@stories_app.command("split")
def stories_split(
    ctx: typer.Context, story: str, docs: list[str], who: WhoOption = DEFAULT_WHO
) -> None:
    """Split the given reports out of STORY into a new story."""
    _correct(
        ctx, lambda store: out.print(f"new story: {corrections.split(store, story, docs, who)}")
    )


@stories_app.command("rename")
def stories_rename(
    ctx: typer.Context, story: str, title: str, who: WhoOption = DEFAULT_WHO
) -> None:
    """Give STORY a title of your own."""
    _correct(ctx, lambda store: corrections.rename(store, story, title, who))


@stories_app.command("log")
def stories_log(ctx: typer.Context) -> None:
    """The audit log of corrections: who, when, what."""
    table = Table("at", "who", "action", "details")
    with _errors(), _store(_settings(ctx)) as store:
        for c in store.corrections.all():
            details = {k: v for k, v in c.items() if k not in {"at", "who", "action"}}
            table.add_row(c["at"], c["who"], c["action"], json.dumps(details))
    out.print(table)


@app.command()
def story(
    ctx: typer.Context,
    story_id: str,
    why: Annotated[
        bool, typer.Option("--why", help="What ties each report to the story's others.")
    ] = False,
    db: DbOption = None,
) -> None:
    """One story: its events and reports."""
    with _errors(), _store(_settings(ctx)) as store:
        st = store.stories.get(story_id)
        members = store.stories.memberships(story_id)
        articles = {a.key: a for a in store.articles.all([m.doc for m in members])}
        tied = ties(store, story_id) if why else []
        healed = healing(store, story_id) if why else []
    out.print(f"[bold]{escape(st.id)}[/bold] {escape(st.title)}", markup=True)
    table = Table("event", "key", "outlet", "published", "title", "copy of")
    for m in sorted(members, key=lambda m: (m.event, articles[m.doc].published or "")):
        a = articles[m.doc]
        published = (a.published or "") + (" (inferred)" if a.published_inferred else "")
        table.add_row(
            m.event, a.key, a.outlet or "", published, a.title or "", a.duplicate_of or ""
        )
    out.print(table)
    if tied:
        out.print(_why_table(tied))
    if healed:
        out.print(_healing_table(healed))


def _why_table(tied: list[Tie]) -> Table:
    """Shared features as plain Text: report words are never read as Rich markup."""
    table = Table("key", "event", "similarity", *KINDS, "same day")
    for tie in tied:
        shared = [Text(", ".join(tie.shared[kind])) for kind in KINDS]
        similarity = "pinned by an analyst" if tie.pinned else f"{tie.similarity:.3f}"
        table.add_row(Text(tie.doc), tie.event, similarity, *shared, tie.same_day or "")
    return table


def _healing_table(healed: list[dict[str, Any]]) -> Table:
    table = Table("at", "action", "from", "into", "reports", "reason")
    for c in healed:
        docs = Text(", ".join(c.get("docs", [])))
        table.add_row(c["at"], c["action"], c["from"], c["into"], docs, Text(c.get("reason", "")))
    return table


RENDERERS = {"html": render_html, "md": render_markdown, "json": render_json}


@app.command()
def report(
    ctx: typer.Context,
    story_id: Annotated[
        str | None, typer.Argument(help="Story id; default: the story with the most reports.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="html, md or json.")] = "html",
    output: Annotated[
        str, typer.Option("-o", "--output", help="File to write; - for stdout.")
    ] = "-",
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Add a What changed section: the changes since TIME (ISO 8601), or LAST (the "
            "default reader's last look, which this moves).",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Write the report of one story: figures with verdicts, timeline, briefing, sources."""
    if fmt not in RENDERERS:
        raise typer.BadParameter(
            f"unknown format {fmt!r}; use html, md or json", param_hint="--format"
        )
    with _errors():
        settings = _settings(ctx)
        with _store(settings) as store:
            chosen = story_id or _largest_story(store)
            changed = story_changes(store, chosen, since) if since else None
            text = RENDERERS[fmt](workflow.story_ledger(store, chosen, settings), changed)
        with _open_output(output) as fh:
            fh.write(text)
    if output != "-":
        console.print(f"report: {Path(output).resolve()}")


def _largest_story(store: Store) -> str:
    found = store.stories.all()
    if not found:
        raise NotFoundError("the store has no story yet; run `accord ingest` first")
    return max(found, key=lambda s: (s.reports, s.last_published or "")).id


@app.command()
def serve(
    ctx: typer.Context,
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to bind; only this machine by default.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(help="Token for write actions (env ACCORD_TOKEN); none: read-only."),
    ] = None,
    watch: Annotated[
        bool,
        typer.Option("--watch", help="Also watch the sources of watch_sources and --source."),
    ] = False,
    source: Annotated[
        list[str] | None,
        typer.Option("--source", help="A source to watch (repeat for more); implies --watch."),
    ] = None,
) -> None:
    """Serve the web UI and the HTTP API (pages at /, API under /api); with --watch, poll
    sources as `accord watch` does, beside the server."""
    from accord.web import serve as run_server  # the web stack loads only for this command

    with _errors():
        settings = _settings(ctx)
        watching = watch or bool(source)
        if watching and not source and not settings.watch_sources:
            raise typer.BadParameter(
                "nothing to watch: give --source or set watch_sources in accord.toml",
                param_hint="--watch",
            )
        if watching:
            _log_polls()
            run_server(settings, host, port, token, watch=source or [])
        else:
            run_server(settings, host, port, token)


@app.command()
def changes(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(help="Story id (`accord stories` lists them).")],
    since: Annotated[
        str,
        typer.Option(
            help="A time (2024-11-16, 2024-11-16T12:00:00+00:00; UTC without an offset), or LAST: "
            "the reader's last look (the first look sees everything)."
        ),
    ] = "LAST",
    reader: Annotated[
        str, typer.Option(help="Whose last look LAST means; a look since LAST becomes their last.")
    ] = "default",
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    db: DbOption = None,
) -> None:
    """What changed in a story's figures, verdicts, sources and timeline since a time or since
    the reader's last look, with the passages that cite each change."""
    if fmt not in ("text", "json"):
        raise typer.BadParameter(f"unknown format {fmt!r}; use text or json", param_hint="--format")
    with _errors():
        settings = _settings(ctx)
        with _store(settings) as store:
            found = story_changes(store, story_id, since, reader)
    if fmt == "json":
        typer.echo(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
        return
    start = found.since or "the start"
    out.print(f"{story_id}: {len(found.changes)} change(s) since {start}", markup=False)
    for change in found.changes:
        out.print(f"- [{change.kind}] {change.text}", markup=False, highlight=False)
        for c in change.citations:
            where = c.outlet or c.title or c.doc
            quote = f': "{c.quote}"' if c.quote else ""
            out.print(f"    {where} ({c.doc}){quote}", markup=False, highlight=False)


@app.command()
def watch(
    ctx: typer.Context,
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Feed or page URLs, or folders; also those of watch_sources."),
    ] = None,
    db: DbOption = None,
    allow_private: AllowPrivateOption = False,
    interval: Annotated[
        float | None, typer.Option(help="Seconds between two polls of a source.")
    ] = None,
    once: Annotated[bool, typer.Option("--once", help="Poll each source once, then stop.")] = False,
) -> None:
    """Poll sources until stopped (Ctrl-C or SIGTERM, between two reports), storing what is new
    or corrected and bringing every stage up to date; one log line per poll."""
    from accord.watch import Watcher, stop_on_signals

    with _errors():
        settings = _settings(ctx, allow_private=allow_private or None, watch_interval=interval)
        if not sources and not settings.watch_sources:
            raise typer.BadParameter(
                "nothing to watch: give sources or set watch_sources in accord.toml",
                param_hint="SOURCES",
            )
        _log_polls()
        with _store(settings) as store:
            watcher = Watcher(store, settings, sources or [])
            with stop_on_signals(watcher.stop):
                watcher.run(once=once)


def _log_polls() -> None:
    """The one line per poll shows without -v."""
    logging.getLogger("accord.watch").setLevel(logging.INFO)


def main() -> None:
    """Entry point of the console script; usage errors exit with 2 (Click's convention).

    An unexpected exception is a bug: it is logged with its traceback at debug level and the user
    gets one line, never a traceback (run with -v to see where it came from).
    """
    # As the interpreter exits, its collections would walk every object (the model, the
    # caches) only to free what exiting frees anyway: some 0.4-0.6 s after an ingest. Objects
    # frozen at exit are left out of them. Registered once, however often `main` runs.
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
    tune_collector()
    _run()


def _run() -> None:
    try:
        # Without standalone mode Click returns the code of a `typer.Exit` instead of exiting.
        code = app(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        console.print("aborted")
        sys.exit(1)
    except AccordError as exc:
        console.print(f"error: {exc}", markup=False, highlight=False)
        sys.exit(1)
    except Exception as exc:
        logging.getLogger("accord").info("unexpected error", exc_info=True)
        console.print(
            f"internal error: {exc.__class__.__name__}: {exc} (please report it; -v shows where)",
            markup=False,
            highlight=False,
        )
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
