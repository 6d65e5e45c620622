"""TokenAttrs and the array shortcuts must read exactly what spaCy's Token objects give."""

from partnership import arrays
from partnership.annotate.names import sentence_start_set
from partnership.arrays import TokenAttrs
from partnership.corpus.sentences import segment

TEXT = ("SEOUL:\u00a0Kim\u00a0Jong Un met Putin’s aides in  Moscow on Monday.\n\n“We agreed,” he said. "
        "The U.S. side—and NATO—objected;\nthe talks went on. Sho\u200bigu (Russia) left at 5 p.m.\n")


def test_token_attrs_read_what_tokens_give(monkeypatch):
    monkeypatch.setattr(arrays, "LEXICAL_LIMIT", 5)  # the cache is cleared along the way, too
    doc = segment(TEXT)
    tokens = TokenAttrs(doc, {})
    assert tokens.n == len(doc) > 30
    for i, token in enumerate(doc):
        assert (tokens.text(i), tokens.lower(i), tokens.is_space(i), tokens.is_alpha(i), tokens.whitespace(i)) \
            == (token.text, token.lower_, token.is_space, token.is_alpha, token.whitespace_)
        assert (tokens.idx[i], tokens.end_char(i)) == (token.idx, token.idx + len(token))


def test_sentence_start_set_is_that_of_doc_sents():
    for text in (TEXT, "One.", "A headline\nAnd a line. And another!\n\n  Last"):
        doc = segment(text)
        assert sentence_start_set(doc) == {sent.start for sent in doc.sents}
