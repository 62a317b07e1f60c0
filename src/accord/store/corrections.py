"""The audit log of analysts' corrections (merges, moves, splits and renames of stories)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select

from accord.store import schema
from accord.store._rows import Aggregate, now


class Corrections(Aggregate):
    def log(self, conn: Connection, who: str, action: str, data: dict[str, Any]) -> None:
        conn.execute(
            schema.corrections.insert().values(
                at=now(), who=who, action=action, data=json.dumps(data, sort_keys=True)
            )
        )

    def all(self) -> list[dict[str, Any]]:
        """Every correction, oldest first: when, who, what, and the action's own fields."""
        t = schema.corrections
        with self._read() as conn:
            rows = conn.execute(select(t.c.at, t.c.who, t.c.action, t.c.data).order_by(t.c.id))
            return [{"at": a, "who": w, "action": act, **json.loads(d)} for a, w, act, d in rows]
