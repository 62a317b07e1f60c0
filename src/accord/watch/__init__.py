"""Watching sources (`accord watch`): poll feeds, pages and folders, store what is new or
corrected, and bring every stage up to date after each poll."""

from accord.watch.poller import Poll, Watcher, stop_on_signals
from accord.watch.revisions import correction_note, store_document

__all__ = ["Poll", "Watcher", "correction_note", "stop_on_signals", "store_document"]
