"""A seeded synthetic corpus for testing the charts at any size.

Each text resamples real sentences from data/processed/sentences.csv (as
benchmarks/bench.py does), with a genre from the codebook and a publication date
spread over several years: about a fifth undated, some known only to the month or
the year. The same (size, seed) always writes the same files.
"""

import csv
import datetime as dt
import random
from pathlib import Path

from partnership import config
from partnership.corpus.synthetic import resampled_text

SENTENCES_PER_TEXT = (8, 24)
GENRES = ("wire", "wire", "state_media", "analysis", "statement", "briefing", "")
FIRST_DAY, LAST_DAY = dt.date(2019, 1, 1), dt.date(2025, 12, 31)
SOURCE_COLUMNS = ["file", "title", "published", "date_precision", "genre"]


def sentence_pool() -> list[str]:
    with (config.PROCESSED_DIR / "sentences.csv").open(encoding="utf-8", newline="") as handle:
        return [row["text"] for row in csv.DictReader(handle)]


def random_date(rng: random.Random) -> tuple[str, str]:
    """(published, date_precision): ~20% undated, ~15% month, ~10% year, the rest to the day."""
    roll = rng.random()
    day = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    if roll < 0.2:
        return "", ""
    if roll < 0.35:
        return day.isoformat()[:7], "month"
    if roll < 0.45:
        return day.isoformat()[:4], "year"
    return day.isoformat(), "day"


def write_corpus(folder: Path, size: int, seed: int = 11, undated_only: bool = False) -> Path:
    """Write ``size`` texts and their sources.csv into ``folder``; returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pool = sentence_pool()
    rng = random.Random(seed * 100_003 + size)
    rows = []
    for number in range(size):
        chosen = rng.sample(pool, k=min(len(pool), rng.randint(*SENTENCES_PER_TEXT)))
        name = f"generated_{number:04d}.txt"
        (folder / name).write_text(resampled_text(chosen, rng, f"Generated text {number}."), encoding="utf-8")
        published, precision = ("", "") if undated_only else random_date(rng)
        rows.append({"file": name, "title": f"Generated text {number} about Russia and North Korea",
                     "published": published, "date_precision": precision, "genre": rng.choice(GENRES)})
    with (folder / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=SOURCE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return folder

