"""The held-out score of each evaluation round, kept in data/evaluation/heldout_rounds.csv."""
import pandas as pd

from partnership.evaluate.evaluation import load_targets
from partnership.evaluate.gold import read_split
from partnership.evaluate.rounds import read_rounds, round_of, targets_by_round


def test_a_round_is_the_suffix_of_its_texts():
    assert [round_of(d) for d in ("wire_g15a", "briefing_f2", "joint_g16", "wire_01", "state_media_g6d")] == [
        "g15", "f2", "g16", "", "g6"]


def test_the_committed_table_scores_every_round_of_the_evaluation_set():
    # a new round added to split.csv without rerunning python -m partnership.evaluate.rounds fails here
    rounds = read_rounds()
    wanted = {round_of(d) for d in read_split()["doc_id"]} - {""}
    assert set(rounds["round"]) == wanted
    for name, group in rounds.groupby("round"):
        docs = [d for d in read_split()["doc_id"] if round_of(d) == name]
        assert set(group["texts"]) == {len(docs)}
    assert rounds[["precision", "recall", "f1"]].apply(lambda c: c.between(0, 1) | c.isna()).all().all()


def test_targets_by_round_counts_the_targets_each_round_met():
    targets = load_targets()
    rows = []
    for name, value in (("g1", 0.99), ("g2", 0.5)):
        for measure in dict.fromkeys(targets["measure"]):
            rows.append({"round": name, "texts": 8, "measure": measure, "precision": value, "recall": value,
                         "f1": value})
    table = targets_by_round(pd.DataFrame(rows), targets)
    assert table["targets met"].tolist() == [len(targets), 0]
    assert table.columns[0] == "texts" and "timexes span F1" in table.columns
