"""Who said what: attributed statements found by reporting cues, and hedging per sentence.

A claim is a sentence holding a reporting cue from ``data/codebook/reporting_cues.csv``.
Cues are matched by **lemma** (spaCy's lookup lemmatizer with Explosion's English
table), so one row "urge" covers urges, urged and urging; a row may restrict the
forms that count (``forms``: "state" counts as "stated", not as "the state"), and a
cue of several words may hold one more word inside ("expressed deep concern", "we are
deeply concerned"). The cue gives the stance (accuse, deny, warn, urge, affirm,
praise, predict, report; ``data/codebook/stances.csv``) and where the speaker stands.

The speaker, by rule (``speaker_rule`` says which):

- ``after_cue``: the phrase after "according to X", "cited by X";
- ``passive_agent``: a cue in the passive takes the phrase after "by" ("was confirmed
  by the ministry"); a passive with no agent ("is expected to", "was reported") has no
  speaker and is no claim;
- ``subject``: the nearest phrase before the cue in its clause, read from the last
  comma, quotation mark or clause word ("that", "but", ";") before it, then from the
  clause start, then from the sentence start: its first name, speaker noun
  (``data/codebook/speaker_nouns.csv``) or subject pronoun, outside quotation marks,
  starts the phrase, which runs on over names, titles, possessives and speaker nouns
  and takes in an appositive name ("the Council's spokesperson, Adrienne Watson,");
  so "..., Kremlin spokesman Dmitry Peskov said in a statement" finds Peskov after a
  long clause;
- ``appositive``: "Peskov, the Kremlin spokesman, said" is Peskov's, and so is "Shoigu, by then secretary of
  Russia's Security Council, said": a name inside the phrase set off by commas does not speak;
- ``inverted``: "..., said Dmitry Peskov" and "“...,” said Peskov": a reporting verb
  right after a comma or a quotation takes the phrase after it;
- ``participle``: a cue ending in -ing ("..., urging North Korea") keeps the previous
  speaker of the sentence; one opening its sentence ("Noting that ..., Kim said") takes
  the main clause's speaker (``opening participle``); "citing" a source ("citing a
  ministry spokesperson") gives the one cited, "citing" reasons the one citing;
  ``quoted_as``: after "as" ("quoted Peskov as confirming") the nearest person before
  it speaks;
- a renaming appositive names the body ("the directorate, known as HUR, said" -> HUR);
- ``pronoun``: "he", "she", "they" is the last person quoted before in the text;
- ``first_person``: "we", "I", "our" is the text's author (``sources.csv`` column
  ``author``), or in a briefing transcript the speaker of the labelled turn ("MR.
  KIRBY: We have seen ..."). With no author recorded the claim keeps an empty
  ``speaker_id`` and ``speaker_rule`` says so. A text naming itself ("The United
  States condemns") is read like any subject.

``speaker_id`` lists the registry entities that speak: the persons named in the
speaker phrase if any, else its organisations, else its states ("Russian and North
Korean officials" -> ``rus|prk``); a list of speakers takes every body in it ("South
Korea, Japan and NATO condemned" -> ``kor|jpn|nato``). A phrase with no entity ("analysts") keeps only
``speaker_text``. A negated cue ("were not disclosed"), a cue used as a noun ("these
claims") or as an adjective ("internationally recognised borders"), a cue inside a
quotation, in a question, in an if-clause or a reduced "when asked", "agreed to" in the
third person (a commitment reported, an event) and "will consider" (deliberation) are
not claims. "put ... at" a number is an estimate ("the agency put the total at 4 million").

Hedging is measured per sentence: the hedge cues of ``data/codebook/hedge_cues.csv``
it holds, outside dates (so the month "May" is not the verb "may").
"""

import bisect
import re
from typing import NamedTuple

import numpy
import pandas as pd
from spacy.attrs import IDX, LEMMA, ORTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from partnership import config
from partnership.arrays import LexCache, member, sorted_ids
from partnership.codebook import load_rule_table
from partnership.annotate.documents import load_document_nouns
from partnership.annotate.lemma_matcher import LemmaPhrases
from partnership.annotate.names import HYPHENS, load_titles, sentence_start_set, title_key
from partnership.annotate.normalise import case_class
from partnership.annotate.spans import SpanIndex
from partnership.corpus import Corpus
from partnership.corpus.sentences import lemma_table, sentence_pipeline
from partnership.progress import progress

CUES_FILE = config.CODEBOOK_DIR / "reporting_cues.csv"
STANCES_FILE = config.CODEBOOK_DIR / "stances.csv"
HEDGES_FILE = config.CODEBOOK_DIR / "hedge_cues.csv"
SPEAKER_NOUNS_FILE = config.CODEBOOK_DIR / "speaker_nouns.csv"
CLAIM_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "speaker_id", "speaker_text", "speaker_start",
                 "speaker_end", "speaker_country", "speaker_rule", "cue", "cue_start", "cue_end", "stance", "hedged",
                 "hedge_cues"]
HEDGE_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "hedged", "n_hedge_cues", "hedge_cues"]
CLAUSE_BOUNDARIES = {";", "that", "but", "although", "while", "whereas"}
SEGMENT_BOUNDARIES = {",", ";", ":", "—", "–", "”", "»", "(", ")"}
OPENERS = {"according", "during", "in", "at", "on", "after", "following", "among", "for", "with", "as",
           "despite", "amid", "before", "since"}
NEGATIONS = {"not", "n’t", "n't", "never", "no", "neither", "nor"}
INDEFINITE_SUBJECTS = {"others", "many", "some", "both", "several", "another", "most"}  # pronouns standing for people
NEGATED_SUBJECTS = {"neither", "no", "nobody", "none", "nothing"}
NOTHING_SAID = {"nothing"}
AFTER_NOTHING = {"about", "at", "on", "of", "publicly", "yet", "so", "since", "in", "to", "officially"}
DETERMINERS = {"the", "a", "an", "these", "this", "those", "such", "his", "her", "its", "their", "our"}
ARTICLES = {"the", "a", "an", "these", "this", "those", "such"}
NOUN_DETERMINERS = {"any", "every", "each"}  # "any state that requests": a noun after them, never a verb
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "its": "it", "their": "they", "our": "we", "my": "i"}
THIRD_PERSON = {"he", "she", "they"}
AUXILIARIES = {"has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "also", "further", "did",
               "does", "do", "will", "would", "could", "can", "may", "might", "must", "should", "shall", "again",
               "already", "since", "then", "later", "today", "yesterday", "once", "first", "earlier", "separately",
               "jointly", "recently", "previously", "publicly", "reportedly", "not", "n't", "n’t",
               "long", "always", "still", "just", "often", "now"}  # "Kyiv has long pointed to"
QUANTIFIERS = {"many", "some", "most", "several", "few", "other", "others", "all", "both"}
MODALS = {"will", "would", "shall", "may", "might", "could", "can", "should", "must", "'ll", "’ll"}
CONDITIONS = {"if", "unless"}
RENAMING = {"known", "called", "dubbed"}  # "the directorate, known as HUR, said": the name speaks
POSTMODIFIER_PREPOSITIONS = {"of", "to", "with", "from", "at", "for", "in"}
# stop words that rank a noun in its phrase: "Moscow's top general", "a former official"
RANK_WORDS = {"top", "former"}
NP_DETERMINERS = {"the", "a", "an", "both", "this", "that", "these", "those", "its", "their", "his", "her", "our",
                  "my", "some", "many", "several", "two", "three", "all", "other", "another", "each", "one"}
FIRST_PERSON = {"we", "i"}
LET_OBJECTS = {"me", "us"}  # "Let me say", "let us recall": the speaker in the first person
PRONOUNS = {"he", "she", "they", "it"}
QUESTION_AFTER_ASK = {"about", "whether", "if", "why", "what", "how", "when", "who", "where", "which"}
OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}
HOSTED = {"dignitaries", "delegation", "delegations", "guests", "visitors", "him", "her", "them", "leader", "leaders"}
BE_FORMS = {"is", "are", "was", "were", "be", "been", "being", "'s", "’s"}
ABBREVIATED_NAME = re.compile(r"(?:[A-Z]\.){2,}")  # "U.S.", "U.K.": initials with full stops
NOMINAL_ENDINGS = ("ment", "ments", "tion", "tions", "sion", "sions", "ance", "ence")
PERFECT = {"has", "have", "had", "having", "'ve", "’ve"}
ADVERBIAL_PREPOSITIONS = {"for", "in", "since", "over", "during", "on", "at", "after", "until"}
# a name right after one of these is an object, not a subject: "a message from President Putin, media reported"
NAME_OBJECT_BEFORE = POSTMODIFIER_PREPOSITIONS | {"by", "on", "about", "against"}
VERB_ADVERBS = {"also", "again", "still", "further", "all"}  # between a subject and its verb: "we have also seen"
PHRASE_WORDS = {"state", "state-run", "news", "official", "senior", "top", "former", "chief", "deputy", "and",
                "-", "run", "diplomatic", "correspondent", "of"}
POSSESSIVES = {"’s", "'s"}
OPENING_QUOTES, CLOSING_QUOTES = {"“", "«"}, {"”", "»"}
FUTURE_BEFORE_BE = {"will", "to", "would", "shall", "'ll", "’ll"}  # "will be announced", "to be announced"
FIGURE_CUES = {"count", "estimate"}  # a finding only when a figure follows ("counted at least 74 voyages")
FIGURE_REACH = 8
QUOTE_CHARS = frozenset({"\"", "“", "”", "‘", "’", "'", "«", "»"})
SPEAKER_TYPES = ("PERSON", "ORG", "GPE")  # the order in which a phrase's entities are preferred
# "I wish to stress", "we would like to remind": saying that one wants to say it is saying it
PERFORMATIVE_BEFORE_TO = {"wish", "like", "want"}
CONTINUING = {"continue", "continues", "continued", "continuing"}  # "Russia continues to deny": said again now
THING_SUBJECTS = {"which", "it", "this", "that", "what"}
UNKNOWN_NAME = "NAME"  # a name the registry lacks: it may speak, but has no id
UNKNOWN_PERSON = "(a person the registry lacks)"
PERSON_LIKE = ("PERSON", UNKNOWN_NAME)
TURN_LABEL = re.compile(r"(?m)^([A-Z][^\n:]{0,48}?):[ \t]")  # "MR. KIRBY: ", "Q: ", "Dmitry Peskov: "


RESOLUTION_SUBJECT = re.compile(r"(?m)^(?:The\s+)?(?P<name>[A-Z][^\n,;:.]{2,60}),[ \t]*$")


def _resolution_subject(doc: Doc, text: str) -> Span | None:
    """The body a resolution's text opens with, on a line of its own ending in a comma ("The European
    Parliament,", "The Security Council,"), when numbered operative paragraphs follow ("1. Condemns ...")."""
    match = RESOLUTION_SUBJECT.search(text)
    if match is None or not re.search(r"(?m)^\d+\.\s+[A-Z][a-z]+s\b", text[match.end():]):
        return None
    return doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")


def _label_like(label: str) -> bool:
    """Is the text before a line's colon a speaker's label ("MR. KIRBY", "Press secretary Peskov",
    "PARK JUN-HO (translated)"), not a sentence ("We remind the servicemen of the DPRK")? A label holds
    at most one word in lower case outside brackets and opens with no first-person pronoun."""
    words = re.sub(r"\([^)]*\)", " ", label).split()
    if words and words[0].lower() in ("we", "i", "our", "my"):
        return False
    return sum(word[:1].islower() for word in words) <= 1


def _spoken(rest: str) -> bool:
    """Is what follows a label on its line something said ("Thank you.", "We have seen the reports and ...")
    rather than a field's value ("Original: English", "Distr.: General", "Date: 20 November 2024")?"""
    rest = rest.strip()
    return len(rest.split()) > 4 or rest[-1:] in ".?!…\"”’)—-"


GERUND_PREPOSITIONS = {"of", "for", "on", "about"}  # "the kind of reporting": a gerund after them is a noun
TITLE_REACH = 10  # words of a title between an inverted cue and the name it ends in
AFFILIATIONS = {"of", "from", "at", "with"}  # "said Karen Whitlock of the FBI", "said an analyst at the Institute"
EVIDENTIAL = {"suggest", "indicate", "point to"}  # cues a thing can be the subject of: "the timing suggested"
PERSONAL_PRONOUNS = {"he", "she", "they", "we", "i", "you"}
COUNTED_ONE = {"one", "another"}  # "said one Western security official"
NOUN_FOLLOWERS = {"in", "at", "per", "to", "from", "by", "of", "were", "was", "are", "have", "had"}  # "calls in brackets"
TITLE_JOINTS = {"for", "of", "and", "the"}  # "Assistant Secretary for Counter Threat Finance"


class Bounds(NamedTuple):
    """A sentence as token positions (cheaper to pass around than ``Span.sent``, which walks tokens)."""

    start: int
    end: int


LIST_ITEM = re.compile(r"[ \t]*(?:[–—\-•*·]|\(?[0-9]{1,2}[.)]|\(?[a-z][.)])[ \t]+")  # "– ", "• ", "3. ", "(a) "
LEAD_SUBJECT = re.compile(r"\b(?P<subject>[Ww]e|I)\s*:[ \t]*$")  # "Together, we:", "I:"


def _list_lead_subject(doc: Doc, text: str, cue) -> Span | None:
    """The subject of a list's lead-in line ("Together, we:") when the cue opens an item of that list
    ("– call on the DPRK ..."): items with no subject of their own say what the lead-in's subject does."""
    line_start = text.rfind("\n", 0, cue.start_char) + 1
    item = LIST_ITEM.match(text, line_start)
    if item is None or item.end() != cue.start_char:
        return None
    while line_start > 0:  # back over the list's earlier items to its lead-in
        before = text.rfind("\n", 0, line_start - 1) + 1
        line = text[before:line_start - 1]
        if LIST_ITEM.match(line) and line.strip():
            line_start = before
            continue
        lead = LEAD_SUBJECT.search(line)
        if lead is None:
            return None
        return doc.char_span(before + lead.start("subject"), before + lead.end("subject"))
    return None


class Speaker(NamedTuple):
    """Who speaks a cue: the phrase naming them (or None), its rule, and ids decided by rule if any."""

    phrase: Span | None
    rule: str
    ids: tuple = ()


def load_stances(path=STANCES_FILE) -> list[str]:
    """The stances a claim may take, in the order charts show them (``stances.csv`` row order)."""
    return load_rule_table(path, ["stance", "definition", "example_cues"], required=["stance", "definition"])["stance"].tolist()


def load_cues(path=CUES_FILE, stances: list[str] | None = None) -> pd.DataFrame:
    stances = load_stances() if stances is None else stances
    return load_rule_table(path, ["cue", "stance", "speaker", "forms", "note"], required=["cue", "stance", "speaker"],
                           allowed={"stance": set(stances), "speaker": {"before", "after", "of"}})


def load_hedge_cues(path=HEDGES_FILE) -> pd.DataFrame:
    return load_rule_table(path, ["cue", "kind", "note"], required=["cue", "kind"])


def load_speaker_nouns(path=SPEAKER_NOUNS_FILE) -> dict[str, bool]:
    """Speaker nouns, each with whether it is also an adjective ("military assistance")."""
    table = load_rule_table(path, ["word", "adjective_too", "note"], required=["word"],
                            allowed={"adjective_too": {"yes", ""}})
    nouns = dict(zip(table["word"].str.lower(), table["adjective_too"] == "yes"))
    # a row names the noun, not each form: "side" covers "the sides", "commission" "commissions" (the
    # plurals the lemma table knows; its verb forms, "commanded", are no nouns)
    for form, lemma in lemma_table().items():
        if lemma in nouns and form not in nouns and form in (lemma + "s", lemma + "es", lemma[:-1] + "ies"):
            nouns[form] = nouns[lemma]
    return nouns


# The last Doc's token columns, read once for all the rules that visit it: ``_words(doc)[i]`` is a shared
# ``Lex`` (arrays.LexCache) reading what ``doc[i]`` reads for lexical attributes, without making a spaCy
# Token; lemmas and character offsets are per token (the lemma is set by the pipeline, not the Lexeme).
# Module globals, not attributes: the rules ask for them a few hundred thousand times per thousand texts.
_LEXES: dict = {}  # id(vocab) -> LexCache
_last_doc = None
_last_words: list = []
_last_lemmas: list = []
_last_idx: list = []
_last_array = numpy.zeros((0, 3), dtype="uint64")  # ORTH, LEMMA, IDX: the array the lists come from


def _read(doc: Doc) -> tuple[list, list, list]:
    """(words, lemma ids, character offsets) of ``doc``'s tokens."""
    global _last_doc, _last_words, _last_lemmas, _last_idx, _last_array
    if _last_doc is not doc:
        lexes = _LEXES.get(id(doc.vocab))
        if lexes is None or lexes.vocab is not doc.vocab:
            lexes = _LEXES[id(doc.vocab)] = LexCache(doc.vocab)
        _last_array = doc.to_array([ORTH, LEMMA, IDX]) if len(doc) else numpy.zeros((0, 3), dtype="uint64")
        orth, _last_lemmas, _last_idx = _last_array.T.tolist() if len(doc) else ([], [], [])
        _last_words = list(map(lexes.__getitem__, orth))
        _last_doc = doc
    return _last_words, _last_lemmas, _last_idx


def _column(doc: Doc, k: int) -> numpy.ndarray:
    """``doc.to_array(attr)`` for ORTH (k=0) or IDX (k=2), taken from the array already read."""
    _read(doc)
    return _last_array[:, k]


def _words(doc: Doc) -> list:
    """``doc``'s tokens as shared ``Lex`` objects: ``_words(doc)[i].lower_`` is ``doc[i].lower_``."""
    return _last_words if doc is _last_doc else _read(doc)[0]


def _lemma(doc: Doc, i: int) -> str:
    """``doc[i].lemma_``."""
    return doc.vocab.strings[(_last_lemmas if doc is _last_doc else _read(doc)[1])[i]]


def _verb_form(doc: Doc, i: int) -> bool:
    """An inflected verb ("released", "sent", "fighting"): its lemma differs and it does not end in -s."""
    word = _words(doc)[i]
    return word.is_lower and _lemma(doc, i) != word.lower_ and not word.lower_.endswith("s")


class ClaimFinder:
    def __init__(self, registry: pd.DataFrame, cues: pd.DataFrame | None = None,
                 hedges: pd.DataFrame | None = None, speaker_nouns: dict[str, bool] | None = None):
        self.types = dict(zip(registry["entity_id"], registry["type"]))
        self.countries = dict(zip(registry["entity_id"], registry["country"]))
        # what each organisation is ("South Korea's intelligence agency"): "the agency" finds it again
        self.kinds = {e: set(re.findall(r"[a-z]+", r.lower())) for e, r, t in
                      zip(registry["entity_id"], registry["role"].fillna(""), registry["type"]) if t == "ORG"}
        cues = load_cues() if cues is None else cues
        hedges = load_hedge_cues() if hedges is None else hedges
        self.speaker_nouns = load_speaker_nouns() if speaker_nouns is None else speaker_nouns
        self.titles = load_titles()
        from partnership.annotate.registry_candidates import load_name_heads
        # any name's kind by its last word ("... Committee", "... Treaty"): no person's name ends in one
        self.body_heads = frozenset(load_name_heads())
        lemmas = lemma_table()
        self.documents = frozenset(w for word in load_document_nouns() for w in (word, lemmas.get(word, word)))
        nlp = sentence_pipeline()
        self.vocab = nlp.vocab
        self.cue_matcher = LemmaPhrases(nlp.vocab)
        self.cue_info: dict[str, tuple[str, str, list[list[str]]]] = {}
        for row in cues.itertuples():
            key = row.cue.lower()
            forms = [form.lower().split() for form in row.forms.split("|") if form.strip()]
            self.cue_info[key] = (row.stance, row.speaker, forms)
            self.cue_matcher.add(key, key)
        self.hedge_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for cue in hedges["cue"].str.lower():
            self.hedge_matcher.add(cue, [nlp.make_doc(cue)])

    # -- hedges ------------------------------------------------------------------

    def hedges(self, doc: Doc, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
        """(start_char, end_char, cue) of every hedge cue outside the ``taken`` (date) spans."""
        found = []
        taken = SpanIndex(taken)
        words, _, token_starts = _read(doc)
        for _, start, end in self.hedge_matcher(doc):
            if end == start + 1:  # most cues are one word: no Span (its text is the word's)
                text = words[start].text
                start_char = token_starts[start]
                span_text, end_char = text, start_char + len(text)
            else:
                span = doc[start:end]
                start_char, end_char, span_text = span.start_char, span.end_char, span.text
            if not taken.overlaps(start_char, end_char):
                found.append((start_char, end_char, span_text.lower()))
        return sorted(set(found))

    # -- cues --------------------------------------------------------------------

    _words = staticmethod(_words)  # the last Doc's list is kept, so the rules of one document read it once

    def _after_its_subject(self, doc: Doc, start: int) -> bool:
        """Is token ``start`` a verb's base form right after a subject pronoun or a plural speaker noun
        ("We note", "we firmly pledge", "I would also stress", "The authors claim")?"""
        words = self._words(doc)
        i = start - 1
        if i >= 1 and words[i].lower_ == "to" and words[i - 1].lower_ in PERFORMATIVE_BEFORE_TO:
            i -= 2  # "I wish to stress", "we would like to remind"
        while i >= 0 and (words[i].lower_ in MODALS or (words[i].lower_.endswith("ly") and words[i].is_lower)
                          or words[i].lower_ in VERB_ADVERBS):
            i -= 1
        subject = i >= 0 and (words[i].lower_ in {"we", "i", "they", "you"}
                              or (words[i].lower_ in self.speaker_nouns and words[i].lower_.endswith("s")))
        return subject and words[start].lower_ == _lemma(doc, start)

    def _reports_after_a_name(self, doc: Doc, start: int) -> bool:
        """"..., Sloboda Info reports, citing ...", "the agency reports that": a verb's -s form after a name or
        a speaker noun, closing its clause or opening "that" (not "reports suggest", a noun subject)."""
        words = self._words(doc)
        word = words[start]
        if start == 0 or start + 1 >= len(doc) or word.lower_ != _lemma(doc, start) + "s":
            return False
        before, after = words[start - 1], words[start + 1]
        if before.lower_ in STOP_WORDS:
            return False  # "Its reports, however slow"
        first = start - 1  # the subject: a name's words, or a speaker noun after its article ("the agency")
        if before.text[:1].isupper() and before.is_alpha:
            while first - 1 >= 0 and words[first - 1].text[:1].isupper() and words[first - 1].is_alpha:
                first -= 1
        elif before.lower_ in self.speaker_nouns and any(
                words[j].lower_ in ARTICLES for j in range(max(0, start - 4), start - 1)):
            # "the agency", "the business daily": the article, a few words back
            first = next(j for j in range(start - 2, max(0, start - 4) - 1, -1) if words[j].lower_ in ARTICLES)
            if not all(words[j].is_lower and words[j].is_alpha for j in range(first + 1, start - 1)):
                return False
        else:
            return False  # "agency reports.": a compound noun
        if after.lower_ == "that":
            return True  # "Sloboda Info reports that ..."
        # a parenthetical attribution closing its clause: "..., Sloboda Info reports, citing ..."
        return after.text in {",", ".", ";", ":"} and first - 1 >= 0 and words[first - 1].text == ","

    def cues(self, doc: Doc) -> list[tuple[Span, str]]:
        """Each cue span with its codebook row, longest first where two overlap, in text order."""
        found = []
        words = self._words(doc)
        for key, start, end in self.cue_matcher.matches(doc):
            forms = self.cue_info[key][2]
            first = words[start]
            lowers = [t.lower_ for t in words[start:min(len(doc), start + 3)]] if forms else []  # read only for forms
            if forms and not any(lowers[:len(form)] == form for form in forms) \
                    and not self._after_its_subject(doc, start) and not self._reports_after_a_name(doc, start):
                continue  # "a note" is a noun; "we note", "I also pledge" the verb after its subject
            if first.text[:1].isupper() and not doc[start].is_sent_start:
                continue  # "the United States that ...": a capitalised word inside a sentence is a name
            if start >= 2 and words[start - 1].lower_ == "as" and _lemma(doc, start - 2) in ("quote", "cite"):
                continue  # "quoted as saying": one cue, "quoted"
            if key == "thank" and doc[start].is_sent_start:
                continue  # "Thank you", "Thanks, Karine": courtesy
            if first.lower_ in BE_FORMS and any(t.text in QUOTE_CHARS for t in words[start + 1:end]):
                continue  # 'said Japan was "gravely concerned"', 'Now they are "concerned"': someone's words
                # quoted, inside another's statement or in irony; no statement of its own
            if key == "welcome" and any(t.lower_ in HOSTED for t in words[end:min(end + 3, len(doc))]):
                continue  # "welcomed foreign dignitaries": hosting, not praise
            if key in FIGURE_CUES and not (end < len(doc) and words[end].lower_ in ("that", "by")) \
                    and not any(t.lower_ in ("by", "on") for t in words[max(0, start - 4):start]) \
                    and not self._figure_follows(words, end):
                continue  # "we counted containers on the quays", "its estimate from earlier": a method or a
                # figure only named; "counted at least 74 voyages", "the estimate is about 15,000", "by Seoul's
                # count", "on one Western estimate", "estimated by the NIS at" state one
            if key == "quote" and first.lower_ == "quoted" and end < len(doc) and words[end].lower_ in ("by", "in") \
                    and start and words[start - 1].is_alpha and words[start - 1].lower_ not in BE_FORMS | PERFECT:
                continue  # "a diplomatic source quoted by the paper", "one message quoted in the indictment": the
                # reporting behind a source, no statement of its own ("was quoted by", "KCNA quoted Kim" are)
            if key == "see" and not self._first_person_perfect(words, start):
                continue  # "we have seen them fire": an official's finding; "seen as", "the world has seen"
            if key == "put" and not self._put_at(words, end):
                continue  # "the agency put the total at 4 million": an estimate; "put pressure on" is none
            if key == "consider" and any(t.lower_ in MODALS for t in words[max(0, start - 3):start]):
                continue  # "we will consider further measures": deliberation, not an opinion stated
            if key == "tell" and end < len(doc) and words[end].lower_ in {"us", "you"} and start \
                    and words[start - 1].lower_ in THING_SUBJECTS:
                continue  # "which tells us", "what it tells you": a fact shows something; no one speaks
            if first.lower_.endswith("ing") and end < len(doc) and words[end].lower_ == "by" \
                    and (start == 0 or words[start - 1].lower_ not in BE_FORMS):
                continue  # "(Reporting by Seo Min-ji; Additional reporting by ...)": a byline's credit, a noun
            if self.cue_info[key][0] == "urge" and _anonymity(words, end):
                continue  # "who asked not to be named", "who requested anonymity": a condition of the source's
            if key == "call" and first.lower_ == "calls" and (
                    any(w.like_num for w in words[max(0, start - 2):start])
                    or end >= len(doc) or words[end].lower_ in NOUN_FOLLOWERS or words[end].is_punct):
                continue  # "10 port calls a year", "(port calls in brackets)": the noun, no one speaks
            if key == "know" and any(t.lower_ in ("you", "what") for t in words[max(0, start - 3):start]):
                continue  # "As you know", "sharing what they know": the listener's knowledge, or no content
            if key == "call" and end < len(doc) and words[end].lower_ in ("at", "into"):
                continue  # "vessels calling at Vladivostok", "have called at the port": port calls
            if key == "add" and self._adds_to_a_list(words, end):
                continue  # "the EU added Kang to its sanctions list", "adding up to $2 million": a list grows
            if key == "ask" and self._asks_a_question(words, end):
                continue  # "asked about the reports", "Asked by reporters whether": a question, no appeal
            if self.cue_info[key][0] == "urge" and start and (words[start - 1].lower_ in self.documents
                                                              or _lemma(doc, start - 1).lower() in self.documents):
                continue  # "a resolution demanding a Russian withdrawal": a text demands, no one appeals
            if self._attributive(words, start, end):
                continue  # "its internationally recognised borders": an adjective, no one speaks
            if self._in_condition(words, start) or (start >= 1 and words[start - 1].lower_ in ("when", "as")
                                                     and first.lower_.endswith("ed")
                                                     and not (end < len(doc) and words[end].lower_ == "by")):
                continue  # "if the Korean side agrees", "when asked about it", "as agreed in Moscow": a condition
                # or a reduced clause ("as agreed by the two leaders" names who agreed)
            if (key == "thank" and end < len(doc) and words[end].lower_ == "to") or \
                    (start >= 2 and words[start - 1].text == "-" and words[start - 2].lower_ == "so"):
                continue  # "thanks to" (because of), "so-called": no one speaks
            span = doc[start:end]
            span.label_ = key
            found.append(span)
        return [(span, span.label_) for span in sorted(filter_spans(found), key=lambda s: s.start)]

    @staticmethod
    def _adds_to_a_list(words: list, end: int) -> bool:
        """"added Kang to its sanctions list", "adding up to": "to" or "up" follows in the clause, before any
        "that", quotation mark or punctuation ("added that ...", "he added." report a statement)."""
        for i in range(end, min(end + 12, len(words))):
            token = words[i]
            if token.lower_ == "to" or (token.lower_ == "up" and i == end):
                return True
            if token.is_punct or token.is_quote or token.lower_ == "that":
                return False
        return False

    @staticmethod
    def _in_condition(words: list, start: int) -> bool:
        """Is the cue in an "if" or "unless" clause opened in the few words before it, with no comma or
        clause word between ("if they asked", "if the Korean side agrees")?"""
        for i in range(start - 1, max(-1, start - 7), -1):
            if words[i].lower_ in CONDITIONS:
                return True
            if words[i].text in SEGMENT_BOUNDARIES or words[i].lower_ in CLAUSE_BOUNDARIES or words[i].is_punct \
                    or words[i].lower_ in ("and", "or"):
                return False  # "asked if Russia would help and he said": a clause of its own
        return False

    @staticmethod
    def _figure_follows(words: list, end: int) -> bool:
        """Does a number follow in the clause, within FIGURE_REACH words ("counted at least 74 voyages")?"""
        for token in words[end:min(end + FIGURE_REACH, len(words))]:
            if token.like_num:
                return True
            if token.is_punct and token.text not in QUOTE_CHARS:
                return False
        return False

    @staticmethod
    def _asks_a_question(words: list, end: int) -> bool:
        """Does a question word or "about" follow "ask" in its clause (within four words)?"""
        for token in words[end:min(end + 4, len(words))]:
            if token.is_punct:
                return False
            if token.lower_ in QUESTION_AFTER_ASK:
                return True
        return False

    @staticmethod
    def _first_person_perfect(words: list, start: int) -> bool:
        """"we have seen", "We've also seen", "I had seen": the perfect with a first-person subject."""
        i = start - 1
        while i >= 0 and (words[i].lower_ in VERB_ADVERBS or (words[i].is_lower and words[i].lower_.endswith("ly"))):
            i -= 1
        if i < 1 or words[i].lower_ not in PERFECT:
            return False
        return words[i - 1].lower_ in FIRST_PERSON

    @staticmethod
    def _put_at(words: list, end: int) -> bool:
        """"put [the number of dead] at [around] 2,000": an "at" before a number in the clause."""
        for i in range(end, min(end + 8, len(words) - 1)):
            if words[i].is_punct:
                return False
            if words[i].lower_ == "at":
                return any(t.like_num for t in words[i + 1:min(i + 4, len(words))])
        return False

    @staticmethod
    def _attributive(words: list, start: int, end: int) -> bool:
        """A one-word -ed cue between a determiner (and an -ly adverb) and a noun: "its internationally
        recognised borders", "the agreed text"."""
        if end - start != 1 or start < 1 or not words[start].lower_.endswith("ed") or end >= len(words):
            return False
        after = words[end]
        if not (after.is_lower and after.is_alpha and after.lower_ not in STOP_WORDS):
            return False
        i = start - 1
        if words[i].lower_.endswith("ly") and words[i].is_lower and i >= 1:
            i -= 1
        return words[i].lower_ in DETERMINERS

    # -- claims ------------------------------------------------------------------

    def claims(self, doc: Doc, mentions: list[tuple[int, int, str, str]], author: str = "",
               text: str | None = None, date_spans: list[tuple[int, int]] = ()) -> list[dict]:
        """Claims of one document.

        ``mentions`` are its (start, end, entity_id, type) mention spans; ``author`` the
        sources.csv author (registry ids separated by "|", or a plain name); ``text`` the
        raw text, which every quoted span is cut from (the Doc may hold plain spaces where
        the text has no-break ones).
        """
        text = doc.text if text is None else text
        entity_at = self._entities_by_token(doc, mentions)
        token_starts = _read(doc)[2]  # a list: bisect_left finds what numpy.searchsorted finds, without an array
        words = _words(doc)
        dates = set()  # tokens of dates: "in March, ..." is no speaker
        for start, end in date_spans:
            dates.update(range(bisect.bisect_left(token_starts, start), bisect.bisect_left(token_starts, end)))
        author_ids = tuple(i for i in author.split("|") if i) if author else ()
        if author_ids and not all(i in self.types for i in author_ids):
            author_ids = ()  # a plain name, not registry ids
        turns = self._turns(doc, text, entity_at)
        self._subject = _resolution_subject(doc, text)
        cues = self.cues(doc)
        cue_starts = {span.start for span, _ in cues}
        # "according to our assessment": a cue noun inside the source phrase of a cue is that source
        source_starts = set()
        for span, key in cues:
            if self.cue_info[key][1] == "after":
                first = _after_determiners(doc, span.end)
                owned = [j + 1 for j in range(first, min(first + 4, len(doc))) if words[j].text in POSSESSIVES]
                source_starts.add(owned[0] if owned else first)  # "according to [Seoul's] estimate"
        rows, last_person, last_group, last_person_sentence = [], None, [], -1
        previous_in_sentence: dict[int, Speaker] = {}
        opening: dict[int, list[dict]] = {}  # rows of a participle opening its sentence, waiting for the speaker
        sentence_starts = sorted(sentence_start_set(doc)) + [len(doc)]  # no Span per sentence
        inside = _quoted_tokens(doc, sentence_starts)
        asked: dict[int, bool] = {}  # sentence -> is it a question (asked once per sentence, not per cue)
        inside_or_dates = inside | dates  # once per document: a union per cue grew with the document
        for cue, key in cues:
            k = bisect.bisect_right(sentence_starts, cue.start) - 1
            sent = Bounds(sentence_starts[k], sentence_starts[k + 1])
            if k not in asked:
                asked[k] = self._question(words, sent)
            if self._negated(cue, sent) or (self.cue_info[key][1] != "of" and self._used_as_noun(cue, sent)) \
                    or cue.start in inside \
                    or asked[k] or self._is_subject_noun(cue, cue_starts) \
                    or (cue.start > sent.start and words[cue.start - 1].lower_ == "to"
                        and not (cue.start - 1 > sent.start
                                 and words[cue.start - 2].lower_ in PERFORMATIVE_BEFORE_TO | CONTINUING)):
                continue  # "to request": an intention, not a statement; but "I wish to stress" states it
            if cue.start in source_starts:
                continue
            passive = self._passive(cue, sent)  # asked once per cue: the rules below and _speaker read it
            if key == "agree" and passive:
                continue  # "the dates will be agreed": arranged, not said
            if passive and _passive_agent(doc, cue.end, sent) is None \
                    and self._unsaid_passive(cue, sent):
                continue  # "will be announced when they are taken", "No date has been announced": nothing said yet
            if self._adjectival(cue, sent):
                continue  # "The views expressed are her own", "it was telling.": a participle describing a noun
            if self.cue_info[key][0] == "urge" and self._asked_one(cue, sent):
                continue  # "a delegation invited for the anniversary": the one asked, not the one asking
            stance, side, _ = self.cue_info[key]
            speaker = self._speaker(cue, side, sent, entity_at, inside, cue_starts, previous_in_sentence, dates,
                                    inside_or_dates, passive)
            if speaker is None:
                continue  # an agentless passive, or a possessive subject: nobody speaks
            if (speaker.phrase is None or not len(speaker.phrase)) and not speaker.ids:
                lead = _list_lead_subject(doc, text, cue)
                if lead is not None:  # "Together, we:\n– call on ...": the lead-in's subject says every item
                    speaker = Speaker(lead, "list_lead")
            ids, rule = list(speaker.ids), speaker.rule
            if not ids and speaker.phrase is not None:
                ids = self._speaker_ids(speaker.phrase, entity_at)
                head = words[speaker.phrase.start].lower_ if len(speaker.phrase) else ""
                head = POSSESSIVE_PRONOUNS.get(head, head) if speaker.rule == "possessor" else head
                head = OBJECT_PRONOUNS.get(head, head)  # "according to him"
                if not ids and len(speaker.phrase) == 1 and head == "they" and len(author_ids) > 1 \
                        and not any(entity_at.get(i, ("", ""))[1] in ("GPE", "ORG")
                                    for i in range(sent.start, speaker.phrase.start)):
                    # "They expressed concern" in a communiqué of several authors ("The Secretary and the
                    # Minister"): the authors, unless a state or body named before it in the sentence
                    ids, rule = list(author_ids), "pronoun: authors"
                elif not ids and len(speaker.phrase) == 1 and head in PRONOUNS:
                    # the sentence before, unless its own speaker was the last person quoted
                    before = sentence_starts[k - 1] if k and last_person_sentence < k - 1 else None
                    ids = self._antecedent(head, speaker.phrase.start, last_person, last_group, entity_at,
                                           before, sent.start, inside)
                    rule = "pronoun" if ids else "pronoun: no antecedent"
                elif not ids and (head in FIRST_PERSON or speaker.rule == "let"):
                    ids, rule = self._first_person(cue.start_char, turns, author_ids, author)
            if key in EVIDENTIAL and not ids and not self._can_speak(speaker.phrase, entity_at):
                continue  # "which suggests", "the evidence suggests", "Memos found ... suggested": a thing shows it
            if len(ids) == 1 and self.types.get(ids[0]) == "PERSON":
                last_person, last_person_sentence = ids[0], k
            elif speaker.phrase is not None and len(speaker.phrase) \
                    and entity_at.get(speaker.phrase.end - 1, ("", ""))[1] == UNKNOWN_NAME:
                last_person, last_person_sentence = UNKNOWN_PERSON, k  # "Emma Holloway said ... She added": a person the registry lacks
            elif ids and self.types.get(ids[0]) in ("ORG", "GPE"):
                last_group = ids
            elif not ids and speaker.phrase is not None and len(speaker.phrase) > 1 \
                    and words[speaker.phrase.start].lower_ in ARTICLES:
                described = self._described(speaker.phrase, entity_at)
                if described:  # "The agency added ... It cautioned": "it" is the agency named before
                    last_group = [described]
            phrase = speaker.phrase
            row = {
                "speaker_id": "|".join(ids),
                "speaker_text": text[phrase.start_char:phrase.end_char] if phrase is not None else "",
                "speaker_start": phrase.start_char if phrase is not None else pd.NA,
                "speaker_end": phrase.end_char if phrase is not None else pd.NA,
                "speaker_country": "|".join(sorted({self.countries.get(i, "") for i in ids} - {""})),
                "speaker_rule": rule,
                "cue": text[cue.start_char:cue.end_char], "cue_start": cue.start_char, "cue_end": cue.end_char,
                "stance": stance,
            }
            if not ids and words[cue.start].lower_.endswith("ing") and side == "before" \
                    and cue.start == self._after_dateline(doc, sent):
                opening.setdefault(sent.start, []).append(row)  # "Noting that ...,": the speaker comes later
            elif phrase is not None and speaker.rule != "of_phrase":
                # a participle never inherits "nobody" from an agentless passive; nor a coordinated verb
                # the "of" phrase of a noun ("accepted the invitation of Putin ... and expressed")
                previous_in_sentence[sent.start] = Speaker(phrase, rule, tuple(ids))
                for waiting in opening.pop(sent.start, []):
                    # "Noting that ..., Kim Jong Un said": the opening participle is the main speaker's
                    waiting.update({c: row[c] for c in ("speaker_id", "speaker_text", "speaker_start", "speaker_end",
                                                         "speaker_country")}, speaker_rule="opening participle")
            rows.append(row)
        return rows

    def _speaker(self, cue: Span, side: str, sent: Bounds, entity_at, inside, cue_starts,
                 previous_in_sentence, dates: set[int], inside_or_dates: set[int], passive: bool) -> Speaker | None:
        """``inside_or_dates``: ``inside | dates``, joined once per document by the caller; ``passive``:
        ``self._passive(cue, sent)``, asked once by the caller."""
        doc = cue.doc
        words = self._words(doc)
        # the verb opens a phrase cue ("expressing the conviction", "presenting it as"); "according to" stays
        participle = words[cue.start if side == "before" else cue.end - 1].text.lower().endswith("ing")
        let = cue.start - 1
        while let > sent.start and words[let].lower_ in AUXILIARIES:
            let -= 1  # "Let me also say"
        if let > sent.start and words[let].lower_ in LET_OBJECTS and words[let - 1].lower_ == "let":
            return Speaker(doc[let:let + 1], "let")  # "Let me say this": the first person speaks
        if self._subject is not None and words[cue.start].text[:1].isupper() \
                and all(words[i].is_digit or words[i].text in (".", ")") for i in range(sent.start, cue.start)):
            # "The European Parliament, ... 1. Condemns ...": a resolution's operative paragraph speaks for the
            # body named at its head
            return Speaker(self._subject, "resolution")
        if side == "of":  # a noun whose speaker is its "of" phrase or its possessor: "the invitation of Lavrov"
            if len(cue) > 1:  # a phrase with its possessor inside: "In my view", "in Moscow's view"; "in view of" has none
                inner = next((i for i in range(cue.start + 1, cue.end - 1)
                              if words[i].lower_ in POSSESSIVE_PRONOUNS or words[i].text in POSSESSIVES), None)
                if inner is None:
                    return None
                if words[inner].lower_ in POSSESSIVE_PRONOUNS:
                    return Speaker(doc[inner:inner + 1], "possessor")
                return Speaker(doc[cue.start + 1:inner], "possessor") if inner > cue.start + 1 else None
            if cue.end < sent.end and words[cue.end].lower_ in AGENT_OF:
                phrase = self._phrase_after(doc, cue.end + 1, sent, cue_starts, dates)
                if phrase is not None:
                    cut = next((i for i in range(phrase.start + 1, phrase.end) if words[i].lower_ == "to"), phrase.end)
                    person = next((i for i in range(phrase.start, cut) if entity_at.get(i, ("", ""))[1] == "PERSON"),
                                  phrase.start)
                    phrase = doc[person:cut]  # "of Foreign Minister Lavrov", "of Putin to visit Pyongyang": the person
                return Speaker(phrase, "of_phrase") if phrase is not None else None
            before = words[cue.start - 1] if cue.start > sent.start else None
            if before is None or not (before.text in POSSESSIVES or before.lower_ in POSSESSIVE_PRONOUNS):
                return None  # "accepted an invitation to visit": whose, the sentence does not say
        if side == "after":
            phrase = self._phrase_after(doc, cue.end, sent, cue_starts)
            owner = self._possessor_of_a_thing(doc, cue.end, phrase)
            if owner is not None:  # "according to our data", "according to Seoul's estimate": the owner speaks
                return Speaker(owner, "possessor")
            if not participle or (phrase is not None
                                  and any(self._is_anchor(doc, t, entity_at, -1) for t in range(phrase.start, phrase.end))):
                return Speaker(phrase, "after_cue")
            # "..., citing shared borders": reasons cited, not a source; the one citing speaks
        before = words[cue.start - 1] if cue.start > sent.start else None
        if before is not None and (before.text in POSSESSIVES or before.lower_ in POSSESSIVE_PRONOUNS):
            # "North Korea's announcement", "our assessment": the possessor speaks
            after = words[cue.end] if cue.end < sent.end else None
            if words[cue.end - 1].lower_.endswith("ed") and after is not None and after.is_lower and after.is_alpha \
                    and after.lower_ not in STOP_WORDS:
                return None  # "Putin's anticipated trip": an adjective, no one speaks
            if (after is None or after.text in (".", ";", "!", "?")) \
                    and not any(w.lower_ in ("by", "at", "on") for w in words[max(sent.start, cue.start - 5):cue.start]):
                return None  # "the State Department shared Seoul's assessment.", "changes nothing in our
                # assessment;": a view only named, its content not stated ("by Seoul's count.", "at our
                # invitation." qualify the clause they end)
            if before.lower_ in POSSESSIVE_PRONOUNS:
                return Speaker(doc[cue.start - 1:cue.start], "possessor")
            owner = self._subject_phrase_at(doc, cue.start - 2, sent, inside_or_dates)
            return Speaker(owner, "possessor") if owner is not None else None
        if passive and _lemma(doc, cue.start) == "quote" and cue.end < sent.end \
                and words[cue.end].lower_ == "as":
            j = cue.start - 1  # "Kim Jong Un was quoted as saying": the one quoted speaks
            while j >= sent.start and words[j].lower_ in AUXILIARIES:
                j -= 1
            return Speaker(self._subject_phrase_at(doc, j, sent, inside_or_dates), "quoted_as")
        if self._reduced_passive(cue, sent):  # "a deployment first exposed by Seoul's spy agency"
            return Speaker(self._phrase_after(doc, cue.end + 1, sent, cue_starts, dates), "passive_agent")
        if passive:
            agent = _passive_agent(doc, cue.end, sent)
            if agent is None:
                return Speaker(None, "passive: no agent named")  # "is expected to", "was reported"
            return Speaker(self._phrase_after(doc, agent, sent, cue_starts, dates), "passive_agent")
        if participle and cue.start > 0 and words[cue.start - 1].lower_ == "as":
            return Speaker(self._person_before(cue, sent, entity_at), "quoted_as")
        coordinated = cue.start > sent.start and words[cue.start - 1].lower_ in ("and", "but")
        if (participle or coordinated) and sent.start in previous_in_sentence:
            previous = previous_in_sentence[sent.start]  # "..., urging", "he denounced ... and said"
            return Speaker(previous.phrase, "participle" if participle else "coordinated", previous.ids)
        relative = self._relative_pronoun(cue, sent)
        if relative is not None:  # "Sergey Lavrov, who told her": "who", standing for the name before it
            antecedent = entity_at.get(relative - 2, ("", ""))
            ids = (antecedent[0],) if antecedent[0] and antecedent[1] in SPEAKER_TYPES else ()
            if not antecedent[0] and words[relative - 2].lower_ in self.speaker_nouns:
                # "North Korean state media, which called": the noun phrase's name or demonym
                phrase = self._subject_phrase_at(doc, relative - 2, sent, inside_or_dates)
                ids = tuple(self._speaker_ids(phrase, entity_at)) if phrase is not None else ()
            return Speaker(doc[relative:relative + 1], "relative pronoun", ids)
        named = self._name_heading_the_sentence(cue, sent, entity_at)
        if named is not None:  # "Andrei Zimin, director of one of them, Pasifika Tur, said"
            return Speaker(named, "subject" if named.start == sent.start else "appositive")
        named = self._name_between_commas(cue, sent, entity_at)
        if named is not None:  # "the Chief of the General Staff, Valery Gerasimov, said"
            return Speaker(named, "appositive")
        if self._inverted(cue, sent, entity_at, inside):
            phrase = self._phrase_after(doc, cue.end, sent, cue_starts)
            if phrase is not None and phrase.start + 1 < phrase.end and words[phrase.start].lower_ in COUNTED_ONE:
                phrase = doc[phrase.start + 1:phrase.end]
            for k in range(phrase.start + 1, phrase.end) if phrase is not None else ():
                if self._affiliation_end(doc, k, sent, entity_at) is not None and (k - 1) in entity_at:
                    phrase = doc[phrase.start:k]  # "said Karen Whitlock of the FBI's ... Division": the person
                    break
            return Speaker(phrase, "inverted")
        if not participle:
            phrase = self._subject_phrase(cue, sent, inside_or_dates)
            outside = self._before_parenthesis(cue, sent, inside_or_dates, phrase)
            if outside is not None:  # "Shoigu, by then secretary of Russia's Security Council, said"
                return Speaker(outside, "appositive")
            if phrase is not None:
                person = self._appositive_of(doc, phrase, phrase.start, entity_at)
                if words[phrase.end - 1].text in POSSESSIVES or self._owns_a_thing(phrase):
                    return None  # "Putin's visit highlighted the ties": a thing, not a speaker
                if person is None and phrase.start - 2 > sent.start and words[phrase.start - 2].lower_ == "who" \
                        and words[phrase.start - 1].lower_.endswith("ed"):
                    # "An official who requested anonymity said": the relative clause's object does not speak
                    subject = self._subject_phrase_at(doc, phrase.start - 3, sent, inside_or_dates)
                    if subject is not None:
                        return Speaker(subject, "subject")
                if person is None and phrase.start - 3 >= sent.start and words[phrase.start - 1].lower_ == "by" \
                        and words[phrase.start - 2].lower_.endswith("ed") and words[phrase.start - 3].is_alpha:
                    # "A Ukrainian officer quoted by a Kyiv news site claimed": the agent of a participle after the
                    # subject does not speak
                    subject = self._subject_phrase_at(doc, phrase.start - 3, sent, inside_or_dates)
                    if subject is not None:
                        return Speaker(subject, "subject")
                if person is None:
                    person = self._person_of_body(doc, phrase, sent, entity_at)
                    if person is not None:  # "Cho Min-seok of the freight forwarder Gwangan Logistics said"
                        return Speaker(person, "person_of_body")
                return Speaker(person, "appositive") if person is not None else Speaker(phrase, "subject")
        phrase, rule = self._phrase_before(cue, sent, entity_at, inside)
        outside = None if participle else self._before_parenthesis(cue, sent, inside_or_dates, phrase)
        if outside is not None:
            return Speaker(outside, "appositive")
        if phrase is not None and words[phrase.end - 1].text in POSSESSIVES:
            return None  # "Shoigu's meeting highlighted ...": the subject is a thing, not a speaker
        return Speaker(phrase, rule)

    def _antecedent(self, pronoun: str, position: int, last_person, last_group, entity_at,
                    previous_start: int | None = None, sentence_start: int | None = None,
                    quoted=frozenset()) -> list[str]:
        """"he"/"she" with no person before it in its sentence: the person the sentence before is
        about (the first person it names outside quotation marks: "Shoigu made his fifth visit.
        Speaking afterwards, he said") when that sentence quotes nobody, else the last person
        quoted, else the last person named; "they"/"it": the last organisation or state quoted,
        else the last one named."""
        if pronoun in ("he", "she") and sentence_start is not None:
            # "Putin was asked ... and he said": the last person named before it in the sentence, outside quotes
            named = next((i for i in range(position - 1, sentence_start - 1, -1) if i not in quoted
                          and entity_at.get(i, ("", ""))[1] == "PERSON" and entity_at[i][0]), None)
            if named is not None:
                return [entity_at[named][0]]
        if pronoun == "it" and sentence_start is not None:
            # "the White House released images that, it said, showed": the body named earlier in the sentence
            named = next((i for i in range(position - 1, sentence_start - 1, -1) if i not in quoted
                          and entity_at.get(i, ("", ""))[1] == "ORG" and entity_at[i][0]), None)
            if named is not None:
                return [entity_at[named][0]]
        if pronoun in ("he", "she") and previous_start is not None \
                and not any(entity_at.get(i, ("", ""))[1] == "PERSON" for i in range(sentence_start, position)):
            for i in range(previous_start, sentence_start):
                if i == previous_start and entity_at.get(i, ("", ""))[1] == UNKNOWN_NAME:
                    return []  # "Kozlov, who arrived on Tuesday, handed over a message. He noted": a person the registry lacks
                if entity_at.get(i, ("", ""))[1] == "PERSON" and entity_at[i][0] and i not in quoted:
                    return [entity_at[i][0]]
        if pronoun in ("he", "she") and last_person:
            return [] if last_person == UNKNOWN_PERSON else [last_person]
        if pronoun in ("they", "it") and last_group:
            return list(last_group)
        if pronoun == "it":
            return []  # "it" too often means a thing ("the study"): only a quoted body counts
        wanted = ("PERSON",) if pronoun in ("he", "she") else ("ORG", "GPE")
        for i in range(position - 1, max(-1, position - 80), -1):
            if entity_at.get(i, ("", ""))[1] in wanted and entity_at[i][0]:
                return [entity_at[i][0]]
        return []

    def _first_person(self, position: int, turns, author_ids: tuple, author: str) -> tuple[list[str], str]:
        """The author, or the speaker of the briefing turn holding ``position``."""
        k = bisect.bisect_right([t[0] for t in turns], position) - 1
        if k >= 0:
            _, label, ids = turns[k]
            if ids:
                return list(ids), "first_person: turn"
            return [], f"first_person: turn of {label!r}, not in the registry"
        if author_ids:
            return list(author_ids), "first_person: author"
        if author:
            return [], f"first_person: author {author!r} is not in the registry"
        return [], "first_person: no author recorded in sources.csv"

    @staticmethod
    def _turns(doc: Doc, text: str, entity_at) -> list[tuple[int, str, tuple]]:
        """(start, label, person ids) of each labelled turn of a transcript ("MR. KIRBY: ...")."""
        labels = [match for match in TURN_LABEL.finditer(text) if _label_like(match.group(1))
                  and _spoken(text[match.end():text.find("\n", match.end()) % (len(text) + 1)])]
        if len(labels) < 2:
            return []  # one "Note:" line does not make a transcript
        token_starts = _column(doc, 2).astype("int64")  # see claims(): not uint64
        turns = []
        for match in labels:
            first, last = numpy.searchsorted(token_starts, [match.start(1), match.end(1)])
            ids = tuple(dict.fromkeys(entity_at[i][0] for i in range(int(first), int(last))
                                      if i in entity_at and entity_at[i][1] == "PERSON"))
            turns.append((match.start(), match.group(1), ids))
        return turns

    @staticmethod
    def _entities_by_token(doc: Doc, mentions) -> dict[int, tuple[str, str]]:
        """token index -> (entity_id, type) for every linked mention."""
        at = {}
        kept = [m for m in mentions if m[2] or m[3] == UNKNOWN_NAME]
        if not kept:
            return at
        token_starts = _column(doc, 2).astype("int64")  # see claims(): not uint64
        # one search for the whole document; mentions are whole tokens
        bounds = numpy.searchsorted(token_starts, [m[0] for m in kept] + [m[1] for m in kept]).tolist()
        for (_, _, entity_id, entity_type), first, last in zip(kept, bounds[:len(kept)], bounds[len(kept):]):
            value = (entity_id, entity_type)  # one tuple per mention, shared by its tokens (compared by value)
            for i in range(first, last):
                at[i] = value
        return at

    def _negated(self, cue, sent) -> bool:
        words = self._words(cue.doc)
        before = words[max(cue.start - 2, sent.start):cue.start]
        # "I'm not aware": a negation between the words of a phrase cue, unless the phrase has one of its own
        inside = words[cue.start + 1:cue.end - 1] if not set(cue.label_.split()) & NEGATIONS else []
        if any(token.lower_ in NEGATIONS for token in before + inside):
            return True
        if cue.end < sent.end and words[cue.end].lower_ in NOTHING_SAID and (
                cue.end + 1 >= sent.end or words[cue.end + 1].is_punct or words[cue.end + 1].lower_ in AFTER_NOTHING):
            return True  # "Pyongyang has said nothing (at all, about it)": no statement made; "said nothing new" is one
        # "Neither Moscow nor Pyongyang has acknowledged", "no damage has been confirmed": a subject that
        # denies it opens the cue's clause
        start = self._segment_start(cue, sent, ())
        return start < cue.start and words[start].lower_ in NEGATED_SUBJECTS

    @staticmethod
    def _used_as_noun(cue, sent) -> bool:
        """"these claims", "the denial": a cue noun with an article and no one's name before it."""
        words = _words(cue.doc)
        if cue.start <= sent.start or not (len(cue) == 1 or (len(cue) == 2 and words[cue.start + 1].lower_ == "that")):
            return False  # "any state that requests them": the form "state that" after a quantifier
        before = words[cue.start - 1].lower_
        if before in NOUN_DETERMINERS:
            return True
        if len(cue) != 1:
            return False
        if words[cue.start].lower_.endswith("ing") and before in GERUND_PREPOSITIONS:
            return True  # "the kind of reporting": the activity, a noun
        if before in ("with", "having") and cue.end < len(words) and words[cue.end].lower_ == "to":
            return True  # "having regard to", "with regard to": a preposition of its own, no one stating anything
        # "behind that assessment": "that" is a determiner only before a word that can only be a noun
        return before in ARTICLES or (before == "that" and words[cue.start].lower_.endswith(NOMINAL_ENDINGS))

    @staticmethod
    def _is_subject_noun(cue, cue_starts) -> bool:
        """"reports suggest": a cue word right before another cue is that cue's subject."""
        return len(cue) == 1 and cue.end in cue_starts and _words(cue.doc)[cue.start].text.lower().endswith("s")

    @staticmethod
    def _question(words: list, sent: Bounds) -> bool:
        last = sent.end - 1
        while last > sent.start and (words[last].is_space or words[last].text in CLOSING_QUOTES | {'"'}):
            last -= 1
        return words[last].text == "?"

    def _passive(self, cue, sent) -> bool:
        """A one-word cue in the passive: a participle after a form of "be" ("was confirmed")."""
        words = self._words(cue.doc)
        if len(cue) != 1 or words[cue.start].text.lower().endswith("ing") \
                or words[cue.start].lower_ == _lemma(cue.doc, cue.start):
            return False
        for i in range(cue.start - 1, max(cue.start - 3, sent.start - 1), -1):
            word = words[i].lower_
            if word in BE_FORMS:
                return word not in POSSESSIVES or words[i - 1].lower_ in ("it", "that", "he", "she")
            if not word.endswith("ly") and word not in {"also", "not", "widely", "reportedly"}:
                return False
        return False

    def _unsaid_passive(self, cue, sent) -> bool:
        """Is a passive cue with no agent ahead ("will be announced", "to be announced") or denied by its
        subject ("No date has been announced", "No such plans have been announced")?"""
        words = self._words(cue.doc)
        before = [t.lower_ for t in words[max(sent.start, cue.start - 3):cue.start]]
        if "be" in before and any(w in FUTURE_BEFORE_BE for w in before):
            return True
        for i in range(cue.start - 1, max(sent.start - 1, cue.start - 8), -1):
            if words[i].lower_ in ("no", "none", "nothing"):
                return True
            if words[i].is_punct:
                break
        return False

    def _described(self, phrase: Span, entity_at) -> str:
        """The organisation a definite description stands for ("the agency" after the National
        Intelligence Service, whose registry role is an intelligence agency): the latest named before
        it whose role holds the description's head noun; empty when none does."""
        head = _words(phrase.doc)[phrase.end - 1].lower_
        for i in range(phrase.start - 1, -1, -1):
            entity_id = entity_at.get(i, ("", ""))[0]
            if entity_id and head in self.kinds.get(entity_id, ()):
                return entity_id
        return ""

    def _adjectival(self, cue, sent) -> bool:
        """A participle cue used as an adjective: "-ed" between a common noun and a verb ("The views
        expressed are her own"), or "-ing" after "be" ending its clause ("but it was telling.")."""
        words = self._words(cue.doc)
        if len(cue) != 1 or cue.start <= sent.start:
            return False
        word, before = words[cue.start].lower_, words[cue.start - 1]
        after = words[cue.end] if cue.end < sent.end else None
        if word.endswith("ed"):
            return after is not None and after.lower_ in LINKING_VERBS and _common_noun(before)
        if word.endswith("ing"):
            return before.lower_ in LINKING_VERBS and (after is None or after.text in {".", "!", ";"})
        return False

    @staticmethod
    def _asked_one(cue, sent) -> bool:
        """A participle of an appeal right after a common noun and before a preposition ("a delegation
        invited for the anniversary", "guests invited to the parade"): a reduced relative clause that
        describes the noun asked; the active verb takes its object first ("invited Kim to")."""
        words = _words(cue.doc)
        if len(cue) != 1 or cue.start <= sent.start or cue.end >= sent.end or not words[cue.start].lower_.endswith("ed"):
            return False
        before, after = words[cue.start - 1], words[cue.end]
        return _common_noun(before) and after.lower_ in ASKED_ONE_PREPOSITIONS

    @staticmethod
    def _reduced_passive(cue, sent) -> bool:
        """A participle cue with "by" right after it and no "be" before it, describing the noun before
        it ("a deployment first exposed by Seoul", "figures confirmed by the NIS"): the agent speaks."""
        doc = cue.doc
        words = _words(doc)
        if cue.end >= sent.end - 1 or words[cue.end].lower_ != "by":
            return False  # a phrase too: "the assessment made public by the NIS"
        word, agent = words[cue.start], words[cue.end + 1]
        if word.lower_.endswith("ing") or word.lower_ == _lemma(doc, cue.start) or agent.is_punct \
                or agent.lower_.endswith("self") or word.lower_ in BE_FORMS | AUXILIARIES:
            return False  # "admitted by itself": no agent; "are gravely concerned by the reports": the cause
        if agent.is_lower and agent.is_alpha and not agent.lower_.endswith("s") \
                and agent.lower_ not in DETERMINERS and agent.lower_ not in POSSESSIVE_PRONOUNS:
            return False  # "an officer said by telephone": a bare singular noun is the means, not an agent
        i = cue.start - 1
        while i > sent.start and words[i].is_lower and words[i].lower_.endswith("ly"):
            i -= 1
        return words[i].lower_ not in PERFECT  # "has admitted by ...": an active verb

    def _inverted(self, cue, sent, entity_at, inside) -> bool:
        """"..., said Dmitry Peskov": a reporting verb right after a comma or a quotation."""
        doc = cue.doc
        words = _words(doc)
        if cue.start <= sent.start or self.cue_info[cue.label_][0] != "report":
            return False
        before = words[cue.start - 1]
        if before.text not in {",", "”", "»", '"'} and cue.start - 1 not in inside:
            return False
        after = cue.end
        while after < sent.end and words[after].lower_ in DETERMINERS:
            after += 1
        if after < sent.end and after not in entity_at and words[after].text[:1].isupper():
            # "said Deputy Assistant Secretary for Counter Threat Finance Elena Marsh": past the title to the name
            k = after
            while k < sent.end and k not in entity_at and k - after < TITLE_REACH \
                    and (words[k].text[:1].isupper() or words[k].lower_ in TITLE_JOINTS):
                k += 1
            if k < sent.end and k in entity_at and any(title_key(words[j].text) in self.titles for j in range(after, k)):
                after = k
        if after + 1 < sent.end and words[after].lower_ in COUNTED_ONE and words[after + 1].text[:1].isupper():
            after += 1  # "said one Western security official"
        if after >= sent.end:
            return False
        phrase = self._extend(doc, after, sent.end, entity_at)
        if not self._is_anchor(doc, after, entity_at, -1):
            if after not in entity_at:
                return False
            if any(words[t].lower_ in self.speaker_nouns for t in range(phrase.start + 1, phrase.end)):
                return phrase.end >= sent.end or (words[phrase.end].is_punct and not _opens_quote(doc, phrase.end))
            # but "said a Western security official": the bloc's official speaks
            k = entity_at_end = phrase.end
            while k < min(sent.end, entity_at_end + 3) and words[k].is_alpha and words[k].is_lower \
                    and words[k].lower_ not in self.speaker_nouns:
                k += 1
            if k >= sent.end or words[k].lower_ not in self.speaker_nouns:
                return False
            phrase = doc[after:k + 1]
        # "said Peskov." or "said Peskov, the spokesman": a name and no verb of its own after it
        # but "..., said the Kremlin "has never needed ..."": the name is the quotation's subject, no speaker
        return phrase.end >= sent.end or (words[phrase.end].is_punct and not _opens_quote(doc, phrase.end)) \
            or self._affiliation_end(doc, phrase.end, sent, entity_at) is not None

    def _affiliation_end(self, doc: Doc, i: int, sent, entity_at) -> int | None:
        """Where "of the Justice Department's National Security Division" after a speaker's name ends, if
        it runs to punctuation with no verb of its own; else None."""
        words = _words(doc)
        if i >= sent.end or words[i].lower_ not in AFFILIATIONS:
            return None
        k = i + 1
        while k < sent.end and (words[k].lower_ in ARTICLES or self._continues(words, k, entity_at)):
            k += 1
        return k if k > i + 1 and (k >= sent.end or words[k].is_punct) else None

    def _subject_phrase(self, cue, sent, inside) -> Span | None:
        """The noun phrase right before the cue ("a research group said", "Both governments
        have dismissed", "Emma Holloway said"): skipping auxiliaries and adverbs, its last word
        is a name, a noun or a subject pronoun; it runs back over names, nouns, adjectives,
        numbers, possessives, "and" between names, one determiner, and a prepositional
        phrase after the noun ("sources close to the situation")."""
        doc = cue.doc
        words = self._words(doc)
        j = cue.start - 1
        if j - 1 >= sent.start and words[j].lower_ == "to" and words[j - 1].lower_ in CONTINUING:
            j -= 2  # "The FCDO continues to assess": the subject of "continues"
        while j >= sent.start and (words[j].lower_ in AUXILIARIES or
                                   (words[j].lower_.endswith("ly") and words[j].is_lower and len(words[j].text) > 4
                                    and words[j].lower_ not in self.speaker_nouns)):  # "the daily" is no adverb
            j -= 1
        # "Both governments had for months denied": a short phrase after an auxiliary is no subject
        for k in range(j, max(j - 4, sent.start), -1):
            if words[k].is_punct:
                break
            if words[k].lower_ in ADVERBIAL_PREPOSITIONS and k - 1 >= sent.start and words[k - 1].lower_ in AUXILIARIES:
                j = k - 1
                while j >= sent.start and words[j].lower_ in AUXILIARIES:
                    j -= 1
                break
        return self._subject_phrase_at(doc, j, sent, inside)

    def _subject_phrase_at(self, doc: Doc, j: int, sent, inside) -> Span | None:
        """The noun phrase ending at token ``j`` (see ``_subject_phrase``), or None.

        A phrase with a possessor speaks only when what is owned can speak: "Russia's Foreign
        Ministry", "North Korea's state media", not "Putin's visit"."""
        return self._noun_phrase_at(doc, j, sent, inside, self.speaker_nouns, self.titles)

    def _person_of_body(self, doc: Doc, phrase: Span, sent, entity_at) -> Span | None:
        """The person in "Cho Min-seok of the freight forwarder Gwangan Logistics" or "Igor Petrov of the
        Foreign Ministry" before a cue: a person's name, "of", and the body they belong to; None when the
        name before "of" is a body's ("the Ministry of Defence") or words other than a name, a determiner
        or a noun come between."""
        words = _words(doc)
        for o in range(phrase.end - 2, max(sent.start, phrase.start - 8), -1):
            if words[o].lower_ == "of":
                break
            if not (words[o].is_alpha or words[o].text in POSSESSIVES) or _verb_form(doc, o) \
                    or (words[o].lower_ in STOP_WORDS and words[o].lower_ not in ARTICLES):
                return None
        else:
            return None
        if o - 1 < sent.start or o - 1 not in entity_at:
            return None
        entity, kind = entity_at[o - 1]
        first = o - 1
        while first - 1 >= sent.start and entity_at.get(first - 1) == (entity, kind):
            first -= 1
        if kind == "PERSON" or (kind == UNKNOWN_NAME and o - 1 > first and words[o - 1].text not in self.body_heads
                                and words[first].text not in self.body_heads):
            return doc[first:o]
        return None

    def _can_speak(self, phrase, entity_at) -> bool:
        """Can the phrase be someone who speaks: a name, a pronoun for people, or a noun for people?"""
        if phrase is None or not len(phrase):
            return False
        words = _words(phrase.doc)
        span = range(phrase.start, phrase.end)
        if any(i in entity_at or words[i].lower_ in FIRST_PERSON or words[i].lower_ in POSSESSIVE_PRONOUNS for i in span):
            return True  # "Our information indicates": we say it
        return any(words[i].lower_ in PERSONAL_PRONOUNS or words[i].lower_ in self.speaker_nouns for i in span)

    def _relative_pronoun(self, cue, sent) -> int | None:
        """The token of a "who" or "which" after a comma that is the subject of the cue (", who told",
        ", which said", ", who has repeatedly said"), or None."""
        words, i = self._words(cue.doc), cue.start - 1
        while i > sent.start and (words[i].lower_ in AUXILIARIES or (words[i].lower_.endswith("ly") and words[i].is_lower)):
            i -= 1
        if i - 1 > sent.start and words[i].lower_ in ("who", "which") and words[i - 1].text == ",":
            return i
        return None

    def _possessor_of_a_thing(self, doc: Doc, start: int, phrase: Span | None) -> Span | None:
        """The owner in a phrase that names a thing owned ("our data", "Seoul's estimate"), or None
        when the owned can speak itself ("his spokesman", "Russia's Foreign Ministry")."""
        if phrase is None or not len(phrase):
            return None
        words = _words(doc)
        if phrase.start > start and words[phrase.start - 1].lower_ in POSSESSIVE_PRONOUNS:
            if not any(words[i].lower_ in self.speaker_nouns or words[i].text[:1].isupper()
                       for i in range(phrase.start, phrase.end)):
                return doc[phrase.start - 1:phrase.start]
            return None
        if self._owns_a_thing(phrase):
            owned = [i for i in range(phrase.start, phrase.end) if words[i].text in POSSESSIVES]
            return doc[phrase.start:owned[-1]] if owned[-1] > phrase.start else None
        return None

    def _owns_a_thing(self, phrase: Span) -> bool:
        """"Putin's visit": the phrase's head is a thing its possessor owns, which cannot speak."""
        words = _words(phrase.doc)
        owned = [i for i in range(phrase.start, phrase.end) if words[i].text in POSSESSIVES]
        if not owned or owned[-1] >= phrase.end - 1:
            return False
        after = words[owned[-1] + 1:phrase.end]
        # "Moscow's top general": a title names a person, who can speak
        return not any(t.lower_ in self.speaker_nouns or t.text[:1].isupper() or title_key(t.text) in self.titles
                       for t in after)

    @staticmethod
    def _noun_phrase_at(doc: Doc, j: int, sent, inside, speaker_nouns, titles) -> Span | None:
        """The noun phrase ending at token ``j`` (see ``_subject_phrase``), or None."""
        if j < sent.start or j in inside:
            return None
        words = _words(doc)
        head = words[j]
        if head.lower_ in PRONOUNS | FIRST_PERSON:
            return doc[j:j + 1]
        if head.lower_ in INDEFINITE_SUBJECTS and (j == sent.start or not words[j - 1].is_alpha
                                                   or words[j - 1].lower_ in ("while", "and", "but", "whereas", "that")):
            return doc[j:j + 1]  # "Others noted", "while others described it", "something that many said"
        if head.lower_ in ("them", "us", "those") and j - 2 >= sent.start and words[j - 1].lower_ == "of" \
                and (words[j - 2].lower_ in QUANTIFIERS | {"one", "none", "each", "either", "neither"}
                     or words[j - 2].like_num):
            return doc[j - 2:j + 1]  # "One of them told investigators", "Some of those"
        if j - 3 >= sent.start and words[j - 1].lower_ in ("the", "these", "those") and words[j - 2].lower_ == "of" \
                and (words[j - 3].lower_ in QUANTIFIERS | {"one", "none", "each", "either", "neither"}
                     or words[j - 3].like_num) and (head.like_num or (head.is_alpha and head.lower_ not in STOP_WORDS)) \
                and not (j - 4 >= sent.start and words[j - 4].is_alpha and words[j - 4].lower_ not in STOP_WORDS):
            return doc[j - 3:j + 1]  # "One of the two said", "One of the men says"
        if not (head.is_alpha or head.text in POSSESSIVES or ABBREVIATED_NAME.fullmatch(head.text)) \
                or head.lower_ in STOP_WORDS or (_verb_form(doc, j) and head.lower_ not in speaker_nouns):
            return None  # "media" (lemma "medium") is a speaker's noun, not a verb form; "U.S." is a name
        first = j
        while first - 1 >= sent.start and first - 1 not in inside:
            word = words[first - 1]
            if word.lower_ in POSTMODIFIER_PREPOSITIONS and first - 2 >= sent.start and first - 2 not in inside \
                    and words[first - 2].is_alpha and words[first - 2].lower_ not in STOP_WORDS | POSTMODIFIER_PREPOSITIONS \
                    and not _verb_form(doc, first - 2):
                first -= 1  # "sources close to the situation", "the head of the agency"
                continue
            if word.lower_ in NP_DETERMINERS:
                first -= 1
                before = words[first - 1] if first - 1 >= sent.start else None
                if before is not None and before.lower_ in ("and", ",") and first - 2 >= sent.start \
                        and words[first - 2].text[:1].isupper() \
                        and (before.lower_ == "and" or any(t.lower_ == "and" for t in words[first:j + 1])):
                    first -= 1  # "Japan and the United States", "South Korea, Japan, the United States and NATO"
                    continue
                if not (before is not None and before.lower_ in POSTMODIFIER_PREPOSITIONS):
                    break
                continue
            if word.text in POSSESSIVES or word.text in {"-", "–"} or word.like_num \
                    or (word.text.endswith(".") and word.text[:1].isupper()):
                first -= 1  # "U.S. Adm. Smith": abbreviations and titles with a full stop
                continue
            if word.lower_ == "and" and first - 2 >= sent.start and words[first - 2].is_alpha \
                    and words[first - 2].lower_ not in STOP_WORDS and not _verb_form(doc, first - 2):
                first -= 1  # "Western governments and South Korea"
                continue
            if word.text == "," and first - 2 >= sent.start and words[first - 2].text[:1].isupper() \
                    and words[first].text[:1].isupper() and any(t.lower_ == "and" for t in words[first:j + 1]):
                first -= 1  # "South Korea, Japan, the United States and NATO"
                continue
            if not word.is_alpha or (word.lower_ in STOP_WORDS and case_class(word.text) != "upper"
                                     and word.lower_ not in RANK_WORDS) or _verb_form(doc, first - 1):
                break  # but "US officials": an acronym is a name, not the pronoun "us"
            if word.is_lower and words[first].text[:1].isupper() and words[first].lower_ not in speaker_nouns \
                    and not (word.lower_ in speaker_nouns or title_key(word.text) in titles):
                break  # "the first time Kim Jong Un": only a title comes before a name ("spokesman Peskov")
            first -= 1
        return doc[first:j + 1]

    def _name_between_commas(self, cue, sent, entity_at) -> Span | None:
        """A person's name set off by commas right before the cue: ", Valery Gerasimov, said"."""
        doc = cue.doc
        words = _words(doc)
        comma = cue.start - 1
        if comma <= sent.start or words[comma].text != ",":
            return None
        first = comma - 1
        while first - 1 >= sent.start and words[first - 1].text != "," and comma - first < 6:
            first -= 1
        if first - 1 < sent.start or words[first - 1].text != ",":
            return self._name_before_its_description(doc, comma, sent, entity_at)
        kinds = {entity_at.get(i, ("", ""))[1] for i in range(first, comma)}
        if words[first].lower_ in RENAMING and kinds - {""}:
            # "Ukraine's military intelligence directorate, known as HUR, said": the body and its name
            subject = self._subject_phrase_at(doc, first - 2, sent, set())
            return doc[subject.start if subject is not None else first:comma]
        if kinds and kinds <= set(PERSON_LIKE):
            return doc[first:comma]
        named = next((i for i in range(first, comma) if entity_at.get(i, ("", ""))[1] in PERSON_LIKE), None)
        if named is not None and named > first and all(words[i].text[:1].isupper() for i in range(first, named)) \
                and all(entity_at.get(i, ("", ""))[1] in PERSON_LIKE for i in range(named, comma)):
            return doc[named:comma]  # ", Lieutenant General Kyrylo Budanov, said": the name after its title
        return self._name_before_its_description(doc, comma, sent, entity_at)

    def _name_heading_the_sentence(self, cue, sent, entity_at) -> Span | None:
        """A person's name opening the sentence or a comma's segment, when descriptions set off by commas stand
        between it and the cue: "Andrei Zimin, director of one of them, Pasifika Tur, said", "..., Shin
        Won-sik, national security adviser to President Yoon, said"; or the name after an opening description
        ending in a speaker noun: "One former official, Lee Hyun-woo of the Namsan Policy Forum, said"."""
        doc = cue.doc
        words = _words(doc)
        if cue.start - 1 <= sent.start or words[cue.start - 1].text != ",":
            return None
        found = None
        for i in range(cue.start - 2, max(sent.start, cue.start - 30) - 1, -1):
            text = words[i].text
            if text in (";", ":") or text in QUOTE_CHARS or words[i].lower_ == "that":
                break  # a clause or a quotation of its own
            if i != sent.start and words[i - 1].text != ",":
                continue  # a name opens the sentence or a segment
            if entity_at.get(i, ("", ""))[1] in PERSON_LIKE and (i == sent.start or entity_at.get(i - 1) != entity_at[i]):
                end = i
                while end < cue.start and entity_at.get(end) == entity_at[i]:
                    end += 1
                if end < cue.start - 1 and (words[end].text == "," and (words[end + 1].is_lower or words[end + 1].lower_
                                                                        in ARTICLES) or words[end].lower_ == "of"):
                    found = (i, end)  # a name, then its description; an earlier one may still head the sentence
        if found is None:
            comma = next((i for i in range(sent.start, cue.start - 1) if words[i].text == ","), None)
            if comma is None or comma == sent.start or words[comma - 1].lower_ not in self.speaker_nouns \
                    or any(i in entity_at for i in range(sent.start, comma)) \
                    or entity_at.get(comma + 1, ("", ""))[1] not in PERSON_LIKE:
                return None
            end = comma + 1
            while end < cue.start and entity_at.get(end) == entity_at[comma + 1]:
                end += 1
            if end >= cue.start - 1 or words[end].text not in (",", "of"):
                return None
            found = (comma + 1, end)
        return doc[found[0]:found[1]]

    @staticmethod
    def _name_before_its_description(doc: Doc, comma: int, sent, entity_at) -> Span | None:
        """", Sergei Shoigu, the secretary of Russia's Security Council, said": a person's name set off by
        commas, then a description of them opening with an article, then the cue."""
        words = _words(doc)
        first = comma - 1
        while first - 1 >= sent.start and words[first - 1].text != "," and comma - first < 12:
            first -= 1
        if first - 1 <= sent.start or words[first - 1].text != "," or words[first].lower_ not in ARTICLES:
            return None
        name_end = first - 1
        name_start = name_end - 1
        while name_start - 1 >= sent.start and words[name_start - 1].text != "," and name_end - name_start < 5:
            name_start -= 1
        if name_start - 1 < sent.start or words[name_start - 1].text != ",":
            return None
        kinds = {entity_at.get(i, ("", ""))[1] for i in range(name_start, name_end)}
        return doc[name_start:name_end] if kinds == {"PERSON"} else None

    def _before_parenthesis(self, cue, sent, inside, phrase: Span | None) -> Span | None:
        """When the speaker found lies in a phrase set off by commas right before the cue ("Shoigu, by
        then secretary of Russia's Security Council, said"), the subject before the phrase, if any."""
        doc = cue.doc
        words = _words(doc)
        closing = cue.start - 1
        if phrase is None or closing <= sent.start or words[closing].text != ",":
            return None
        opening = next((i for i in range(closing - 1, sent.start - 1, -1) if words[i].text == ","), None)
        if opening is None or not opening < phrase.start < closing:
            return None
        return self._subject_phrase_at(doc, opening - 1, sent, inside)

    def _after_dateline(self, doc: Doc, sent: Bounds) -> int:
        """Where a sentence's words begin after a dateline ("SEOUL, June 20 (Yonhap) – ...") or a heading's
        label ("United States: Secretary of State Antony Blinken ... said")."""
        words = self._words(doc)
        for i in range(sent.start, min(sent.end, sent.start + 12)):
            if words[i].text in {"–", "—", "-", "--", ":"} and i > sent.start:
                if all(t.is_punct or t.like_num or t.text[:1].isupper() or t.is_space for t in words[sent.start:i]):
                    return i + 1
                return sent.start
        return sent.start

    def _clause_start(self, cue, sent) -> int:
        doc = cue.doc
        words = self._words(doc)
        sent = Bounds(self._after_dateline(doc, sent), sent.end)
        start = sent.start
        for i in range(cue.start - 1, sent.start - 1, -1):
            if words[i].lower_ in CLAUSE_BOUNDARIES:
                start = i + 1
                break
        if words[start].lower_ in OPENERS:
            commas = [i for i in range(start, cue.start) if words[i].text == ","]
            if commas:
                start = commas[0] + 1
        return start

    def _segment_start(self, cue, sent, inside) -> int:
        """Just after the last comma, quotation mark or clause word before the cue."""
        words = self._words(cue.doc)
        for i in range(cue.start - 1, sent.start - 1, -1):
            if words[i].text in SEGMENT_BOUNDARIES or words[i].lower_ in CLAUSE_BOUNDARIES \
                    or (words[i].text == '"' and i + 1 not in inside):
                return i + 1
        return sent.start

    def _is_anchor(self, doc: Doc, i: int, entity_at, cue_start: int) -> bool:
        if i in entity_at:
            return entity_at[i][1] in SPEAKER_TYPES + (UNKNOWN_NAME,)
        words = _words(doc)
        token = words[i]
        if token.lower_ in THIRD_PERSON or token.lower_ in FIRST_PERSON:
            return True
        if token.lower_ not in self.speaker_nouns:
            return False
        if not self.speaker_nouns[token.lower_]:
            return True
        # a word that is also an adjective speaks only when nothing but the cue or punctuation follows it
        return i + 1 >= len(words) or i + 1 == cue_start or words[i + 1].is_punct

    def _phrase_before(self, cue, sent, entity_at, inside: set[int]) -> tuple[Span | None, str]:
        doc = cue.doc
        words = _words(doc)
        segment = self._segment_start(cue, sent, inside)
        for first in dict.fromkeys((segment, self._clause_start(cue, sent), self._after_dateline(doc, sent))):
            for i in range(first, cue.start):
                if i not in inside and self._is_anchor(doc, i, entity_at, cue.start):
                    phrase = self._extend(doc, i, cue.start, entity_at)
                    if i not in entity_at and words[i].lower_ in self.speaker_nouns:
                        # "A Western diplomat in Moscow, who ..., said": the noun's modifiers before it too
                        whole = self._subject_phrase_at(doc, i, Bounds(first, sent.end), inside)
                        if whole is not None and whole.start < i:
                            phrase = doc[whole.start:phrase.end]
                    person = self._appositive_of(doc, phrase, first, entity_at)
                    if person is not None:
                        return person, "appositive"
                    return phrase, "subject"
        return None, "subject"

    @staticmethod
    def _appositive_of(doc: Doc, phrase: Span, segment_start: int, entity_at) -> Span | None:
        """"Peskov, the Kremlin spokesman, said": the person before the comma opening the segment."""
        if any(entity_at.get(i, ("", ""))[1] in PERSON_LIKE for i in range(phrase.start, phrase.end)):
            return None
        words = _words(doc)
        if len(phrase) == 1 and words[phrase.start].lower_ in PRONOUNS | FIRST_PERSON:
            return None  # "Referring to the Korean peninsula, he said": the pronoun is the subject
        if entity_at.get(phrase.end - 1, ("", ""))[0]:
            return None  # "..., the Russian Foreign Ministry said": a name, not a description of the name before
        comma = segment_start - 1
        if comma < 1 or words[comma].text != "," or entity_at.get(comma - 1, ("", ""))[1] not in PERSON_LIKE:
            return None
        if not (words[segment_start].lower_ in DETERMINERS or phrase.start == segment_start):
            return None
        if words[segment_start].lower_ in QUANTIFIERS:
            return None  # "Flanked by Xi and Putin, many commentators declared": a subject of its own
        first = comma - 1
        while first - 1 >= 0 and entity_at.get(first - 1) == entity_at[comma - 1]:
            first -= 1
        if phrase.end < len(doc) and words[phrase.end].text != ",":
            return None  # "Putin, the agency reported": an appositive closes with a comma ("Peskov, the spokesman, said")
        before = first - 1
        while before >= max(0, first - 3) and words[before].text[:1].isupper():
            before -= 1  # a title: "from President Vladimir Putin"
        if before >= 0 and words[before].lower_ in NAME_OBJECT_BEFORE:
            return None  # "a message from Putin, state media reported": the name is an object, not the subject
        return doc[first:comma]

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
        words = _words(doc)
        if words[i].lower_ in THIRD_PERSON or words[i].lower_ in {"we", "i"}:
            return doc[i:i + 1]
        end = i + 1
        while end < limit and self._continues(words, end, entity_at):
            end += 1
        while end > i + 1 and words[end - 1].lower_ in {"and", "-", "of"}:
            end -= 1
        # an appositive name: "the Council's spokesperson, Adrienne Watson,"
        if end + 1 < limit and words[end].text == "," and entity_at.get(end + 1, ("", ""))[1] == "PERSON":
            close = end + 1
            while close < limit and close in entity_at and entity_at[close][1] == "PERSON":
                close += 1
            end = close
        return doc[i:end]

    def _continues(self, words: list, i: int, entity_at) -> bool:
        token = words[i]
        return (i in entity_at or token.lower_ in self.speaker_nouns or token.text in POSSESSIVES
                or token.lower_ in PHRASE_WORDS or (token.text[:1].isupper() and token.is_alpha)
                or token.text.endswith("."))

    def _phrase_after(self, doc: Doc, start: int, sent: Bounds, cue_starts: set[int],
                      dates: set[int] = frozenset()) -> Span | None:
        """The phrase from ``start`` ("according to [the ministry]") up to punctuation, another cue or
        a date ("by the Kremlin on Monday")."""
        words = self._words(doc)
        while start < sent.end and words[start].lower_ in DETERMINERS:
            start += 1
        end = start
        while end < sent.end and words[end].text not in {",", ".", ";", ":", "?", "!"} \
                and (end not in cue_starts or end == start or words[end - 1].text in POSSESSIVES) \
                and words[end].lower_ != "that" and end - start < 12 \
                and (end not in dates or end == start):
            end += 1
        if end > start + 1 and end < sent.end and end in dates and words[end - 1].lower_ in ("on", "in", "at", "last"):
            end -= 1  # "by the Kremlin on [Monday]"
        if end > start + 1 and end in cue_starts and words[end - 1].lower_ == "as":
            end -= 1  # "quoted by KCNA as saying": the agent ends before "as"
        listed_after_of = any(words[i].lower_ == "of" for i in range(start, end - 1)) and words[end - 1].text[:1].isupper()
        if end > start and end < sent.end and words[end].text == "," \
                and (words[start].text[:1].isupper() or listed_after_of) \
                and words[start].lower_ not in PRONOUNS | FIRST_PERSON:
            end = _list_end(doc, end, sent)  # "by the Government of Ukraine, the Republic of Korea and the United States",
            # "according to the intelligence services of Ukraine, the Republic of Korea and the United States"
        elif end > start and words[start].is_lower and words[start].lower_ not in PRONOUNS | FIRST_PERSON | set(OBJECT_PRONOUNS):
            named = _name_after_comma(doc, end, sent)
            if named is not None:
                return named  # "by his chief of staff, Andriy Yermak.": the name the description stands for
        return doc[start:end] if end > start else None

    def _speaker_ids(self, speaker, entity_at) -> list[str]:
        if speaker is None or not len(speaker):
            return []
        if entity_at.get(speaker.end - 1, ("", ""))[1] == UNKNOWN_NAME:
            return []  # "Ukraine's Prosecutor General Andriy Kostin": a person the registry lacks
        found = list(dict.fromkeys(entity_at[i] for i in range(speaker.start, speaker.end)
                                   if i in entity_at and entity_at[i][0]))
        words = self._words(speaker.doc)[speaker.start:speaker.end]
        listed = any(t.lower_ in ("and", ",") for t in words) and not any(t.lower_ in RENAMING for t in words)
        if listed and not any(kind == "PERSON" for _, kind in found) and len({e for e, _ in found}) > 1:
            # "Japan, the EU and NATO", "Western and South Korean officials" (a bloc is a place in the registry)
            return list(dict.fromkeys(e for e, kind in found if kind in SPEAKER_TYPES + ("LOC",)))
        for wanted in SPEAKER_TYPES:
            ids = [e for e, kind in found if kind == wanted]
            if ids:
                return list(dict.fromkeys(ids))
        return list(dict.fromkeys(e for e, _ in found))


def _name_after_comma(doc: Doc, comma: int, sent: Bounds) -> Span | None:
    """The capitalised words after ``comma`` when they run to the end of the clause (", Andriy Yermak.")."""
    words = _words(doc)
    if comma >= sent.end or words[comma].text != ",":
        return None
    end = comma + 1
    while end < sent.end and ((words[end].is_alpha and words[end].text[:1].isupper()) or words[end].text in HYPHENS):
        end += 1
    if end == comma + 1 or (end < sent.end and words[end].text not in {".", ",", ";", "!", "?", "”", '"'}):
        return None
    return doc[comma + 1:end]


LINKING_VERBS = {"is", "are", "was", "were", "be", "been", "remain", "remains", "remained", "seem", "seems", "seemed"}
ASKED_ONE_PREPOSITIONS = {"for", "to", "at", "as", "into"}
AGENT_OF = {"of", "from", "by"}  # "the invitation of Lavrov", "an invitation from Kim", "accusations by Kyiv"
AGENT_AFTER = {"to", "on", "in", "at"}  # "relayed to reporters by ...", "confirmed on Tuesday by ..."


def _passive_agent(doc: Doc, i: int, sent: Bounds) -> int | None:
    """Where the agent of a passive cue ending at ``i`` begins: after "by" right after the cue, or
    after a short prepositional phrase ("were relayed to reporters by lawmaker Lee")."""
    words = _words(doc)
    if i < sent.end and words[i].lower_ == "by":
        return i + 1
    if i < sent.end and words[i].lower_ in AGENT_AFTER:
        for j in range(i + 1, min(i + 5, sent.end)):
            if words[j].is_punct or words[j].lower_ in ("be", "been", "that", "and"):
                return None
            if words[j].lower_ == "by":
                return j + 1
    return None


def _list_end(doc: Doc, comma: int, sent: Bounds) -> int:
    """Where a list of names that goes on after ``comma`` ends ("A, B and C"): after its last item,
    or ``comma`` itself when what follows is no such list (each item a capitalised name, the last
    after "and")."""
    words = _words(doc)
    k = comma
    while k < sent.end and words[k].text == ",":
        item = _after_determiners(doc, k + 1)
        if item >= sent.end or not words[item].text[:1].isupper():
            return comma
        m = item
        while m < sent.end and words[m].text not in {",", ".", ";", ":", "?", "!"} and words[m].lower_ != "that" \
                and m - item < 8:
            m += 1
        joint = next((t for t in range(item, m) if words[t].lower_ == "and"), None)
        if joint is not None:
            last = _after_determiners(doc, joint + 1)
            return m if last < m and words[last].text[:1].isupper() else comma
        k = m
    return comma


def _common_noun(token) -> bool:
    """Could the lower-case word before a participle be the noun it describes ("views", "delegation"),
    not a pronoun, an auxiliary or an adverb?"""
    return token.is_alpha and token.is_lower and token.lower_ not in PRONOUNS | FIRST_PERSON | AUXILIARIES \
        and not token.lower_.endswith("ly")


def _after_determiners(doc: Doc, i: int) -> int:
    """The first token from ``i`` that is no determiner or possessive pronoun ("our", "the")."""
    words = _words(doc)
    while i < len(doc) and (words[i].lower_ in DETERMINERS or words[i].lower_ in POSSESSIVE_PRONOUNS):
        i += 1
    return i


def _quoted_tokens(doc: Doc, sentence_starts: list[int]) -> set[int]:
    """Tokens between quotation marks; an unclosed quotation ends with its sentence."""
    orth = _column(doc, 0)
    marks = [doc.vocab.strings[q] for q in (*OPENING_QUOTES, *CLOSING_QUOTES, '"') if q in doc.vocab.strings]
    inside, opened, sentence = set(), None, 0
    words = _words(doc)
    for i in numpy.flatnonzero(member(orth, sorted_ids(marks))).tolist():
        while i >= sentence_starts[sentence + 1]:
            if opened is not None:
                inside.update(range(opened + 1, sentence_starts[sentence + 1]))
            opened, sentence = None, sentence + 1
        text = words[i].text
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
    typed = mentions.assign(type=mentions["type"].where(mentions["form"] != "unlinked", UNKNOWN_NAME)) \
        if "form" in mentions else mentions
    mentions_by_doc = _by_doc(typed, ["start", "end", "entity_id", "type"])
    dates_by_doc = _by_doc(timexes, ["start", "end"])
    authors = dict(zip(corpus.documents["doc_id"], corpus.documents["author"])) \
        if "author" in corpus.documents else {}
    for doc_id, doc in progress(corpus.docs.items(), "claims", len(corpus.docs)):
        sentences = sentences_by_doc.get(doc_id, [])
        hedges = finder.hedges(doc, dates_by_doc.get(doc_id, []))
        cues_by_sentence = []
        hedge_starts = [s for s, _, _ in hedges]  # sorted: a bisect per sentence, not a scan
        for sent_id, start, end, text in sentences:
            cues = [cue for _, _, cue in hedges[bisect.bisect_left(hedge_starts, start):
                                                bisect.bisect_left(hedge_starts, end)]]
            cues_by_sentence.append(cues)
            hedge_rows.append({"doc_id": doc_id, "sent_id": sent_id, "start": start, "end": end, "text": text,
                               "hedged": bool(cues), "n_hedge_cues": len(cues), "hedge_cues": " | ".join(cues)})
        starts = [s[1] for s in sentences]
        for row in finder.claims(doc, mentions_by_doc.get(doc_id, []), authors.get(doc_id, ""), corpus.text(doc_id),
                                 dates_by_doc.get(doc_id, [])):
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
    for row in zip(table["doc_id"].tolist(), *(table[c].tolist() for c in columns)):
        grouped.setdefault(row[0], []).append(row[1:])  # a slice of the row's tuple: no unpacking and re-packing
    return grouped


def _opens_quote(doc: Doc, i: int) -> bool:
    """Does token ``i`` open a quotation (“ or a straight quote written against the word after it)?"""
    text = _words(doc)[i].text
    return text in OPENING_QUOTES or (text in ('"', "'") and not doc[i].whitespace_
                                      and i > 0 and bool(doc[i - 1].whitespace_))


def _anonymity(words: list, end: int) -> bool:
    """Does the request right before ``end`` ask for the asker's anonymity ("asked not to be named",
    "requested anonymity", "asked for anonymity")?"""
    after = [w.lower_ for w in words[end:end + 4]]
    return "anonymity" in after[:2] or (after[:3] == ["not", "to", "be"] and len(after) == 4
                                        and after[3] in ("named", "identified", "quoted"))
