"""How the report names what the corpus holds: "articles" for news, "texts" otherwise."""

import pandas as pd

NEWS_GENRES = frozenset({"wire", "state_media", "analysis", ""})  # "" = genre not recorded


def corpus_noun(documents: pd.DataFrame, n: int | None = None) -> str:
    """'article'/'articles' when every genre is a news genre, else 'text'/'texts' (singular when n == 1)."""
    genres = set(documents["genre"].fillna("")) if "genre" in documents.columns else set()
    word = "article" if genres <= NEWS_GENRES else "text"
    return word if n == 1 else word + "s"


def counted(n: int, documents: pd.DataFrame) -> str:
    """'1 article', '12 texts': a count with the right noun."""
    return f"{n:,} {corpus_noun(documents, n)}"
