import pandas as pd

from partnership.corpus import load_corpus
from partnership.corpus.dating import check_weekday, date_evidence_spans, weekday_checks
from tests.conftest import ARTICLE_ALPHA, write_raw


def test_weekday_that_fits_the_calendar():
    result = check_weekday("Friday", 11, 8, 2024)
    assert result["agrees"] is True and result["date"] == "2024-11-08"


def test_weekday_that_does_not_fit_says_which_year_would():
    result = check_weekday("Friday", 3, 3, 2024)  # 3 March 2023 was a Friday; in 2024 a Sunday
    assert result["agrees"] is False
    assert result["weekday_of_date"] == "Sunday"
    assert result["note"] == "Friday fits 2023 instead"


def test_impossible_date_does_not_agree():
    assert check_weekday("Monday", 2, 30, 2024)["agrees"] is False


def test_weekday_checks_use_written_year_then_published_year_then_unknown(tmp_path):
    articles = {
        "written.txt": "They met on Friday, November 8, 2024 in the capital.",
        "yearless.txt": "They met on Saturday, November 8 in the capital.",
        "undated.txt": "They met on Friday, Nov. 8 in the capital.",
    }
    rows = [
        {"file": "written.txt", "published": "2025-01-02"},
        {"file": "yearless.txt", "published": "2024-11-10"},
        {"file": "undated.txt", "published": ""},
    ]
    corpus = load_corpus(write_raw(tmp_path, articles, rows=rows))
    table = weekday_checks(corpus).set_index("doc_id")
    assert table.loc["written", "year_source"] == "text" and bool(table.loc["written", "agrees"])
    assert table.loc["yearless", "year_source"] == "published" and not table.loc["yearless", "agrees"]
    assert table.loc["yearless", "note"] == "Saturday fits 2025 instead"
    assert table.loc["undated", "year_source"] == "unknown" and pd.isna(table.loc["undated", "agrees"])
    for row in weekday_checks(corpus).itertuples():
        assert corpus.text(row.doc_id)[row.start:row.end] == row.text


def test_date_evidence_spans_locate_each_quote(tmp_path):
    corpus = load_corpus(write_raw(
        tmp_path, {"a.txt": ARTICLE_ALPHA},
        rows=[{"file": "a.txt", "published": "2024-11-08", "date_evidence": "on Friday | We are ready"}],
    ))
    spans = date_evidence_spans(corpus)
    assert list(spans["quote_no"]) == [1, 2]
    for row in spans.itertuples():
        assert ARTICLE_ALPHA[row.start:row.end] == row.text
