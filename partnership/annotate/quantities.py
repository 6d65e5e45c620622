"""Quantities: numbers with what they count, normalised, from a unit lexicon.

A quantity is a number (digits, number words, "half a million", or a vague plural
such as "millions of", "several thousand") with an optional modifier from
``data/codebook/modifiers.csv`` ("over", "well over" -> MORE_THAN, "some" -> APPROX)
and **the noun it counts**: the last common noun of the phrase after the number, read
up to a function word, punctuation or a verb ("well over 100 ballistic missile
launches since ..." counts launches; "11,000 North Korean troops deployed in Kursk"
counts troops; "1,000 containers of munitions" counts containers).

- The noun's unit and kind come from ``data/codebook/quantity_units.csv`` ("troops"
  -> personnel; "dollars" or "$" -> USD, money); a noun the lexicon lacks is its own
  unit, of kind ``count`` ("launches").
- "170-mm", "152mm" -> a calibre (a size, not a count); "40%", "40 percent" -> a share, and so are
  fractions and odds in words: "a third" 33.3, "three-fifths" 60, "half or more" 50 EQUAL_OR_MORE,
  "roughly one chance in three" 33.3 APPROX, "two out of three" 66.7.
- Indian English scales count too ("40 lakh" 4,000,000, "lakhs of shells" 100,000 EQUAL_OR_MORE, "crore");
  a number followed by "times" says how often or how many fold, no amount ("viewed 2.3 million times").
- "millions of", "tens of thousands of", "several hundred", "a few million" are lower bounds with mod
  EQUAL_OR_MORE; in a range ("11,000 to 12,000 troops") both ends count the noun; "or more" and
  "or fewer" after an amount bound it ("100 or more missiles" EQUAL_OR_MORE, not before a time unit:
  "three or more years" is a duration); after a modifier, "a" before a singular measure of the
  lexicon is one ("more than a kilometre" 1 kilometre MORE_THAN; "a mile away" is no amount).
- A noun the lexicon lacks is a person when it names one by role ("sappers",
  "builders", "young men": kind personnel), else a thing counted (kind count).
- A number with no noun after it takes the sentence's nearest lexicon noun of people or
  materiel ("about 11,000" in a sentence about troops: the noun left out), or the two sentences
  before it, or (inside a clause, from 10 up) the text's last figure of people or materiel ("the
  estimates are in the range of 8,000 to 12,000" after "some 11,000 troops"); with none it is not
  a quantity: nothing says what it counts.

Not quantities: anything inside a date, a duration or a name (``timexes`` and
``mentions``: "KN-23", "Covid-19"); document numbers, read from
``data/codebook/document_nouns.csv`` ("resolution 2397", "resolutions 1718, 1874 and
2270", "Article 4", "the 1718 Committee"); ordinals ("75th").
"""

import math
import re

import pandas as pd
from spacy.lang.en.stop_words import STOP_WORDS

from partnership import config
from partnership.annotate.anchored import FOLDS_TO_ASCII, WORD_RUN, matches_from, starts_before_anchors
from partnership.annotate.documents import DocumentNumbers
from partnership.annotate.names import load_titles, title_key
from partnership.annotate.spans import SpanIndex
from partnership.annotate.numbers import DIGITS, NUMBER, SCALES, UNITS, parse_number
from partnership.annotate.timexes import load_modifiers, modifier_pattern
from partnership.codebook import load_rule_table
from partnership.corpus.sentences import lemma_table
from partnership.progress import progress

UNITS_FILE = config.CODEBOOK_DIR / "quantity_units.csv"
KINDS_FILE = config.CODEBOOK_DIR / "quantity_kinds.csv"
QUANTITY_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "value", "unit", "mod", "kind", "refers_to"]
REFERENTS_FILE = config.CODEBOOK_DIR / "quantity_referents.csv"
WEAPON_CATEGORIES_FILE = config.CODEBOOK_DIR / "weapon_categories.csv"
REFERENTS = ("transferred", "pledged", "deployed", "stockpile", "value", "other")
SUPPORT_REFERENTS = ("transferred", "pledged", "deployed")  # what counts as support; a stockpile or a price does not
REFERENT_WINDOW = (12, 6)  # words looked at before and after the figure for the verb or noun that says what it is
VAGUE = {"dozens": 12, "tens": 10, "hundreds": 100, "thousands": 1_000, "lakhs": 100_000, "millions": 1_000_000,
         "crores": 10_000_000, "billions": 1_000_000_000}
NUMBER_WORDS = (set(UNITS) | set(SCALES) | {"half", "several"}) - {"a", "an"}
NOUN_WINDOW = 6
DIGIT_OR_SYMBOL = re.compile(r"[\d$€£₽₩]")  # a sentence without these or a number word holds no quantity
CLAUSE_END = re.compile(r"[,.;:()\"“”\[\]|]|\s(?:and|or|but|while|which)\s(?![\d$])")
WORD = re.compile(r"\b[A-Za-z][A-Za-z'’\-]*[²³]?|%")  # "km²": a unit squared keeps its sign
CALIBRES = re.compile(r"\d+(?:\.\d+)?-?mm\b(?:\s+(?:or|and)\s+)?", re.I)  # "122mm or 152mm rounds"
PEOPLE = re.compile(r"(?:[a-z]{3,}(?:ers|ors)|[a-z]*men|people|personnel)$")  # "sappers", "builders", "young men"
RANGE = re.compile(rf"(?:\s*(?:to|and|or)\s+|\s*[-–]\s*)(?:{NUMBER})\b", re.I)  # "11,000 to 12,000", "11,000–12,000"
CURRENCY_SYMBOLS = "$€£₽₩"
TIMES_AFTER = re.compile(r"\s+times\b", re.I)  # "roughly four times the rate": a multiplier, no amount
# a bare figure takes the text's last counted noun only from here up ("in the range of 8,000 to 12,000"):
# "At least three." answers a question about visits, not the troops counted paragraphs before
SMALLEST_BORROWED = 10
# ... and only inside a clause ("could reach 12,000", "the range of 8,000"): a figure opening one ("; 2,371 were
# listed") is its subject, and says itself what it counts or counts nothing
CLAUSE_OPENS = re.compile(r"(?:^|[;:.,(—–-])\s*$")
TIME_UNITS = r"(?i:(?:years?|months?|weeks?|days?|hours?|decades?|minutes?)\b)"  # "three or more years": a duration
CLOCK_AFTER = re.compile(r"\s*(?:(?i:gmt|utc)\b|o['’]clock\b|[ap]\.m\.|[ap]m\b|in\s+the\s+(?:morning|afternoon|evening)\b"
                         r"|at\s+night\b|hours?\s+(?:[A-Za-z]+\s+)?time\b)")  # "1700 hours Moscow time"
CODE_BEFORE = re.compile(r"(?<![\w.])[A-Z]{2,5}\s$")  # capitals right before a number: an identifier's letters
ATTACHED = {"mm": "mm", "millimetre": "mm", "millimeter": "mm", "millimetres": "mm", "millimeters": "mm", "%": "%"}
NOT_HEAD = (STOP_WORDS - {"hundred", "thousand", "million", "billion"}) | {"times"}  # "ten times": a frequency
SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12}  # "$2.3bn", "$40m", "£1.2tn"
GROUPED_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")  # "12,000": an amount (a year is written 2024), which may count
# what the sentence before counted ("estimates ... in the range of 8,000 to 12,000")
HYPHENED_WORD = re.compile(r"-[A-Za-z]")  # "six-party", "two-way"
STRONG = re.compile(r"-?\s*strong\b")  # "several thousand strong", "a 3,000-strong contingent"
FORCE_OF = re.compile(r"\b(?:force|forces|contingent|army|armies|detachment)\s+of\s+$", re.I)  # "a force of 1.2 million"
YEAR_LIKE = re.compile(r"(?:19|20)\d\d")  # a bare four-digit year is a date's business, not an amount
# "one shell in five"; not "$48 million in 2019" (a year after "in" is when, not a ratio's base)
RATIO = re.compile(rf"\b(?P<a>{NUMBER})(?:\s+[A-Za-z]+)?\s+(?:in|out\s+of)\s+(?:every\s+)?"
                   rf"(?!(?:1[89]|20)\d\d\b)(?P<b>{NUMBER})\b", re.I)
# "half of the rounds", "roughly a third of its oil": a share of something, in percent (the gold's 33.3)
# "a fifth", "three-fifths", "two thirds": numerator and part, spaced or hyphenated
FRACTION_PARTS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "eighth": 8, "tenth": 10}
NUMERATORS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "nine": 9}
FRACTIONS = {"half": 50.0} | {
    f"{numerator}{joint}{part}{'s' if n > 1 and part != 'half' else ''}": round(100 * n / d, 1)
    for part, d in FRACTION_PARTS.items() for numerator, n in NUMERATORS.items() if n < d
    for joint in (" ", "-") if not (numerator == "a" and joint == "-")}
FRACTION_WORDS = "|".join(sorted((re.escape(f).replace("\\ ", r"\s+") for f in FRACTIONS), key=len, reverse=True))
NOT_SHARED = r"(?:the\s+)?(?:year|century|decade|month|week|day|(?:19|20)\d\d)\b"  # "half of 2024": a period
POSSESSIVES = {"its", "their", "our", "his", "her", "own"}  # "dozens of its own people" count people
SKIPPED_BEFORE_NOUN = {"other", "more", "additional", "further", "extra"}  # "ten other countries", "3,000 more troops"


def registry_plural_demonyms() -> list[str]:
    """The registry's demonyms in the plural ("North Koreans"), as written there."""
    from partnership.annotate.entities import load_registry

    return sorted({d for cell in load_registry()["demonyms"] for d in cell.split("|") if d.endswith("s")})


def load_kinds(path=KINDS_FILE) -> list[str]:
    return load_rule_table(path, ["kind", "definition", "examples"], required=["kind"])["kind"].tolist()


def load_referents(path=REFERENTS_FILE) -> dict[str, tuple[str, str]]:
    """lemma -> (what a figure near it refers to, 'any' or 'adjacent')."""
    table = load_rule_table(path, ["word", "refers_to", "position", "note"], required=["word", "refers_to", "position"],
                            allowed={"refers_to": set(REFERENTS) - {"other"}, "position": {"any", "adjacent"}})
    return {w.lower(): (r, p) for w, r, p in zip(table["word"], table["refers_to"], table["position"])}


def load_weapon_categories(path=WEAPON_CATEGORIES_FILE) -> dict[str, str]:
    """Weapon word -> its category ("koksan" -> "artillery"): the chart's groups, and "artillery pieces" here."""
    table = load_rule_table(path, ["word", "category", "note"], required=["word", "category"])
    return dict(zip(table["word"], table["category"]))


def load_units(path=UNITS_FILE) -> pd.DataFrame:
    kinds = set(load_kinds())
    return load_rule_table(path, ["word", "unit", "kind", "note"], required=["word", "unit", "kind"],
                           allowed={"kind": kinds})


# "of" and a determiner between a number and the noun it counts: "eight of its fighters", "four of our countries"
# (not "some 4,700 of the roughly 11,000": a number after "of" is a whole, the figure a part of it)
PARTITIVE = re.compile(r"\s+of\s+(?:its|their|our|his|her|the|these|those)\s+(?=[a-z])(?!(?:\S+\s+)?\S*\d)", re.I)
# what follows a number word that stands for a noun left out: a verb of its own or "of them"
STANDS_ALONE = re.compile(r"\s+(?:of\s+(?:them|these|those|the)\b|(?:had|have|has|were|was|are|is|will|would|could|did)\b)",
                          re.I)


class QuantityFinder:
    def __init__(self, units: pd.DataFrame | None = None, modifiers: pd.DataFrame | None = None,
                 document_nouns: list[str] | None = None, demonyms: list[str] | None = None):
        units = load_units() if units is None else units
        demonyms = registry_plural_demonyms() if demonyms is None else demonyms
        # "11,000 North Koreans", "1,500 Russians": a people counted by the registry's plural demonym
        self.demonym = re.compile(r"\s*(?:(?:other|more)\s+)?(?P<people>"
                                  + "|".join(sorted(map(re.escape, demonyms), key=len, reverse=True))
                                  + r")\b(?!\s+[A-Z])") if demonyms else None
        modifiers = load_modifiers() if modifiers is None else modifiers
        self.units = {row.word.lower(): (row.unit, row.kind) for row in units.itertuples()}
        self.lemmas = lemma_table()
        self.mods = {re.sub(r"\s+", " ", p.lower()): m
                     for p, m, a in zip(modifiers["phrase"], modifiers["mod"], modifiers["applies_to"]) if a == "amount"}
        amount_mod = modifier_pattern(modifiers, "amount")
        # "roughly one chance in three", "one in ten": odds, a share in percent (one in three is 33.3)
        self.ratio = re.compile(rf"(?:\b(?P<mod>(?i:{amount_mod}))\s+)?{RATIO.pattern}", re.I)
        vague = "|".join(VAGUE)
        scale = "|".join(SCALES)
        # fractions too: "roughly a third" holds no digit and no number word
        fraction_words = {w for f in FRACTIONS for w in re.split(r"[\s-]+", f)} - {"a"}
        # the singular measures the lexicon lists beside their plural ("kilometre", "mile"), not people or shares:
        # "about a kilometre"
        measures = sorted(w for w, (_, kind) in self.units.items() if w.isalpha() and w + "s" in self.units
                          and kind in ("count", "materiel") and not PEOPLE.search(w))
        self.number_words = set(NUMBER_WORDS) | set(VAGUE) | fraction_words | set(measures)
        measures = "|".join(measures) or "(?!)"
        symbols = re.escape(CURRENCY_SYMBOLS)
        # "USD 20 billion", "KRW 1.2 trillion": a currency's code, from the units of kind money, before the number
        codes = "|".join(sorted({u for u, k in self.units.values() if k == "money" and u.isalpha() and u.isupper()}))
        # A match opens a word or a currency sign: saying so first lets the engine skip every other position
        # (half the stage's time) and keeps a word's tail out ("threatens" holds no "tens").
        self.pattern = re.compile(
            rf"(?:\b(?=\w)|(?=[{symbols}]))"
            rf"(?:\b(?P<mod>(?i:{amount_mod}))\s+)?"
            rf"(?:(?P<vague>(?i:(?:{vague})(?:\s+of\s+(?:{vague}))?))(?:\s+of\b|(?=\s+(?!of\b)[a-z])|(?=[,.;:\"”)]))"
            rf"|(?<=\bby\s)(?P<by_fraction>(?i:{FRACTION_WORDS}))(?=\s+(?:in|on|from|over|since|to|between)\b|[,.;])"  # "rose by three-fifths in"
            rf"|(?<!first\s)(?<!second\s)(?<!latter\s)(?<!former\s)(?<![\w-])(?P<fraction>(?i:{FRACTION_WORDS}))(?P<bound>\s+or\s+(?i:more|less))?(?(mod)(?!\s+of\s+{NOT_SHARED}|\s+an?\b|\s+(?:century|hour|day|year|mile)\b)|(?=\s+of\s+(?!{NOT_SHARED})|\s+(?:were|was|are|is|had|have)\b))"
            rf"|(?P<several>(?i:several|a\s+few))\s+(?P<several_scale>(?i:(?:{scale})(?:\s+(?:{scale}))*))\b"
            rf"|(?P<half>(?i:half\s+a))\s+(?P<half_scale>(?i:{scale}))\b"
            rf"|(?:(?P<symbol>(?:US)?[{symbols}]|\b(?:{codes})(?=\s))\s?)?(?<![\w.,])(?<![^\d][\-–])(?<!\d:)(?P<number>{NUMBER})"
            rf"(?![\w,]*\d)(?!:\d)(?:-?(?P<attached>(?i:mm|millimet(?:re|er)s?)\b|%)|(?P<short>bn|mn|tn|m|k)\b|(?![A-Za-z]))"  # not "75th", "1990s",
            # "more than a kilometre", "about a mile": one unit of measure, after a modifier only ("a mile away" is no amount)
            rf"|(?(mod)(?P<a_unit>(?i:an?))(?=\s+(?i:{measures})\b)|(?!)))"
            # nor a clock time ("01:20 GMT")
            # "a dozen or so deputies": the amount said to be rough; "100 or more missiles": a bound
            rf"(?:(?P<or_so>\s+or\s+so\b)|(?P<or_bound>\s+or\s+(?i:more|less|fewer)\b(?!\s+{TIME_UNITS})))?"
        )
        # Every match starts at a word start or a currency sign and holds a digit or a number word within
        # a modifier's words and two of its own ("about a few thousand"): the patterns are tried only there.
        mod_words = max((len(WORD_RUN.findall(p)) for p in modifiers.loc[modifiers["applies_to"] == "amount", "phrase"]),
                        default=0)
        self.reach = mod_words + 2
        # the words that may stand before that digit or number word in a match: a modifier's, "a few", "US$", "USD"
        self.leading = ({w.lower() for p in modifiers.loc[modifiers["applies_to"] == "amount", "phrase"]
                         for w in WORD_RUN.findall(p)} | {"a", "an", "few", "us"} | {c.lower() for c in codes.split("|")}
                        | self.number_words)
        self.symbols = re.compile(f"[{symbols}]")
        self.documents = DocumentNumbers(document_nouns)
        self.titles = load_titles()  # "two ministers", "lawmakers": officials counted, not personnel sent
        self.referents = load_referents()
        # the weapon categories' words ("artillery", "rocket"): "artillery pieces" are materiel
        self.weapon_words = {w for c in load_weapon_categories().values() for w in c.lower().split()}

    def might_hold_a_number(self, sentence: str) -> bool:
        """A cheap test run before the full pattern: a digit, a currency sign, or a number word."""
        if DIGIT_OR_SYMBOL.search(sentence):
            return True
        return not self.number_words.isdisjoint(re.findall(r"[a-z]+", sentence.lower()))

    def find(self, sentence: str, excluded: list[tuple[int, int]], before: str = "",
             recent: tuple[str, str] | None = None) -> list[dict]:
        """``before``: the sentences before it in its text, where a bare number may find what it counts;
        ``recent``: (unit, kind) of the text's last figure of people or materiel, what a bare number
        counts when no sentence near it names anything ("estimates in the range of 8,000 to 12,000")."""
        rows = []
        self._before, self._recent = before, recent
        if " in " in sentence or " out of " in sentence:
            # "one shell in five", "two out of three": a ratio, one share, not two amounts
            for match in self._matches(self.ratio, sentence):
                start, end = match.span()
                excluded = list(excluded) + [(start, end)]
                a, b = parse_number(match["a"]), parse_number(match["b"])
                if not 0 < a <= b or any(start < e and s < end for s, e in excluded[:-1]):
                    continue
                unit, kind = self.units["percent"]
                mod = self.mods[re.sub(r"\s+", " ", match["mod"].lower())] if match["mod"] else ""
                rows.append({"start": start, "end": end, "value": round(100 * a / b, 1), "unit": unit, "mod": mod,
                             "kind": kind, "refers_to": self.refers_to(sentence, start, end, kind),
                             "text": sentence[start:end]})
        for match in self._matches(self.pattern, sentence):
            start, end = match.start(), match.end()
            if any(start < e and s < end for s, e in excluded):
                continue
            if match["number"] and self.documents.at(sentence, match.start("number"), end):
                continue
            if match["number"] and YEAR_LIKE.fullmatch(match["number"]) and not match["symbol"]:
                continue
            if match["number"] and CLOCK_AFTER.match(sentence, match.end("number")):
                continue  # "1700 gmt", "three in the morning", "at 9 p.m.": a time of day, no amount
            if match["number"] and not match["symbol"] and CODE_BEFORE.search(sentence, 0, match.start("number")):
                continue  # "IMO 9043811", "HC 412": an identifier after its letters, no amount
            if match["number"] and sentence[match.start("number") - 1:match.start("number")] == "[" \
                    and sentence[match.end("number"):match.end("number") + 1] == "]":
                continue  # "...to the Kursk region.[2]": a note's number, no amount
            if match["number"] and _slashed(sentence, match.start("number"), match.end("number")):
                continue  # "5/9 Workers" (a caption's place in a gallery), "9/11", "3/4": numbers joined by a slash
            if TIMES_AFTER.match(sentence, end):
                continue  # "viewed more than 2.3 million times", "roughly four times the rate": how often or how
                # many fold, no amount
            row = self._read(match, sentence)
            if row is not None:
                row.setdefault("end", end)
                row["refers_to"] = self.refers_to(sentence, start, row["end"], row.get("kind", ""))
                rows.append({"start": start, **row, "text": sentence[start:row["end"]]})
        return rows

    def _matches(self, pattern: re.Pattern, sentence: str):
        """``pattern.finditer(sentence)``, tried only near digits, number words and currency signs."""
        if FOLDS_TO_ASCII.search(sentence):  # "ſeveral": lower-casing would not find the number word
            return pattern.finditer(sentence)
        if self._anchor_cache[0] is not sentence:
            self._anchor_cache = (sentence, starts_before_anchors(sentence, self.number_words, self.reach, self.symbols, self.leading))
        return matches_from(pattern, sentence, self._anchor_cache[1])

    _anchor_cache: tuple = (None, [])

    def refers_to(self, sentence: str, start: int, end: int, kind: str) -> str:
        """What a figure counts, by rule (data/codebook/quantity_referents.csv): the nearest cue word before
        it in its clause, else just after it; money with no cue is a value, anything else 'other'."""
        before = list(WORD.finditer(sentence[:start]))[::-1][:REFERENT_WINDOW[0]]
        after = list(WORD.finditer(sentence, end))[:REFERENT_WINDOW[1]]
        if kind == "money" and any(self._referent(w.group(0), adjacent=False) == "value" for w in before + after):
            return "value"  # "valued the deliveries at 5 billion dollars": the price, not the delivery
        for distance, word in enumerate(before):
            found = self._referent(word.group(0), adjacent=distance == 0)
            if found:
                return self._for_kind(found, kind)
        for word in after:
            found = self._referent(word.group(0), adjacent=False)
            if found:
                return self._for_kind(found, kind)
        return "value" if kind == "money" else "other"

    def _referent(self, word: str, adjacent: bool) -> str:
        lower = word.lower()
        entry = self.referents.get(self.lemmas.get(lower, lower)) or self.referents.get(lower)
        if entry is None or (entry[1] == "adjacent" and not adjacent):
            return ""
        return entry[0]

    @staticmethod
    def _for_kind(referent: str, kind: str) -> str:
        # people moved to a war are deployed; money moved is still a transfer
        return "deployed" if referent == "transferred" and kind == "personnel" else referent

    def _read(self, match, sentence: str) -> dict | None:
        mod = self.mods[re.sub(r"\s+", " ", match["mod"].lower())] if match["mod"] else ""
        if match["or_so"] and not mod:
            mod = "APPROX"  # "a dozen or so deputies", "3,000 or so": the amount said to be rough
        if match["or_bound"] and not mod:
            mod = "EQUAL_OR_MORE" if match["or_bound"].split()[-1].lower() == "more" else "EQUAL_OR_LESS"
        if match["fraction"] or match["by_fraction"]:
            unit, kind = self.units["percent"]
            if match["bound"]:  # "half or more of what they fired"
                mod = mod or ("EQUAL_OR_MORE" if match["bound"].split()[-1].lower() == "more" else "EQUAL_OR_LESS")
            fraction = match["fraction"] or match["by_fraction"]
            return {"value": float(FRACTIONS[" ".join(fraction.lower().split())]), "unit": unit, "mod": mod,
                    "kind": kind}
        if match["vague"]:
            value = 1.0
            for word in re.findall(r"[a-z]+", match["vague"].lower()):
                value *= VAGUE.get(word, 1)
            mod = mod or "EQUAL_OR_MORE"
        elif match["several"]:
            value, mod = parse_number(match["several_scale"]), mod or "EQUAL_OR_MORE"  # "several hundred million"
        elif match["half"]:
            value = SCALES[match["half_scale"].lower()] / 2
        elif match["a_unit"]:
            value = 1.0
        else:
            value = parse_number(match["number"])
        if not math.isfinite(value):
            value = math.nan  # too large for a float: an empty cell, never inf
        if match["attached"]:
            unit, kind = self.units[ATTACHED.get(match["attached"].lower(), "mm")]
            return {"value": value, "unit": unit, "mod": mod, "kind": kind}
        if match["short"]:
            counted = None if match["symbol"] else self._counted_noun(sentence, match.end())
            if not match["symbol"] and (counted is None or counted[0][1] not in ("materiel", "personnel")):
                return None  # "5m" alone: a distance or a label, not an amount; "1m barrels" counts barrels
            value *= SHORT_SCALES[match["short"]]  # "$2.3bn", "€40m": a scale written in short after the number
        if match["symbol"]:
            symbol = match["symbol"]
            unit, kind = (symbol, "money") if symbol.isalpha() else self.units[symbol[-1]]
            return {"value": value, "unit": unit, "mod": mod, "kind": kind}
        position = match.end()
        following = RANGE.match(sentence, position)
        if following:  # "11,000 to 12,000 troops": the first end counts what the second counts
            position = following.end()
            value = _shared_scale(value, match["number"], following.group(0))
        if match["number"] and not any(c.isdigit() for c in match["number"]) \
                and HYPHENED_WORD.match(sentence, position) and not STRONG.match(sentence, position):
            return None  # "six-party talks", "a two-way trade": a compound adjective ("a 54-kilometre link" counts)
        found = self._counted_noun(sentence, position)
        partitive = (PARTITIVE.match(sentence, position) if found is None and match["number"]
                     and match["number"].lower() != "one" else None)  # "one of its authors": a person, no amount
        if partitive:  # "eight of its fighters", "ten of its allies": the number counts the noun after "of"
            found = self._counted_noun(sentence, partitive.end())
        if STRONG.match(sentence, position) or found is None and FORCE_OF.search(sentence[:match.start()]):
            # "a first group, several thousand strong", "a force of roughly 1.2 million": a force's size
            unit, kind = self.units["personnel"]
            return {"value": value, "unit": unit, "mod": mod, "kind": kind, "end": match.end()}
        if found is None and match["number"] and (re.fullmatch(DIGITS, match["number"]) or self._alone(match, sentence)) \
                or found is None and (match["several"] or match["mod"] or match["vague"] or match["or_bound"]):
            borrowed = self._noun_of_sentence(sentence, match.start(), position)
            if borrowed is None and (self._before or self._recent) and (match["several"] or match["mod"] or match["vague"]
                                                      or match["number"] and self._alone(match, sentence)
                                                      or match["number"] and GROUPED_THOUSANDS.fullmatch(match["number"])):
                # "roughly 8,000 of them", "several hundred": the troops counted just before
                borrowed = self._noun_of_sentence(self._before, len(self._before), len(self._before)) \
                    if self._before else None
                if borrowed is None and not TIMES_AFTER.match(sentence, position) \
                        and (match["vague"] or match["several"] or value >= SMALLEST_BORROWED) \
                        and not CLAUSE_OPENS.search(sentence, 0, match.start()):
                    borrowed = self._recent
            if borrowed is not None:  # "about 11,000" where the sentence counts troops: the noun left out
                return {"value": value, "unit": borrowed[0], "mod": mod, "kind": borrowed[1]}
        if found is None:
            return None  # "one of the strongest", "tens of ..." with nothing counted
        (unit, kind), noun_end = found
        if match["number"] and not re.fullmatch(DIGITS, match["number"]) and kind == "count" \
                and match["number"].lower() in {"one"} and not mod:
            return None  # "one country", "one side": an article or a pronoun more than an amount; "roughly
            # one kilometre" is an amount
        area = AREA.match(sentence, match.end(), noun_end)
        if area and not following:
            unit = f"{area['prefix']} {unit}"  # "120,538 sq km", "1,000 square kilometres": an area, as written
        return {"value": value, "unit": unit, "mod": mod, "kind": kind,
                "end": noun_end if not following else match.end()}

    @staticmethod
    def _alone(match, sentence: str) -> bool:
        """A number word standing for its noun: "only two had hit", "two of them"; not "the two"."""
        before = sentence[:match.start()].rstrip().lower()
        if match["number"].lower() == "one" or before.endswith(("the", "these", "those", "both", "all")):
            return False
        return bool(STANDS_ALONE.match(sentence, match.end()))

    def _lexicon(self, word: str):
        lower = word.lower()
        lemma = self.lemmas.get(lower, lower) if not lower.endswith(("ed", "ing")) else lower  # "visited" is no "visits"
        for form in (lower, lower + "s", lemma + "s", lemma):
            if form in self.units and (form != "mm" or lower == "mm"):
                return self.units[form]
        return None

    def _counted_noun(self, sentence: str, position: int):
        """((unit, kind), end) of the noun the number counts, or None."""
        rest = sentence[position:]
        people = self.demonym.match(rest) if self.demonym else None
        if people:  # soldiers when the sentence counts soldiers or sends them, else people in general
            end = position + people.end()
            borrowed = self._noun_of_sentence(sentence, position - 1, end)
            sent = self.refers_to(sentence, position, end, "personnel") == "deployed"
            if not sent and borrowed is None and self._before:
                # "... all North Korean workers abroad to be sent home. About 11,000 North Koreans still held
                # work permits": the people the sentence before counted
                previous = _last_sentence(self._before)
                borrowed = self._noun_of_sentence(previous, len(previous), len(previous))
            kind = "personnel" if sent or borrowed and borrowed[1] == "personnel" else "count"
            return (people["people"].lower(), kind), position + people.end()
        if rest[:1] == "%" or re.match(r"\s*(?:percent|per cent)\b", rest, re.I):
            found = re.match(r"\s*(?:%|percent|per cent)", rest, re.I)
            return self.units["percent"], position + found.end()
        stop = CLAUSE_END.search(rest)
        rest = rest[: stop.start()] if stop else rest
        calibres = CALIBRES.match(rest.lstrip())
        if calibres:  # "several hundred 122mm or 152mm rounds" count rounds
            skipped = len(rest) - len(rest.lstrip()) + calibres.end()
            rest, position = rest[skipped:], position + skipped
        words = list(WORD.finditer(rest))[:NOUN_WINDOW]
        head, from_lexicon, plural_head = None, False, False
        for k, word in enumerate(words):
            text, lower = word.group(0), word.group(0).lower()
            possessive = lower.endswith(("'", "’", "'s", "’s"))
            lower = re.sub(r"['’]s?$", "", lower)
            lexicon = self._lexicon(lower)
            if lexicon is not None and head is not None and lower.endswith("ed"):
                break  # "4,000 men killed": the participle describes the noun counted; "300 killed" counts
            if lexicon is not None:
                if head is not None and from_lexicon and plural_head and not lower.endswith("s"):
                    break  # "took two soldiers prisoner": after a plural noun counted, a singular one is no compound
                head, from_lexicon = (lexicon, position + word.end()), True
                plural_head = lower.endswith("s") and not lower.endswith("ss")
                if possessive:
                    break  # "two countries’ alliance": the number counts countries
                continue
            if lower in ("and", "or") and head is None:
                continue  # "KN-23 and KN-24 ballistic missiles"
            if (lower in SKIPPED_BEFORE_NOUN or lower in POSSESSIVES) and head is None:
                continue  # "ten other countries", "3,000 more troops"
            if text.isupper() and len(text) > 1 and head is None:
                continue  # "12 billion US dollars": an acronym names whose, even if it spells a function word
            if lower in NOT_HEAD or len(lower) < 2:
                break
            nxt = words[k + 1].group(0) if k + 1 < len(words) else ""
            if (lower.endswith(("ed", "ing")) or _irregular_verb(lower, self.lemmas)) and self.lemmas.get(lower, lower) != lower \
                    and (head is not None and not self._modifier_before_noun(from_lexicon, plural_head, lower, words[k + 1:])
                         or head is None and not (nxt and (nxt.islower() or nxt.isupper()) and nxt.lower() not in NOT_HEAD)):
                break  # a verb: "troops deployed in", "two sides exchanged views"
            if head is not None and len(lower) > 5 and lower.endswith("ly") and lower[:-2] in self.lemmas:
                break  # "the 1,000-odd men reportedly still in Kursk": an adverb of the verb, the noun is done
            if text[:1].isupper():
                if head is not None and from_lexicon:
                    break  # "11,000 troops Seoul believes": after the counted noun, a capital opens a new clause
                continue  # "North Korean", "Soviet-style": a modifier, never the counted noun
            if head is not None and (not lower.endswith("s") or lower.endswith("ss")) and (from_lexicon or plural_head):
                break  # after "leaders" or "piers", "met" or "handle" is the verb ("trains pass"); "missile
                # launches" is a compound
            if head is not None and from_lexicon and len(words[k - 1].group(0)) <= 3:
                break  # "54 km goes": an abbreviated unit ends the amount
            kind = "personnel" if PEOPLE.search(lower) and title_key(lower) not in self.titles else "count"
            if lower in CLASSIFIERS and k and (from_lexicon and head[0][1] in ("materiel", "personnel")
                                               or words[k - 1].group(0).lower() in self.weapon_words):
                # "200 artillery pieces", "20 rocket units": the pieces are what the word before them names
                kind = head[0][1] if from_lexicon else "materiel"
            head, from_lexicon = ((lower, kind), position + word.end()), False
            plural_head = lower.endswith("s") and not lower.endswith("ss")
            if possessive:
                break
        if head is not None and not from_lexicon and head[0][1] == "personnel":
            # a role noun counts personnel only as the demonyms do: when the sentence sends or fights
            # with them, or counts soldiers ("5,000 builders" sent; "ten partners", "2,850 passengers": people)
            sent = self.refers_to(sentence, position, head[1], "personnel") == "deployed"
            borrowed = self._noun_of_sentence(sentence, position - 1, head[1])
            if not (sent or borrowed and borrowed[1] == "personnel"):
                head = ((head[0][0], "count"), head[1])
        return head

    def _modifier_before_noun(self, from_lexicon: bool, plural_head: bool, lower: str, later) -> bool:
        """"10,600 standard shipping containers": after a singular word the lexicon lacks, an -ing word with a
        lexicon noun after it is a modifier of that noun, not a verb."""
        return not from_lexicon and not plural_head and lower.endswith(("ing", "ed")) \
            and any(self._lexicon(w.group(0).lower()) for w in later)

    def _noun_of_sentence(self, sentence: str, start: int, end: int):
        """The lexicon noun nearest a bare number in its sentence: the noun the number leaves out."""
        best = None
        for word in WORD.finditer(sentence):
            if start <= word.start() < end:
                continue
            lexicon = self._lexicon(word.group(0))
            if lexicon is not None and lexicon[1] in ("personnel", "materiel"):
                distance = abs(word.start() - start)
                if best is None or distance < best[0]:
                    best = (distance, lexicon)
        return best[1] if best else None


AREA = re.compile(r"[\s-]+(?P<prefix>(?i:sq\.?|square))[\s-]+\w+\s*$")  # the unit's word ends the span
# words that count pieces of what the noun before them names ("artillery pieces", "units of equipment")
CLASSIFIERS = {"pieces", "piece", "units", "unit", "items", "item", "sets", "set", "pairs", "pair", "systems"}
# English's closed class of plurals without -s (besides -men, -ren, -a, -i): never a verb
IRREGULAR_PLURALS = {"feet", "teeth", "geese", "mice", "lice", "dice", "oxen"}


def _last_sentence(text: str) -> str:
    """The last sentence of ``text``: what follows its last full stop or line break before the end."""
    text = text.rstrip()
    return text[max(text.rfind(". ", 0, len(text) - 1), text.rfind("\n", 0, len(text) - 1)) + 1:]


def _slashed(text: str, start: int, end: int) -> bool:
    """Is the number at ``start:end`` joined to another by a slash, with no space ("5/9", "24/7")?"""
    return (start >= 2 and text[start - 1] == "/" and text[start - 2].isdigit()) \
        or (end + 1 < len(text) and text[end] == "/" and text[end + 1].isdigit())


def _irregular_verb(lower: str, lemmas: dict[str, str]) -> bool:
    """"sent", "fought", "held": a form whose lemma differs, with no plural -s, that names no people
    ("men", "children" are plurals too)."""
    lemma = lemmas.get(lower, lower)
    return lemma != lower and not lower.endswith(("s", "a", "i", "ren")) and not PEOPLE.search(lower) \
        and not lemma.endswith(("man", "person")) and lower not in IRREGULAR_PLURALS


def find_quantities(corpus, timexes: pd.DataFrame, mentions: pd.DataFrame,
                    finder: QuantityFinder | None = None) -> pd.DataFrame:
    """The quantities table: numbers outside dates, durations and names, with their units."""
    finder = finder or QuantityFinder()
    names = mentions[mentions["text"].str.fullmatch(r"[A-Z]{1,3}\$?") == False] if len(mentions) else mentions
    taken = pd.concat([timexes[["doc_id", "start", "end"]], names[["doc_id", "start", "end"]]])
    taken_by_doc: dict[str, list[tuple[int, int]]] = {}
    for doc_id, start, end in zip(taken["doc_id"].tolist(), taken["start"].tolist(), taken["end"].tolist()):
        taken_by_doc.setdefault(doc_id, []).append((start, end))
    taken_by_doc = {doc_id: SpanIndex(spans) for doc_id, spans in taken_by_doc.items()}  # not a scan per sentence
    nothing_taken = SpanIndex([])
    rows = []
    sentences = corpus.sentences.itertuples(index=False)
    previous: list = []  # the two sentences before, in the same text
    header = None  # the last line that opens a list with a colon ("Containers shipped, by month:")
    recent = (None, None)  # (doc_id, (unit, kind) of its last figure of people or materiel)
    for sentence in progress(sentences, "quantities (sentences)", len(corpus.sentences)):
        before = " ".join(p.text for p in previous if p.doc_id == sentence.doc_id)
        if header is not None and header.doc_id == sentence.doc_id and header not in previous:
            before = header.text + " " + before  # a row of the list counts what its header counts
        previous = [*previous[-1:], sentence]
        if sentence.text.rstrip().endswith(":"):
            header = sentence
        if not finder.might_hold_a_number(sentence.text):
            continue
        excluded = [(s - sentence.start, e - sentence.start)
                    for s, e in taken_by_doc.get(sentence.doc_id, nothing_taken).overlapping(sentence.start, sentence.end)]
        if recent[0] != sentence.doc_id:
            recent = (sentence.doc_id, None)
        for row in finder.find(sentence.text, excluded, before, recent[1]):
            if row["kind"] in ("personnel", "materiel"):
                recent = (sentence.doc_id, (row["unit"], row["kind"]))
            rows.append({**row, "doc_id": sentence.doc_id, "sent_id": sentence.sent_id,
                         "start": sentence.start + row["start"], "end": sentence.start + row["end"]})
    return pd.DataFrame(rows, columns=QUANTITY_COLUMNS)


def _shared_scale(value: float, first: str | None, second: str) -> float:
    """"between 4.8 and 6.2 million": the first end of a range takes the scale word written after the
    second, when it has none of its own and is smaller than the second without it ("500 to 2 million" is
    500)."""
    words = second.lower().split()
    if not first or not words or words[-1] not in SCALES or any(w in SCALES for w in first.lower().split()):
        return value
    scale = SCALES[words[-1]]
    if scale < 1000 or not value < parse_number(" ".join(words[1:])) / scale:
        return value
    return value * scale
