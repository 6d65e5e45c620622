"""Automatic event candidates from the annotation tables, and how they compare with the hand coding.

A candidate is a sentence holding a trigger from ``data/codebook/event_triggers.csv``
and at least one linked person, organisation or state (``mentions``); it gets the
trigger's event type, the entities named in the sentence as actors, and the first
date in the sentence (``timexes``). One candidate per sentence and type.

A candidate *matches* a hand-coded event when it has the event's type and its
sentence overlaps one of that event's evidence quotes in the same article. Recall
is the share of hand-coded events with a matching candidate; precision the share of
candidates that match an event (an expected-meeting candidate also matches an event
its article reports as expected). Both are results to read, not targets.
"""

import re

import pandas as pd

from partnership import config
from partnership.codebook import load_rule_table

TRIGGERS_FILE = config.CODEBOOK_DIR / "event_triggers.csv"
ACTOR_TYPES = {"PERSON", "ORG", "GPE"}
EXPECTED_TYPE = "intent_or_expected_meeting"
CANDIDATE_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "type", "triggers", "actor_ids", "date",
                     "matched_event_ids"]


def load_triggers(types: set[str], path=TRIGGERS_FILE) -> pd.DataFrame:
    return load_rule_table(path, ["trigger", "type"], required=["trigger", "type"], allowed={"type": types})


def trigger_pattern(triggers: pd.DataFrame) -> re.Pattern:
    words = sorted(triggers["trigger"].str.lower(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b", re.I)


def find_candidates(sentences: pd.DataFrame, mentions: pd.DataFrame, timexes: pd.DataFrame,
                    triggers: pd.DataFrame) -> pd.DataFrame:
    """One row per (sentence, event type) with a trigger and a linked actor."""
    pattern = trigger_pattern(triggers)
    type_of = dict(zip(triggers["trigger"].str.lower().str.split().str.join(" "), triggers["type"]))
    first_words = {t.split()[0] for t in type_of}  # a cheap test before the full pattern
    # plain dicts and lists: a pandas lookup per sentence costs more than the matching
    actors: dict[tuple, dict[str, None]] = {}
    linked = mentions[mentions["type"].isin(ACTOR_TYPES) & (mentions["entity_id"] != "")]
    for doc_id, sent_id, entity_id in zip(linked["doc_id"].tolist(), linked["sent_id"].tolist(),
                                          linked["entity_id"].tolist()):
        actors.setdefault((doc_id, sent_id), {})[entity_id] = None
    dates: dict[tuple, str] = {}
    resolved = timexes[(timexes["type"] == "DATE") & ~timexes["value"].str.contains("X")]
    for doc_id, sent_id, value in zip(resolved["doc_id"].tolist(), resolved["sent_id"].tolist(),
                                      resolved["value"].tolist()):
        dates.setdefault((doc_id, sent_id), value)
    rows = []
    columns = (sentences[c].tolist() for c in ("doc_id", "sent_id", "start", "end", "text"))
    for doc_id, sent_id, start, end, text in zip(*columns):
        key = (doc_id, sent_id)
        if key not in actors or first_words.isdisjoint(re.findall(r"[a-z]+", text.lower())):
            continue
        found: dict[str, list[str]] = {}
        for match in pattern.finditer(text):
            trigger = " ".join(match.group(0).lower().split())
            found.setdefault(type_of[trigger], []).append(match.group(0))
        for event_type, words in sorted(found.items()):
            rows.append({"doc_id": doc_id, "sent_id": sent_id, "start": start, "end": end, "text": text,
                         "type": event_type, "triggers": " | ".join(dict.fromkeys(words)),
                         "actor_ids": "|".join(actors[key]), "date": dates.get(key, ""), "matched_event_ids": ""})
    return pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)


def match_candidates(candidates: pd.DataFrame, events: pd.DataFrame, evidence: pd.DataFrame) -> pd.DataFrame:
    """Fill ``matched_event_ids``: events of the same type with a quote overlapping the candidate's sentence.

    A candidate of type ``intent_or_expected_meeting`` also matches any event whose
    overlapping quote reports it as expected: the hand coding files an expected visit
    under ``visit`` with that article's ``reported_as`` = expected.
    """
    type_of = dict(zip(events["event_id"], events["type"]))
    matched = []
    for candidate in candidates.itertuples(index=False):
        quotes = evidence[(evidence["doc_id"] == candidate.doc_id) & (evidence["start"] < candidate.end)
                          & (evidence["end"] > candidate.start)]
        ids = sorted({q.event_id for q in quotes.itertuples()
                      if type_of[q.event_id] == candidate.type
                      or (candidate.type == EXPECTED_TYPE and q.reported_as == "expected")})
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
