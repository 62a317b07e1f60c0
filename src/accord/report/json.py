"""The JSON report, for machines: every record of the ledger as plain JSON."""

from __future__ import annotations

import json
from typing import Any

from accord.reconcile.ledger import Ledger

FORMAT_VERSION = 1


def ledger_dict(ledger: Ledger) -> dict[str, Any]:
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


def render_json(ledger: Ledger) -> str:
    """The ledger as one JSON document (UTF-8 text, keys in a stable order)."""
    return json.dumps(ledger_dict(ledger), ensure_ascii=False, indent=2)
