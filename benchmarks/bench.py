"""Benchmark: ``build`` on seeded synthetic corpora of 100, 1,000 and 10,000 articles.

Each synthetic article is a resample of real sentences from data/processed/sentences.csv
(seeded, so every run builds the same corpora), with a publication date drawn from the
real ones so relative dates resolve. Each size's build runs in a fresh process that
holds nothing else, so its peak memory is the build's own. The floor is spaCy's blank
English tokenizer alone reading the same files, measured in another fresh process; the
lookup lemmatizer's own cost (the lemma of every token, which the cue and trigger
matchers read) is measured beside it. Targets (issue 3): 10,000 articles in under 60 s,
peak memory under 2 GB, time per article at 10,000 within 1.5x of that at 100, and at
most 3x the tokenizer floor. Exit status 1 if a target is missed.

Two more cases (issue 13). Stages: on 1,000 articles in one process, each stage function of
``partnership/build.py`` (and the three annotators its entity stage calls) timed on its own,
median of 3, against the tokenizer floor measured in the same process; target: the stages
together at most 8x the floor, and the whole ``build --jobs 1`` command, start-up included,
at most 12x. Long articles: one article of about 100,000 and one of about 999,000 characters
(under spaCy's max_length), the same stages timed; target: time per character at 1 MB within
2x of that at 100 kB.

Memory and Dask (issue 13): the parent's own peak beside the upper bound, target at most
300 MB (chunks are streamed to disk, so the parent holds one at a time); the same build on a
Dask LocalCluster of one worker process per CPU (``build --scheduler local``) at 10,000
articles, timed beside the process pool, its tables checked byte for byte against the pool's;
with ``--large 100000``, a 100,000-article build for the memory figure (slow: off by default).

Run: ``make bench`` (or ``python benchmarks/bench.py [--sizes 100 1000 10000] [--stage-size 1000]
[--long 100000 999000] [--cluster-size 10000] [--large 100000]``; ``make bench BENCH_ARGS="--large 100000"``).
"""

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED = 20231019
SENTENCES_PER_ARTICLE = (12, 30)
TARGET_SECONDS_10K = 60.0
TARGET_PEAK_MB = 2048.0
TARGET_PARENT_MB = 300.0  # issue 13: chunks streamed to disk, the parent holds one at a time
TARGET_LINEARITY = 1.5
TARGET_FLOOR_RATIO = 3.0
TARGET_STAGES_RATIO = 8.0
TARGET_COMMAND_RATIO = 12.0
TARGET_LONG_RATIO = 2.0
STAGE_REPEATS = 3


def write_corpus(folder: Path, size: int) -> list[str]:
    from partnership import config
    from partnership.corpus.synthetic import resampled_text

    with (config.PROCESSED_DIR / "sentences.csv").open(encoding="utf-8", newline="") as handle:
        pool = [row["text"] for row in csv.DictReader(handle)]
    with (config.PROCESSED_DIR / "documents.csv").open(encoding="utf-8", newline="") as handle:
        dates = sorted({row["published"] for row in csv.DictReader(handle)})
    rng = random.Random(SEED + size)
    texts, rows = [], []
    for number in range(size):
        chosen = rng.choices(pool, k=rng.randint(*SENTENCES_PER_ARTICLE))
        text = resampled_text(chosen, rng, f"Synthetic article {number}.")
        name = f"synthetic_{number:05d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        texts.append(text)
        rows.append({"file": name, "published": rng.choice(dates)})
    with (folder / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "published"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return texts


def write_long_article(folder: Path, n_chars: int) -> str:
    """One article of at most ``n_chars`` characters, resampled from the real sentences (seeded)."""
    from partnership import config

    with (config.PROCESSED_DIR / "sentences.csv").open(encoding="utf-8", newline="") as handle:
        pool = [row["text"] for row in csv.DictReader(handle)]
    with (config.PROCESSED_DIR / "documents.csv").open(encoding="utf-8", newline="") as handle:
        dates = sorted({row["published"] for row in csv.DictReader(handle)})
    rng = random.Random(SEED + n_chars)
    lines, line, size = [], [], 1
    while True:
        sentence = rng.choice(pool)
        if size + len(sentence) + 1 > n_chars:
            break
        line.append(sentence)
        size += len(sentence) + 1
        if rng.random() < 0.35:
            lines.append(" ".join(line))
            line = []
    text = "\n".join(lines + [" ".join(line)]) + "\n"
    (folder / "long.txt").write_text(text, encoding="utf-8")
    with (folder / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
        handle.write(f"file,published\nlong.txt,{rng.choice(dates)}\n")
    return text


def stage_worker(kind: str, size: int) -> dict:
    """Each stage of the build timed on its own (median of STAGE_REPEATS), and the floor beside it.

    The stages are the functions ``partnership.build.all_tables`` calls, in its order; the
    entity stage is split into the three annotators ``entity_and_time_tables`` runs.
    """
    import statistics

    import spacy

    from partnership.annotate.claims import find_claims_and_hedges
    from partnership.annotate.entities import load_registry
    from partnership.annotate.mentions import find_mentions, unlinked_names
    from partnership.annotate.quantities import find_quantities
    from partnership.annotate.registry_candidates import registry_candidates
    from partnership.annotate.timexes import find_timexes, timex_checks
    from partnership.build import Annotators, candidate_table, corpus_tables, event_tables
    from partnership.corpus import read_raw, split_corpus
    from partnership.events.coding import EventCoding
    from partnership.tables import to_csv_text

    with tempfile.TemporaryDirectory() as tmp:
        (write_long_article if kind == "long" else write_corpus)(Path(tmp), size)
        sources, texts = read_raw(Path(tmp))
    sources = sources.sort_values("doc_id", ignore_index=True)
    registry = load_registry()
    annotators, coding = Annotators.from_codebook(registry), EventCoding.load(registry)
    registry_table = annotators.mentions.registry.reset_index()
    nlp = spacy.blank("en")
    times: dict[str, list[float]] = {}

    def timed(name, work):
        started = time.perf_counter()
        result = work()
        times.setdefault(name, []).append(time.perf_counter() - started)
        return result

    for _ in range(STAGE_REPEATS):
        timed("floor", lambda: [nlp.make_doc(text) for text in texts.values()])
        corpus = timed("sentences", lambda: split_corpus(sources, texts))
        tables = timed("corpus tables", lambda: corpus_tables(corpus))
        mentions = timed("mentions", lambda: find_mentions(corpus, annotators.mentions))
        timexes = timed("timexes", lambda: find_timexes(corpus, annotators.timexes))
        tables.update(timed("names and checks", lambda: {
            "unlinked_names": unlinked_names(mentions),
            "registry_candidates": registry_candidates(mentions, corpus.texts, registry_table),
            "timex_checks": timex_checks(timexes, corpus.documents)}))
        tables["quantities"] = timed("quantities", lambda: find_quantities(corpus, timexes, mentions,
                                                                            annotators.quantities))
        tables["claims"], tables["hedges"] = timed("claims", lambda: find_claims_and_hedges(
            corpus, mentions, timexes, annotators.claims))
        candidates = timed("event candidates", lambda: candidate_table(corpus, mentions, timexes,
                                                                       annotators.candidates, coding,
                                                                       tables["claims"]))
        tables.update(timed("events", lambda: event_tables(corpus, coding, candidates, registry_table)))
        tables.update(mentions=mentions, timexes=timexes, event_candidates=candidates)
        timed("csv", lambda: [to_csv_text(table) for table in tables.values()])
    stages = {name: statistics.median(values) for name, values in times.items()}
    return {"kind": kind, "size": size, "chars": sum(len(t) for t in texts.values()), "stages": stages}


def command_worker(size: int) -> dict:
    """``python -m partnership build --jobs 1`` as a user runs it, start-up included."""
    with tempfile.TemporaryDirectory() as tmp:
        raw, out = Path(tmp) / "raw", Path(tmp) / "out"
        raw.mkdir()
        write_corpus(raw, size)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "partnership", "build", "--raw", str(raw), "--out", str(out),
                        "--jobs", "1"], check=True, capture_output=True)
        return {"command_seconds": time.perf_counter() - started}


def floor_worker(size: int) -> dict:
    """The floor: spaCy's blank English tokenizer alone, and the lookup lemmatizer beside it."""
    import spacy

    from partnership.corpus.sentences import LookupLemmas, lemma_table

    nlp = spacy.blank("en")
    with tempfile.TemporaryDirectory() as tmp:
        texts = write_corpus(Path(tmp), size)
        started = time.perf_counter()  # reading the files too, as the build does
        docs = [nlp.make_doc(path.read_text(encoding="utf-8")) for path in sorted(Path(tmp).glob("*.txt"))]
        floor = time.perf_counter() - started
    lemma_table()  # loading the table is start-up, not per-article cost
    lemmatize = LookupLemmas(nlp.vocab)
    started = time.perf_counter()
    for doc in docs:
        lemmatize(doc)
    return {"words": sum(len(t.split()) for t in texts), "floor_seconds": floor,
            "lemma_seconds": time.perf_counter() - started}


def build_worker(size: int, scheduler: str | None = None) -> dict:
    """``build`` alone, in a process that holds nothing else, so its peak memory is the build's.

    With ``scheduler="local"`` the same build runs on a LocalCluster of one worker process per
    CPU (``build --scheduler local``); the cluster's scheduler runs in this process, its
    workers in processes of their own. Returns the SHA-256 of every table written, so runs
    can be compared byte for byte.
    """
    import hashlib
    import os

    from partnership.build import LAST_STATS, build, default_jobs

    jobs = (os.cpu_count() or 1) if scheduler else default_jobs(size)
    with tempfile.TemporaryDirectory() as tmp:
        raw, out = Path(tmp) / "raw", Path(tmp) / "out"
        raw.mkdir()
        # written by another process: the memory its texts took would stay in this one's peak
        subprocess.run([sys.executable, __file__, "--write", str(size), str(raw)], check=True)
        started = time.perf_counter()
        # default jobs: one process per 500 articles, at most one per CPU
        written = build(raw, out, jobs=jobs if scheduler else None, scheduler=scheduler)
        seconds = time.perf_counter() - started
        parent_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the tables are hashed
        digests = {}
        for path in written:  # a block at a time: a table can be larger than the build's own peak
            digest = hashlib.sha256()
            with path.open("rb") as stream:
                for block in iter(lambda: stream.read(1 << 20), b""):
                    digest.update(block)
            digests[path.name] = digest.hexdigest()
    # An upper bound: RSS counts pages a forked worker still shares with its parent twice.
    peak_mb = parent_mb + jobs * LAST_STATS["worker_peak_mb"]
    return {"articles": size, "seconds": seconds, "peak_mb": peak_mb, "parent_mb": parent_mb,
            "worker_mb": LAST_STATS["worker_peak_mb"], "event_stage_mb": LAST_STATS["event_stage_peak_mb"],
            "jobs": jobs, "digests": digests}


def cluster_worker(size: int) -> dict:
    return build_worker(size, scheduler="local")


def run_worker(kind: str, size: int) -> dict:
    output = subprocess.run([sys.executable, __file__, f"--{kind}", str(size)], check=True,
                            capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def print_stages(result: dict) -> float:
    """One line per stage: seconds, ratio to the floor, microseconds per character. Returns the stages' sum."""
    stages, chars = result["stages"], result["chars"]
    floor = stages["floor"]
    total = sum(seconds for name, seconds in stages.items() if name != "floor")
    # events.coding.event_table (hand-coded and automatic events) grows faster than the corpus: shown apart
    for name, seconds in [*stages.items(), ("all but events", total - stages["events"]), ("all stages", total)]:
        print(f"  {name:>17} {seconds:>8.3f} s {seconds / floor:>7.2f}x floor {1e6 * seconds / chars:>7.2f} us/char")
    return total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000])
    parser.add_argument("--stage-size", type=int, default=1_000, help="articles for the per-stage timing (0: skip)")
    parser.add_argument("--long", type=int, nargs="*", default=[100_000, 999_000],
                        help="characters of the single long articles (first and last are compared)")
    parser.add_argument("--cluster-size", type=int, default=10_000,
                        help="articles for the Dask LocalCluster run beside the process pool (0: skip)")
    parser.add_argument("--large", type=int, default=0,
                        help="also build this many articles (e.g. 100000) for the memory figure (0: skip; slow)")
    for worker in ("floor", "build", "cluster", "stages", "long-stages", "command"):
        parser.add_argument(f"--{worker}", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--write", nargs=2, metavar=("SIZE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.write:
        write_corpus(Path(args.write[1]), int(args.write[0]))
        return 0
    for worker, run in (("floor", floor_worker), ("build", build_worker), ("cluster", cluster_worker),
                        ("command", command_worker),
                        ("stages", lambda n: stage_worker("corpus", n)),
                        ("long_stages", lambda n: stage_worker("long", n))):
        if getattr(args, worker):
            print(json.dumps(run(getattr(args, worker))))
            return 0

    results = []
    print(f"{'articles':>9} {'words':>10} {'jobs':>4} {'seconds':>8} {'art/s':>8} {'ms/art':>7} {'floor s':>8} "
          f"{'x floor':>7} {'peak MB':>8} {'parent MB':>9} {'lemmas s':>8} {'lemma/floor':>11}")
    for size in args.sizes:
        r = {**run_worker("floor", size), **run_worker("build", size)}
        r["per_article_ms"] = 1000 * r["seconds"] / r["articles"]
        r["floor_ratio"] = r["seconds"] / r["floor_seconds"]
        results.append(r)
        print(f"{r['articles']:>9,} {r['words']:>10,} {r['jobs']:>4} {r['seconds']:>8.1f} {r['articles'] / r['seconds']:>8.0f} "
              f"{r['per_article_ms']:>7.2f} {r['floor_seconds']:>8.2f} {r['floor_ratio']:>7.2f} {r['peak_mb']:>8.0f} "
              f"{r['parent_mb']:>9.0f} {r['lemma_seconds']:>8.2f} {r['lemma_seconds'] / r['floor_seconds']:>11.2f}",
              flush=True)
        if r["worker_mb"]:
            print(f"{'':>9} chunked: largest worker {r['worker_mb']:,.0f} MB, event stage {r['event_stage_mb']:,.0f} MB",
                  flush=True)

    checks = [(f"parent's peak memory at most {TARGET_PARENT_MB:.0f} MB "
               f"({max(r['parent_mb'] for r in results):,.0f} MB)",
               all(r["parent_mb"] <= TARGET_PARENT_MB for r in results))]
    if args.cluster_size:
        pool = next((r for r in results if r["articles"] == args.cluster_size), None) or run_worker(
            "build", args.cluster_size)
        dask = run_worker("cluster", args.cluster_size)
        same = dask["digests"] == pool["digests"]
        print(f"\nDask LocalCluster, {args.cluster_size:,} articles, {dask['jobs']} worker processes: "
              f"{dask['seconds']:.1f} s, cluster start-up included (process pool: {pool['seconds']:.1f} s); "
              f"parent (client and scheduler) {dask['parent_mb']:,.0f} MB, largest worker "
              f"{dask['worker_mb']:,.0f} MB, event stage {dask['event_stage_mb']:,.0f} MB; "
              f"tables {'byte-identical' if same else 'DIFFERENT'}")
        checks.append((f"Dask LocalCluster tables byte-identical to the process pool's at {args.cluster_size:,} "
                       f"articles", same))
    if args.large:
        large = run_worker("build", args.large)
        print(f"\n{args.large:,} articles, {large['jobs']} processes: {large['seconds']:.1f} s; parent peak "
              f"{large['parent_mb']:,.0f} MB, largest worker {large['worker_mb']:,.0f} MB, event stage "
              f"{large['event_stage_mb']:,.0f} MB (a process of its own at the end)")
        checks.append((f"parent's peak memory at {args.large:,} articles at most {TARGET_PARENT_MB:.0f} MB "
                       f"({large['parent_mb']:,.0f} MB)", large["parent_mb"] <= TARGET_PARENT_MB))
    if args.stage_size:
        staged = run_worker("stages", args.stage_size)
        command = run_worker("command", args.stage_size)["command_seconds"]
        print(f"\nstages, {args.stage_size:,} articles, one process (median of {STAGE_REPEATS}):")
        stages_ratio = print_stages(staged) / staged["stages"]["floor"]
        command_ratio = command / staged["stages"]["floor"]
        print(f"  {'build --jobs 1':>17} {command:>8.3f} s {command_ratio:>7.2f}x floor (the command, start-up included)")
        checks += [(f"stages at {args.stage_size:,} articles at most {TARGET_STAGES_RATIO:.0f}x the floor "
                    f"({stages_ratio:.1f}x)", stages_ratio <= TARGET_STAGES_RATIO),
                   (f"build --jobs 1 at {args.stage_size:,} articles at most {TARGET_COMMAND_RATIO:.0f}x the floor "
                    f"({command_ratio:.1f}x)", command_ratio <= TARGET_COMMAND_RATIO)]
    if args.long:
        per_char = []
        for n_chars in args.long:
            staged = run_worker("long-stages", n_chars)
            print(f"\none article of {staged['chars']:,} characters (median of {STAGE_REPEATS}):")
            per_char.append(print_stages(staged) / staged["chars"])
        long_ratio = per_char[-1] / per_char[0]
        print(f"  time per character, {args.long[-1]:,} vs {args.long[0]:,}: {long_ratio:.2f}x")
        checks.append((f"time per character of one article within {TARGET_LONG_RATIO:.0f}x between "
                       f"{args.long[0]:,} and {args.long[-1]:,} characters ({long_ratio:.2f}x)",
                       long_ratio <= TARGET_LONG_RATIO))

    largest, smallest = results[-1], results[0]
    checks += [
        (f"{largest['articles']:,} articles in under {TARGET_SECONDS_10K:.0f} s",
         largest["articles"] < 10_000 or largest["seconds"] < TARGET_SECONDS_10K),
        (f"peak memory under {TARGET_PEAK_MB:.0f} MB", all(r["peak_mb"] < TARGET_PEAK_MB for r in results)),
        (f"time per article at {largest['articles']:,} within {TARGET_LINEARITY}x of that at {smallest['articles']:,}",
         largest["per_article_ms"] <= TARGET_LINEARITY * smallest["per_article_ms"]),
        (f"at most {TARGET_FLOOR_RATIO:.0f}x the tokenizer floor", all(r["floor_ratio"] <= TARGET_FLOOR_RATIO for r in results)),
    ]
    for label, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {label}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
