"""Writing tables as CSV: byte-stable, and all-or-nothing.

Each table goes first to a temporary file beside its target; only when every
table of a set is written are they renamed into place, so a failure leaves the
previous outputs untouched and no half-written file behind.
"""

import os
import tempfile
from pathlib import Path

import pandas as pd


def to_csv_text(table: pd.DataFrame) -> str:
    """The CSV form used for every output: no index, LF line ends, empty cells for missing values."""
    return table.to_csv(index=False, lineterminator="\n")


def records(table: pd.DataFrame) -> list[dict]:
    """``table.to_dict("records")``, column by column: pandas boxes every cell of a string column one
    by one, which cost a second per 18,000 automatic events."""
    columns = list(table.columns)
    return [dict(zip(columns, row)) for row in zip(*(_cells(table[c]) for c in columns))]


def _cells(column: pd.Series) -> list:
    values = column.tolist()
    if column.dtype == object or not column.hasnans:
        return values
    return [None if v is pd.NA else v for v in values]  # as to_dict gives a nullable column's missing cell


def csv_header(table: pd.DataFrame) -> str:
    """The header line of ``to_csv_text(table)``."""
    return to_csv_text(table.iloc[:0])


def csv_rows(table: pd.DataFrame) -> str:
    """The lines after the header of ``to_csv_text(table)``."""
    return table.to_csv(index=False, header=False, lineterminator="\n") if len(table) else ""


def write_csv(table: pd.DataFrame, path) -> Path:
    """Write ``to_csv_text(table)`` to ``path`` (mode 644) without holding the whole text in memory."""
    path = Path(path)
    with open(path, "w", encoding="utf-8", newline="") as stream:
        table.to_csv(stream, index=False, lineterminator="\n")
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
