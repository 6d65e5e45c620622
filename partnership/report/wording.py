"""How the report names what the corpus holds: "articles" for news, "texts" otherwise; countries by name."""

import functools
import html

import pandas as pd

NEWS_GENRES = frozenset({"wire", "state_media", "analysis", ""})  # "" = genre not recorded


def corpus_noun(documents: pd.DataFrame, n: int | None = None) -> str:
    """'article'/'articles' when every genre is a news genre, else 'text'/'texts' (singular when n == 1)."""
    genres = set(documents["genre"].fillna("")) if "genre" in documents.columns else set()
    word = "article" if genres <= NEWS_GENRES else "text"
    return word if n == 1 else word + "s"


def short_ids(doc_ids) -> dict[str, str]:
    """Each doc_id shortened to the part before its first '_' when those parts are unique ('003'), else whole."""
    ids = sorted(set(doc_ids))
    heads = [d.split("_")[0] for d in ids]
    unique = len(set(heads)) == len(heads)
    return {d: (h if unique else d) for d, h in zip(ids, heads)}


def corpus_description(documents: pd.DataFrame) -> str:
    """'5 news articles', or '11 texts (6 wire, 3 statement, 2 briefing)': what the corpus holds."""
    n = len(documents)
    noun = corpus_noun(documents, n)
    genres = documents["genre"].replace("", "genre not recorded").value_counts() if "genre" in documents else None
    if noun.startswith("article"):
        return f"{n} news {noun}"
    kinds = ", ".join(f"{count} {genre}" for genre, count in sorted(genres.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"{n} {noun} ({kinds})"


WITH_ARTICLE = ("United ", "Republic ", "Democratic ", "Russian Federation", "Soviet ", "European ", "Netherlands",
                "Philippines")  # state names said with 'the'


@functools.cache
def _country_names() -> dict[str, str]:
    from partnership.annotate.entities import load_registry

    registry = load_registry()
    places = registry[(registry["type"] == "GPE") & (registry["country"] != "")]
    places = places.assign(state=places["role"] != "state").sort_values(["state", "entity_id"])
    return dict(zip(places["country"][::-1], places["name"][::-1]))  # a state's own name wins


def country_name(code: str) -> str:
    """'the United States' for USA, 'North Korea' for PRK: the registry's state of that ISO code."""
    name = _country_names().get(code, code)
    return "the " + name if name.startswith(WITH_ARTICLE) else name


def most_quoted(claims: pd.DataFrame, entity_names: dict[str, str], top: int = 3) -> str:
    """'Kim Jong Un (3), United States (2), US official (1); 2 without a named speaker': the speakers of
    these claims, counted by registry entity where linked (so "Kim" and "Kim Jong Un" are one speaker)
    and by their words otherwise; claims with no speaker are counted apart, never as a speaker. Ties
    are broken alphabetically."""
    who = [" and ".join(entity_names.get(i, i) for i in ids.split("|")) if ids else text
           for ids, text in zip(claims["speaker_id"].fillna(""), claims["speaker_text"].fillna(""))]
    counts = pd.Series([w for w in who if w], dtype=str).value_counts()
    counts = counts.sort_index().sort_values(ascending=False, kind="stable").head(top)
    text = ", ".join(f"{html.escape(s, quote=False)} ({n})" for s, n in counts.items()) or "nobody named"
    unnamed = sum(1 for w in who if not w)
    return text + (f"; {unnamed} without a named speaker" if unnamed else "")
