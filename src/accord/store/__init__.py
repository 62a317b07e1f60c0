"""The store: SQLite by default (WAL), through SQLAlchemy Core so that PostgreSQL can follow."""

from accord.store.db import Store

__all__ = ["Store"]
