"""Annotating on a Dask cluster: ``python -m partnership build --scheduler ADDRESS``.

The build splits the corpus into runs of articles (``partnership/build.py``); here each run
is sent, texts and all, to a ``dask.distributed`` cluster, and the results come back in
order to be written as they arrive. Workers on a real cluster share no memory with the
machine that starts the build: each worker process reads the codebook and the hand coding
from its own copy of the project once, keeps the annotators for every later run, and
refuses to annotate when its copy of ``data/codebook/`` or ``data/annotations/`` differs from
the one the build was started with (the tables would not be the ones this project writes).

``ADDRESS`` is a scheduler's address (``tcp://host:8786``), or ``local``: a cluster of worker
processes on this machine (``--jobs`` of them, default one per CPU), started for this build
and stopped after it. A bad article found on a worker comes back as the same one-line error
as without a cluster.
"""

import hashlib
import logging
import os
from contextlib import contextmanager

from partnership import config
from partnership.errors import CorpusError

SCHEDULER_VARIABLE = "PARTNERSHIP_SCHEDULER"  # the address, when --scheduler is not given
LOCAL = "local"
CONNECT_TIMEOUT = 20  # seconds to reach a scheduler before giving up with one line
_WORKER_STATE: dict = {}  # in each worker process: {fingerprint: (annotators, coding)}


class ClusterError(Exception):
    """The cluster, not the input, failed: unreachable, a worker lost. One line, like CorpusError."""


def codebook_fingerprint() -> str:
    """SHA-256 over every file of data/codebook/ and data/annotations/ (names and bytes), in order."""
    digest = hashlib.sha256()
    for folder in (config.CODEBOOK_DIR, config.ANNOTATIONS_DIR):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(config.ROOT).as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def worker_annotators(fingerprint: str):
    """(annotators, coding), built once per worker process from its own copy of the codebook."""
    if fingerprint not in _WORKER_STATE:
        from partnership.annotate.entities import load_registry
        from partnership.build import Annotators
        from partnership.events.coding import EventCoding

        if codebook_fingerprint() != fingerprint:
            raise CorpusError(config.CODEBOOK_DIR, f"on Dask worker {_worker_name()} differs from the copy the build "
                                                   "was started with (data/codebook/ or data/annotations/); "
                                                   "install the same checkout of the project on every worker")
        registry = load_registry()
        _WORKER_STATE.clear()  # an earlier codebook's annotators are not needed again
        _WORKER_STATE[fingerprint] = (Annotators.from_codebook(registry), EventCoding.load(registry))
    return _WORKER_STATE[fingerprint]


def chunk_on_worker(work, fingerprint: str) -> dict:
    """``partnership.build.chunk_result`` for one run of articles, on a Dask worker."""
    from partnership.build import chunk_result

    return chunk_result(work, *worker_annotators(fingerprint))


@contextmanager
def cluster_runner(address: str, jobs: int | None = None):
    """Yields (worker threads, run): ``run(work items)`` gives their chunk results in order."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - dask is in requirements.txt
        raise ClusterError("--scheduler needs dask.distributed: pip install -r requirements.txt") from None
    cluster = None
    try:
        try:
            if address == LOCAL:
                cluster = LocalCluster(n_workers=jobs or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                                       dashboard_address=":0",  # any free port: never "port 8787 in use"
                                       silence_logs=logging.CRITICAL)
                client = Client(cluster)
            else:
                client = Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as error:
            raise ClusterError(f"cannot reach the Dask scheduler at {address} "
                               f"({error or type(error).__name__})") from None
        with client:
            workers = sum(client.nthreads().values())
            if not workers:
                raise ClusterError(f"the Dask scheduler at {address} has no workers; start some with "
                                   f"`dask worker {address}`")
            fingerprint = codebook_fingerprint()
            from partnership.build import CHUNKS_IN_FLIGHT

            yield workers, lambda work: _in_order(client, work, fingerprint, CHUNKS_IN_FLIGHT * workers)
    finally:
        if cluster is not None:
            cluster.close()


def _in_order(client, work, fingerprint: str, window: int):
    """The chunk results of ``work`` in order, at most ``window`` chunks on the cluster at a time."""
    from distributed import CancelledError, KilledWorker

    from partnership.build import in_order

    try:
        yield from in_order(lambda item: client.submit(chunk_on_worker, item, fingerprint, pure=False), work, window)
    except (KilledWorker, CancelledError) as error:
        raise ClusterError(f"a Dask worker was lost while annotating ({type(error).__name__}: {error})") from None


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return "(not a worker)"
