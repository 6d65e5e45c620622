"""The hand-coded events: codebook, checks, evidence located in the texts, and derived flags.

``data/annotations/events.csv`` holds one row per real-world event, coded by hand
against ``data/codebook/event_types.csv`` and ``modalities.csv``;
``event_evidence.csv`` holds one row per article passage that supports an event,
with the quote verbatim. This module checks both (every id in the registry, every
type and modality in the codebook, dates valid for their precision, each quote found
exactly once in its article), locates each quote, and derives per event the number
of distinct articles, the first report and three flags:

- ``flag_expected_then_reported``: one article expects the event and a later one
  reports it as happened;
- ``flag_dates_differ``: two articles date it incompatibly (``date_reported``
  values of which neither contains the other, such as 2023-07 and 2023-08);
- ``flag_role_differs``: an actor held another role on the event's date than the
  one they hold now (``data/codebook/roles.csv``).
"""

import bisect
import re
from dataclasses import dataclass

import pandas as pd

from partnership import config
from partnership.codebook import load_rule_table
from partnership.errors import CorpusError

ANNOTATIONS_DIR = config.ROOT / "data" / "annotations"
EVENTS_FILE = ANNOTATIONS_DIR / "events.csv"
EVIDENCE_FILE = ANNOTATIONS_DIR / "event_evidence.csv"
EVENT_TYPES_FILE = config.CODEBOOK_DIR / "event_types.csv"
MODALITIES_FILE = config.CODEBOOK_DIR / "modalities.csv"
ROLES_FILE = config.CODEBOOK_DIR / "roles.csv"

EVENT_TYPE_COLUMNS = ["type", "label", "strand", "definition", "plover", "plover_mode", "plover_context", "cameo", "cameo_name",
                      "example_doc_id", "example"]
EVENT_COLUMNS = ["event_id", "type", "date", "date_end", "date_precision", "actor_ids", "recipient_ids",
                 "location_id", "modality", "summary", "coder_note"]
EVIDENCE_COLUMNS = ["event_id", "doc_id", "quote", "reported_as", "date_reported"]
PROCESSED_EVENT_COLUMNS = [*EVENT_COLUMNS[:2], "plover", "cameo", *EVENT_COLUMNS[2:], "n_sources",
                           "first_reported", "doc_ids", "flag_expected_then_reported", "flag_dates_differ",
                           "flag_role_differs", "role_note", "coding"]
PROCESSED_EVIDENCE_COLUMNS = ["event_id", "doc_id", "sent_id", "start", "end", "quote", "reported_as",
                              "date_reported"]
DATE_FORMS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}
EVENT_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")


def load_event_types(path=EVENT_TYPES_FILE) -> pd.DataFrame:
    return load_rule_table(path, EVENT_TYPE_COLUMNS, required=["type", "label", "strand", "definition", "plover", "cameo", "example"],
                           allowed={"strand": {"cooperation", "reaction", "context"}})


def load_modalities(path=MODALITIES_FILE) -> pd.DataFrame:
    return load_rule_table(path, ["modality", "plover_mode", "definition"], required=["modality", "definition"])


def load_roles(registry: pd.DataFrame, path=ROLES_FILE) -> pd.DataFrame:
    roles = load_rule_table(path, ["entity_id", "role", "start", "end", "note"], required=["entity_id", "role", "start"])
    for line, row in enumerate(roles.itertuples(index=False), start=2):
        if row.entity_id not in set(registry["entity_id"]):
            raise CorpusError(path, f"line {line}: {row.entity_id!r} is not in the entity registry")
        for value in (row.start, row.end):
            if value and not _valid_date(value, "day"):
                raise CorpusError(path, f"line {line}: {value!r} is not a date (YYYY-MM-DD)")
    return roles


def _valid_date(value: str, precision: str) -> bool:
    if not re.fullmatch(DATE_FORMS[precision], value):
        return False
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        pd.Timestamp(year=parts[0], month=parts[1], day=parts[2])
    except ValueError:
        return False
    return True


def precision_of(value: str) -> str:
    """day, month or year, from how a date is written ('' for none)."""
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "") if value else ""


def _ids(cell: str) -> list[str]:
    return [part for part in cell.split("|") if part]


def load_events(registry: pd.DataFrame, types: pd.DataFrame, modalities: pd.DataFrame,
                path=EVENTS_FILE) -> pd.DataFrame:
    """The hand-coded events, checked; errors name the file, the line and the problem."""
    events = load_rule_table(path, EVENT_COLUMNS, required=["event_id", "type", "date_precision", "modality",
                                                             "summary"],
                             allowed={"type": set(types["type"]), "modality": set(modalities["modality"]),
                                      "date_precision": {*DATE_FORMS, "unknown"}})
    known = set(registry["entity_id"])
    for line, row in enumerate(events.itertuples(index=False), start=2):
        where = f"line {line} ({row.event_id})"
        if not EVENT_ID.match(row.event_id):
            raise CorpusError(path, f"{where}: event_id must be lower-case letters, digits and '_'")
        if row.date_precision == "unknown":
            if row.date or row.date_end:
                raise CorpusError(path, f"{where}: precision unknown, so date and date_end must be empty")
        elif not _valid_date(row.date, row.date_precision):
            raise CorpusError(path, f"{where}: date {row.date!r} is not a valid {row.date_precision}")
        if row.date_end:
            if not precision_of(row.date_end) or not _valid_date(row.date_end, precision_of(row.date_end)):
                raise CorpusError(path, f"{where}: date_end {row.date_end!r} is not a valid date")
            if _latest_day(row.date_end) < _first_day(row.date):
                raise CorpusError(path, f"{where}: date_end {row.date_end} is before date {row.date}")
        for column in ("actor_ids", "recipient_ids", "location_id"):
            unknown = [i for i in _ids(getattr(row, column)) if i not in known]
            if unknown:
                raise CorpusError(path, f"{where}: {column} {unknown[0]!r} is not in the entity registry")
    repeated = events.loc[events["event_id"].duplicated(), "event_id"]
    if len(repeated):
        raise CorpusError(path, f"event_id {repeated.iloc[0]!r} appears in more than one row")
    return events


def _first_day(value: str) -> str:
    return (value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10]


def _latest_day(value: str) -> str:
    return {4: value + "-12-31", 7: value + "-31", 10: value}[len(value)]


def load_evidence(events: pd.DataFrame, modalities: pd.DataFrame, path=EVIDENCE_FILE) -> pd.DataFrame:
    """The evidence rows, checked against the events and the codebook (not yet against the texts)."""
    evidence = load_rule_table(path, EVIDENCE_COLUMNS, required=["event_id", "doc_id", "quote", "reported_as"],
                               allowed={"reported_as": set(modalities["modality"])})
    for line, row in enumerate(evidence.itertuples(index=False), start=2):
        where = f"line {line} ({row.event_id})"
        if row.event_id not in set(events["event_id"]):
            raise CorpusError(path, f"{where}: no such event in {config.relative(EVENTS_FILE)}")
        if row.date_reported and not _valid_date(row.date_reported, precision_of(row.date_reported) or "day"):
            raise CorpusError(path, f"{where}: date_reported {row.date_reported!r} is not a valid date")
    without = sorted(set(events["event_id"]) - set(evidence["event_id"]))
    if without:
        raise CorpusError(path, f"event {without[0]!r} has no evidence row; every event needs a quote")
    return evidence


def locate_evidence(evidence: pd.DataFrame, texts: dict[str, str], sentences: pd.DataFrame,
                    path=EVIDENCE_FILE) -> pd.DataFrame:
    """Evidence rows with doc_id, sent_id, start, end; a quote not found exactly once is an error."""
    starts_by_doc = sentences.groupby("doc_id")["start"].agg(list).to_dict()
    rows = []
    for line, row in zip(evidence.index + 2, evidence.itertuples(index=False)):
        where = f"line {line} ({row.event_id})"
        if row.doc_id not in texts:
            raise CorpusError(path, f"{where}: no article {row.doc_id!r}")
        text = texts[row.doc_id]
        start = text.find(row.quote)
        if start < 0:
            raise CorpusError(path, f"{where}: the quote is not in {row.doc_id}: {row.quote!r}")
        if text.find(row.quote, start + 1) >= 0:
            raise CorpusError(path, f"{where}: the quote occurs more than once in {row.doc_id}; quote more words")
        rows.append({"event_id": row.event_id, "doc_id": row.doc_id,
                     "sent_id": bisect.bisect_right(starts_by_doc[row.doc_id], start), "start": start,
                     "end": start + len(row.quote), "quote": row.quote, "reported_as": row.reported_as,
                     "date_reported": row.date_reported})
    located = pd.DataFrame(rows, columns=PROCESSED_EVIDENCE_COLUMNS)
    return located.sort_values(["event_id", "doc_id", "start"], ignore_index=True)


@dataclass(frozen=True)
class EventCoding:
    """The event codebook and the hand-coded events with their (unlocated) evidence."""

    types: pd.DataFrame
    modalities: pd.DataFrame
    roles: pd.DataFrame
    events: pd.DataFrame
    evidence: pd.DataFrame

    @classmethod
    def load(cls, registry: pd.DataFrame) -> "EventCoding":
        types, modalities = load_event_types(), load_modalities()
        events = load_events(registry, types, modalities)
        return cls(types, modalities, load_roles(registry), events, load_evidence(events, modalities))

    def evidence_in(self, texts: dict[str, str], sentences: pd.DataFrame) -> pd.DataFrame:
        """The located evidence rows whose articles are in ``texts``."""
        return locate_evidence(self.evidence[self.evidence["doc_id"].isin(list(texts))], texts, sentences)


def role_on(roles: pd.DataFrame, entity_id: str, day: str) -> str:
    """The role an entity held on ``day`` (YYYY-MM-DD), or '' if the roles file has none."""
    held = roles[(roles["entity_id"] == entity_id) & (roles["start"] <= day)
                 & ((roles["end"] == "") | (roles["end"] > day))]
    return held["role"].iloc[0] if len(held) else ""


def current_role(roles: pd.DataFrame, entity_id: str) -> str:
    now = roles[(roles["entity_id"] == entity_id) & (roles["end"] == "")]
    return now["role"].iloc[0] if len(now) else ""


def dates_conflict(values: list[str]) -> bool:
    """True if two dates cannot both be right: neither lies within the other (2023-07 vs 2023-08)."""
    values = sorted(set(v for v in values if v))
    return any(not (a.startswith(b) or b.startswith(a)) for i, a in enumerate(values) for b in values[i + 1:])


def event_table(events: pd.DataFrame, evidence: pd.DataFrame, documents: pd.DataFrame, types: pd.DataFrame,
                roles: pd.DataFrame) -> pd.DataFrame:
    """The coded events with their codebook codes, sources and flags, in date order."""
    published = dict(zip(documents["doc_id"], documents["published"]))
    plover, cameo = dict(zip(types["type"], types["plover"])), dict(zip(types["type"], types["cameo"]))
    # evidence grouped once: a filter per event made the table quadratic in the number of events
    support_of: dict[str, list[tuple[str, str, str]]] = {}
    for event_id, doc_id, reported_as, date_reported in zip(
            evidence["event_id"], evidence["doc_id"], evidence["reported_as"], evidence["date_reported"]):
        support_of.setdefault(event_id, []).append((doc_id, reported_as, date_reported))
    role_rows = list(zip(roles["entity_id"], roles["role"], roles["start"], roles["end"]))
    roles_of: dict[str, list[tuple[str, str, str]]] = {}
    for entity_id, role, start, end in role_rows:
        roles_of.setdefault(entity_id, []).append((role, start, end))
    rows = []
    for event in events.to_dict("records"):
        support = support_of.get(event["event_id"], [])
        docs = sorted({d for d, _, _ in support})
        dates = [published[d] for d in docs if published[d]]
        expected = [published[d] for d, how, _ in support if how == "expected"]
        happened = [published[d] for d, how, _ in support if how == "asserted"]
        notes = []
        if event["date"]:
            day = _first_day(event["date"])
            for actor in _ids(event["actor_ids"]):
                held = roles_of.get(actor, [])
                then = next((r for r, start, end in held if start <= day and (end == "" or end > day)), "")
                now = next((r for r, _, end in held if end == ""), "")
                if then and then != now:
                    notes.append(f"{actor}: {then} on {event['date']}" + (f"; now {now}" if now else ""))
        rows.append({
            **event,
            "plover": plover[event["type"]],
            "cameo": cameo[event["type"]],
            "n_sources": len(docs),
            "first_reported": min(dates) if dates else "",
            "doc_ids": "|".join(docs),
            "flag_expected_then_reported": any(h > e for e in expected for h in happened if e and h),
            "flag_dates_differ": dates_conflict([r for _, _, r in support]),
            "flag_role_differs": bool(notes),
            "role_note": "; ".join(notes),
            "coding": event.get("coding") or "hand",
        })
    table = pd.DataFrame(rows, columns=PROCESSED_EVENT_COLUMNS)
    order = table["date"].where(table["date"] != "", "9999")  # undated events last
    return table.assign(_order=order).sort_values(["_order", "event_id"]).drop(columns="_order").reset_index(drop=True)


LEADERS = ("kim_jong_un", "putin")
PHASE_OPENERS = ("agreement_signed",)
AUTOMATIC_OPENER_SOURCES = 3
PHASE_COLUMNS = ["phase", "opened_by", "from", "to", "events"]


def is_phase_opener(event: dict) -> bool:
    """The rule for phases: a new phase opens with each asserted summit of the two leaders
    (a summit_or_talks event whose actors include both Kim Jong Un and Putin) and with
    each signed agreement; an automatic event opens one only when AUTOMATIC_OPENER_SOURCES
    or more articles report it. Events before the first opener are background; undated events
    stand apart."""
    if event["modality"] != "asserted" or not event["date"]:
        return False
    if event.get("coding") == "automatic" and int(event.get("n_sources") or 0) < AUTOMATIC_OPENER_SOURCES:
        return False  # a rule-made event told by few articles is too weak to turn the story on
    actors = set(_ids(event["actor_ids"])) | set(_ids(event["recipient_ids"]))
    leaders_meet = event["type"] == "summit_or_talks" and set(LEADERS) <= actors
    return leaders_meet or event["type"] in PHASE_OPENERS


def assign_phases(events: pd.DataFrame) -> tuple[pd.Series, pd.DataFrame]:
    """Each event's phase (by the rule of ``is_phase_opener``), and one row per phase."""
    openers = sorted((_first_day(e["date"]), e["event_id"], e["summary"])
                     for e in events.to_dict("records") if is_phase_opener(e))
    labels = []
    for event in events.to_dict("records"):
        if not event["date"]:
            labels.append("undated")
            continue
        day = _first_day(event["date"])
        started = [o for o in openers if o[0] <= day]
        labels.append(f"{len(started)}: from {started[-1][0][:7]}" if started else "0: background")
    phase = pd.Series(labels, index=events.index, name="phase")
    rows = []
    for label in sorted(set(labels), key=lambda p: (p == "undated", p)):
        members = events[phase == label]
        number = label.split(":")[0]
        opener = openers[int(number) - 1][1] if number.isdigit() and int(number) > 0 else ""
        dated = members[members["date"] != ""]
        rows.append({"phase": label, "opened_by": opener, "from": dated["date"].min() if len(dated) else "",
                     "to": dated["date"].max() if len(dated) else "", "events": len(members)})
    return phase, pd.DataFrame(rows, columns=PHASE_COLUMNS)
