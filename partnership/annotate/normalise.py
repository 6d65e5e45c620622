"""Spelling variants of names, folded to one matching key by rule rather than listed.

``fold`` maps a word to the key the name matcher compares: zero-width characters
removed, curly apostrophes and dashes made plain, lower case, and the usual
transliteration variants of Russian and Ukrainian names made one ("Sergey" and
"Sergei", "Dmitry" and "Dmitriy", "Zelenskyy" and "Zelensky", "Vassily" and
"Vasily", "Shoygu" and "Shoigu", "Mariya" and "Maria"); a model name's plural ("KN-23s") is the model. The folding is applied to the registry's aliases and to the text alike,
so it can only make two spellings meet, never move an offset.

``case_class`` records how an alias is capitalised, so that matching without case
still refuses "us" for "US" and "the west" for "the West" (see
``partnership.annotate.mentions``).
"""

import re
from functools import lru_cache

ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
PLAIN = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "–": "-", "—": "-", "‐": "-", "‑": "-"})
# Word endings romanised several ways (checked in this order; each rule applies once).
ENDINGS = (
    (re.compile(r"(?<=[a-z])(?:iy|ii|yy|ij)$"), "i"),  # Dmitriy, Andrii, Zelenskyy -> Dmitri, Andri, Zelenski
    (re.compile(r"(?<=[a-z])ey$"), "ei"),  # Sergey, Andrey, Alexey -> Sergei, Andrei, Alexei
    (re.compile(r"(?<=[a-z])ay$"), "ai"),  # Nikolay -> Nikolai
    (re.compile(r"(?<=[a-z])iya$"), "ia"),  # Mariya, Valeriya -> Maria, Valeria
    (re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])ya$"), "ia"),  # Natalya, Nebenzya -> Natalia, Nebenzia
    (re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])y$"), "i"),  # Dmitry, Yury, Valery -> Dmitri, Yuri, Valeri
)
INNER_Y = re.compile(r"(?<=[aeou])y(?=[bcdfghjklmnpqrstvwxz])")  # Shoygu, Boyko, Baykal -> Shoigu, Boiko, Baikal
DOUBLED = re.compile(r"([bcdfgklmnprstvz])\1")  # Vassily, Nebenzya's "ss" -> "s"
NUMBERED_PLURAL = re.compile(r"(?<=\d)s$")  # "KN-23s", "F-16s": the plural of a model name


def fold(word: str) -> str:
    """The matching key of one word (see the module docstring)."""
    key = NUMBERED_PLURAL.sub("", word.translate(ZERO_WIDTH).translate(PLAIN).lower())
    if len(key) > 3 and key.isalpha():
        for pattern, replacement in ENDINGS:
            if pattern.search(key):
                key = pattern.sub(replacement, key)
                break
        key = DOUBLED.sub(r"\1", INNER_Y.sub("i", key))
    return key


@lru_cache(maxsize=65536)  # called for every word of every registry match
def case_class(word: str) -> str:
    """``upper`` (an acronym such as "US"), ``title`` ("Kim"), ``lower`` ("treaty") or ``other``."""
    letters = [c for c in NUMBERED_PLURAL.sub("", word.translate(ZERO_WIDTH)) if c.isalpha()]
    if not letters:
        return "other"
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return "upper"
    if letters[0].isupper():
        return "title"
    return "lower"


def case_fits(pattern_classes: tuple[str, ...], words: list[str]) -> bool:
    """Does the text's capitalisation fit the alias's?

    An acronym must be written in capitals anywhere in the name; a name's first word
    must be capitalised (or written in capitals, as in transcript labels) where the
    alias's is; other words may be written in any case ("Jong-un", "Partnership treaty").
    """
    for position, (wanted, word) in enumerate(zip(pattern_classes, words)):
        found = case_class(word)
        if wanted == "upper" and found != "upper":
            return False
        if wanted == "title" and position == 0 and found not in ("title", "upper"):
            return False
    return True
