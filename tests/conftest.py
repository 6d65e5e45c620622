"""Shared helpers: small invented corpora written to a temporary raw folder.

The fixture articles are made up for the tests; none is one of the five seed articles.
"""

import csv
import io
from pathlib import Path

import pytest

ARTICLE_ALPHA = (
    "Ministers meet in Ulan Bator\n"
    "Navy Adm. Lee Sun Ho met U.S. officials on Friday, November 8, 2024. "
    "He said “We are ready. We will sign,” and left the hall.\n"
    "Mr. Smith of No. 5 Main St. said the talks went well.\n"
)
ARTICLE_BETA = (
    "Late last month, Gen. Ortiz told reporters the convoy had left. "
    "According to the ministry, over 5,000 troops were moved.\n"
    "\n"
    "Officials said \"The exercise is over. Nobody was hurt.\" The ministry did not comment.\n"
)


def sources_csv(rows: list[dict], columns: list[str] | None = None) -> str:
    if columns is None:
        columns = list(rows[0]) if rows else ["file"]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_raw(folder: Path, articles: dict[str, str | bytes], rows: list[dict] | None = None,
              sources_text: str | None = None) -> Path:
    """Write articles and a sources.csv (from rows, or verbatim text) into folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in articles.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    if sources_text is None and rows is not None:
        sources_text = sources_csv(rows)
    if sources_text is not None:
        (folder / "sources.csv").write_text(sources_text, encoding="utf-8")
    return folder


@pytest.fixture
def fixture_raw(tmp_path) -> Path:
    """A valid two-article raw folder, dated, with evidence quotes."""
    return write_raw(
        tmp_path / "raw",
        {"alpha.txt": ARTICLE_ALPHA, "beta.txt": ARTICLE_BETA, "README.md": "not an article\n"},
        rows=[
            {"file": "alpha.txt", "title": "Ministers meet", "published": "2024-11-08",
             "date_precision": "day", "date_evidence": "on Friday, November 8, 2024"},
            {"file": "beta.txt", "title": "Convoy leaves", "published": "2024-12",
             "date_precision": "", "date_evidence": "Late last month"},
        ],
    )
