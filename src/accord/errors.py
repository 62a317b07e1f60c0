"""The one exception tree of accord.

    AccordError                 anything accord raises on purpose
    ├── InputError              an input (file, line, URL, feed) cannot be read as an article
    │   └── FetchError          a URL or feed could not be fetched
    ├── StoreError              the store cannot be opened, migrated or written
    ├── ConfigError             a setting or flag has a value accord cannot use
    ├── NotFoundError           a story, report or entity that the caller named does not exist
    └── RulesTimeout            accord's own rules ran past their time on one report

Messages name the input and say how to fix it; the CLI and HTTP boundaries turn them into text.
"""

from __future__ import annotations


class AccordError(Exception):
    """Base of every error accord raises on purpose."""


class InputError(AccordError):
    """An input cannot be ingested; `source` names it (a path, `path:line`, or a URL)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class FetchError(InputError):
    """A URL or feed could not be fetched."""


class StoreError(AccordError):
    """The store cannot be opened, migrated or written."""


class ConfigError(AccordError):
    """A setting has a value accord cannot use."""


class NotFoundError(AccordError):
    """The caller named something that is not in the store."""


class RulesTimeout(AccordError):
    """accord's rules ran past their time limit on one report (`accord.analyze.time_limit`)."""
