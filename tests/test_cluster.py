"""The build on a Dask cluster (``--scheduler``): the same bytes as the process pool, errors in one line.

One LocalCluster of two worker processes (one thread each) serves every test of this module;
its workers share no memory with the test process, so they load the codebook themselves, as
workers on a real cluster do.
"""

import csv
import os
import subprocess
import sys

import pytest

from partnership import config
from partnership.build import build
from partnership.cluster import SCHEDULER_VARIABLE, codebook_fingerprint, worker_annotators
from partnership.errors import CorpusError
from tests.conftest import ARTICLE_ALPHA, ARTICLE_BETA
from tests.generated_corpus import write_corpus
from tests.test_bad_input import assert_one_line, assert_refused, earlier, good_build, raw_with  # noqa: F401

distributed = pytest.importorskip("distributed")

# Unknown names met in several articles, so registry_candidates groups mentions from different chunks.
UNKNOWN_NAMES = [
    "Envoy Marta Velasquez met Kim Jong Un in Pyongyang on Monday. Marta Velasquez said the talks were useful.\n",
    "The Harrow Institute said on Tuesday that Russia had shipped shells. Analysts in Tarnova doubted it.\n",
    "Officials from Tarnova met Marta Velasquez, who told reporters nothing was agreed.\n",
]


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0",
                                  silence_logs=40) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """60 generated texts and a few invented ones with unknown names, spread over the chunks."""
    raw = write_corpus(tmp_path_factory.mktemp("cluster") / "raw", 60)
    with (raw / "sources.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    extra = {"alpha.txt": ARTICLE_ALPHA, "beta.txt": ARTICLE_BETA,
             **{f"zz_unknown_{i}.txt": f"{text}Report {i}.\n" for i, text in enumerate(UNKNOWN_NAMES * 3)}}
    for name, text in extra.items():
        (raw / name).write_text(text, encoding="utf-8")
        rows.append({"file": name, "title": "", "published": "2024-11-08", "date_precision": "day", "genre": ""})
    with (raw / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return raw


def tables_of(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix == ".csv"}


def test_cluster_build_is_byte_identical_to_the_process_pool(corpus, scheduler, tmp_path):
    pool = tables_of(build(corpus, tmp_path / "pool", jobs=2)[0].parent)
    one = tables_of(build(corpus, tmp_path / "one", jobs=1)[0].parent)
    cluster = tables_of(build(corpus, tmp_path / "cluster", scheduler=scheduler)[0].parent)
    assert pool == one
    assert cluster == pool
    assert cluster["registry_candidates.csv"].count(b"\n") > 2  # the unknown names were grouped across chunks
    assert b"marta_velasquez" in cluster["registry_candidates.csv"]


def test_cluster_build_of_the_seed_articles_is_the_committed_tables(scheduler, tmp_path):
    """Hand-coded events, automatic events and their evidence: made once from every chunk's rows."""
    for path in build(config.RAW_DIR, tmp_path, scheduler=scheduler):
        assert path.read_bytes() == (config.PROCESSED_DIR / path.name).read_bytes(), path.name


def test_an_error_found_on_a_dask_worker_is_one_line(tmp_path, earlier, scheduler):  # noqa: F811
    """The hand coding quotes this doc_id; the quote occurs twice, found on a worker (CorpusError pickled back)."""
    quote = "the dissolution of the Soviet Union in 1991"
    twice = f"Officials recalled {quote}.\nOthers also recalled {quote}.\n"
    raw = raw_with(tmp_path, {"twice.txt": twice, "beta.txt": ARTICLE_BETA},
                   rows=[{"file": "twice.txt", "doc_id": "001_6b3d1d5ff18b0dcc"}, {"file": "beta.txt"}])
    assert_refused(raw, earlier, "event_evidence.csv", "occurs more than once in 001_6b3d1d5ff18b0dcc",
                   options=("--scheduler", scheduler))


def test_the_scheduler_can_come_from_the_environment(tmp_path, scheduler):
    raw = raw_with(tmp_path, {"alpha.txt": ARTICLE_ALPHA}, rows=[{"file": "alpha.txt"}])
    command = [sys.executable, "-m", "partnership", "build", "--raw", str(raw), "--out", str(tmp_path / "out")]
    env = {**os.environ, SCHEDULER_VARIABLE: scheduler}
    result = subprocess.run(command, capture_output=True, text=True, cwd=config.ROOT, env=env, check=False)
    assert result.returncode == 0, result.stderr
    expected = build(raw, tmp_path / "expected", jobs=1)
    for path in expected:
        assert (tmp_path / "out" / path.name).read_bytes() == path.read_bytes(), path.name


def test_an_unreachable_scheduler_is_one_line(tmp_path, earlier):  # noqa: F811
    raw = raw_with(tmp_path, {"alpha.txt": ARTICLE_ALPHA}, rows=[{"file": "alpha.txt"}])
    assert_refused(raw, earlier, "cannot reach the Dask scheduler at tcp://127.0.0.1:9",
                   options=("--scheduler", "tcp://127.0.0.1:9"),
                   patch="import partnership.cluster as cluster; cluster.CONNECT_TIMEOUT = 2")


def test_a_worker_with_another_codebook_refuses_to_annotate():
    with pytest.raises(CorpusError, match="differs from the copy the build was started with"):
        worker_annotators("0" * 64)
    assert worker_annotators(codebook_fingerprint())  # its own copy: loaded


def test_local_starts_a_cluster_of_its_own_and_a_worker_error_is_still_one_line(tmp_path, earlier):  # noqa: F811
    quote = "the dissolution of the Soviet Union in 1991"
    raw = raw_with(tmp_path, {"twice.txt": f"Officials recalled {quote}.\nOthers also recalled {quote}.\n"},
                   rows=[{"file": "twice.txt", "doc_id": "001_6b3d1d5ff18b0dcc"}])
    assert_refused(raw, earlier, "occurs more than once in 001_6b3d1d5ff18b0dcc",
                   options=("--scheduler", "local", "--jobs", "2"))
