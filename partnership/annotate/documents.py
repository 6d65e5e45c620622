"""Document numbers: "resolution 2397", "Article 4", "the 1718 Committee" name a text, not an amount or a year.

The nouns that introduce them are codebook data (``data/codebook/document_nouns.csv``);
the quantities and the dates stages both skip a number they introduce, including
every number of a list ("resolutions 1718, 1874, 2087 and 2094").
"""

import re

from partnership import config
from partnership.codebook import load_rule_table

DOCUMENT_NOUNS_FILE = config.CODEBOOK_DIR / "document_nouns.csv"


def load_document_nouns(path=DOCUMENT_NOUNS_FILE) -> list[str]:
    return list(load_rule_table(path, ["word", "note"], required=["word"])["word"].str.lower())


class DocumentNumbers:
    """Tells whether a number at a position of a sentence is a document number."""

    def __init__(self, nouns: list[str] | None = None):
        nouns = load_document_nouns() if nouns is None else nouns
        alternatives = "|".join(re.escape(n).replace(r"\.", r"\.?") for n in sorted(nouns, key=len, reverse=True))
        # "resolution 2397", "resolutions 1718, 1874 and 2270", "No. 3": a document noun, then numbers in a list
        item = r"\d[\d,]*(?:\s*\(\d{4}\))?\s*(?:,|and|or|to|–|-)\s*"  # "1718 (2006), "
        # a short form in brackets may stand between the noun and its number: "Executive Order (E.O.) 14024"
        self.before = re.compile(rf"(?i:\b(?:{alternatives})s?)(?:\s+\([^()]{{1,12}}\))?\s+(?:{item})*$")
        # after the number only as a name: "the 1718 Committee", not "23 articles"
        self.after = re.compile(rf"^\s+(?:{'|'.join(a[:1].upper() + a[1:] for a in alternatives.split('|'))})\b")

    def at(self, sentence: str, start: int, end: int) -> bool:
        """Is ``sentence[start:end]`` (a number) a document's number?"""
        return bool(self.before.search(sentence[max(0, start - 80):start]) or self.after.match(sentence[end:end + 40]))
