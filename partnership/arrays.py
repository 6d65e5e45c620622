"""Small array helpers shared by the stages."""

import numpy


def sorted_ids(ids) -> numpy.ndarray:
    """String ids (hashes) as a sorted array, for ``member``."""
    return numpy.array(sorted(set(ids)), dtype="uint64")


def member(values: numpy.ndarray, wanted: numpy.ndarray) -> numpy.ndarray:
    """values[i] in wanted (sorted), for every i: a binary search each, in C.

    ``numpy.isin`` gives the same answer but sorts both arrays on every call, several times slower
    for the few ids a rule looks for in one document's tokens."""
    if not len(wanted):
        return numpy.zeros(len(values), dtype=bool)
    found = numpy.searchsorted(wanted, values)
    return wanted[numpy.minimum(found, len(wanted) - 1)] == values


LEXICAL_LIMIT = 100_000  # word types kept by a TokenAttrs cache (see ``TokenAttrs.lexical``)


class TokenAttrs:
    """A Doc's token ids and offsets read once as lists, so a rule's look-ups create no spaCy ``Token``.

    ``doc[i]`` builds a new Python object on every access, which costs more than most rules that
    read it. ``text(i)``, ``lower(i)``, ``is_space(i)`` and ``is_alpha(i)`` give what ``doc[i].text``,
    ``.lower_``, ``.is_space`` and ``.is_alpha`` give: attributes of the word type, read from its
    Lexeme once per type and kept in ``lexical`` (pass one dict for many Docs of a language).
    Reading more columns with ``to_array`` would cost more than the few tokens the rules visit."""

    def __init__(self, doc, lexical: dict | None = None):
        from spacy.attrs import IDX, LENGTH, ORTH

        self.doc = doc
        self.n = len(doc)
        self.orth, self.idx, self.length = doc.to_array([ORTH, IDX, LENGTH]).T.tolist() if self.n else ([], [], [])
        self.lexical = {} if lexical is None else lexical  # orth -> (text, lower_, is_space, is_alpha)

    def _lexeme(self, i: int) -> tuple:
        orth = self.orth[i]
        found = self.lexical.get(orth)
        if found is None:
            if len(self.lexical) >= LEXICAL_LIMIT:  # a cache: bounded, so a long build's memory is too
                self.lexical.clear()
            lexeme = self.doc.vocab[orth]
            found = self.lexical[orth] = (lexeme.orth_, lexeme.lower_, lexeme.is_space, lexeme.is_alpha)
        return found

    def text(self, i: int) -> str:
        return self._lexeme(i)[0]

    def lower(self, i: int) -> str:
        return self._lexeme(i)[1]

    def is_space(self, i: int) -> bool:
        return self._lexeme(i)[2]

    def is_alpha(self, i: int) -> bool:
        return self._lexeme(i)[3]

    def whitespace(self, i: int) -> str:
        return self.doc[i].whitespace_  # of the token, not the type (read rarely)

    def end_char(self, i: int) -> int:
        """``doc[i].idx + len(doc[i])``."""
        return self.idx[i] + self.length[i]


class Lex:
    """A word type's attributes, as a Token gives them: ``text``, ``lower_`` and the flags a rule reads."""

    __slots__ = ("text", "lower_", "is_punct", "is_lower", "is_alpha", "is_space", "is_quote", "like_num",
                 "is_upper", "is_title", "is_digit")

    def __init__(self, lexeme):
        self.text, self.lower_ = lexeme.orth_, lexeme.lower_
        self.is_punct, self.is_lower, self.is_alpha = lexeme.is_punct, lexeme.is_lower, lexeme.is_alpha
        self.is_space, self.is_quote, self.like_num = lexeme.is_space, lexeme.is_quote, lexeme.like_num
        self.is_upper, self.is_title, self.is_digit = lexeme.is_upper, lexeme.is_title, lexeme.is_digit


class LexCache(dict):
    """orth -> Lex, made on first sight and kept (bounded, like ``TokenAttrs.lexical``)."""

    def __init__(self, vocab):
        super().__init__()
        self.vocab = vocab

    def __missing__(self, orth):
        if len(self) >= LEXICAL_LIMIT:
            self.clear()
        found = self[orth] = Lex(self.vocab[orth])
        return found

    def words(self, doc) -> list:
        """One shared ``Lex`` per token of ``doc``: ``words[i].lower_`` reads what ``doc[i].lower_`` does,
        without making a spaCy Token (lists slice and iterate as a Doc does)."""
        from spacy.attrs import ORTH

        return list(map(self.__getitem__, doc.to_array(ORTH).tolist())) if len(doc) else []
