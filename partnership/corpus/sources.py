"""Reading and checking ``sources.csv``, the record of where each article comes from.

One row per article file. Only ``file`` is required; ``doc_id`` defaults to the
file's stem. ``published`` is an ISO date written only as precisely as known
(``2023-09-12``, ``2023-09`` or ``2023``) and ``date_precision`` (day, month,
year) must agree with that form; when left empty it is taken from the form.
``date_evidence`` holds one or more quotes from the article, separated by
`` | ``, each of which must occur verbatim in the text. ``genre`` is one of
``data/codebook/genres.csv`` (or empty). ``author`` names who speaks in the first
person in the text (a statement's issuing government, a briefing's host): registry
entity ids separated by ``|`` or a plain name; the claims stage attributes "we",
"I" and the author's naming of itself to it.
"""

import csv
import datetime as dt
import io
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pandas as pd

from partnership import config
from partnership.corpus.articles import read_text_file
from partnership.errors import CorpusError

COLUMNS = [
    "file",
    "doc_id",
    "title",
    "published",
    "date_precision",
    "date_evidence",
    "date_note",
    "outlet_note",
    "genre",
    "author",
]
REQUIRED = ["file"]
NEEDS = "a header line with at least a 'file' column, then one row per article file"
EVIDENCE_SEPARATOR = " | "
PRECISION_BY_LENGTH = {10: "day", 7: "month", 4: "year"}
PRECISIONS = ("day", "month", "year")
DOC_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# Dates counted from publication ("yesterday", "next year") must stay on the calendar (years 1-9999).
FIRST_YEAR, LAST_YEAR = 1000, 9998
ISO_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


GENRES_FILE = config.CODEBOOK_DIR / "genres.csv"


@lru_cache(maxsize=1)
def known_genres() -> frozenset[str]:
    """The genres a sources row may name (``data/codebook/genres.csv``)."""
    with GENRES_FILE.open(encoding="utf-8", newline="") as handle:
        return frozenset(row["genre"] for row in csv.DictReader(handle))


def parse_published(value: str) -> tuple[str, str]:
    """Check an ISO date of day, month or year precision; return (value, precision).

    Raises ValueError with a reader-facing reason.
    """
    if not ISO_PATTERN.match(value):
        raise ValueError(f"published {value!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")
    parts = [int(p) for p in value.split("-")]
    if not FIRST_YEAR <= parts[0] <= LAST_YEAR:
        raise ValueError(f"published {value!r} is not a year from {FIRST_YEAR} to {LAST_YEAR}")
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:
        raise ValueError(f"published {value!r} is not a real calendar date ({exc})") from None
    return value, PRECISION_BY_LENGTH[len(value)]


def split_evidence(evidence: str) -> list[str]:
    """The separate quotes in a ``date_evidence`` cell (empty cell: no quotes)."""
    return [q for q in (part.strip() for part in evidence.split(EVIDENCE_SEPARATOR.strip())) if q]


def read_sources(path) -> pd.DataFrame:
    """Read sources.csv and check each row on its own (not yet against the files)."""
    path = Path(path)
    if path.is_dir():
        raise CorpusError(path, "is a folder; sources.csv must be a CSV file with a 'file' column")
    if not path.is_file():
        raise CorpusError(path, "missing: every raw folder needs a sources.csv with a 'file' column")
    if path.stat().st_size == 0:
        raise CorpusError(path, f"is empty (0 bytes); it needs {NEEDS}")
    try:
        text = read_text_file(path)
    except CorpusError as error:
        if "only white space" in error.problem:
            raise CorpusError(path, f"holds only white space; it needs {NEEDS}"
                              ) from None
        raise
    # strict: an unclosed quote is an error, not a cell that swallows the rest of the file
    reader = csv.DictReader(io.StringIO(text), strict=True)
    try:
        header = reader.fieldnames or []
    except csv.Error as error:
        raise CorpusError(path, f"line 1: not valid CSV ({error})") from None
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        raise CorpusError(path, f"unknown column(s) {unknown}; the known columns are {COLUMNS}")
    for column in REQUIRED:
        if column not in header:
            raise CorpusError(path, f"the required column {column!r} is missing from the header")
    duplicated = sorted({c for c in header if header.count(c) > 1})
    if duplicated:
        raise CorpusError(path, f"column(s) {duplicated} appear more than once in the header")

    rows = []
    for row in _csv_rows(path, reader):
        line = reader.line_num
        if None in row:
            raise CorpusError(path, f"line {line} has more fields than the header")
        record = {c: (row.get(c) or "") for c in COLUMNS}
        rows.append(_check_row(path, line, record))
    if not rows:
        raise CorpusError(path, "has a header but no rows; add one row per article file")

    table = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("file", "doc_id"):
        repeated = sorted(table.loc[table[column].duplicated(), column])
        if repeated:
            raise CorpusError(path, f"{column} {repeated[0]!r} appears in more than one row")
    return table


def _csv_rows(path: Path, reader: csv.DictReader):
    last = reader.line_num  # the csv module's line count is not reliable once it has failed
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise CorpusError(path, f"the row starting on line {last + 1} is not valid CSV ({error}); "
                                    "is a quotation mark left open?") from None
        last = reader.line_num
        yield row


def _check_row(path: Path, line: int, record: dict) -> dict:
    where = f"line {line}"
    # Names are compared in NFC, as the article files' names are (partnership.corpus.loading).
    name = record["file"] = unicodedata.normalize("NFC", record["file"])
    if not name:
        raise CorpusError(path, f"{where}: the 'file' cell is empty")
    if "/" in name or "\\" in name or not name.endswith(".txt"):
        raise CorpusError(path, f"{where}: file {name!r} must be a bare .txt file name in the raw folder")
    if name.startswith("."):
        raise CorpusError(path, f"{where}: file {name!r} is a hidden name (starting with '.'), which is never "
                                "read as an article; rename the file")
    where = f"{where} ({name})"
    row_doc_id = record["doc_id"]
    if not record["doc_id"]:
        record["doc_id"] = Path(name).stem
    if not DOC_ID_PATTERN.match(record["doc_id"]):
        # A doc_id taken from the file name says so: the fix is a doc_id cell, not renaming the file.
        given = "" if row_doc_id else " (taken from the file name; give the row a doc_id)"
        raise CorpusError(
            path, f"{where}: doc_id {record['doc_id']!r}{given} must start with an ASCII letter or digit "
                  "and hold only ASCII letters, digits, '_', '.' and '-'"
        )
    if record["genre"] and record["genre"] not in known_genres():
        raise CorpusError(path, f"{where}: genre {record['genre']!r} is not one of {sorted(known_genres())} "
                                f"(data/codebook/genres.csv)")
    published, precision = record["published"], record["date_precision"]
    if precision and precision not in PRECISIONS:
        raise CorpusError(path, f"{where}: date_precision {precision!r} is not one of {list(PRECISIONS)}")
    if not published:
        if precision:
            raise CorpusError(path, f"{where}: date_precision {precision!r} is given but published is empty")
        return record
    try:
        published, implied = parse_published(published)
    except ValueError as exc:
        raise CorpusError(path, f"{where}: {exc}") from None
    if precision and precision != implied:
        raise CorpusError(
            path,
            f"{where}: date_precision {precision!r} does not fit published {published!r}, "
            f"which is written to the {implied}",
        )
    record["date_precision"] = implied
    return record


def check_sources_against_files(sources: pd.DataFrame, sources_path, texts: dict[str, str]) -> None:
    """Every article file has a row, every row has a file, every evidence quote is in its text.

    ``texts`` maps file name to normalised text for the article files found.
    """
    sources_path = Path(sources_path)
    raw_dir = sources_path.parent
    listed = set(sources["file"])
    for name in sorted(texts):
        if name not in listed:
            raise CorpusError(
                raw_dir / name, f"has no row in {sources_path.name}; add a row with file={name}"
            )
    for name in sorted(listed - set(texts)):
        on_disk = raw_dir / name
        if on_disk.is_dir():
            problem = "which is a folder, not a text file"
        else:
            problem = "which is not in the raw folder"
        raise CorpusError(sources_path, f"lists file {name!r}, {problem}")
    for row in sources.itertuples(index=False):
        for quote in split_evidence(row.date_evidence):
            if quote not in texts[row.file]:
                raise CorpusError(
                    sources_path,
                    f"date_evidence for {row.file} quotes {quote!r}, which is not in the article "
                    "(quotes must be copied verbatim)",
                )
