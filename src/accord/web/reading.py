"""What the report and entity pages show: a report's marked-up text, an entity's words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from accord.errors import NotFoundError
from accord.model import Article, Claim, Entity, Membership, Statement
from accord.store import Store
from accord.web.highlight import Span, render, span
from accord.web.links import group_href


@dataclass(frozen=True, slots=True)
class ReportPage:
    article: Article
    membership: Membership | None
    body: Markup
    claims: list[Claim]
    statements: list[Statement]
    copies: list[Article]  # stored reports that copy or rewrite this one
    cited: tuple[int, int] | None


def report_page(store: Store, key: str, cited: tuple[int, int] | None = None) -> ReportPage:
    article = store.articles.get(key)
    membership = store.stories.membership(key)
    claims = store.analysis.claims([key])
    statements = store.analysis.statements([key])
    story = membership.story if membership else None
    spans = [*statement_spans(statements), *claim_spans(claims, story)]
    if cited is not None:
        start, end = trimmed(article.text, *cited)
        spans.append(span(start, end, "mark", id="cited", class_="cited"))
    siblings = [m.doc for m in store.stories.memberships(story)] if story else []
    copies = [a for a in store.articles.all(siblings) if a.duplicate_of == key]
    return ReportPage(
        article, membership, render(article.text, spans), claims, statements, copies, cited
    )


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The passage without the white space at its ends (a marked line break shows as a stub)."""
    passage = text[start:end]
    lead = len(passage) - len(passage.lstrip())
    return start + lead, start + len(passage.rstrip())


def claim_spans(claims: Sequence[Claim], story: str | None) -> list[Span]:
    """Each figure once (the same number found twice is marked once), linked to its group."""
    by_offsets = {(c.start, c.end): c for c in reversed(claims)}
    spans = []
    for c in by_offsets.values():
        title = f"{c.measure}: {c.what or ''}".strip(": ")
        if c.group and story:
            href = group_href(story, c.group)
            spans.append(span(c.start, c.end, "a", class_="claim", href=href, title=title))
        else:
            spans.append(span(c.start, c.end, "span", class_="claim", title=title))
    return spans


def statement_spans(statements: Sequence[Statement]) -> list[Span]:
    spans = []
    for s in statements:
        who = s.source or s.source_span or "unknown source"
        spans.append(
            span(s.content_start, s.content_end, "span", class_="statement", title=f"said by {who}")
        )
        if s.source_start is not None and s.source_end is not None:
            spans.append(span(s.source_start, s.source_end, "span", class_="source"))
        if s.cue_start is not None and s.cue_end is not None:
            spans.append(span(s.cue_start, s.cue_end, "span", class_="cue"))
    return spans


@dataclass(frozen=True, slots=True)
class EntityPage:
    entity: Entity
    statements: list[tuple[Statement, str | None]]  # with the story of the report
    claims: list[tuple[Claim, str | None]]
    titles: dict[str, str]  # report key -> title


def find_entity(store: Store, entity_id: str) -> Entity:
    found = store.entities.get(entity_id)
    if found is None:
        raise NotFoundError(f"no entity {entity_id!r}; /entities lists them")
    return found


def entity_page(store: Store, entity_id: str) -> EntityPage:
    entity = find_entity(store, entity_id)
    # Through the index on the statements' source: a claim has a source only where a statement
    # of its report cites it (the attribution gives both).
    statements = sorted(
        (s for _, s in store.analysis.statements_citing([entity_id])), key=lambda s: s.doc
    )
    docs = sorted({s.doc for s in statements})
    claims = [c for c in store.analysis.claims(docs) if c.entity == entity_id]
    story_of = {m.doc: m.story for m in store.stories.memberships_of(docs)}
    titles = {a.key: a.title or a.key for a in store.articles.all(docs)}
    return EntityPage(
        entity,
        [(s, story_of.get(s.doc)) for s in statements],
        [(c, story_of.get(c.doc)) for c in claims],
        titles,
    )
