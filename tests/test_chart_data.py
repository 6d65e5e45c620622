"""The numbers behind the charts, from small invented tables."""

import pandas as pd

from partnership.report.chart_claims import hedging_data, speakers_data
from partnership.report.chart_events import axis_panels, timeline_data
from partnership.report.chart_network import network_data
from partnership.report.chart_quantities import support_data, weapons_data
from partnership.report.wording import corpus_noun

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


def test_speakers_are_counted_per_country_time_bin_and_stance():
    # two texts ten months apart: months would be mostly empty, so the bins are quarters
    documents = pd.concat([DOCUMENTS, pd.DataFrame({"doc_id": ["c"], "published": [""], "date_precision": [""]})])
    claims = pd.DataFrame({"doc_id": ["b", "b", "a", "c", "c"], "speaker_country": ["USA", "USA", "", "RUS", "GBR"],
                           "stance": ["warn", "warn", "report", "deny", "report"]})
    data = speakers_data(claims, documents, top=1)
    assert data[["speaker_country", "row", "time_bin", "stance", "statements"]].values.tolist() == [
        ["(unnamed)", "(unnamed)", "2023 Q2", "report", 1], ["USA", "USA", "2024 Q1", "warn", 2],
        ["GBR", "other", "undated", "report", 1], ["RUS", "other", "undated", "deny", 1]]
    # an "other" row that would hold one country is that country's own row
    assert set(speakers_data(claims[claims["speaker_country"] != "GBR"], documents, top=1)["row"]) == \
        {"(unnamed)", "USA", "RUS"}


def test_a_date_known_to_the_year_makes_the_bins_years():
    documents = pd.concat([DOCUMENTS, pd.DataFrame({"doc_id": ["c"], "published": ["2022"], "date_precision": ["year"]})])
    claims = pd.DataFrame({"doc_id": ["a", "c"], "speaker_country": ["USA", "USA"], "stance": ["warn", "warn"]})
    assert sorted(speakers_data(claims, documents)["time_bin"]) == ["2022", "2023"]


def test_corpus_noun_follows_the_genres():
    assert corpus_noun(pd.DataFrame({"genre": ["wire", "", "state_media"]})) == "articles"
    assert corpus_noun(pd.DataFrame({"genre": ["wire", "statement"]})) == "texts"
    assert corpus_noun(pd.DataFrame({"genre": ["briefing"]}), 1) == "text"
    assert corpus_noun(pd.DataFrame({"doc_id": ["a"]}), 1) == "article"  # no genre column: news


def test_a_calibre_in_the_phrase_naming_a_system_is_counted_once():  # and a system once per sentence
    text = "It sent 170-mm Koksan guns, 60-mm mortars and a 240-mm rocket, near Koksan."
    start = text.index("Koksan")
    mentions = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": ["1", "1"], "start": [str(start), str(text.rindex("Koksan"))],
                             "end": ["0", "0"], "entity_id": ["koksan", "koksan"], "type": ["WEAPON", "WEAPON"]})
    calibres = [(m, m + 6) for m in (text.index("170-mm"), text.index("60-mm") - 0, text.index("240-mm"))]
    quantities = pd.DataFrame({"doc_id": ["a"] * 3, "sent_id": ["1"] * 3, "start": [str(a) for a, _ in calibres],
                               "end": [str(text.index("170-mm") + 6), str(text.index("60-mm") + 5),
                                       str(text.index("240-mm") + 6)],
                               "value": ["170", "60", "240"], "kind": ["calibre"] * 3})
    registry = pd.DataFrame({"entity_id": ["koksan"], "name": ["Koksan gun"]})
    data = weapons_data(mentions, quantities, {"a": text}, registry, {"koksan": "artillery", "mortars": "mortars",
                                                                         "rocket": "rocket artillery"})
    assert data[["item", "kind", "sentences", "calibres_with_system"]].values.tolist() == [
        ["Koksan gun", "system", 1, 1], ["60 mm mortars", "calibre", 1, 0], ["240 mm rocket", "calibre", 1, 0]]


def test_the_time_axis_breaks_only_before_a_dense_stretch():
    sparse_then_dense = pd.DataFrame({"x_start": ["1991-01-01", "2005-01-01"] + [f"2023-{m:02d}-01" for m in range(1, 9)]})
    sparse_then_dense["x_end"] = sparse_then_dense["x_start"]
    panels = axis_panels(sparse_then_dense)
    assert len(panels) == 2 and panels[0][1] < pd.Timestamp("2023-01-01") <= panels[1][1]
    even = pd.DataFrame({"x_start": [f"{y}-06-01" for y in range(2000, 2010)]})
    even["x_end"] = even["x_start"]
    assert len(axis_panels(even)) == 1


def test_network_counts_shared_sentences_once_per_pair():
    mentions = pd.DataFrame({"doc_id": ["a"] * 5, "sent_id": ["1", "1", "1", "2", "2"],
                             "entity_id": ["putin", "kim_jong_un", "putin", "putin", "kim_jong_un"],
                             "type": ["PERSON"] * 5})
    data = network_data(mentions, NETWORK_REGISTRY)
    edges = data[data["kind"] == "edge"]
    assert edges[["source", "target", "weight"]].values.tolist() == [["kim_jong_un", "putin", 2]]
    nodes = data[data["kind"] == "node"]
    assert nodes[["source", "weight"]].values.tolist() == [["kim_jong_un", 2], ["putin", 3]]  # PRK before RUS


NETWORK_REGISTRY = pd.DataFrame({
    "entity_id": ["putin", "kim_jong_un", "rus", "moscow"], "name": ["Vladimir Putin", "Kim Jong Un", "Russia", "Moscow"],
    "type": ["PERSON", "PERSON", "GPE", "GPE"], "role": ["", "", "state", "capital of Russia"],
    "country": ["RUS", "PRK", "RUS", "RUS"]})


def test_a_capital_for_its_government_is_its_state_and_a_city_as_a_place_is_no_actor():
    mentions = pd.DataFrame({"doc_id": ["a"] * 4, "sent_id": ["1", "1", "2", "2"],
                             "entity_id": ["moscow", "kim_jong_un", "moscow", "kim_jong_un"],
                             "stands_for": ["rus", "", "", ""], "type": ["GPE", "PERSON", "GPE", "PERSON"]})
    data = network_data(mentions, NETWORK_REGISTRY)
    assert data.loc[data["kind"] == "node", "source"].tolist() == ["kim_jong_un", "rus"]
    assert data.loc[data["kind"] == "edge", ["source", "target", "weight"]].values.tolist() == [["kim_jong_un", "rus", 1]]


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


def test_a_category_counts_a_sentence_once_however_many_of_its_weapons_it_names():
    from partnership.report.chart_quantities import weapons_text
    text = "It sent Koksan guns and D-74 howitzers. Koksan guns fired."
    mentions = pd.DataFrame({"doc_id": ["a"] * 3, "sent_id": ["1", "1", "2"],
                             "start": [str(text.index("Koksan")), str(text.index("D-74")), str(text.rindex("Koksan"))],
                             "end": ["0"] * 3, "entity_id": ["koksan", "d74", "koksan"], "type": ["WEAPON"] * 3})
    quantities = pd.DataFrame(columns=["doc_id", "sent_id", "start", "end", "value", "kind"])
    registry = pd.DataFrame({"entity_id": ["koksan", "d74"], "name": ["Koksan gun", "D-74 howitzer"]})
    data = weapons_data(mentions, quantities, {"a": text}, registry, {"koksan": "artillery", "d74": "artillery"})
    assert data[["item", "sentences", "category_sentences"]].values.tolist() == [
        ["Koksan gun", 2, 2], ["D-74 howitzer", 1, 2]]
    documents = pd.DataFrame({"doc_id": ["a"], "genre": ["wire"]})
    assert "artillery (2 sentences)" in weapons_text(data, documents)["caption"]
