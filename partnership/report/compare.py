"""What adding articles changes: two builds of the processed tables compared table by table."""

from pathlib import Path

import pandas as pd

COMPARISON_COLUMNS = ["table", "rows_before", "rows_after", "rows_of_new_articles", "other_rows_unchanged"]


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def compare_builds(before_dir, after_dir, new_doc_ids) -> pd.DataFrame:
    """Per table: rows before and after, rows of the new articles, and whether every other row is unchanged.

    Tables with a ``doc_id`` column are compared without the new articles' rows; a table
    that cites articles as "doc_id sN" (registry candidates) without the rows citing a new
    article; a table listing its articles in ``doc_ids`` (events) without the rows listing a
    new article (an event a new article also reports gains a source: that row is the new
    article's); the others whole.
    """
    before_dir, after_dir, new = Path(before_dir), Path(after_dir), set(new_doc_ids)
    rows = []
    for path in sorted(after_dir.glob("*.csv")):
        after = read(path)
        before = read(before_dir / path.name) if (before_dir / path.name).exists() else after.iloc[:0]
        n_before = len(before)
        if "doc_id" in after.columns:
            mine = after["doc_id"].isin(new)
            others = after[~mine].reset_index(drop=True)
            n_new = int(mine.sum())
        elif "evidence" in after.columns:
            cites = after["evidence"].str.split("; ").map(lambda c: {x.split(" s")[0] for x in c})
            mine = cites.map(lambda ids: bool(ids & new))
            others = after[~mine].reset_index(drop=True)
            before = before[~before["candidate_id"].isin(after.loc[mine, "candidate_id"])] if len(before) else before
            n_new = int(mine.sum())
        elif "doc_ids" in after.columns:
            mine = after["doc_ids"].str.split("|").map(lambda ids: bool(set(ids) & new))
            others = after[~mine].reset_index(drop=True)
            before = before[~before["event_id"].isin(after.loc[mine, "event_id"])] if len(before) else before
            n_new = int(mine.sum())
        else:
            others, n_new = after, 0
        rows.append({"table": path.stem, "rows_before": n_before, "rows_after": len(after),
                     "rows_of_new_articles": n_new,
                     "other_rows_unchanged": others.equals(before.reset_index(drop=True))})
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)
