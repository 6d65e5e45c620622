"""The pipeline without notebooks: raw folder in, processed tables out.

The notebooks call the same functions step by step; ``python -m partnership build``
calls ``build`` to do it all at once.
"""

from pathlib import Path

import pandas as pd

from partnership import config
from partnership.claims import ClaimFinder, find_claims_and_hedges
from partnership.corpus import Corpus, load_corpus
from partnership.dating import date_evidence_spans, weekday_checks
from partnership.entities import load_registry
from partnership.mentions import MentionFinder, find_mentions, unlinked_names
from partnership.quantities import QuantityFinder, find_quantities
from partnership.tables import write_tables
from partnership.timexes import TimexFinder, find_timexes, timex_checks


def corpus_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """The tables of the corpus stage (notebook 01), by output name."""
    return {
        "documents": corpus.documents,
        "sentences": corpus.sentences,
        "date_evidence": date_evidence_spans(corpus),
        "weekday_checks": weekday_checks(corpus),
    }


def entity_and_time_tables(corpus: Corpus, registry: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """The tables of the entities, dates and quantities stage (notebook 02), by output name."""
    registry = load_registry() if registry is None else registry
    mentions = find_mentions(corpus, MentionFinder(registry))
    timexes = find_timexes(corpus, TimexFinder())
    return {
        "mentions": mentions,
        "unlinked_names": unlinked_names(mentions),
        "timexes": timexes,
        "timex_checks": timex_checks(timexes, corpus.documents),
        "quantities": find_quantities(corpus, timexes, mentions, QuantityFinder()),
    }


def claim_tables(corpus: Corpus, mentions: pd.DataFrame, timexes: pd.DataFrame,
                 registry: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """The tables of the claims stage (notebook 03), by output name."""
    registry = load_registry() if registry is None else registry
    claims, hedges = find_claims_and_hedges(corpus, mentions, timexes, ClaimFinder(registry))
    return {"claims": claims, "hedges": hedges}


def all_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """Every processed table, stage by stage, as the notebooks write them."""
    registry = load_registry()
    tables = corpus_tables(corpus)
    tables.update(entity_and_time_tables(corpus, registry))
    tables.update(claim_tables(corpus, tables["mentions"], tables["timexes"], registry))
    return tables


def build(raw_dir=config.RAW_DIR, out_dir=config.PROCESSED_DIR) -> list[Path]:
    """Load and check the raw folder, then write every table; nothing is written on error."""
    corpus = load_corpus(raw_dir)
    return write_tables(all_tables(corpus), out_dir)
