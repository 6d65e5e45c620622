"""The round tools: two annotations merged for the adjudicator, and the gold made from the decisions.

Checked against the nineteenth round as it was made (``data/evaluation/staging/``), and on small
invented annotations for what the real round does not show (a bad decision, every kind of decision)."""

from pathlib import Path

import pandas as pd
import pytest

from partnership.evaluate.adjudication import apply, main, merge
from partnership.evaluate.gold import LAYERS

STAGING = Path("data/evaluation/staging")


def rows(table: pd.DataFrame, drop=("note",)) -> set:
    return set(map(tuple, table[[c for c in table.columns if c not in drop]].values))


def test_merge_rebuilds_the_nineteenth_rounds_agreed_rows_and_disputed_clusters(tmp_path):
    counts = merge(STAGING / "a17", STAGING / "b17", tmp_path, "g16")
    assert counts == {"mentions": (379, 2), "timexes": (101, 3), "quantities": (57, 3), "claims": (98, 11),
                      "events": (179, 24)}
    for layer in LAYERS:
        made = {kind: pd.read_csv(tmp_path / f"{layer}_{kind}.csv", dtype=str, keep_default_na=False)
                for kind in ("agreed", "disputed")}
        kept = {kind: pd.read_csv(STAGING / "adjudication_g16" / f"{layer}_{kind}.csv", dtype=str,
                                  keep_default_na=False) for kind in ("agreed", "disputed")}
        assert rows(made["agreed"], ()) == rows(kept["agreed"], ())
        assert made["disputed"].equals(kept["disputed"])


@pytest.mark.parametrize("round_name", ["g16", "g17"])
def test_apply_makes_the_rounds_gold_from_its_decisions(round_name):
    gold = apply(STAGING / f"adjudication_{round_name}", round_name)
    for layer in LAYERS:
        committed = pd.read_csv(f"data/evaluation/gold/{layer}.csv", dtype=str, keep_default_na=False)
        committed = committed[committed["doc_id"].str.rsplit("_", n=1).str[-1].str.rstrip("abcdefgh") == round_name]
        difference = rows(committed) ^ rows(gold[layer])
        # the twentieth round's gold corrects one agreed row, as its agreed_errors.md says (one row out, one in)
        assert len(difference) == (2 if (round_name, layer) == ("g17", "events") else 0), (layer, difference)


def write_round(folder: Path, decisions: list[tuple[str, str]]) -> None:
    """A round of one timex cluster per decision kind, and empty files for the other layers."""
    columns = {"timexes": "doc_id,start,end,text,type,value,note", "claims": "doc_id,cue_start,cue_end,cue,note"}
    for layer in LAYERS:
        header = columns.get(layer, "doc_id,start,end,text,note")
        (folder / f"{layer}_agreed.csv").write_text(header + "\n", encoding="utf-8")
        (folder / f"{layer}_disputed.csv").write_text("cluster,annotator," + header + ",sentence\n", encoding="utf-8")
    (folder / "timexes_agreed.csv").write_text(columns["timexes"] + "\nt,0,4,2024,DATE,2024,\n", encoding="utf-8")
    lines = ["cluster,annotator," + columns["timexes"] + ",sentence"]
    for k, (cluster, _) in enumerate(decisions):
        start = 10 * (k + 1)
        lines += [f"{cluster},a,t,{start},{start + 4},May,DATE,2024-05,,s", f"{cluster},b,t,{start},{start + 4},May,DATE,XXXX-05,,s"]
    (folder / "timexes_disputed.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "timexes_decisions_r.csv").write_text(
        "cluster,decision,reason\n" + "".join(f"{c},{d},why\n" for c, d in decisions), encoding="utf-8")
    (folder / "timexes_edited.csv").write_text(columns["timexes"].replace("doc_id", "cluster,doc_id")
                                               + "\nr4,t,40,44,May,DATE,2023-05,edited\n", encoding="utf-8")


def test_each_kind_of_decision_and_a_bad_one(tmp_path, capsys):
    write_round(tmp_path, [("r1", "a"), ("r2", "b"), ("r3", "neither"), ("r4", "edited"), ("r5", "both")])
    values = apply(tmp_path, "r")["timexes"][["start", "value"]].values.tolist()
    assert values == [["0", "2024"], ["10", "2024-05"], ["20", "XXXX-05"], ["40", "2023-05"], ["50", "2024-05"],
                      ["50", "XXXX-05"]]
    write_round(tmp_path, [("r1", "a"), ("r2", "maybe")])
    assert main(["apply", str(tmp_path), "r", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.strip().endswith("timexes: cluster r2: decision 'maybe' is not one of a, b, both, "
                                                    "neither, edited")
    assert not (tmp_path / "out" / "timexes.csv").exists()
