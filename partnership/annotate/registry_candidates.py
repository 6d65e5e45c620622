"""Growing the registry: the names it lacks, grouped across articles, with a guess at what they are.

``registry_candidates`` turns the unknown names of ``mentions`` (rows with ``form`` =
``unlinked``) into one row per name, spellings folded together as the name matcher
folds them ("Kim Yong-bok" and "Kim Yong Bok"), and a surname alone joined to the full name
the same article gave before it ("Zorina Vell ... Vell said"). Each gets, by rule:

- ``type_guess``: PERSON when a title came with it ("National Security Advisor ...");
  else the kind its last word names
  (``data/codebook/name_heads.csv``: "... Committee" is an ORG, "... Region" a LOC, "...
  War" an EVENT); an acronym in capitals is an ORG; a PERSON when "said" or "told"
  follows it ("Emma Holloway, an analyst, said"); a name after "in", "to", "from" is
  a GPE; otherwise a name of two to four words is a PERSON; else unknown;
- ``country_guess``: the country of a state or people the registry knows, named in the
  three words before it ("South Korean lawmaker Park Sun-won", "Ukraine's Prosecutor
  General Andriy Kostin"), the most frequent one across its mentions;
- ``evidence``: where it occurs, as "doc_id sN" citations.

A curator accepts a candidate with one command, which appends it to
``data/codebook/entities.csv`` (see ``add_to_registry``):

    python -m partnership registry add CANDIDATE_ID [--entity-id ID] [--type T] [--country ISO3]
"""

import csv
import re
from collections import Counter
from pathlib import Path

import pandas as pd

from partnership import config
from partnership.annotate.entities import REGISTRY_COLUMNS, REGISTRY_FILE, TYPES, load_registry
from partnership.annotate.normalise import fold
from partnership.codebook import load_rule_table
from partnership.errors import CorpusError

NAME_HEADS_FILE = config.CODEBOOK_DIR / "name_heads.csv"
CANDIDATE_COLUMNS = ["candidate_id", "name", "spellings", "type_guess", "type_rule", "country_guess", "role",
                     "n_mentions", "n_articles", "evidence"]
PLACE_WORDS = {"in", "to", "from", "at", "near", "into", "toward", "towards"}
SPEAKS = re.compile(r"(?:\s*,[^,.]{1,60},)?\s+(?:said|says|told|added|stated|wrote)\b")  # "Vell, an analyst, said"
MAX_EVIDENCE = 8
CLUE_COLUMNS = ["candidate_id", "text", "role", "doc_id", "sent_id", "spoke", "place_word", "country"]


def load_name_heads(path=NAME_HEADS_FILE) -> dict[str, str]:
    table = load_rule_table(path, ["word", "type", "note"], required=["word", "type"], allowed={"type": set(TYPES)})
    return dict(zip(table["word"], table["type"]))


def candidate_id(name: str) -> str:
    """A registry-style id from a name: folded, lower case, words joined by '_'."""
    words = re.findall(r"[a-z0-9]+", fold(name).replace("-", " "))
    return "_".join(words) or "name"


def registry_candidates(mentions: pd.DataFrame, texts: dict[str, str], registry: pd.DataFrame | None = None,
                        heads: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per unknown name (see the module docstring), most mentioned first."""
    return candidates_from_clues(unlinked_clues(mentions, texts, registry), heads)


def unlinked_clues(mentions: pd.DataFrame, texts: dict[str, str], registry: pd.DataFrame | None = None
                   ) -> pd.DataFrame:
    """One row per unknown name's mention, with what the text around it says (CLUE_COLUMNS), in order.

    Everything ``registry_candidates`` reads from the texts, so the clues of a run of articles can
    be made where those articles are (a worker process) and only these small rows gathered:
    ``candidates_from_clues`` over the clues of every run, concatenated in article order, is
    ``registry_candidates`` over the whole corpus.
    """
    registry = load_registry() if registry is None else registry
    countries = dict(zip(registry["entity_id"], registry["country"]))
    unknown = mentions[mentions["form"] == "unlinked"]
    linked = mentions[mentions["entity_id"] != ""]
    linked_by_doc: dict[str, list[tuple[int, str]]] = {}
    for doc_id, end, entity_id in zip(linked["doc_id"], linked["end"], linked["entity_id"]):
        linked_by_doc.setdefault(doc_id, []).append((end, entity_id))
    rows = []
    full_names: dict[tuple[str, str], str] = {}  # (article, surname) -> the candidate of the full name before
    for m in unknown.itertuples(index=False):
        text = texts[m.doc_id]
        before = text[max(0, m.start - 12):m.start].split()
        key = candidate_id(m.text)
        words = m.text.split()
        if len(words) == 1:
            key = full_names.get((m.doc_id, m.text), key)  # "Zorina Vell ... Vell said": one person
        elif 2 <= len(words) <= 4 and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words):
            full_names.setdefault((m.doc_id, words[-1]), key)
        rows.append({
            "candidate_id": key, "text": m.text, "role": getattr(m, "role", ""),
            "doc_id": m.doc_id, "sent_id": m.sent_id, "spoke": bool(SPEAKS.match(text, m.end)),
            "place_word": before[-1] if before and before[-1].lower() in PLACE_WORDS else "",
            "country": _country_before(m, linked_by_doc, countries, texts),
        })
    return pd.DataFrame(rows, columns=CLUE_COLUMNS)


def candidates_from_clues(clues: pd.DataFrame, heads: dict[str, str] | None = None) -> pd.DataFrame:
    """``registry_candidates`` from the clues of ``unlinked_clues`` (one row per mention, in order)."""
    heads = load_name_heads() if heads is None else heads
    groups: dict[str, list] = {}
    for row in clues.itertuples(index=False):
        groups.setdefault(row.candidate_id, []).append(row)
    rows = []
    for key, mentions_of in groups.items():
        names = Counter(m.text for m in mentions_of)
        name = sorted(names, key=lambda n: (-names[n], n))[0]
        roles = Counter(m.role for m in mentions_of if m.role)
        role = sorted(roles, key=lambda r: (-roles[r], r))[0] if roles else ""
        spoke = any(m.spoke for m in mentions_of)
        type_guess, type_rule = _guess_type(name, role, spoke, mentions_of, heads)
        country = Counter(m.country for m in mentions_of if m.country)
        cites = list(dict.fromkeys(f"{m.doc_id} s{m.sent_id}" for m in mentions_of))
        rows.append({
            "candidate_id": key, "name": name, "spellings": " | ".join(sorted(names)),
            "type_guess": type_guess, "type_rule": type_rule,
            "country_guess": sorted(country, key=lambda c: (-country[c], c))[0] if country else "",
            "role": role, "n_mentions": len(mentions_of), "n_articles": len({m.doc_id for m in mentions_of}),
            "evidence": "; ".join(cites[:MAX_EVIDENCE]) + ("; ..." if len(cites) > MAX_EVIDENCE else ""),
        })
    table = pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)
    return table.sort_values(["n_articles", "n_mentions", "candidate_id"], ascending=[False, False, True],
                             ignore_index=True)


def _guess_type(name: str, role: str, spoke: bool, mentions_of, heads) -> tuple[str, str]:
    words = name.replace("-", " ").split()
    if role:
        return "PERSON", "title"
    if words and words[-1] in heads:
        return heads[words[-1]], f"last word {words[-1]!r}"
    if re.fullmatch(r"[A-Z]{2,}", name):
        return "ORG", "acronym"
    if spoke:
        return "PERSON", "speaks"
    for m in mentions_of:
        if m.place_word:
            return "GPE", f"after {m.place_word!r}"
    if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
        return "PERSON", "two to four capitalised words"
    return "", "no rule applies"


def _country_before(mention, linked_by_doc, countries, texts) -> str:
    """The country of a registry state or people named in the three words before the mention."""
    window_start = mention.start
    text = texts[mention.doc_id]
    for _ in range(3):
        window_start = text.rfind(" ", 0, max(window_start - 1, 0))
        if window_start < 0:
            window_start = 0
            break
    for end, entity_id in reversed(linked_by_doc.get(mention.doc_id, [])):
        if window_start <= end <= mention.start and countries.get(entity_id):
            return countries[entity_id]
    return ""


def add_to_registry(candidates: pd.DataFrame, key: str, entity_id: str | None = None, entity_type: str | None = None,
                    country: str | None = None, path=REGISTRY_FILE,
                    candidates_path=config.PROCESSED_DIR / "registry_candidates.csv") -> dict:
    """Append candidate ``key`` to the registry file as a new entity; returns the row written.

    The row is checked as the registry is (``load_registry``) before the file is replaced,
    so a bad id, type or country leaves the registry as it was.
    """
    path = Path(path)
    found = candidates[candidates["candidate_id"] == key]
    if found.empty:
        raise CorpusError(candidates_path, f"has no candidate {key!r}; see its candidate_id column")
    candidate = found.iloc[0]
    row = {column: "" for column in REGISTRY_COLUMNS}
    row.update(entity_id=entity_id or key, name=candidate["name"], type=entity_type or candidate["type_guess"],
               country=candidate["country_guess"] if country is None else country, role=candidate["role"],
               aliases=candidate["spellings"].replace(" | ", "|"),
               note=f"Added from registry_candidates ({candidate['evidence']}).")
    with path.open(encoding="utf-8", newline="") as handle:
        existing = list(csv.DictReader(handle))
    if any(r["entity_id"] == row["entity_id"] for r in existing):
        raise CorpusError(path, f"already has an entity {row['entity_id']!r}; choose another --entity-id")
    rows = sorted([*existing, row], key=lambda r: r["entity_id"])
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=REGISTRY_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    try:
        load_registry(temporary)
    except CorpusError as error:
        temporary.unlink()
        raise CorpusError(path, f"the new row is not valid: {error.problem}") from None
    temporary.replace(path)
    return row
