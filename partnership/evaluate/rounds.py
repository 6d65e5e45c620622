"""Each evaluation round scored held out, again, from the repository's history.

A round is the texts whose names share a suffix (``*_g15``, ``*_f1``). The held-out score of a round is
what the rules scored on its texts before any rule was changed with them in view: the rules of the parent
of the commit that added the texts, run by that commit's own ``evaluate``, on a folder holding only the
round's texts (split ``test``) and today's gold for them. Today's gold differs from the gold of the day only
where a later round corrected a row, which the notes of each round list.

    python -m partnership.evaluate.rounds        # writes data/evaluation/heldout_rounds.csv

It needs the git history (a full clone) and takes about a second per round; notebook 08 reads the table
it writes and never runs it. The first 24 texts (no suffix) came before the scorer and have no row.
"""

import csv
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

from partnership import config
from partnership.evaluate.gold import EVALUATION_DIR, LAYERS

OUT = EVALUATION_DIR / "heldout_rounds.csv"
COLUMNS = ["round", "texts", "split_now", "added_in", "rules_of", "measure", "n_gold", "precision", "recall", "f1"]


def round_of(doc_id: str) -> str:
    """"wire_g15a" -> "g15", "briefing_f2" -> "f2"; the first texts ("wire_01") -> ""."""
    tail = doc_id.rsplit("_", 1)[-1]
    return tail.rstrip("abcdefgh") if tail[:1] in ("f", "g") and tail[1:2].isdigit() else ""


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def _folder(evaluation: Path, docs: list[str], genres: dict[str, str], out: Path) -> None:
    """An evaluation folder holding only ``docs`` (split ``test``), with today's gold and annotations."""
    (out / "texts").mkdir(parents=True)
    lines = (evaluation / "texts" / "sources.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    rows = [line for line in lines[1:] if next(csv.reader([line]))[1] in docs]
    (out / "texts" / "sources.csv").write_text(lines[0] + "".join(rows), encoding="utf-8")
    for doc_id in docs:
        shutil.copy(evaluation / "texts" / f"{doc_id}.txt", out / "texts" / f"{doc_id}.txt")
    for sub in ("gold", "annotators/a", "annotators/b"):
        (out / sub).mkdir(parents=True)
        for layer in LAYERS:
            table = pd.read_csv(evaluation / sub / f"{layer}.csv", keep_default_na=False, dtype=str)
            table[table["doc_id"].isin(docs)].to_csv(out / sub / f"{layer}.csv", index=False, lineterminator="\n")
    (out / "split.csv").write_text("doc_id,genre,split\n" + "".join(f"{d},{genres[d]},test\n" for d in docs),
                                   encoding="utf-8")
    shutil.copy(evaluation / "README.md", out / "README.md")


def score_rounds(repo: Path = config.ROOT, python: str = sys.executable) -> pd.DataFrame:
    """One row per (round, measure): the rules before the round, on the round's texts alone."""
    evaluation = repo / "data" / "evaluation"
    split = pd.read_csv(evaluation / "split.csv", keep_default_na=False)
    genres = dict(zip(split["doc_id"], split["genre"]))
    split["round"] = split["doc_id"].map(round_of)
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for name, group in split[split["round"] != ""].groupby("round", sort=False):
            docs = group["doc_id"].tolist()
            # the commit that first added the round's texts, and the rules just before it
            added = _git(repo, "log", "--diff-filter=A", "--format=%H", "--",
                         *(f"data/evaluation/texts/{d}.txt" for d in docs)).split()[-1]
            tree = Path(work) / f"rules_{name}"
            _git(repo, "worktree", "add", "--detach", "-f", str(tree), added + "^")
            try:
                shutil.rmtree(tree / "data" / "evaluation")
                _folder(evaluation, docs, genres, tree / "data" / "evaluation")
                out = Path(work) / f"out_{name}"
                run = subprocess.run([python, "-m", "partnership", "evaluate", "--out", str(out)], cwd=tree,
                                     capture_output=True, text=True,
                                     env={**os.environ, "PYTHONHASHSEED": "0", "TZ": "UTC", "PYTHONPATH": str(tree)})
                if run.returncode:
                    raise RuntimeError(f"round {name}: evaluate at {added[:8]}^ failed: {run.stderr.strip()[-300:]}")
                table = pd.read_csv(out / "evaluation.csv")
            finally:
                _git(repo, "worktree", "remove", "--force", str(tree))
            table = table[(table["comparison"] == "rules vs gold") & (table["split"] == "test") & (table["genre"] == "all")]
            parent = _git(repo, "rev-parse", "--short=8", added + "^").strip()
            for row in table.itertuples():
                rows.append({"round": name, "texts": len(docs), "split_now": group["split"].iloc[0],
                             "added_in": added[:8], "rules_of": parent, "measure": row.measure, "n_gold": row.n_gold,
                             "precision": round(row.precision, 3), "recall": round(row.recall, 3),
                             "f1": round(row.f1, 3)})
    order = {name: i for i, name in enumerate(dict.fromkeys(split["round"]))}
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values(["round", "measure"], key=lambda c: c.map(order) if c.name == "round" else c,
                             kind="stable", ignore_index=True)


def _label(measure: str, statistic: str) -> str:
    """"timexes (span, strict)", "f1" -> "timexes span F1": short enough for a column."""
    base, _, inner = measure.partition(" (")
    return f"{base} {inner.split(',')[0].split()[0].rstrip(')')} {STATISTIC_LABELS[statistic]}"


STATISTIC_LABELS = {"precision": "P", "recall": "R", "f1": "F1"}


def read_rounds(path: Path = OUT) -> pd.DataFrame:
    """The committed table of held-out round scores (see ``score_rounds``)."""
    return pd.read_csv(path, keep_default_na=False, dtype={"added_in": str, "rules_of": str})


def targets_by_round(rounds: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """One row per round: each target's statistic as scored held out, and how many targets it met."""
    table = {}
    for target in targets.itertuples(index=False):
        rows = rounds[rounds["measure"] == target.measure]
        table[_label(target.measure, target.statistic)] = rows.set_index("round")[target.statistic]
    wide = pd.DataFrame(table).reindex(list(dict.fromkeys(rounds["round"])))
    thresholds = pd.Series(list(targets["target"]), index=wide.columns)
    wide.insert(0, "texts", rounds.groupby("round", sort=False)["texts"].first())
    wide["targets met"] = (wide[thresholds.index] >= thresholds).sum(axis=1)
    return wide


def main() -> int:
    try:
        table = score_rounds()
    except (subprocess.CalledProcessError, RuntimeError) as error:
        detail = error.stderr.strip() if isinstance(error, subprocess.CalledProcessError) else str(error)
        print(f"error: {detail}", file=sys.stderr)
        return 2
    table.to_csv(OUT, index=False, lineterminator="\n")
    print(config.relative(OUT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
