"""What the analysis workers' fork server loads before it forks any (accord.analyze.workers): the
reading of reports and the English model. The server imports this module as it starts, which is
its only hook; each worker forked from it then shares the loaded model.

The server is a process of its own, so the collector is tuned here as in accord's entry points."""

from __future__ import annotations

import contextlib

from accord.collector import tune_collector

tune_collector()

# After tuning the collector (see above): the workers' code, and the model it reads with.
from accord.analyze import reading  # noqa: E402, F401
from accord.analyze.nlp import load_nlp  # noqa: E402
from accord.errors import AccordError  # noqa: E402

# A missing model is said by the first worker's own load, as an error its pool returns to the
# command; raised here it would only end the server.
with contextlib.suppress(AccordError):
    load_nlp()
