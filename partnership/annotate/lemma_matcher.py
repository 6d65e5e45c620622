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
            self._firsts = (sorted_ids(h for a, h in self.by_first if a == "lemma"),
                            sorted_ids(h for a, h in self.by_first if a == "lower"))
        lemma_ids, lower_ids, keys, stops = self._columns(doc)
        starts = numpy.flatnonzero(member(lemma_ids, self._firsts[0]) | member(lower_ids, self._firsts[1]))
        if not len(starts):
            return []
        found = []
        for start in starts.tolist():
            for attribute, values in keys.items():
                for name, words in self.by_first.get((attribute, values[start]), []):
                    end = self._follow(keys, stops, words, start)
                    if end is not None:
                        found.append((name, start, end))
        return sorted(set(found), key=lambda m: (m[1], -m[2], m[0]))

    def _columns(self, doc: Doc) -> tuple:
        """The lemma and lower-case ids of ``doc`` as arrays and as lists, and which tokens are stops;
        read once per Doc for all matchers (``_last``)."""
        last_doc, columns = LemmaPhrases._last
        if last_doc is not doc:
            array = doc.to_array([LEMMA, LOWER, ORTH])
            lemma_ids, lower_ids = array[:, 0], array[:, 1]
            # plain lists: indexing a numpy array or a Doc per word costs more than the whole lookup
            keys = {"lemma": lemma_ids.tolist(), "lower": lower_ids.tolist()}
            if LemmaPhrases._stop_ids is None:
                LemmaPhrases._stop_ids = sorted_ids(self.vocab.strings.add(stop) for stop in STOPS)
            stops = member(array[:, 2], LemmaPhrases._stop_ids).tolist()
            columns = (lemma_ids, lower_ids, keys, stops)
            LemmaPhrases._last = (doc, columns)
        return columns

    @staticmethod
    def _follow(keys, stops: list[bool], words, start: int) -> int | None:
        """Where the phrase ``words`` that begins at ``start`` ends, or None if it does not go on."""
        position, length = start + 1, len(stops)
        for attribute, value in words[1:]:
            columns = (keys["lemma"], keys["lower"]) if attribute == "either" else (keys[attribute],)
            for gap in range(GAP + 1):
                i = position + gap
                if i >= length or stops[i]:
                    return None
                if any(column[i] == value for column in columns):
                    position = i + 1
                    break
            else:
                return None
        return position
