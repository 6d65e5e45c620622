"""Sentence splitting with spaCy's blank English pipeline and three news-copy rules.

spaCy's rule-based ``sentencizer`` ends a sentence after ``.``, ``!`` or ``?``.
News copy needs three corrections, applied by the ``news_sentence_rules``
component that runs after it:

1. a line break always ends a sentence (headlines, sub-headings and datelines
   have no full stop);
2. no sentence ends after an abbreviation listed in
   ``data/codebook/abbreviations.csv`` ("Adm.", "U.S."; "No." and month
   abbreviations only before a number);
3. no sentence ends inside a quotation (between “ and ”, or a pair of straight
   double quotes); an unclosed quotation ends at the line break.

Known limit: a sentence that really ends with an abbreviation ("... in the U.S.
The talks ...") is not split there.
"""

import bisect
import csv
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from partnership import config
from partnership.errors import CorpusError

OPENING_QUOTES = {"“", "«", "„"}
CLOSING_QUOTES = {"”", "»"}
STRAIGHT_QUOTE = '"'
FOLLOWED_BY = ("any", "number")


def load_abbreviations(path=config.ABBREVIATIONS_FILE) -> dict[str, str]:
    """Map each abbreviation to what must follow it for it not to end a sentence."""
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    result = {}
    for line, row in enumerate(rows, start=2):
        abbreviation, followed_by = row.get("abbreviation", ""), row.get("followed_by", "")
        if not abbreviation.endswith(".") or followed_by not in FOLLOWED_BY:
            raise CorpusError(
                path,
                f"line {line}: an abbreviation must end in '.' and followed_by must be one of "
                f"{list(FOLLOWED_BY)}",
            )
        result[abbreviation] = followed_by
    return result


@Language.factory("news_sentence_rules", default_config={"abbreviations": {}})
def make_news_sentence_rules(nlp: Language, name: str, abbreviations: dict):
    return NewsSentenceRules(abbreviations)


class NewsSentenceRules:
    """Adjusts the sentencizer's boundaries; see the module docstring for the rules."""

    def __init__(self, abbreviations: dict[str, str]):
        self.abbreviations = dict(abbreviations)

    def __call__(self, doc: Doc) -> Doc:
        in_quote = False
        after_newline = False
        for i, token in enumerate(doc):
            if token.is_space:
                if "\n" in token.text:
                    after_newline, in_quote = True, False
                continue
            if i == 0:
                token.is_sent_start = True
            elif after_newline:
                token.is_sent_start = True
            elif token.is_sent_start and (in_quote or self._follows_abbreviation(doc, i)):
                token.is_sent_start = False
            after_newline = False
            in_quote = self._quote_state(token.text, in_quote)
        return doc

    @staticmethod
    def _quote_state(text: str, in_quote: bool) -> bool:
        if text in OPENING_QUOTES:
            return True
        if text in CLOSING_QUOTES:
            return False
        if text == STRAIGHT_QUOTE:
            return not in_quote
        return in_quote

    def _follows_abbreviation(self, doc: Doc, i: int) -> bool:
        before = doc.text[: doc[i].idx].rstrip()
        token = doc[i]
        for abbreviation, followed_by in self.abbreviations.items():
            if not before.endswith(abbreviation):
                continue
            start = len(before) - len(abbreviation)
            if start > 0 and (before[start - 1].isalnum()):
                continue  # "ISO." is not "O."
            if followed_by == "any" or token.like_num:
                return True
        return False


@lru_cache(maxsize=4)
def _pipeline(abbreviation_items: tuple) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("news_sentence_rules", config={"abbreviations": dict(abbreviation_items)})
    return nlp


def sentence_pipeline(abbreviations: dict[str, str] | None = None) -> Language:
    """A blank English pipeline with the sentencizer and the news rules (cached)."""
    if abbreviations is None:
        abbreviations = load_abbreviations()
    return _pipeline(tuple(sorted(abbreviations.items())))


def split_sentences(text: str, nlp: Language | None = None) -> list[dict]:
    """Sentences of ``text`` as dicts with start, end, text, paragraph and n_words.

    Offsets are character positions in ``text``; surrounding white space is left out,
    so ``text[start:end] == sentence``. ``paragraph`` counts lines that hold text, from 1.
    """
    nlp = nlp or sentence_pipeline()
    return sentences_of_doc(nlp(text))


def sentences_of_doc(doc: Doc) -> list[dict]:
    """The sentence rows of a document already run through ``sentence_pipeline``."""
    text = doc.text
    paragraph_starts = _paragraph_starts(text)
    sentences = []
    for span in doc.sents:
        raw = span.text
        stripped = raw.strip()
        if not stripped:
            continue
        start = span.start_char + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        sentences.append(
            {
                "start": start,
                "end": end,
                "text": text[start:end],
                "paragraph": bisect.bisect_right(paragraph_starts, start),
                "n_words": sum(1 for t in span if _is_word(t.text)),
            }
        )
    return sentences


def _paragraph_starts(text: str) -> list[int]:
    """Offsets at which each line holding text begins (blank lines are not paragraphs)."""
    starts, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            starts.append(offset)
        offset += len(line) + 1
    return starts


def _is_word(token_text: str) -> bool:
    return any(ch.isalnum() for ch in token_text)

