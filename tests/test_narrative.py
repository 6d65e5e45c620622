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
                                            "title": "T", "n_words": "120"}])
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
    # phase 1: summit and visit are cooperation of the partners, the accusation a reaction; phase 2: the
    # alleged transfer counts too
    assert "2 events of cooperation between North Korea and Russia and 1 of reaction to it, from any side." in text
    assert "3 events of cooperation between North Korea and Russia and none of reaction to it, from any side, against 2 and 1 in the " \
           "phase before (too few to compare as shares)." in text
    assert "New in this phase: arms transfers (1)" in text


def test_shares_only_on_enough_events_and_only_the_partners_cooperate():
    many = [event(f"v{i}", "visit", f"2020-{i % 12 + 1:02d}-01", "shoigu") for i in range(10)]
    many += [event(f"r{i}", "accusation", f"2024-{i % 5 + 7:02d}-01", "usa") for i in range(5)]
    many += [event(f"w{i}", "visit", f"2024-{i % 5 + 7:02d}-02", "shoigu") for i in range(5)]
    many += [event("x", "summit_or_talks", "2024-07-03", "usa", recipient_ids="ukr"),  # not the partners
             event("e", "visit", "2024-07-04", "shoigu", modality="expected")]  # not counted
    text = narrative(tables([SUMMITS[0], SUMMITS[3], *many]))
    # phase 2: its summit and five visits (not the expected one, not the US-Ukraine talks) against five accusations
    assert "6 events of cooperation between North Korea and Russia and 5 of reaction to it, from any side (1 more between " \
           "other states), against 11 and 0 in the phase before: cooperation down from 100% to 55% of the two." in text


def test_an_office_change_is_told_from_the_roles_table():
    text = narrative(tables(SUMMITS))
    assert "Offices changed: Sergei Shoigu, Invented Office A in phase 1, now acts as Invented Office B" in text
    quiet = narrative(tables(SUMMITS), roles=ROLES.iloc[[1]].assign(start="2000-01-01"))
    assert "Offices changed" not in quiet


def test_a_phase_nobody_wrote_about_at_the_time_is_said_to_be_retrospective():
    text = narrative(tables(SUMMITS))
    phase_1, phase_2 = text.split("### Phase 2")[0], text.split("### Phase 2")[1]
    assert "No article in the corpus was published during this phase" in phase_1
    assert "In the 1 article published during this phase" in phase_2
    assert "What was said at the time rests on 1 article (t1; 120 words)." in phase_2


def test_an_event_that_may_fall_after_the_next_opening_is_flagged():
    year_only = [*SUMMITS, event("y", "denial", "2024", "rus")]  # 2024-01-01 to 2024-12-31: either side of June
    phase_1 = narrative(tables(year_only)).split("### Phase 2")[0]
    assert "1 event is dated only to a month or a year, or over a range, that reaches past the next phase's " \
           "opening: placed by its first day, it may belong to the next phase (Summary of y)." in phase_1


def test_an_alleged_event_is_a_limit_and_a_stockpile_is_not_support():
    transfer = list(pd.DataFrame(SUMMITS)["event_id"]).index("t1")  # its evidence sentence
    quantities = [{"doc_id": "t1_x", "sent_id": str(transfer), "start": "3", "text": "5,000 shells", "kind": "materiel",
                   "refers_to": "stockpile"}]
    text = narrative(tables(SUMMITS, quantities=quantities))
    assert "1 event is one side's claim that no article confirms: Summary of t1" in text
    assert "5,000 shells" not in text
    sent = [{**quantities[0], "refers_to": "transferred"}]
    told = narrative(tables(SUMMITS, quantities=sent))
    assert f"“5,000 shells” (transferred, alleged, 2024-08-01; t1 s{transfer})" in told


def test_a_figure_from_a_range_placed_by_its_first_day_shows_the_range():
    ranged = [*SUMMITS[:5], event("t1", "arms_transfer", "2023-09", "prk", date_end="2025")]
    quantities = [{"doc_id": "t1_x", "sent_id": "5", "start": "3", "text": "9 million shells", "kind": "materiel",
                   "refers_to": "transferred"}]
    phase_1 = narrative(tables(ranged, quantities=quantities)).split("### Phase 2")[0]
    assert "“9 million shells” (transferred, 2023-09 to 2025; t1 s5)" in phase_1
    assert "each with the dates of the event it describes" in phase_1
    # the later phase the range reaches into shows it as still going on, not as a phase without figures
    phase_2 = narrative(tables(ranged, quantities=quantities)).split("### Phase 2")[1]
    assert "Still going on from an earlier phase, by the dates of the events they describe: " \
           "“9 million shells” (transferred, 2023-09 to 2025; t1 s5)." in phase_2
    ended = [*SUMMITS[:5], event("t1", "arms_transfer", "2023-09", "prk", date_end="2023-12")]
    assert "Still going on" not in narrative(tables(ended, quantities=quantities))


def test_statements_are_counted_once_even_when_joint():
    claims = [{"doc_id": "t1_x", "sent_id": "1", "stance": "accuse", "speaker_country": "USA", "speaker_text": "x"},
              {"doc_id": "t1_x", "sent_id": "2", "stance": "deny", "speaker_country": "RUS|PRK", "speaker_text": "y"}]
    text = narrative(tables(SUMMITS, claims=claims)).split("### Phase 2")[1]
    assert "2 statements are attributed to a speaker" in text
    assert "1 accusation, warning or request (t1 s1), by speakers of the United States" in text
    assert "1 denial (t1 s2), by speakers of North Korea and Russia, 1 of them joint" in text


def test_undated_and_bounded_events_stand_outside_the_phases():
    undated = [*SUMMITS, event("u1", "troop_deployment", "", "prk", date_not_after="2025-01-05"),
               event("u2", "denial", "", "rus")]
    text = narrative(tables(undated)).split("### Events outside the phases")[1]
    assert "2 events have no date, or only bounds that do not fit inside one phase" in text
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
            assert f"its {n} event{'s are' if n != 1 else ' is'} dated" in text


def test_most_quoted_counts_entities_once_and_no_speaker_apart():
    from partnership.report.wording import most_quoted
    claims = pd.DataFrame({"speaker_id": ["kim_jong_un", "kim_jong_un", "", "", "usa|kor", ""],
                           "speaker_text": ["Kim Jong Un", "Kim", "US official", "", "Washington and Seoul", ""]})
    names = {"kim_jong_un": "Kim Jong Un", "usa": "United States", "kor": "South Korea"}
    assert most_quoted(claims, names) == ("Kim Jong Un (2), US official (1), United States and South Korea (1); "
                                          "2 without a named speaker")
    assert most_quoted(claims.iloc[:0], names) == "nobody named"


def test_an_appeal_from_one_partner_to_the_other_asks_for_cooperation():
    # invented: Russia's minister asks North Korea for shells (cooperation, by strand_between_partners in
    # event_types.csv); the United States asks North Korea to stop (reaction); North Korea and Russia deny
    # together (reaction: no recipient, so the type's own strand holds)
    appeals = [event("p1", "demand_or_appeal", "2020-05-01", "shoigu", recipient_ids="prk"),
               event("p2", "demand_or_appeal", "2020-05-02", "usa", recipient_ids="prk"),
               event("p3", "denial", "2020-05-03", "prk|rus")]
    text = narrative(tables([SUMMITS[0], *appeals]))
    assert "2 events of cooperation between North Korea and Russia and 2 of reaction to it, from any side." in text
