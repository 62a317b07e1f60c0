"""A batch of reports read: each parsed by its language's spaCy pipeline, then accord's rules
(statements, names, figures, times). What an analysis worker runs; it holds nothing of the store,
so that the workers' fork server (accord.analyze.workers) imports only this and spaCy."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accord.analyze.attribution import find_statements
from accord.analyze.claims import find_claims
from accord.analyze.docs import release
from accord.analyze.nlp import ANALYSABLE, load_nlp, load_spanish_nlp, parse_many
from accord.analyze.spanish import analyze_spanish
from accord.analyze.time_limit import RULES_SECONDS, time_limit
from accord.analyze.timex import ALL_KINDS, CLAUSE_KINDS, find_time_sets
from accord.errors import AccordError, RulesTimeout
from accord.model import Article, Claim, Mention, Statement, TimeMention
from accord.settings import DEFAULTS

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from accord.store.analysis import Found

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Analysis:
    doc: str
    statements: list[Statement]
    mentions: list[Mention]
    claims: list[Claim]
    times: list[TimeMention]
    failure: str | None = None  # why accord's rules failed on this report, which is kept empty

    def found(self) -> Found:
        """The analysis as the store saves it."""
        return (self.doc, self.statements, self.claims, self.mentions, self.times)


def analyze_articles(
    articles: Sequence[Article], languages: Sequence[str] = DEFAULTS.languages
) -> list[Analysis]:
    """Analyse reports in one batch through spaCy, each in its language's pipeline. A report in
    a language accord cannot analyse (not in `languages`) is kept with an empty analysis."""
    by_key: dict[str, Analysis] = {}
    spanish = [a for a in articles if a.language == "es" and "es" in languages]
    # The Spanish model is loaded only for Spanish reports: a worker of an English batch would
    # spend some half a second of CPU loading it for nothing.
    docs = parse_many([a.text for a in spanish], load_spanish_nlp()) if spanish else []
    for article, doc in zip(spanish, docs, strict=True):
        by_key[article.key] = _guarded(article, doc, _read_spanish)
    for article in articles:
        if article.key not in by_key and not _analysable(article.language, languages):
            log.warning(
                "%s is in %r, which accord does not analyse (languages: %s): stored, not analysed",
                article.key, article.language, ", ".join(languages),
            )  # fmt: skip
            by_key[article.key] = Analysis(article.key, [], [], [], [])
    english = [a for a in articles if a.key not in by_key]
    for article, analysis in zip(english, _analyze_english(english), strict=True):
        by_key[article.key] = analysis
    return [by_key[a.key] for a in articles]


def _analysable(language: str | None, languages: Sequence[str]) -> bool:
    """English and reports of no known language go through the English pipeline."""
    return language is None or (language in languages and language in ANALYSABLE)


def _analyze_english(articles: Sequence[Article]) -> list[Analysis]:
    docs = parse_many([a.text for a in articles], load_nlp())
    return [_guarded(a, doc, _read_english) for a, doc in zip(articles, docs, strict=True)]


def _guarded(article: Article, doc: Doc, read: Callable[[Article, Doc], Analysis]) -> Analysis:
    """`read(article, doc)`, or an empty analysis that says why when accord's rules fail on the
    report or run past their time (RULES_SECONDS): a fault of ours met in one report's text must
    not stop the batch, nor lose the reports stored with it."""
    try:
        with time_limit(RULES_SECONDS):
            return read(article, doc)
    except RulesTimeout as exc:
        return _refused(article, exc)
    except (AccordError, MemoryError):
        raise  # a fault of the set-up or of the machine, not of this report's text
    except Exception as exc:  # any fault of the rules: reported and recorded, never fatal
        return _refused(article, exc)
    finally:
        release(doc)


def _refused(article: Article, exc: Exception) -> Analysis:
    """An empty analysis of the report, saying why (called while `exc` is handled)."""
    log.exception("the analysis of %s failed; it is stored unanalysed", article.key)
    reason = (
        f"accord's analysis failed on this report ({type(exc).__name__}: {exc}): it is "
        "stored without names or figures. This is a fault of accord: please report it with "
        "the report's text; the next version that changes the analysis reads it again"
    )
    return Analysis(article.key, [], [], [], [], failure=reason)


def _read_english(article: Article, doc: Doc) -> Analysis:
    statements, mentions = find_statements(doc, article.key)
    # A figure's time is one of the kinds that date a clause, never "four years" or "recently".
    times, clause_times = find_time_sets(
        doc, article.key, article.published, (ALL_KINDS, CLAUSE_KINDS)
    )
    claims = find_claims(
        doc, article.key, statements, article.published, article.title, times=clause_times
    )
    return Analysis(article.key, statements, mentions, claims, times)


def _read_spanish(article: Article, doc: Doc) -> Analysis:
    found = analyze_spanish(doc, article.key, article.published, article.title)
    return Analysis(article.key, found.statements, found.mentions, found.claims, found.times)
