"""The entity registry (``data/codebook/entities.csv``) and the list of words that are not names.

The registry is the codebook of who and what the articles name: one row per
entity, with the exact surface forms (``aliases``, and adjectives in
``demonyms``) separated by ``|``. A capital city can stand for its government
(``government_of``); a body with no country of its own may name what it is part of
(``part_of``: the UN Security Council of the United Nations). This module reads and checks the registry and the commented
ignore list of capitalised words that are not names
(``data/codebook/name_ignore.csv``); ``partnership.annotate.mentions`` uses both to find
and link mentions.
"""

import re
from pathlib import Path

import pandas as pd

from partnership import config
from partnership.errors import CorpusError

REGISTRY_FILE = config.CODEBOOK_DIR / "entities.csv"
IGNORE_FILE = config.CODEBOOK_DIR / "name_ignore.csv"
REGISTRY_COLUMNS = ["entity_id", "name", "type", "country", "role", "aliases", "demonyms", "government_of", "part_of",
                    "note"]
TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "AGREEMENT", "WEAPON", "EVENT")
ENTITY_ID = re.compile(r"^[a-z][a-z0-9_]*$")
COUNTRY = re.compile(r"^[A-Z]{3}$")
APOSTROPHES = ("’", "'")


def split_forms(cell: str) -> list[str]:
    return [form.strip() for form in cell.split("|") if form.strip()]


def load_registry(path=REGISTRY_FILE) -> pd.DataFrame:
    """Read and check the registry; errors name the file, the line and the problem."""
    path = Path(path)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(table.columns) != REGISTRY_COLUMNS:
        raise CorpusError(path, f"columns must be {REGISTRY_COLUMNS}, not {list(table.columns)}")
    ids = set(table["entity_id"])
    for line, row in enumerate(table.itertuples(index=False), start=2):
        where = f"line {line} ({row.entity_id})"
        if not ENTITY_ID.match(row.entity_id):
            raise CorpusError(path, f"{where}: entity_id must be lower-case letters, digits and '_'")
        if row.type not in TYPES:
            raise CorpusError(path, f"{where}: type {row.type!r} is not one of {list(TYPES)}")
        if row.country and not COUNTRY.match(row.country):
            raise CorpusError(path, f"{where}: country {row.country!r} is not an ISO 3166 alpha-3 code")
        if not split_forms(row.aliases):
            raise CorpusError(path, f"{where}: no aliases; list at least the name as written")
        if row.government_of and row.government_of not in ids:
            raise CorpusError(path, f"{where}: government_of {row.government_of!r} is not an entity_id")
        if row.part_of and row.part_of not in ids:
            raise CorpusError(path, f"{where}: part_of {row.part_of!r} is not an entity_id")
    repeated = sorted(table.loc[table["entity_id"].duplicated(), "entity_id"])
    if repeated:
        raise CorpusError(path, f"entity_id {repeated[0]!r} appears in more than one row")
    return table.sort_values("entity_id", ignore_index=True)


def load_ignore_list(path=IGNORE_FILE) -> dict[str, str]:
    """Capitalised words that are not names, each with the reason it is ignored."""
    return dict(zip(*_ignore_table(path)[["word", "reason"]].T.values))


def load_alone_only(path=IGNORE_FILE) -> set[str]:
    """Words of the ignore list that are no name by themselves but may begin one (scope ``alone``)."""
    table = _ignore_table(path)
    return set(table.loc[table["scope"] == "alone", "word"])


def _ignore_table(path) -> pd.DataFrame:
    path = Path(path)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(table.columns) != ["word", "reason", "scope"]:
        raise CorpusError(path, "columns must be ['word', 'reason', 'scope']")
    bad = table.loc[~table["scope"].isin(["", "alone"]), "word"]
    if len(bad):
        raise CorpusError(path, f"{bad.iloc[0]!r}: scope must be empty (never a name) or 'alone'")
    missing = table.loc[table["reason"].str.strip() == "", "word"]
    if len(missing):
        raise CorpusError(path, f"{missing.iloc[0]!r} has no reason; say why it is not a name")
    return table


def surface_forms(registry: pd.DataFrame) -> pd.DataFrame:
    """Every alias and demonym with its entity, in both apostrophe styles (’ and ').

    The registry ``name`` always counts as an alias when it is a proper name (capitalised;
    without a parenthesis it holds or a leading "the": "KN-23 (Hwasong-11) ..." gives
    "KN-23 ...", "the West" gives "West").
    """
    rows = []
    for entity in registry.itertuples(index=False):
        name = re.sub(r"\s+", " ", re.sub(r"\s*\([^)]*\)", "", entity.name)).strip().removeprefix("the ")
        name = name if name[:1].isupper() else ""  # "intercontinental ballistic missile" is a class, not a name
        for kind, cell in (("alias", f"{entity.aliases}|{name}"), ("demonym", entity.demonyms)):
            for form in split_forms(cell):
                for variant in {form.replace("’", a).replace("'", a) for a in APOSTROPHES}:
                    rows.append({"form": variant, "entity_id": entity.entity_id, "kind": kind})
    return pd.DataFrame(rows).drop_duplicates().sort_values(["form", "entity_id"], ignore_index=True)


def shared_forms(registry: pd.DataFrame) -> pd.DataFrame:
    """Surface forms that name more than one entity: the cases a disambiguation rule must decide."""
    forms = surface_forms(registry)
    shared = forms.groupby("form")["entity_id"].agg(lambda ids: " | ".join(sorted(set(ids))))
    return shared[shared.str.contains(r"\|")].reset_index()
