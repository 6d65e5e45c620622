"""Scoring the rules against the evaluation set's gold annotations, the way the field does.

- **Names** (CoNLL): a mention counts when its span and its entity are exactly the gold
  ones; unknown names (``unlinked`` rows) are scored as spans on their own, and all names
  together as spans whatever their entity.
- **Dates** (TempEval): spans strict (exact) and relaxed (overlapping), and the share of
  gold expressions whose value an overlapping prediction gets exactly right.
- **Quantities**: a prediction overlapping a gold amount counts when value, unit and kind
  are all right.
- **Claims** (PARC/PolNeAR style): a prediction counts when its cue overlaps the gold cue
  and stance and speaker are right (the same registry ids; for a speaker the registry
  lacks, no ids and an overlapping speaker span).
- **Event candidates**: a gold event is found when a candidate of its type holds its
  trigger's sentence; a candidate is right when its sentence holds a gold event of its
  type; and no candidate may assert what the gold calls hypothetical. Of the events
  found, the share given the gold modality is reported as an accuracy.

Each gold row matches at most one prediction and the reverse (greedy, in text order).
The same functions compare the two annotators with each other (inter-annotator
agreement: the F1 of one against the other).
"""

from dataclasses import dataclass, field

import pandas as pd

ALL = "all"


@dataclass
class Tally:
    """Counts of one comparison, with the rows behind the errors."""

    n_gold: int = 0
    n_predicted: int = 0
    matched_gold: int = 0
    matched_predicted: int = 0
    errors: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.n_predicted if self.n_predicted else float("nan")

    @property
    def recall(self) -> float:
        return self.matched_gold / self.n_gold if self.n_gold else float("nan")

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else (0.0 if p == p and r == r else float("nan"))

    def add(self, other: "Tally") -> None:
        self.n_gold += other.n_gold
        self.n_predicted += other.n_predicted
        self.matched_gold += other.matched_gold
        self.matched_predicted += other.matched_predicted
        self.errors.extend(other.errors)


def _overlap(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


def match_rows(gold: list[dict], predicted: list[dict], same) -> tuple[set[int], set[int], dict[int, int]]:
    """Pair gold and predicted rows one to one where ``same(g, p)`` holds, in text order."""
    used_gold, used_predicted, pairs = set(), set(), {}
    for p_index, p in sorted(enumerate(predicted), key=lambda item: (item[1]["start"], item[1]["end"])):
        for g_index, g in enumerate(gold):
            if g_index not in used_gold and same(g, p):
                used_gold.add(g_index)
                used_predicted.add(p_index)
                pairs[g_index] = p_index
                break
    return used_gold, used_predicted, pairs


def compare(layer: str, gold: list[dict], predicted: list[dict], same, describe) -> Tally:
    """A Tally of one document's rows; ``describe(row)`` says what a row holds, for the error list."""
    used_gold, used_predicted, _ = match_rows(gold, predicted, same)
    tally = Tally(len(gold), len(predicted), len(used_gold), len(used_predicted))
    for index, row in enumerate(gold):
        if index not in used_gold:
            tally.errors.append({"error": "missed", "start": row["start"], "end": row["end"], "text": row["text"],
                                 "gold": describe(row), "predicted": _closest(row, predicted, describe)})
    for index, row in enumerate(predicted):
        if index not in used_predicted:
            tally.errors.append({"error": "false alarm", "start": row["start"], "end": row["end"],
                                 "text": row["text"], "gold": _closest(row, gold, describe),
                                 "predicted": describe(row)})
    return tally


def _closest(row: dict, others: list[dict], describe) -> str:
    """What the other side has at an overlapping span (empty when nothing): shows wrong labels."""
    for other in others:
        if _overlap(row["start"], row["end"], other["start"], other["end"]):
            return f"{other['text']!r}: {describe(other)}"
    return ""


# -- the measures, layer by layer ------------------------------------------------------

def _exact(g, p) -> bool:
    return g["start"] == p["start"] and g["end"] == p["end"]


def _overlapping(g, p) -> bool:
    return _overlap(g["start"], g["end"], p["start"], p["end"])


def _ids(cell: str) -> frozenset:
    return frozenset(i for i in str(cell).split("|") if i)


def _speaker_right(g, p) -> bool:
    if _ids(g["speaker_id"]):
        return _ids(g["speaker_id"]) == _ids(p["speaker_id"])
    if _ids(p["speaker_id"]):
        return False
    if pd.isna(g["speaker_start"]):
        return pd.isna(p["speaker_start"])
    return not pd.isna(p["speaker_start"]) and _overlap(g["speaker_start"], g["speaker_end"],
                                                           p["speaker_start"], p["speaker_end"])


MEASURES = {
    # name: (layer, gold filter, predicted filter, same, describe)
    "mentions (span and entity)": (
        "mentions", lambda r: r["entity_id"] != "unknown", lambda r: r["entity_id"] not in ("", "unknown"),
        lambda g, p: _exact(g, p) and g["entity_id"] == p["entity_id"], lambda r: r["entity_id"]),
    "names (span)": (
        "mentions", lambda r: True, lambda r: True, _exact, lambda r: r["entity_id"] or "(no entity)"),
    "unknown names (span)": (
        "mentions", lambda r: r["entity_id"] == "unknown", lambda r: r["entity_id"] == "unknown", _exact,
        lambda r: f"unknown {r.get('type', '')}".strip()),
    "timexes (span, strict)": (
        "timexes", lambda r: True, lambda r: True, _exact, lambda r: r["value"]),
    "timexes (span, relaxed)": (
        "timexes", lambda r: True, lambda r: True, _overlapping, lambda r: r["value"]),
    "timexes (value)": (
        "timexes", lambda r: True, lambda r: True, lambda g, p: _overlapping(g, p) and g["value"] == p["value"],
        lambda r: r["value"]),
    "quantities (value, unit and kind)": (
        "quantities", lambda r: True, lambda r: True,
        lambda g, p: _overlapping(g, p) and abs(float(g["value"]) - float(p["value"])) <= 1e-9 * max(1.0, abs(float(g["value"])))
        and g["unit"] == p["unit"] and g["kind"] == p["kind"],
        lambda r: f"{r['value']:g} {r['unit']} ({r['kind']}{', ' + r['mod'] if r['mod'] else ''})"),
    "claims (cue)": (
        "claims", lambda r: True, lambda r: True, _overlapping, lambda r: r["stance"]),
    "claims (speaker, cue and stance)": (
        "claims", lambda r: True, lambda r: True,
        lambda g, p: _overlapping(g, p) and g["stance"] == p["stance"] and _speaker_right(g, p),
        lambda r: f"{r['stance']} by {r['speaker_id'] or repr(r['speaker_text'])}"),
    "event candidates (type)": (
        "events", lambda r: True, lambda r: True,
        lambda g, p: g["type"] == p["type"] and p["sent_start"] <= g["start"] < p["sent_end"],
        lambda r: f"{r['type']} ({r['modality']})"),
    "event candidates (modality)": (
        "events", lambda r: True, lambda r: True,
        lambda g, p: g["type"] == p["type"] and p["sent_start"] <= g["start"] < p["sent_end"],
        lambda r: f"{r['type']} ({r['modality']})"),
}
PRIMARY = {  # the measure the targets of the issue are stated on, per extractor
    "mentions": "mentions (span and entity)",
    "unknown names": "unknown names (span)",
    "timexes": "timexes (value)",
    "quantities": "quantities (value, unit and kind)",
    "claims": "claims (speaker, cue and stance)",
    "event candidates": "event candidates (type)",
}


def layer_rows(table: pd.DataFrame, layer: str) -> dict[str, list[dict]]:
    """A layer's rows as dicts, by document; claims use the cue span as the row's span."""
    if layer == "claims":
        table = table.assign(start=table["cue_start"], end=table["cue_end"], text=table["cue"])
    by_doc: dict[str, list[dict]] = {}
    for row in table.to_dict("records"):
        by_doc.setdefault(row["doc_id"], []).append(row)
    return by_doc


def score(gold: dict[str, pd.DataFrame], predicted: dict[str, pd.DataFrame], doc_ids) -> dict[tuple, Tally]:
    """{(measure, doc_id): Tally} for every measure and document."""
    results = {}
    for measure, (layer, keep_gold, keep_predicted, same, describe) in MEASURES.items():
        gold_rows, predicted_rows = layer_rows(gold[layer], layer), layer_rows(predicted[layer], layer)
        for doc_id in doc_ids:
            g = [r for r in gold_rows.get(doc_id, []) if keep_gold(r)]
            p = [r for r in predicted_rows.get(doc_id, []) if keep_predicted(r)]
            if measure == "event candidates (modality)":
                tally = _compare_modality(g, p, describe)
            elif measure.startswith("event candidates"):
                tally = _compare_candidates(g, p, describe)
            else:
                tally = compare(layer, g, p, same, describe)
            results[(measure, doc_id)] = tally
    return results


def _compare_candidates(gold: list[dict], candidates: list[dict], describe) -> Tally:
    """Sentence-level: many gold triggers may share one candidate and the reverse."""
    def holds(candidate, event):
        return candidate["type"] == event["type"] and candidate["sent_start"] <= event["start"] < candidate["sent_end"]

    found = [g for g in gold if any(holds(c, g) for c in candidates)]
    right = [c for c in candidates if any(holds(c, g) for g in gold)]
    tally = Tally(len(gold), len(candidates), len(found), len(right))
    for g in gold:
        if g not in found:
            tally.errors.append({"error": "missed", "start": g["start"], "end": g["end"], "text": g["text"],
                                 "gold": describe(g), "predicted": ""})
    for c in candidates:
        if c not in right:
            tally.errors.append({"error": "false alarm", "start": c["start"], "end": c["end"], "text": c["text"],
                                 "gold": "", "predicted": describe(c)})
    for g in gold:
        if g["modality"] == "hypothetical":
            for c in candidates:
                if holds(c, g) and c["modality"] == "asserted":
                    tally.errors.append({"error": "asserted a hypothetical event", "start": g["start"],
                                         "end": g["end"], "text": g["text"], "gold": describe(g),
                                         "predicted": describe(c)})
    return tally


def _compare_modality(gold: list[dict], candidates: list[dict], describe) -> Tally:
    """Of the gold events a candidate finds, how many it gives the gold modality (an accuracy:
    precision and recall are the same number)."""
    tally = Tally()
    for g in gold:
        holding = [c for c in candidates if c["type"] == g["type"] and c["sent_start"] <= g["start"] < c["sent_end"]]
        if not holding:
            continue
        tally.n_gold += 1
        tally.n_predicted += 1
        if any(c["modality"] == g["modality"] for c in holding):
            tally.matched_gold += 1
            tally.matched_predicted += 1
        else:
            tally.errors.append({"error": "wrong modality", "start": g["start"], "end": g["end"], "text": g["text"],
                                 "gold": describe(g), "predicted": describe(holding[0])})
    return tally


def summarise(results: dict[tuple, Tally], groups: dict[str, dict[str, str]]) -> pd.DataFrame:
    """One row per measure and group (``groups``: column name -> {doc_id: group}), plus totals."""
    rows = []
    measures = list(dict.fromkeys(m for m, _ in results))
    docs = sorted({d for _, d in results})
    for measure in measures:
        for column, group_of in groups.items():
            values = sorted(set(group_of.values()))
            for value in [ALL, *values]:
                total = Tally()
                for doc_id in docs:
                    if value == ALL or group_of[doc_id] == value:
                        total.add(results[(measure, doc_id)])
                rows.append({"measure": measure, "group": column, "value": value, "n_gold": total.n_gold,
                             "n_predicted": total.n_predicted, "matched_gold": total.matched_gold,
                             "matched_predicted": total.matched_predicted, "precision": total.precision,
                             "recall": total.recall, "f1": total.f1})
    return pd.DataFrame(rows)
