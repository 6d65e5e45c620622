"""Running a regular expression only where a match can start: at the few word starts just before
an anchor word (a month, a number), instead of at every position of the text.

``pattern.finditer`` tries the whole pattern at every word of a sentence, though most words are
far from anything it can match. A pattern whose every match starts at a word start (or a currency
sign) and holds an anchor word within a known number of words can be tried at those starts only:
``matches_from`` gives exactly what ``finditer`` gives, when ``starts`` holds every place a match
can start (the tests compare the two on the evaluation texts).
"""

import re

WORD_RUN = re.compile(r"\w+")
# characters that case-insensitive matching folds to ASCII letters (İ ı ſ K): where one occurs,
# lower-casing a word does not say which case-insensitive pattern it matches, so callers scan
FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def matches_from(pattern: re.Pattern, text: str, starts: list[int]):
    """``pattern.finditer(text)`` when every match starts at one of ``starts`` (sorted): the first
    start at or after the last match's end where the pattern matches, and so on."""
    end = 0
    for start in starts:
        if start >= end:
            match = pattern.match(text, start)
            if match:
                yield match
                end = max(match.end(), start + 1)


def starts_before_anchors(text: str, anchors: set[str], reach: int, also=None, leading: set[str] | None = None) -> list[int]:
    """The starts of the word runs (``\\w+``) that are anchors and of the ``reach`` runs before each,
    with the positions of ``also`` (a pattern: currency signs) added; sorted. A run is an anchor when
    its lower case is in ``anchors`` or it holds a character other than a letter (a digit).
    ``leading``: the only words (lower case) that may stand between a match's start and its anchor;
    the runs before an anchor are taken back to the first that is not one."""
    runs = WORD_RUN.findall(text)
    hits = [k for k, run in enumerate(runs) if not run.isalpha() or run.lower() in anchors]
    found = set()
    if hits:
        starts = [m.start() for m in WORD_RUN.finditer(text)]
        for k in hits:
            first = max(0, k - reach)
            if leading is not None:
                j = k
                while j > first and runs[j - 1].lower() in leading:
                    j -= 1
                first = j
            found.update(starts[first:k + 1])
    if also is not None:
        found.update(m.start() for m in also.finditer(text))
    return sorted(found)
