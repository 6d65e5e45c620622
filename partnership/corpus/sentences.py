"""Sentence splitting with spaCy's blank English pipeline and three news-copy rules.

spaCy's rule-based ``sentencizer`` ends a sentence after ``.``, ``!`` or ``?``.
News copy needs three corrections, applied by the ``news_sentence_rules``
component that runs after it:

1. a line break ends a sentence (headlines, sub-headings and datelines
   have no full stop), except a line wrapped inside one: a single line break after a
   word and before a word in lower case ("the first soldiers were / sent to Kursk"), or
   after a word that never closes a sentence ("captured by / Ukraine");
2. no sentence ends after an abbreviation listed in
   ``data/codebook/abbreviations.csv`` ("Adm.", "U.S."; "No." and month
   abbreviations only before a number);
3. no sentence ends inside a quotation (between “ and ”, or a pair of straight
   double quotes); an unclosed quotation ends at the line break.

Known limit: a sentence that really ends with an abbreviation ("... in the U.S.
The talks ...") is not split there.

Two repairs of real copy happen before the rules, neither moving an offset:

- spaCy tokenises a copy of the text in which no-break and other fixed-width spaces
  are plain spaces (one character for one), so "Kim\u00a0Jong Un" is three words;
  every row still quotes the raw text;
- a quotation mark or a capital after a full stop with no space ("the front."Peskov
  said", "in 2024.The ministry") is split off, so the sentence ends there;
- a reference work's note markers after a word or a full stop ("Seoul.[42]", "Ukraine.[54][55]")
  are tokens of their own, and they end the sentence they follow instead of opening the next.

Each token also gets its lemma from Explosion's English lookup table
(``spacy-lookups-data``; "urged", "urges", "urging" -> "urge"), read from its lower-case
form, so the cue and trigger codebooks can list one row per word.
"""

import bisect
import csv
import gzip
import json
import re
from functools import lru_cache
from pathlib import Path

import numpy
import spacy
from spacy.attrs import IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from partnership import config
from partnership.arrays import member, sorted_ids
from partnership.corpus.articles import MAX_ARTICLE_CHARS
from partnership.errors import CorpusError

OPENING_QUOTES = {"“", "«", "„"}
CLOSING_QUOTES = {"”", "»"}
STRAIGHT_QUOTE = '"'
FOLLOWED_BY = ("any", "number")
ABBREVIATION_WINDOW = 40
# Spaces of one character that spaCy would keep as tokens of their own, and control characters
# (other than tab and line feed) that would stick to a word ("Putin\x07"): read as plain spaces.
FIXED_WIDTH_SPACES = re.compile("[\u00a0\u2007\u2009\u200a\u202f\u205f\u3000\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Longer texts are segmented in blocks of lines: the news rules' cost grows faster than a Doc.
BLOCK_CHARS = 20_000
_BLOCK_CUT = re.compile(r"\n(?=\S)")
# Words that never close a sentence: a line ending in one is wrapped, whatever opens the next line
# ("two of them were captured by / Ukraine in January").
OPEN_ENDINGS = frozenset({"a", "an", "the", "of", "by", "to", "in", "on", "at", "for", "from", "with", "into",
                          "and", "or", "but", "than", "its", "their", "his", "her", "our", "whose"})
_OPEN_ENDING = re.compile(r"(?<![^\W\d_])(?:%s)[ \t]*\Z" % "|".join(sorted(OPEN_ENDINGS)))
# a reference work's note marker, "[42]" or "[a]": split off the word it follows ("Seoul.[42]")
NOTE_MARKER = r"\[(?:\d{1,3}|[a-z])\]"
_NOTE_MARKER = re.compile(NOTE_MARKER)
EXTRA_INFIXES = (
    r"(?<=[.!?])[\"“”](?=[A-Za-z])",  # the front."Peskov said
    r"(?<=[0-9])\.(?=[A-Z][a-z])",  # in 2024.The ministry
)


# Hyphens spaCy does not split on, read as the plain one ("Kim Jong\u2011un" is "Kim Jong-un"); a middle dot
# between words is a separator ("North Korea\u00b7Russia", Korean copy's "and")
PLAIN_FOR_TOKENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u00b7": " "})
TOKEN_PLAIN_CHARS = [chr(code) for code in PLAIN_FOR_TOKENS]


def tokenizable(text: str) -> str:
    """The text spaCy tokenises: fixed-width spaces and control characters become plain spaces, and unusual
    hyphens plain ones, so every offset stays."""
    if any(char in text for char in TOKEN_PLAIN_CHARS):  # rare; str.translate walks every character slowly
        text = text.translate(PLAIN_FOR_TOKENS)
    return FIXED_WIDTH_SPACES.sub(" ", text)


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """Explosion's English lemma lookup table (lower-case word -> lemma), from spacy-lookups-data."""
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        table = json.load(handle)
    # the table has "'m" and "'ve" but not "'re", and no curly-apostrophe forms ("we’re concerned")
    table.setdefault("'re", "be")
    table.update({word.replace("'", "’"): lemma for word, lemma in list(table.items())
                  if "'" in word and word.replace("'", "’") not in table})
    return table


@lru_cache(maxsize=1)
def modifier_words() -> frozenset[str]:
    """Every adjective and adverb of WordNet's lemma index (lower case), from spacy-lookups-data: words
    such as "mutual", "provisional" or "regardless" that are no name when a capital only opens a line."""
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_index.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        index = json.load(handle)
    return frozenset(index["adj"]) | frozenset(index["adv"])


class LookupLemmas:
    """Sets every token's lemma from the lookup table, once per word type (arrays, not tokens)."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.table = lemma_table()
        self.cache: dict[int, int] = {}

    def lemma_id(self, lower_id: int) -> int:
        if lower_id not in self.cache:
            lower = self.vocab.strings[lower_id]
            self.cache[lower_id] = self.vocab.strings.add(self.table.get(lower, lower))
        return self.cache[lower_id]

    def __call__(self, doc: Doc) -> Doc:
        if len(doc):
            lower = doc.to_array([LOWER])
            unique, inverse = numpy.unique(lower, return_inverse=True)
            cache = self.cache  # most word types are known after the first articles: no call for them
            lemmas = numpy.array([cache[u] if u in cache else self.lemma_id(u) for u in unique.tolist()],
                                 dtype="uint64")[inverse]
            doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


@Language.factory("lookup_lemmas")
def make_lookup_lemmas(nlp: Language, name: str):
    return LookupLemmas(nlp.vocab)


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


class ArraySentencizer(Sentencizer):
    """spaCy's ``sentencizer``, with its ``predict`` computed on token arrays.

    Same rule, same result (a test compares the two): a sentence starts at the first
    token that is neither punctuation nor a sentence-final character after a
    sentence-final character. spaCy's version visits every token from Python, which
    costs more than tokenising; this one reads ``Doc.to_array`` once per document.
    """

    _punct = (None, None)  # (punct_chars, their sorted hashes): worked out once, not per document

    def predict(self, docs):
        chars = frozenset(self.punct_chars)
        if self._punct[0] != chars:
            self._punct = (chars, sorted_ids(get_string_id(c) for c in chars))
        hashes = self._punct[1]
        guesses = []
        for doc in docs:
            if not len(doc):
                guesses.append([])
                continue
            orth, is_punct = doc.to_array([ORTH, IS_PUNCT]).T
            final = member(orth, hashes)
            words = numpy.flatnonzero(~final & (is_punct == 0))
            finals_so_far = numpy.cumsum(final)
            before = numpy.where(words > 0, finals_so_far[words - 1], 0)
            previous = numpy.concatenate([[-1], words[:-1]])
            at_previous = numpy.where(previous >= 0, finals_so_far[previous], 0)
            starts = numpy.zeros(len(doc), dtype=bool)
            starts[0] = True
            starts[words[before - at_previous > 0]] = True
            guesses.append(starts.tolist())
        return guesses


@Language.factory("array_sentencizer", default_config={"punct_chars": None, "overwrite": False})
def make_array_sentencizer(nlp: Language, name: str, punct_chars, overwrite: bool):
    return ArraySentencizer(name, punct_chars=punct_chars, overwrite=overwrite)


@Language.factory("news_sentence_rules", default_config={"abbreviations": {}})
def make_news_sentence_rules(nlp: Language, name: str, abbreviations: dict):
    return NewsSentenceRules(abbreviations)


class NewsSentenceRules:
    """Adjusts the sentencizer's boundaries; see the module docstring for the rules."""

    def __init__(self, abbreviations: dict[str, str]):
        self.abbreviations = dict(abbreviations)
        self.lengths = sorted({len(a) for a in self.abbreviations})

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        # Doc.text joins every token on each access; the corpus loader leaves the text in user_data.
        text = doc.user_data.get("text") or doc.text
        # Only three kinds of token matter: line breaks, quotation marks and the sentencizer's
        # sentence starts. Finding them with arrays keeps Python off the other tokens.
        orth, is_space, sent_start = doc.to_array([ORTH, IS_SPACE, SENT_START]).T
        quote_ids = [doc.vocab.strings[q] for q in (*OPENING_QUOTES, *CLOSING_QUOTES, STRAIGHT_QUOTE)
                     if q in doc.vocab.strings]
        newlines = [i for i in numpy.flatnonzero(is_space) if "\n" in doc[i].text]
        non_space = numpy.flatnonzero(is_space == 0)
        after_newline = {int(non_space[k]) for k in numpy.searchsorted(non_space, newlines) if k < len(non_space)}
        events = sorted(set(newlines) | after_newline | set(numpy.flatnonzero(member(orth, sorted_ids(quote_ids))))
                        | set(numpy.flatnonzero(sent_start == 1)) | {int(non_space[0])} if len(non_space) else set())
        # Starts are written back once as an array: each ``token.is_sent_start = ...`` checks
        # the whole document for a parse (``has_annotation("DEP")``), quadratic in its length.
        starts = sent_start.astype("int64")  # to_array gives -1 (not a start) as an unsigned integer
        wrapped = {i + 1 for i in newlines if self._wrapped(doc, i)}
        in_quote = False
        for i in events:
            if is_space[i]:
                if i + 1 not in wrapped:
                    in_quote = False  # a line break closes an unclosed quotation
                continue
            token = doc[int(i)]
            if i in wrapped:
                starts[i] = -1
            elif i == non_space[0] or i in after_newline:
                starts[i] = 1
            elif starts[i] == 1 and (in_quote or self._follows_abbreviation(text, token)):
                starts[i] = -1
            elif starts[i] == 1 and _NOTE_MARKER.fullmatch(token.text):
                # "Seoul.[42] North Korea ...": the note ends the sentence before it; the next word opens one
                starts[i] = -1
                k = int(i) + 1
                while k < len(starts) and _NOTE_MARKER.fullmatch(doc[k].text):
                    k += 1
                if k < len(starts) and not is_space[k]:
                    starts[k] = 1
            elif not in_quote and i + 1 < len(starts) and starts[i + 1] == 1 and self._opens_quote(doc, int(i)):
                # 'Kim said so. "It is bad," Putin said.': the sentencizer starts the new sentence after the
                # opening quote, inside the quotation; it starts at the quote
                starts[i], starts[i + 1] = 1, -1
            in_quote = self._quote_state(token.text, in_quote)
        doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))
        return doc

    @staticmethod
    def _wrapped(doc: Doc, i: int) -> bool:
        """Is the line break at token ``i`` a line wrapped inside a sentence: one line break, between
        a word that ends no sentence and a word in lower case ("the first soldiers were / sent to")?"""
        if doc[i].text.count("\n") != 1 or i == 0 or i + 1 >= len(doc):
            return False
        before, after = doc[i - 1], doc[i + 1]
        if before.is_space or not after.is_alpha:
            return False
        if before.text.endswith("-") and before.text[:-1].isalpha():
            return after.text[:1].islower()  # a word hyphenated across the line: "at the Vosto-/chny Cosmodrome"
        return (after.text[:1].islower() and before.text[-1:].isalnum()) or before.text in OPEN_ENDINGS

    @staticmethod
    def _opens_quote(doc: Doc, i: int) -> bool:
        """Is token ``i`` a quotation mark that opens a quotation: a curly opening mark, or a straight one
        written against the word after it and not against the word before it?"""
        token = doc[i]
        if token.text in OPENING_QUOTES:
            return True
        return token.text == STRAIGHT_QUOTE and not token.whitespace_ \
            and (i == 0 or bool(doc[i - 1].whitespace_) or doc[i - 1].is_punct)

    @staticmethod
    def _quote_state(text: str, in_quote: bool) -> bool:
        if text in OPENING_QUOTES:
            return True
        if text in CLOSING_QUOTES:
            return False
        if text == STRAIGHT_QUOTE:
            return not in_quote
        return in_quote

    def _follows_abbreviation(self, text: str, token) -> bool:
        # A window is enough: abbreviations are short, and slicing from 0 would be quadratic.
        window_start = max(0, token.idx - ABBREVIATION_WINDOW)
        before = text[window_start:token.idx].rstrip()
        for length in self.lengths:  # a dict lookup per length, not an endswith per abbreviation
            abbreviation = before[-length:]
            followed_by = self.abbreviations.get(abbreviation) if len(before) >= length else None
            if followed_by is None:
                continue
            start = len(before) - length
            if start > 0 and before[start - 1].isalnum():
                continue  # "ISO." is not "O."
            if followed_by == "any" or token.like_num:
                return True
        return False


@lru_cache(maxsize=4)
def _pipeline(abbreviation_items: tuple) -> Language:
    nlp = spacy.blank("en")
    nlp.max_length = MAX_ARTICLE_CHARS  # deliberately: the loader refuses longer articles by name
    # each new affix rule reloads the special cases (0.03 s a time): set them with none, then load them once
    rules, nlp.tokenizer.rules = nlp.tokenizer.rules, {}
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *EXTRA_INFIXES]).finditer
    # "/TASS/." (a wire agency's tag): slashes come off a word like brackets
    nlp.tokenizer.prefix_search = compile_prefix_regex([*nlp.Defaults.prefixes, "/"]).search
    nlp.tokenizer.suffix_search = compile_suffix_regex([NOTE_MARKER, *nlp.Defaults.suffixes, "/", r"(?<=/)\."]).search
    nlp.tokenizer.rules = rules
    nlp.add_pipe("array_sentencizer", name="sentencizer")
    nlp.add_pipe("news_sentence_rules", config={"abbreviations": dict(abbreviation_items)})
    nlp.add_pipe("lookup_lemmas")
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
    return sentences_of_doc(segment(text, nlp), text)


def segment(text: str, nlp: Language | None = None) -> Doc:
    """``nlp(text)``, but handing the components the text so none has to rebuild it from tokens.

    A text longer than BLOCK_CHARS is run through the pipeline in blocks of whole lines
    and the Docs joined: a line break always ends a sentence and spaCy tokenises each
    stretch between white space on its own, so tokens, sentence starts, lemmas and every
    character offset are those of the whole text (a test checks it).
    """
    nlp = nlp or sentence_pipeline()
    blocks = line_blocks(text, BLOCK_CHARS)
    if len(blocks) == 1:
        return _segment_block(text, nlp)
    doc = Doc.from_docs([_segment_block(block, nlp) for block in blocks], ensure_whitespace=False,
                        exclude=["user_data"])
    doc.user_data["text"] = text
    return doc


def _segment_block(text: str, nlp: Language) -> Doc:
    doc = nlp.make_doc(tokenizable(text))
    doc.user_data["text"] = text
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def line_blocks(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of about ``size`` characters or more, each cut just after a line
    break and before a character that is neither white space nor a lower-case letter, so that a
    line wrapped inside a sentence stays whole (one piece if there is no such place)."""
    blocks, start = [], 0
    while len(text) - start > size:
        cut = _BLOCK_CUT.search(text, start + size)
        while cut is not None and (text[cut.end()].islower()  # a wrapped line goes on with its sentence
                                   or _OPEN_ENDING.search(text, max(start, cut.start() - 16), cut.start())):
            cut = _BLOCK_CUT.search(text, cut.end())
        if cut is None:
            break
        blocks.append(text[start:cut.end()])
        start = cut.end()
    blocks.append(text[start:])
    return blocks


def sentences_of_doc(doc: Doc, text: str | None = None) -> list[dict]:
    """The sentence rows of a document already run through ``sentence_pipeline``."""
    text = doc.text if text is None else text
    paragraph_starts = _paragraph_starts(text)
    words_before = numpy.concatenate([[0], numpy.cumsum(doc.to_array([word_flag(doc.vocab)]))])
    sentences = []
    for span in doc.sents:
        raw = text[span.start_char:span.end_char]
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
                "n_words": int(words_before[span.end] - words_before[span.start]),
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


def _looks_like_a_name(token_text: str) -> bool:
    return token_text[:1].isupper() and any(ch.isalpha() for ch in token_text)


_FLAGS: dict[int, tuple] = {}


def _flags(vocab) -> tuple[int, int]:
    """Lexical flags computed once per word type, read for a whole Doc with ``Doc.to_array``."""
    if id(vocab) not in _FLAGS:
        _FLAGS[id(vocab)] = (vocab, vocab.add_flag(_is_word), vocab.add_flag(_looks_like_a_name))
    return _FLAGS[id(vocab)][1:]


def word_flag(vocab) -> int:
    """Flag id: the token holds a letter or digit (it counts as a word)."""
    return _flags(vocab)[0]


def name_like_flag(vocab) -> int:
    """Flag id: the token starts with a capital and holds a letter."""
    return _flags(vocab)[1]

