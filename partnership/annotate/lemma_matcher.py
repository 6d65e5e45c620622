"""Matching codebook phrases by lemma, fast: the matcher behind reporting cues, event triggers
and modality cues.

A phrase is a few words; each word written in its base form matches any form of it (by
lemma: "urge" matches urged, urging), a word written inflected matches as written (by lower
case: "according to") and by the forms whose lemma it is ("meeting": meetings). Up to ``GAP`` words may stand between two words of a
phrase ("expressed deep concern", "we are deeply concerned"), never a full stop, colon
or semicolon.

spaCy's token ``Matcher`` can express this with optional wildcard tokens, but then
tries every pattern at every token. Here the first word of every phrase is looked up
for the whole document at once (one array lookup), and only the few tokens where a
phrase can start are followed word by word in Python.
"""

import numpy
from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.tokens import Doc

from partnership.arrays import member, sorted_ids
from partnership.corpus.sentences import lemma_table

GAP = 2
STOPS = {".", ";", ":", "!", "?"}
BUCKETS = 1 << 16  # a string id's low bits pick its bucket in a matcher's table of first words


class LemmaPhrases:
    """A set of named phrases; ``matches(doc)`` gives (name, start, end) token spans."""

    # the last Doc's columns, shared by every instance: the trigger, modality and traveller matchers
    # read the same document one after another (string ids do not depend on the vocab)
    _last = (None, None)
    _stop_ids = None

    def __init__(self, vocab):
        self.vocab = vocab
        self.lemmas = lemma_table()
        self.by_first: dict[tuple[str, int], list[tuple[str, list[tuple[str, int]]]]] = {}

    def add(self, name: str, phrase: str) -> None:
        words = []
        for word in phrase.lower().split():
            lemma = self.lemmas.get(word, word)
            # a word written inflected matches as written and by its own forms: the table gives "meeting"
            # the lemma "meet", but "meetings" the lemma "meeting", so "meeting" matches both
            attribute = "lemma" if lemma == word else "either"
            words.append((attribute, self.vocab.strings.add(lemma if attribute == "lemma" else word)))
        attribute, first = words[0]
        for key in (("lemma", first), ("lower", first)) if attribute == "either" else (words[0],):
            self.by_first.setdefault(key, []).append((name, words))
        self._firsts = None

    def matches(self, doc: Doc) -> list[tuple[str, int, int]]:
        """Every (name, start, end), overlapping ones included, in order of start."""
        if not len(doc) or not self.by_first:
            return []
        if self._firsts is None:
            self._index()
        lemma_buckets, lower_buckets, keys, stops = self._columns(doc)
        # every token whose bucket holds a first word; the loop drops the few that only share its bucket
        starts = numpy.flatnonzero(self._firsts[0][lemma_buckets] | self._firsts[1][lower_buckets])
        if not len(starts):
            return []
        lemmas, lowers = keys["lemma"], keys["lower"]
        by_column = ((self._indexes["lemma"], lemmas), (self._indexes["lower"], lowers))
        found = set()  # (start, -end, name): sorted as they come, by start, longest first, then name
        for start in starts.tolist():
            for index, column in by_column:
                entry = index.get(column[start])
                if entry is None:
                    continue
                singles, longer = entry
                for name in singles:
                    found.add((start, -start - 1, name))
                for name, rest in longer:
                    end = _follow(lemmas, lowers, stops, rest, start + 1)
                    if end is not None:
                        found.add((start, -end, name))
        return [(name, start, -end) for start, end, name in sorted(found)]

    def _index(self) -> None:
        """``by_first`` regrouped for ``matches``: per column, first word -> (names of one-word phrases,
        (name, rest of the words) of longer ones), so a one-word phrase costs no call to ``_follow``."""
        self._firsts = (_bucket_table(h for a, h in self.by_first if a == "lemma"),
                        _bucket_table(h for a, h in self.by_first if a == "lower"))
        indexes = {"lemma": {}, "lower": {}}
        for (attribute, first), phrases in self.by_first.items():
            singles = tuple(name for name, words in phrases if len(words) == 1)
            longer = tuple((name, tuple((value, attr == "either") for attr, value in words[1:]))
                           for name, words in phrases if len(words) > 1)
            indexes[attribute][first] = (singles, longer)
        self._indexes = indexes

    def _columns(self, doc: Doc) -> tuple:
        """The buckets of ``doc``'s lemma and lower-case ids as arrays, the ids as lists, and which
        tokens are stops; read once per Doc for all matchers (``_last``)."""
        last_doc, columns = LemmaPhrases._last
        if last_doc is not doc:
            array = doc.to_array([LEMMA, LOWER, ORTH])
            lemma_ids, lower_ids = array[:, 0], array[:, 1]
            buckets = (array[:, :2] & numpy.uint64(BUCKETS - 1)).astype(numpy.intp)
            # plain lists: indexing a numpy array or a Doc per word costs more than the whole lookup
            keys = {"lemma": lemma_ids.tolist(), "lower": lower_ids.tolist()}
            if LemmaPhrases._stop_ids is None:
                LemmaPhrases._stop_ids = sorted_ids(self.vocab.strings.add(stop) for stop in STOPS)
            stops = member(array[:, 2], LemmaPhrases._stop_ids).tolist()
            columns = (buckets[:, 0], buckets[:, 1], keys, stops)
            LemmaPhrases._last = (doc, columns)
        return columns


def _bucket_table(ids) -> numpy.ndarray:
    """Which buckets hold one of ``ids``: one array look-up per token finds where a phrase may start,
    cheaper than a binary search per token (``member``) for each matcher."""
    table = numpy.zeros(BUCKETS, dtype=bool)
    table[[h & (BUCKETS - 1) for h in ids]] = True
    return table


def _follow(lemmas: list, lowers: list, stops: list[bool], rest: tuple, position: int) -> int | None:
    """Where a phrase whose first word ends at ``position`` ends, given the rest of its words as
    (id, either) pairs (``either``: the lower-case form matches too; ``add`` writes no other kind), or None if it does not go on."""
    length = len(stops)
    for value, either in rest:
        for i in range(position, min(position + GAP + 1, length)):
            if stops[i]:
                return None
            if lemmas[i] == value or (either and lowers[i] == value):
                position = i + 1
                break
        else:
            return None
    return position
