"""A Doc's tokens as a plain list, made once per Doc and kept in its ``user_data``.

``doc[i]`` builds a new Token object on every access (about 0.4 µs), and the rule walks of
the claims and the event candidates index a few million tokens per 1,000 articles. A list
made once holds the same tokens and indexes in nanoseconds; the rule helpers take either
(both index, slice and iterate alike).
"""

from spacy.tokens import Doc

KEY = "partnership.tokens"


def tokens_of(doc: Doc) -> list:
    tokens = doc.user_data.get(KEY)
    if tokens is None or len(tokens) != len(doc):
        tokens = list(doc)
        doc.user_data[KEY] = tokens
    return tokens


def span_text(tokens, start: int, end: int) -> str:
    """``doc[start:end].text``, from a token list or a Doc."""
    if end <= start:
        return ""
    return "".join([t.text_with_ws for t in tokens[start:end - 1]]) + tokens[end - 1].text
