"""A new round's two annotations merged for the adjudicator, and the gold made from the decisions.

The procedure of ``data/evaluation/README.md``: two annotators write every layer of a round's texts
independently (``staging/aN``, ``staging/bN``); ``merge`` writes, per layer, the rows both wrote alike
(``<layer>_agreed.csv``) and the clusters where they differ (``<layer>_disputed.csv``: rows of either
linked by overlapping spans, with the sentence for context); the adjudicator decides each cluster in
``<layer>_decisions_<round>.csv`` (``cluster,decision,reason``: ``a``, ``b``, ``both``, ``neither`` or
``edited``, the edited rows in ``<layer>_edited.csv``); ``apply`` makes the gold rows of the round.

    python -m partnership.evaluate.adjudication merge A_DIR B_DIR OUT_DIR PREFIX
    python -m partnership.evaluate.adjudication apply OUT_DIR ROUND GOLD_OUT_DIR

Two rows agree when the fields the scorer reads are the same (notes aside). A row only one annotator
wrote is a cluster of its own. The texts are read from ``data/evaluation/texts/``.
"""

import re
import sys
from pathlib import Path

import pandas as pd

from partnership.evaluate.gold import LAYERS, SPANS, TEXTS_DIR

COMPARED = {  # the fields the scorer reads
    "mentions": ["start", "end", "entity_id", "type", "role"],
    "timexes": ["start", "end", "type", "value"],
    "quantities": ["start", "end", "value", "unit", "mod", "kind"],
    "claims": ["cue_start", "cue_end", "stance", "speaker_id", "speaker_start", "speaker_end"],
    "events": ["start", "end", "type", "modality"],
}
LETTERS = {"mentions": "m", "timexes": "t", "quantities": "q", "claims": "c", "events": "e"}
DECISIONS = ("a", "b", "both", "neither", "edited")
SENTENCE_END = re.compile(r"[.!?][\"”’)]*(?:\s|$)")


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _text(doc_id: str, texts_dir: Path) -> str:
    return (texts_dir / f"{doc_id}.txt").read_text(encoding="utf-8").lstrip("\ufeff").replace("\r\n", "\n")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence or line around ``start:end``, for the adjudicator's eye."""
    opened = max([text.rfind("\n", 0, start)] + [m.end() - 1 for m in SENTENCE_END.finditer(text, 0, start)])
    closes = [i for i in (text.find("\n", end),) if i >= 0]
    stop = SENTENCE_END.search(text, end)
    closes += [stop.end()] if stop else []
    return text[opened + 1:min(closes) if closes else len(text)].strip()


def _same(value: str) -> str:
    """A cell as compared: "3.0" and "3" are one value."""
    try:
        number = float(value)
    except ValueError:
        return value
    return str(int(number)) if number.is_integer() else value


def merge(a_dir: Path, b_dir: Path, out_dir: Path, prefix: str, texts_dir: Path = TEXTS_DIR) -> dict[str, tuple[int, int]]:
    """Write ``<layer>_agreed.csv`` and ``<layer>_disputed.csv`` into ``out_dir``; return, per layer, the
    number of agreed rows and of disputed clusters (cluster ids ``<prefix><letter><number>``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for layer in LAYERS:
        first, last = SPANS[layer][0][:2]  # the row's own span (a claim's cue)
        a, b = _read(Path(a_dir) / f"{layer}.csv"), _read(Path(b_dir) / f"{layer}.csv")
        columns = list(a.columns)
        rows = pd.concat([a.assign(annotator="a"), b.assign(annotator="b")], ignore_index=True)
        rows["_start"], rows["_end"] = rows[first].astype(int), rows[last].astype(int)
        agreed, disputed, texts = [], [], {}
        for doc_id, group in rows.groupby("doc_id", sort=True):
            group = group.sort_values(["_start", "_end", "annotator"], kind="stable")
            clusters, current, reach = [], [], -1
            for index, start, end in zip(group.index, group["_start"], group["_end"]):
                if current and start >= reach:  # no overlap with the cluster so far: a new one
                    clusters.append(current)
                    current, reach = [], -1
                current.append(index)
                reach = max(reach, end)
            clusters.append(current)
            for cluster in clusters:
                part = rows.loc[cluster]
                keys = {who: sorted(tuple(_same(v) for v in row) for row in
                                    part.loc[part["annotator"] == who, COMPARED[layer]].itertuples(index=False))
                        for who in ("a", "b")}
                if keys["a"] == keys["b"]:
                    agreed.append(part[part["annotator"] == "a"][columns])
                    continue
                text = texts.setdefault(doc_id, _text(doc_id, texts_dir))
                marked = part.assign(cluster=f"{prefix}{LETTERS[layer]}{len(disputed) + 1:04d}",
                                     sentence=_sentence(text, int(part["_start"].min()), int(part["_end"].max())))
                disputed.append(marked[["cluster", "annotator", *columns, "sentence"]])
        agreed_table = pd.concat(agreed, ignore_index=True) if agreed else pd.DataFrame(columns=columns)
        disputed_table = pd.concat(disputed, ignore_index=True) if disputed else \
            pd.DataFrame(columns=["cluster", "annotator", *columns, "sentence"])
        agreed_table.to_csv(out_dir / f"{layer}_agreed.csv", index=False, lineterminator="\n")
        disputed_table.to_csv(out_dir / f"{layer}_disputed.csv", index=False, lineterminator="\n")
        counts[layer] = (len(agreed_table), len(disputed))
    return counts


def apply(adjudication_dir: Path, round_name: str) -> dict[str, pd.DataFrame]:
    """The round's gold, per layer: the agreed rows and each disputed cluster as decided, sorted by text and
    offset. Stops with ``ValueError`` at a cluster with no decision or an unknown one."""
    adjudication_dir = Path(adjudication_dir)
    gold = {}
    for layer in LAYERS:
        agreed = _read(adjudication_dir / f"{layer}_agreed.csv")
        disputed = _read(adjudication_dir / f"{layer}_disputed.csv")
        path = adjudication_dir / f"{layer}_decisions_{round_name}.csv"
        decisions = _read(path) if path.exists() else pd.DataFrame(columns=["cluster", "decision"])
        edited_path = adjudication_dir / f"{layer}_edited.csv"
        edited = _read(edited_path) if edited_path.exists() else pd.DataFrame(columns=["cluster"])
        missing = sorted(set(disputed["cluster"]) - set(decisions["cluster"]))
        if missing:
            raise ValueError(f"{layer}: no decision for cluster {missing[0]}")
        parts = [agreed]
        for cluster, decision in zip(decisions["cluster"], decisions["decision"].str.strip().str.lower()):
            rows = disputed[disputed["cluster"] == cluster]
            if decision not in DECISIONS:
                raise ValueError(f"{layer}: cluster {cluster}: decision {decision!r} is not one of {', '.join(DECISIONS)}")
            if decision in ("a", "b"):
                parts.append(rows[rows["annotator"] == decision])
            elif decision == "both":
                parts.append(rows.drop_duplicates(subset=[c for c in agreed.columns if c != "note"]))
            elif decision == "edited":
                parts.append(edited[edited["cluster"] == cluster])
        table = pd.concat(parts, ignore_index=True)[list(agreed.columns)]
        first, last = SPANS[layer][0][:2]  # the row's own span (a claim's cue)
        order = table.assign(_start=table[first].astype(int), _end=table[last].astype(int))
        gold[layer] = order.sort_values(["doc_id", "_start", "_end"], kind="stable")[list(agreed.columns)] \
            .reset_index(drop=True)
    return gold


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) == 5 and args[0] == "merge":
        for layer, (agreed, clusters) in merge(Path(args[1]), Path(args[2]), Path(args[3]), args[4]).items():
            print(f"{layer}: {agreed} agreed rows, {clusters} disputed clusters")
        return 0
    if len(args) == 4 and args[0] == "apply":
        out = Path(args[3])
        out.mkdir(parents=True, exist_ok=True)
        try:
            tables = apply(Path(args[1]), args[2])
        except ValueError as problem:
            print(f"error: {args[1]}: {problem}", file=sys.stderr)
            return 2
        for layer, table in tables.items():
            table.to_csv(out / f"{layer}.csv", index=False, lineterminator="\n")
            print(f"{layer}: {len(table)} gold rows")
        return 0
    print(__doc__.split("\n\n")[2], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
