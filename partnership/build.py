"""The pipeline without notebooks: raw folder in, processed tables out.

The notebooks call the same functions step by step; ``python -m partnership build``
calls ``build`` to do it all at once.
"""

from pathlib import Path

import pandas as pd

from partnership import config
from partnership.corpus import Corpus, load_corpus
from partnership.dating import date_evidence_spans, weekday_checks
from partnership.tables import write_tables


def corpus_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """The tables of the corpus stage (notebook 01), by output name."""
    return {
        "documents": corpus.documents,
        "sentences": corpus.sentences,
        "date_evidence": date_evidence_spans(corpus),
        "weekday_checks": weekday_checks(corpus),
    }


def build(raw_dir=config.RAW_DIR, out_dir=config.PROCESSED_DIR) -> list[Path]:
    """Load and check the raw folder, then write every table; nothing is written on error."""
    corpus = load_corpus(raw_dir)
    tables = corpus_tables(corpus)
    return write_tables(tables, out_dir)
