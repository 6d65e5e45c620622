"""The processed tables as a Frictionless data package: ``data/processed/datapackage.json``.

The descriptor lists every CSV in the folder as a resource, with each column's type and
description from the data dictionary (``data/codebook/columns.csv``), each table's primary
key, and the foreign keys that tie the tables to ``documents``, ``sentences`` and ``events``.
It is computed from the folder (its file names and header lines) and the dictionary alone,
so the same tables always give the same bytes: no timestamps, no absolute paths.

The entity registry (``data/codebook/entities.csv``) lies outside the folder. Frictionless
refuses a resource path with ``..`` in it unless the whole package is trusted, so the
registry is not a resource here: the columns that hold its ids say so in their description,
and the tests check those ids against it.

Validating needs the ``frictionless`` package (pinned in requirements.txt); writing does not.
"""

import csv
import json
from pathlib import Path

from partnership import config
from partnership.codebook import load_columns
from partnership.errors import CorpusError
from partnership.tables import write_files

FILE_NAME = "datapackage.json"
PACKAGE_NAME = "moscow-pyongyang-partnership"
MISSING_VALUES = [""]  # pandas writes a missing value as an empty cell
DATE_PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?"  # YYYY, YYYY-MM or YYYY-MM-DD: only as precise as known

# Data dictionary type -> Table Schema field properties. Dates are written only as precisely
# as known (2023, 2023-09, 2023-09-04), which no single Table Schema date type accepts.
FIELD_TYPES = {
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "float": {"type": "number"},
    "boolean": {"type": "boolean", "trueValues": ["True"], "falseValues": ["False"]},
    "date": {"type": "string", "format": "default", "constraints": {"pattern": DATE_PATTERN}},
}

# What a row of each table is, and which columns identify it (checked unique by validation).
TABLES = {
    "documents": ("One row per article: dates and how they were established, counts of paragraphs, "
                  "sentences and words, SHA-256 of the text.", ["doc_id"]),
    "sentences": ("One row per sentence of an article, with its character offsets.", ["doc_id", "sent_id"]),
    "date_evidence": ("One row per quote of a document's date_evidence, located in its article.",
                      ["doc_id", "quote_no"]),
    "weekday_checks": ("One row per 'weekday, month day' in an article, checked against the calendar.",
                       ["doc_id", "start", "end"]),
    "mentions": ("One row per name or demonym found in an article and linked to the entity registry "
                 "(data/codebook/entities.csv).", ["doc_id", "start", "end"]),
    "unlinked_names": ("One row per capitalised name the entity registry does not know.", ["doc_id", "start", "end"]),
    "registry_candidates": ("One row per unknown name grouped across articles, with a guessed type and country.",
                            ["candidate_id"]),
    "timexes": ("One row per date or duration in an article, normalised TIMEX3-style.", ["doc_id", "start", "end"]),
    "timex_checks": ("One row per check of a resolved date against the article's recorded publication date.",
                     ["doc_id", "start", "end", "check"]),
    "quantities": ("One row per number in an article with what it counts.", ["doc_id", "start", "end"]),
    "claims": ("One row per attributed statement: its reporting cue, speaker and stance.", ["doc_id", "cue_start"]),
    "hedges": ("One row per sentence: whether it holds a hedge cue, and which.", ["doc_id", "sent_id"]),
    "events": ("One row per real-world event, coded by hand (data/annotations/events.csv) with derived columns.",
               ["event_id"]),
    "event_evidence": ("One row per passage of an article supporting a hand-coded event.",
                       ["event_id", "doc_id", "start", "end"]),
    "event_bounds": ("One row per bound on the date of an undated event: hand-coded from a passage "
                     "(data/annotations/event_bounds.csv) or by rule from an article's publication date.",
                     ["event_id", "bound", "value", "doc_id", "start", "end"]),
    "event_candidates": ("One row per event type found by rule in a sentence that names an actor.",
                         ["doc_id", "sent_id", "type"]),
    "evaluation": ("One row per comparison, split, genre and measure of the evaluation set "
                   "(written by `python -m partnership evaluate` or notebook 08).",
                   ["comparison", "split", "genre", "measure"]),
    # A list of errors: nothing short of every cell (gold and predicted may be empty) tells two rows apart.
    "evaluation_errors": ("One row per miss or false alarm of the rules on an evaluation text "
                          "(doc_id names a text in data/evaluation/texts, not an article).", None),
}

# Columns that point into another resource: (referring columns) -> (resource, its columns).
REFERENCES = [
    (["doc_id"], "documents", ["doc_id"]),
    (["doc_id", "sent_id"], "sentences", ["doc_id", "sent_id"]),
    (["event_id"], "events", ["event_id"]),
]
# Tables whose doc_id is not an article of this corpus (they point into data/evaluation/texts).
NOT_ARTICLES = {"evaluation", "evaluation_errors"}


def _header(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as stream:
        return next(csv.reader(stream), [])


def _foreign_keys(name: str, columns: list[str], present: set[str]) -> list[dict]:
    if name in NOT_ARTICLES:
        return []
    keys = []
    for fields, resource, target in REFERENCES:
        if resource != name and resource in present and set(fields) <= set(columns):
            keys.append({"fields": fields, "reference": {"resource": resource, "fields": target}})
    return keys


def resource_descriptor(name: str, columns: list[str], dictionary, present: set[str]) -> dict:
    """One table's resource: path, format, and its schema from the data dictionary."""
    described = dictionary[dictionary["table"] == name].set_index("column")
    undocumented = [c for c in columns if c not in described.index]
    if undocumented:
        raise CorpusError(config.COLUMNS_FILE,
                          f"{name}.csv has column(s) {undocumented} the data dictionary does not describe")
    fields = [{"name": c, **FIELD_TYPES[described.at[c, "type"]], "description": described.at[c, "description"]}
              for c in columns]
    description, primary_key = TABLES.get(name, ("", None))
    schema: dict = {"fields": fields, "missingValues": MISSING_VALUES}
    if primary_key:
        schema["primaryKey"] = primary_key
    foreign_keys = _foreign_keys(name, columns, present)
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    resource = {"name": name, "path": f"{name}.csv"}
    if description:
        resource["description"] = description
    resource.update({"type": "table", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                     "schema": schema})
    return resource


def datapackage_descriptor(processed_dir=config.PROCESSED_DIR, columns_file=config.COLUMNS_FILE) -> dict:
    """The data package of every CSV in ``processed_dir``, resources sorted by name."""
    paths = sorted(Path(processed_dir).glob("*.csv"))
    if not paths:  # a data package holds at least one resource
        raise CorpusError(processed_dir, "no CSV tables to describe: build them first (python -m partnership build)")
    dictionary = load_columns(columns_file)
    present = {p.stem for p in paths}
    return {
        "name": PACKAGE_NAME,
        "title": "The Moscow-Pyongyang partnership, read from the news: processed tables",
        "description": (
            "Tables built from news articles about Russia and North Korea by the rule-based pipeline "
            "and the hand coding of this project. Column types and descriptions come from "
            "data/codebook/columns.csv. entity_id, stands_for, speaker_id, actor_ids, recipient_ids and "
            "location_id hold ids of the entity registry data/codebook/entities.csv, which lies outside "
            "this folder and is not a resource of the package. Text columns quote the articles, which "
            "belong to their publishers (see README, Licence)."),
        "resources": [resource_descriptor(p.stem, _header(p), dictionary, present) for p in paths],
    }


def datapackage_json(descriptor: dict) -> str:
    """The descriptor as written: indented by two, UTF-8 as is, ending with a newline."""
    return json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"


def write_datapackage(processed_dir=config.PROCESSED_DIR) -> Path:
    """Write ``processed_dir/datapackage.json`` (atomically) and return its path."""
    path = Path(processed_dir) / FILE_NAME
    write_files({path: datapackage_json(datapackage_descriptor(processed_dir)).encode("utf-8")})
    return path
