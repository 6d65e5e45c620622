"""Who said what: attributed statements found by reporting cues, and hedging per sentence.

A claim is a sentence holding a reporting cue from ``data/codebook/reporting_cues.csv``
("said", "denied", "according to"). The cue gives the stance (accuse, deny,
warn, urge, affirm, praise, predict, report) and says where the speaker stands:

- ``before`` the cue (a verb): the subject of the cue's clause. The clause
  starts after the last ";", "that", "but", "although", "while" or "whereas"
  before the cue, and after an opening phrase such as "During the dinner," or
  "According to X,". Its first name, speaker noun
  (``data/codebook/speaker_nouns.csv``: "officials", "analysts") or subject
  pronoun, outside quotation marks, starts the speaker phrase, which runs on
  over names, titles, possessives and speaker nouns, and takes in an appositive
  name ("the Council's spokesperson, Adrienne Watson,"). A phrase ending in a
  possessive ("Shoigu's meeting highlighted") has a thing, not a speaker, as
  subject: no claim. A cue ending in -ing ("..., urging North Korea") keeps the
  previous speaker of the sentence, except after "as" ("quoted Peskov as
  confirming"), where the nearest person before it speaks; "he" or "she" is the
  last person quoted before in the article.
- ``after`` the cue ("according to", "cited by"): the phrase that follows, up
  to punctuation or another cue.

``speaker_id`` lists the registry entities in the speaker phrase: its persons if
any, else its organisations, else its places and peoples ("Russian and North
Korean officials" -> ``rus|prk``). A phrase with no entity ("analysts") keeps
only ``speaker_text``. A negated cue ("were not disclosed"), a cue used as a
noun ("these claims") and a cue inside a quotation are not claims.

Hedging is measured per sentence: the hedge cues of ``data/codebook/hedge_cues.csv``
it holds, outside dates (so the month "May" is not the verb "may").
"""

import bisect
from typing import NamedTuple

import numpy
import pandas as pd
from spacy.attrs import IDX, ORTH
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from partnership import config
from partnership.codebook import load_rule_table
from partnership.corpus import Corpus
from partnership.progress import progress
from partnership.corpus.sentences import sentence_pipeline

CUES_FILE = config.CODEBOOK_DIR / "reporting_cues.csv"
HEDGES_FILE = config.CODEBOOK_DIR / "hedge_cues.csv"
SPEAKER_NOUNS_FILE = config.CODEBOOK_DIR / "speaker_nouns.csv"
STANCES = {"accuse", "deny", "warn", "urge", "affirm", "praise", "predict", "report"}
CLAIM_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "speaker_id", "speaker_text", "speaker_start",
                 "speaker_end", "speaker_country", "cue", "cue_start", "cue_end", "stance", "hedged", "hedge_cues"]
HEDGE_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "hedged", "n_hedge_cues", "hedge_cues"]
CLAUSE_BOUNDARIES = {";", "that", "but", "although", "while", "whereas"}
OPENERS = {"according", "during", "in", "at", "on", "after", "following", "among", "for", "with", "as",
           "despite", "amid", "before", "since"}
NEGATIONS = {"not", "n’t", "n't", "never", "no"}
DETERMINERS = {"the", "a", "an", "these", "this", "those", "such", "his", "her", "its", "their"}
SUBJECT_PRONOUNS = {"he", "she", "they"}
PHRASE_WORDS = {"state", "state-run", "news", "official", "senior", "top", "former", "chief", "deputy", "and",
                "-", "run", "diplomatic", "correspondent", "of"}
POSSESSIVES = {"’s", "'s"}
OPENING_QUOTES, CLOSING_QUOTES = {"“", "«"}, {"”", "»"}
SPEAKER_TYPES = ("PERSON", "ORG", "GPE")  # the order in which a phrase's entities are preferred


class Bounds(NamedTuple):
    """A sentence as token positions (cheaper to pass around than ``Span.sent``, which walks tokens)."""

    start: int
    end: int


def load_cues(path=CUES_FILE) -> pd.DataFrame:
    return load_rule_table(path, ["cue", "stance", "speaker", "note"], required=["cue", "stance", "speaker"],
                           allowed={"stance": STANCES, "speaker": {"before", "after"}})


def load_hedge_cues(path=HEDGES_FILE) -> pd.DataFrame:
    return load_rule_table(path, ["cue", "kind", "note"], required=["cue", "kind"])


def load_speaker_nouns(path=SPEAKER_NOUNS_FILE) -> dict[str, bool]:
    """Speaker nouns, each with whether it is also an adjective ("military assistance")."""
    table = load_rule_table(path, ["word", "adjective_too", "note"], required=["word"],
                            allowed={"adjective_too": {"yes", ""}})
    return dict(zip(table["word"].str.lower(), table["adjective_too"] == "yes"))


class ClaimFinder:
    def __init__(self, registry: pd.DataFrame, cues: pd.DataFrame | None = None,
                 hedges: pd.DataFrame | None = None, speaker_nouns: dict[str, bool] | None = None):
        self.types = dict(zip(registry["entity_id"], registry["type"]))
        self.countries = dict(zip(registry["entity_id"], registry["country"]))
        cues = load_cues() if cues is None else cues
        hedges = load_hedge_cues() if hedges is None else hedges
        self.speaker_nouns = load_speaker_nouns() if speaker_nouns is None else speaker_nouns
        nlp = sentence_pipeline()
        self.cue_info = {row.cue.lower(): (row.stance, row.speaker) for row in cues.itertuples()}
        self.cue_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for cue in self.cue_info:
            self.cue_matcher.add(cue, [nlp.make_doc(cue)])
        self.hedge_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for cue in hedges["cue"].str.lower():
            self.hedge_matcher.add(cue, [nlp.make_doc(cue)])

    # -- hedges ------------------------------------------------------------------

    def hedges(self, doc: Doc, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
        """(start_char, end_char, cue) of every hedge cue outside the ``taken`` (date) spans."""
        found = []
        for _, start, end in self.hedge_matcher(doc):
            span = doc[start:end]
            if not any(span.start_char < e and s < span.end_char for s, e in taken):
                found.append((span.start_char, span.end_char, span.text.lower()))
        return sorted(set(found))

    # -- claims ------------------------------------------------------------------

    def claims(self, doc: Doc, mentions: list[tuple[int, int, str, str]]) -> list[dict]:
        """Claims of one document; ``mentions`` are its (start, end, entity_id, type) mention spans."""
        entity_at = self._entities_by_token(doc, mentions)
        cues = filter_spans([doc[s:e] for _, s, e in self.cue_matcher(doc)])
        rows, last_person = [], None
        previous_in_sentence: dict[int, dict] = {}
        sentence_starts = [sent.start for sent in doc.sents] + [len(doc)]
        inside = _quoted_tokens(doc, sentence_starts)
        for cue in sorted(cues, key=lambda span: span.start):
            k = bisect.bisect_right(sentence_starts, cue.start) - 1
            sent = Bounds(sentence_starts[k], sentence_starts[k + 1])
            if self._negated(cue, sent) or self._used_as_noun(cue, sent) or cue.start in inside:
                continue
            stance, side = self.cue_info[cue.text.lower()]
            participle = cue[-1].text.lower().endswith("ing")
            if side == "after":
                speaker = self._phrase_after(cue, sent, cues)
            elif participle and doc[cue.start - 1].lower_ == "as":
                speaker = self._person_before(cue, sent, entity_at)  # "quoted Peskov as confirming"
            elif participle and sent.start in previous_in_sentence:
                speaker = previous_in_sentence[sent.start]["speaker"]
            else:
                speaker = self._phrase_before(cue, sent, entity_at, inside)
                if speaker is not None and speaker[-1].text in POSSESSIVES:
                    continue  # "Shoigu's meeting highlighted ...": the subject is a thing, not a speaker
            ids = self._speaker_ids(speaker, entity_at)
            if speaker is not None and not ids and speaker.text.lower() in SUBJECT_PRONOUNS and last_person:
                ids = [last_person]
            if len(ids) == 1 and self.types[ids[0]] == "PERSON":
                last_person = ids[0]
            row = {
                "speaker_id": "|".join(ids),
                "speaker_text": speaker.text if speaker is not None else "",
                "speaker_start": speaker.start_char if speaker is not None else pd.NA,
                "speaker_end": speaker.end_char if speaker is not None else pd.NA,
                "speaker_country": "|".join(sorted(
                    {self.countries[i] for i in ids} - {""})),
                "cue": cue.text, "cue_start": cue.start_char, "cue_end": cue.end_char, "stance": stance,
                "speaker": speaker,
            }
            previous_in_sentence[sent.start] = row
            rows.append(row)
        for row in rows:
            del row["speaker"]
        return rows

    @staticmethod
    def _entities_by_token(doc: Doc, mentions) -> dict[int, tuple[str, str]]:
        """token index -> (entity_id, type) for every linked mention."""
        at = {}
        token_starts = doc.to_array([IDX])
        for start, end, entity_id, entity_type in mentions:
            if not entity_id:
                continue
            first, last = numpy.searchsorted(token_starts, [start, end])  # mentions are whole tokens
            for i in range(int(first), int(last)):
                at[i] = (entity_id, entity_type)
        return at

    @staticmethod
    def _negated(cue, sent) -> bool:
        before = cue.doc[max(cue.start - 2, sent.start):cue.start]
        return any(token.lower_ in NEGATIONS for token in before)

    @staticmethod
    def _used_as_noun(cue, sent) -> bool:
        return cue.start > sent.start and len(cue) == 1 and cue.doc[cue.start - 1].lower_ in DETERMINERS

    def _clause_start(self, cue, sent) -> int:
        doc, start = cue.doc, sent.start
        for i in range(cue.start - 1, sent.start - 1, -1):
            if doc[i].lower_ in CLAUSE_BOUNDARIES:
                start = i + 1
                break
        if doc[start].lower_ in OPENERS:
            commas = [i for i in range(start, cue.start) if doc[i].text == ","]
            if commas:
                start = commas[0] + 1
        return start

    def _is_anchor(self, token, entity_at, cue_start: int) -> bool:
        if token.i in entity_at or token.lower_ in SUBJECT_PRONOUNS:
            return True
        if token.lower_ not in self.speaker_nouns:
            return False
        if not self.speaker_nouns[token.lower_]:
            return True
        # a word that is also an adjective speaks only when nothing but the cue or punctuation follows it
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        return following is None or following.i == cue_start or following.is_punct

    def _phrase_before(self, cue, sent, entity_at, inside: set[int]):
        doc = cue.doc
        clause_start = self._clause_start(cue, sent)
        for first in (clause_start, sent.start):
            for i in range(first, cue.start):
                if i not in inside and self._is_anchor(doc[i], entity_at, cue.start):
                    return self._extend(doc, i, cue.start, entity_at)
        return None

    @staticmethod
    def _person_before(cue, sent, entity_at):
        doc = cue.doc
        for i in range(cue.start - 1, sent.start - 1, -1):
            if entity_at.get(i, ("", ""))[1] == "PERSON":
                first = i
                while first - 1 >= sent.start and entity_at.get(first - 1) == entity_at[i]:
                    first -= 1
                return doc[first:i + 1]
        return None

    def _extend(self, doc: Doc, i: int, limit: int, entity_at):
        if doc[i].lower_ in SUBJECT_PRONOUNS:
            return doc[i:i + 1]
        end = i + 1
        while end < limit and self._continues(doc[end], entity_at):
            end += 1
        while end > i + 1 and doc[end - 1].lower_ in {"and", "-", "of"}:
            end -= 1
        # an appositive name: "the Council's spokesperson, Adrienne Watson,"
        if end + 1 < limit and doc[end].text == "," and entity_at.get(end + 1, ("", ""))[1] == "PERSON":
            close = end + 1
            while close < limit and close in entity_at and entity_at[close][1] == "PERSON":
                close += 1
            end = close
        return doc[i:end]

    def _continues(self, token, entity_at) -> bool:
        return (token.i in entity_at or token.lower_ in self.speaker_nouns or token.text in POSSESSIVES
                or token.lower_ in PHRASE_WORDS or (token.text[:1].isupper() and token.is_alpha)
                or token.text.endswith("."))

    @staticmethod
    def _phrase_after(cue, sent, cues):
        doc = cue.doc
        start = cue.end
        while start < sent.end and doc[start].lower_ in DETERMINERS:
            start += 1
        cue_starts = {c.start for c in cues}
        end = start
        while end < sent.end and doc[end].text not in {",", ".", ";", ":"} and end not in cue_starts \
                and doc[end].lower_ != "that" and end - start < 12:
            end += 1
        return doc[start:end] if end > start else None

    def _speaker_ids(self, speaker, entity_at) -> list[str]:
        if speaker is None:
            return []
        found = list(dict.fromkeys(entity_at[t.i] for t in speaker if t.i in entity_at))
        for wanted in SPEAKER_TYPES:
            ids = [e for e, kind in found if kind == wanted]
            if ids:
                return list(dict.fromkeys(ids))
        return list(dict.fromkeys(e for e, _ in found))


def _quoted_tokens(doc: Doc, sentence_starts: list[int]) -> set[int]:
    """Tokens between quotation marks; an unclosed quotation ends with its sentence."""
    orth = doc.to_array([ORTH])
    marks = [doc.vocab.strings[q] for q in (*OPENING_QUOTES, *CLOSING_QUOTES, '"') if q in doc.vocab.strings]
    inside, opened, sentence = set(), None, 0
    for i in numpy.flatnonzero(numpy.isin(orth, marks)).tolist():
        while i >= sentence_starts[sentence + 1]:
            if opened is not None:
                inside.update(range(opened + 1, sentence_starts[sentence + 1]))
            opened, sentence = None, sentence + 1
        text = doc[i].text
        if opened is None and (text in OPENING_QUOTES or text == '"'):
            opened = i
        elif opened is not None and (text in CLOSING_QUOTES or text == '"'):
            inside.update(range(opened + 1, i))
            opened = None
    if opened is not None:
        inside.update(range(opened + 1, sentence_starts[sentence + 1]))
    return inside


def find_claims_and_hedges(corpus: Corpus, mentions: pd.DataFrame, timexes: pd.DataFrame,
                           finder: ClaimFinder) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The claims table and the per-sentence hedges table of a corpus."""
    claim_rows, hedge_rows = [], []
    sentences_by_doc = _by_doc(corpus.sentences, ["sent_id", "start", "end", "text"])
    mentions_by_doc = _by_doc(mentions, ["start", "end", "entity_id", "type"])
    dates_by_doc = _by_doc(timexes, ["start", "end"])
    for doc_id, doc in progress(corpus.docs.items(), "claims", len(corpus.docs)):
        sentences = sentences_by_doc.get(doc_id, [])
        hedges = finder.hedges(doc, dates_by_doc.get(doc_id, []))
        cues_by_sentence = []
        for sent_id, start, end, text in sentences:
            cues = [cue for s, e, cue in hedges if start <= s < end]
            cues_by_sentence.append(cues)
            hedge_rows.append({"doc_id": doc_id, "sent_id": sent_id, "start": start, "end": end, "text": text,
                               "hedged": bool(cues), "n_hedge_cues": len(cues), "hedge_cues": " | ".join(cues)})
        starts = [s[1] for s in sentences]
        for row in finder.claims(doc, mentions_by_doc.get(doc_id, [])):
            index = bisect.bisect_right(starts, row["cue_start"]) - 1
            sent_id, start, end, text = sentences[index]
            cues = cues_by_sentence[index]
            claim_rows.append({"doc_id": doc_id, "sent_id": sent_id, "start": start, "end": end, "text": text,
                               **row, "hedged": bool(cues), "hedge_cues": " | ".join(cues)})
    claims = pd.DataFrame(claim_rows, columns=CLAIM_COLUMNS).astype(
        {"speaker_start": "Int64", "speaker_end": "Int64", "hedged": "boolean"})
    hedges = pd.DataFrame(hedge_rows, columns=HEDGE_COLUMNS).astype({"hedged": "boolean"})
    return claims, hedges


def _by_doc(table: pd.DataFrame, columns: list[str]) -> dict[str, list[tuple]]:
    """Rows of ``table`` as tuples of ``columns``, grouped by doc_id in table order (no pandas per row)."""
    grouped: dict[str, list[tuple]] = {}
    for doc_id, *values in zip(table["doc_id"].tolist(), *(table[c].tolist() for c in columns)):
        grouped.setdefault(doc_id, []).append(tuple(values))
    return grouped
