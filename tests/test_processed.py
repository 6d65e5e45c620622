"""The committed outputs: offsets hold, and a rebuild from data/raw gives the same bytes."""

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from partnership import config
from partnership.corpus.articles import read_text_file
from partnership.build import build
from partnership.corpus import load_corpus

SEEDS = config.ROOT.parent / "shared" / "seeds"


def read_table(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def texts_by_doc_id():
    """The articles' texts, and the evaluation texts the evaluation tables point into."""
    texts = {}
    for folder in (config.RAW_DIR, config.DATA_DIR / "evaluation" / "texts"):
        sources = read_table(folder / config.SOURCES_FILE_NAME)
        for row in sources.itertuples():
            texts[row.doc_id or Path(row.file).stem] = read_text_file(folder / row.file)
    return texts


EVALUATION_TABLES = {"evaluation.csv", "evaluation_errors.csv"}  # written by `evaluate`, not by `build`


def offset_tables():
    return [p for p in sorted(config.PROCESSED_DIR.glob("*.csv"))
            if {"doc_id", "start", "end", "text"} <= set(read_table(p).columns)]


def test_some_tables_point_into_the_articles():
    assert {p.stem for p in offset_tables()} >= {
        "sentences", "date_evidence", "weekday_checks", "mentions", "timexes", "quantities", "claims", "hedges",
    }


# Tables that may rightly be empty for the five articles (every name is in the registry).
MAY_BE_EMPTY = {"unlinked_names"}


@pytest.mark.parametrize("path", offset_tables(), ids=lambda p: p.stem)
def test_every_offset_row_quotes_its_article_exactly(path):
    texts = texts_by_doc_id()
    table = read_table(path)
    assert len(table) > 0 or path.stem in MAY_BE_EMPTY
    bad = [
        (row.doc_id, row.start, row.end)
        for row in table.itertuples()
        if texts[row.doc_id][int(row.start):int(row.end)] != row.text
    ]
    assert bad == []


def test_rebuild_from_raw_is_byte_identical(tmp_path):
    written = build(config.RAW_DIR, tmp_path)
    assert sorted(p.name for p in written) == sorted(
        p.name for p in config.PROCESSED_DIR.glob("*.csv") if p.name not in EVALUATION_TABLES)
    for path in written:
        committed = config.PROCESSED_DIR / path.name
        assert path.read_bytes() == committed.read_bytes(), f"{path.name} differs from the committed table"


@pytest.mark.parametrize("table, pairs", [
    ("claims", [("speaker_start", "speaker_end", "speaker_text"), ("cue_start", "cue_end", "cue")]),
    ("event_evidence", [("start", "end", "quote")]),
    ("event_bounds", [("start", "end", "quote")]),
])
def test_inner_offsets_quote_their_article_exactly(table, pairs):
    texts = texts_by_doc_id()
    rows = read_table(config.PROCESSED_DIR / f"{table}.csv")
    for start, end, column in pairs:
        located = rows[rows[start] != ""]
        assert len(located) > 0
        bad = [row for row in located.to_dict("records")
               if texts[row["doc_id"]][int(row[start]):int(row[end])] != row[column]]
        assert bad == []


def test_documents_agree_with_sentences_and_texts():
    documents = read_table(config.PROCESSED_DIR / "documents.csv")
    sentences = read_table(config.PROCESSED_DIR / "sentences.csv")
    texts = texts_by_doc_id()
    for doc in documents.itertuples():
        assert doc.sha256 == hashlib.sha256(texts[doc.doc_id].encode("utf-8")).hexdigest()
        assert int(doc.n_sentences) == (sentences["doc_id"] == doc.doc_id).sum()
        assert int(doc.n_chars) == len(texts[doc.doc_id])


def test_raw_articles_are_the_seed_files_unchanged():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the project here")
    seeds = sorted(SEEDS.glob("*.txt"))
    assert [p.name for p in seeds] == [p.name for p in sorted(config.RAW_DIR.glob("*.txt"))]
    for seed in seeds:
        assert (config.RAW_DIR / seed.name).read_bytes() == seed.read_bytes()


def test_publication_dates_follow_the_public_record():
    # The record in the brief: these dates and precisions are research decisions, checked here
    # so that an accidental edit of sources.csv is caught.
    documents = load_corpus().documents.set_index("doc_id")
    assert documents["published"].to_dict() == {
        "000_188e34d96c130144": "2025-06-17",
        "001_6b3d1d5ff18b0dcc": "2023-09-04",
        "002_0d6f518247be4f64": "2023-09-12",
        "003_c5d3019575c69b73": "2023-10-19",
        "004_c8f7dfaf8c53fe93": "2023-09",
    }


def test_parallel_rebuild_with_events_is_byte_identical(tmp_path):
    written = build(config.RAW_DIR, tmp_path, jobs=2)
    assert {p.name for p in written} >= {"events.csv", "event_evidence.csv", "event_candidates.csv"}
    for path in written:
        assert path.read_bytes() == (config.PROCESSED_DIR / path.name).read_bytes(), path.name
