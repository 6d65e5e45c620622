"""Automatic event candidates from the annotation tables, and how they compare with the hand coding.

A candidate is a sentence holding a trigger from ``data/codebook/event_triggers.csv``
and at least one linked person, organisation or state (``mentions``) in it or in the two
sentences before (``ACTOR_REACH``; not across a heading). Triggers are
matched by lemma, as reporting cues are (one row "send" covers sends, sent, sending).
Which triggers count, by structure rather than by word:

- the longest trigger wins ("sanctions" inside "imposed sanctions" is none of its own),
  and a phrase never reaches across a name ("so-called Treaty on" is no "call on");
- a trigger inside a name is none ("Sanctions Monitoring Team"), except an agreement's word in an
  agreement's name ("the Treaty on Comprehensive Strategic Partnership"), a trigger inside a named event,
  which tells background ("the Korean War", "the Covid-19 pandemic"), and a trigger that is a whole
  registry name ("the special military operation");
- a noun under "no" ("produced no agreements") and courtesy ("Thank you", "thanks to")
  are no events; a question tells none;
- a trigger marked ``alone`` in the codebook counts only in context: ``future`` under
  a forward-looking cue ("further sanctions"), ``placed`` where the sentence puts it
  somewhere ("soldiers in Kursk") or, after the text has told a deployment, points back to it ("the
  soldiers", "their contingent"); out of that context it takes the codebook's ``otherwise``
  type if it has one ("the sanctions remain binding": the regime in force, background);
- "the treaty" after the treaty is named needs no party named again.

The candidate gets:

- the trigger's **type**, except that a verb of transfer takes the type of what it
  moves (``data/codebook/event_objects.csv``, looked for in its clause, a name
  counting as one word): "sent troops" is a troop deployment, "sent a letter" a
  letter, "sent shells" an arms transfer; a transfer noun after a determiner ("these
  transfers", "the shipments") or with a noun's ending ("deliveries began", "rail shipments")
  points back to what moves and needs no object; a
  ``person`` trigger ("received") is a visit only with a person received;
- its **modality**, by rule from the sentence (``data/codebook/modality_cues.csv``),
  the first that applies of: hypothetical (a conditional: "if", "were to", a
  sentence opening with "Should", or the event as the subject of "would": "any
  transfer ... would", "sending arms ... would be"), denied (a denial or a negation
  right before the trigger), expected ("will", "plans", "is expected to", "attempted
  to persuade" governing the event's first trigger, an event noun as the subject of
  "will", or a date after publication; a bare infinitive of purpose is not:
  "used missiles to strike"), alleged ("reportedly", "accused ... of"), historical
  (a date before April 2019), else asserted. A cue that is the candidate's own trigger does not count
  ("denied" is the denial's trigger, not its modality). An expected visit or meeting
  is typed ``intent_or_expected_meeting``, the codebook's type for it;
- the entities named in the sentence as actors, and the first resolved date in it.

One candidate per sentence and type. A conditional is never an asserted event.

A candidate *matches* a hand-coded event when it has the event's type and its
sentence overlaps one of that event's evidence quotes in the same article. Recall
is the share of hand-coded events with a matching candidate; precision the share of
candidates that match an event (an expected-meeting candidate also matches an event
its article reports as expected). Both are results to read, not targets.
"""

import bisect
import re
from functools import lru_cache

import numpy
import pandas as pd
from spacy.attrs import IDX, LOWER
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from partnership import config
from partnership.arrays import LexCache
from partnership.annotate.claims import load_speaker_nouns
from partnership.annotate.documents import load_document_nouns
from partnership.annotate.lemma_matcher import LemmaPhrases
from partnership.annotate.names import load_titles, title_key
from partnership.annotate.registry_candidates import load_name_heads
from partnership.annotate.timexes import calendar_days, is_calendar_value
from partnership.codebook import load_rule_table
from partnership.corpus.sentences import lemma_table, sentence_pipeline
from partnership.events.coding import load_event_types

TRIGGERS_FILE = config.CODEBOOK_DIR / "event_triggers.csv"
OBJECTS_FILE = config.CODEBOOK_DIR / "event_objects.csv"
TRAVELLERS_FILE = config.CODEBOOK_DIR / "private_travellers.csv"
MODALITY_CUES_FILE = config.CODEBOOK_DIR / "modality_cues.csv"
SPEECH_CONTENT_FILE = config.CODEBOOK_DIR / "speech_content.csv"
# a claim of no stronger stance ("said", "called", "stressed") is a speech act when what it says is one
PLAIN_STANCES = {"report", "affirm"}
HEADING_YEARS = re.compile(r"\s*\((?:1[89]|20)\d\d(?:\s*[–-]\s*(?:(?:1[89]|20)\d\d|\d\d))?\)$")  # "(2020–2022)"
OPENING_QUOTES, CLOSING_QUOTES = {"“", "‘"}, {"”", "’"}
ACTOR_TYPES = {"PERSON", "ORG", "GPE"}
EXPECTED_TYPE = "intent_or_expected_meeting"
MEETING_TYPES = {"visit", "summit_or_talks"}
MODALITY_ORDER = ("hypothetical", "denied", "expected", "alleged")
# Speech acts: the statement itself is the event, so it happened as told, whatever it says
# ("we will respond if ..." is a warning given); only a negation right before it changes that.
SPEECH_ACTS = {"statement_of_support", "statement_of_concern", "accusation", "denial", "demand_or_appeal",
               "sanctions_threat_or_warning"}
NEGATIONS = {"not", "n’t", "n't", "never"}
# "no agreements", "violate no treaty": a noun under "no" says nothing happened; it is not an event
NONE_WORDS = {"no", "non"}  # "produced no agreements"; "a non-combat role" (non, -, combat)
# "these transfers", "the shipments", "its deliveries": a transfer noun after a determiner points back
# to what the text already said moves, so it needs no object of its own
DETERMINERS = {"the", "these", "those", "such", "this", "its", "their", "his", "her", "our", "any", "every", "all"}
GREETED_PRONOUNS = {"him", "her", "them", "me", "us"}  # "welcomed him": a greeting, no support
ARTICLES = {"a", "an", "the"}
NOUN_MARKERS = DETERMINERS | ARTICLES  # a trigger right after one of these is a noun ("a sign", "his hosts")
OBJECT_STOPS = {"of", "to", "for", "from", "with", "at", "in", "on", "by", "that"}  # a greeted noun comes before these
PLACE_TYPES = {"GPE", "LOC", "FAC"}
JOURNEY_PREPOSITIONS = {"into", "to", "for", "from", "in"}  # "crossed into Russia", "remained in the Far East"
# how long a stay lasts, between "spent" and where: "three days", "Wednesday night", "a week"
STAY_WORDS = {"a", "an", "the", "few", "several", "more", "day", "days", "night", "nights", "week", "weeks", "month",
              "months", "hours", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
TRAVEL_AUXILIARIES = {"had", "has", "have", "will", "would", "then", "later", "finally", "also", "was", "is",
                      "to", "due", "expected", "set", "scheduled", "planning", "plans", "going"}  # "is due to fly home"
# "Thank you", "Thanks, everybody", "thanks to the treaty": courtesy or a preposition, not praise
COURTESY_AFTER = {"you", "to", "everybody", "everyone", "all", ",", ".", "!"}
# a bare noun "placed" (alone = placed) counts when the sentence puts it somewhere: "soldiers in Kursk"
PLACE_PREPOSITIONS = {"in", "into", "to", "from", "inside"}
ONWARD = {"on", "back", "onward", "onwards"}  # "flew on to Hanoi": the journey goes on
LOSS_WORDS = {"lost", "lose", "loses", "losing", "loss", "losses"}
PREPOSITIONS_NOT_STOP = {"near", "alongside", "inside", "outside", "despite", "toward", "towards"}  # spaCy's list lacks them
# "Any transfer ... would destabilise", "sending arms to Kyiv would be a mistake": the event is the
# subject of a conditional, so it is supposed, not told
CONDITIONAL_AFTER = {"would", "could"}
CONDITIONS = {"if", "unless"}
COUNTERFACTUAL = {"would", "could", "should"}  # before "have" and a participle: it did not happen
HEDGED_PAST = {"may", "might"}  # before "have": it may well have happened ("may have arrived"), no future
DEPLOYMENT = "troop_deployment"
DEFINITE = {"the", "its", "their", "these", "those", "his"}
OWNED_TROOPS = {"soldiers", "servicemen", "fighters", "personnel"}  # a state's troops, counted by whose they are
MOVED = "arms_transfer"  # event_objects.csv rows under it name what is moved: weapons ("drones") and troops
VISIT_TYPES = {"visit", "intent_or_expected_meeting"}  # a trip, made or expected
DOCUMENT_REACH = 12  # tokens back from "which" to the document it stands for ("resolutions 1718 (2006) and 2397")
NOT_TRAVELLERS = {"arms_transfer", "troop_deployment"}  # what arrives when weapons or troops do ("a delegation" travels)
SUBJECT_WINDOW = 4  # words back from a visit trigger to the thing that arrives ("the systems have already arrived")
AIMED_PREPOSITIONS = {"at", "into", "on"}  # "launched missiles at Ukraine": where an attack is aimed
# "that should either side be attacked", ", should Russia transfer": an inverted condition opens a clause
INVERSION_AFTER = {"that", ",", ";", ":", "and", "but", "or", "—", "–"}
SUBJECT_OPENERS = {"the", "a", "an", "either", "any", "one", "they", "we", "he", "she", "it", "you", "this", "these",
                   "those", "such", "its", "their", "our", "his", "her"}
PARTICLES = {"by", "on", "with", "for", "to"}
CLAUSE_OPENERS = {"while", "if", "when", "as", "and", "but", "or", "unless", "until", "because"}
CLAUSE_WORDS = {"that", "and", "but", "or", "which", "who", "while"}
HYPHENS = {"-", "–"}  # inside a noun phrase: "North Korean-made", "Chinese-Russian-North Korean"
QUOTE_MARKS = {'"', "“", "”", "'", "‘", "’"}
ATTRIBUTIVE_BEFORE = {"the", "a", "an", "these", "those", "such", "its", "their", "of", "about", "on", "for", "with",
                      "against", "any", "'s", "’s"}
NOT_NOUNS = {"was", "has", "is", "remains", "seems", "appears", "looks", "always", "perhaps", "thus", "also",
             "less", "ours", "yours", "theirs", "this"}  # words in -s before an -ed verb that are no plural noun
# an event noun that is the subject of a future verb is planned: "the dialogue will be held in Pyongyang"
SUBJECT_FUTURE = {"will", "’ll", "'ll"}
CURRENCY_SIGNS = {"$", "€", "£", "₽", "₩"}
OBJECT_WINDOW = 8
NOUN_ENDINGS = ("ment", "ments", "eries")  # "shipments", "deliveries": a noun by its form ("supplies" is a verb too)
ACTOR_REACH = 2  # sentences back an actor may be named: prose names a state once and tells its acts after
AMOUNT_WORDS = {"of", "worth", "'", "’", "'s", "’s", "dozens", "hundreds", "thousands", "millions", "billions", "tens",
                "several", "some", "about", "around", "over", "more", "than", "nearly", "almost", "roughly"}
EXPECTED_WINDOW = 6  # tokens between "will", "plans to", "is expected to" and the event it looks ahead to
HISTORY_BEFORE = "2019-04"  # the codebook's "historical": before the April 2019 summit
# a war told with a date before that is the background of the partnership, as the annotation guide codes it
PAST_AS_BACKGROUND = {"war"}
BACKGROUND_TYPE = "historical_context"
WHERE_RAISED = {"at", "in", "on", "to", "before", "with", "by"}  # "raise this launch at the Council"
CANDIDATE_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "type", "triggers", "modality", "modality_cues",
                     "actor_ids", "date", "matched_event_ids"]


def load_triggers(types: set[str], path=TRIGGERS_FILE) -> pd.DataFrame:
    return load_rule_table(path, ["trigger", "type", "by_object", "alone", "otherwise", "note"],
                           required=["trigger", "type"],
                           allowed={"type": types, "by_object": {"yes", "required", "after", "person", "thing", "journey", ""},
                                    "alone": {"", "future", "placed", "clause", "verb", "document", "told", "head"}, "otherwise": types | {""}},
                           unique=["trigger"])


def load_private_travellers(path=TRAVELLERS_FILE) -> list[str]:
    """Words for people who travel privately ("tourists"): their trips are no official's visit."""
    return load_rule_table(path, ["word", "note"], required=["word"])["word"].str.lower().tolist()


def load_objects(types: set[str], path=OBJECTS_FILE) -> dict[tuple[str, str], str]:
    """(word, trigger's own type) -> the type the event takes when that word is what the trigger moves."""
    table = load_rule_table(path, ["word", "type", "applies_to", "note"], required=["word", "type", "applies_to"],
                            allowed={"type": types, "applies_to": types})
    return {(w, a): t for w, t, a in zip(table["word"].str.lower(), table["type"], table["applies_to"])}


def load_speech_content(types: set[str], path=SPEECH_CONTENT_FILE) -> dict[str, str]:
    """Words that make what a speaker says a speech act: word -> event type ("fakes": denial)."""
    table = load_rule_table(path, ["word", "type", "note"], required=["word", "type"],
                            allowed={"type": types & SPEECH_ACTS}, unique=["word"])
    return dict(zip(table["word"].str.lower(), table["type"]))


def load_modality_cues(path=MODALITY_CUES_FILE) -> pd.DataFrame:
    return load_rule_table(path, ["cue", "modality", "governs", "note"], required=["cue", "modality"],
                           allowed={"modality": set(MODALITY_ORDER), "governs": {"", "verb", "subject", "clause"}})


class CandidateFinder:
    """Triggers, objects and modality cues as spaCy matchers; built once from the codebook."""

    def __init__(self, triggers: pd.DataFrame, objects: dict[str, str] | None = None,
                 modality_cues: pd.DataFrame | None = None):
        vocab = sentence_pipeline().vocab
        self.objects = load_objects(set(triggers["type"]) | set(load_event_types()["type"])) \
            if objects is None else objects
        modality_cues = load_modality_cues() if modality_cues is None else modality_cues
        self.lemmas = lemma_table()
        self.people = frozenset(load_speaker_nouns())  # nouns of people: "welcomed the delegation" greets
        self.document_nouns = frozenset(w.lower() for w in load_document_nouns())  # "supported the resolution"
        self.travellers = LemmaPhrases(vocab)  # "Russian tourists visited": leisure, no official's visit
        for word in load_private_travellers():
            self.travellers.add(word, word)
        self.object_lemmas = {(self.lemmas.get(w, w), a): t for (w, a), t in self.objects.items()}
        self.triggers = LemmaPhrases(vocab)
        self.type_of: dict[str, str] = {}
        self.by_object: dict[str, str] = {}  # trigger -> "yes" (typed by its object) or "required"
        self.alone: dict[str, str] = {}  # trigger -> "future", "placed", "clause" or "verb": when it counts on its own
        self.otherwise: dict[str, str] = {}  # trigger -> its type where its "alone" context is missing
        by_object = triggers["by_object"] if "by_object" in triggers else [""] * len(triggers)
        alone = triggers["alone"] if "alone" in triggers else [""] * len(triggers)
        otherwise = triggers["otherwise"] if "otherwise" in triggers else [""] * len(triggers)
        for trigger, event_type, typed, needs, other in zip(triggers["trigger"].str.lower(), triggers["type"],
                                                            by_object, alone, otherwise):
            self.type_of[trigger] = event_type
            if other:
                self.otherwise[trigger] = other
            if typed:
                self.by_object[trigger] = typed
            if needs:
                self.alone[trigger] = needs
            self.triggers.add(trigger, trigger)
        self.modality_cues = LemmaPhrases(vocab)
        self.modality_of: dict[str, str] = {}
        governs = modality_cues["governs"] if "governs" in modality_cues else [""] * len(modality_cues)
        self.verb_only = {cue for cue, g in zip(modality_cues["cue"].str.lower(), governs) if g == "verb"}
        self.of_subject = frozenset(cue for cue, g in zip(modality_cues["cue"].str.lower(), governs) if g == "subject")
        # cues that hedge only the event right after them in their clause ("had likely been killed")
        self.in_clause = frozenset(cue for cue, g in zip(modality_cues["cue"].str.lower(), governs) if g == "clause")
        for cue, modality in zip(modality_cues["cue"].str.lower(), modality_cues["modality"]):
            self.modality_of[cue] = modality
            self.modality_cues.add(cue, cue)
        self.speech_words = LemmaPhrases(vocab)  # "fakes", "a great milestone": what makes a statement a speech act
        self.speech_type = load_speech_content(set(load_event_types()["type"]))
        for word in self.speech_type:
            self.speech_words.add(word, word)
        self.vocab = vocab
        self.lexes = LexCache(vocab)
        self.last_words: tuple = (None, [])  # the last Doc ``find`` read, and its words
        # the last words that make a name a body ("... Team", "... Committee"): what is launched then is founded
        heads = load_name_heads()
        self.body_heads = {w for w, t in heads.items() if t == "ORG"}
        # an unlinked name's kind by its last word ("the Korean War" is an EVENT): what a trigger inside it tells
        self.event_heads = {w for w, t in heads.items() if t == "EVENT"}

    def find(self, doc: Doc, sentence_bounds: list[tuple[int, int]], published: str,
             name_spans: list[tuple] = (), statements: list[tuple[int, int]] = ()) -> dict[int, dict[str, dict]]:
        """{sentence index: {type: {"triggers": [...], "modality": ..., "cues": [...]}}} for one Doc.

        ``name_spans``: (start, end) or (start, end, type) of the names in the text; a trigger inside
        a name does not count ("Sanctions Monitoring Team"), except an agreement's own word inside an
        agreement's name ("the Treaty on Comprehensive Strategic Partnership" tells the treaty), a
        trigger inside a named event (background: "the Korean War") and a trigger that is the whole name.
        ``statements``: (start, end, speaker after) for the cues of claims of stance report or affirm
        ("said", "called", "stressed"); one is a speech act when what it says carries a word of
        ``speech_content.csv``: the words after the cue in its sentence (before it when the speaker follows
        the cue: "according to X"), or a quotation in the sentence."""
        # the token holding a character, as char_span(..., "expand") finds it, for all at once
        token_starts = doc.to_array(IDX).astype("int64")
        words = self.lexes.words(doc)  # the rules read words[i], not doc[i]: no spaCy Token made
        self.last_words = (doc, words)  # find_candidates reads them again for the anniversary rule
        firsts = (numpy.searchsorted(token_starts, [s for s, _ in sentence_bounds], side="right") - 1).tolist()
        starts = [first if e > s else 0 for first, (s, e) in zip(firsts, sentence_bounds)]
        found: dict[int, dict[str, dict]] = {}
        in_names: dict[int, str] = {}  # tokens inside a name: "Korean War", "Sanctions Monitoring Team"
        whole_names: set[tuple[int, int]] = set()  # (first, end) token bounds of those names
        persons: set[int] = set()  # tokens of persons' names
        places: set[int] = set()  # tokens of places' names (GPE, LOC, FAC)
        targets: set[int] = set()  # tokens of states' and cities' names (GPE): what a missile is fired at
        travellers = None  # token spans of "tourists", "tour groups" (private_travellers.csv)
        if name_spans:
            name_firsts = numpy.searchsorted(token_starts, [n[0] for n in name_spans], side="right") - 1
            name_lasts = numpy.searchsorted(token_starts, [n[1] - 1 for n in name_spans], side="right")
            for first, last, span in zip(name_firsts.tolist(), name_lasts.tolist(), name_spans):
                name_type = span[2] if len(span) > 2 else ""
                if not name_type and last - first > 1 and doc[last - 1].text in self.event_heads:
                    name_type = "EVENT"
                if last - first > 1:
                    in_names.update((i, name_type) for i in range(first, last))
                    whole_names.add((first, last))
                if name_type == "PERSON":
                    persons.update(range(first, last))
                elif name_type in PLACE_TYPES:
                    places.update(range(first, last))
                    if name_type == "GPE":
                        targets.update(range(first, last))
        cues_by_sentence: dict[int, list[tuple[int, int, str, str]]] = {}
        for cue, start, end in self.modality_cues.matches(doc):
            k = bisect.bisect_right(starts, start) - 1
            if cue in INVERTED_CUES and start != starts[k] and not _inverted_condition(doc, start, end):
                continue  # "they should stop" demands; "Should Russia ...", "that should either side ..." suppose
            cues_by_sentence.setdefault(k, []).append((start, end, cue, self.modality_of[cue]))
        matches = self.triggers.matches(doc)
        # the longest trigger wins: "sanctions" inside "imposed sanctions" or "sanctions regime" is no
        # trigger of its own (matches come sorted by start, longest first)
        longest, reach = [], -1
        for trigger, start, end in matches:
            if any(i in in_names for i in range(start + 1, end - 1)) and (start, end) not in whole_names:
                continue  # a phrase does not reach across a name: "so-called Treaty on" is no "call on"
            if end <= reach:
                if longest and (start, end) != longest[-1][1:]:
                    continue
            longest.append((trigger, start, end))
            reach = max(reach, end)
        asked: dict[int, bool] = {}
        any_id = self.vocab.strings["any"]
        any_at = numpy.flatnonzero(doc.to_array(LOWER) == any_id).tolist()  # sorted
        told_types, told_upto = set(), 0
        for trigger, start, end in longest:
            k = bisect.bisect_right(starts, start) - 1
            if start in in_names and in_names[start] == "EVENT" and (start, end) not in whole_names:
                # "the Covid-19 pandemic", "the Korean War": a named event the text cites, background
                entry = found.setdefault(k, {}).setdefault(BACKGROUND_TYPE, {"triggers": [], "spans": []})
                entry["triggers"].append(doc[start:end].text)
                entry["spans"].append((start, end))
                continue
            if start in in_names and (start, end) not in whole_names and not (
                    in_names[start] == "AGREEMENT" and self.type_of[trigger] == "agreement_signed"):
                continue  # "Sanctions Monitoring Team": part of a name
            sent_end = starts[k + 1] if k + 1 < len(starts) else len(doc)
            if end < len(doc) and words[end].text == ":" and doc[start].is_upper \
                    and (start == 0 or "\n" in doc[start - 1].whitespace_ or "\n" in doc[start - 1].text):
                continue  # "HOST:", "MODERATOR:": a transcript's speaker label, no event
            if self._courtesy(doc, trigger, start, end, starts[k]):
                continue  # "Thank you", "Thanks, Karine", "thanks to the treaty"
            if trigger == "support" and self._supports_a_document(words, start, end, starts[k], sent_end):
                # "supported the resolution", "resolutions ... which Russia itself supported": a vote that made the
                # sanctions, their background, no statement of support
                entry = found.setdefault(k, {}).setdefault(BACKGROUND_TYPE, {"triggers": [], "spans": []})
                entry["triggers"].append(doc[start:end].text)
                entry["spans"].append((start, end))
                continue
            if self.type_of[trigger] == "demand_or_appeal" and self._document_before(words, start, starts[k], 3):
                continue  # "a resolution demanding a Russian withdrawal": a document demands, no official appeals
            if trigger == "support" and not _support_voiced(doc, start, starts[k]):
                continue  # "support for air defence", "its support": help given, not support declared
            if trigger == "use" and ((end < sent_end and words[end].lower_ == "to")
                                     or (start > starts[k] and words[start - 1].lower_ == "for")):
                continue  # "could be used to move ammunition", "for use in Ukraine": a purpose, no fighting told
            if trigger == "charge" and ((start > starts[k] and words[start - 1].lower_ in ("in", "of"))
                                        or (end + 1 < sent_end and words[end].lower_ == "with"
                                            and words[end + 1].lower_.endswith("ing"))):
                continue  # "the officer in charge", "free of charge", "a Council charged with upholding": a duty
            if (start > starts[k] and words[start - 1].lower_ in NONE_WORDS) or (
                    start - 1 > starts[k] and words[start - 2].lower_ in NONE_WORDS):
                continue  # "produced no agreements": nothing happened
            if _obliged(doc, words, start, starts[k]):
                continue  # "Article 4 obliges each party to provide assistance": a treaty's term, not an event
            if self.type_of.get(trigger) == "troop_deployment" and _enemy_losses(words, start, starts[k]):
                continue  # "the enemy lost up to 180 servicemen": the other side's dead, counted, none sent
            if _adjective(words, start, end, starts[k]):
                continue  # "about alleged deliveries", "the countries concerned": a participle describing a noun
            if end < sent_end and words[end - 1].lower_ in PARTICLES and " " in trigger \
                    and (words[end].is_punct or words[end].lower_ in CLAUSE_OPENERS):
                continue  # "we won't stand by while ...": a phrasal trigger with no one after it
            if k not in asked:  # once per sentence, not per trigger
                asked[k] = self._question(words, starts[k], sent_end)
            if asked[k] or _asked_whether(words, start, starts[k]):
                continue  # "Has the number of missiles transferred changed?", "asked whether Russia would help":
                # asked, not told
            while told_upto < k:  # the types of the sentences before this one, each read once
                told_types.update(found.get(told_upto, ()))
                told_upto += 1
            # "the soldiers", "the trade": a trigger that may point back to an event of its type told before
            told = self.alone.get(trigger) in ("placed", "told") and self.type_of[trigger] in told_types
            if not self._counts_alone(doc, words, trigger, start, end, starts[k], sent_end, cues_by_sentence.get(k, []),
                                      places, persons, told):
                if trigger not in self.otherwise:
                    continue
                event_type = self.otherwise[trigger]  # "the sanctions remain binding": the regime, no threat
            else:
                event_type = self._type(doc, words, trigger, start, end, starts[k], sent_end, in_names, persons, places)
                moved = self._moved_before(words, start, starts[k], in_names) if event_type == "visit" else None
                if moved in NOT_TRAVELLERS:
                    # "the systems have already arrived", "Kim's troops arrived in Russia": no official travels;
                    # what arrives is delivered or deployed
                    event_type = moved
                if event_type in VISIT_TYPES:
                    if travellers is None:  # once per document, only where a trip is told
                        travellers = [(s, e) for _, s, e in self.travellers.matches(doc)]
                    if travellers and self._privately(words, start, end, starts[k], sent_end, travellers):
                        continue  # "1,500 Russian tourists had visited the DPRK": leisure, no official's visit
                if event_type == "war" and end < sent_end and not words[start].lower_.endswith(("ing", "ed")) \
                        and self._object(words[end], MOVED) == MOVED:
                    continue  # "attack drones", "strike aircraft": a kind of weapon, no fighting told ("firing
                    # weapons at Ukraine" is)
                if event_type == "military_display" and _aimed_at(words, end, sent_end, targets):
                    event_type = "war"  # "launched dozens of missiles at Ukraine": an attack, not a display
            if event_type is None:
                continue
            entry = found.setdefault(k, {}).setdefault(event_type, {"triggers": [], "spans": []})
            # one word: its text is the span's (no Span made); a phrase keeps its inner spacing
            entry["triggers"].append(words[start].text if end - start == 1 else doc[start:end].text)
            entry["spans"].append((start, end))
        if statements:
            self._speech_acts(doc, statements, token_starts, starts, in_names, found)
        for k, types in found.items():
            sent_end = starts[k + 1] if k + 1 < len(starts) else len(doc)
            for event_type, entry in types.items():
                cues = [] if event_type in SPEECH_ACTS else cues_by_sentence.get(k, [])
                if self.verb_only and not any(words[s - 1].lower_ == "to" for s, _ in entry["spans"] if s > starts[k]):
                    cues = [c for c in cues if c[2] not in self.verb_only]  # "invited him to an exhibition"
                entry["modality"], entry["cues"] = self._modality(doc, words, entry["spans"], starts[k], cues, self.of_subject,
                                                                  sent_end if event_type not in SPEECH_ACTS else None,
                                                                  any_at, self.in_clause)
            for event_type in [t for t, entry in types.items() if t in SPEECH_ACTS and entry["modality"] == "denied"]:
                del types[event_type]  # "did not deny them", "did not condemn": a statement not made is no event
        return {k: types for k, types in found.items() if types}

    def _speech_acts(self, doc: Doc, statements, token_starts, starts: list[int], in_names,
                     found: dict[int, dict[str, dict]]) -> None:
        """A statement's cue is a speech act of the type of a word in what it says: after the cue in its
        sentence ("called the reports 'fakes'", "said that the friendship had entered a new era") or
        quoted in it ("'A great milestone,' Kim said"). A word inside a name or capitalised as a title
        ("Comrade Kim Jong Un") says nothing."""
        lexes = self.last_words[1]
        words = [(t, s, e) for t, s, e in self.speech_words.matches(doc)
                 if s not in in_names and (lexes[s].is_lower or doc[s].is_sent_start)]
        if not words:
            return
        word_starts = [s for _, s, _ in words]
        quoted_in: dict[int, set[int]] = {}
        for cue_start, cue_end, speaker_after in statements:
            first = int(numpy.searchsorted(token_starts, cue_start, side="right")) - 1
            last = int(numpy.searchsorted(token_starts, cue_end - 1, side="right"))
            k = bisect.bisect_right(starts, first) - 1
            sent_end = starts[k + 1] if k + 1 < len(starts) else len(doc)
            if k not in quoted_in:
                quoted_in[k] = _quoted(self.last_words[1], starts[k], sent_end)
            lo = bisect.bisect_left(word_starts, starts[k])
            for word, start, end in words[lo:bisect.bisect_left(word_starts, sent_end)]:
                if (start < first if speaker_after else start >= last) or start in quoted_in[k]:
                    entry = found.setdefault(k, {}).setdefault(self.speech_type[word], {"triggers": [], "spans": []})
                    if (first, last) not in entry["spans"]:
                        entry["triggers"].append(doc[first:last].text)
                        entry["spans"].append((first, last))
                    said = doc[start:end].text  # the word of what is said that makes the cue this act: "said | fakes"
                    if said not in entry["triggers"]:
                        entry["triggers"].append(said)

    @staticmethod
    def _courtesy(doc: Doc, trigger: str, start: int, end: int, sent_start: int) -> bool:
        """"Thank you", "Thanks, everybody", "QUESTION: Thank you.", "thanks to", "Welcome back", "accepted with gratitude",
        "grateful if ...": no praise told."""
        if trigger == "welcome" and doc[start].lower_ == "welcome" and (
                doc[start].is_sent_start or (start > sent_start and doc[start - 1].text == ":")):
            return True  # "HOST: Welcome back.", "Welcome to Pyongyang": a greeting, no support declared
        if trigger == "gratitude" and start - 2 >= sent_start and doc[start - 1].lower_ == "with" \
                and any(doc[k].lemma_ in ("accept", "receive") for k in range(max(sent_start, start - 5), start - 1)):
            return True  # "The invitation was accepted with gratitude": the manner of accepting, no support declared
        if trigger == "grateful" and end < len(doc) and doc[end].lower_ == "if":
            return True  # "I should be grateful if the present letter could be circulated": a request's formula
        if trigger != "thank" or doc[start].lower_ not in {"thank", "thanks"}:
            return False
        after = doc[end].lower_ if end < len(doc) else "."
        return doc[start].is_sent_start or after in COURTESY_AFTER or (start > sent_start and doc[start - 1].text == ":")

    def _counts_alone(self, doc: Doc, words: list, trigger: str, start: int, end: int, sent_start: int, sent_end: int,
                      cues, places=frozenset(), persons=frozenset(), told: bool = False) -> bool:
        """A trigger marked ``alone`` in the codebook counts only in its context: ``future`` under a
        forward-looking cue in its clause ("further sanctions", "will impose sanctions"), ``placed``
        when the sentence puts it somewhere ("soldiers in Kursk", "soldiers from North Korea") or in the
        fighting ("soldiers were killed") or names whose they are ("North Korean soldiers", "Kim Jong Un's
        soldiers"), ``clause`` when it is a verb that tells what is claimed ("claimed
        that the DPRK supplied shells"), ``verb`` unless it is a noun after an article or determiner ("a
        sign that"), ``head`` unless it describes the noun after it ("combat experience")."""
        needs = self.alone.get(trigger)
        if needs == "future":
            if words[start].lower_.endswith("ed"):
                return False  # "Seoul imposed sanctions in 2016", even after "the plans were dropped": done, not ahead
            return any(modality == "expected" and (_governs(words, c_end, start) or c_end == start
                                                   or start < c_start < end)  # "impose further sanctions"
                       for c_start, c_end, _, modality in cues)
        if needs == "placed":
            owner = start - 1
            if owner > sent_start and words[owner].lower_ in ("'s", "’s"):
                owner -= 1  # "Kim Jong Un's soldiers", "the North's soldiers"
                if owner in persons:
                    return True
            first = owner
            while first - 1 > sent_start and first - 1 in places:
                first -= 1
            if told and start > sent_start and words[start - 1].lower_ in DEFINITE \
                    and not (start - 1 > sent_start and words[start - 2].text in QUOTE_MARKS | {"of"}) \
                    and not (end < sent_end and words[end].lower_ == "of"):
                return True  # "the soldiers", "their contingent" after a deployment is told: that deployment;
                # not "the soldiers of the Defence Forces of Ukraine" (whose, named) or "families of the soldiers"
            if owner >= sent_start and owner in places and trigger in OWNED_TROOPS \
                    and not (first > sent_start and words[first - 1].text in QUOTE_MARKS):
                return True  # "North Korean soldiers", "DPRK soldiers": a state's soldiers, sent or fighting;
                # "speaking of "North Korean soldiers"" names the words, and "praised the contingent" no sending
            for i in range(end, min(end + OBJECT_WINDOW, sent_end - 1)):
                if words[i].text in {",", ";", ":"}:
                    return False
                if self.type_of.get(doc[i].lemma_.lower()) == "war" \
                        or self.type_of.get(" ".join(w.lower_ for w in words[i:i + 3])) == "war":
                    return True  # "soldiers have been killed", "take part in the special military operation"
                if words[i].lower_ in PLACE_PREPOSITIONS:
                    following = [t for t in words[i + 1:min(i + 4, sent_end)] if t.lower_ != "the"]
                    if following and following[0].text[:1].isupper():
                        return True
            return False
        if needs == "told":  # "the trade" after the text has told an arms transfer: that transfer
            return told and start > sent_start and words[start - 1].lower_ in DEFINITE | {"this", "that"}
        if needs == "clause":
            return _introduces_clause(words, start, end, sent_start, sent_end)
        if needs == "document":  # "Resolution 2397 (2017) limits", "resolution 2397, which required": a text's terms
            return self._document_before(words, start, sent_start, DOCUMENT_REACH)
        if needs == "head":  # "combat experience", "combat troops": a noun before another it describes tells no event
            if end >= sent_end:
                return True
            after = words[end]
            return not (after.is_alpha and after.is_lower and after.lower_ not in STOP_WORDS | PREPOSITIONS_NOT_STOP
                        and not after.lower_.endswith(("ed", "ing")))
        if needs == "verb":  # "a sign that", "the move is symbolic", "his hosts": the noun is no event;
            # "the signing" names the act itself
            return words[start].lower_.endswith("ing") \
                or not (start > sent_start and words[start - 1].lower_ in NOUN_MARKERS)
        return True

    def _body_before(self, words: list, start: int, sent_start: int, in_names) -> bool:
        """Does a body's name end right before the trigger, or before a comma there ("the Team, launched")?"""
        i = start - 1
        if i > sent_start and words[i].text == ",":
            i -= 1
        return i >= sent_start and i in in_names and words[i].text in self.body_heads

    def _type(self, doc: Doc, words: list, trigger: str, start: int, end: int, sent_start: int, sent_end: int,
              in_names=(), persons=(), places=()) -> str | None:
        """The trigger's type, or the type of what it moves (``event_objects.csv``), looked for after
        it and then before it in its clause ("sent troops", "soldiers were sent"); None when the
        trigger needs an object and has none ("deliver the Ministry's position"), unless it is a
        noun after a determiner that points back to what moves ("these transfers", "the shipments")."""
        event_type = self.type_of[trigger]
        if trigger not in self.by_object:
            return event_type
        if event_type == "military_display" and self._body_before(words, start, sent_start, in_names):
            return BACKGROUND_TYPE  # "the Sanctions Monitoring Team, launched in October": a body founded
        if self.by_object[trigger] == "journey":
            # "Putin left Pyongyang for Hanoi", "he crossed into Russia": a person travelling to or from a
            # place named right after; "troops crossed into Kursk", "the war left Moscow in need" are no visit
            return event_type if _place_after(words, end, sent_end, places) \
                and _person_before(words, start, sent_start, persons) else None
        if self.by_object[trigger] == "required" and _sent_home(words, end, sent_end):
            return None  # "to send North Korean labourers home", "workers ... to be sent home": a return, no dispatch
        if self.by_object[trigger] in ("required", "after") and " " not in trigger and end < sent_end:
            following = doc[end:min(end + 2, sent_end)].text.lower() if words[end].lower_ in FOLLOWING_FIRSTS else ""
            if following.startswith(("up ", "each other", "one another", "that ")) or following == "up":
                # "giving up nuclear weapons"; "to give each other military assistance": a mutual duty;
                # "records show that North Korea sent missiles": a clause, not what is moved or shown
                return None
        after = range(end, sent_end)
        before = range(start - 1, sent_start - 1, -1)
        # "helped North Korea with satellite technology": what is given comes after; "Russian engineers helped"
        # names the helper, not what moves
        windows = (after, before)
        if start > sent_start and words[start - 1].lower_ in PASSIVE_BE and event_type == "arms_transfer" \
                and doc[start].lower_ != doc[start].lemma_ and not doc[start].lower_.endswith("ing"):
            windows = (before, after)  # "soldiers were sent into artillery fire": the passive's subject is what moves
        for window in (after,) if self.by_object[trigger] == "after" else windows:
            count = 0
            for i in window:
                token = words[i]
                if token.text == "," and window is after and count < OBJECT_WINDOW and _list_goes_on(words, i, sent_end):
                    continue  # "received oil, food, hard currency and air-defence systems": a list of what moves
                if token.text in {",", ";", ".", ":", "?"} or count >= OBJECT_WINDOW:
                    break
                if window is after and token.lower_ == "to" and i + 1 < sent_end and i > end \
                        and words[i + 1].is_lower and words[i + 1].is_alpha and words[i + 1].lower_ not in DETERMINERS:
                    break  # "share our determination to keep ... free of weapons": an infinitive opens a new clause
                moved = self._object(token, event_type)
                if moved:
                    if window is after and i + 1 < sent_end:
                        # "fighter aircraft", "missile technology": the compound's head decides
                        moved = self._object(words[i + 1], event_type) or moved
                    return moved
                if event_type == "military_display" and i in in_names and token.text in self.body_heads:
                    if window is after and any(words[j].lower_ in WHERE_RAISED for j in range(end, i)):
                        return None  # "raise this launch at the Security Council": where it is raised
                    return BACKGROUND_TYPE  # "launched the Sanctions Monitoring Team": a body founded, not a display
                # a name counts as one word ("soldiers of the Korean People's Army"), an amount as none
                # ("handed over tens of billions of dollars' worth of weapons"), a hyphen as none ("KN-23 short-range")
                count += i not in in_names and not _amount_word(token) and not token.is_punct
        if self.by_object[trigger] == "required" and _people_moved(words, start, sent_start):
            return DEPLOYMENT  # "he had been sent to Russia", "if they are used against Ukraine": people moved
        if self.by_object[trigger] in ("required", "after"):
            return event_type if self._determined(doc, start, sent_start) else None
        if self.by_object[trigger] == "person":
            # "Kim received Belousov", "was received by Putin"; not "received some training"
            return event_type if any(i in persons for i in range(end, min(end + OBJECT_WINDOW, sent_end))) else None
        if self.by_object[trigger] == "thing" and (_greets_someone(words, end, sent_end, persons, self.people)
                                                   or _noun_after_article(words, start, sent_start)):
            return None  # "welcomed Putin at the airport", "welcomed him": a greeting; "a grand welcome": a noun
        return event_type

    def _moved_before(self, words: list, start: int, sent_start: int, in_names) -> str | None:
        """The type of a moved thing (arms, troops: event_objects.csv) named as the subject just before the
        trigger (up to four words back, in its clause), or None."""
        count = 0
        for i in range(start - 1, sent_start - 1, -1):
            token = words[i]
            if token.is_punct or count >= SUBJECT_WINDOW:
                return None
            moved = self._object(token, MOVED)
            if moved:
                return moved
            count += i not in in_names
        return None

    @staticmethod
    def _privately(words: list, start: int, end: int, sent_start: int, sent_end: int, travellers) -> bool:
        """Is the trip made by tourists? A traveller word (``travellers``: its token spans) in the trigger's
        clause, up to eight words before it ("1,500 Russian tourists had visited") or four after ("visits by
        tourists", "tour groups")."""
        lo, hi = start, end
        while lo > sent_start and start - lo < OBJECT_WINDOW and words[lo - 1].text not in {",", ";", ":"}:
            lo -= 1
        while hi < sent_end and hi - end < 4 and words[hi].text not in {",", ";", ":"}:
            hi += 1
        return any(lo <= s and e <= hi for s, e in travellers)

    def _supports_a_document(self, words: list, start: int, end: int, sent_start: int, sent_end: int) -> bool:
        """Is what is supported a document (document_nouns.csv): "supported the resolution", "resolutions
        1718 and 2397, which Russia itself supported"? Backing a text is a vote, no statement of support."""
        after = [t for t in words[end:min(end + 3, sent_end)] if t.lower_ not in NOUN_MARKERS]
        if after and self._document_word(after[0]):
            return True
        for i in range(start - 1, max(sent_start, start - 4) - 1, -1):
            if words[i].lower_ in {"which", "that"}:
                return any(self._document_word(t) for t in words[max(sent_start, i - DOCUMENT_REACH):i])
        return False

    def _document_before(self, words: list, start: int, sent_start: int, reach: int) -> bool:
        """A document word (document_nouns.csv) up to ``reach`` words before the trigger, in its clause."""
        for i in range(start - 1, max(sent_start, start - reach) - 1, -1):
            if words[i].text in {";", ":"}:
                return False
            if self._document_word(words[i]):
                return True
        return False

    def _document_word(self, token) -> bool:
        lower = token.lower_
        return lower in self.document_nouns or self.lemmas.get(lower, lower) in self.document_nouns

    def _object(self, token, event_type: str) -> str | None:
        """The type an object word gives the event, by its form or its lemma ("a single shell": shells)."""
        found = self.objects.get((token.lower_, event_type))
        if found is None:
            found = self.object_lemmas.get((self.lemmas.get(token.lower_, token.lower_), event_type))
        return found

    @staticmethod
    def _determined(doc: Doc, start: int, sent_start: int) -> bool:
        """Is the trigger a noun: by its noun ending ("deliveries began", "rail shipments"), or after a
        determiner ("these transfers", "its North Korean supplies")?"""
        if doc[start].lower_.endswith(NOUN_ENDINGS):
            return True
        word = doc[start]
        if word.lower_ != word.lemma_.lower() and not word.lower_.endswith("s"):
            return False  # "The United States gave", "the Panel sent": a past form is a verb, never a noun
        for i in range(start - 1, max(sent_start, start - 3) - 1, -1):
            if doc[i].lower_ in DETERMINERS:
                return True
            if not (doc[i].text[:1].isupper() or doc[i].text in HYPHENS):
                return False  # only names and hyphens may stand between ("the North Korean supplies")
        return False

    @staticmethod
    def _question(words: list, start: int, end: int) -> bool:
        last = end - 1
        while last > start and (words[last].is_space or words[last].text in {'"', "”", "’", ")"}):
            last -= 1
        return words[last].text == "?"

    @staticmethod
    def _modality(doc: Doc, words: list, spans, sentence_start: int, cues, of_subject: frozenset, sentence_end: int | None,
                  any_at: list[int], in_clause: frozenset = frozenset()) -> tuple[str, list[str]]:
        """``sentence_end`` given, an event that is the subject of a conditional ("any transfer ...
        would", "sending arms ... would be a mistake") is hypothetical."""
        own = set()
        for start, end in spans:
            own.update(range(start, end))
        found = {}
        for start, end, cue, modality in cues:
            if own.intersection(range(start, end)):
                continue
            hedged_past = cue in HEDGED_PAST and end < len(words) and words[end].lower_ == "have"
            if hedged_past:
                modality = "alleged"
            if cue in of_subject:
                if not (_predicated_of(words, min(spans)[1], start) or _governs(words, end, min(spans)[0])):
                    continue  # "a visit ... remains on the agenda": said of the event before it, in its clause
            elif (cue in in_clause or hedged_past) and not any(_governs(words, end, s, phrase=True) for s, _ in spans):
                continue  # a hedge reaches only the word of the event it stands before ("troops may have arrived")
            elif modality == "expected" and not _governs(words, end, min(spans)[0]):
                continue  # "we agreed that ... will": the future belongs to another clause; "sent ...
                # additional troops": the future word qualifies a later trigger, not the event's verb
            if modality == "hypothetical" and not any(start < s for s, _ in spans):
                continue  # "signed the treaty, which obliges help if attacked": the condition comes after
            found.setdefault(modality, []).append(doc[start:end].text)
        # a bare infinitive is no intention of its own: "used missiles to strike", "sent soldiers to take
        # part" tell what was done; an intention has its own cue ("plans to send", "decided to send")
        for start, end in spans:
            before = words[max(sentence_start, start - 3):start]
            negation = [t.text for t in before if t.lower_ in NEGATIONS]
            if negation:
                found.setdefault("denied", []).extend(negation)
            counterfactual = _counterfactual(words, start, sentence_start)
            if counterfactual:  # "a resolution that would have tightened sanctions": what did not happen
                found.setdefault("hypothetical", []).append(counterfactual)
            if sentence_end is not None and _supposed(words, start, end, sentence_start, sentence_end, any_at):
                found.setdefault("hypothetical", []).append(doc[start:end].text)
            if sentence_end is not None and end < sentence_end and words[end].lower_ in CONDITIONAL_AFTER \
                    and start == min(spans)[0] and any(t.lower_ in CONDITIONS for t in words[end:sentence_end]):
                # "a third rotation would follow if ...", not "sent troops, and a rotation would follow if"
                found.setdefault("hypothetical", []).append(words[end].text)
            if sentence_end is not None and end < sentence_end and words[end].lower_ in SUBJECT_FUTURE:
                found.setdefault("expected", []).append(words[end].text)  # "the next round of talks will be held"
            elif sentence_end is not None and start == min(spans)[0]:
                modal = _modal_after_subject(words, start, end, sentence_start, sentence_end)
                if modal is not None:  # "A return visit by Putin to Pyongyang could take place": the event's own verb
                    found.setdefault("expected", []).append(words[modal].text)
        for modality in MODALITY_ORDER:
            if modality in found:
                return modality, found[modality]
        return "asserted", []


# the first words of what ``_type`` looks for after a trigger ("up", "each other", "one another", "that")
FOLLOWING_FIRSTS = {"up", "each", "one", "that"}


LIST_BREAKERS = {"that", "which", "who", "according", "while", "but", "as", "said", "says"}


ASK_FORMS = {"ask", "asks", "asked", "asking"}


def _asked_whether(words: list, start: int, sent_start: int) -> bool:
    """Is the trigger inside a reported question: "whether" or "if" before it in its clause, with a form of
    "ask" at most four words before that ("Asked by reporters whether Moscow would help", "Putin was asked
    today if Russia would help")?"""
    for i in range(start - 1, sent_start - 1, -1):
        word = words[i]
        if word.text in {",", ";", ":", "(", ")"}:
            return False
        if word.lower_ in ("whether", "if"):
            return any(words[j].lower_ in ASK_FORMS for j in range(max(sent_start, i - 4), i))
    return False


def _list_goes_on(words: list, comma: int, sent_end: int) -> bool:
    """Does the comma at ``comma`` separate the items of a list ("oil, food, hard currency and ...")? Lower-case
    words follow it, then "and" or "or" before any other punctuation or clause word."""
    for i in range(comma + 1, min(comma + 10, sent_end)):
        token = words[i]
        if token.lower_ in ("and", "or"):
            return i > comma + 1
        if token.text == ",":
            continue
        if token.is_punct or token.lower_ in LIST_BREAKERS or not token.text[:1].islower():
            return False
    return False


PREPOSITION_BEFORE = {"about", "of", "on", "in", "to", "for", "with", "against", "from", "after", "before", "during",
                      "over", "by"}
SUBJECT_MODALS = {"will", "’ll", "'ll", "could", "may", "might"}  # a future or a possibility for the subject
POSTMODIFIER_PREPOSITIONS = {"by", "to", "of", "in", "from", "for", "with", "between", "at"}
POSTMODIFIER_WORDS = {"by", "to", "of", "in", "from", "for", "with", "between", "at", "the", "a", "an", "his", "her",
                      "its", "their", "'s", "’s", "-", "–"}


def _modal_after_subject(words: list, start: int, end: int, sentence_start: int, sentence_end: int) -> int | None:
    """Where a trigger noun is the subject of a modal after its postmodifier ("a return visit by Putin to
    Pyongyang could take place", "talks between the two ministers may follow"): the modal's index, or None.
    Only prepositions, articles, names and nouns may stand between; a trigger that is itself the object of a
    preposition ("the truth about this war in Korean will") is no subject."""
    for i in range(start - 1, max(sentence_start, start - 4) - 1, -1):
        if words[i].lower_ in PREPOSITION_BEFORE:
            return None
        if not (words[i].lower_ in POSTMODIFIER_WORDS or words[i].text[:1].isupper() or words[i].is_lower):
            break
    if end >= sentence_end or words[end].lower_ not in POSTMODIFIER_PREPOSITIONS:
        return None  # "limits the oil North Korea may receive": an object after a verb, no postmodifier
    for i in range(end + 1, min(end + 9, sentence_end)):
        word = words[i]
        if word.lower_ in SUBJECT_MODALS and word.is_lower:  # "in May" is a month
            return i
        if word.lower_ in POSTMODIFIER_WORDS or (word.text[:1].isupper() and word.is_alpha):
            continue
        if not (word.is_alpha and word.is_lower) or word.lower_.endswith(("ed", "ing")) or word.lower_ in NOT_NOUNS \
                or word.lower_ in CLAUSE_WORDS:
            return None
    return None


def _counterfactual(words: list, start: int, sentence_start: int) -> str:
    """"would have", "could have" right before the trigger or before the participle that governs it ("would
    have tightened sanctions"): the words, or ''."""
    k = start - 1
    if k > sentence_start and words[k].lower_.endswith(("ed", "en")) and words[k].lower_ != "have":
        k -= 1  # the participle that governs the trigger: "tightened", "given"
    if k > sentence_start and words[k].lower_ == "have" and words[k - 1].lower_ in COUNTERFACTUAL:
        return f"{words[k - 1].text} {words[k].text}"
    return ""


def _aimed_at(words: list, end: int, sent_end: int, targets) -> bool:
    """"launched missiles at Ukraine", "fired one into Ukraine": a state or city named after "at", "into"
    or "on" later in its clause is a target ("launched from Vostochny", "at the cosmodrome" are not)."""
    for i in range(end, sent_end - 1):
        if words[i].text in {",", ";", ":"}:
            return False
        if words[i].lower_ in AIMED_PREPOSITIONS:
            j = i + 1 + (words[i + 1].lower_ == "the")
            if j < sent_end and j in targets:
                return True
    return False


INVERTED_CUES = {"should", "were", "had"}  # a condition only where they open a clause before its subject


def _inverted_condition(doc: Doc, start: int, end: int) -> bool:
    """"stipulates that should either side be attacked", ", should Russia transfer", ", were Russia to": "should",
    "were" or "had" opening a clause before its subject is a condition; "they should stop" is a demand."""
    if end >= len(doc) or doc[start - 1].lower_ not in INVERSION_AFTER:
        return False
    following = doc[end]
    return following.lower_ in SUBJECT_OPENERS or (following.text[:1].isupper() and not following.is_sent_start)


def _introduces_clause(words: list, start: int, end: int, sent_start: int, sent_end: int) -> bool:
    """"The authors claim, without evidence, that the DPRK supplied shells", "claimed Russia fires them":
    a verb followed by what is claimed. "a claim", "as they claim.", "claimed to have killed" tell no one's
    act."""
    if start > sent_start and words[start - 1].lower_ in NOUN_MARKERS:
        return False
    if end >= sent_end or words[end].lower_ == "to":
        return False
    if words[end].text[:1].isupper():
        return True
    for i in range(end, sent_end):
        if words[i].text == ";":
            return False
        if words[i].lower_ == "that":
            return True
    return False


def _sent_home(words: list, end: int, sent_end: int) -> bool:
    """Is "home" where the trigger sends, right after it or after its object, in its clause?"""
    for i in range(end, min(end + OBJECT_WINDOW, sent_end)):
        if words[i].lower_ == "home":
            return True
        if words[i].is_punct or words[i].lower_ in OBJECT_STOPS:
            return False
    return False


def _quoted(words: list, start: int, end: int) -> set[int]:
    """The tokens inside quotation marks in words[start:end]: curly marks open and close, a straight one
    does either; single straight quotes are left out (they are apostrophes too)."""
    inside, open_at = set(), None
    for i in range(start, end):
        text = words[i].text
        if text in OPENING_QUOTES or (text == '"' and open_at is None):
            open_at = i + 1
        elif (text in CLOSING_QUOTES or text == '"') and open_at is not None:
            inside.update(range(open_at, i))
            open_at = None
    return inside


def _place_after(words: list, end: int, sent_end: int, places) -> bool:
    """A place named right after the trigger, or after one preposition ("left Pyongyang", "crossed into Russia"),
    also past how long ("spent three days in Moscow", "spent Wednesday night in Vladivostok") or an onward
    word ("flew on to Hanoi", "drove back to Moscow")."""
    first = end
    if first + 1 < sent_end and words[first].lower_ in ONWARD and words[first + 1].lower_ in JOURNEY_PREPOSITIONS:
        first += 1
    j = first
    while j < min(first + 4, sent_end) and (words[j].like_num or words[j].lower_ in STAY_WORDS):
        j += 1
    if j == first or not (j < sent_end and words[j].lower_ in JOURNEY_PREPOSITIONS):
        j = first
    j += j < sent_end and words[j].lower_ in JOURNEY_PREPOSITIONS
    j += j < sent_end and words[j].lower_ == "the"  # "remained in the Far East"
    return j < sent_end and (j in places or words[j].lower_ == "home")  # "flew home", "left for home": the trip's end


@lru_cache(maxsize=1)
def _office_titles() -> frozenset[str]:
    """Titles of office (data/codebook/titles.csv) as ``title_key`` gives them: "the President" travels."""
    return frozenset(load_titles())


def _person_before(words: list, start: int, sent_start: int, persons) -> bool:
    """The traveller is a person: a person named, or "he"/"she", right before the trigger (past adverbs
    and auxiliaries), or before an "and" that joins the trigger to an earlier verb of that person
    ("Kim left Pyongyang ... and crossed into Russia"); not "seen them cross"."""
    i = start - 1
    while i >= sent_start and ((words[i].is_lower and words[i].lower_.endswith("ly"))
                               or words[i].lower_ in TRAVEL_AUXILIARIES):
        i -= 1
    if i < sent_start:
        return False
    if i in persons or words[i].lower_ in ("he", "she"):
        return True
    if i - 1 >= sent_start and words[i - 1].lower_ == "the" and title_key(words[i].text) in _office_titles():
        return True  # "From Pyongyang the President flew on to Vietnam": the office holder named before
    if words[i].lower_ == "who" and i - 2 >= sent_start and words[i - 1].text == "," and i - 2 in persons:
        return True  # "Putin, who had come to Pyongyang"
    if words[i].text == ",":  # "Andrei Belousov, Russia's defence minister, flew to Pyongyang"
        k = next((k for k in range(i - 1, max(sent_start, i - OBJECT_WINDOW) - 1, -1) if words[k].text == ","), None)
        if k is not None and k - 1 >= sent_start and k - 1 in persons:
            return True
    return words[i].lower_ == "and" and any(j in persons or words[j].lower_ in ("he", "she") for j in range(sent_start, i))


def _greets_someone(words: list, end: int, sent_end: int, persons, people=frozenset()) -> bool:
    """Is the verb's object a person ("welcomed Putin", "welcomed him", "welcomed foreign dignitaries";
    ``people``: nouns of people, data/codebook/speaker_nouns.csv), not a person's act ("welcomed Kim's
    first visit")?"""
    j = end
    while j < sent_end and words[j].is_lower and words[j].lower_.endswith("ly"):
        j += 1
    if j < sent_end and words[j].lower_ in GREETED_PRONOUNS:
        return True
    for token in words[j:min(j + 3, sent_end)]:
        if token.is_punct or token.lower_ in OBJECT_STOPS:
            break
        if token.lower_ in people:
            return True
    if j >= sent_end or j not in persons:
        return False
    while j < sent_end and j in persons:
        j += 1
    return not (j < sent_end and words[j].text in {"'s", "’s", "'"})


def _noun_after_article(words: list, start: int, sent_start: int) -> bool:
    """"a welcome", "a grand welcome": the trigger is a noun after an article (and an adjective)."""
    for back in (1, 2):
        i = start - back
        if i < sent_start:
            return False
        if words[i].lower_ in ARTICLES:
            return True
        if not (words[i].is_lower and words[i].is_alpha):
            return False
    return False


def _adjective(words: list, start: int, end: int, sentence_start: int) -> bool:
    """Is a one-word -ed trigger a participle describing a noun: before it ("about alleged deliveries",
    "the signed text") or after it ("the countries concerned", "the parties involved")? Or a verb
    with "for" ("Article 4 provides for assistance": it stipulates, nothing moves)?"""
    if end - start != 1:
        return False
    word = words[start].lower_
    if word in {"provide", "provides", "provided"} and end < len(words) and words[end].lower_ == "for":
        return True
    if not word.endswith("ed") or start == sentence_start:
        return False
    before = words[start - 1]
    if before.is_lower and before.lower_.endswith("ly") and start - 2 > sentence_start:
        before = words[start - 2]  # "Ukraine's internationally recognised borders": past the adverb
    after = words[end] if end < len(words) else None
    if before.lower_ in ATTRIBUTIVE_BEFORE and after is not None and after.is_lower and after.is_alpha \
            and after.lower_ not in STOP_WORDS:
        return True
    return before.is_lower and before.is_alpha and before.lower_.endswith("s") and len(before.text) > 3 \
        and before.lower_ not in NOT_NOUNS and (after is None or after.is_punct)


OBLIGING = {"oblige", "obligate"}


def _enemy_losses(words: list, start: int, sentence_start: int) -> bool:
    """Is the trigger counted among "the enemy's" losses ("the enemy lost up to 180 servicemen", "enemy losses
    amounted to about 450 servicemen"): "enemy" and a form of "lose" or "loss" before it in its clause?"""
    clause = [w.lower_ for w in words[sentence_start:start]]
    for k in range(len(clause) - 1, -1, -1):
        if clause[k] in {";", ":"}:
            return False
        if clause[k] in LOSS_WORDS:
            return "enemy" in clause[:k] or "enemy" in clause[k:]
    return False


def _obliged(doc: Doc, words: list, start: int, sentence_start: int) -> bool:
    """Is the trigger the verb an obligation names ("obliges each party to provide", "obligated to
    send")? A duty laid down is no event told."""
    if start - 1 <= sentence_start or words[start - 1].lower_ != "to":
        return False
    return any(t.lemma_ in OBLIGING for t in doc[max(sentence_start, start - 6):start - 1])


VOICING_VERBS = {"reiterate", "reaffirm", "express", "voice", "pledge", "declare", "confirm", "affirm", "assure",
                 "promise", "offer"}
VOICING_BEFORE = {"we", "they", "i", "you", "will", "would", "shall", "must", "can", "to", "also", "not"}


def _support_voiced(doc: Doc, start: int, sentence_start: int) -> bool:
    """Is "support" declared: a verb ("firmly supports", "will invariably support", "would
    unconditionally support") or the speaker's own ("our unwavering support for")? Not help given or
    received ("support for air defence", "receive support", "its support", "protection and support")."""
    if doc[start].lower_ != "support":
        return True  # "supports", "supported", "supporting": the verb
    i = start - 1
    while i >= sentence_start and ((doc[i].lower_.endswith("ly") and doc[i].is_lower) or doc[i].is_quote):
        i -= 1  # "unconditionally", "firmly", a quotation mark: 'would "unconditionally support"'
    if i < sentence_start:
        return False
    if doc[i].lower_ in VOICING_BEFORE or (doc[i].text[:1].isupper() and doc[i].is_alpha and i > sentence_start):
        return True
    before = doc[max(sentence_start, start - 6):start]
    # "our unwavering support"; "reiterated North Korea's unwavering support", "expressed Russia's full support"
    return any(t.lower_ in ("our", "my") for t in before[-3:]) or any(t.lemma_ in VOICING_VERBS for t in before)


def _definite(doc: Doc, spans) -> bool:
    """Does a trigger point back to a thing already named ("the treaty", "this agreement")?"""
    return any(start > 0 and doc[start - 1].lower_ in {"the", "this", "its"} for start, _ in spans)


def _supposed(words: list, start: int, end: int, sentence_start: int, sentence_end: int, any_at: list[int]) -> bool:
    """Is the event the subject of a conditional: "any" before it or a gerund opening its clause
    ("Any transfer of technology would ...", "that sending arms to Kyiv would be ...")?

    ``any_at``: the positions of the word "any" in the document, sorted (most windows hold none: no walk)."""
    free_choice = False
    first = max(sentence_start, start - 10)
    if any_at and bisect.bisect_left(any_at, first) < bisect.bisect_left(any_at, start):
        for t in reversed(words[first:start]):  # "Any direct participation of these troops in"
            if t.is_punct or t.lower_ in CLAUSE_WORDS:
                break
            if t.lower_ == "any":
                free_choice = True
                break
    gerund = words[start].lower_.endswith("ing") and (
        start == sentence_start or words[start - 1].lower_ in {"that", ",", ";", ":"})
    if not (free_choice or gerund):
        return _indefinite_subject_of_would(words, start, end, sentence_start, sentence_end)
    return any(t.lower_ in CONDITIONAL_AFTER for t in words[end:sentence_end])


def _indefinite_subject_of_would(words: list, start: int, end: int, sentence_start: int, sentence_end: int) -> bool:
    """"a joint naval exercise or a trilateral summit would prove it": an event named with "a"/"an" as
    the subject of "would" is supposed, not told. The walk back stays inside the noun phrase; the walk
    on crosses only a coordinated noun phrase ("or a ...") and no punctuation but hyphens."""
    i = start - 1
    while i >= max(sentence_start, start - 8):
        word = words[i]
        if word.lower_ in {"a", "an", "such"}:  # "Such transfers would undermine ...": any such, not one told
            break
        if (word.is_punct and word.text not in HYPHENS) or word.lower_ in CLAUSE_WORDS or word.lower_ in DETERMINERS:
            return False
        i -= 1
    else:
        return False
    for j in range(end, min(end + 12, sentence_end)):
        word = words[j]
        if word.lower_ == "would":
            return True
        if word.is_punct and word.text not in HYPHENS:
            return False
        if word.lower_ in CLAUSE_WORDS and not (word.lower_ in {"or", "and"} and j + 1 < sentence_end
                                                and words[j + 1].lower_ in {"a", "an"}):
            return False
    return False


def _after(date: str, published: str) -> bool:
    """Does the date begin after the publication date ends ("next week" yes, "earlier this week" no)?"""
    days, published_days = calendar_days(date), calendar_days(published)
    return bool(days and published_days and days[0] > published_days[1])


ORDINAL_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                 "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "fifteenth": 15, "twentieth": 20,
                 "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80,
                 "ninetieth": 90, "hundredth": 100}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ANNIVERSARY_REACH = 6  # words between "anniversary of" and the event it marks ("of the Korean War armistice")


def _ordinal(word: str) -> int | None:
    """"70th" -> 70, "seventieth" -> 70, "seventy-fifth" -> 75; None for any other word."""
    word = word.lower()
    if word[:-2].isdigit() and word[-2:] in ("st", "nd", "rd", "th"):
        return int(word[:-2])
    if word in ORDINAL_UNITS:
        return ORDINAL_UNITS[word]
    tens, _, unit = word.partition("-")
    return TENS[tens] + ORDINAL_UNITS[unit] if tens in TENS and unit in ORDINAL_UNITS and ORDINAL_UNITS[unit] < 10 else None


def _anniversary(doc: Doc, words: list, start: int) -> tuple[int, str] | None:
    """(N, "70th anniversary") when the trigger at ``start`` is what an "Nth anniversary of" just before it marks."""
    for i in range(start - 1, max(start - ANNIVERSARY_REACH - 2, 0), -1):
        if words[i].lower_ == "anniversary" and i + 1 < start and words[i + 1].lower_ == "of" and i > 0:
            first = i - 3 if i > 2 and words[i - 2].text == "-" else i - 1  # "seventy-fifth": split at its hyphen
            n = _ordinal(doc[first:i].text)
            return (n, doc[first:i + 1].text) if n else None
        if words[i].is_punct and words[i].text not in ("-", "'", "’"):
            return None
    return None


def _nearest_date(dates: list[tuple[int, str]], position: int) -> str:
    """The resolved date nearest the trigger in its sentence (the date it most likely carries)."""
    return min(dates, key=lambda d: abs(d[0] - position))[1] if dates else ""


def _predicated_of(words: list, trigger_end: int, cue_start: int) -> bool:
    """Does a cue that describes its subject ("was not ruled out", "remains on the agenda") follow the
    trigger in the same clause: no punctuation between but quotation marks and hyphens?"""
    if cue_start < trigger_end:
        return False
    return not any(t.is_punct and t.text not in QUOTE_MARKS | HYPHENS for t in words[trigger_end:cue_start])


def _governs(words: list, cue_end: int, trigger_start: int, phrase: bool = False) -> bool:
    """Is a future cue close before the trigger, in its clause ("will visit", "plans to send")? ``phrase``: and
    in its noun phrase, with no article between ("the possible transfer"; not "in the strongest possible terms
    the deployment")."""
    if not 0 <= trigger_start - cue_end <= EXPECTED_WINDOW:
        return False
    return not any(t.text in {",", ";", ":"} or t.lower_ in {"that", "and", "but"}
                   or (phrase and t.lower_ in DETERMINERS) for t in words[cue_end:trigger_start])


def find_candidates(corpus, mentions: pd.DataFrame, timexes: pd.DataFrame,
                    finder: "CandidateFinder | pd.DataFrame", claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (sentence, event type) with a trigger and a linked actor.

    ``claims`` (the claims table): a claim of no stronger stance than report or affirm, with a speaker,
    is a speech act when what it says carries a word of ``speech_content.csv``; without it, only
    triggers count."""
    if isinstance(finder, pd.DataFrame):
        finder = CandidateFinder(finder)
    sentences = corpus.sentences
    published = dict(zip(corpus.documents["doc_id"], corpus.documents["published"]))
    # plain dicts and lists: a pandas lookup per sentence costs more than the matching
    actors: dict[tuple, dict[str, None]] = {}
    linked = mentions[mentions["type"].isin(ACTOR_TYPES) & (mentions["entity_id"] != "")]
    for doc_id, sent_id, entity_id in zip(linked["doc_id"].tolist(), linked["sent_id"].tolist(),
                                          linked["entity_id"].tolist()):
        actors.setdefault((doc_id, sent_id), {})[entity_id] = None
    dates: dict[tuple, list[tuple[int, str]]] = {}
    resolved = timexes[(timexes["type"] == "DATE") & timexes["value"].map(is_calendar_value)]
    for doc_id, sent_id, start, value in zip(resolved["doc_id"].tolist(), resolved["sent_id"].tolist(),
                                             resolved["start"].tolist(), resolved["value"].tolist()):
        dates.setdefault((doc_id, sent_id), []).append((start, value))
    by_doc: dict[str, list[tuple]] = {}
    for row in zip(*(sentences[c].tolist() for c in ("doc_id", "sent_id", "start", "end", "text"))):
        by_doc.setdefault(row[0], []).append(row)
    names_by_doc: dict[str, list[tuple[int, int, str]]] = {}
    for doc_id, start, end, kind in zip(mentions["doc_id"].tolist(), mentions["start"].tolist(),
                                        mentions["end"].tolist(), mentions["type"].tolist()):
        names_by_doc.setdefault(doc_id, []).append((start, end, kind))
    # "The treaty has no fixed term": after an agreement is named, its parties need not be named again
    agreement_named: dict[str, int] = {}
    agreements = mentions[mentions["type"] == "AGREEMENT"]
    for doc_id, sent_id in zip(agreements["doc_id"].tolist(), agreements["sent_id"].tolist()):
        agreement_named[doc_id] = min(agreement_named.get(doc_id, sent_id), sent_id)
    statements: dict[str, list[tuple[int, int, bool]]] = {}
    if claims is not None and len(claims):
        # "The visits are widely regarded as milestones": no one is said to speak, so no one's speech act
        plain = claims[claims["stance"].isin(PLAIN_STANCES) & (claims["speaker_text"] != "")]
        for doc_id, start, end, speaker in zip(plain["doc_id"].tolist(), plain["cue_start"].tolist(),
                                               plain["cue_end"].tolist(), plain["speaker_start"].tolist()):
            # "according to X", "as reported by X": the speaker follows the cue, what is said comes before it
            after = str(speaker).isdigit() and int(speaker) > int(start)
            statements.setdefault(doc_id, []).append((int(start), int(end), after))
    rows = []
    for doc_id, doc in corpus.docs.items():
        doc_sentences = by_doc.get(doc_id, [])
        found = finder.find(doc, [(s[2], s[3]) for s in doc_sentences], published.get(doc_id, ""),
                            names_by_doc.get(doc_id, []), statements.get(doc_id, ()))
        for k, types in sorted(found.items()):
            _, sent_id, start, end, text = doc_sentences[k]
            key = (doc_id, sent_id)
            # a heading ("Arms transfers") starts a section: it does not borrow the sentence before's actors
            unnamed = key not in actors and (_heading(text) or not any(
                (doc_id, sent_id - back) in actors for back in range(1, ACTOR_REACH + 1)))
            for event_type, entry in sorted(types.items()):
                if unnamed and not (event_type == "agreement_signed" and agreement_named.get(doc_id, sent_id + 1) <= sent_id
                                    and _definite(doc, entry["spans"])):
                    continue  # no state, body or official named here or in the sentences just before
                date = _nearest_date(dates.get(key, []), doc[entry["spans"][0][0]].idx)
                modality, cues = entry["modality"], entry["cues"]
                if modality == "asserted" and date and date[:7] < HISTORY_BEFORE:
                    modality, cues = "historical", [date]
                    if event_type in PAST_AS_BACKGROUND:
                        event_type = BACKGROUND_TYPE  # "the liberation of Korea in 1945": background, not this war
                if modality == "asserted" and _after(date, published.get(doc_id, "")):
                    modality, cues = "expected", [date]
                if modality == "expected" and event_type in MEETING_TYPES:
                    event_type = EXPECTED_TYPE
                elif modality in ("asserted", "alleged") and event_type == EXPECTED_TYPE:
                    # "the invitation remains open": a meeting to come is expected by what the word means,
                    # also when reported ("there are reports that he has accepted an invitation")
                    modality, cues = "expected", entry["triggers"][:1]
                if modality == "asserted":
                    # "the 70th anniversary of the Korean War armistice" in 2023: the armistice lies 70 years back
                    marked = _anniversary(doc, finder.last_words[1], entry["spans"][0][0])
                    year = (date or published.get(doc_id, ""))[:4]
                    if marked and year.isdigit() and f"{int(year) - marked[0]:04d}" < HISTORY_BEFORE[:4]:
                        modality, cues = "historical", [marked[1]]
                rows.append({"doc_id": doc_id, "sent_id": sent_id, "start": start, "end": end, "text": text,
                             "type": event_type, "triggers": " | ".join(dict.fromkeys(entry["triggers"])),
                             "modality": modality, "modality_cues": " | ".join(dict.fromkeys(cues)),
                             "actor_ids": "|".join(actors.get(key, {})), "date": date, "matched_event_ids": ""})
    # an expected visit and an expected meeting in one sentence are one candidate (the first
    # row's columns, every trigger once); grouped in plain Python, as a pandas groupby cost more
    merged: dict[tuple, dict] = {}
    for row in rows:
        key = (row["doc_id"], row["sent_id"], row["type"])
        if key in merged:
            merged[key]["triggers"] += " | " + row["triggers"]
        else:
            merged[key] = row
    for row in merged.values():
        row["triggers"] = " | ".join(dict.fromkeys(row["triggers"].split(" | ")))
    return pd.DataFrame([merged[key] for key in sorted(merged)], columns=CANDIDATE_COLUMNS)


def match_candidates(candidates: pd.DataFrame, events: pd.DataFrame, evidence: pd.DataFrame) -> pd.DataFrame:
    """Fill ``matched_event_ids``: events of the same type with a quote overlapping the candidate's sentence.

    A candidate of type ``intent_or_expected_meeting`` also matches any event whose
    overlapping quote reports it as expected: the hand coding files an expected visit
    under ``visit`` with that article's ``reported_as`` = expected.
    """
    type_of = dict(zip(events["event_id"], events["type"]))
    # quotes by article in plain lists: filtering the evidence table per candidate cost a
    # pandas query each (43 s for 1,000 articles)
    quotes_by_doc: dict[str, list[tuple]] = {}
    for quote in zip(*(evidence[c].tolist() for c in ("doc_id", "start", "end", "event_id", "reported_as"))):
        quotes_by_doc.setdefault(quote[0], []).append(quote[1:])
    matched = []
    for doc_id, start, end, candidate_type in zip(*(candidates[c].tolist() for c in ("doc_id", "start", "end", "type"))):
        ids = sorted({event_id for q_start, q_end, event_id, reported_as in quotes_by_doc.get(doc_id, ())
                      if q_start < end and q_end > start
                      and (type_of[event_id] == candidate_type
                           or (candidate_type == EXPECTED_TYPE and reported_as == "expected"))})
        matched.append("|".join(ids))
    return candidates.assign(matched_event_ids=matched)


def agreement(candidates: pd.DataFrame, events: pd.DataFrame) -> dict:
    """Recall, precision and the misses both ways."""
    found = {e for ids in candidates["matched_event_ids"] for e in ids.split("|") if e}
    missed = events[~events["event_id"].isin(found)]
    spurious = candidates[candidates["matched_event_ids"] == ""]
    return {
        "events": len(events),
        "events_found": len(found),
        "recall": len(found) / len(events) if len(events) else float("nan"),
        "candidates": len(candidates),
        "candidates_matched": len(candidates) - len(spurious),
        "precision": (len(candidates) - len(spurious)) / len(candidates) if len(candidates) else float("nan"),
        "missed_events": missed,
        "unmatched_candidates": spurious,
    }


def _amount_word(token) -> bool:
    """A word of an amount before what it counts ("tens of billions of dollars' worth of")."""
    return token.like_num or token.lower_ in AMOUNT_WORDS or token.text in CURRENCY_SIGNS


def _heading(text: str) -> bool:
    """A line with no closing punctuation: a headline or crosshead, not a sentence of the text. The years a
    section covers may close it ("Arms trade (2023–2024)")."""
    line = HEADING_YEARS.sub("", text.rstrip())
    return "\n" not in text.strip() and not line.endswith((".", "!", "?", '"', "”", "’", "'", ")", ":", ";"))


PASSIVE_BE = {"is", "are", "was", "were", "be", "been", "being"}
PEOPLE_PRONOUNS = {"he", "she", "they", "them", "who", "i", "we"}


def _people_moved(words: list, start: int, sent_start: int) -> bool:
    """Is the trigger a passive whose subject is a person's pronoun ("he had been sent", "they are likely to
    be sent", "who were sent", "8,000 of them have been moved")? People are what it moves."""
    i = start - 1
    if i < sent_start or words[i].lower_ not in PASSIVE_BE:
        return False
    while i - 1 >= sent_start and (words[i - 1].lower_ in PASSIVE_BE | {"have", "has", "had", "to", "likely", "not",
                                                                        "will", "would", "could", "may", "might",
                                                                        "now", "already", "then"}):
        i -= 1
    return i - 1 >= sent_start and words[i - 1].lower_ in PEOPLE_PRONOUNS
