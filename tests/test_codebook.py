"""The data dictionary describes every column the project writes, and nothing that is not written."""

import pandas as pd
import pytest

from partnership import config
from partnership.codebook import load_columns, undocumented_columns
from partnership.errors import CorpusError


def written_tables():
    """Every CSV table the project writes or keeps as input, by table name."""
    paths = [
        *sorted(config.PROCESSED_DIR.glob("*.csv")),
        *sorted(config.FIGURE_DATA_DIR.glob("*.csv")),
        config.FIGURE_ALT_TEXT_FILE,
        config.RAW_DIR / config.SOURCES_FILE_NAME,
        *sorted(config.CODEBOOK_DIR.glob("*.csv")),
    ]
    tables = {}
    for path in paths:
        assert path.stem not in tables, f"two tables are named {path.stem}: {config.relative(path)}"
        tables[path.stem] = list(pd.read_csv(path, nrows=0).columns)
    return tables


def test_every_written_column_is_documented():
    dictionary = load_columns()
    missing = {
        name: undocumented_columns(name, columns, dictionary)
        for name, columns in written_tables().items()
    }
    assert {k: v for k, v in missing.items() if v} == {}


def test_every_documented_column_exists():
    tables = written_tables()
    stale = [
        f"{row.table}.{row.column}"
        for row in load_columns().itertuples()
        if row.column not in tables.get(row.table, [])
    ]
    assert stale == []


def test_processed_tables_exist():
    names = {p.stem for p in config.PROCESSED_DIR.glob("*.csv")}
    assert {"documents", "sentences", "date_evidence", "weekday_checks"} <= names


def test_undocumented_columns_lists_exactly_the_missing_ones():
    dictionary = pd.DataFrame(
        {"table": ["t", "t"], "column": ["a", "b"], "type": ["string", "integer"], "description": ["A", "B"]}
    )
    assert undocumented_columns("t", ["a", "c", "b", "d"], dictionary) == ["c", "d"]
    assert undocumented_columns("other", ["a"], dictionary) == ["a"]


@pytest.mark.parametrize(
    "body, message",
    [
        ("table,column,type,description\nt,a,text,A\n", r"unknown type\(s\) \['text'\]"),
        ("table,column,type,description\nt,a,string,A\nt,a,string,B\n", "t.a is described twice"),
        ("table,column,type,description\nt,a,string,\n", "t.a has no description"),
        ("table,column,kind\nt,a,string\n", "columns must be"),
    ],
)
def test_dictionary_errors(tmp_path, body, message):
    path = tmp_path / "columns.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        load_columns(path)
