"""The pipeline without notebooks: raw folder in, processed tables out.

The notebooks call the same functions step by step; ``python -m partnership build``
calls ``build`` to do it all at once.
"""

import gc
import io
import math
import multiprocessing
import os
import resource
from concurrent.futures import ProcessPoolExecutor
from collections import deque
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from partnership import config
from partnership.annotate.claims import ClaimFinder, find_claims_and_hedges
from partnership.corpus import Corpus, read_raw, split_corpus
from partnership.corpus.dating import date_evidence_spans, weekday_checks
from partnership.annotate.entities import load_registry
from partnership.events.candidates import CandidateFinder, find_candidates, load_triggers, match_candidates
from partnership.events.automatic import NOT_EVENTS, automatic_events
from partnership.events.coding import (
    PROCESSED_EVIDENCE_COLUMNS, EventCoding, bound_table, event_table, load_event_types,
)
from partnership.annotate.mentions import MentionFinder, find_mentions, unlinked_names
from partnership.annotate.registry_candidates import candidates_from_clues, registry_candidates, unlinked_clues
from partnership.progress import progress
from partnership.annotate.quantities import QuantityFinder, find_quantities
from partnership.publish import check_out_dir, publish, staged
from partnership.tables import csv_header, csv_rows, to_csv_text, write_csv
from partnership.annotate.timexes import TimexFinder, find_timexes, timex_checks


ARTICLES_PER_JOB = 500  # below this, starting a second process costs more than it saves
_FORKED = None
EVENT_TABLES = ("events", "event_evidence", "event_bounds")
CORPUS_WIDE = EVENT_TABLES + ("registry_candidates",)
EVIDENCE_TABLE_COLUMNS = [*PROCESSED_EVIDENCE_COLUMNS, "coding"]  # made once from every article, not chunk by chunk
CHUNKS_PER_JOB = 16  # many small chunks: no process sits idle while another finishes a long one
MAX_CHUNK_ARTICLES = 1_000  # and none so large that one chunk's rows weigh on the memory of the parent
SPILLED = ("candidates", "documents")  # what each chunk gives the event tables, kept on disk until the end
# the last chunked build's largest worker peak and its event stage's peak, in MB (for benchmarks/bench.py)
LAST_STATS = {"worker_peak_mb": 0.0, "event_stage_peak_mb": 0.0}
CHUNKS_IN_FLIGHT = 2  # per worker: enough to keep each busy, few enough to bound the memory they take
# the event candidates' columns ``automatic_events`` reads (it drops hypothetical ones; so do the chunks)
AUTOMATIC_INPUT_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "type", "triggers", "modality", "actor_ids",
                           "date"]


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


def entity_and_time_tables(corpus: Corpus, annotators: Annotators | None = None,
                           corpus_wide: bool = True) -> dict[str, pd.DataFrame]:
    """The tables of the entities, dates and quantities stage (notebook 02), by output name.

    ``corpus_wide=False`` leaves out ``registry_candidates``, which a run of articles (``chunk_result``)
    does not make: it is made once from every run's clues."""
    annotators = annotators or Annotators.from_codebook()
    mentions = find_mentions(corpus, annotators.mentions)
    timexes = find_timexes(corpus, annotators.timexes)
    tables = {"mentions": mentions, "unlinked_names": unlinked_names(mentions)}
    if corpus_wide:
        tables["registry_candidates"] = registry_candidates(mentions, corpus.texts,
                                                            annotators.mentions.registry.reset_index())
    return {
        **tables,
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
                    finder: "CandidateFinder | pd.DataFrame", coding: EventCoding | None = None,
                    claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Automatic event candidates, matched to the hand-coded events where those are given (notebook 04).

    ``finder`` is a CandidateFinder, or the triggers table (``load_triggers``) to build one from;
    ``claims``: the claims table, whose plain statements may be speech acts by what they say.
    """
    candidates = find_candidates(corpus, mentions, timexes, finder, claims)
    if coding is None:
        return candidates
    return match_candidates(candidates, coding.events, coding.evidence_in(corpus.texts, corpus.sentences))


def all_tables(corpus: Corpus, annotators: Annotators | None = None,
               coding: EventCoding | None = None, corpus_wide: bool = True) -> dict[str, pd.DataFrame]:
    """Every processed table, stage by stage, as the notebooks write them.

    With ``coding`` (the hand-coded events) the event tables are added: hand-coded events
    for the articles the coding quotes, automatic ones for the others, and the candidates
    matched against the hand coding. ``corpus_wide=False``: without ``registry_candidates``
    (see ``entity_and_time_tables``).
    """
    annotators = annotators or Annotators.from_codebook()
    tables = corpus_tables(corpus)
    tables.update(entity_and_time_tables(corpus, annotators, corpus_wide))
    tables.update(claim_tables(corpus, tables["mentions"], tables["timexes"], annotators))
    tables["event_candidates"] = candidate_table(corpus, tables["mentions"], tables["timexes"],
                                                 annotators.candidates, coding, tables["claims"])
    if coding is not None:
        tables.update(event_tables(corpus, coding, tables["event_candidates"],
                                   annotators.mentions.registry.reset_index()))
    return tables


def build(raw_dir=config.RAW_DIR, out_dir=config.PROCESSED_DIR, jobs: int | None = None,
          scheduler: str | None = None) -> list[Path]:
    """Load and check the raw folder, then write every table; nothing is written on error.

    Returns the tables' paths. ``out_dir`` then holds exactly these tables, the files the
    build does not own, and ``datapackage.json`` describing every CSV there; the new set is
    swapped in whole (see ``partnership.publish``).

    Every table is made article by article, so a large corpus is split into contiguous
    runs of articles annotated in parallel (``jobs`` processes; by default one per
    ARTICLES_PER_JOB articles, at most one per CPU) and the results are concatenated
    in order: the output is the same bytes whatever ``jobs`` is. With ``scheduler`` (the
    address of a Dask scheduler, or "local" for a cluster of ``jobs`` worker processes on
    this machine) the runs are annotated on that cluster instead, with the same bytes
    written (see ``partnership.cluster``). Either way the texts are read from disk run by
    run and each run's rows written to disk as they arrive (``_build_in_chunks``).
    """
    check_out_dir(out_dir, raw_dir)
    sources, texts_by_file = read_raw(raw_dir, keep_texts=False)  # checked now, read again run by run
    sources = sources.sort_values("doc_id", ignore_index=True)
    registry = load_registry()
    annotators = Annotators.from_codebook(registry)  # read the codebook once; forked workers inherit it
    coding = EventCoding.load(registry)  # applied to the articles it quotes that are in this corpus
    if scheduler is not None:
        from partnership.cluster import cluster_runner

        return _build_in_chunks(sources, texts_by_file, out_dir, annotators, coding,
                                lambda: cluster_runner(scheduler, jobs))
    if jobs is None:
        jobs = default_jobs(len(sources))
    if jobs <= 1:
        tables = all_tables(split_corpus(sources, dict(texts_by_file)), annotators, coding)
        return publish({f"{name}.csv": to_csv_text(table).encode("utf-8") for name, table in tables.items()}, out_dir)
    return _build_in_chunks(sources, texts_by_file, out_dir, annotators, coding,
                            lambda: _pool_runner(jobs, annotators, coding))


@contextmanager
def _pool_runner(jobs: int, annotators: Annotators, coding: EventCoding):
    """Yields (jobs, run): ``run(work items)`` gives their chunk results in order, from forked processes."""
    global _FORKED
    _FORKED = (annotators, coding)  # inherited by the forked workers, not pickled per chunk
    try:
        with _frozen_for_fork(), \
                ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            yield jobs, lambda work: in_order(lambda item: pool.submit(_csv_of_chunk, item), work,
                                              CHUNKS_IN_FLIGHT * jobs)
    finally:
        _FORKED = None


@contextmanager
def _frozen_for_fork():
    """The objects alive now (annotators, codebook, spaCy's vocabulary) kept out of the garbage collector
    while processes are forked from this one (``gc.freeze``, as Python's documentation advises before a
    fork): a child's collections never walk them again, which saves their time, and leaves the pages they
    share with the parent uncopied. Thawed afterwards, so a later collection here sees them again."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def in_order(submit, work, window: int):
    """Submit the work items, at most ``window`` at a time, and yield their results in order.

    ``submit(item)`` returns a future (concurrent.futures or dask.distributed). Unlike
    ``Executor.map``, the items are taken from ``work`` only as the window frees, so their
    texts are read from disk as they are needed, not all at once.
    """
    pending = deque()
    items = iter(work)
    try:
        while True:
            while len(pending) < window:
                item = next(items, None)
                if item is None:
                    break
                pending.append(submit(item))
            if not pending:
                return
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def _build_in_chunks(sources: pd.DataFrame, texts_by_file, out_dir, annotators: Annotators, coding: EventCoding,
                     runner) -> list[Path]:
    """Annotate runs of articles with ``runner()``, writing each run's rows to disk as it arrives.

    ``runner()`` is a context that yields (the number of workers, run), ``run(work items)``
    giving the chunk results in order. Each chunk's CSV rows go straight into the new output
    folder, table by table. What the corpus-wide tables need is kept aside: the unknown names'
    clues in memory (one small row per unknown name's mention), the event candidates' columns
    the automatic events read and each article's publication date in hidden files beside the
    tables. Those tables are made once at the end from every article's rows, as the
    one-process build makes them; the event tables in a process of their own (``_event_stage``),
    so the memory they need (it grows with the number of events) is returned when they are written.
    """
    clues: list[pd.DataFrame] = []
    LAST_STATS.update(worker_peak_mb=0.0, event_stage_peak_mb=0.0)
    with staged(out_dir) as staging:
        spilled = {name: staging / f".{name}.gathered" for name in SPILLED}
        try:
            with runner() as (workers, run), ExitStack() as files:
                size = max(1, min(MAX_CHUNK_ARTICLES, math.ceil(len(sources) / (max(1, workers) * CHUNKS_PER_JOB))))
                work = ((sources.iloc[start:start + size],
                         {f: texts_by_file[f] for f in sources["file"].iloc[start:start + size]})
                        for start in range(0, len(sources), size))
                streams: dict[str, BinaryIO] = {}
                for part in progress(run(work), "articles (in chunks)", math.ceil(len(sources) / size)):
                    # Each CSV row is formatted on its own, so the chunks' rows joined under one header
                    # are the same bytes as the whole table written at once (a test checks this).
                    for name, (header, rows) in [*part["csv"].items(), *((f".{n}", part[n]) for n in SPILLED)]:
                        if name not in streams:
                            path = spilled[name[1:]] if name.startswith(".") else staging / f"{name}.csv"
                            streams[name] = files.enter_context(open(path, "wb"))
                            streams[name].write(header)
                        streams[name].write(rows)
                    clues.append(part["clues"])
                    LAST_STATS["worker_peak_mb"] = max(LAST_STATS["worker_peak_mb"], part["peak_mb"])
                    del part
            names = [name for name in streams if not name.startswith(".")]
            for name in names:
                os.chmod(staging / f"{name}.csv", 0o644)
            write_csv(candidates_from_clues(pd.concat(clues, ignore_index=True)), staging / "registry_candidates.csv")
            del clues[:]
            bounds = coding.bounds["doc_id"] if coding.bounds is not None else []
            quoted = sources[sources["doc_id"].isin(set(coding.evidence["doc_id"]) | set(bounds))]  # texts it quotes
            LAST_STATS["event_stage_peak_mb"] = _run_event_stage(
                staging, quoted, {f: texts_by_file[f] for f in quoted["file"]}, coding,
                annotators.mentions.registry.reset_index(), spilled)
        finally:
            for path in spilled.values():
                path.unlink(missing_ok=True)
    return [Path(out_dir) / f"{name}.csv" for name in [*names, "registry_candidates", *EVENT_TABLES]]


def _run_event_stage(staging: Path, *args) -> float:
    """``_event_stage`` in a forked process of its own; its errors (CorpusError) come back as they are.

    Returns that process's peak memory (MB).
    """
    global _FORKED
    _FORKED = (staging, *args)
    try:
        with _frozen_for_fork(), \
                ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
            return pool.submit(_event_stage).result()
    finally:
        _FORKED = None


def _event_stage() -> float:
    """The events and their evidence, from every article's candidates and the hand coding, written to disk.

    Events span articles: made once, from the gathered candidate rows (read as a reader of the
    whole candidates table would read them) and the hand coding of the quoted articles.
    """
    staging, quoted, quoted_texts, coding, registry, spilled = _FORKED
    candidates, documents = (pd.read_csv(spilled[name], dtype=str, keep_default_na=False) for name in SPILLED)
    tables = event_tables(split_corpus(quoted, quoted_texts), coding, candidates, registry, documents)
    del candidates, documents
    for name in EVENT_TABLES:
        write_csv(tables.pop(name), staging / f"{name}.csv")
    return _peak_mb()


def _peak_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def default_jobs(n_articles: int) -> int:
    """One process per ARTICLES_PER_JOB articles, at most one per CPU."""
    return max(1, min(os.cpu_count() or 1, math.ceil(n_articles / ARTICLES_PER_JOB)))


def _csv_of_chunk(work) -> dict:
    """A run of articles annotated in a forked worker process, with the annotators it inherited."""
    annotators, coding = _FORKED
    return chunk_result(work, annotators, coding)


def chunk_result(work, annotators: Annotators, coding: EventCoding | None) -> dict:
    """Every table of a run of articles, and what the corpus-wide tables need from it.

    ``work`` is (the run's rows of sources, its texts by file name). Returns ``{"csv": {name:
    (CSV header, CSV rows) as UTF-8}}`` for every table but the corpus-wide ones; ``clues``
    (``unlinked_clues``); and, as (CSV header, CSV rows), ``candidates`` (the event candidates'
    AUTOMATIC_INPUT_COLUMNS, hypothetical ones left out) and ``documents`` (doc_id, published);
    ``peak_mb``, the worker's peak memory so far.
    """
    sources, texts_by_file = work
    corpus = split_corpus(sources, texts_by_file)
    tables = all_tables(corpus, annotators, corpus_wide=False)  # registry_candidates: made from the clues below
    if coding is not None:  # match against the evidence in this chunk's articles only
        tables["event_candidates"] = match_candidates(
            tables["event_candidates"], coding.events, coding.evidence_in(corpus.texts, corpus.sentences))
    csv = {name: (csv_header(table).encode("utf-8"), csv_rows(table).encode("utf-8"))
           for name, table in tables.items() if name not in CORPUS_WIDE}
    candidates = _read_back(csv["event_candidates"])
    candidates = candidates[~candidates["modality"].isin(NOT_EVENTS)][AUTOMATIC_INPUT_COLUMNS]
    return {"csv": csv, "clues": unlinked_clues(tables["mentions"], corpus.texts,
                                                annotators.mentions.registry.reset_index()),
            "candidates": _as_csv(candidates), "documents": _as_csv(tables["documents"][["doc_id", "published"]]),
            "peak_mb": _peak_mb()}


def _as_csv(table: pd.DataFrame) -> tuple[bytes, bytes]:
    return csv_header(table).encode("utf-8"), csv_rows(table).encode("utf-8")


def _read_back(header_and_rows: tuple[bytes, bytes]) -> pd.DataFrame:
    """A table as a reader of its CSV gets it: every cell text, empty cells ''."""
    return pd.read_csv(io.BytesIO(b"".join(header_and_rows)), dtype=str, keep_default_na=False)
