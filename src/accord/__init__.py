"""accord: reconcile the figures, statements and timeline of a developing news story."""

import logging

__version__ = "0.1.0"

# The library never configures logging itself; only the CLI does.
logging.getLogger(__name__).addHandler(logging.NullHandler())
