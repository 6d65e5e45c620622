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

Run: ``make bench`` (or ``python benchmarks/bench.py [--sizes 100 1000 10000]``).
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
TARGET_LINEARITY = 1.5
TARGET_FLOOR_RATIO = 3.0


def write_corpus(folder: Path, size: int) -> list[str]:
    from partnership import config

    with (config.PROCESSED_DIR / "sentences.csv").open(encoding="utf-8", newline="") as handle:
        pool = [row["text"] for row in csv.DictReader(handle)]
    with (config.PROCESSED_DIR / "documents.csv").open(encoding="utf-8", newline="") as handle:
        dates = sorted({row["published"] for row in csv.DictReader(handle)})
    rng = random.Random(SEED + size)
    texts, rows = [], []
    for number in range(size):
        chosen = rng.choices(pool, k=rng.randint(*SENTENCES_PER_ARTICLE))
        paragraphs, current = [], []
        for sentence in chosen:
            current.append(sentence)
            if rng.random() < 0.35:
                paragraphs.append(" ".join(current))
                current = []
        paragraphs.append(" ".join(current))
        text = "\n".join(p for p in paragraphs if p) + f"\nSynthetic article {number}.\n"
        name = f"synthetic_{number:05d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        texts.append(text)
        rows.append({"file": name, "published": rng.choice(dates)})
    with (folder / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "published"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return texts


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


def build_worker(size: int) -> dict:
    """``build`` alone, in a process that holds nothing else, so its peak memory is the build's."""
    from partnership.build import build, default_jobs

    with tempfile.TemporaryDirectory() as tmp:
        raw, out = Path(tmp) / "raw", Path(tmp) / "out"
        raw.mkdir()
        write_corpus(raw, size)
        started = time.perf_counter()
        build(raw, out)  # default jobs: one process per 500 articles, at most one per CPU
        seconds = time.perf_counter() - started
    parent_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest worker
    jobs = default_jobs(size)
    # An upper bound: RSS counts pages a forked worker still shares with its parent twice.
    peak_mb = parent_mb + (jobs * worker_mb if jobs > 1 else 0)
    return {"articles": size, "seconds": seconds, "peak_mb": peak_mb, "jobs": jobs}


def run_worker(kind: str, size: int) -> dict:
    output = subprocess.run([sys.executable, __file__, f"--{kind}", str(size)], check=True,
                            capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000])
    parser.add_argument("--floor", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.floor:
        print(json.dumps(floor_worker(args.floor)))
        return 0
    if args.build:
        print(json.dumps(build_worker(args.build)))
        return 0

    results = []
    print(f"{'articles':>9} {'words':>10} {'jobs':>4} {'seconds':>8} {'art/s':>8} {'ms/art':>7} {'floor s':>8} "
          f"{'x floor':>7} {'peak MB':>8} {'lemmas s':>8} {'lemma/floor':>11}")
    for size in args.sizes:
        r = {**run_worker("floor", size), **run_worker("build", size)}
        r["per_article_ms"] = 1000 * r["seconds"] / r["articles"]
        r["floor_ratio"] = r["seconds"] / r["floor_seconds"]
        results.append(r)
        print(f"{r['articles']:>9,} {r['words']:>10,} {r['jobs']:>4} {r['seconds']:>8.1f} {r['articles'] / r['seconds']:>8.0f} "
              f"{r['per_article_ms']:>7.2f} {r['floor_seconds']:>8.2f} {r['floor_ratio']:>7.2f} {r['peak_mb']:>8.0f} "
              f"{r['lemma_seconds']:>8.2f} {r['lemma_seconds'] / r['floor_seconds']:>11.2f}", flush=True)

    largest, smallest = results[-1], results[0]
    checks = [
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
