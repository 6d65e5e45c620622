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
