"""Automatic events: candidates of articles nobody hand-coded, merged into real-world events."""

import shutil

import pandas as pd
import pytest

from partnership import config
from partnership.annotate.entities import load_registry
from partnership.build import build
from partnership.events.automatic import automatic_events, compatible
from partnership.events.candidates import CANDIDATE_COLUMNS
from partnership.events.coding import EVENT_COLUMNS, PROCESSED_EVIDENCE_COLUMNS, load_event_types

from tests.conftest import sources_csv


def candidate(doc_id, sent_id, event_type, actors, date="", modality="asserted", trigger="signed"):
    return {"doc_id": doc_id, "sent_id": sent_id, "start": 10 * sent_id, "end": 10 * sent_id + 9,
            "text": f"sentence {sent_id}", "type": event_type, "triggers": trigger, "modality": modality,
            "modality_cues": "", "actor_ids": actors, "date": date, "matched_event_ids": ""}


def run(rows, hand_events=None, hand_evidence=None):
    candidates = pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)
    hand_events = pd.DataFrame(columns=EVENT_COLUMNS) if hand_events is None else hand_events
    hand_evidence = pd.DataFrame(columns=PROCESSED_EVIDENCE_COLUMNS) if hand_evidence is None else hand_evidence
    return automatic_events(candidates, hand_events, hand_evidence, load_registry(), load_event_types())


def test_dates_agree_within_their_precision():
    assert compatible("2024-06-19", "2024-06") and compatible("2024", "2024-06-19")
    assert not compatible("2024-06", "2024-07") and not compatible("", "2024")


def test_one_event_reported_by_several_articles_is_one_event():
    events, evidence = run([
        candidate("a", 1, "agreement_signed", "putin|kim_jong_un", "2024-06-19"),
        candidate("b", 3, "agreement_signed", "rus|prk", "2024-06"),
        candidate("c", 2, "agreement_signed", "prk|rus", "2024-06-19"),
        candidate("d", 5, "agreement_signed", "rus|prk", "2024-07-01"),  # another date: another event
        candidate("e", 4, "agreement_signed", "usa|kor", "2024-06-19"),  # other countries: another event
    ])
    assert len(events) == 3
    treaty = events[events["date"] == "2024-06-19"]
    members = evidence[evidence["event_id"].isin(treaty["event_id"])]
    assert sorted(members["doc_id"]) == ["a", "b", "c", "e"] and treaty["date_precision"].eq("day").all()
    assert set(events["coding"]) == {"automatic"} and set(evidence["coding"]) == {"automatic"}
    assert "Russia" in " ".join(events["summary"]) and "automatic" in " ".join(events["summary"])


def test_undated_sentences_join_only_their_own_articles_event():
    events, evidence = run([
        candidate("a", 1, "arms_transfer", "rus|prk", "2023-09"),
        candidate("a", 4, "arms_transfer", "prk|rus"),          # same article, undated: joins
        candidate("b", 2, "arms_transfer", "rus|prk"),          # another article, undated: alone
    ])
    assert len(events) == 2
    by_doc = evidence.groupby("event_id")["doc_id"].apply(lambda d: "".join(sorted(d)))
    assert sorted(by_doc) == ["aa", "b"]
    assert (events["date_precision"] == "unknown").sum() == 1


def test_a_vague_date_that_fits_two_events_joins_neither():
    events, _ = run([
        candidate("a", 1, "visit", "shoigu|prk", "2025-06-04", trigger="visit"),
        candidate("b", 1, "visit", "shoigu|prk", "2025-06-17", trigger="visit"),
        candidate("c", 1, "visit", "shoigu|prk", "2025-06", trigger="visit"),
    ])
    assert len(events) == 3


def test_hypotheticals_are_never_events_and_hand_coded_articles_get_none():
    hand_evidence = pd.DataFrame([{"event_id": "x", "doc_id": "a", "sent_id": 1, "start": 0, "end": 5,
                                   "quote": "quote", "reported_as": "asserted", "date_reported": ""}])
    events, evidence = run([
        candidate("a", 1, "arms_transfer", "rus|prk", "2023-09"),
        candidate("b", 2, "troop_deployment", "prk", "2024-10", modality="hypothetical"),
        candidate("c", 2, "troop_deployment", "prk", "2024-10", modality="alleged"),
    ], hand_evidence=hand_evidence)
    assert list(evidence["doc_id"]) == ["c"] and list(events["modality"]) == ["alleged"]


def test_asserted_wins_over_alleged_when_sources_differ():
    events, _ = run([
        candidate("a", 1, "troop_deployment", "prk|rus", "2024-10", modality="alleged"),
        candidate("b", 1, "troop_deployment", "prk|rus", "2024-10-20", modality="asserted"),
    ])
    assert list(events["modality"]) == ["asserted"] and list(events["date"]) == ["2024-10-20"]


NEW_ARTICLE = (
    "Treaty ratified in Moscow\n"
    "Russia and North Korea signed the Comprehensive Strategic Partnership Agreement on June 19, 2024, in "
    "Pyongyang. The Russian parliament ratified the treaty in November 2024, officials said.\n"
)


@pytest.fixture(scope="module")
def built_with_a_new_article(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw") / "raw"
    shutil.copytree(config.RAW_DIR, raw)
    (raw / "invented_treaty_report.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    sources = pd.read_csv(raw / "sources.csv", dtype=str, keep_default_na=False)
    row = {column: "" for column in sources.columns}
    row.update(file="invented_treaty_report.txt", doc_id="invented_treaty_report", published="2024-12-01",
               date_precision="day", genre="wire")
    rows = pd.concat([sources, pd.DataFrame([row])], ignore_index=True)
    (raw / "sources.csv").write_text(sources_csv(rows.to_dict("records"), list(sources.columns)), encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    build(raw, out)
    read = lambda name: pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)  # noqa: E731
    return read("events"), read("event_evidence"), {"invented_treaty_report": NEW_ARTICLE}


def test_a_new_article_joins_the_hand_coded_event_it_reports(built_with_a_new_article):
    events, evidence, _ = built_with_a_new_article
    committed = pd.read_csv(config.PROCESSED_DIR / "events.csv", dtype=str, keep_default_na=False)
    treaty = events[(events["type"] == "agreement_signed") & (events["date"] == "2024-06-19")]
    assert len(treaty) == 1 and treaty["coding"].iloc[0] == "hand"
    before = committed.set_index("event_id").loc[treaty["event_id"].iloc[0]]
    assert int(treaty["n_sources"].iloc[0]) == int(before["n_sources"]) + 1
    assert treaty["summary"].iloc[0] == before["summary"]  # the coder's words stay
    new_rows = evidence[evidence["doc_id"] == "invented_treaty_report"]
    assert set(new_rows["coding"]) == {"automatic"} and len(new_rows)


def test_hand_coded_events_of_the_seed_articles_are_otherwise_unchanged(built_with_a_new_article):
    events, _, _ = built_with_a_new_article
    committed = pd.read_csv(config.PROCESSED_DIR / "events.csv", dtype=str, keep_default_na=False)
    hand = events[events["coding"] == "hand"].set_index("event_id")
    assert set(hand.index) == set(committed["event_id"])
    untouched = [e for e in hand.index if "invented_treaty_report" not in hand.loc[e, "doc_ids"]]
    columns = [c for c in committed.columns]
    assert hand.loc[untouched].reset_index()[columns].sort_values("event_id", ignore_index=True).equals(
        committed[committed["event_id"].isin(untouched)].sort_values("event_id", ignore_index=True)[columns])


def test_automatic_evidence_points_into_the_text(built_with_a_new_article):
    events, evidence, texts = built_with_a_new_article
    mine = evidence[evidence["doc_id"] == "invented_treaty_report"]
    for row in mine.itertuples():
        assert texts[row.doc_id][int(row.start):int(row.end)] == row.quote
    automatic = events[events["coding"] == "automatic"]
    assert set(automatic["doc_ids"]) <= {"invented_treaty_report"}


def test_an_automatic_event_opens_a_phase_only_when_several_articles_report_it():
    from partnership.events.coding import AUTOMATIC_OPENER_SOURCES, is_phase_opener

    event = {"type": "agreement_signed", "modality": "asserted", "date": "2024-06-19", "actor_ids": "rus|prk",
             "recipient_ids": "", "coding": "automatic", "n_sources": AUTOMATIC_OPENER_SOURCES - 1}
    assert not is_phase_opener(event)
    assert is_phase_opener(event | {"n_sources": AUTOMATIC_OPENER_SOURCES})
    assert is_phase_opener(event | {"coding": "hand", "n_sources": 1})


def test_an_event_is_dated_to_a_day_month_or_year_and_its_evidence_keeps_the_date_as_said():
    """A decade, season, half-year or week in a sentence ("in the 1990s", "in the summer of 2024")
    gives an event no date or its year: the events table, its charts and its bounds read only
    YYYY, YYYY-MM and YYYY-MM-DD."""
    events, evidence = run([
        candidate("a", 1, "visit", "rus|prk", "199"),           # the 1990s
        candidate("b", 2, "arms_transfer", "rus|prk", "2024-SU"),
        candidate("c", 3, "summit_or_talks", "rus|prk", "2024-W25"),
        candidate("d", 4, "military_display", "prk", "2023-H1"),
    ])
    assert sorted(events["date"]) == ["", "2023", "2024", "2024"]
    assert set(events["date_precision"]) == {"unknown", "year"}
    assert sorted(evidence["date_reported"]) == ["199", "2023-H1", "2024-SU", "2024-W25"]
