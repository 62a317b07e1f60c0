"""The JSON report, for machines: every record of the ledger as plain JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from accord.reconcile.ledger import ReportLedger

if TYPE_CHECKING:  # the changes come from the store; the report only renders them
    from accord.changes import ChangeSet

FORMAT_VERSION = 1


def ledger_dict(ledger: ReportLedger) -> dict[str, Any]:
    """The ledger as JSON-ready data; articles carry their metadata, not their text."""
    return {
        "format": "accord-ledger",
        "version": FORMAT_VERSION,
        "story": ledger.story.to_dict(),
        "groups": [g.to_dict() for g in ledger.groups],
        "claims": [c.to_dict() for c in ledger.claims],
        "timeline": [e.to_dict() for e in ledger.timeline],
        "briefing": [b.to_dict() for b in ledger.briefing],
        "coverage": [c.to_dict() for c in ledger.coverage],
        "statements": [s.to_dict() for s in ledger.statements],
        "articles": [
            {k: v for k, v in a.to_dict().items() if k not in ("text", "content_hash")}
            for a in ledger.articles
        ],
    }


def render_json(ledger: ReportLedger, changes: ChangeSet | None = None) -> str:
    """The ledger as one JSON document (UTF-8 text, keys in a stable order); with `changes`,
    under "changes"."""
    data = ledger_dict(ledger)
    if changes is not None:
        data["changes"] = changes.to_dict()
    return json.dumps(data, ensure_ascii=False, indent=2)
