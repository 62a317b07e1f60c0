"""What the HTML and Markdown reports show, computed once: numbered reports, citations that
point at a report's sentence, and the figures in reading order (disputes first)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from accord.model import Article, Claim, Group
from accord.reconcile.ledger import Ledger
from accord.reconcile.sentences import containing, split_sentences

VERDICT_ORDER = {"dispute": 0, "update": 1, "agree": 2, "single": 3}
VERDICT_LABELS = {
    "dispute": "Disputed",
    "update": "Updated",
    "agree": "Agreed",
    "single": "One source",
}


@dataclass(frozen=True, slots=True)
class Cite:
    """A citation: the report's number, its key, and the anchor of the cited sentence."""

    n: int
    doc: str
    anchor: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    sentences: tuple[tuple[str, str], ...]  # (anchor, text)


class View:
    """Numbering and anchors of one ledger's reports."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.number = {a.key: n for n, a in enumerate(ledger.articles, start=1)}
        self.spans = {a.key: split_sentences(a.text) for a in ledger.articles}
        self.claims = {c.id: c for c in ledger.claims}

    def cite(self, doc: str, offset: int | None = None) -> Cite:
        """A citation of `doc`, at the sentence holding `offset` when given."""
        n = self.number.get(doc, 0)
        span = containing(self.spans.get(doc, []), offset) if offset is not None else None
        return Cite(n, doc, f"r{n}-s{span[0]}" if span else f"r{n}")

    def cite_claim(self, claim_id: str, doc: str) -> Cite:
        claim = self.claims.get(claim_id)
        return self.cite(doc, claim.start if claim else None)

    def cite_docs(
        self, docs: Sequence[str], spans: Sequence[tuple[str, int, int]] = ()
    ) -> list[Cite]:
        """One citation per report, at its first cited span when there is one."""
        first: dict[str, int] = {}
        for doc, start, _ in spans:
            first.setdefault(doc, start)
        return [self.cite(d, first.get(d)) for d in docs]

    def paragraphs(self, article: Article) -> list[Paragraph]:
        """The report's sentences with anchors, in paragraphs (a line break starts a new one)."""
        n, text = self.number[article.key], article.text
        out: list[list[tuple[str, str]]] = []
        previous_end = 0
        for start, end in self.spans[article.key]:
            if not out or "\n" in text[previous_end:start]:
                out.append([])
            out[-1].append((f"r{n}-s{start}", text[start:end]))
            previous_end = end
        return [Paragraph(tuple(p)) for p in out]

    def groups(self) -> list[Group]:
        """Disputes, then updates, agreements and single-source figures; most reports first."""
        return sorted(
            self.ledger.groups, key=lambda g: (VERDICT_ORDER.get(g.verdict, 9), -len(g.docs))
        )

    def claim(self, claim_id: str) -> Claim | None:
        return self.claims.get(claim_id)
