"""The numbers behind the charts, from small invented tables."""

import pandas as pd

from partnership.report.chart_claims import hedging_data, speakers_data
from partnership.report.chart_events import timeline_data
from partnership.report.chart_network import network_data
from partnership.report.chart_quantities import support_data

DOCUMENTS = pd.DataFrame({"doc_id": ["b", "a"], "published": ["2024-02-01", "2023-05"],
                          "date_precision": ["day", "month"]})


def test_support_figures_are_attributed_to_the_speaker_of_their_sentence():
    quantities = pd.DataFrame({"doc_id": ["a", "b", "b"], "sent_id": ["1", "2", "3"], "value": ["5000", "10", "2"],
                               "unit": ["personnel", "containers", "mm"], "mod": ["MORE_THAN", "", ""],
                               "kind": ["personnel", "materiel", "calibre"], "text": ["over 5,000 troops", "10 containers", "2-mm"]})
    claims = pd.DataFrame({"doc_id": ["a"], "sent_id": ["1"], "speaker_text": ["U.S. officials"]})
    data = support_data(quantities, claims, DOCUMENTS)
    assert data[["unit", "published", "claimed_by"]].values.tolist() == [
        ["containers", "2024-02-01", "the article (no attribution)"], ["personnel", "2023-05", "U.S. officials"]]


def test_hedging_shares_and_order():
    hedges = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "b", "b"],
                           "hedged": ["True", "False", "True", "True", "True", "False"]})
    data = hedging_data(hedges, DOCUMENTS)
    assert data[["doc_id", "sentences", "hedged", "share"]].values.tolist() == [["a", 2, 1, 0.5], ["b", 4, 3, 0.75]]


def test_speakers_are_counted_per_article_in_publication_order():
    claims = pd.DataFrame({"doc_id": ["b", "b", "a"], "speaker_country": ["USA", "USA", ""],
                           "stance": ["warn", "warn", "report"]})
    data = speakers_data(claims, DOCUMENTS)
    assert data[["article", "doc_id", "speaker_country", "stance", "statements"]].values.tolist() == [
        [1, "a", "(unnamed)", "report", 1], [2, "b", "USA", "warn", 2]]


def test_network_counts_shared_sentences_once_per_pair():
    mentions = pd.DataFrame({"doc_id": ["a"] * 5, "sent_id": ["1", "1", "1", "2", "2"],
                             "entity_id": ["putin", "kim_jong_un", "putin", "putin", "kim_jong_un"],
                             "type": ["PERSON"] * 5})
    registry = pd.DataFrame({"entity_id": ["putin", "kim_jong_un"], "name": ["Vladimir Putin", "Kim Jong Un"],
                             "country": ["RUS", "PRK"]})
    data = network_data(mentions, registry)
    edges = data[data["kind"] == "edge"]
    assert edges[["source", "target", "weight"]].values.tolist() == [["kim_jong_un", "putin", 2]]
    nodes = data[data["kind"] == "node"]
    assert nodes[["source", "weight"]].values.tolist() == [["kim_jong_un", 2], ["putin", 3]]  # PRK before RUS


def test_timeline_leaves_out_undated_events_and_spans_months():
    events = pd.DataFrame({
        "event_id": ["s", "u", "m"], "type": ["summit_or_talks", "war", "visit"], "date": ["2019-04", "", "2023-09-13"],
        "date_end": ["", "", ""], "actor_ids": ["kim_jong_un|putin", "rus", "putin"], "recipient_ids": ["", "", ""],
        "modality": ["asserted"] * 3, "summary": ["Summit.", "War.", "Visit."], "n_sources": ["1", "1", "1"],
    })
    data = timeline_data(events)
    assert data[["event_id", "x_start", "x_end"]].values.tolist() == [
        ["s", "2019-04-01", "2019-04-30"], ["m", "2023-09-13", "2023-09-13"]]
    assert data["key"].iloc[0] == 1 and data["key"].isna().tolist() == [False, True]  # the summit opens a phase
