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
