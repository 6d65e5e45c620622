"""The pipeline without notebooks: raw folder in, processed tables out.

The notebooks call the same functions step by step; ``python -m partnership build``
calls ``build`` to do it all at once.
"""

import io
import math
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from partnership import config
from partnership.annotate.claims import ClaimFinder, find_claims_and_hedges
from partnership.corpus import Corpus, read_raw, split_corpus
from partnership.corpus.dating import date_evidence_spans, weekday_checks
from partnership.annotate.entities import load_registry
from partnership.events.candidates import CandidateFinder, find_candidates, load_triggers, match_candidates
from partnership.events.automatic import automatic_events
from partnership.events.coding import (
    PROCESSED_EVIDENCE_COLUMNS, EventCoding, bound_table, event_table, load_event_types,
)
from partnership.annotate.mentions import MentionFinder, find_mentions, unlinked_names
from partnership.annotate.registry_candidates import registry_candidates
from partnership.progress import progress
from partnership.annotate.quantities import QuantityFinder, find_quantities
from partnership.publish import check_out_dir, publish
from partnership.tables import csv_header, csv_rows, to_csv_text
from partnership.annotate.timexes import TimexFinder, find_timexes, timex_checks


ARTICLES_PER_JOB = 500  # below this, starting a second process costs more than it saves
_FORKED = None
EVENT_TABLES = ("events", "event_evidence", "event_bounds")
CORPUS_WIDE = EVENT_TABLES + ("registry_candidates",)
EVIDENCE_TABLE_COLUMNS = [*PROCESSED_EVIDENCE_COLUMNS, "coding"]  # made once from every article, not chunk by chunk
CHUNKS_PER_JOB = 16  # many small chunks: no process sits idle while another finishes a long one


def corpus_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """The tables of the corpus stage (notebook 01), by output name."""
    return {
        "documents": corpus.documents,
        "sentences": corpus.sentences,
        "date_evidence": date_evidence_spans(corpus),
        "weekday_checks": weekday_checks(corpus),
    }


@dataclass(frozen=True)
class Annotators:
    """The rule-based annotators, each built once from the codebook files."""

    mentions: MentionFinder
    timexes: TimexFinder
    quantities: QuantityFinder
    claims: ClaimFinder
    candidates: CandidateFinder

    @classmethod
    def from_codebook(cls, registry: pd.DataFrame | None = None) -> "Annotators":
        registry = load_registry() if registry is None else registry
        triggers = load_triggers(set(load_event_types()["type"]))
        return cls(MentionFinder(registry), TimexFinder(), QuantityFinder(), ClaimFinder(registry),
                   CandidateFinder(triggers))


def entity_and_time_tables(corpus: Corpus, annotators: Annotators | None = None) -> dict[str, pd.DataFrame]:
    """The tables of the entities, dates and quantities stage (notebook 02), by output name."""
    annotators = annotators or Annotators.from_codebook()
    mentions = find_mentions(corpus, annotators.mentions)
    timexes = find_timexes(corpus, annotators.timexes)
    return {
        "mentions": mentions,
        "unlinked_names": unlinked_names(mentions),
        "registry_candidates": registry_candidates(mentions, corpus.texts, annotators.mentions.registry.reset_index()),
        "timexes": timexes,
        "timex_checks": timex_checks(timexes, corpus.documents),
        "quantities": find_quantities(corpus, timexes, mentions, annotators.quantities),
    }


def claim_tables(corpus: Corpus, mentions: pd.DataFrame, timexes: pd.DataFrame,
                 annotators: Annotators | None = None) -> dict[str, pd.DataFrame]:
    """The tables of the claims stage (notebook 03), by output name."""
    finder = annotators.claims if annotators else ClaimFinder(load_registry())
    claims, hedges = find_claims_and_hedges(corpus, mentions, timexes, finder)
    return {"claims": claims, "hedges": hedges}


def event_tables(corpus: Corpus, coding: EventCoding, candidates: pd.DataFrame | None = None,
                 registry: pd.DataFrame | None = None, documents: pd.DataFrame | None = None
                 ) -> dict[str, pd.DataFrame]:
    """Every event with derived columns, the located evidence and the date bounds of undated events
    (notebook 04).

    The hand coding covers the articles its evidence quotes (rows about articles not in
    the corpus are left out, with their events); with ``candidates``, every other article
    gets automatic events (``partnership/events/automatic.py``). ``documents`` (default: the
    corpus's) dates every article the candidates come from, when ``corpus`` holds only the
    articles the hand coding quotes.
    """
    evidence = coding.evidence_in(corpus.texts, corpus.sentences).assign(coding="hand")
    events = coding.events[coding.events["event_id"].isin(set(evidence["event_id"]))].assign(coding="hand")
    if candidates is not None:
        registry = load_registry() if registry is None else registry
        auto_events, auto_evidence = automatic_events(candidates, events, evidence, registry, coding.types)
        events = pd.concat([events, auto_events], ignore_index=True)
        evidence = pd.concat([evidence, auto_evidence], ignore_index=True)
    evidence = evidence.astype({"sent_id": int, "start": int, "end": int}).sort_values(
        ["event_id", "doc_id", "start"], ignore_index=True)[EVIDENCE_TABLE_COLUMNS]
    documents = corpus.documents if documents is None else documents
    bounds = bound_table(events, evidence, documents, coding.bounds_in(corpus.texts, corpus.sentences))
    events = event_table(events, evidence, documents, coding.types, coding.roles, bounds)
    return {"events": events, "event_evidence": evidence, "event_bounds": bounds}


def candidate_table(corpus: Corpus, mentions: pd.DataFrame, timexes: pd.DataFrame,
                    finder: "CandidateFinder | pd.DataFrame", coding: EventCoding | None = None) -> pd.DataFrame:
    """Automatic event candidates, matched to the hand-coded events where those are given (notebook 04).

    ``finder`` is a CandidateFinder, or the triggers table (``load_triggers``) to build one from.
    """
    candidates = find_candidates(corpus, mentions, timexes, finder)
    if coding is None:
        return candidates
    return match_candidates(candidates, coding.events, coding.evidence_in(corpus.texts, corpus.sentences))


def all_tables(corpus: Corpus, annotators: Annotators | None = None,
               coding: EventCoding | None = None) -> dict[str, pd.DataFrame]:
    """Every processed table, stage by stage, as the notebooks write them.

    With ``coding`` (the hand-coded events) the event tables are added: hand-coded events
    for the articles the coding quotes, automatic ones for the others, and the candidates
    matched against the hand coding.
    """
    annotators = annotators or Annotators.from_codebook()
    tables = corpus_tables(corpus)
    tables.update(entity_and_time_tables(corpus, annotators))
    tables.update(claim_tables(corpus, tables["mentions"], tables["timexes"], annotators))
    tables["event_candidates"] = candidate_table(corpus, tables["mentions"], tables["timexes"],
                                                 annotators.candidates, coding)
    if coding is not None:
        tables.update(event_tables(corpus, coding, tables["event_candidates"],
                                   annotators.mentions.registry.reset_index()))
    return tables


def build(raw_dir=config.RAW_DIR, out_dir=config.PROCESSED_DIR, jobs: int | None = None) -> list[Path]:
    """Load and check the raw folder, then write every table; nothing is written on error.

    Returns the tables' paths. ``out_dir`` then holds exactly these tables, the files the
    build does not own, and ``datapackage.json`` describing every CSV there; the new set is
    swapped in whole (see ``partnership.publish``).

    Every table is made article by article, so a large corpus is split into contiguous
    runs of articles annotated in parallel (``jobs`` processes; by default one per
    ARTICLES_PER_JOB articles, at most one per CPU) and the results are concatenated
    in order: the output is the same bytes whatever ``jobs`` is.
    """
    check_out_dir(out_dir, raw_dir)
    sources, texts_by_file = read_raw(raw_dir)
    sources = sources.sort_values("doc_id", ignore_index=True)
    if jobs is None:
        jobs = default_jobs(len(sources))
    registry = load_registry()
    annotators = Annotators.from_codebook(registry)  # read the codebook once; forked workers inherit it
    coding = EventCoding.load(registry)  # applied to the articles it quotes that are in this corpus
    if jobs <= 1:
        tables = all_tables(split_corpus(sources, texts_by_file), annotators, coding)
        return publish({f"{name}.csv": to_csv_text(table).encode("utf-8") for name, table in tables.items()}, out_dir)
    size = math.ceil(len(sources) / (jobs * CHUNKS_PER_JOB))
    chunks = [sources.iloc[start:start + size] for start in range(0, len(sources), size)]
    work = [(chunk, {f: texts_by_file[f] for f in chunk["file"]}) for chunk in chunks]
    global _FORKED
    _FORKED = (annotators, coding)  # inherited by the forked workers, not pickled per chunk
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            parts = list(progress(pool.map(_csv_of_chunk, work), "articles (in chunks)", len(work)))
    finally:
        _FORKED = None
    # Each CSV row is formatted on its own, so the chunks' rows joined under one header are
    # the same bytes as the whole table written at once (a test checks this).
    contents = {
        Path(out_dir) / f"{name}.csv": [header] + [part[name][1] for part in parts]
        for name, (header, _) in parts[0].items() if name not in CORPUS_WIDE
    }
    mentions = pd.read_csv(io.BytesIO(b"".join(contents[Path(out_dir) / "mentions.csv"])), dtype=str,
                           keep_default_na=False).astype({"start": int, "end": int, "sent_id": int})
    texts = {row.doc_id: texts_by_file[row.file] for row in sources.itertuples()}
    contents[Path(out_dir) / "registry_candidates.csv"] = to_csv_text(
        registry_candidates(mentions, texts, annotators.mentions.registry.reset_index())).encode("utf-8")
    candidates = pd.read_csv(io.BytesIO(b"".join(contents[Path(out_dir) / "event_candidates.csv"])), dtype=str,
                             keep_default_na=False)
    # events span articles: made once, from every article's candidates and the hand coding
    documents = pd.read_csv(io.BytesIO(b"".join(contents[Path(out_dir) / "documents.csv"])), dtype=str,
                            keep_default_na=False)
    quoted = sources[sources["doc_id"].isin(coding.evidence["doc_id"])]
    for name, table in event_tables(split_corpus(quoted, texts_by_file), coding, candidates,
                                    annotators.mentions.registry.reset_index(), documents).items():
        contents[Path(out_dir) / f"{name}.csv"] = to_csv_text(table).encode("utf-8")
    return publish(contents, out_dir)


def default_jobs(n_articles: int) -> int:
    """One process per ARTICLES_PER_JOB articles, at most one per CPU."""
    return max(1, min(os.cpu_count() or 1, math.ceil(n_articles / ARTICLES_PER_JOB)))


def _csv_of_chunk(work) -> dict[str, tuple[bytes, bytes]]:
    """Every table of a run of articles, as UTF-8 (CSV header, CSV rows), made in a worker process."""
    sources, texts_by_file = work
    annotators, coding = _FORKED
    corpus = split_corpus(sources, texts_by_file)
    tables = all_tables(corpus, annotators)
    if coding is not None:  # match against the evidence in this chunk's articles only
        tables["event_candidates"] = match_candidates(
            tables["event_candidates"], coding.events, coding.evidence_in(corpus.texts, corpus.sentences))
    return {name: (csv_header(table).encode("utf-8"), csv_rows(table).encode("utf-8"))
            for name, table in tables.items()}

