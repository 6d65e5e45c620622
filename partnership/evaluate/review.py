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


def load_review(texts: dict[str, str], path=REVIEW_FILE, other_articles: str = "error") -> pd.DataFrame:
    """The review with each quote's offsets; a quote not found in its article is an error.

    A row about an article not in ``texts`` is an error too, unless ``other_articles`` is
    ``"skip"``: the review was written about particular articles, and a corpus without them
    (a user's own) has no review of them. The skipped rows are counted in ``attrs["skipped"]``.
    """
    path = Path(path)
    review = load_rule_table(path, REVIEW_COLUMNS, required=REVIEW_COLUMNS, allowed={"verdict": VERDICTS})
    lines = pd.Series(range(2, len(review) + 2))  # file line of each row, for messages
    present = review["doc_id"].isin(list(texts))
    if other_articles == "skip":
        review, lines = review[present].reset_index(drop=True), lines[present].tolist()
    starts = []
    for line, row in zip(lines, review.itertuples(index=False)):
        if row.doc_id not in texts:
            raise CorpusError(path, f"line {line}: no article {row.doc_id!r}")
        start = texts[row.doc_id].find(row.quote)
        if start < 0:
            raise CorpusError(path, f"line {line}: quote {row.quote!r} is not in {row.doc_id}")
        starts.append(start)
    review.insert(2, "start", starts)
    review.insert(3, "end", review["start"] + review["quote"].str.len())
    review.attrs["skipped"] = int((~present).sum()) if other_articles == "skip" else 0
    return review
