"""Quantities: numbers with what they count, normalised, from a unit lexicon.

A quantity is a number (digits, number words, or a vague plural such as
"millions of") with an optional modifier from ``data/codebook/modifiers.csv``
("over" -> MORE_THAN) and the first unit word from
``data/codebook/quantity_units.csv`` found in the next six words of the same
clause ("20,000 containers", "millions of Soviet-style artillery rounds").

- "20 billion dollars" -> value 2.0e10, unit USD, kind money;
- "170-mm" -> 170, mm, calibre (a size, not a count);
- "millions of" and "tens of millions of" are lower bounds: 1e6 and 1e7 with mod
  EQUAL_OR_MORE;
- a number written in words with no unit after it ("one of the strongest") is
  not a quantity; one in digits is kept with an empty unit (kind ``number``).

Anything inside a date or duration (``timexes``) or inside a name ("KN-23",
"Covid-19") is left out, so nothing is counted twice.
"""

import re

import pandas as pd

from partnership import config
from partnership.codebook import load_rule_table
from partnership.annotate.numbers import DIGITS, NUMBER, SCALES, UNITS, parse_number
from partnership.progress import progress
from partnership.annotate.timexes import load_modifiers, modifier_pattern

UNITS_FILE = config.CODEBOOK_DIR / "quantity_units.csv"
KINDS = {"personnel", "money", "materiel", "calibre", "count"}
QUANTITY_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "value", "unit", "mod", "kind"]
VAGUE = {"dozens": 12, "tens": 10, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000,
         "billions": 1_000_000_000}
NUMBER_WORDS = (set(UNITS) | set(SCALES)) - {"a", "an"}
UNIT_WINDOW = 6
DIGIT_OR_DOLLAR = re.compile(r"[\d$]")  # words after the number in which its unit may stand
CLAUSE_END = re.compile(r"[,.;:()\"“”\d]|\s(?:and|or|but|while|which)\s")


def load_units(path=UNITS_FILE) -> pd.DataFrame:
    return load_rule_table(path, ["word", "unit", "kind", "note"], required=["word", "unit", "kind"],
                           allowed={"kind": KINDS})


class QuantityFinder:
    def __init__(self, units: pd.DataFrame | None = None, modifiers: pd.DataFrame | None = None):
        units = load_units() if units is None else units
        modifiers = load_modifiers() if modifiers is None else modifiers
        self.units = {row.word.lower(): (row.unit, row.kind) for row in units.itertuples()}
        self.mods = {re.sub(r"\s+", " ", p.lower()): m
                     for p, m, a in zip(modifiers["phrase"], modifiers["mod"], modifiers["applies_to"]) if a == "amount"}
        amount_mod = modifier_pattern(modifiers, "amount")
        vague = "|".join(VAGUE)
        self.number_words = set(NUMBER_WORDS) | set(VAGUE)
        self.pattern = re.compile(
            rf"(?:\b(?P<mod>(?i:{amount_mod}))\s+)?"
            rf"(?:(?P<vague>(?i:(?:{vague})(?:\s+of\s+(?:{vague}))?))\s+of\b"
            rf"|(?P<dollar>\$)?(?<![\w.,\-–])(?P<number>{NUMBER})(?![\w,]*\d)"
            rf"(?:-(?P<attached>(?i:mm|millimet(?:re|er)s?))\b)?)"
        )

    def might_hold_a_number(self, sentence: str) -> bool:
        """A cheap test run before the full pattern: a digit, a "$", or a number word."""
        if DIGIT_OR_DOLLAR.search(sentence):
            return True
        return not self.number_words.isdisjoint(re.findall(r"[a-z]+", sentence.lower()))

    def find(self, sentence: str, excluded: list[tuple[int, int]]) -> list[dict]:
        rows = []
        for match in self.pattern.finditer(sentence):
            start, end = match.start(), match.end()
            if any(start < e and s < end for s, e in excluded):
                continue
            row = self._read(match, sentence)
            if row is not None:
                row.setdefault("end", end)
                rows.append({"start": start, **row, "text": sentence[start:row["end"]]})
        return rows

    def _read(self, match, sentence: str) -> dict | None:
        mod = self.mods[re.sub(r"\s+", " ", match["mod"].lower())] if match["mod"] else ""
        if match["vague"]:
            words = re.findall(r"[a-z]+", match["vague"].lower())
            value = 1.0
            for word in words:
                value *= VAGUE.get(word, 1)
            mod = mod or "EQUAL_OR_MORE"
        else:
            value = parse_number(match["number"])
        if match["attached"]:
            unit, kind = self.units["mm"]
            return {"value": value, "unit": unit, "mod": mod, "kind": kind}
        if match["dollar"]:
            unit, kind = self.units["$"]
            return {"value": value, "unit": unit, "mod": mod, "kind": kind}
        found = self._unit_after(sentence, match.end())
        if found is None:
            if match["vague"] or not re.fullmatch(DIGITS, match["number"]):
                return None  # "one of the strongest", "tens of ..." with nothing counted
            return {"value": value, "unit": "", "mod": mod, "kind": "number"}
        (unit, kind), unit_end = found
        return {"value": value, "unit": unit, "mod": mod, "kind": kind, "end": unit_end}

    def _unit_after(self, sentence: str, position: int):
        rest = sentence[position:]
        stop = CLAUSE_END.search(rest)
        rest = rest[: stop.start()] if stop else rest
        for word in list(re.finditer(r"[A-Za-z$]+", rest))[:UNIT_WINDOW]:
            lower = word.group(0).lower()
            for form in (lower, lower + "s"):
                if form in self.units and (form != "mm" or lower == "mm"):
                    return self.units[form], position + word.end()
        return None


def find_quantities(corpus, timexes: pd.DataFrame, mentions: pd.DataFrame,
                    finder: QuantityFinder | None = None) -> pd.DataFrame:
    """The quantities table: numbers outside dates, durations and names, with their units."""
    finder = finder or QuantityFinder()
    taken = pd.concat([timexes[["doc_id", "start", "end"]], mentions[["doc_id", "start", "end"]]])
    taken_by_doc: dict[str, list[tuple[int, int]]] = {}
    for doc_id, start, end in zip(taken["doc_id"].tolist(), taken["start"].tolist(), taken["end"].tolist()):
        taken_by_doc.setdefault(doc_id, []).append((start, end))
    rows = []
    sentences = corpus.sentences.itertuples(index=False)
    for sentence in progress(sentences, "quantities (sentences)", len(corpus.sentences)):
        if not finder.might_hold_a_number(sentence.text):
            continue
        excluded = [(s - sentence.start, e - sentence.start) for s, e in taken_by_doc.get(sentence.doc_id, [])
                    if s < sentence.end and e > sentence.start]
        for row in finder.find(sentence.text, excluded):
            rows.append({**row, "doc_id": sentence.doc_id, "sent_id": sentence.sent_id,
                         "start": sentence.start + row["start"], "end": sentence.start + row["end"]})
    return pd.DataFrame(rows, columns=QUANTITY_COLUMNS)
