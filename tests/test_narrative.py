"""The phase narrative: every sentence a rule over the tables, on invented tables and on the seed build."""

import re

import pandas as pd
import pytest

from partnership import config
from partnership.annotate.entities import load_registry
from partnership.events.coding import PROCESSED_EVENT_COLUMNS, assign_phases, load_event_types, load_roles
from partnership.report.narrative import phase_narrative
from partnership.report.report_figures import processed_tables

REGISTRY = load_registry()
TYPES = load_event_types()
ROLES = pd.DataFrame([
    {"entity_id": "shoigu", "role": "Invented Office A", "start": "2010-01-01", "end": "2024-01-01", "note": ""},
    {"entity_id": "shoigu", "role": "Invented Office B", "start": "2024-01-01", "end": "", "note": ""},
])


def event(event_id, type_, date, actors, modality="asserted", n_sources=1, **extra):
    row = dict.fromkeys(PROCESSED_EVENT_COLUMNS, "")
    row.update(event_id=event_id, type=type_, date=date, actor_ids=actors, modality=modality,
               summary=f"Summary of {event_id}.", n_sources=str(n_sources), coding="hand", **extra)
    return row


def tables(events, documents=None, claims=None, quantities=None):
    events = pd.DataFrame(events)
    evidence = pd.DataFrame([{"event_id": e, "doc_id": "t1_x", "sent_id": str(i), "start": "0", "end": "1",
                              "quote": "q", "reported_as": "asserted", "date_reported": "", "coding": "hand"}
                             for i, e in enumerate(events["event_id"])])
    documents = pd.DataFrame(documents or [{"doc_id": "t1_x", "published": "2025-01-05", "genre": "wire",
                                            "title": "T"}])
    claims = pd.DataFrame(claims or [], columns=["doc_id", "sent_id", "stance", "speaker_country", "speaker_text"])
    hedges = pd.DataFrame({"doc_id": ["t1_x"], "sent_id": ["0"], "hedged": ["False"]})
    quantities = pd.DataFrame(quantities or [], columns=["doc_id", "sent_id", "start", "text", "kind", "refers_to"])
    return {"events": events, "event_evidence": evidence, "documents": documents, "claims": claims,
            "hedges": hedges, "quantities": quantities}


SUMMITS = [event("s1", "summit_or_talks", "2019-04-25", "kim_jong_un|putin"),
           event("v1", "visit", "2020-05-01", "shoigu"),
           event("a1", "accusation", "2020-06-01", "usa"),
           event("s2", "summit_or_talks", "2024-06-01", "kim_jong_un|putin"),
           event("v2", "visit", "2024-07-01", "shoigu"),
           event("t1", "arms_transfer", "2024-08-01", "prk", modality="alleged")]


def narrative(t, roles=ROLES):
    return phase_narrative(t, REGISTRY, TYPES, roles)


def test_a_phase_per_summit_with_the_shift_between_strands():
    text = narrative(tables(SUMMITS))
    assert "### Phase 1" in text and "### Phase 2" in text and "### Phase 3" not in text
    # phase 1: two summits/visits are cooperation, one accusation is reaction; phase 2: all three cooperation
    assert "Of the 3 events the coverage dates to this phase, 2 are cooperation" in text
    assert "against 2 and 1 of 3 in the phase before: cooperation rises from 67% to 100% of events" in text
    assert "New in this phase: arms transfers (1)" in text


def test_an_office_change_is_told_from_the_roles_table():
    text = narrative(tables(SUMMITS))
    assert "Offices changed: Sergei Shoigu, Invented Office A in phase 1, now acts as Invented Office B" in text
    quiet = narrative(tables(SUMMITS), roles=ROLES.iloc[[1]].assign(start="2000-01-01"))
    assert "Offices changed" not in quiet


def test_a_phase_nobody_wrote_about_at_the_time_is_said_to_be_retrospective():
    text = narrative(tables(SUMMITS))
    phase_1 = text.split("### Phase 2")[0]
    assert "No article in the corpus was published during this phase" in phase_1
    assert "In the 1 article published during this phase" in text.split("### Phase 2")[1]


def test_an_alleged_event_is_a_limit_and_a_stockpile_is_not_support():
    quantities = [{"doc_id": "t1_x", "sent_id": "5", "start": "3", "text": "5,000 shells", "kind": "materiel",
                   "refers_to": "stockpile"}]
    text = narrative(tables(SUMMITS, quantities=quantities))
    assert "1 event is one side's claim that no article confirms: Summary of t1" in text
    assert "5,000 shells" not in text
    sent = [{**quantities[0], "refers_to": "transferred"}]
    assert "“5,000 shells” (transferred, alleged; t1 s5)" in narrative(tables(SUMMITS, quantities=sent))


def test_speakers_are_counted_by_country_and_stance():
    claims = [{"doc_id": "t1_x", "sent_id": "1", "stance": "accuse", "speaker_country": "USA", "speaker_text": "x"},
              {"doc_id": "t1_x", "sent_id": "2", "stance": "praise", "speaker_country": "RUS|PRK", "speaker_text": "y"}]
    text = narrative(tables(SUMMITS, claims=claims)).split("### Phase 2")[1]
    assert "2 statements are attributed to a speaker" in text
    assert "accusations, warnings and appeals came from United States (1) (t1 s1)" in text
    assert "praise came from North Korea (1) and Russia (1) (t1 s2)" in text


def test_undated_and_bounded_events_stand_outside_the_phases():
    undated = [*SUMMITS, event("u1", "troop_deployment", "", "prk", date_not_after="2025-01-05"),
               event("u2", "denial", "", "rus")]
    text = narrative(tables(undated)).split("### Events outside the phases")[1]
    assert "do not date 2 events" in text
    assert "Summary of u1 (not after 2025-01-05;" in text
    assert "1 of them the articles bound without dating" in text


def test_no_summit_means_no_phase_and_no_events_says_so():
    text = narrative(tables([event("v1", "visit", "2020-05-01", "shoigu")]))
    assert "### Phase" not in text and "Before the first summit" in text
    empty = tables(SUMMITS)
    empty["events"] = empty["events"].iloc[0:0]
    assert narrative(empty) == "The articles yield no event, so the story has no phases to tell."


@pytest.fixture(scope="module")
def seed_text():
    registry = load_registry()
    return processed_tables(), phase_narrative(processed_tables(), registry, load_event_types(),
                                               load_roles(registry))


def test_on_the_build_every_citation_is_a_sentence_and_every_phase_is_told(seed_text):
    t, text = seed_text
    sentences = pd.read_csv(config.PROCESSED_DIR / "sentences.csv", dtype=str, keep_default_na=False)
    known = {(d.split("_")[0], s) for d, s in zip(sentences["doc_id"], sentences["sent_id"])} | \
        set(zip(sentences["doc_id"], sentences["sent_id"]))
    cited = re.findall(r"(?<![\w-])([\w]+) s(\d+)\b", text)
    assert cited and all(c in known for c in cited)
    _, phases = assign_phases(t["events"])
    numbered = [p for p in phases["phase"] if p[0].isdigit() and p[0] != "0"]
    assert text.count("### Phase ") == len(numbered)
    for label, n in zip(phases["phase"], phases["events"]):
        if label in numbered:
            assert f"Of the {n} event" in text
