"""Adding an article to a copy of the corpus: its rows appear, and nothing else in the data changes."""

import csv
import shutil

from partnership import config
from partnership.build import build
from partnership.report.compare import compare_builds

ARTICLE = (
    "Envoys meet in Khabarovsk\n"
    "Sergei Lavrov met North Korean Foreign Minister Choe Sun Hui in Khabarovsk on Friday, March 7, 2025, "
    "according to Interfax. Lavrov praised Pyongyang for its support. "
    "Officials said over 3,000 containers were shipped in February.\n"
)


def add_article(raw_copy, name, text, row):
    (raw_copy / name).write_text(text, encoding="utf-8")
    with (raw_copy / config.SOURCES_FILE_NAME).open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=list(row), lineterminator="\n").writerow(row)


def test_a_new_article_adds_its_rows_and_changes_nothing_else(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(config.RAW_DIR, raw)
    header = (raw / config.SOURCES_FILE_NAME).read_text(encoding="utf-8").splitlines()[0].split(",")
    row = dict.fromkeys(header, "") | {"file": "envoys.txt", "doc_id": "envoys", "published": "2025-03-07",
                                       "date_precision": "day"}
    add_article(raw, "envoys.txt", ARTICLE, row)
    build(raw, tmp_path / "out")
    comparison = compare_builds(config.PROCESSED_DIR, tmp_path / "out", ["envoys"]).set_index("table")
    assert comparison["other_rows_unchanged"].all(), comparison
    for table in ("documents", "sentences", "mentions", "timexes", "quantities", "claims", "hedges"):
        assert comparison.loc[table, "rows_of_new_articles"] > 0, table
    # the hand-coded events stay; the new article brings automatic ones (or joins hand-coded ones)
    assert comparison.loc["events", "rows_of_new_articles"] > 0
    assert comparison.loc["event_evidence", "rows_of_new_articles"] > 0
