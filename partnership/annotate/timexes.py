"""Dates and durations (TIMEX3 style), found by regular expressions and resolved by rule.

Each expression gets a ``value`` in TIMEX3 form: ``2023-09-13`` (day), ``2023-09``
(month), ``2019`` (year), ``P17M`` (a duration of 17 months). A value is never
more precise than the words: "September 2023" stays ``2023-09``. Parts that
cannot be known are written as X (``XXXX-06-04``; ``XXXX-WXX-1`` for a bare
"Monday") and the ``anchor`` is then ``unknown``.

Relative expressions are resolved against an anchor, recorded in ``anchor``:

- ``publication:<date>``: the article's recorded publication date ("last
  month", "this month", a weekday, a month-day without a year, "a year ago");
- ``previous:<date>``: the date last mentioned before it in the same article
  ("a month earlier", "the same day", "the preceding year");
- ``unknown``: the anchor is missing or too coarse (a weekday in an article
  dated only to the month). Nothing is guessed.

Absolute expressions have an empty anchor. ``mod`` comes from
``data/codebook/modifiers.csv`` ("late" -> END, "since" -> ON_OR_AFTER, "more
than" -> MORE_THAN). ``rule`` names the pattern that matched, so every row can
be traced to the code below.

Where patterns overlap the earliest, then longest, match wins ("late last month"
over "last month"; "June 19, 2024" over "2024").
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from partnership import config
from partnership.codebook import load_rule_table
from partnership.corpus.dating import WEEKDAYS, check_weekday
from partnership.corpus.dating import _MONTH_ALTERNATIVES as MONTH
from partnership.corpus.dating import _month_number
from partnership.annotate.numbers import NUMBER, parse_number
from partnership.progress import progress

MODIFIERS_FILE = config.CODEBOOK_DIR / "modifiers.csv"
MODIFIER_COLUMNS = ["phrase", "mod", "applies_to", "note"]
TIMEX3_MODS = {"START", "MID", "END", "ON_OR_AFTER", "AFTER", "BEFORE", "ON_OR_BEFORE", "MORE_THAN",
               "EQUAL_OR_MORE", "LESS_THAN", "EQUAL_OR_LESS", "APPROX"}
TIMEX_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "value", "granularity", "type", "mod", "anchor", "rule"]
CHECK_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "value", "published", "check", "agrees", "note"]
WEEKDAY = "|".join(WEEKDAYS)
UNIT_LETTER = {"year": "Y", "month": "M", "week": "W", "day": "D", "hour": "H", "decade": "DE"}
UNIT = r"(?P<unit>years?|months?|weeks?|days?|hours?|decades?)"
FORWARD_RULES = {"next", "later_this", "offset_later", "weekday_next"}
TRIGGERS = {
    "month": re.compile(MONTH),
    "weekday": re.compile(WEEKDAY),
    "digit": re.compile(r"\d"),
    "unit": re.compile(r"(?i:\b(?:years?|months?|weeks?|days?|hours?|decades?)\b|\w-day\b)"),
}
RULE_TRIGGERS = {  # a pattern is tried only if one of its triggers occurs in the sentence
    "between": {"month"}, "weekday_date": {"weekday"}, "month_day": {"month"}, "day_month": {"month"},
    "month_year": {"month"}, "month": {"month"}, "year": {"digit"}, "relative": {"unit"},
    "offset": {"unit"}, "weekday": {"weekday"}, "duration": {"unit"}, "duration_the_past": {"unit"},
}


def load_modifiers(path=MODIFIERS_FILE) -> pd.DataFrame:
    return load_rule_table(path, MODIFIER_COLUMNS, required=["phrase", "mod", "applies_to"],
                           allowed={"mod": TIMEX3_MODS, "applies_to": {"date", "amount"}})


def modifier_pattern(modifiers: pd.DataFrame, applies_to: str) -> str:
    phrases = sorted(modifiers.loc[modifiers["applies_to"] == applies_to, "phrase"], key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


@dataclass(frozen=True)
class Published:
    """A publication date known to the day, the month, or not at all."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str) -> "Published":
        parts = [int(p) for p in value.split("-")] if value else []
        return cls(*parts)

    @property
    def date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.day else None

    def label(self) -> str:
        return "-".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate([self.year, self.month, self.day]) if p)


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _value_parts(value: str) -> tuple[int, ...]:
    return tuple(int(p) for p in value.split("-"))


class TimexFinder:
    """Finds the date and duration expressions of one sentence at a time."""

    def __init__(self, modifiers: pd.DataFrame | None = None):
        modifiers = load_modifiers() if modifiers is None else modifiers
        self.mods = {re.sub(r"\s+", " ", p.lower()): m for p, m in zip(modifiers["phrase"], modifiers["mod"])}
        date_mod = modifier_pattern(modifiers, "date")
        amount_mod = modifier_pattern(modifiers, "amount")
        dmod = rf"(?:(?P<mod>(?i:{date_mod}))[\s-]+)?"
        # "over the past 17 months" is "during", not "more than": no amount modifier before "the".
        amod = rf"(?:(?P<mod>(?i:{amount_mod}))\s+(?!(?i:the)\b))?"
        md = rf"(?:{MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
        patterns = [  # (rule, regex); earlier in the list wins a tie
            ("between", re.compile(rf"(?i:between)\s+(?P<a>{md})\s+and\s+(?P<b>{md})(?!\d)")),
            ("weekday_date", re.compile(
                rf"{dmod}(?P<core>(?P<weekday>{WEEKDAY}),?\s+(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})"
                rf"(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?)(?!\d)")),
            ("month_day", re.compile(
                rf"{dmod}(?P<core>(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
                rf"(?:,?\s+(?P<year>\d{{4}}))?)(?![\d,]\d)(?!\d)")),
            ("day_month", re.compile(
                rf"{dmod}(?P<core>(?<![\d,])(?P<day>\d{{1,2}})\s+(?P<month>{MONTH})(?:\s+(?P<year>\d{{4}}))?)\b")),
            ("month_year", re.compile(rf"{dmod}(?P<core>(?P<month>{MONTH})\s+(?P<year>\d{{4}}))\b")),
            ("month", re.compile(
                rf"(?:(?P<mod>(?i:{date_mod}))[\s-]+|\b(?i:in|of|the|during|by|this|last|next)\s+)"
                rf"(?P<core>(?P<month>{MONTH}))\b(?!\.?\s*\d)")),
            ("year", re.compile(rf"{dmod}(?P<core>(?<![\d,.\-–])(?P<year>(?:1[89]|20)\d\d))(?![\d,]|-\w)")),
            ("relative", re.compile(
                rf"{dmod}(?P<core>(?i:(?P<which>later this|earlier this|last|this|next|"
                rf"the (?:preceding|previous|following|same))\s+(?P<unit>year|month|week|day)))\b")),
            ("offset", re.compile(
                rf"(?P<core>(?P<n>(?i:{NUMBER}|a|an))\s+{UNIT}\s+(?P<dir>(?i:earlier|later|before|after|ago)))\b")),
            ("weekday", re.compile(rf"{dmod}(?P<core>(?:(?P<which>(?i:last|next|this))\s+)?(?P<weekday>{WEEKDAY}))\b")),
            ("duration", re.compile(
                rf"{amod}(?P<core>(?:(?i:the)\s+(?i:past|last|next|coming|previous)\s+)?"
                rf"(?P<n>(?i:{NUMBER}|a|an))[\s-]+{UNIT})\b")),
            ("duration_the_past", re.compile(
                rf"{amod}(?P<core>(?i:the)\s+(?i:past|last|next|coming|previous)\s+(?P<unit>year|month|week|day|decade))\b")),
        ]
        # Every expression starts at a word boundary; saying so lets the engine skip other positions.
        self.patterns = [(rule, re.compile(r"\b" + pattern.pattern)) for rule, pattern in patterns]

    # -- finding -----------------------------------------------------------------

    def candidates(self, sentence: str) -> list[tuple[int, int, int, str, re.Match, str]]:
        """(start, end, priority, rule, match, part) for every pattern match, before overlap removal."""
        found = []
        # Cheap triggers first: most sentences hold no month, weekday, digit or time unit at all.
        present = {name for name, trigger in TRIGGERS.items() if trigger.search(sentence)}
        for priority, (rule, pattern) in enumerate(self.patterns):
            if not RULE_TRIGGERS[rule] & present:
                continue
            for match in pattern.finditer(sentence):
                if rule == "between":
                    for part in ("a", "b"):
                        found.append((match.start(part), match.end(part), priority, rule, match, part))
                    continue
                start = match.start("mod") if match.groupdict().get("mod") else match.start("core")
                found.append((start, match.end("core"), priority, rule, match, ""))
        return found

    @staticmethod
    def _without_overlaps(found):
        found = sorted(found, key=lambda c: (c[0], -(c[1] - c[0]), c[2]))
        kept, taken_until = [], -1
        for candidate in found:
            if candidate[0] >= taken_until or (kept and candidate[4] is kept[-1][4] and candidate[3] == "between"):
                kept.append(candidate)
                taken_until = max(taken_until, candidate[1])
        return kept

    def find(self, sentence: str, published: Published, previous: list) -> list[dict]:
        """Timexes of one sentence. ``previous`` holds the last resolved date value and is updated."""
        rows = []
        for start, end, _, rule, match, part in self._without_overlaps(self.candidates(sentence)):
            row = self._resolve(rule, match, part, published, previous)
            if row is None:
                continue
            row.update(start=start, end=end, text=sentence[start:end])
            if match.groupdict().get("mod") and not part:
                row["mod"] = self.mods[re.sub(r"\s+", " ", match.group("mod").lower())]
            if row["type"] == "DATE" and "X" not in row["value"]:
                previous[:] = [row["value"]]
            rows.append(row)
        return rows

    # -- resolving ---------------------------------------------------------------

    def _resolve(self, rule, match, part, published: Published, previous: list) -> dict | None:
        row = {"value": "", "granularity": "", "type": "DATE", "mod": "", "anchor": "", "rule": rule}
        if rule == "between":
            inner = self.patterns[2][1].fullmatch(match.group(part))
            row.update(self._month_day(inner, published), rule="between",
                       mod="ON_OR_AFTER" if part == "a" else "ON_OR_BEFORE")
            return row
        if rule in ("weekday_date", "month_day", "day_month"):
            row.update(self._month_day(match, published))
            if rule == "month_day" and match.group("year"):
                row["rule"] = "month_day_year"
            return row
        if rule == "month_year":
            return {**row, "value": f"{int(match['year']):04d}-{_month_number(match['month']):02d}",
                    "granularity": "month"}
        if rule == "month":
            return {**row, **self._month_alone(_month_number(match["month"]), published)}
        if rule == "year":
            return {**row, "value": match["year"], "granularity": "year"}
        if rule == "relative":
            return {**row, **self._relative(match["which"].lower(), match["unit"].lower(), published, previous)}
        if rule == "offset":
            return {**row, **self._offset(match, published, previous)}
        if rule == "weekday":
            return {**row, **self._weekday(match, published)}
        unit = match["unit"].lower().rstrip("s")
        n = parse_number(match["n"]) if rule == "duration" else 1
        amount = int(n) if float(n).is_integer() else n
        value = f"PT{amount}H" if unit == "hour" else f"P{amount}{UNIT_LETTER[unit]}"
        return {**row, "type": "DURATION", "value": value, "granularity": unit, "rule": "duration"}

    @staticmethod
    def _month_day(match, published: Published) -> dict:
        month, day = _month_number(match["month"]), int(match["day"])
        if match["year"]:
            year, anchor = int(match["year"]), ""
        elif published.year:
            year, anchor = published.year, f"publication:{published.label()}"
        else:
            return {"value": f"XXXX-{month:02d}-{day:02d}", "granularity": "day", "anchor": "unknown"}
        try:
            dt.date(year, month, day)
        except ValueError:
            return {"value": f"XXXX-{month:02d}-{day:02d}", "granularity": "day", "anchor": "invalid date"}
        return {"value": f"{year:04d}-{month:02d}-{day:02d}", "granularity": "day", "anchor": anchor}

    @staticmethod
    def _month_alone(month: int, published: Published) -> dict:
        """The latest such month on or before publication ("in March", written in June 2025 -> 2025-03)."""
        if not published.month:
            return {"value": f"XXXX-{month:02d}", "granularity": "month", "anchor": "unknown"}
        year = published.year if month <= published.month else published.year - 1
        return {"value": f"{year:04d}-{month:02d}", "granularity": "month",
                "anchor": f"publication:{published.label()}"}

    @staticmethod
    def _relative(which: str, unit: str, published: Published, previous: list) -> dict:
        if which == "the same":
            if not previous or unit != "day" or len(previous[0]) != 10:
                return {"value": "XXXX-XX-XX", "granularity": unit, "anchor": "unknown", "rule": "same_day"}
            return {"value": previous[0], "granularity": "day", "anchor": f"previous:{previous[0]}", "rule": "same_day"}
        by = {"last": -1, "this": 0, "later this": 0, "earlier this": 0, "next": 1,
              "the preceding": -1, "the previous": -1, "the following": 1}[which]
        rule = {"later this": "later_this", "earlier this": "earlier_this", "next": "next",
                "the following": "next"}.get(which, "relative")
        if which.startswith("the ") and previous:
            anchor_parts, anchor = _value_parts(previous[0]), f"previous:{previous[0]}"
        elif published.year:
            anchor_parts, anchor = (published.year, published.month, published.day), f"publication:{published.label()}"
        else:
            anchor_parts, anchor = (None,), "unknown"
        unknown = {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX", "day": "XXXX-XX-XX"}[unit]
        if anchor_parts[0] is None:
            return {"value": unknown, "granularity": unit, "anchor": "unknown", "rule": rule}
        if unit == "year":
            return {"value": f"{anchor_parts[0] + by:04d}", "granularity": "year", "anchor": anchor, "rule": rule}
        if unit == "month" and len(anchor_parts) > 1 and anchor_parts[1]:
            y, m = _shift_month(anchor_parts[0], anchor_parts[1], by)
            return {"value": f"{y:04d}-{m:02d}", "granularity": "month", "anchor": anchor, "rule": rule}
        if unit in ("week", "day") and len(anchor_parts) > 2 and anchor_parts[2]:
            day = dt.date(*anchor_parts[:3]) + dt.timedelta(days=by * (7 if unit == "week" else 1))
            if unit == "week":
                iso = day.isocalendar()
                return {"value": f"{iso.year:04d}-W{iso.week:02d}", "granularity": "week", "anchor": anchor, "rule": rule}
            return {"value": day.isoformat(), "granularity": "day", "anchor": anchor, "rule": rule}
        return {"value": unknown, "granularity": unit, "anchor": "unknown", "rule": rule}

    @staticmethod
    def _offset(match, published: Published, previous: list) -> dict:
        n = parse_number(match["n"])
        unit, direction = match["unit"].lower().rstrip("s"), match["dir"].lower()
        sign = 1 if direction in ("later", "after") else -1
        rule = "offset_later" if sign > 0 else "offset_earlier"
        if direction == "ago":
            parts = (published.year, published.month, published.day)
            anchor = f"publication:{published.label()}" if published.year else "unknown"
        elif previous:
            parts, anchor = _value_parts(previous[0]) + (None, None), f"previous:{previous[0]}"
        elif published.year:
            parts, anchor = (published.year, published.month, published.day), f"publication:{published.label()}"
        else:
            parts, anchor = (None, None, None), "unknown"
        year, month, day = parts[:3]
        if not float(n).is_integer() or year is None or unit in ("hour", "decade", "week"):
            return {"value": "XXXX", "granularity": unit, "anchor": "unknown", "rule": rule}
        n = int(n) * sign
        if unit == "year":
            return {"value": f"{year + n:04d}", "granularity": "year", "anchor": anchor, "rule": rule}
        if unit == "month" and month:
            y, m = _shift_month(year, month, n)
            return {"value": f"{y:04d}-{m:02d}", "granularity": "month", "anchor": anchor, "rule": rule}
        if unit == "day" and day:
            value = (dt.date(year, month, day) + dt.timedelta(days=n)).isoformat()
            return {"value": value, "granularity": "day", "anchor": anchor, "rule": rule}
        return {"value": "XXXX-XX" if unit == "month" else "XXXX-XX-XX", "granularity": unit,
                "anchor": "unknown", "rule": rule}

    @staticmethod
    def _weekday(match, published: Published) -> dict:
        """A weekday alone: the nearest such day on or before publication ("next": after it)."""
        weekday = WEEKDAYS.index(match["weekday"])
        which = (match["which"] or "").lower()
        rule = "weekday_next" if which == "next" else "weekday"
        if published.date is None:
            return {"value": f"XXXX-WXX-{weekday + 1}", "granularity": "day", "anchor": "unknown", "rule": rule}
        base = published.date
        if which == "next":
            day = base + dt.timedelta(days=(weekday - base.weekday()) % 7 or 7)
        else:
            day = base - dt.timedelta(days=(base.weekday() - weekday) % 7)
        return {"value": day.isoformat(), "granularity": "day",
                "anchor": f"publication:{published.label()}", "rule": rule}


def find_timexes(corpus, finder: TimexFinder | None = None) -> pd.DataFrame:
    """The timexes table for a corpus: one row per expression, in text order."""
    finder = finder or TimexFinder()
    published = dict(zip(corpus.documents["doc_id"], corpus.documents["published"]))
    rows = []
    sentences = corpus.sentences
    columns = zip(sentences["doc_id"].tolist(), sentences["sent_id"].tolist(), sentences["start"].tolist(),
                  sentences["text"].tolist())
    current, anchor, previous = None, None, []
    for doc_id, sent_id, start, text in progress(columns, "dates (sentences)", len(sentences)):
        if doc_id != current:  # sentences come in document order; each article starts afresh
            current, anchor, previous = doc_id, Published.parse(published[doc_id]), []
        for row in finder.find(text, anchor, previous):
            rows.append({**row, "doc_id": doc_id, "sent_id": sent_id,
                         "start": start + row["start"], "end": start + row["end"]})
    return pd.DataFrame(rows, columns=TIMEX_COLUMNS)


def timex_checks(timexes: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Where an article's own dates disagree with its recorded publication date.

    Two checks: a weekday written with a date must fall on that date; a resolved
    date that the text does not present as future must not lie after publication
    (compared at the coarser of the two precisions).
    """
    published = dict(zip(documents["doc_id"], documents["published"]))
    rows = []
    for timex in timexes[timexes["type"] == "DATE"].itertuples(index=False):
        base = {"doc_id": timex.doc_id, "sent_id": timex.sent_id, "start": timex.start, "end": timex.end,
                "text": timex.text, "value": timex.value, "published": published[timex.doc_id]}
        if timex.rule == "weekday_date" and "X" not in timex.value:
            weekday = re.search(WEEKDAY, timex.text).group(0)
            year, month, day = _value_parts(timex.value)
            result = check_weekday(weekday, month, day, year)
            rows.append({**base, "check": "weekday", "agrees": result["agrees"], "note": result["note"]})
        pub = published[timex.doc_id]
        if pub and "X" not in timex.value and timex.rule not in FORWARD_RULES:
            precision = min(len(timex.value), len(pub))
            after = timex.value[:precision] > pub[:precision]
            note = f"{timex.value} is after publication ({pub})" if after else ""
            rows.append({**base, "check": "not_after_publication", "agrees": not after, "note": note})
    table = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    return table.astype({"agrees": "boolean"})

