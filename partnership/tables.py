"""Writing tables as CSV: byte-stable, and all-or-nothing.

Each table goes first to a temporary file beside its target; only when every
table of a set is written are they renamed into place, so a failure leaves the
previous outputs untouched and no half-written file behind.
"""

import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd


def to_csv_text(table: pd.DataFrame) -> str:
    """The CSV form used for every output: no index, LF line ends, empty cells for missing values."""
    pieces = _pieces(table, header=True)  # joined at once: a StringIO copied the text twice more
    return table.to_csv(index=False, lineterminator="\n") if pieces is None else "".join(pieces)


def _plain_columns(table: pd.DataFrame) -> list[tuple[list[str], int]] | None:
    """Every column's cells as the text pandas' ``to_csv`` writes for them before quoting, each with
    what quoting its cells need (0 none, 1 some to quote but no quotation mark to double, 2 both), or
    None when a column needs pandas' own formatting (floats, dates, a number inside a text column)."""
    columns = []
    for name in table.columns:
        column = table[name]
        dtype, values = column.dtype, column.tolist()
        quote = 0
        if isinstance(dtype, pd.StringDtype) or dtype == object:
            try:  # joined in one C pass, which fails on a cell that is no text: no Python step per cell
                joined = "".join(values)
            except TypeError:
                values = [_text_or_missing(v) for v in values]
                if _NOT_TEXT in values:
                    return None
                joined = "".join(values)
            quote = 2 if '"' in joined else 1 if "," in joined or "\n" in joined else 0
        elif str(dtype) in NULLABLE:
            values = ["" if v is pd.NA else str(v) for v in values]
        elif dtype.kind in "iu":
            values = _integers_as_text(values, column)  # as pandas writes them: 12
        elif dtype.kind == "b":
            values = list(map(str, values))  # True, False
        else:
            return None
        columns.append((values, quote))
    return columns


def _integers_as_text(values: list[int], column: pd.Series) -> list[str]:
    """``list(map(str, values))``; small numbers (offsets, sentence numbers) recur, so when the largest is
    well below the number of cells each is written once and looked up."""
    if not isinstance(column.dtype, np.dtype):  # a nullable type other than Int64 writes a missing cell as <NA>
        return list(map(str, values))
    numbers = column.to_numpy()
    if len(values) and numbers.min() >= 0 and numbers.max() < len(values) // 2:
        top = int(numbers.max())
        if top >= KEPT_NUMBERS:
            return list(map(list(map(str, range(top + 1))).__getitem__, values))
        if top >= len(_NUMBERS):  # kept between tables: the same offsets recur in most of them
            _NUMBERS.extend(map(str, range(len(_NUMBERS), top + 1)))
        return list(map(_NUMBERS.__getitem__, values))
    return list(map(str, values))


KEPT_NUMBERS = 100_000  # the texts of 0 .. 99,999 at most are kept (some 6 MB)
_NUMBERS: list[str] = []  # str(n) at index n


NULLABLE = ("Int64", "boolean")  # pandas' nullable integers and booleans: missing cells are pd.NA
ROWS_PER_WRITE = 5_000  # rows joined at a time: larger parts fall out of the CPU caches (5,000 was faster than 20,000)
_NOT_TEXT = object()


def _text_or_missing(value):
    if type(value) is str:
        return value
    if value is None or value is pd.NA or (type(value) is float and value != value):
        return ""
    return _NOT_TEXT


def _quoted(cell: str) -> str:
    """A cell as the csv module writes it by default (QUOTE_MINIMAL, a quotation mark doubled): quoted
    when it holds the delimiter, the quotation mark or the line end "\\n" (not "\\r": the module
    quotes only the characters of its line terminator)."""
    if "," in cell or '"' in cell or "\n" in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _write(table: pd.DataFrame, stream, header: bool) -> None:
    """``table.to_csv(stream, index=False, header=header, lineterminator="\\n")``, three times faster:
    pandas hands every cell to the csv module one by one, the largest cost of writing the tables of a
    large corpus. A table with a float or a single column (whose one empty cell the csv module writes as
    '""') is left to pandas; a test compares the two on tables of every kind."""
    pieces = _pieces(table, header)
    if pieces is None:
        table.to_csv(stream, index=False, header=header, lineterminator="\n")
        return
    for piece in pieces:
        stream.write(piece)


def _pieces(table: pd.DataFrame, header: bool):
    """The text ``_write`` writes, as an iterator of pieces, or None for a table left to pandas."""
    columns = _plain_columns(table) if len(table.columns) > 1 else None
    return None if columns is None else _joined(table.columns, columns, header)


def _joined(names, columns: list[tuple[list[str], int]], header: bool):
    if header:
        yield ",".join(map(_quoted, map(str, names))) + "\n"
    quoting = (None, _wrapped, _quoted_each)
    for start in range(0, len(columns[0][0]), ROWS_PER_WRITE):
        part = [quoting[quote](values[start:start + ROWS_PER_WRITE]) if quote else values[start:start + ROWS_PER_WRITE]
                for values, quote in columns]
        yield "\n".join(map(",".join, zip(*part)))
        yield "\n"  # apart: adding it to the rows would copy them once more


def _wrapped(cells: list[str]) -> list[str]:
    """``_quoted_each`` of cells without a quotation mark: nothing to double (most texts quote with
    typographic marks), so no ``replace`` per cell."""
    return [('"' + c + '"') if ("," in c or "\n" in c) else c for c in cells]


def _quoted_each(cells: list[str]) -> list[str]:
    """``[_quoted(c) for c in cells]``."""
    return [('"' + c.replace('"', '""') + '"') if ("," in c or '"' in c or "\n" in c) else c  # _quoted, inline
            for c in cells]


def records(table: pd.DataFrame) -> list[dict]:
    """``table.to_dict("records")``, column by column: pandas boxes every cell of a string column one
    by one, which cost a second per 18,000 automatic events."""
    columns = list(table.columns)
    return [dict(zip(columns, row)) for row in zip(*(_cells(table[c]) for c in columns))]


def frame(columns: dict[str, list], names: list[str]) -> pd.DataFrame:
    """``pd.DataFrame(rows, columns=names)`` for the rows these equal columns hold (a dict per row, as
    ``records`` gives), made from the columns: the dicts cost more than the rest of the table. Without
    rows, or with a name not among the columns, it is that very call."""
    if next(iter(columns.values()), []) and all(name in columns for name in names):
        return pd.DataFrame({name: columns[name] for name in names})
    keys = list(columns)
    return pd.DataFrame([dict(zip(keys, row)) for row in zip(*columns.values())], columns=names)


def columns_of(table: pd.DataFrame) -> dict[str, list]:
    """``records(table)`` column by column: name -> cells (of two columns with one name, the later)."""
    return dict(zip(table.columns, (_cells(table.iloc[:, i]) for i in range(table.shape[1]))))


def column_lists(table: pd.DataFrame, columns: list[str]) -> list[list]:
    """The named columns' cells as ``records`` gives them, a list per column (for a loop over ``zip``)."""
    return [_cells(table[c]) for c in columns]


def _cells(column: pd.Series) -> list:
    values = column.tolist()
    # only a type whose missing cell is pd.NA has one to replace (the str type's is nan, as to_dict
    # gives it): no scan for missing cells in the others
    if getattr(column.dtype, "na_value", None) is not pd.NA or not column.hasnans:
        return values
    return [None if v is pd.NA else v for v in values]  # as to_dict gives a nullable column's missing cell


def csv_header(table: pd.DataFrame) -> str:
    """The header line of ``to_csv_text(table)``."""
    return to_csv_text(table.iloc[:0])


def csv_rows(table: pd.DataFrame) -> str:
    """The lines after the header of ``to_csv_text(table)``."""
    if not len(table):
        return ""
    pieces = _pieces(table, header=False)
    return table.to_csv(index=False, header=False, lineterminator="\n") if pieces is None else "".join(pieces)


def write_csv(table: pd.DataFrame, path) -> Path:
    """Write ``to_csv_text(table)`` to ``path`` (mode 644) without holding the whole text in memory."""
    path = Path(path)
    with open(path, "w", encoding="utf-8", newline="") as stream:
        _write(table, stream, header=True)
    os.chmod(path, 0o644)
    return path


def write_tables(tables: dict[str, pd.DataFrame], out_dir) -> list[Path]:
    """Write ``{name: table}`` as ``out_dir/name.csv``, all or nothing. Returns the paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return write_files({out_dir / f"{name}.csv": to_csv_text(t).encode("utf-8") for name, t in tables.items()})


def write_files(contents: dict[Path, bytes | list[bytes]]) -> list[Path]:
    """Write several files atomically as a set (temporary files, then renames).

    A file's content is bytes, or a list of byte chunks written one after another
    (so a large table need not be joined into one string first).
    """
    pending: list[tuple[str, Path]] = []
    try:
        for target, data in contents.items():
            target = Path(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            pending.append((temporary, target))  # before writing: a failed write is removed too
            with os.fdopen(handle, "wb") as stream:
                for chunk in [data] if isinstance(data, bytes) else data:
                    stream.write(chunk)
    except BaseException:
        for temporary, _ in pending:
            Path(temporary).unlink(missing_ok=True)
        raise
    for temporary, target in pending:
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    return [target for _, target in pending]
