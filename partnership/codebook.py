"""The data dictionary: every column of every table the project writes, described."""

from pathlib import Path

import pandas as pd

from partnership import config
from partnership.errors import CorpusError

DICTIONARY_COLUMNS = ["table", "column", "type", "description"]
TYPES = {"string", "integer", "float", "boolean", "date"}


def load_columns(path=config.COLUMNS_FILE) -> pd.DataFrame:
    """Read and check ``data/codebook/columns.csv``."""
    path = Path(path)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(table.columns) != DICTIONARY_COLUMNS:
        raise CorpusError(path, f"columns must be {DICTIONARY_COLUMNS}, not {list(table.columns)}")
    bad_types = sorted(set(table["type"]) - TYPES)
    if bad_types:
        raise CorpusError(path, f"unknown type(s) {bad_types}; use one of {sorted(TYPES)}")
    repeated = table[table.duplicated(["table", "column"])]
    if len(repeated):
        first = repeated.iloc[0]
        raise CorpusError(path, f"{first['table']}.{first['column']} is described twice")
    empty = table[table["description"].str.strip() == ""]
    if len(empty):
        first = empty.iloc[0]
        raise CorpusError(path, f"{first['table']}.{first['column']} has no description")
    return table


def undocumented_columns(table_name: str, columns, dictionary: pd.DataFrame | None = None) -> list[str]:
    """Columns of ``table_name`` that the data dictionary does not describe."""
    dictionary = load_columns() if dictionary is None else dictionary
    known = set(dictionary.loc[dictionary["table"] == table_name, "column"])
    return [c for c in columns if c not in known]


def load_rule_table(path, columns: list[str], required=(), allowed: dict | None = None, unique=()) -> pd.DataFrame:
    """Read a codebook CSV of rules (cue words, units, ...) and check its shape.

    ``required`` columns may not hold an empty cell; ``allowed`` maps a column to
    the values it may take; a ``unique`` column may not repeat a value (in any case: a second
    row would silently replace the first). Errors name the file, the line and the problem.
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(path, "codebook file is missing")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise CorpusError(path, f"is not a readable CSV ({str(error).splitlines()[0]})") from None
    if list(table.columns) != list(columns):
        raise CorpusError(path, f"columns must be {list(columns)}, not {list(table.columns)}")
    for line, row in enumerate(table.to_dict("records"), start=2):
        for column in required:
            if not row[column].strip():
                raise CorpusError(path, f"line {line}: {column} is empty")
        for column, values in (allowed or {}).items():
            if row[column] not in values:
                raise CorpusError(path, f"line {line}: {column} {row[column]!r} is not one of {sorted(values)}")
    for column in unique:
        first_line: dict[str, int] = {}
        for line, value in enumerate(table[column].str.strip().str.lower(), start=2):
            if value in first_line:
                raise CorpusError(path, f"line {line}: {column} {value!r} repeats line {first_line[value]}")
            first_line[value] = line
    return table
