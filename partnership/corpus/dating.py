"""How each article's publication date is established, and checked against its own words.

The articles carry no dateline; ``sources.csv`` records a date with the quotes that
fix or bound it. This module finds those quotes in the text (with offsets) and
checks every "weekday, month day" written in an article against the calendar of
the recorded (or written) year.
"""

import calendar
import datetime as dt
import re

import pandas as pd

from partnership.corpus import Corpus
from partnership.corpus.sources import split_evidence

WEEKDAYS = list(calendar.day_name)  # Monday .. Sunday, as date.weekday() numbers them
MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
MONTH_ABBREVIATIONS = {
    "Jan.": 1, "Feb.": 2, "Mar.": 3, "Apr.": 4, "Jun.": 6, "Jul.": 7, "Aug.": 8, "Sep.": 9, "Sept.": 9,
    "Oct.": 10, "Nov.": 11, "Dec.": 12,
    # wire copy also drops the full stop ("KYIV, Jan 13"); "Jan", "Mar", "Jun" and "Jul" are words of their
    # own too ("Jan Lipavsky", "to mar the talks", "Park Jun-ho"), so those count only before a number
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11,
    "Dec": 12,
}
# headings and press-statement datelines write the month in capitals ("APRIL 30, 2024"); "MAY" and
# "MARCH" are words of their own in a capitalised headline, so they count only before a number
CAPITALISED_MONTHS = {name.upper(): number for name, number in MONTHS.items()}
ONLY_BEFORE_A_DAY = {"Jan", "Mar", "Jun", "Jul", "MAY", "MARCH"}
_MONTH_ALTERNATIVES = "|".join(
    [re.escape(m) + (r"(?=\s+\d)" if m in ONLY_BEFORE_A_DAY else r"\b") if not m.endswith(".") else re.escape(m)
     for m in sorted(MONTH_ABBREVIATIONS, key=len, reverse=True)] + list(MONTHS)
    + [m + (r"(?=\s+\d)" if m in ONLY_BEFORE_A_DAY else r"\b") for m in CAPITALISED_MONTHS]
)
WEEKDAY_DATE = re.compile(
    rf"\b(?P<weekday>{'|'.join(WEEKDAYS)}),?\s+(?:the\s+)?"
    rf"(?P<month>{_MONTH_ALTERNATIVES})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"(?:,?\s+(?P<year>\d{{4}})\b)?"
)

EVIDENCE_COLUMNS = ["doc_id", "quote_no", "start", "end", "text"]
WEEKDAY_CHECK_COLUMNS = [
    "doc_id",
    "start",
    "end",
    "text",
    "weekday_written",
    "year",
    "year_source",
    "date",
    "weekday_of_date",
    "agrees",
    "note",
]


def date_evidence_spans(corpus: Corpus) -> pd.DataFrame:
    """One row per evidence quote, located at its first occurrence in the article."""
    rows = []
    for doc in corpus.documents.itertuples(index=False):
        text = corpus.text(doc.doc_id)
        for number, quote in enumerate(split_evidence(doc.date_evidence), start=1):
            start = text.index(quote)
            rows.append(
                {"doc_id": doc.doc_id, "quote_no": number, "start": start,
                 "end": start + len(quote), "text": quote}
            )
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def _month_number(word: str) -> int:
    return MONTHS.get(word) or CAPITALISED_MONTHS.get(word) or MONTH_ABBREVIATIONS[word]


def check_weekday(weekday: str, month: int, day: int, year: int | None) -> dict:
    """Does ``weekday`` fall on that date? Notes which neighbouring year fits if not."""
    if year is None:
        return {"date": "", "weekday_of_date": "", "agrees": pd.NA,
                "note": "no year known: the publication date is not recorded"}
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return {"date": "", "weekday_of_date": "", "agrees": False,
                "note": f"no such date in {year}"}
    actual = WEEKDAYS[date.weekday()]
    if actual == weekday:
        return {"date": date.isoformat(), "weekday_of_date": actual, "agrees": True, "note": ""}
    fits = [y for y in (year - 1, year + 1) if _weekday_of(y, month, day) == weekday]
    note = f"{weekday} fits {fits[0]} instead" if fits else f"{weekday} fits neither {year - 1} nor {year + 1}"
    return {"date": date.isoformat(), "weekday_of_date": actual, "agrees": False, "note": note}


def _weekday_of(year: int, month: int, day: int) -> str | None:
    try:
        return WEEKDAYS[dt.date(year, month, day).weekday()]
    except ValueError:
        return None


def weekday_checks(corpus: Corpus) -> pd.DataFrame:
    """Every "weekday, month day [year]" in the texts, checked against the calendar.

    A year written in the text is used; otherwise the year of the recorded
    publication date (``year_source`` says which).
    """
    rows = []
    for doc in corpus.documents.itertuples(index=False):
        recorded_year = int(doc.published[:4]) if doc.published else None
        for match in WEEKDAY_DATE.finditer(corpus.text(doc.doc_id)):
            written_year = match["year"]
            year = int(written_year) if written_year else recorded_year
            source = "text" if written_year else ("published" if recorded_year else "unknown")
            rows.append(
                {
                    "doc_id": doc.doc_id,
                    "start": match.start(),
                    "end": match.end(),
                    "text": match.group(0),
                    "weekday_written": match["weekday"],
                    "year": year if year is not None else pd.NA,
                    "year_source": source,
                    **check_weekday(match["weekday"], _month_number(match["month"]), int(match["day"]), year),
                }
            )
    table = pd.DataFrame(rows, columns=WEEKDAY_CHECK_COLUMNS)
    return table.astype({"year": "Int64", "agrees": "boolean"})
