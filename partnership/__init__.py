"""Rule-based reading of news articles on the Russia–North Korea partnership.

The notebooks in ``notebooks/`` explain the method; this package holds the logic
they share, so that it can be unit-tested and rerun from the command line
(``python -m partnership build``).
"""

from partnership.errors import CorpusError

__all__ = ["CorpusError"]
