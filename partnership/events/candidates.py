"""Automatic event candidates from the annotation tables, and how they compare with the hand coding.

A candidate is a sentence holding a trigger from ``data/codebook/event_triggers.csv``
and at least one linked person, organisation or state (``mentions``). Triggers are
matched by lemma, as reporting cues are (one row "send" covers sends, sent, sending).
The candidate gets:

- the trigger's **type**, except that a verb of transfer takes the type of what it
  moves (``data/codebook/event_objects.csv``): "sent troops" is a troop deployment,
  "sent a letter" a letter, "sent shells" an arms transfer;
- its **modality**, by rule from the sentence (``data/codebook/modality_cues.csv``),
  the first that applies of: hypothetical (a conditional: "if", "were to", a
  sentence opening with "Should"), denied (a denial or a negation right before the
  trigger), expected ("will", "plans", "is expected to", or a date after
  publication), alleged ("reportedly", "accused ... of"), historical (a date before
  April 2019), else asserted. A cue that is the candidate's own trigger does not count
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

import numpy
import pandas as pd
from spacy.attrs import IDX
from spacy.tokens import Doc

from partnership import config
from partnership.annotate.lemma_matcher import LemmaPhrases
from partnership.annotate.timexes import is_calendar_value
from partnership.codebook import load_rule_table
from partnership.corpus.sentences import sentence_pipeline
from partnership.events.coding import load_event_types

TRIGGERS_FILE = config.CODEBOOK_DIR / "event_triggers.csv"
OBJECTS_FILE = config.CODEBOOK_DIR / "event_objects.csv"
MODALITY_CUES_FILE = config.CODEBOOK_DIR / "modality_cues.csv"
ACTOR_TYPES = {"PERSON", "ORG", "GPE"}
EXPECTED_TYPE = "intent_or_expected_meeting"
MEETING_TYPES = {"visit", "summit_or_talks"}
MODALITY_ORDER = ("hypothetical", "denied", "expected", "alleged")
# Speech acts: the statement itself is the event, so it happened as told, whatever it says
# ("we will respond if ..." is a warning given); only a negation right before it changes that.
SPEECH_ACTS = {"statement_of_support", "statement_of_concern", "accusation", "denial", "demand_or_appeal",
               "sanctions_threat_or_warning"}
NEGATIONS = {"not", "n’t", "n't", "never", "no"}
OBJECT_WINDOW = 8
EXPECTED_WINDOW = 6  # tokens between "will", "plans to", "is expected to" and the event it looks ahead to
HISTORY_BEFORE = "2019-04"  # the codebook's "historical": before the April 2019 summit
CANDIDATE_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "type", "triggers", "modality", "modality_cues",
                     "actor_ids", "date", "matched_event_ids"]


def load_triggers(types: set[str], path=TRIGGERS_FILE) -> pd.DataFrame:
    return load_rule_table(path, ["trigger", "type", "by_object", "note"], required=["trigger", "type"],
                           allowed={"type": types, "by_object": {"yes", "required", ""}})


def load_objects(types: set[str], path=OBJECTS_FILE) -> dict[tuple[str, str], str]:
    """(word, trigger's own type) -> the type the event takes when that word is what the trigger moves."""
    table = load_rule_table(path, ["word", "type", "applies_to", "note"], required=["word", "type", "applies_to"],
                            allowed={"type": types, "applies_to": types})
    return {(w, a): t for w, t, a in zip(table["word"].str.lower(), table["type"], table["applies_to"])}


def load_modality_cues(path=MODALITY_CUES_FILE) -> pd.DataFrame:
    return load_rule_table(path, ["cue", "modality", "note"], required=["cue", "modality"],
                           allowed={"modality": set(MODALITY_ORDER)})


class CandidateFinder:
    """Triggers, objects and modality cues as spaCy matchers; built once from the codebook."""

    def __init__(self, triggers: pd.DataFrame, objects: dict[str, str] | None = None,
                 modality_cues: pd.DataFrame | None = None):
        vocab = sentence_pipeline().vocab
        self.objects = load_objects(set(triggers["type"]) | set(load_event_types()["type"])) \
            if objects is None else objects
        modality_cues = load_modality_cues() if modality_cues is None else modality_cues
        self.triggers = LemmaPhrases(vocab)
        self.type_of: dict[str, str] = {}
        self.by_object: dict[str, str] = {}  # trigger -> "yes" (typed by its object) or "required"
        by_object = triggers["by_object"] if "by_object" in triggers else [""] * len(triggers)
        for trigger, event_type, typed in zip(triggers["trigger"].str.lower(), triggers["type"], by_object):
            self.type_of[trigger] = event_type
            if typed:
                self.by_object[trigger] = typed
            self.triggers.add(trigger, trigger)
        self.modality_cues = LemmaPhrases(vocab)
        self.modality_of: dict[str, str] = {}
        for cue, modality in zip(modality_cues["cue"].str.lower(), modality_cues["modality"]):
            self.modality_of[cue] = modality
            self.modality_cues.add(cue, cue)
        self.vocab = vocab

    def find(self, doc: Doc, sentence_bounds: list[tuple[int, int]], published: str,
             name_spans: list[tuple[int, int]] = ()) -> dict[int, dict[str, dict]]:
        """{sentence index: {type: {"triggers": [...], "modality": ..., "cues": [...]}}} for one Doc."""
        # the token holding a character, as char_span(..., "expand") finds it, for all at once
        token_starts = doc.to_array(IDX).astype("int64")
        firsts = (numpy.searchsorted(token_starts, [s for s, _ in sentence_bounds], side="right") - 1).tolist()
        starts = [first if e > s else 0 for first, (s, e) in zip(firsts, sentence_bounds)]
        found: dict[int, dict[str, dict]] = {}
        in_names = set()  # tokens inside a name: "Korean War", "Sanctions Monitoring Team"
        if name_spans:
            name_firsts = numpy.searchsorted(token_starts, [s for s, _ in name_spans], side="right") - 1
            name_lasts = numpy.searchsorted(token_starts, [e - 1 for _, e in name_spans], side="right")
            for first, last in zip(name_firsts.tolist(), name_lasts.tolist()):
                if last - first > 1:
                    in_names.update(range(first, last))
        cues_by_sentence: dict[int, list[tuple[int, int, str, str]]] = {}
        for cue, start, end in self.modality_cues.matches(doc):
            k = bisect.bisect_right(starts, start) - 1
            if cue == "should" and start != starts[k]:
                continue  # "should" is conditional only when it opens the sentence
            cues_by_sentence.setdefault(k, []).append((start, end, cue, self.modality_of[cue]))
        for trigger, start, end in self.triggers.matches(doc):
            if start in in_names:
                continue  # "the Korean War", "Sanctions Monitoring Team": part of a name
            if trigger == "thank" and doc[start].is_sent_start:
                continue  # "Thank you", "Thanks, Karine": courtesy
            k = bisect.bisect_right(starts, start) - 1
            sent_end = starts[k + 1] if k + 1 < len(starts) else len(doc)
            if self._question(doc, starts[k], sent_end):
                continue  # "Has the number of missiles transferred changed?": asked, not told
            event_type = self._type(doc, trigger, start, end, starts[k], sent_end)
            if event_type is None:
                continue
            entry = found.setdefault(k, {}).setdefault(event_type, {"triggers": [], "spans": []})
            entry["triggers"].append(doc[start:end].text)
            entry["spans"].append((start, end))
        for k, types in found.items():
            for event_type, entry in types.items():
                cues = [] if event_type in SPEECH_ACTS else cues_by_sentence.get(k, [])
                entry["modality"], entry["cues"] = self._modality(doc, entry["spans"], starts[k], cues)
        return found

    def _type(self, doc: Doc, trigger: str, start: int, end: int, sent_start: int, sent_end: int) -> str | None:
        """The trigger's type, or the type of what it moves (``event_objects.csv``), looked for after
        it and then before it in its clause ("sent troops", "soldiers were sent"); None when the
        trigger needs an object and has none ("deliver the Ministry's position")."""
        event_type = self.type_of[trigger]
        if trigger not in self.by_object:
            return event_type
        after = range(end, min(end + OBJECT_WINDOW, sent_end))
        before = range(start - 1, max(start - 1 - OBJECT_WINDOW, sent_start - 1), -1)
        for window in (after, before):
            for i in window:
                if doc[i].text in {",", ";", ".", ":", "?"}:
                    break
                if (doc[i].lower_, event_type) in self.objects:
                    return self.objects[(doc[i].lower_, event_type)]
        return None if self.by_object[trigger] == "required" else event_type

    @staticmethod
    def _question(doc: Doc, start: int, end: int) -> bool:
        last = end - 1
        while last > start and (doc[last].is_space or doc[last].text in {'"', "”", "’", ")"}):
            last -= 1
        return doc[last].text == "?"

    @staticmethod
    def _modality(doc: Doc, spans, sentence_start: int, cues) -> tuple[str, list[str]]:
        own = set()
        for start, end in spans:
            own.update(range(start, end))
        found = {}
        for start, end, cue, modality in cues:
            if own.intersection(range(start, end)):
                continue
            if modality == "expected" and not any(_governs(doc, end, s) for s, _ in spans):
                continue  # "we agreed that ... will": the future belongs to another clause
            if modality == "hypothetical" and cue != "should" and not any(start < s for s, _ in spans):
                continue  # "signed the treaty, which obliges help if attacked": the condition comes after
            found.setdefault(modality, []).append(doc[start:end].text)
        for start, _ in spans:
            before = doc[max(sentence_start, start - 3):start]
            negation = [t.text for t in before if t.lower_ in NEGATIONS]
            if negation:
                found.setdefault("denied", []).extend(negation)
            if start > sentence_start and doc[start - 1].lower_ == "to":
                found.setdefault("expected", []).append("to")  # "to send": an intention, not yet done
        for modality in MODALITY_ORDER:
            if modality in found:
                return modality, found[modality]
        return "asserted", []


def _nearest_date(dates: list[tuple[int, str]], position: int) -> str:
    """The resolved date nearest the trigger in its sentence (the date it most likely carries)."""
    return min(dates, key=lambda d: abs(d[0] - position))[1] if dates else ""


def _governs(doc: Doc, cue_end: int, trigger_start: int) -> bool:
    """Is a future cue close before the trigger, in its clause ("will visit", "plans to send")?"""
    if not 0 <= trigger_start - cue_end <= EXPECTED_WINDOW:
        return False
    return not any(t.text in {",", ";", ":"} or t.lower_ in {"that", "and", "but"} for t in doc[cue_end:trigger_start])


def find_candidates(corpus, mentions: pd.DataFrame, timexes: pd.DataFrame,
                    finder: "CandidateFinder | pd.DataFrame") -> pd.DataFrame:
    """One row per (sentence, event type) with a trigger and a linked actor."""
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
    names_by_doc: dict[str, list[tuple[int, int]]] = {}
    for doc_id, start, end in zip(mentions["doc_id"].tolist(), mentions["start"].tolist(), mentions["end"].tolist()):
        names_by_doc.setdefault(doc_id, []).append((start, end))
    rows = []
    for doc_id, doc in corpus.docs.items():
        doc_sentences = by_doc.get(doc_id, [])
        found = finder.find(doc, [(s[2], s[3]) for s in doc_sentences], published.get(doc_id, ""),
                            names_by_doc.get(doc_id, []))
        for k, types in sorted(found.items()):
            _, sent_id, start, end, text = doc_sentences[k]
            key = (doc_id, sent_id)
            if key not in actors and (doc_id, sent_id - 1) not in actors:
                continue  # no state, body or official named here or just before
            for event_type, entry in sorted(types.items()):
                date = _nearest_date(dates.get(key, []), doc[entry["spans"][0][0]].idx)
                modality, cues = entry["modality"], entry["cues"]
                if modality == "asserted" and date and date[:7] < HISTORY_BEFORE:
                    modality, cues = "historical", [date]
                if modality == "asserted" and date and published.get(doc_id) \
                        and date[:len(published[doc_id])] > published[doc_id][:len(date)]:
                    modality, cues = "expected", [date]
                if modality == "expected" and event_type in MEETING_TYPES:
                    event_type = EXPECTED_TYPE
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
