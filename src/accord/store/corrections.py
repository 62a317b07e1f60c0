"""The audit log of analysts' corrections (merges, moves, splits and renames of stories)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, or_, select

from accord.store import schema
from accord.store._rows import Aggregate, now
from accord.text import escape_like


class Corrections(Aggregate):
    def log(self, conn: Connection, who: str, action: str, data: dict[str, Any]) -> None:
        conn.execute(
            schema.corrections.insert().values(
                at=now(), who=who, action=action, data=json.dumps(data, sort_keys=True)
            )
        )

    def all(self) -> list[dict[str, Any]]:
        """Every correction, oldest first: when, who, what, and the action's own fields."""
        return self._read_log(None)

    def moving(self, who: str, story: str) -> list[dict[str, Any]]:
        """The corrections by `who` that moved reports out of or into `story`, oldest first,
        found in SQL (a story page reads them, and the log grows with every automatic merge)."""
        t = schema.corrections
        # `log` writes its fields sorted with json's separators: '"into": "s12"' is the field.
        fields = [json.dumps({key: story})[1:-1] for key in ("from", "into")]
        found = or_(*(t.c.data.like(f"%{escape_like(f)}%", escape="\\") for f in fields))
        return self._read_log(and_(t.c.who == who, found))

    def _read_log(self, where: ColumnElement[bool] | None) -> list[dict[str, Any]]:
        t = schema.corrections
        query = select(t.c.at, t.c.who, t.c.action, t.c.data).order_by(t.c.id)
        with self._read() as conn:
            rows = conn.execute(query if where is None else query.where(where))
            return [{"at": a, "who": w, "action": act, **json.loads(d)} for a, w, act, d in rows]
