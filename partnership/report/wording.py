"""Words that follow the corpus: "articles" for news, "texts" when other genres are in it."""

import pandas as pd

NEWS_GENRES = {"wire", "state_media", "analysis", ""}  # data/codebook/genres.csv; empty: not recorded


def corpus_noun(documents: pd.DataFrame, n: int | None = None) -> str:
    """'articles' when every genre is a news genre, else 'texts'; singular when n == 1."""
    genres = set(documents["genre"]) if "genre" in documents.columns else set()
    noun = "article" if genres <= NEWS_GENRES else "text"
    return noun if n == 1 else noun + "s"


def count_noun(n: int, documents: pd.DataFrame) -> str:
    """'5 articles', '1 text': a count with the corpus's noun."""
    return f"{n} {corpus_noun(documents, n)}"
