"""The hand review of the automatic tables: rows read against the text, with what is wrong.

``data/annotations/review.csv`` is written by a person who read the tables against
the articles. Each row names a table, an article and a verbatim quote, and says
whether the rules got it ``wrong``, ``missed`` it, or made a ``doubtful`` call; ``changed``
records a row that a change of the rules altered on the five articles, checked by hand and
judged an improvement (or, where the note says so, neutral).
The quote is located by code (its first occurrence), so the review can be checked.
"""

from pathlib import Path

import pandas as pd

from partnership import config
from partnership.codebook import load_rule_table
from partnership.errors import CorpusError

REVIEW_FILE = config.ROOT / "data" / "annotations" / "review.csv"
VERDICTS = {"wrong", "missed", "doubtful", "changed"}
REVIEW_COLUMNS = ["table", "doc_id", "quote", "verdict", "note"]


def load_review(texts: dict[str, str], path=REVIEW_FILE) -> pd.DataFrame:
    """The review with each quote's offsets; an unknown article or a quote not found is an error."""
    path = Path(path)
    review = load_rule_table(path, REVIEW_COLUMNS, required=REVIEW_COLUMNS, allowed={"verdict": VERDICTS})
    starts = []
    for line, row in enumerate(review.itertuples(index=False), start=2):
        if row.doc_id not in texts:
            raise CorpusError(path, f"line {line}: no article {row.doc_id!r}")
        start = texts[row.doc_id].find(row.quote)
        if start < 0:
            raise CorpusError(path, f"line {line}: quote {row.quote!r} is not in {row.doc_id}")
        starts.append(start)
    review.insert(2, "start", starts)
    review.insert(3, "end", review["start"] + review["quote"].str.len())
    return review
