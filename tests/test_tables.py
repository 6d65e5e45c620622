import pandas as pd
import pytest

from partnership.tables import records, write_files, write_tables


def test_tables_are_written_with_lf_and_no_index(tmp_path):
    table = pd.DataFrame({"doc_id": ["a", "b"], "n": [1, 2], "note": ["x, y", None]})
    [path] = write_tables({"demo": table}, tmp_path)
    assert path.read_bytes() == b'doc_id,n,note\na,1,"x, y"\nb,2,\n'


def test_a_failed_set_leaves_earlier_files_untouched_and_no_temporaries(tmp_path):
    kept = tmp_path / "kept.csv"
    kept.write_bytes(b"old\n")
    blocker = tmp_path / "not_a_folder"
    blocker.write_bytes(b"")
    with pytest.raises(OSError):
        write_files({kept: b"new\n", blocker / "inside.csv": b"never\n"})
    assert kept.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.csv", "not_a_folder"]


def test_header_and_rows_join_to_the_whole_csv():
    import pandas as pd

    from partnership.tables import csv_header, csv_rows, to_csv_text

    table = pd.DataFrame({"a": ["x,y", "", "z"], "n": pd.array([1, None, 3], dtype="Int64"),
                          "f": [1.5, 2.0, 1e10], "b": pd.array([True, False, None], dtype="boolean")})
    assert csv_header(table) + csv_rows(table.iloc[:2]) + csv_rows(table.iloc[2:]) == to_csv_text(table)
    assert csv_rows(table.iloc[:0]) == ""


def test_records_are_what_pandas_gives():
    table = pd.DataFrame({"doc_id": pd.array(["a", "b", None], dtype="string"), "n": [1, 2, 3],
                          "x": [0.5, float("nan"), 2.0], "ok": [True, False, True]})
    assert repr(records(table)) == repr(table.to_dict("records"))  # repr: nan is not equal to itself
    assert records(table.iloc[:0]) == []


@pytest.mark.parametrize("table", [
    pd.DataFrame({"text": ['say "no"', "a,b", "line\nbreak", "carriage\rreturn", "", " padded ", "ünï ‘q’"],
                  "n": range(7), "ok": [True, False] * 3 + [True]}),
    pd.DataFrame({"s": pd.array(["a", None, ""], dtype="str"), "o": ["x", None, float("nan")],
                  "i": pd.array([1, None, 3], dtype="Int64"), "b": pd.array([None, True, False], dtype="boolean")}),
    pd.DataFrame({"mixed": ["a", 1, None], "t": ["x", "y", "z"]}),  # a number in a text column: pandas formats it
    pd.DataFrame({"f": [0.1, 1e16, float("nan")], "t": ["x", "y", "z"]}),  # floats: pandas formats them
    pd.DataFrame({"only": ["", "a"]}),  # one column: its empty cell is '""'
    pd.DataFrame({"a,b": ["1"], 'say "c"': ["2"]}),  # headers that need quoting
    pd.DataFrame({"a": pd.array([], dtype="str"), "b": pd.array([], dtype="int64")}),
])
def test_our_csv_writer_gives_the_bytes_pandas_gives(table, tmp_path):
    from partnership.tables import csv_header, csv_rows, to_csv_text, write_csv

    expected = table.to_csv(index=False, lineterminator="\n")
    assert to_csv_text(table) == expected
    assert csv_header(table) + csv_rows(table) == expected
    assert write_csv(table, tmp_path / "t.csv").read_bytes().decode("utf-8") == expected


def test_our_csv_writer_writes_a_long_table_in_parts(tmp_path, monkeypatch):
    from partnership import tables

    monkeypatch.setattr(tables, "ROWS_PER_WRITE", 3)
    table = pd.DataFrame({"t": [f"row {i}, quoted" for i in range(10)], "n": range(10)})
    assert tables.to_csv_text(table) == table.to_csv(index=False, lineterminator="\n")


def test_quoting_a_column_at_once_quotes_each_cell_as_the_csv_module_does():
    from partnership.tables import _quoted, _quoted_each, _wrapped

    for cells in (["a", "b"], [], ["x,y", "plain", 'say "no"', "line\nbreak", "cr\rnot quoted", ""], ["1", "22"]):
        assert _quoted_each(cells) == [_quoted(c) for c in cells]
        without_marks = [c for c in cells if '"' not in c]  # what _wrapped is given
        assert _wrapped(without_marks) == [_quoted(c) for c in without_marks]
