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


class TokenAttrs:
    """A Doc's token attributes read once as lists, so a rule's look-ups create no spaCy ``Token``.

    ``doc[i]`` builds a new Python object on every access, which costs more than most rules that
    read it; ``text(i)``, ``lower(i)`` and ``whitespace(i)`` give what ``doc[i].text``,
    ``.lower_`` and ``.whitespace_`` give (the strings behind the token's hashes)."""

    def __init__(self, doc):
        from spacy.attrs import IDX, IS_ALPHA, IS_SPACE, LENGTH, LOWER, ORTH, SPACY

        self.strings = doc.vocab.strings
        self.n = len(doc)
        columns = doc.to_array([ORTH, LOWER, IDX, LENGTH, SPACY, IS_SPACE, IS_ALPHA]).T.tolist() if self.n \
            else [[] for _ in range(7)]
        self.orth, self.lower_id, self.idx, self.length, self.spacy, self.is_space, self.is_alpha = columns

    def text(self, i: int) -> str:
        return self.strings[self.orth[i]]

    def lower(self, i: int) -> str:
        return self.strings[self.lower_id[i]]

    def whitespace(self, i: int) -> str:
        return " " if self.spacy[i] else ""  # spaCy's whitespace_ is one space or nothing

    def end_char(self, i: int) -> int:
        """``doc[i].idx + len(doc[i])``."""
        return self.idx[i] + self.length[i]
