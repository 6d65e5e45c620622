"""Dates and durations (TIMEX3 style), found by regular expressions and resolved by rule.

Each expression gets a ``value`` in TIMEX3 form: ``2023-09-13`` (day), ``2023-09``
(month), ``2019`` (year), ``2024-SU`` (a season), ``2024-Q3`` (a quarter: "the third quarter
of 2024", "Q3 2024"), ``2024-H2`` (a half year: "the second half of 2024"), ``P17M`` (a duration of 17 months; ``PT3.5H`` for "three and a half hours",
``P1M`` for "a single month"). A value is never
more precise than the words: "September 2023" stays ``2023-09``. Parts that
cannot be known are written as X (``XXXX-06-04``; ``XXXX-WXX-1`` for a bare
"Monday") and the ``anchor`` is then ``unknown``.

Relative expressions are resolved against an anchor, recorded in ``anchor``:

- ``publication:<date>``: the article's recorded publication date ("last
  month", "this month", a weekday, a month-day without a year, "a year ago");
- ``previous:<date>``: the date last mentioned before it in the same article
  ("a month earlier", "the same day", "the same evening", "the following morning",
  "the preceding year", "since then" with its modifier);
- ``text year:<year>``: an undated text's own year, where its words fix one (``text_year``:
  a Juche-calendar date, or the one year its heading names); its undated days, weekdays,
  "today" and "last year" count in that year;
- ``unknown``: the anchor is missing or too coarse (a weekday in an article
  dated only to the month). Nothing is guessed.

Absolute expressions have an empty anchor. ``mod`` comes from
``data/codebook/modifiers.csv`` ("late" -> END, "since" -> ON_OR_AFTER, "more
than" -> MORE_THAN). ``rule`` names the pattern that matched, so every row can
be traced to the code below.

Where patterns overlap the earliest, then longest, match wins ("late last month"
over "last month"; "June 19, 2024" over "2024").
"""

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from partnership import config
from partnership.codebook import load_rule_table
from partnership.corpus.dating import WEEKDAYS, check_weekday
from partnership.corpus.dating import _MONTH_ALTERNATIVES as MONTH
from partnership.corpus.dating import _month_number
from partnership.annotate.anchored import FOLDS_TO_ASCII, WORD_RUN, matches_from
from partnership.annotate.documents import DocumentNumbers
from partnership.annotate.numbers import NUMBER, parse_number
from partnership.progress import progress

MODIFIERS_FILE = config.CODEBOOK_DIR / "modifiers.csv"
GENRES_FILE = config.CODEBOOK_DIR / "genres.csv"
MODIFIER_COLUMNS = ["phrase", "mod", "applies_to", "note"]
TIMEX3_MODS = {"START", "MID", "END", "ON_OR_AFTER", "AFTER", "BEFORE", "ON_OR_BEFORE", "MORE_THAN",
               "EQUAL_OR_MORE", "LESS_THAN", "EQUAL_OR_LESS", "APPROX"}
TIMEX_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "value", "granularity", "type", "mod", "anchor", "rule"]
CHECK_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "value", "published", "check", "agrees", "note"]
WEEKDAY = "|".join(WEEKDAYS + [day.upper() for day in WEEKDAYS])  # "MONDAY, JUNE 17": a heading in capitals
UNIT_LETTER = {"year": "Y", "month": "M", "week": "W", "day": "D", "hour": "H", "decade": "DE"}
SINGLE = re.compile(r"(?i:a\s+single)")
AND_A_HALF = re.compile(r"(?i:\s+and\s+a\s+half)$")
JUCHE = r"(?:Juche\s+(?P<juche>[1-9]\d{0,2}))"  # the DPRK's calendar: Juche 1 is 1912
UNIT = r"(?P<unit>years?|months?|fortnights?|weeks?|days?|hours?|decades?)"
FORWARD_RULES = {"next", "later_this", "offset_later", "weekday_next", "weekend_next", "tomorrow"}
PARTED = {"between", "year_range", "day_range", "day_range_dm"}  # rules that find two expressions in one match, groups "a" and "b"
SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9), "winter": ("WI", 12)}
PRESENT_REF = "PRESENT_REF"
SEASON_PAST_DAYS = 60  # "last spring" said in mid-June: a season two months gone is past, though not yet over
JUCHE_OFFSET = 1911
PARTIAL = re.compile(r"^XXXX-\d{2}(?:-\d{2})?$")  # a month or day whose year the text does not give
WEEK_VALUE = re.compile(r"(\d{4})-W(\d{2})")
SEASON_PREPOSITION = re.compile(r"(?i:\b(?:in|by|since|until|till|through|during|over|before|after)\s+)$")
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPERSCRIPTS = re.compile(f"[{SUPERSCRIPT_DIGITS}]")
SUPERSCRIPT_BLANKS = str.maketrans({c: " " for c in SUPERSCRIPT_DIGITS})
WEEKDAY_VALUE = re.compile(r"(\d{4}|XXXX)-WXX-([1-7])")  # a weekday whose date is not known
YMD = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")  # a year, month or day: what later dates count from
FUTURE_REACH = 80  # characters before a date in which "will", "next" or "is expected to" make it lie ahead
OUT_OF_RANGE = "out of range"  # the anchor of a value the numbers put beyond years 1-9999 (or a float)
EXACT_LIMIT = 2 ** 53  # above this a float no longer holds every integer the text could have written
LOOK_AHEAD_DAYS = 183  # a sentence about the future still means a date within half a year of publication
PAIRED_MONTH = re.compile(rf"\s*(?:and|to|until|through|or|[–-])\s*(?:(?i:early|mid|late)[\s-]+)?(?P<month>{MONTH})"
                          rf",?\s+(?P<year>(?:1[89]|20)\d\d)\b")
FUTURE_CUES = re.compile(r"(?i:\b(?:will|shall|next|upcoming|scheduled|planned|plans?|set to|expected to|"
                         r"due to|due in|going to|would|runs out|expires|expire|(?:is|are) to \w+|to be held|"
                         r"must|requires|ends|begins|opens|runs|planning|(?:agreed|agree|aim(?:s|ed)?|intend(?:s|ed)?|hope[sd]?|seeks?|sought) to|"
                         r"could|might|if)\b(?!\s+(?:not\s+)?have\s+(?!to\b))|(?<!\bas )\bexpected\b)")  # "is Kim expected in Moscow on 9 May"; not "as expected"
OPENING_DATE = re.compile(r"\s*(?:(?i:on|in|by|from|at)\s+)?")  # what may stand before a date that opens its sentence
# a future word in an earlier coordinated clause ("is expected to be completed next year, and on Tuesday the
# train left") does not reach past the clause break
CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:and|but|while|whereas)\s")
TRIGGERS = {
    "month": re.compile(MONTH),
    "weekday": re.compile(WEEKDAY),
    "year_digits": re.compile(r"(?:1[89]|20)\d"),  # every year, year range and decade the rules read
    "unit": re.compile(r"(?i:\b(?:years?|months?|fortnights?|weeks?|days?|hours?|decades?)\b|\w-day\b)"),
    "season": re.compile(r"(?i:\b(?:spring|summer|autumn|fall|winter)\b)"),
    "quarter": re.compile(r"(?i:\bquarter\b)|\bQ[1-4]\b"),
    "weekend": re.compile(r"(?i:\bweekend\b)"),
    "ordinal": re.compile(r"\d(?:st|nd|rd|th)\b"),
    "point": re.compile(r"(?i:\b(?:point|time|then)\b)"),
    "shift": re.compile(r"(?i:\b(?:earlier|later|ago|prior)\b)"),  # "two days later", "earlier in the day"
    "juche": re.compile(r"\bJuche\b"),
    "slash": re.compile(r"\d/\d"),
    "deictic": re.compile(r"(?i:\b(?:today|tonight|yesterday|tomorrow|morning|afternoon|evening|night|now|currently|"
                          r"present|moment|nowadays)\b)"),
}
# The words each case-blind trigger needs: a plain substring test on the lower-cased sentence
# rules most sentences out before the regex (an IGNORECASE alternation tried at every word).
# Python's IGNORECASE also equates four non-ASCII letters with ASCII ones: then the regex decides.
TRIGGER_WORDS = {
    "unit": ("year", "month", "week", "day", "hour", "decade", "fortnight"),
    "juche": ("juche",),
    "slash": ("/",),
    "season": ("spring", "summer", "autumn", "fall", "winter"),
    "quarter": ("quarter", "q1", "q2", "q3", "q4"),
    "weekend": ("weekend",),
    "point": ("point", "time", "then"),
    "shift": ("earlier", "later", "ago", "prior"),
    "deictic": ("today", "tonight", "yesterday", "tomorrow", "morning", "afternoon", "evening", "night", "now", "currently",
                "present", "moment", "nowadays"),
}
TRIGGER_LIST = [(name, trigger, TRIGGER_WORDS.get(name, ())) for name, trigger in TRIGGERS.items()]
# Words one of which every match of the pattern holds (in any case): a plain substring test on the
# lower-cased sentence skips the pattern where none occurs (often-triggered patterns that rarely match).
RULE_WORDS = {"in_the_week": ("the week",), "week_of_month": ("week of",), "duration_first": (" or ", " to "), "half_year": ("half",), "year_part_of": ("year", "month"), "years_end": ("end",), "relative_before": ("before",), "duration_the_past": ("past", "last", "next", "coming", "previous")}
# Patterns tried only at the few word starts just before a month or weekday (see ``_starts_near``).
# Before its first month (weekday) a match holds at most two date modifiers and two words of its own
# ("Monday, 3 March", "between March", "last May", "in May"): each a run of word characters between
# separators (white space, hyphens, commas) that hold none.
ANCHORED = {"between": "month", "day_range": "month", "day_range_dm": "month", "weekday_date": "weekday", "month_day": "month", "day_month": "month",
            "month_year": "month", "day_relative_year": "month", "month_relative_year": "month",
            "month_relative": "month", "month": "month", "weekday": "weekday"}
OWN_WORDS_BEFORE_ANCHOR = 2
RULE_TRIGGERS = {  # a pattern is tried only if one of its triggers occurs in the sentence
    "between": {"month"}, "day_range": {"month"}, "day_range_dm": {"month"}, "weekday_date": {"weekday"}, "month_day": {"month"}, "day_month": {"month"},
    "month_year": {"month"}, "week_of_month": {"month"}, "month": {"month"}, "year": {"year_digits"}, "year_range": {"year_digits"}, "decade": {"year_digits"},
    "season": {"season"}, "quarter": {"quarter"}, "half_year": {"unit", "year_digits"}, "deictic": {"deictic"}, "present": {"deictic", "point"}, "then": {"point"}, "day_part": {"deictic"}, "relative": {"unit"},
    "month_relative_year": {"month"}, "month_relative": {"month"}, "in_the_day": {"shift"}, "in_the_week": {"unit"}, "relative_before": {"unit"}, "year_part_of": {"unit"}, "years_end": {"unit"},
    "day_relative_year": {"month"}, "ordinal_day": {"ordinal"}, "iso_date": {"year_digits"}, "juche_year": {"juche"}, "slash_date": {"slash"},
    "offset": {"shift"}, "weekday": {"weekday"}, "weekend": {"weekend"}, "duration": {"unit"}, "duration_first": {"unit"}, "duration_the_past": {"unit"},
}


def _holds_any(text: str, words) -> bool:
    """``any(w in text for w in words)``, without a generator: asked of every sentence, several times."""
    for word in words:
        if word in text:
            return True
    return False


def load_narrative_genres(path=GENRES_FILE) -> set[str]:
    """Genres that tell events in order (``narrative`` = yes in ``data/codebook/genres.csv``)."""
    table = load_rule_table(path, ["genre", "definition", "first_person", "narrative"], required=["genre"],
                            allowed={"narrative": {"yes", "no"}})
    return set(table.loc[table["narrative"] == "yes", "genre"])


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
    # an undated text's own year, read from its words (``text_year``): the year its undated days,
    # weekdays and "last year" count in, never more precise than that year
    from_text: bool = False

    @classmethod
    def parse(cls, value: str) -> "Published":
        parts = [int(p) for p in value.split("-")] if value else []
        return cls(*parts)

    @property
    def date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.day else None

    def label(self) -> str:
        return "-".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate([self.year, self.month, self.day]) if p)

    def anchor(self) -> str:
        return f"{'text year' if self.from_text else 'publication'}:{self.label()}"

    @property
    def year_only(self) -> bool:
        return bool(self.year) and not self.month


def _range_end(first: str, second: str) -> str:
    """The second year of a range written short: "1950–53" ends in 1953, "2023-4" in 2024."""
    return second if len(second) == 4 else first[:4 - len(second)] + second


DAYS_IN_THE_MONTH = 7  # a shift of up to a week from a month told is dated to that month (the gold's reading)


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _partial_shift(rule: str, match: re.Match, anchor: str) -> dict | None:
    """"Two months later", "the following day" after a date whose year is unknown ("XXXX-07"):
    the month and day still follow ("XXXX-09"), the year stays X. None when the words do
    not count from the date before ("two months ago", "next month")."""
    if rule == "relative":
        which = " ".join(match["which"].lower().split())
        by = {"the same": 0, "that": 0, "the following": 1, "the next": 1, "the preceding": -1,
              "the previous": -1}.get(which)
        n, unit = by, match["unit"].lower()
    else:
        direction = match["dir"].lower()
        if direction == "ago":
            return None
        n, unit = parse_number(match["n"]), match["unit"].lower().rstrip("s")
        if not float(n).is_integer() or n >= EXACT_LIMIT:
            return None
        n = int(n) * (1 if direction == "later" else -1)
    if n is None:
        return None
    parts = [int(p) for p in anchor.split("-")[1:]]
    rule_name = rule if rule == "offset" else "relative"
    if rule == "offset":
        rule_name = "offset_later" if n > 0 else "offset_earlier"
    row = {"granularity": unit, "anchor": f"previous:{anchor}", "rule": rule_name}
    if unit == "month":
        return {**row, "value": f"XXXX-{(parts[0] - 1 + n) % 12 + 1:02d}"}
    if unit == "day" and len(parts) == 1 and abs(n) <= DAYS_IN_THE_MONTH:
        return {**row, "value": f"XXXX-{parts[0]:02d}", "granularity": "month"}  # "in June ... two days later"
    if unit == "day" and len(parts) == 2 and _valid(2001, *parts) and abs(n) < 366:
        # the same shift in a common and a leap year: the day is known only where both agree
        common, leap = (dt.date(y, *parts) + dt.timedelta(days=n) for y in (2001, 2004))
        if (common.month, common.day) == (leap.month, leap.day):
            return {**row, "value": f"XXXX-{common.month:02d}-{common.day:02d}"}
    return None


def _week_offset(anchor: dt.date, weeks: int, approximate: bool) -> dict:
    """"two weeks later" from a day: the ISO week it falls in; "less than two weeks later", "about two
    weeks ago": only what the days between the anchor and that week share, the month or the year."""
    shifted = anchor + dt.timedelta(weeks=weeks)
    if not approximate:
        year, week, _ = shifted.isocalendar()
        return {"value": f"{year:04d}-W{week:02d}", "granularity": "week"}
    if (anchor.year, anchor.month) == (shifted.year, shifted.month):
        return {"value": f"{shifted.year:04d}-{shifted.month:02d}", "granularity": "month"}
    if anchor.year == shifted.year:
        return {"value": f"{shifted.year:04d}", "granularity": "year"}
    return {"value": "XXXX", "granularity": "year"}


def _value_parts(value: str) -> tuple[int, ...]:
    return tuple(int(p) for p in value.split("-"))


class _Day:
    """One day of a range, read by ``_month_day`` as it reads a match: groups by name, and its words."""

    def __init__(self, groups: dict, words: str):
        self.groups, self.words = groups, words

    def __getitem__(self, name):
        return self.groups.get(name)

    def groupdict(self) -> dict:
        return self.groups

    def group(self, _=0) -> str:
        return self.words


@dataclass
class Running:
    """What a text has said about time so far, as its sentences are read in order.

    ``last`` is the last date resolved to a calendar value and ``last_day`` the last one
    resolved to a day ("the same day", "the next day"); ``seen`` maps the words of
    each day written without a year to the value it got, so the same words later name
    the same day; ``narrative`` is true for a genre that tells a story in order
    (``data/codebook/genres.csv``: an encyclopedia entry), whose undated days follow
    the date before them rather than the publication date, as do a timeline's (lines that open with a date).
    """

    last: str = ""
    last_day: str = ""
    seen: dict = field(default_factory=dict)
    narrative: bool = False
    # the expression being resolved looks ahead ("will", "next", "is expected to" just before it): set by
    # ``find`` for each expression (no search of the whole sentence: nothing would read it)
    future: bool = False
    partial: str = ""  # the last date, when it has no known year ("XXXX-07"): later offsets count from it
    month_here: str = ""  # the sentence's last date with a month: "two months later" does not count from a bare year
    year_here: str = ""  # the sentence's last year told alone: "In 2019, on 25 April" is that year's
    last_week: str = ""  # the last date told, when it was a week ("a week ago ... the week before")
    last_weekday: str = ""  # the last day told, when it was a weekday of no known date ("XXXX-WXX-6")


def is_calendar_value(value: str) -> bool:
    """A date value on the calendar (2024, 2024-06, 2024-W25, 2024-SU): no X, not PRESENT_REF."""
    return value[:4].isdigit() and "X" not in value


SEASON_CODES = {code: first_month for code, first_month in SEASONS.values()}
CALENDAR_VALUE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2})(-WE)?|-(SP|SU|FA|WI|H1|H2|Q[1-4]))?")
YEAR_PARTS = {"H1": (1, 6), "H2": (7, 12), "Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12)}  # halves, quarters


def _which(match) -> str:
    """The relative word of a match, normalised: "that" is "the same", "the next" "the following"."""
    which = " ".join(match["which"].lower().split())
    return {"that": "the same", "the next": "the following"}.get(which, which)


def _granularity(value: str) -> str:
    """The granularity of a resolved date value: day, week, month, season, quarter, half or year."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if "-W" in value:
        return "week"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if value[-2:] in ("H1", "H2"):
        return "half"
    if re.fullmatch(r"\d{4}-Q[1-4]", value):
        return "quarter"
    return "season" if re.fullmatch(r"\d{4}-[A-Z]{2}", value) else "year"


@lru_cache(maxsize=4096)  # the event candidates ask for the same few dates and publication days again and again
def calendar_days(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a calendar value (2024, 2024-06, 2024-06-19, 2024-W25, 2024-W25-WE,
    2024-SU, 2024-H2; a winter runs into the next year); None for anything else."""
    match = CALENDAR_VALUE.fullmatch(value or "")
    if not match:
        return None
    year, month, day, week, weekend, season = match.groups()
    year = int(year)
    try:
        if day:
            first = last = dt.date(year, int(month), int(day))
        elif month:
            first = dt.date(year, int(month), 1)
            last = first.replace(day=calendar.monthrange(year, int(month))[1])
        elif week:
            first = dt.date.fromisocalendar(year, int(week), 6 if weekend else 1)
            last = first + dt.timedelta(days=1 if weekend else 6)
        elif season in YEAR_PARTS:
            first_month, last_month = YEAR_PARTS[season]
            first = dt.date(year, first_month, 1)
            last = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
        elif season:
            first = dt.date(year, SEASON_CODES[season], 1)
            after = SEASON_CODES[season] + 3  # three months on, counted past December
            last = dt.date(year + (after - 1) // 12, (after - 1) % 12 + 1, 1) - dt.timedelta(days=1)
        else:
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None
    return first, last


def _day_key(text: str) -> str:
    return " ".join(text.lower().replace(",", " ").split())


def infer_year(month: int, day: int | None, published: Published, state: Running,
               weekday: int | None) -> tuple[int | None, str]:
    """The year of a month (and day) written without one, and the anchor it was read from.

    1. A narrative, or an undated text, stays near the date before: the year that puts
       it closest to that date, before or after ("In June 2025 ... he had also visited
       in March" is March 2025; "24 October 2024 ... 9 January" is January 2025).
    2. A day in the same month as the date before refines it ("In early September 2023
       ... On 10 September").
    3. Otherwise it is read from the publication date by tense: the latest such day on
       or before publication, or the first after it when the sentence looks ahead ("will",
       "next", "is expected to": ``Running.future``) within ``LOOK_AHEAD_DAYS``; a weekday
       written with it must fall
       on it where some year fits.
    4. No publication date and no date before: unknown.

    An undated text's own year (``text_year``: "NORTH KOREA IN 2023") holds every such day
    of the text, except one in the month told just before ("August 2011 ... on 24 August").
    """
    last = _value_parts(state.last) if state.last else ()
    if published.from_text:
        if last and len(last) > 1 and last[1] == month:
            return last[0], f"previous:{state.last}"
        if state.year_here:
            return int(state.year_here), f"previous:{state.year_here}"
        return published.year, published.anchor()
    if last and (state.narrative or not published.year):
        reference = _point(last[0], last[1] if len(last) > 1 else 7, last[2] if len(last) > 2 else None)
        candidates = [last[0] - 1, last[0], last[0] + 1]
        if published.year:
            candidates = [y for y in candidates if _point(y, month, day) <= _publication_point(published)] \
                or [last[0]]
        year = min(candidates, key=lambda y: abs((_point(y, month, day) - reference).days))
        return year, f"previous:{state.last}"
    if last and len(last) > 1 and last[1] == month:
        return last[0], f"previous:{state.last}"
    if not published.year:
        return None, "unknown"
    reference = _publication_point(published)
    candidates = [published.year - 1, published.year, published.year + 1]
    ahead = [y for y in candidates if 0 <= (_point(y, month, day) - reference).days <= LOOK_AHEAD_DAYS]
    if weekday is not None and day is not None and ahead and not state.future:
        # "MONDAY, JUNE 17" in a week-ahead of Sunday 16 June: the day ahead is a Monday, the one a year
        # before is not (a weekday that fits neither stays with the past, for the checks to flag)
        before = [y for y in candidates if _point(y, month, day) <= reference]
        fits = [y for y in (max(before) if before else None, min(ahead)) if y is not None and _valid(y, month, day)
                and dt.date(y, month, day).weekday() == weekday]
        if fits:
            return fits[0], published.anchor()
    if state.future and ahead:
        year = min(ahead)
    else:
        before = [y for y in candidates if _point(y, month, day) <= reference]
        year = max(before) if before else min(candidates)
    return year, published.anchor()


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _point(year: int, month: int, day: int | None) -> dt.date:
    """A day standing for a month or day, for comparing distances (the 15th for a whole month)."""
    if day and _valid(year, month, day):
        return dt.date(year, month, day)
    return dt.date(year, month, 15 if not day else min(day, 28))


def _publication_point(published: Published) -> dt.date:
    return dt.date(published.year, published.month or 7, published.day or (15 if published.month else 1))


# "a week" after a count in its clause ("one train a week", "two to four a week"): how often, not how long
DURATION_BEFORE = re.compile(r"(?i)\b(?:for|in|within|over|after|during|about|nearly|almost|than|some)\s*$")
FREQUENCY = re.compile(r"(?i)(?:a|an|per|each)\s+(?:day|week|month|year|fortnight)")
COUNT_BEFORE = re.compile(r"(?i)\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|twice|once|several|"
                         r"dozens?|hundreds?|thousands?)\b(?:\s+[a-z-]+){0,3}\s*$")


class TimexFinder:
    """Finds the date and duration expressions of one sentence at a time."""

    def __init__(self, modifiers: pd.DataFrame | None = None):
        modifiers = load_modifiers() if modifiers is None else modifiers
        self.documents = DocumentNumbers()
        self.mods = {re.sub(r"\s+", " ", p.lower()): m for p, m in zip(modifiers["phrase"], modifiers["mod"])}
        date_mod = modifier_pattern(modifiers, "date")
        mod_words = max((len(WORD_RUN.findall(p)) for p in modifiers.loc[modifiers["applies_to"] == "date", "phrase"]),
                        default=0)
        self.words_before_anchor = 2 * mod_words + OWN_WORDS_BEFORE_ANCHOR  # see ANCHORED
        amount_mod = modifier_pattern(modifiers, "amount")
        # up to two modifiers ("since early October"); the first gives the mod
        dmod = rf"(?:(?P<mod>(?i:(?:{date_mod})(?:[\s-]+(?:{date_mod}))?))[\s-]+)?"
        # "over the past 17 months" is "during", not "more than": no amount modifier before "the".
        amod = rf"(?:(?P<mod>(?i:{amount_mod}))\s+(?!(?i:the)\b))?"
        md = rf"(?:{MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
        patterns = [  # (rule, regex); earlier in the list wins a tie
            ("between", re.compile(rf"(?i:between)\s+(?P<a>{md})\s+and\s+(?P<b>{md})(?!\d)")),
            # "July 25-27, 2023", "Sept. 12-17", "18–19 June 2024": two days, the first taking the month
            # (or the month and year) written with the second, as the gold splits them
            ("day_range", re.compile(
                rf"(?P<a>(?P<month>{MONTH})\s+(?P<day>\d{{1,2}}))(?:\s?[–-]\s?|\s+(?:to|and|until|through)\s+)(?P<b>(?P<day2>\d{{1,2}})"
                rf"(?:,?\s+(?P<year>\d{{4}}))?)(?![\d,]\d)(?!\d)")),
            ("day_range_dm", re.compile(
                rf"(?<![\d,])(?P<a>(?P<day>\d{{1,2}}))(?:\s?[–-]\s?|\s+(?:to|and|until|through)\s+)(?P<b>(?P<day2>\d{{1,2}})\s+(?P<month>{MONTH})"
                rf"(?:,?\s+(?P<year>\d{{4}}))?)\b")),
            ("weekday_date", re.compile(
                rf"{dmod}(?P<core>(?P<weekday>{WEEKDAY}),?\s+(?:(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})"
                rf"(?:st|nd|rd|th)?|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{MONTH}))"
                rf"(?:,?\s+(?P<year>\d{{4}}))?)(?!\d)")),
            ("month_day", re.compile(
                rf"{dmod}(?P<core>(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
                rf"(?:,?\s+(?:(?P<year>\d{{4}})|{JUCHE}))?)(?![\d,]\d)(?!\d)")),
            ("day_month", re.compile(
                rf"{dmod}(?P<core>(?<![\d,])(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH})"
                rf"(?:,?\s+(?:(?P<year>\d{{4}})|{JUCHE}))?)\b")),
            # "the last week of December", "the first week of November 2024": dated to the month (the gold's reading)
            ("week_of_month", re.compile(
                rf"(?P<core>(?:(?i:the)\s+)?(?i:first|second|third|fourth|final|last)\s+(?i:week)\s+(?i:of)\s+"
                rf"(?P<month>{MONTH})(?:,?\s+(?P<year>\d{{4}}))?)\b(?!\.?\s*\d)")),
            ("month_year", re.compile(rf"{dmod}(?P<core>(?P<month>{MONTH})\s+(?P<year>\d{{4}}))\b")),
            ("day_relative_year", re.compile(
                rf"{dmod}(?P<core>(?:(?P<day>\d{{1,2}})\s+(?P<month>{MONTH})|(?P<month2>{MONTH})\s+(?P<day2>\d{{1,2}}))"
                rf"\s+(?:(?i:of)\s+)?(?P<which>(?i:this|last|next|that))\s+(?i:year))\b")),
            ("month_relative_year", re.compile(
                rf"{dmod}(?P<core>(?P<month>{MONTH})\s+(?:of\s+)?(?P<which>(?i:this|last|next))\s+(?i:year))\b")),
            ("month_relative", re.compile(
                rf"{dmod}(?P<core>(?P<which>(?i:last|this|next|that))\s+(?P<month>{MONTH}))\b(?!\.?\s*\d)")),
            ("month", re.compile(
                rf"(?:(?P<mod>(?i:(?:{date_mod})(?:[\s-]+(?:{date_mod}))?))[\s-]+|\b(?i:in|of|the|during|by|this|last|next|from|to|until|"
                rf"between|and|since|before|after)\s+|(?=(?!May){MONTH}))"
                rf"(?P<core>(?P<month>{MONTH}))\b(?!\.?\s*\d)")),
            # "Posted : 2021-02-26": a day written the ISO way (a valid date), before the year rules read its year
            ("iso_date", re.compile(
                r"(?<![\d/.\-])(?P<core>(?P<year>(?:1[89]|20)\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01]))"
                r"(?![\d\-])")),
            # "on 9/13/23", "13/09/2023": a day written with slashes, read month first or day first as its
            # numbers allow (both readings possible: the one nearer publication)
            ("slash_date", re.compile(r"(?<![\w/.])(?P<core>(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2}))(?![\w/])")),
            ("year_range", re.compile(
                rf"(?<![\d,.])(?P<a>(?:1[89]|20)\d\d)\s?[–-]\s?(?P<b>(?:1[89]|20)\d\d|\d{{1,2}})(?!\d|,\d|-\w)")),
            # not the year of "No 269/2014" (a document's number), nor the decade of "the 1980s"
            ("year", re.compile(rf"{dmod}(?P<core>(?<![\d,./])(?<!\d[\-–])(?P<year>(?:1[89]|20)\d\d))(?!\d|,\d|-\w|s\b)")),
            ("juche_year", re.compile(rf"{dmod}(?P<core>{JUCHE})\b")),
            ("decade", re.compile(r"(?P<core>(?:(?i:the)\s+)?(?:(?i:early|mid|late)[\s-]+)?(?P<decade>(?:1[89]|20)\d)0s)\b")),
            ("season", re.compile(
                rf"{dmod}(?P<core>(?:(?P<which>(?i:this|last|next|the))\s+)?(?P<season>(?i:spring|summer|autumn|fall|winter))"
                rf"(?:\s+(?:of\s+)?(?P<year>(?:1[89]|20)\d\d)|\s+of\s+(?P<same>(?i:that|the\s+same))\s+(?i:year)"
                rf"|\s+of\s+(?P<rel>(?i:last|this|next))\s+(?i:year))?)\b")),
            ("half_year", re.compile(
                rf"{dmod}(?P<core>(?i:the)\s+(?P<half>(?i:first|second))\s+(?i:half)\s+(?i:of)\s+"
                rf"(?:(?P<year>(?:1[89]|20)\d\d)|(?P<rel>(?i:the|this|last|next|that))\s+(?i:year)))\b")),
            # "the third quarter of 2023", "the first quarter", "this quarter", "Q3 2024", "2024 Q3"
            ("quarter", re.compile(
                rf"{dmod}(?P<core>(?i:the)\s+(?P<nth>(?i:first|second|third|fourth|final|last))\s+(?i:quarter)"
                rf"(?:\s+(?i:of)\s+(?:(?P<year>(?:1[89]|20)\d\d)|(?P<rel>(?i:the|this|last|next|that))\s+(?i:year))"
                rf"|\s+(?P<year_after>(?:1[89]|20)\d\d))?"
                rf"|(?P<which>(?i:this|last|next|the\s+current|the\s+previous|the\s+next))\s+(?i:quarter)\b(?!\s+(?i:of)\b)"
                rf"|\b(?P<q>Q[1-4])\s+(?P<q_year>(?:1[89]|20)\d\d)|(?P<year_q>(?:1[89]|20)\d\d)\s+(?P<q2>Q[1-4]))\b")),
            ("deictic", re.compile(
                rf"{dmod}(?P<core>(?i:(?P<word>today|tonight|yesterday|tomorrow|last night|this (?:morning|afternoon|evening))))\b")),
            # "On 3 March ... On the 11th": a day of the month the account is in, after a preposition of
            # time; not "the 70th anniversary", "drawn from the 11th Corps"
            ("ordinal_day", re.compile(
                r"(?<![\w-])(?i:on|by|until|till|since|before|after)\s+"
                r"(?P<core>(?i:the)\s+(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th))\b"
                r"(?=\s*[,.;:!?)–—]|\s+(?:[A-Z]|(?:he|she|they|it|we|the|a|an|and|at|in|on|when|before|after|as|with|"
                r"for|to|from|both|talks)\b))")),
            ("then", re.compile(r"(?P<mod>(?i:since|until|after|before))\s+(?P<core>(?i:then))\b")),
            ("present", re.compile(r"(?P<core>(?i:now(?!\s+that\b)|currently|at present|at the moment|nowadays|this point|this time))\b")),
            ("day_part", re.compile(
                rf"{dmod}(?P<core>(?P<which>(?i:the\s+same|that|the\s+following|the\s+next|the\s+previous|"
                rf"the\s+preceding))\s+(?i:morning|afternoon|evening|night))\b")),
            ("in_the_day", re.compile(r"(?i:earlier|later)\s+in\s+(?P<core>(?i:the day))\b")),
            # "earlier in the week", "the main event of the week": the week the text is written in
            ("in_the_week", re.compile(r"(?:(?i:earlier|later)\s+in|(?i:of|during))\s+(?P<core>(?i:the\s+week))\b"
                                       r"(?!\s+(?i:before|after|of|when|in|to)\b)")),
            # "within the next year": a span of time to come, not the year after (before "relative" takes it)
            ("duration_the_past", re.compile(
                r"(?P<mod>(?i:within))\s+(?P<core>(?i:the)\s+(?i:next|coming)\s+(?P<unit>year|month|week|day|decade))\b")),
            ("relative", re.compile(
                rf"{dmod}(?:(?P<soon>(?i:later|earlier))\s+)?(?P<core>(?i:(?P<which>last|this|next|that|"
                rf"the (?:preceding|previous|following|same|next))\s+(?P<unit>year|month|week|day)))\b")),
            # "the year before", "the day before" closing a clause: counted back from the date told before
            # ("the year before the war" counts from the war, which has no date here: left alone)
            # "the end of the year", "before the end of the year", "at year's end": the year the text is in
            ("year_part_of", re.compile(
                rf"(?P<mod>(?i:(?:{date_mod})(?:[\s-]+(?:{date_mod}))?))[\s-]+(?P<core>(?i:the\s+(?:current\s+)?"
                rf"(?P<part_of>year|month)))\b")),
            ("years_end", re.compile(r"(?P<core>(?i:year['’]s\s+end))\b")),
            ("relative_before", re.compile(
                r"(?P<core>(?i:the\s+(?P<unit>year|month|week|day)\s+before))(?=\s*[.,;:!?)\"”]|\s*$)")),
            ("offset", re.compile(
                rf"{amod}(?P<core>(?P<n>(?i:{NUMBER}|a|an))\s+{UNIT}\s+(?P<dir>(?i:earlier|later|ago|prior)))\b")),
            # "Tuesday evening": the day, with the part of it the span keeps
            ("weekday", re.compile(rf"{dmod}(?P<core>(?:(?P<which>(?i:last|next|this))\s+)?(?P<weekday>{WEEKDAY})"
                                   rf"(?:\s+(?i:morning|afternoon|evening|night))?)\b")),
            ("weekend", re.compile(rf"{dmod}(?P<core>(?P<which>(?i:last|next|this|the))\s+(?i:weekend))\b")),
            ("duration", re.compile(
                rf"{amod}(?P<core>(?:(?i:the)\s+(?i:past|last|next|coming|previous)\s+)?"
                rf"(?P<n>(?i:{NUMBER}(?:\s+and\s+a\s+half)?|half\s+an?|a\s+single|a|an))"
                rf"(?:\s+(?i:more|further|additional|extra))?[\s-]+{UNIT})\b")),  # "four more days"
            # "four or five hours", "two to three days": the first number counts in the unit after the second
            ("duration_first", re.compile(
                rf"{amod}(?P<core>(?P<n>(?i:{NUMBER})))\s+(?:or|to)\s+(?=(?i:{NUMBER})[\s-]+{UNIT}\b)")),
            ("duration_the_past", re.compile(
                rf"{amod}(?P<core>(?i:the)\s+(?i:past|last|next|coming|previous)\s+(?P<unit>year|month|week|day|decade))\b")),
        ]
        # Every expression starts at a word boundary; saying so lets the engine skip other positions.
        # It also starts with a word character (a letter or digit of a literal, a month, a number or a
        # modifier phrase): checked before the alternations, this skips the boundaries that end a word.
        # A modifier phrase could in principle begin otherwise ("~"): then only the boundary is said.
        opens_word = all(re.match(r"\w", phrase) for phrase in modifiers["phrase"])
        start = r"\b(?=\w)" if opens_word else r"\b"
        self.patterns = [(rule, re.compile(start + pattern.pattern)) for rule, pattern in patterns]
        self.by_trigger: dict[str, list[int]] = {}  # trigger -> the patterns (by priority) it lets through
        for priority, (rule, _) in enumerate(self.patterns):
            for name in RULE_TRIGGERS[rule]:
                self.by_trigger.setdefault(name, []).append(priority)

    # -- finding -----------------------------------------------------------------

    def candidates(self, sentence: str) -> list[tuple[int, int, int, str, re.Match, str]]:
        """(start, end, priority, rule, match, part) for every pattern match, before overlap removal."""
        found = []
        # Cheap triggers first: most sentences hold no month, weekday, digit or time unit at all.
        lower = None if FOLDS_TO_ASCII.search(sentence) else sentence.lower()  # see TRIGGER_WORDS
        present = set()
        for name, trigger, words in TRIGGER_LIST:  # a plain loop: asked of every sentence
            if lower is not None and words:
                for word in words:
                    if word in lower:
                        break
                else:
                    continue
            if trigger.search(sentence):
                present.add(name)
        if not present:
            return found
        active = sorted({k for name in present for k in self.by_trigger.get(name, ())})
        starts: dict[str, list[int]] = {}  # anchor -> where its patterns can match
        for priority in active:
            rule, pattern = self.patterns[priority]
            if lower is not None and rule in RULE_WORDS and not _holds_any(lower, RULE_WORDS[rule]):
                continue
            anchor = ANCHORED.get(rule)
            if anchor is None:
                matches = pattern.finditer(sentence)
            else:
                if anchor not in starts:
                    starts[anchor] = self._starts_near(sentence, TRIGGERS[anchor])
                matches = matches_from(pattern, sentence, starts[anchor])
            for match in matches:
                if rule == "year" and self.documents.at(sentence, match.start("core"), match.end("core")):
                    continue  # "resolutions 1718, 1874 and 2087": document numbers, not years
                if rule == "duration" and _rate(sentence, match):
                    continue  # "500,000 barrels a year", "$1 billion a year": a frequency, not a duration
                if rule == "year_range" and int(_range_end(match["a"], match["b"])) <= int(match["a"]):
                    continue  # "2024-03": a month written the ISO way, not a range of years
                if rule in PARTED:
                    for part in ("a", "b"):
                        found.append((match.start(part), match.end(part), priority, rule, match, part))
                    continue
                start = match.start("mod") if match.groupdict().get("mod") else match.start("core")
                found.append((start, match.end("core"), priority, rule, match, ""))
        return found

    def _starts_near(self, sentence: str, anchor: re.Pattern) -> list[int]:
        """Every place a match of an ANCHORED pattern can start: each anchor (month or weekday) and
        the starts of the ``words_before_anchor`` word runs before it.

        A match starts with a word character at a word boundary, so at a run's start, and the runs
        from there to its first anchor number at most ``words_before_anchor``. The anchor's
        alternatives all begin with a capital and hold no other, so ``finditer`` misses none."""
        runs = [m.start() for m in WORD_RUN.finditer(sentence)]
        found = set()
        for m in anchor.finditer(sentence):
            k = bisect.bisect_left(runs, m.start())
            found.update(runs[max(0, k - self.words_before_anchor):k])
            found.add(m.start())
        return sorted(found)

    @staticmethod
    def _without_overlaps(found):
        found = sorted(found, key=lambda c: (c[0], -(c[1] - c[0]), c[2]))
        kept, taken_until = [], -1
        for candidate in found:
            if candidate[0] >= taken_until or (kept and candidate[4] is kept[-1][4] and candidate[3] in PARTED):
                kept.append(candidate)
                taken_until = max(taken_until, candidate[1])
        return kept

    def _mod(self, phrase: str) -> str:
        """The TIMEX3 mod of a modifier phrase; of two ("since early"), the first."""
        words = re.sub(r"[\s-]+", " ", phrase.lower()).split()
        for n in range(len(words), 0, -1):
            if " ".join(words[:n]) in self.mods:
                return self.mods[" ".join(words[:n])]
        return ""

    def find(self, sentence: str, published: Published, previous) -> list[dict]:
        """Timexes of one sentence.

        ``previous`` is the text's ``Running`` state (what it has said about time so far),
        updated here; a plain list holding the last resolved value also works.
        """
        state = previous if isinstance(previous, Running) else Running(last=previous[0] if previous else "")
        state.month_here = state.year_here = ""
        original = sentence
        if SUPERSCRIPTS.search(sentence):  # "last year²": a note's mark is no part of the word before it
            sentence = sentence.translate(SUPERSCRIPT_BLANKS)
        rows = []
        for start, end, _, rule, match, part in self._without_overlaps(self.candidates(sentence)):
            # a sentence about the future moves only the dates its future words come just before
            window = sentence[max(0, start - FUTURE_REACH):start]
            breaks = list(CLAUSE_BREAK.finditer(window))
            state.future = bool(FUTURE_CUES.search(window, breaks[-1].end() if breaks else 0))
            if not state.future and OPENING_DATE.fullmatch(sentence, 0, start):
                # "On 1 November, Lavrov will hold talks": a date opening the sentence takes its main verb's tense
                after = sentence[end:end + FUTURE_REACH]
                cut = CLAUSE_BREAK.search(after)
                state.future = bool(FUTURE_CUES.search(after, 0, cut.start() if cut else len(after)))
            try:
                row = self._resolve(rule, match, part, published, state)
            except OverflowError:  # counted off the calendar ("the day before January 1, 0001")
                row = {"value": "XXXX", "granularity": "", "type": "DATE", "mod": "", "anchor": OUT_OF_RANGE,
                       "rule": rule}
            if row is None:
                continue
            if row["type"] == "DURATION" and FREQUENCY.fullmatch(sentence[start:end]) \
                    and COUNT_BEFORE.search(sentence[:start]) and not DURATION_BEFORE.search(sentence[:start]):
                continue  # "one train a week", "from two to four a week": a rate, no time of its own
            row.update(start=start, end=end, text=original[start:end])
            if match.groupdict().get("mod") and not part:
                row["mod"] = self._mod(match.group("mod"))
            if row["type"] == "DATE" and PARTIAL.match(row["value"]):
                state.partial = row["value"]
            if row["type"] == "DATE":
                state.last_week = row["value"] if WEEK_VALUE.fullmatch(row["value"]) else ""
                if row["granularity"] == "day":
                    state.last_weekday = row["value"] if WEEKDAY_VALUE.fullmatch(row["value"]) else ""
            part = CALENDAR_VALUE.fullmatch(row["value"]) if row["type"] == "DATE" else None
            if part and part.group(6) and state.last[:4] != part.group(1):
                state.last = part.group(1)  # a season or half of a known year: "the summer of 2023. In late July"
            if row["type"] == "DATE" and YMD.match(row["value"]) and not (
                    row["mod"] == "ON_OR_AFTER" and len(row["value"]) < len(state.last) and row["rule"] not in PARTED):
                # "on 18–19 June 2024, his first visit since 2000": a coarser date that only bounds a span
                # back in time leaves the account where it was
                state.partial = ""
                state.last = row["value"]
                if len(row["value"]) >= 7:
                    state.month_here = row["value"]
                state.year_here = row["value"] if len(row["value"]) == 4 else ""
                if len(row["value"]) == 10:
                    state.last_day = row["value"]
                if row["granularity"] == "day" and row["rule"] != "weekday":
                    state.seen.setdefault(_day_key(row["text"]), row["value"])
            rows.append(row)
        if not isinstance(previous, Running):
            previous[:] = [state.last] if state.last else []
        return _joined_durations(rows, sentence)

    # -- resolving ---------------------------------------------------------------

    def _resolve(self, rule, match, part, published: Published, state: "Running") -> dict | None:
        row = {"value": "", "granularity": "", "type": "DATE", "mod": "", "anchor": "", "rule": rule}
        if rule == "between":
            inner = dict(self.patterns)["month_day"].fullmatch(match.group(part))
            row.update(self._month_day(inner, published, state), rule="between",
                       mod="ON_OR_AFTER" if part == "a" else "ON_OR_BEFORE")
            return row
        if rule in ("day_range", "day_range_dm"):
            day = match["day"] if part == "a" else match["day2"]
            one_day = _Day({"month": match["month"], "day": day, "year": match["year"]}, f"{match['month']} {day}")
            row.update(self._month_day(one_day, published, state), mod="ON_OR_AFTER" if part == "a" else "ON_OR_BEFORE")
            return row
        if rule == "year_range":
            first, second = match["a"], match["b"]
            year = first if part == "a" else _range_end(first, second)
            return {**row, "value": year, "granularity": "year",
                    "mod": "ON_OR_AFTER" if part == "a" else "ON_OR_BEFORE"}
        if rule in ("weekday_date", "month_day", "day_month"):
            row.update(self._month_day(match, published, state))
            if rule == "month_day" and match.group("year"):
                row["rule"] = "month_day_year"
            return row
        if rule == "month_year" or (rule == "week_of_month" and match["year"]):
            return {**row, "value": f"{int(match['year']):04d}-{_month_number(match['month']):02d}",
                    "granularity": "month"}
        if rule == "week_of_month":
            return {**row, **self._month_alone(_month_number(match["month"]), published, state)}
        if rule == "month":
            month = _month_number(match["month"])
            paired = PAIRED_MONTH.match(match.string, match.end("core"))
            if paired:  # "between March and November 2024": the year written once holds for both
                year = int(paired["year"]) - (month > _month_number(paired["month"]))
                return {**row, "value": f"{year:04d}-{month:02d}", "granularity": "month",
                        "anchor": f"following:{paired['year']}-{_month_number(paired['month']):02d}"}
            return {**row, **self._month_alone(month, published, state)}
        if rule == "day_relative_year":
            month = _month_number(match["month"] or match["month2"])
            day = int(match["day"] or match["day2"])
            year = published.year + {"last": -1, "next": 1}.get(match["which"].lower(), 0) if published.year else None
            if match["which"].lower() == "that":  # "on 1 November that year": the year told before
                year = int(state.last[:4]) if state.last[:4].isdigit() else None
                if year is not None and _valid(year, month, day):
                    return {**row, "value": f"{year:04d}-{month:02d}-{day:02d}", "granularity": "day",
                            "anchor": f"previous:{state.last}"}
            if year is None or not _valid(year, month, day):
                return {**row, "value": f"XXXX-{month:02d}-{day:02d}", "granularity": "day", "anchor": "unknown"}
            return {**row, "value": f"{year:04d}-{month:02d}-{day:02d}", "granularity": "day",
                    "anchor": published.anchor()}
        if rule == "month_relative" and match["which"].lower() == "that":  # "that October": the year told before
            month = _month_number(match["month"])
            if state.last[:4].isdigit():
                return {**row, "value": f"{state.last[:4]}-{month:02d}", "granularity": "month",
                        "anchor": f"previous:{state.last}"}
            return {**row, "value": f"XXXX-{month:02d}", "granularity": "month", "anchor": "unknown"}
        if rule in ("month_relative", "month_relative_year"):
            return {**row, **self._month_relative(_month_number(match["month"]), match["which"].lower(), rule,
                                                  published)}
        if rule == "iso_date":
            year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
            if not _valid(year, month, day):
                return None  # "2023-02-30": no day of the calendar
            return {**row, "value": match["core"], "granularity": "day"}
        if rule == "ordinal_day":  # "On the 11th": the month the account is in, if it has told one
            day = int(match["day"])
            told = next((v for v in (state.last, state.partial) if len(v) >= 7 and v[4] == "-" and v[5:7].isdigit()), "")
            if not told or (told[:4].isdigit() and not _valid(int(told[:4]), int(told[5:7]), day)):
                return None
            return {**row, "value": f"{told[:7]}-{day:02d}", "granularity": "day", "anchor": f"previous:{told}"}
        if rule == "in_the_week":
            if published.date is None:
                return {**row, "value": "XXXX-WXX", "granularity": "week", "anchor": "unknown"}
            iso = published.date.isocalendar()
            return {**row, "value": f"{iso.year:04d}-W{iso.week:02d}", "granularity": "week", "anchor": published.anchor()}
        if rule == "in_the_day":
            return {**row, **self._deictic("today", published), "rule": "deictic"}
        if rule == "year":
            return {**row, "value": match["year"], "granularity": "year"}
        if rule == "slash_date":
            return self._slash_date(match, published, row)
        if rule == "juche_year":
            return {**row, "value": f"{int(match['juche']) + JUCHE_OFFSET:04d}", "granularity": "year"}
        if rule == "decade":
            return {**row, "value": match["decade"], "granularity": "decade"}
        if rule == "season":
            if match["season"].lower() == "fall" and not (match["which"] or match["year"] or match["mod"]) \
                    and not SEASON_PREPOSITION.search(match.string, 0, match.start("core")):
                return None  # "if the guns fall silent": the verb, not the season
            if match["season"].lower() == "fall" and not match["year"] \
                    and re.match(r"\s+of\s+(?!(?:that|the\s+same|last|this|next)\s+year)", match.string[match.end("core"):]):
                return None  # "the fall of Kabul": a collapse
            return {**row, **self._season(match, published, state)}
        if rule == "half_year":
            return {**row, **self._half_year(match, published, state)}
        if rule == "quarter":
            return {**row, **self._quarter(match, published, state)}
        if rule == "deictic":
            return {**row, **self._deictic(match["word"].lower(), published)}
        if rule == "then":  # "since then", "until then": the date told before, bounded by the modifier
            if not state.last:
                return None
            return {**row, "value": state.last, "granularity": _granularity(state.last),
                    "anchor": f"previous:{state.last}"}
        if rule == "present":
            return {**row, "value": PRESENT_REF, "granularity": "present", "anchor": ""}
        last = [state.last] if state.last else []
        if state.partial and rule in ("relative", "offset"):
            shifted = _partial_shift(rule, match, state.partial)
            if shifted is not None:
                return {**row, **shifted}
        if rule == "day_part":  # "the same evening", "the following morning": the day last named, or the next
            return {**row, **self._relative(_which(match), "day", published, [state.last_day] if state.last_day else last),
                    "rule": "day_part"}
        if rule in ("relative", "relative_before") and match["unit"].lower() == "day" and state.last_weekday:
            # "on Saturday ... the day before": the weekday before, its date still unknown
            which = "the previous" if rule == "relative_before" else _which(match)
            by = {"the previous": -1, "the preceding": -1, "the following": 1, "the same": 0}.get(which)
            if by is not None:
                year, weekday = WEEKDAY_VALUE.fullmatch(state.last_weekday).groups()
                return {**row, "value": f"{year}-WXX-{(int(weekday) - 1 + by) % 7 + 1}", "granularity": "day",
                        "anchor": f"previous:{state.last_weekday}", "rule": "same_day" if by == 0 else "relative"}
        if rule == "relative":
            unit = match["unit"].lower()
            if unit == "day" and state.last_day:
                last = [state.last_day]  # "the same day", "the next day": the day last named
            which = _which(match)
            if match["soon"] and which == "this":  # "later this month": "this month", said to lie ahead
                which = f"{match['soon'].lower()} this"
            return {**row, **self._relative(which, unit, published, last)}
        if rule == "year_part_of" and match["part_of"].lower() == "month":
            return {**row, **self._current_month(published, state)}
        if rule in ("year_part_of", "years_end"):
            return {**row, **self._current_year(published, state), "mod": "END" if rule == "years_end" else ""}
        if rule == "relative_before":
            unit = match["unit"].lower()
            if unit == "week" and state.last_week:  # "a week ago ... the week before": the week before that one
                year, week = map(int, WEEK_VALUE.fullmatch(state.last_week).groups())
                before = (dt.date.fromisocalendar(year, week, 1) - dt.timedelta(days=7)).isocalendar()
                return {**row, "value": f"{before[0]:04d}-W{before[1]:02d}", "granularity": "week",
                        "anchor": f"previous:{state.last_week}"}
            if unit == "day" and state.last_day:
                last = [state.last_day]
            return {**row, **self._relative("the previous", unit, published, last)}
        if rule == "offset":
            if match["unit"].lower().rstrip("s") in ("month", "week", "day") and len(state.last) == 4 \
                    and state.month_here:
                # "January 2024 ... no earlier than 2023 ... two months later": a bound in passing is no anchor
                last = [state.month_here]
            return {**row, **self._offset(match, published, last)}
        if rule == "weekday":
            return {**row, **self._weekday(match, published, state.future)}
        if rule == "weekend":
            return {**row, **self._weekend(match["which"].lower(), published, state.future)}
        unit = match["unit"].lower().rstrip("s")
        if rule not in ("duration", "duration_first"):
            n = 1
        elif HALF.fullmatch(match["n"]):
            n = 0.5  # "half a year", "half an hour"
        elif SINGLE.fullmatch(match["n"]):
            n = 1  # "a single month"
        else:
            whole, half = AND_A_HALF.subn("", match["n"])  # "three and a half hours"
            n = parse_number(whole) + 0.5 * half
        if unit == "fortnight":
            n, unit = 2 * n, "week"  # "a fortnight": two weeks
        if n >= EXACT_LIMIT:  # beyond a float's exact integers (or inf): an unknown amount, flagged
            amount, row["anchor"] = "X", OUT_OF_RANGE
        else:
            amount = int(n) if float(n).is_integer() else n
        value = f"PT{amount}H" if unit == "hour" else f"P{amount}{UNIT_LETTER[unit]}"
        return {**row, "type": "DURATION", "value": value, "granularity": unit,
                "rule": "duration_first" if rule == "duration_first" else "duration"}

    @staticmethod
    def _month_day(match, published: Published, state: "Running") -> dict:
        groups = match.groupdict()
        month = _month_number(match["month"] or groups.get("month2"))
        day = int(match["day"] or groups.get("day2"))
        weekday = WEEKDAYS.index(match["weekday"].capitalize()) if match.groupdict().get("weekday") else None
        if match["year"] or groups.get("juche"):
            year, anchor = int(match["year"]) if match["year"] else int(match["juche"]) + JUCHE_OFFSET, ""
        elif _day_key(match.group(0)) in state.seen and weekday is None \
                and not (state.narrative and state.last[:4] != state.seen[_day_key(match.group(0))][:4]):
            # the same words name the same day, unless a text told in order has moved on to another year
            # (a timeline's "Oct. 18" of 2023 and of 2024)
            earlier = state.seen[_day_key(match.group(0))]
            return {"value": earlier, "granularity": "day", "anchor": f"previous:{earlier}"}
        else:
            year, anchor = infer_year(month, day, published, state, weekday)
            if year is None:
                return {"value": f"XXXX-{month:02d}-{day:02d}", "granularity": "day", "anchor": "unknown"}
        try:
            dt.date(year, month, day)
        except ValueError:
            return {"value": f"XXXX-{month:02d}-{day:02d}", "granularity": "day", "anchor": "invalid date"}
        return {"value": f"{year:04d}-{month:02d}-{day:02d}", "granularity": "day", "anchor": anchor}

    @staticmethod
    def _month_alone(month: int, published: Published, state: "Running") -> dict:
        """A month without a year: the year inferred as for a day ("in March", written in June 2025 -> 2025-03)."""
        year, anchor = infer_year(month, None, published, state, None)
        if year is None:
            return {"value": f"XXXX-{month:02d}", "granularity": "month", "anchor": "unknown"}
        return {"value": f"{year:04d}-{month:02d}", "granularity": "month", "anchor": anchor}

    @staticmethod
    def _month_relative(month: int, which: str, rule: str, published: Published) -> dict:
        """"last October", "February this year": counted from publication."""
        if not published.year:
            return {"value": f"XXXX-{month:02d}", "granularity": "month", "anchor": "unknown"}
        if rule == "month_relative_year":
            year = published.year + {"last": -1, "next": 1}.get(which, 0)
        elif which == "last":  # the latest such month before the month of publication
            year = published.year if published.month and month < published.month else published.year - 1
        elif which == "next":
            year = published.year if published.month and month > published.month else published.year + 1
        else:
            year = published.year
        return {"value": f"{year:04d}-{month:02d}", "granularity": "month",
                "anchor": published.anchor()}

    @staticmethod
    def _season(match, published: Published, state: "Running") -> dict:
        code, first_month = SEASONS[match["season"].lower()]
        if match["year"]:
            return {"value": f"{match['year']}-{code}", "granularity": "season", "anchor": ""}
        if match["same"]:  # "the autumn of that year": the year told before
            if state.last[:4].isdigit():
                return {"value": f"{state.last[:4]}-{code}", "granularity": "season", "anchor": f"previous:{state.last}"}
            return {"value": f"XXXX-{code}", "granularity": "season", "anchor": "unknown"}
        if match["rel"]:  # "the autumn of last year": a year counted from publication
            if not published.year:
                return {"value": f"XXXX-{code}", "granularity": "season", "anchor": "unknown"}
            year = published.year + {"last": -1, "this": 0, "next": 1}[match["rel"].lower()]
            return {"value": f"{year:04d}-{code}", "granularity": "season",
                    "anchor": published.anchor()}
        which = (match["which"] or "").lower()
        if which in ("this", "next", "last") and not published.year:
            # counted from a publication date the text does not give (annotation guide, sixth round)
            return {"value": f"XXXX-{code}", "granularity": "season", "anchor": "unknown"}
        if which in ("this", "next") and published.year:
            year = published.year + (which == "next" and bool(published.month) and published.month >= first_month)
            if which == "this" and code == "WI" and published.month and published.month <= 6:
                year -= 1  # "followed this winter", said in April: the winter begun the December before
            return {"value": f"{year:04d}-{code}", "granularity": "season",
                    "anchor": published.anchor()}
        if which == "last" and published.year_only:  # the season of the text's own year may still lie ahead
            return {"value": f"{published.year - 1:04d}-{code}", "granularity": "season", "anchor": published.anchor()}
        if which == "last" and published.date:
            # "last summer": the latest summer begun before publication, not the one it falls in (said in June)
            past = published.date - dt.timedelta(days=SEASON_PAST_DAYS)
            year = next(y for y in range(published.year, published.year - 3, -1)
                        if (days := calendar_days(f"{y:04d}-{code}"))[1] < published.date or days[0] <= past)
            return {"value": f"{year:04d}-{code}", "granularity": "season", "anchor": published.anchor()}
        year, anchor = infer_year(first_month, None, published, state, None)  # "last autumn": the latest one
        if year is None:
            return {"value": f"XXXX-{code}", "granularity": "season", "anchor": "unknown"}
        return {"value": f"{year:04d}-{code}", "granularity": "season", "anchor": anchor}

    @staticmethod
    def _half_year(match, published: Published, state: "Running") -> dict:
        """"the first half of 2024" -> 2024-H1; "of the year", "this year" the year of publication, "of that
        year" the year told before, "of last year" and "of next year" counted from publication."""
        code = "H1" if match["half"].lower() == "first" else "H2"
        return TimexFinder._year_part(code, "half", match["year"], (match["rel"] or "").lower(), published, state)

    @staticmethod
    def _year_part(code: str, granularity: str, year: str | None, rel: str, published: Published,
                   state: "Running") -> dict:
        """A half or quarter (``code``) of a year: the year written; else, with "that" or no year word ("the
        third quarter"), the year the account is in; else "the/this/last/next year" counted from publication."""
        if year:
            return {"value": f"{year}-{code}", "granularity": granularity, "anchor": ""}
        if rel in ("", "that") and state.last[:4].isdigit():
            return {"value": f"{state.last[:4]}-{code}", "granularity": granularity, "anchor": f"previous:{state.last}"}
        if rel == "that" or not published.year:
            return {"value": f"XXXX-{code}", "granularity": granularity, "anchor": "unknown"}
        year = published.year + {"last": -1, "next": 1}.get(rel, 0)
        return {"value": f"{year:04d}-{code}", "granularity": granularity, "anchor": published.anchor()}

    @staticmethod
    def _quarter(match, published: Published, state: "Running") -> dict:
        """"the third quarter of 2023" -> 2023-Q3; with no year, the year the account is in (else publication's);
        "this quarter", "last quarter", "next quarter" counted from publication."""
        if match["q"] or match["q2"]:
            return {"value": f"{match['q_year'] or match['year_q']}-{match['q'] or match['q2']}", "granularity": "quarter",
                    "anchor": ""}
        year = match["year"] or match["year_after"]
        which = " ".join(match["which"].lower().split()) if match["which"] else ""
        if not which and match["nth"].lower() == "last" and not year and not match["rel"]:
            which = "last"  # "in the last quarter": the one before publication's
        if which:
            if not (published.year and published.month):
                return {"value": "XXXX", "granularity": "quarter", "anchor": "unknown"}
            step = {"last": -1, "the previous": -1, "next": 1, "the next": 1}.get(which, 0)
            index = published.year * 4 + (published.month - 1) // 3 + step
            return {"value": f"{index // 4:04d}-Q{index % 4 + 1}", "granularity": "quarter",
                    "anchor": published.anchor()}
        code = "Q" + str({"first": 1, "second": 2, "third": 3}.get(match["nth"].lower(), 4))
        return TimexFinder._year_part(code, "quarter", year, (match["rel"] or "").lower(), published, state)

    @staticmethod
    def _slash_date(match, published: Published, row: dict) -> dict | None:
        a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
        if year < 100:
            year += 2000 if year < 70 else 1900  # "9/13/23"
        readings = [(m, d) for m, d in ((a, b), (b, a)) if 1 <= m <= 12 and _valid(year, m, d)]
        readings = list(dict.fromkeys(readings))
        if len(readings) > 1:
            if published.date is None:
                return None  # "5/6/24" undated: month and day cannot be told apart
            readings.sort(key=lambda md: abs((dt.date(year, *md) - published.date).days))
        if not readings:
            return None  # "3/45/24": no day of the calendar
        month, day = readings[0]
        return {**row, "value": f"{year:04d}-{month:02d}-{day:02d}", "granularity": "day"}

    @staticmethod
    def _current_month(published: Published, state: "Running") -> dict:
        """"before the end of the month": the month the account is in, else the month of publication."""
        if state.narrative and len(state.last) >= 7 and state.last[:4].isdigit() and not published.from_text:
            return {"value": state.last[:7], "granularity": "month", "anchor": f"previous:{state.last}"}
        if published.month:
            return {"value": f"{published.year:04d}-{published.month:02d}", "granularity": "month",
                    "anchor": published.anchor()}
        value = f"{published.year:04d}-XX" if published.year else "XXXX-XX"
        return {"value": value, "granularity": "month", "anchor": published.anchor() if published.year else "unknown"}

    @staticmethod
    def _current_year(published: Published, state: "Running") -> dict:
        """"the end of the year": a text's own year; in an account told in order, the year it has reached;
        else the year of publication."""
        if state.narrative and state.last[:4].isdigit() and not published.from_text:
            return {"value": state.last[:4], "granularity": "year", "anchor": f"previous:{state.last}"}
        if published.year:
            return {"value": f"{published.year:04d}", "granularity": "year", "anchor": published.anchor()}
        return {"value": "XXXX", "granularity": "year", "anchor": "unknown"}

    @staticmethod
    def _deictic(word: str, published: Published) -> dict:
        """"today", "yesterday", "tomorrow", "this morning": a day counted from publication."""
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(" ".join(word.split()), 0)  # "last night": the day before
        rule = "tomorrow" if shift > 0 else "deictic"
        if published.date is None:
            if published.year_only:  # "Today", in a text that fixes only its year
                return {"value": f"{published.year:04d}-XX-XX", "granularity": "day", "anchor": published.anchor(),
                        "rule": rule}
            return {"value": "XXXX-XX-XX", "granularity": "day", "anchor": "unknown", "rule": rule}
        day = published.date + dt.timedelta(days=shift)
        return {"value": day.isoformat(), "granularity": "day", "anchor": published.anchor(),
                "rule": rule}

    @staticmethod
    def _relative(which: str, unit: str, published: Published, previous: list) -> dict:
        if which == "the same":  # the day, month, week or year of the date before
            rule = "same_day" if unit == "day" else "same"
            needed = {"year": 4, "month": 7, "week": 10, "day": 10}[unit]
            if not previous or len(previous[0]) < needed:
                unknown = {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX", "day": "XXXX-XX-XX"}[unit]
                return {"value": unknown, "granularity": unit, "anchor": "unknown", "rule": rule}
            value = previous[0][:needed]
            if unit == "week":
                iso = dt.date(*_value_parts(value)).isocalendar()
                value = f"{iso.year:04d}-W{iso.week:02d}"
            return {"value": value, "granularity": unit, "anchor": f"previous:{previous[0]}", "rule": rule}
        by = {"last": -1, "this": 0, "later this": 0, "earlier this": 0, "next": 1,
              "the preceding": -1, "the previous": -1, "the following": 1}[which]
        rule = {"later this": "later_this", "earlier this": "earlier_this", "next": "next",
                "the following": "next"}.get(which, "relative")
        if which.startswith("the ") and previous:
            anchor_parts, anchor = _value_parts(previous[0]), f"previous:{previous[0]}"
        elif published.year:
            anchor_parts, anchor = (published.year, published.month, published.day), published.anchor()
        else:
            anchor_parts, anchor = (None,), "unknown"
        unknown = {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX", "day": "XXXX-XX-XX"}[unit]
        if anchor_parts[0] is None:
            return {"value": unknown, "granularity": unit, "anchor": "unknown", "rule": rule}
        if unit == "year":
            if not 1 <= anchor_parts[0] + by <= 9999:
                return {"value": "XXXX", "granularity": "year", "anchor": OUT_OF_RANGE, "rule": rule}
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
        if anchor == published.anchor() and published.year_only:  # "last month" in a text that fixes its year
            return {"value": unknown.replace("XXXX", f"{published.year:04d}"), "granularity": unit, "anchor": anchor,
                    "rule": rule}
        return {"value": unknown, "granularity": unit, "anchor": "unknown", "rule": rule}

    @staticmethod
    def _offset(match, published: Published, previous: list) -> dict:
        n = parse_number(match["n"])
        unit, direction = match["unit"].lower().rstrip("s"), match["dir"].lower()
        if unit == "fortnight":
            n, unit = 2 * n, "week"  # "a fortnight later": two weeks
        sign = 1 if direction == "later" else -1
        rule = "offset_later" if sign > 0 else "offset_earlier"
        if direction == "ago":
            parts = (published.year, published.month, published.day)
            anchor = published.anchor() if published.year else "unknown"
        elif previous:
            parts, anchor = _value_parts(previous[0]) + (None, None), f"previous:{previous[0]}"
        elif published.year:
            parts, anchor = (published.year, published.month, published.day), published.anchor()
        else:
            parts, anchor = (None, None, None), "unknown"
        year, month, day = parts[:3]
        # Out of the years 1-9999 ("10,000 years ago"): X with the anchor saying why, never a negative year.
        unknown = {"value": {"year": "XXXX", "month": "XXXX-XX"}.get(unit, "XXXX-XX-XX"), "granularity": unit,
                   "anchor": OUT_OF_RANGE, "rule": rule}
        if n >= EXACT_LIMIT and unit in ("year", "month", "day"):  # inf, or more than a float holds exactly
            return unknown
        if unit == "week" and float(n).is_integer() and day and n < 1000:
            return {**_week_offset(dt.date(year, month, day), int(n) * sign, bool(match["mod"])),
                    "anchor": anchor, "rule": rule}
        if not float(n).is_integer() or year is None or unit in ("hour", "decade", "week"):
            return {"value": "XXXX", "granularity": unit, "anchor": "unknown", "rule": rule}
        n = int(n) * sign
        if unit == "year":
            if not 1 <= year + n <= 9999:
                return unknown
            return {"value": f"{year + n:04d}", "granularity": "year", "anchor": anchor, "rule": rule}
        if unit == "month" and month:
            y, m = _shift_month(year, month, n)
            if not 1 <= y <= 9999:
                return unknown
            return {"value": f"{y:04d}-{m:02d}", "granularity": "month", "anchor": anchor, "rule": rule}
        if unit == "day" and day:
            try:
                value = (dt.date(year, month, day) + dt.timedelta(days=n)).isoformat()
            except OverflowError:  # "3,000,000 days ago"
                return unknown
            return {"value": value, "granularity": "day", "anchor": anchor, "rule": rule}
        if unit == "day" and month and abs(n) <= DAYS_IN_THE_MONTH:
            # "in June ... two days later": a few days from a month told keep that month, as precise as it is
            return {"value": f"{year:04d}-{month:02d}", "granularity": "month", "anchor": anchor, "rule": rule}
        return {"value": "XXXX-XX" if unit == "month" else "XXXX-XX-XX", "granularity": unit,
                "anchor": "unknown", "rule": rule}

    @staticmethod
    def _weekend(which: str, published: Published, future: bool) -> dict:
        """"the weekend", "last weekend": the weekend on or before publication; "next weekend", or
        one the clause looks ahead to, the first after it (TIMEX3 ``YYYY-Www-WE``)."""
        ahead = which == "next" or (future and which != "last")
        rule = "weekend_next" if ahead else "weekend"
        if published.date is None:
            return {"value": "XXXX-WXX-WE", "granularity": "week", "anchor": "unknown", "rule": rule}
        base = published.date
        if ahead:
            saturday = base + dt.timedelta(days=(5 - base.weekday()) % 7 or (7 if which == "next" else 0))
        else:
            saturday = base - dt.timedelta(days=(base.weekday() - 5) % 7)
            if which == "last" and base.weekday() >= 5:
                saturday -= dt.timedelta(days=7)  # "last weekend", said on a weekend: the one before
        return {"value": _weekend_value(saturday), "granularity": "week",
                "anchor": published.anchor(), "rule": rule}

    @staticmethod
    def _weekday(match, published: Published, future: bool = False) -> dict:
        """A weekday alone: the nearest such day on or before publication; after it when "next" or
        when the clause looks ahead ("will hold a seminar on Friday")."""
        weekday = WEEKDAYS.index(match["weekday"].capitalize())
        which = (match["which"] or "").lower()
        ahead = which == "next" or (future and which != "last")
        rule = "weekday_next" if ahead else "weekday"
        if published.date is None:
            if published.year_only:
                return {"value": f"{published.year:04d}-WXX-{weekday + 1}", "granularity": "day",
                        "anchor": published.anchor(), "rule": rule}
            return {"value": f"XXXX-WXX-{weekday + 1}", "granularity": "day", "anchor": "unknown", "rule": rule}
        base = published.date
        if which == "next":
            day = base + dt.timedelta(days=(weekday - base.weekday()) % 7 or 7)
        elif ahead:
            day = base + dt.timedelta(days=(weekday - base.weekday()) % 7)
        else:
            day = base - dt.timedelta(days=(base.weekday() - weekday) % 7)
        return {"value": day.isoformat(), "granularity": "day",
                "anchor": published.anchor(), "rule": rule}


DURATION_VALUE = re.compile(r"P(T?)(\d+(?:\.\d+)?)([YMWDH])")  # "P21M", "PT3H", "P1.5Y": time flag, number, unit
# the larger unit of a compound duration in its smaller one: "a year and nine months" is P21M
IN_SMALLER_UNIT = {("", "Y", "M"): 12, ("", "W", "D"): 7}


def _joined_durations(rows: list[dict], sentence: str) -> list[dict]:
    """Two durations joined by "and" in larger then smaller units ("a year and nine months", "two weeks and
    three days") are one duration, its value in the smaller unit."""
    joined: list[dict] = []
    for row in rows:
        first = joined[-1] if joined else None
        a = DURATION_VALUE.fullmatch(first["value"]) if first is not None and first["type"] == "DURATION" else None
        b = DURATION_VALUE.fullmatch(row["value"]) if row["type"] == "DURATION" and not row["mod"] else None
        factor = IN_SMALLER_UNIT.get((a.group(1), a.group(3), b.group(3))) \
            if a and b and a.group(2).isdigit() and b.group(2).isdigit() else None
        if factor and re.fullmatch(r"\s+and\s+", sentence[first["end"]:row["start"]]):
            total = int(a.group(2)) * factor + int(b.group(2))
            first.update(value=f"P{a.group(1)}{total}{b.group(3)}", end=row["end"],
                         text=sentence[first["start"]:row["end"]])
            continue
        joined.append(row)
    return joined


def _weekend_value(saturday: dt.date) -> str:
    iso = saturday.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}-WE"


# a timeline: lines that open with a day and month and a dash ("July 13 - North Korea recognises ...",
# "18-19 June 2024 – Putin visits"); two of them make the text tell its events in order
TIMELINE_ENTRY = re.compile(rf"^(?:(?:{MONTH})\s+\d{{1,2}}|\d{{1,2}}\s+(?:{MONTH}))[^\n]{{0,20}}?\s[-–—]\s", re.M)


def is_timeline(text: str) -> bool:
    """Do two or more lines open with a day, a month and a dash?"""
    found = TIMELINE_ENTRY.finditer(text)
    return next(found, None) is not None and next(found, None) is not None


# A year in an undated text's heading ("NORTH KOREA IN 2023", "Vostochny Cosmodrome summit (2023)"), not one
# end of a range ("2019–2025") nor a bound ("since 2019"); a heading is a short first line with no full stop.
HEADING_YEAR = re.compile(r"(?<![\d–—-])(?:1[89]|20)\d\d(?![\d–—-])")
ANY_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
BOUND_BEFORE = re.compile(r"(?i:\b(?:since|until|till|from|before|after|by|through|to|beyond|post|pre)\s*-?\s*$)")
HEADING_MAX = 120
# the DPRK's Juche calendar counts from 1912, year 1: "Juche 114 (2025)"
JUCHE_YEAR = re.compile(rf"\b{JUCHE}\b")
# "A year ago, on June 19, 2024", "two years ago, in 2023": a count of years back to a date the text writes in full
YEARS_AGO_ON = re.compile(rf"\b(?P<count>an?|{NUMBER})\s+years?\s+ago,?\s+(?:on|in)\s+[^.;:\n]{{0,24}}?"
                          r"(?<!\d)(?P<year>(?:1[89]|20)\d\d)(?!\d)", re.I)


def _whole(count: str) -> int | None:
    """A count of years as a whole number ("a", "two", "3"), or None."""
    value = 1.0 if count.lower() in ("a", "an") else parse_number(count)
    return int(value) if value == value and float(value).is_integer() and 0 < value < 200 else None


def text_year(text: str) -> Published:
    """An undated text's own year, where its words fix one, as a ``Published`` that knows only the year.

    The latest Juche-calendar date it writes (DPRK state media date their items so), else the one year
    a count of years back from a dated day gives ("A year ago, on June 19, 2024": 2025), else the one year
    its heading names (a yearbook's "NORTH KOREA IN 2023"). Otherwise nothing: the text stays undated.
    """
    juche = [int(m["juche"]) + JUCHE_OFFSET for m in JUCHE_YEAR.finditer(text)]
    if juche:
        return Published(max(juche), from_text=True)
    counts = [(int(m["year"]), _whole(m["count"])) for m in YEARS_AGO_ON.finditer(text)]
    counted = {year + count for year, count in counts if count is not None}
    if len(counted) == 1:
        return Published(counted.pop(), from_text=True)
    heading = text.lstrip().split("\n", 1)[0].strip()
    if len(heading) > HEADING_MAX or heading.endswith((".", "!", "?", ":")):
        return Published()
    years = {m.group() for m in ANY_YEAR.finditer(heading)}
    named = [m for m in HEADING_YEAR.finditer(heading) if not BOUND_BEFORE.search(heading[:m.start()])]
    if len(years) == 1 and named:
        return Published(int(named[0].group()), from_text=True)
    return Published()


def find_timexes(corpus, finder: TimexFinder | None = None) -> pd.DataFrame:
    """The timexes table for a corpus: one row per expression, in text order."""
    finder = finder or TimexFinder()
    documents = corpus.documents
    published = dict(zip(documents["doc_id"], documents["published"]))
    narrative_genres = load_narrative_genres()
    genres = dict(zip(documents["doc_id"], documents["genre"])) if "genre" in documents else {}
    rows = []
    sentences = corpus.sentences
    columns = zip(sentences["doc_id"].tolist(), sentences["sent_id"].tolist(), sentences["start"].tolist(),
                  sentences["text"].tolist())
    current, anchor, state = None, None, Running()
    for doc_id, sent_id, start, text in progress(columns, "dates (sentences)", len(sentences)):
        if doc_id != current:  # sentences come in document order; each article starts afresh
            current, anchor = doc_id, Published.parse(published[doc_id])
            if not anchor.year:
                anchor = text_year(corpus.texts[doc_id])
            state = Running(narrative=genres.get(doc_id, "") in narrative_genres or is_timeline(corpus.texts[doc_id]))
        for row in finder.find(text, anchor, state):
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
        if pub and is_calendar_value(timex.value) and timex.rule not in FORWARD_RULES:
            precision = min(len(timex.value), len(pub))
            after = timex.value[:precision] > pub[:precision]
            note = f"{timex.value} is after publication ({pub})" if after else ""
            rows.append({**base, "check": "not_after_publication", "agrees": not after, "note": note})
    table = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    return table.astype({"agrees": "boolean"})



HALF = re.compile(r"(?i:half\s+an?)")
RATE_BEFORE = re.compile(r"(?:[\d.,]+|[a-z]+s|hundred|thousand|million|billion|trillion)$", re.I)
NOT_RATE_BEFORE = {"was", "is", "has", "this", "its", "his", "as", "was", "less", "plus", "thus", "across"}


def _rate(sentence: str, match: re.Match) -> bool:
    """Is "a year" ("an hour") a rate: right after an amount or a plural noun ("barrels a year")?"""
    if match["n"].lower() not in ("a", "an") or match.groupdict().get("mod"):
        return False
    before = sentence[:match.start("core")].rstrip().split()
    word = before[-1].strip("’'") if before else ""
    return bool(RATE_BEFORE.fullmatch(word)) and word.lower() not in NOT_RATE_BEFORE
