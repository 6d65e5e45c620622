"""Reading numbers written in digits ("11,000", "1.5") or words ("six million", "a")."""

import re

UNITS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "lakh": 100_000, "million": 1_000_000,
          "crore": 10_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000}  # lakh, crore: Indian English
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
WORD = "|".join(sorted((w for w in UNITS if w not in {"a", "an"}), key=len, reverse=True))
SCALE = "|".join(SCALES)
# A number: digits or number words, optionally followed by scale words ("20 billion", "six million",
# "two dozen"), or "a" before a scale word ("a million", "a dozen").
NUMBER = rf"(?:(?:{DIGITS}|(?i:{WORD})(?:[- ](?i:{WORD}))?)(?:\s+(?:{SCALE}))*|(?i:a)\s+(?:{SCALE})(?:\s+(?:{SCALE}))*)"


def parse_number(text: str) -> float:
    """The value of a number as matched by ``NUMBER`` (or "a"/"an"); ValueError otherwise."""
    words = re.split(r"[\s-]+", text.strip().lower())
    total, current = 0.0, None
    for word in words:
        if re.fullmatch(DIGITS, word):
            current = (current or 0) + float(word.replace(",", ""))
        elif word in UNITS:
            current = (current or 0) + UNITS[word]
        elif word in SCALES:
            current = (current if current is not None else 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, None
        else:
            raise ValueError(f"not a number: {text!r}")
    return total + (current or 0)
