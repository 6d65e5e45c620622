"""Reading and checking hand annotations of the evaluation set (``data/evaluation/``).

One CSV per layer (mentions, timexes, quantities, claims, events), every row pointing
into a text by ``doc_id`` and character offsets, with labels from the codebook. The
format and the guidelines are in ``data/evaluation/README.md``. ``load_annotations``
checks every row and stops at the first problem with a ``CorpusError`` naming the
file, the line and the problem, so a bad annotation never reaches the scorer.
"""

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from partnership import config
from partnership.annotate.entities import TYPES as ENTITY_TYPES
from partnership.annotate.entities import load_registry
from partnership.annotate.claims import load_stances
from partnership.annotate.quantities import load_kinds
from partnership.annotate.timexes import TIMEX3_MODS
from partnership.codebook import load_rule_table
from partnership.errors import CorpusError
from partnership.events.coding import load_event_types, load_modalities

EVALUATION_DIR = config.DATA_DIR / "evaluation"
TEXTS_DIR = EVALUATION_DIR / "texts"
SPLIT_FILE = EVALUATION_DIR / "split.csv"
GOLD_DIR = EVALUATION_DIR / "gold"
ANNOTATORS_DIR = EVALUATION_DIR / "annotators"

LAYERS = {
    "mentions": ["doc_id", "start", "end", "text", "entity_id", "type", "role", "note"],
    "timexes": ["doc_id", "start", "end", "text", "type", "value", "note"],
    "quantities": ["doc_id", "start", "end", "text", "value", "unit", "mod", "kind", "note"],
    "claims": ["doc_id", "cue_start", "cue_end", "cue", "stance", "speaker_id", "speaker_start", "speaker_end",
               "speaker_text", "note"],
    "events": ["doc_id", "start", "end", "text", "type", "modality", "event_key", "note"],
}
# (start column, end column, text column, may be empty) for each span a layer's row holds
SPANS = {
    "mentions": [("start", "end", "text", False)],
    "timexes": [("start", "end", "text", False)],
    "quantities": [("start", "end", "text", False)],
    "claims": [("cue_start", "cue_end", "cue", False), ("speaker_start", "speaker_end", "speaker_text", True)],
    "events": [("start", "end", "text", False)],
}
UNKNOWN = "unknown"
TIMEX_TYPES = {"DATE", "DURATION"}
TIMEX_VALUE = re.compile(
    r"^(?:"
    r"(?:\d{4}|XXXX)(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?)?"  # 2024, 2024-06, 2024-06-19, XXXX-09-10
    r"|(?:\d{4}|XXXX)-W(?:\d{2}|XX)(?:-[1-7]|-WE)?"  # 2024-W25, XXXX-WXX-2, 2025-W02-WE
    r"|(?:\d{4}|XXXX)-(?:SP|SU|FA|WI|Q[1-4]|H[12])"  # seasons, quarters, halves
    r"|\d{2,3}"  # century, decade
    r"|P(?:\d+(?:\.\d+)?(?:Y|M|W|D|DE|CE))+|PT\d+(?:\.\d+)?(?:H|M|S)"  # durations
    r"|PRESENT_REF|PAST_REF|FUTURE_REF"
    r")$"
)


@dataclass(frozen=True)
class Labels:
    """What each label column may hold, from the codebook."""

    entity_ids: frozenset
    stances: frozenset
    kinds: frozenset
    event_types: frozenset
    modalities: frozenset

    @classmethod
    def from_codebook(cls, registry: pd.DataFrame | None = None) -> "Labels":
        registry = load_registry() if registry is None else registry
        return cls(
            entity_ids=frozenset(registry["entity_id"]),
            stances=frozenset(load_stances()),
            kinds=frozenset(load_kinds()),
            event_types=frozenset(load_event_types()["type"]),
            modalities=frozenset(load_modalities()["modality"]),
        )


def read_split(path=SPLIT_FILE) -> pd.DataFrame:
    """``doc_id, genre, split`` for every evaluation text; split is dev, test or test2 (a second
    test set, written after the first had been read)."""
    table = load_rule_table(path, ["doc_id", "genre", "split"], required=["doc_id", "genre", "split"],
                            allowed={"split": {"dev", "test", "test2"}})
    return table


def load_annotations(folder, texts: dict[str, str], labels: Labels | None = None) -> dict[str, pd.DataFrame]:
    """Every layer of one annotator's folder (or the gold), checked; a missing layer is an error."""
    labels = labels or Labels.from_codebook()
    folder = Path(folder)
    return {layer: load_layer(folder / f"{layer}.csv", layer, texts, labels) for layer in LAYERS}


def load_layer(path: Path, layer: str, texts: dict[str, str], labels: Labels) -> pd.DataFrame:
    path = Path(path)
    if not path.is_file():
        raise CorpusError(path, f"missing: every annotation folder needs {layer}.csv")
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise CorpusError(path, f"is not UTF-8 (byte {raw[exc.start]:#04x} at position {exc.start})") from None
    reader = csv.DictReader(io.StringIO(content))
    if reader.fieldnames != LAYERS[layer]:
        raise CorpusError(path, f"columns must be {LAYERS[layer]}, not {reader.fieldnames}")
    rows, seen = [], set()
    for row in reader:
        where = f"line {reader.line_num}"
        if None in row:
            raise CorpusError(path, f"{where} has more fields than the header")
        row = {column: (value or "") for column, value in row.items()}
        _check_row(path, where, layer, row, texts, labels)
        key = tuple(value for column, value in row.items() if column != "note")
        if key in seen:
            raise CorpusError(path, f"{where} repeats an earlier row")
        seen.add(key)
        rows.append(row)
    table = pd.DataFrame(rows, columns=LAYERS[layer])
    for start, end, _, _ in SPANS[layer]:
        table[start] = pd.to_numeric(table[start]).astype("Int64")
        table[end] = pd.to_numeric(table[end]).astype("Int64")
    if layer == "quantities":
        table["value"] = table["value"].astype(float)
    return table


def _check_row(path, where, layer, row, texts, labels: Labels) -> None:
    doc_id = row["doc_id"]
    if doc_id not in texts:
        raise CorpusError(path, f"{where}: doc_id {doc_id!r} is not an evaluation text")
    where = f"{where} ({doc_id})"
    text = texts[doc_id]
    for start, end, quote, optional in SPANS[layer]:
        if optional and not (row[start] or row[end] or row[quote]):
            continue
        try:
            s, e = int(row[start]), int(row[end])
        except ValueError:
            raise CorpusError(path, f"{where}: {start} and {end} must be whole numbers, not "
                                    f"{row[start]!r} and {row[end]!r}") from None
        if not 0 <= s < e <= len(text):
            raise CorpusError(path, f"{where}: offsets {s}:{e} lie outside the text ({len(text)} characters)")
        if text[s:e] != row[quote]:
            found = text.find(row[quote])
            hint = f"; the quote first occurs at {found}" if found >= 0 else "; the quote is not in the text"
            raise CorpusError(path, f"{where}: text[{s}:{e}] is {text[s:e]!r}, not the {quote} {row[quote]!r}{hint}")
    problem = _label_problem(layer, row, labels)
    if problem:
        raise CorpusError(path, f"{where}: {problem}")


def _label_problem(layer: str, row: dict, labels: Labels) -> str:
    if layer == "mentions":
        if row["entity_id"] == UNKNOWN:
            if row["type"] not in ENTITY_TYPES:
                return f"an unknown name needs a type from {list(ENTITY_TYPES)}, not {row['type']!r}"
        elif row["entity_id"] not in labels.entity_ids:
            return f"entity_id {row['entity_id']!r} is not in the registry (write 'unknown' for a name it lacks)"
    elif layer == "timexes":
        if row["type"] not in TIMEX_TYPES:
            return f"type {row['type']!r} is not DATE or DURATION"
        if not TIMEX_VALUE.match(row["value"]):
            return f"value {row['value']!r} is not a TIMEX3 value (2024-06-19, 2024-06, XXXX-WXX-2, P17M, ...)"
    elif layer == "quantities":
        try:
            float(row["value"])
        except ValueError:
            return f"value {row['value']!r} is not a number"
        if row["mod"] and row["mod"] not in TIMEX3_MODS:
            return f"mod {row['mod']!r} is not one of {sorted(TIMEX3_MODS)}"
        if row["kind"] not in labels.kinds:
            return f"kind {row['kind']!r} is not one of {sorted(labels.kinds)}"
        if not row["unit"].strip():
            return "unit is empty"
    elif layer == "claims":
        if row["stance"] not in labels.stances:
            return f"stance {row['stance']!r} is not one of {sorted(labels.stances)}"
        unknown = [i for i in row["speaker_id"].split("|") if i and i not in labels.entity_ids]
        if unknown:
            return f"speaker_id {unknown[0]!r} is not in the registry (leave it empty for a speaker it lacks)"
    elif layer == "events":
        if row["type"] not in labels.event_types:
            return f"type {row['type']!r} is not an event type of data/codebook/event_types.csv"
        if row["modality"] not in labels.modalities:
            return f"modality {row['modality']!r} is not one of {sorted(labels.modalities)}"
    return ""
