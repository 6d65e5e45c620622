"""Automatic events for the articles nobody has hand-coded, made from their event candidates.

Hand coding always wins: an article quoted by ``data/annotations/event_evidence.csv``
gets no automatic events. Every other article's candidates (``candidates.py``), except
hypothetical ones, become evidence for events by these rules:

- **Same event.** Two candidates are one real-world event when they have the same type,
  name actors of the same countries (the registry's ``country`` of each actor: event data
  such as ICEWS and POLECAT code actors at this level too), and dates that agree within
  their precision (2024-06-19 lies within 2024-06). Across articles both must be dated;
  within one article an undated candidate joins the article's one dated event of that
  type and countries, or the article's undated one. A year-only candidate that fits two
  more precise events joins neither.
- **A hand-coded event reported again.** A dated automatic event whose type, countries and
  date agree with a hand-coded event is not a new event: its sentences become automatic
  evidence rows of the hand-coded event, whose coded fields stay as the coder wrote them.
- **Its fields.** The most precise date among its sentences (as a day, month or year: a season,
  half-year or week counts as its year, a decade as no date; the evidence row keeps the date as
  the sentence gave it); every actor named; the
  modality ``asserted`` if any sentence asserts it, else the first of alleged, expected,
  denied, historical; a summary written from the type and the countries; ``coding`` =
  ``automatic`` and a ``coder_note`` saying nobody checked it.

Each evidence row quotes its whole sentence, with ``doc_id, sent_id, start, end``.
"""

import hashlib
import re

import pandas as pd

from partnership.events.coding import EVENT_COLUMNS, PROCESSED_EVIDENCE_COLUMNS, _ids, precision_of
from partnership.tables import column_lists, frame, records

MODALITY_PRECEDENCE = ("asserted", "alleged", "expected", "denied", "historical")
NOT_EVENTS = {"hypothetical"}  # a conditional is never an event, not even an automatic one
CODER_NOTE = "automatic: made by rule from event candidates (partnership/events/automatic.py); no person checked it"
EVENT_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")  # the precisions the events table holds


def event_date(value: str) -> str:
    """A candidate's date as an event's date: a day, month or year as it is; a season, half-year or
    week gives its year ("2024-SU", "2024-W25" -> "2024"); a decade ("199", the 1990s) gives none."""
    if EVENT_DATE.fullmatch(value):
        return value
    return value[:4] if len(value) > 4 and value[:4].isdigit() else ""


def compatible(a: str, b: str) -> bool:
    """True when two TIMEX3 dates can mean the same day (one lies within the other)."""
    return bool(a) and bool(b) and (a.startswith(b) or b.startswith(a))


def countries_of(actor_ids: str, country: dict[str, str]) -> tuple[str, ...]:
    """The actors' countries, sorted; actors without a country stand for themselves."""
    return tuple(sorted({country.get(a) or a for a in _ids(actor_ids)}))


def automatic_events(candidates: pd.DataFrame, hand_events: pd.DataFrame, hand_evidence: pd.DataFrame,
                     registry: pd.DataFrame, types: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(new automatic events with EVENT_COLUMNS + coding, automatic evidence rows with coding).

    Evidence rows may point at hand-coded event ids (a hand-coded event reported by a new
    article); the events returned are only the new ones.
    """
    country = dict(zip(registry["entity_id"], registry["country"]))
    hand_docs = set(hand_evidence["doc_id"])
    pool = candidates[~candidates["doc_id"].isin(hand_docs) & ~candidates["modality"].isin(NOT_EVENTS)]
    # the candidates as columns, a candidate by its row number: no dict or tuple per candidate (their
    # making and their garbage collection cost more than the clustering)
    c = _Candidates(*column_lists(pool, ["doc_id", "sent_id", "start", "end", "text", "type", "triggers", "modality",
                                         "actor_ids", "date"]))
    c.start, c.end, c.sent_key = (values if pool[name].dtype.kind in "iu" else [int(v) for v in values]
                                  for name, values in (("start", c.start), ("end", c.end), ("sent_id", c.sent_id)))
    # the same actor lists and dates recur in thousands of sentences: each worked out once
    known = {actors: countries_of(actors, country) for actors in dict.fromkeys(c.actor_ids)}
    c.countries = [known[actors] for actors in c.actor_ids]
    as_event_date = {date: event_date(date) for date in dict.fromkeys(c.reported)}  # the evidence keeps what was said
    c.date = [as_event_date[date] for date in c.reported]
    clusters = _cluster(c)
    hand = [(e["event_id"], e["type"], e["date"], set(countries_of(e["actor_ids"] + "|" + e["recipient_ids"],
                                                                   country)))
            for e in records(hand_events) if e["date"]]
    hand_of_type: dict[str, list[tuple]] = {}  # looked up per cluster: a scan of every hand event each cost more
    for h in hand:
        hand_of_type.setdefault(h[1], []).append(h)
    labels = dict(zip(types["type"], types["type"].str.replace("_", " ")))
    names = _country_names(registry)
    # the pieces of an event's row that recur, each worked out once: a type's label, the countries' names,
    # an actor list sorted, a trigger list
    label = {t: labels.get(t, t).capitalize() for t in dict.fromkeys(c.type)}
    who = {cs: _and([names.get(n, n) for n in cs]) or "no actor named in the sentence" for cs in known.values()}
    actor_text = {ids: "|".join(sorted(set(_ids(ids)))) for ids in known}
    trigger_text = {ts: ", ".join(sorted({t for t in str(ts).split(" | ") if t})) for ts in dict.fromkeys(c.triggers)}
    events = {c: [] for c in ("event_id", "type", "date", "date_precision", "actor_ids", "modality", "summary")}
    new_ids, new_types, new_dates, precisions, new_actors, modalities, summaries = events.values()
    placed = []  # each cluster's event id
    for members in clusters:
        first = members[0]
        date = c.date[first] if len(members) == 1 else _most_precise([c.date[m] for m in members])
        event_type, countries = c.type[first], c.countries[first]
        same = ([h for h in hand_of_type[event_type] if compatible(h[2], date) and set(countries) <= h[3]]
                if date and event_type in hand_of_type else ())  # an undated event is compatible with none
        if len(same) == 1:
            placed.append(same[0][0])
            continue
        if len(members) == 1:  # most events: one sentence, one article
            modality, actors, triggers, documents = (c.modality[first], actor_text[c.actor_ids[first]],
                                                     trigger_text[c.triggers[first]], 1)
            sources = f"{c.doc_id[first]}:{c.sent_id[first]}"
        else:
            modality, actors, triggers, documents = _fields(c, members, actor_text, trigger_text)
            sources = "|".join(f"{c.doc_id[m]}:{c.sent_id[m]}" for m in members)
        event_id = _event_id(event_type, date, sources)
        placed.append(event_id)
        new_ids.append(event_id)
        new_types.append(event_type)
        new_dates.append(date)
        precisions.append(precision_of(date) or "unknown")
        new_actors.append(actors)
        modalities.append(modality)
        summaries.append(f"{label[event_type]} involving {who[countries]} "
                         f"(automatic: “{triggers}” in {len(members)} sentence{'s' * (len(members) != 1)} of "
                         f"{documents} text{'s' * (documents != 1)}).")
    rows = [m for members in clusters for m in members]
    evidence = {"event_id": [event_id for event_id, members in zip(placed, clusters) for _ in members]}
    for column, values in (("doc_id", c.doc_id), ("sent_id", c.sent_key), ("start", c.start), ("end", c.end),
                           ("quote", c.text), ("reported_as", c.modality), ("date_reported", c.reported)):
        evidence[column] = list(map(values.__getitem__, rows))
    evidence["coding"] = ["automatic"] * len(rows)
    constant = {"date_end": "", "recipient_ids": "", "location_id": "", "coder_note": CODER_NOTE,
                "coding": "automatic"}
    events.update({column: [value] * len(new_ids) for column, value in constant.items()})
    return frame(events, [*EVENT_COLUMNS, "coding"]), frame(evidence, [*PROCESSED_EVIDENCE_COLUMNS, "coding"])


class _Candidates:
    """The candidates' columns as lists (``date``: the event's date; ``reported``: the date as said)."""

    def __init__(self, doc_id, sent_id, start, end, text, type, triggers, modality, actor_ids, reported):
        self.doc_id, self.sent_id, self.start, self.end, self.text = doc_id, sent_id, start, end, text
        self.type, self.triggers, self.modality, self.actor_ids, self.reported = (type, triggers, modality, actor_ids,
                                                                                  reported)
        self.sent_key, self.countries, self.date = sent_id, [], []


def _cluster(c: _Candidates) -> list[list[int]]:
    """Candidates (row numbers) grouped into events (see the module's rules), in a fixed order."""
    dates, docs, sents = c.date, c.doc_id, c.sent_key

    def by_place(r):
        return docs[r], sents[r]

    by_key: dict[tuple, list[int]] = {}
    for row, key in enumerate(zip(c.type, c.countries)):
        by_key.setdefault(key, []).append(row)
    clusters = []
    for key in sorted(by_key):
        group = by_key[key]
        if len(group) == 1:  # one candidate, dated or not: an event of its own
            clusters.append(group)
            continue
        dated = sorted((r for r in group if dates[r]), key=lambda r: (-len(dates[r]), dates[r], docs[r], sents[r]))
        events: list[list[int]] = []
        by_prefix: dict[str, list[int]] = {}  # a date -> the events whose date starts with it
        by_date: dict[str, list[int]] = {}  # an event's own date -> those events
        for row in dated:  # most precise first, so a vaguer date joins the event it fits
            date = dates[row]
            fits = set(by_prefix.get(date, []))
            for shorter in (date[:4], date[:7]):
                if len(shorter) < len(date):
                    fits.update(by_date.get(shorter, []))
            if len(fits) == 1:
                events[fits.pop()].append(row)
                continue
            # none fits, or it fits two events and cannot say which: an event of its own
            index = len(events)
            events.append([row])
            by_date.setdefault(date, []).append(index)
            for prefix in {date[:4], date[:7], date}:
                by_prefix.setdefault(prefix, []).append(index)
        alone_in = {}  # article -> its events, for events told by that one article only
        for index, members in enumerate(events):
            in_docs = {docs[m] for m in members}
            if len(in_docs) == 1:
                alone_in.setdefault(in_docs.pop(), []).append(index)
        undated: dict[str, list[int]] = {}
        for row in sorted((r for r in group if not dates[r]), key=by_place):
            own = alone_in.get(docs[row], [])
            if len(own) == 1:
                events[own[0]].append(row)
            else:
                undated.setdefault(docs[row], []).append(row)
        clusters += events + [undated[d] for d in sorted(undated)]
    for members in clusters:
        if len(members) > 1:
            members.sort(key=by_place)
    return clusters


def _fields(c: _Candidates, members: list[int], actor_text: dict[str, str], trigger_text: dict[str, str]
            ) -> tuple[str, str, str, int]:
    """The modality, actor ids, triggers and number of articles of an event of several candidates."""
    modalities = {c.modality[m] for m in members}
    modality = next((m for m in MODALITY_PRECEDENCE if m in modalities), sorted(modalities)[0])
    actor_lists, trigger_lists = {c.actor_ids[m] for m in members}, {c.triggers[m] for m in members}
    actors = (actor_text[next(iter(actor_lists))] if len(actor_lists) == 1
              else "|".join(sorted({a for ids in actor_lists for a in _ids(ids)})))
    triggers = (trigger_text[next(iter(trigger_lists))] if len(trigger_lists) == 1
                else ", ".join(sorted({t for ts in trigger_lists for t in str(ts).split(" | ") if t})))
    return modality, actors, triggers, len({c.doc_id[m] for m in members})


def _most_precise(dates: list[str]) -> str:
    dated = sorted((d for d in dates if d), key=lambda d: (-len(d), d))
    return dated[0] if dated else ""


def _event_id(event_type: str, date: str, sources: str) -> str:
    """``sources``: the candidates' ``doc_id:sent_id``, joined by '|'."""
    digest = hashlib.sha256(sources.encode("utf-8")).hexdigest()[:8]
    return f"auto_{date.replace('-', '_') or 'undated'}_{event_type}_{digest}"


def _country_names(registry: pd.DataFrame) -> dict[str, str]:
    """Country code -> the name of the state with that code in the registry."""
    states = registry[(registry["type"] == "GPE") & (registry["role"] == "state")]
    names = {}
    for code, name in zip(states["country"], states["name"]):
        if code and code not in names:
            names[code] = name
    for entity, name in zip(registry["entity_id"], registry["name"]):
        names.setdefault(entity, name)
    return names


def _and(words: list[str]) -> str:
    return " and ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + " and " + words[-1]
