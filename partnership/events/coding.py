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

An event the articles do not date may still be bounded by them (TIMEX3-style
"not before" / "not after"): ``data/annotations/event_bounds.csv`` holds the bounds a
coder read in a text, each with its verbatim quote, and one bound is derived by rule
(``publication_bounds``): an event an article reports as past (asserted, alleged or
historical) happened no later than that article's publication date. Each event gets the
tightest of its bounds as ``date_not_before`` and ``date_not_after``; no date is invented.
"""

import bisect
import re
from dataclasses import dataclass

import pandas as pd

from partnership import config
from partnership.codebook import load_rule_table
from partnership.errors import CorpusError
from partnership.tables import columns_of, frame, records

ANNOTATIONS_DIR = config.ROOT / "data" / "annotations"
EVENTS_FILE = ANNOTATIONS_DIR / "events.csv"
EVIDENCE_FILE = ANNOTATIONS_DIR / "event_evidence.csv"
EVENT_TYPES_FILE = config.CODEBOOK_DIR / "event_types.csv"
MODALITIES_FILE = config.CODEBOOK_DIR / "modalities.csv"
ROLES_FILE = config.CODEBOOK_DIR / "roles.csv"
BOUNDS_FILE = ANNOTATIONS_DIR / "event_bounds.csv"

EVENT_TYPE_COLUMNS = ["type", "label", "strand", "strand_between_partners", "definition", "plover", "plover_mode", "plover_context", "cameo", "cameo_name",
                      "example_doc_id", "example"]
EVENT_COLUMNS = ["event_id", "type", "date", "date_end", "date_precision", "actor_ids", "recipient_ids",
                 "location_id", "modality", "summary", "coder_note"]
EVIDENCE_COLUMNS = ["event_id", "doc_id", "quote", "reported_as", "date_reported"]
BOUND_COLUMNS = ["event_id", "bound", "value", "doc_id", "quote", "note"]
BOUNDS = ("not_before", "not_after")
PAST_MODES = ("asserted", "alleged", "historical")  # reported as past: the article's date bounds the event
PROCESSED_BOUND_COLUMNS = ["event_id", "bound", "value", "basis", "doc_id", "sent_id", "start", "end", "quote",
                           "note", "coding"]
PROCESSED_EVENT_COLUMNS = [*EVENT_COLUMNS[:2], "plover", "cameo", *EVENT_COLUMNS[2:5], "date_not_before",
                           "date_not_after", *EVENT_COLUMNS[5:], "n_sources",
                           "first_reported", "doc_ids", "flag_expected_then_reported", "flag_dates_differ",
                           "flag_role_differs", "role_note", "coding"]
PROCESSED_EVIDENCE_COLUMNS = ["event_id", "doc_id", "sent_id", "start", "end", "quote", "reported_as",
                              "date_reported"]
DATE_FORMS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}
EVENT_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")


def load_event_types(path=EVENT_TYPES_FILE) -> pd.DataFrame:
    return load_rule_table(path, EVENT_TYPE_COLUMNS, required=["type", "label", "strand", "definition", "plover", "cameo", "example"],
                           allowed={"strand": {"cooperation", "reaction", "context"},
                                    "strand_between_partners": {"", "cooperation", "reaction", "context"}})


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


def _locate(rows: pd.DataFrame, texts: dict[str, str], sentences: pd.DataFrame, path) -> list[dict]:
    """Each row (with event_id, doc_id, quote) as a dict with sent_id, start and end added; a quote not
    found exactly once in its article is an error naming the file and the line."""
    # the sentences of the quoted articles only: a few rows, where the corpus has thousands of articles
    quoted = sentences[sentences["doc_id"].isin(set(rows["doc_id"].tolist()))]
    starts_by_doc = quoted.groupby("doc_id")["start"].agg(list).to_dict()
    located = []
    for line, row in zip(rows.index + 2, records(rows)):
        where = f"line {line} ({row['event_id']})"
        if row["doc_id"] not in texts:
            raise CorpusError(path, f"{where}: no article {row['doc_id']!r}")
        text, quote = texts[row["doc_id"]], row["quote"]
        start = text.find(quote)
        if start < 0:
            raise CorpusError(path, f"{where}: the quote is not in {row['doc_id']}: {quote!r}")
        if text.find(quote, start + 1) >= 0:
            raise CorpusError(path, f"{where}: the quote occurs more than once in {row['doc_id']}; quote more words")
        located.append({**row, "sent_id": bisect.bisect_right(starts_by_doc[row["doc_id"]], start), "start": start,
                        "end": start + len(quote)})
    return located


def locate_evidence(evidence: pd.DataFrame, texts: dict[str, str], sentences: pd.DataFrame,
                    path=EVIDENCE_FILE) -> pd.DataFrame:
    """Evidence rows with doc_id, sent_id, start, end; a quote not found exactly once is an error."""
    located = pd.DataFrame(_locate(evidence, texts, sentences, path), columns=PROCESSED_EVIDENCE_COLUMNS)
    return located.sort_values(["event_id", "doc_id", "start"], ignore_index=True)


def load_bounds(events: pd.DataFrame, path=BOUNDS_FILE) -> pd.DataFrame:
    """The hand-coded date bounds, checked against the events (not yet against the texts).

    A bound belongs to an event the coder left undated (a dated event needs none); its
    value is a TIMEX3 date (YYYY, YYYY-MM or YYYY-MM-DD) the quoted passage supports; an
    event's not_before may not lie after its not_after."""
    if not path.exists():
        return pd.DataFrame(columns=BOUND_COLUMNS, dtype=str)
    bounds = load_rule_table(path, BOUND_COLUMNS, required=["event_id", "bound", "value", "doc_id", "quote", "note"],
                             allowed={"bound": set(BOUNDS)})
    dated = dict(zip(events["event_id"], events["date"]))
    for line, row in enumerate(bounds.itertuples(index=False), start=2):
        where = f"line {line} ({row.event_id})"
        if row.event_id not in dated:
            raise CorpusError(path, f"{where}: no such event in {config.relative(EVENTS_FILE)}")
        if dated[row.event_id]:
            raise CorpusError(path, f"{where}: the event is dated ({dated[row.event_id]}); bounds are for undated "
                                    "events")
        if not precision_of(row.value) or not _valid_date(row.value, precision_of(row.value)):
            raise CorpusError(path, f"{where}: value {row.value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    for event_id, (before, after) in sorted(tightest_by_event(bounds).items()):
        if before and after and _first_day(before) > _latest_day(after):
            raise CorpusError(path, f"event {event_id!r}: not_before {before} lies after not_after {after}")
    return bounds


def tightest_by_event(bounds: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """(the latest not_before, the earliest not_after) of every event's bound rows ('' where none), in one
    pass over the rows (a DataFrame per event was the event stage's largest cost on large corpora)."""
    before, after = _tightest_columns(bounds)
    return {event_id: (before[event_id], after[event_id]) for event_id in before}


def _tightest_columns(bounds: pd.DataFrame) -> tuple[dict[str, str], dict[str, str]]:
    """``tightest_by_event`` as two dicts, event -> not_before and event -> not_after, each with every event
    of the rows in their order. Plain strings kept per row, no lists: most events have one bound or none,
    and the lists and tuples made per row cost more in garbage collection than in the making."""
    first: tuple[dict[str, str], dict[str, str]] = ({}, {})  # event -> its first value of each bound
    more: tuple[dict[str, list[str]], dict[str, list[str]]] = ({}, {})  # event -> all, if more than one
    seen: dict[str, None] = {}
    for event_id, bound, value in zip(bounds["event_id"].tolist(), bounds["bound"].tolist(), bounds["value"].tolist()):
        seen[event_id] = None
        side = 0 if bound == "not_before" else 1 if bound == "not_after" else None
        if side is None:
            continue
        if event_id in first[side]:
            more[side].setdefault(event_id, [first[side][event_id]]).append(value)
        else:
            first[side][event_id] = value
    # most events have one bound or none: no key to work out for those
    before = {event_id: max(more[0][event_id], key=lambda v: (_first_day(v), len(v))) if event_id in more[0]
              else first[0].get(event_id, "") for event_id in seen}
    after = {event_id: min(more[1][event_id], key=lambda v: (_latest_day(v), -len(v))) if event_id in more[1]
             else first[1].get(event_id, "") for event_id in seen}
    return before, after


def tightest(bounds: pd.DataFrame) -> tuple[str, str]:
    """``tightest_by_event`` for the bound rows of one event."""
    return next(iter(tightest_by_event(bounds).values()), ("", ""))


def locate_bounds(bounds: pd.DataFrame, texts: dict[str, str], sentences: pd.DataFrame,
                  path=BOUNDS_FILE) -> pd.DataFrame:
    """Hand-coded bounds with sent_id, start, end; basis ``text`` and coding ``hand``."""
    rows = [dict(r, basis="text", coding="hand") for r in _locate(bounds, texts, sentences, path)]
    return pd.DataFrame(rows, columns=PROCESSED_BOUND_COLUMNS)


def publication_bounds(events: pd.DataFrame, evidence: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The rule's bounds: for each undated event, not after the earliest publication date of an article
    that reports it as past (an evidence row reported_as asserted, alleged or historical); the quote is
    that article's first such passage. Events expected, denied or hypothetical get none."""
    published = dict(zip(documents["doc_id"].tolist(), documents["published"].tolist()))
    # read as a list: a pandas column hands out its cells one by one
    undated = set(events.loc[events["date"] == "", "event_id"].tolist())
    # one pass over plain lists instead of a loop over groups (or a pandas sort of every row): the
    # first passage by (day, article, offset) per event; among ties the earlier evidence row, as the
    # minimum over each group did
    first: dict[str, tuple] = {}  # event -> the key of its first passage so far
    row_of: dict[str, int] = {}  # event -> that passage's row (a number: no tuple kept per row)
    event_ids, doc_ids, sent_ids, starts, ends, quotes, modes = (evidence[c].tolist() for c in (
        "event_id", "doc_id", "sent_id", "start", "end", "quote", "reported_as"))
    last_day: dict[str, str] = {}  # an article's latest day, worked out once
    for row, (event_id, doc_id, start, how) in enumerate(zip(event_ids, doc_ids, starts, modes)):
        if event_id in undated and how in PAST_MODES and published.get(doc_id):
            if doc_id not in last_day:
                last_day[doc_id] = _latest_day(published[doc_id])
            key = (last_day[doc_id], doc_id, int(start))
            if event_id not in first or key < first[event_id]:
                first[event_id], row_of[event_id] = key, row
    events_bounded = sorted(first)
    rows = [row_of[e] for e in events_bounded]
    docs = [doc_ids[r] for r in rows]
    reported = [modes[r] for r in rows]
    columns = {"event_id": events_bounded, "bound": ["not_after"] * len(rows), "value": [published[d] for d in docs],
               "basis": ["published"] * len(rows), "doc_id": docs, "sent_id": [int(sent_ids[r]) for r in rows],
               "start": [int(starts[r]) for r in rows], "end": [int(ends[r]) for r in rows],
               "quote": [quotes[r] for r in rows],
               "note": [f"rule: the article, published {published[d]}, reports the event as past ({how})"
                        for d, how in zip(docs, reported)],
               "coding": ["rule"] * len(rows)}
    return frame(columns, PROCESSED_BOUND_COLUMNS)


def bound_table(events: pd.DataFrame, evidence: pd.DataFrame, documents: pd.DataFrame,
                hand_bounds: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every bound of an undated event (the coder's, located, and the rule's), in a fixed order."""
    rule = publication_bounds(events, evidence, documents)
    hand = hand_bounds if hand_bounds is not None else rule.iloc[:0]
    parts = [p for p in (hand[hand["event_id"].isin(set(events["event_id"].tolist()))], rule) if len(p)]
    table = pd.concat(parts, ignore_index=True) if parts else rule
    table = table.astype({"sent_id": int, "start": int, "end": int})[PROCESSED_BOUND_COLUMNS]
    return table.sort_values(["event_id", "bound", "value", "doc_id", "start"], ignore_index=True)


@dataclass(frozen=True)
class EventCoding:
    """The event codebook and the hand-coded events with their (unlocated) evidence."""

    types: pd.DataFrame
    modalities: pd.DataFrame
    roles: pd.DataFrame
    events: pd.DataFrame
    evidence: pd.DataFrame
    bounds: pd.DataFrame = None

    @classmethod
    def load(cls, registry: pd.DataFrame) -> "EventCoding":
        types, modalities = load_event_types(), load_modalities()
        events = load_events(registry, types, modalities)
        return cls(types, modalities, load_roles(registry), events, load_evidence(events, modalities),
                   load_bounds(events))

    def evidence_in(self, texts: dict[str, str], sentences: pd.DataFrame) -> pd.DataFrame:
        """The located evidence rows whose articles are in ``texts``."""
        return locate_evidence(self.evidence[self.evidence["doc_id"].isin(list(texts))], texts, sentences)

    def bounds_in(self, texts: dict[str, str], sentences: pd.DataFrame) -> pd.DataFrame:
        """The located hand-coded bounds whose articles are in ``texts``."""
        bounds = self.bounds if self.bounds is not None else pd.DataFrame(columns=BOUND_COLUMNS, dtype=str)
        return locate_bounds(bounds[bounds["doc_id"].isin(list(texts))], texts, sentences)


def possible_duplicates(events: pd.DataFrame) -> list[tuple[str, str]]:
    """Pairs of events that may be one real-world event coded twice: the same type, a shared actor
    (``actor_ids``) and dates that can mean the same day (one lies within the other, as 2023-09-04
    within 2023-09). Undated events are not compared. A pair found here is for a coder to read: merge
    it, or judge it two events."""
    dated = sorted((e["event_id"], e["type"], e["date"], set(_ids(e["actor_ids"])))
                   for e in records(events) if e["date"])
    return [(a[0], b[0]) for i, a in enumerate(dated) for b in dated[i + 1:]
            if a[1] == b[1] and a[3] & b[3] and (a[2].startswith(b[2]) or b[2].startswith(a[2]))]


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
                roles: pd.DataFrame, bounds: pd.DataFrame | None = None) -> pd.DataFrame:
    """The coded events with their codebook codes, tightest date bounds (from ``bounds``, see
    ``bound_table``), sources and flags, in date order."""
    before_of, after_of = _tightest_columns(bounds) if bounds is not None and len(bounds) else ({}, {})
    published = dict(zip(documents["doc_id"].tolist(), documents["published"].tolist()))
    plover, cameo = dict(zip(types["type"], types["plover"])), dict(zip(types["type"], types["cameo"]))
    # evidence grouped once: a filter per event made the table quadratic in the number of events. Lists:
    # a pandas string column handed out cell by cell cost more than the grouping; row numbers, not a
    # tuple per row, and a list only for an event with more than one row (garbage collection)
    ev_docs, ev_modes, ev_dates = (evidence[c].tolist() for c in ("doc_id", "reported_as", "date_reported"))
    row_of: dict[str, int] = {}
    rows_of: dict[str, list[int]] = {}
    for row, event_id in enumerate(evidence["event_id"].tolist()):
        if event_id in row_of:
            rows_of.setdefault(event_id, [row_of[event_id]]).append(row)
        else:
            row_of[event_id] = row
    role_rows = list(zip(roles["entity_id"], roles["role"], roles["start"], roles["end"]))
    roles_of: dict[str, list[tuple[str, str, str]]] = {}
    for entity_id, role, start, end in role_rows:
        roles_of.setdefault(entity_id, []).append((role, start, end))
    # column by column: a dict per event cost more than working out its columns
    columns = columns_of(events)
    ids, event_dates = columns["event_id"], columns["date"]
    derived = {c: [] for c in ("date_not_before", "date_not_after", "n_sources", "first_reported", "doc_ids",
                               "flag_expected_then_reported", "flag_dates_differ", "flag_role_differs", "role_note")}
    (not_before, not_after, n_sources, first_reported, doc_ids, expected_then_reported, dates_differ, role_differs,
     role_note) = derived.values()
    for event_id, event_date, actor_ids in zip(ids, event_dates, columns["actor_ids"]):
        if event_id in row_of and event_id not in rows_of:  # most events: one passage, so one article, no
            doc_id = ev_docs[row_of[event_id]]  # two dates, no two modes
            sources, joined, first, expected_happened, differ = 1, doc_id, published[doc_id] or "", False, False
        else:
            support = [(ev_docs[r], ev_modes[r], ev_dates[r]) for r in rows_of.get(event_id, ())]
            docs = sorted({d for d, _, _ in support})
            dates = [published[d] for d in docs if published[d]]
            expected = [published[d] for d, how, _ in support if how == "expected"]
            happened = [published[d] for d, how, _ in support if how == "asserted"]
            first = min(dates) if dates else ""
            expected_happened = any(h > e for e in expected for h in happened if e and h)
            differ = dates_conflict([r for _, _, r in support])
            sources, joined = len(docs), "|".join(docs)
        notes = []
        if event_date:
            day = _first_day(event_date)
            for actor in _ids(actor_ids):
                held = roles_of.get(actor, [])
                then = next((r for r, start, end in held if start <= day and (end == "" or end > day)), "")
                now = next((r for r, _, end in held if end == ""), "")
                if then and then != now:
                    notes.append(f"{actor}: {then} on {event_date}" + (f"; now {now}" if now else ""))
        not_before.append(before_of.get(event_id, ""))
        not_after.append(after_of.get(event_id, ""))
        n_sources.append(sources)
        first_reported.append(first)
        doc_ids.append(joined)
        expected_then_reported.append(expected_happened)
        dates_differ.append(differ)
        role_differs.append(bool(notes))
        role_note.append("; ".join(notes))
    columns.update(derived)
    columns["plover"] = [plover[t] for t in columns["type"]]
    columns["cameo"] = [cameo[t] for t in columns["type"]]
    columns["coding"] = [c or "hand" for c in columns.get("coding", [None] * len(ids))]
    table = frame(columns, PROCESSED_EVENT_COLUMNS)
    order = [d if d != "" else "9999" for d in event_dates]  # undated events last
    if all(type(v) is str for v in order) and all(type(v) is str for v in ids):
        # (date, id) tuples sort as pandas sorts the two columns (both stable): no pandas sort
        keys = list(zip(order, ids))
        return table.take(sorted(range(len(keys)), key=keys.__getitem__)).reset_index(drop=True)
    order = table["date"].where(table["date"] != "", "9999")
    return table.assign(_order=order).sort_values(["_order", "event_id"]).drop(columns="_order").reset_index(drop=True)


LEADERS = ("kim_jong_un", "putin")
PHASE_OPENERS = ("agreement_signed",)
AUTOMATIC_OPENER_SOURCES = 3
PHASE_COLUMNS = ["phase", "opened_by", "from", "to", "events"]


def is_phase_opener(event: dict) -> bool:
    """The rule for phases: a new phase opens with each asserted summit of the two leaders
    (a summit_or_talks event whose actors include both Kim Jong Un and Putin) and with
    each signed agreement; an automatic event opens one only when AUTOMATIC_OPENER_SOURCES
    or more articles report it. Events before the first opener are background; an undated event
    whose two bounds (``date_not_before``, ``date_not_after``) fall in one phase belongs to it;
    other undated events stand apart."""
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
                     for e in records(events) if is_phase_opener(e))
    def phase_on(day: str) -> str:
        started = [o for o in openers if o[0] <= day]
        return f"{len(started)}: from {started[-1][0][:7]}" if started else "0: background"

    labels = []
    for event in records(events):
        if event["date"]:
            labels.append(phase_on(_first_day(event["date"])))
            continue
        # undated but bounded on both sides: placed when both bounds fall in the same phase
        before, after = event.get("date_not_before", ""), event.get("date_not_after", "")
        same = before and after and phase_on(_first_day(before)) == phase_on(_latest_day(after))
        labels.append(phase_on(_first_day(before)) if same else "undated")
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
