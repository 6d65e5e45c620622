"""Dates and durations: TIMEX3 values, anchors and modifiers on invented sentences."""

import datetime as dt
import pytest

from partnership.corpus import load_corpus
from partnership.errors import CorpusError
from partnership.annotate.timexes import (Published, Running, TimexFinder, calendar_days, find_timexes, load_modifiers,
                                          timex_checks)
from tests.conftest import write_raw


@pytest.fixture(scope="module")
def finder():
    return TimexFinder()


def timexes(finder, sentence, published=""):
    rows = finder.find(sentence, Published.parse(published), [])
    for row in rows:
        assert sentence[row["start"]:row["end"]] == row["text"]
    return [(r["text"], r["value"], r["granularity"], r["type"], r["mod"], r["anchor"]) for r in rows]


@pytest.mark.parametrize("sentence, published, expected", [
    ("They met on Friday.", "2024-11-08",
     [("Friday", "2024-11-08", "day", "DATE", "", "publication:2024-11-08")]),
    ("They met on Friday.", "2024-11-10",
     [("Friday", "2024-11-08", "day", "DATE", "", "publication:2024-11-10")]),
    ("They will meet next Friday.", "2024-11-08",
     [("next Friday", "2024-11-15", "day", "DATE", "", "publication:2024-11-08")]),
    ("They met on Friday.", "2024-11",
     [("Friday", "XXXX-WXX-5", "day", "DATE", "", "unknown")]),
    ("They met on Friday.", "",
     [("Friday", "XXXX-WXX-5", "day", "DATE", "", "unknown")]),
    ("Late last month, the convoy left.", "2024-12-03",
     [("Late last month", "2024-11", "month", "DATE", "END", "publication:2024-12-03")]),
    ("Late last month, the convoy left.", "2025-01",
     [("Late last month", "2024-12", "month", "DATE", "END", "publication:2025-01")]),
    ("Late last month, the convoy left.", "",
     [("Late last month", "XXXX-XX", "month", "DATE", "END", "unknown")]),
    ("The treaty was signed on June 19, 2024.", "",
     [("June 19, 2024", "2024-06-19", "day", "DATE", "", "")]),
    ("The talks were held on 5 March 2022.", "",
     [("5 March 2022", "2022-03-05", "day", "DATE", "", "")]),
    ("It began in early May.", "2023-06-01",
     [("early May", "2023-05", "month", "DATE", "START", "publication:2023-06-01")]),
    ("It happened in November.", "2023-06-01",
     [("November", "2022-11", "month", "DATE", "", "publication:2023-06-01")]),
    ("Since September 2023, ships have sailed.", "",
     [("Since September 2023", "2023-09", "month", "DATE", "ON_OR_AFTER", "")]),
    ("The war began in 2022 and the union ended in 1991.", "",
     [("2022", "2022", "year", "DATE", "", ""), ("1991", "1991", "year", "DATE", "", "")]),
    ("It lasted more than three years.", "",
     [("more than three years", "P3Y", "year", "DURATION", "MORE_THAN", "")]),
    ("Aid flowed over the past 17 months.", "",
     [("the past 17 months", "P17M", "month", "DURATION", "", "")]),
    ("A two-day visit.", "", [("two-day", "P2D", "day", "DURATION", "", "")]),
    ("He stayed for four more days.", "", [("four more days", "P4D", "day", "DURATION", "", "")]),
    ("He visited within a month.", "", [("within a month", "P1M", "month", "DURATION", "EQUAL_OR_LESS", "")]),
    ("Shipments moved between September 7 and October 1.", "2023-10-19",
     [("September 7", "2023-09-07", "day", "DATE", "ON_OR_AFTER", "publication:2023-10-19"),
      ("October 1", "2023-10-01", "day", "DATE", "ON_OR_BEFORE", "publication:2023-10-19")]),
    ("He may visit, officials said.", "2023-06-01", []),
    ("The KN-23 and Covid-19 are not dates.", "", []),
    # a rate is no duration; "for a year" is
    ("It earns $2 million a year and ships 9,000 tonnes a month for a year.", "",
     [("a year", "P1Y", "year", "DURATION", "", "")]),
])
def test_expressions(finder, sentence, published, expected):
    assert timexes(finder, sentence, published) == expected


def test_relative_to_the_previous_date_in_the_text(tmp_path):
    text = ("He arrived on Wednesday. On the same day he spoke. "
            "The summit had come a month earlier, and aid had begun the preceding year.\n")
    raw = write_raw(tmp_path / "raw", {"a.txt": text}, rows=[{"file": "a.txt", "published": "2023-10-19"}])
    table = find_timexes(load_corpus(raw))
    assert table[["text", "value", "anchor", "rule"]].values.tolist() == [
        ["Wednesday", "2023-10-18", "publication:2023-10-19", "weekday"],
        ["the same day", "2023-10-18", "previous:2023-10-18", "same_day"],
        ["a month earlier", "2023-09", "previous:2023-10-18", "offset_earlier"],
        ["the preceding year", "2022", "previous:2023-09", "relative"],
    ]


def test_checks_flag_a_wrong_weekday_and_a_past_date_after_publication(tmp_path):
    text = ("Ministers met on Wednesday, March 9. The deal, signed on April 2, 2024, held. "
            "They will meet again later this month.\n")
    raw = write_raw(tmp_path / "raw", {"a.txt": text}, rows=[{"file": "a.txt", "published": "2023-03-10"}])
    corpus = load_corpus(raw)
    checks = timex_checks(find_timexes(corpus), corpus.documents)
    problems = checks[~checks["agrees"].astype(bool)]
    assert problems[["text", "check"]].values.tolist() == [
        ["Wednesday, March 9", "weekday"],
        ["April 2, 2024", "not_after_publication"],
    ]
    assert problems.iloc[0]["note"] == "Wednesday fits 2022 instead"
    assert "later this month" not in checks["text"].tolist()  # written as future: not checked


def test_the_five_articles_agree_with_their_recorded_dates():
    corpus = load_corpus()
    checks = timex_checks(find_timexes(corpus), corpus.documents)
    assert len(checks) > 20 and checks["agrees"].all()


def test_bad_modifier_file_is_named(tmp_path):
    path = tmp_path / "modifiers.csv"
    path.write_text("phrase,mod,applies_to,note\nlate,LATE,date,\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"modifiers.csv: line 2: mod 'LATE' is not one of"):
        load_modifiers(path)


def test_published_label_keeps_precision():
    assert Published.parse("2023-09").label() == "2023-09"
    assert Published.parse("2023-09-04").date.isoformat() == "2023-09-04"
    assert Published.parse("").date is None


def values(text, published="", genre=""):
    """(text, value, anchor) of every timex of a one-article corpus, read sentence by sentence."""
    from tests.conftest import write_raw as _write
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as tmp:
        raw = _write(Path(tmp) / "raw", {"a.txt": text}, rows=[{"file": "a.txt", "published": published, "genre": genre}])
        table = find_timexes(load_corpus(raw))
    return table[["text", "value", "anchor"]].values.tolist()


def test_a_day_without_a_year_refines_the_month_before_it():
    assert values("In early September 2023 the talks began. On 10 September they ended.\n", "2025-06-17") == [
        ["early September 2023", "2023-09", ""], ["10 September", "2023-09-10", "previous:2023-09"]]


def test_a_running_account_keeps_the_year_of_the_date_before():
    text = "The treaty was ratified on 24 October 2024. It was signed into law on 9 January.\n"
    assert values(text, "", "encyclopedia")[1] == ["9 January", "2025-01-09", "previous:2024-10-24"]


def test_a_range_of_days_is_two_days_the_first_taking_the_month_and_year_written_with_the_second():
    rows = values("Shoigu was in Pyongyang on July 25-27, 2023. Putin came on 18–19 June 2024. Kim toured on "
                  "Sept. 12-17.\n", "2024-11-07")
    assert [r[:2] for r in rows] == [["July 25", "2023-07-25"], ["27, 2023", "2023-07-27"], ["18", "2024-06-18"],
                                     ["19 June 2024", "2024-06-19"], ["Sept. 12", "2024-09-12"], ["17", "2024-09-17"]]


def test_a_timeline_of_dated_lines_keeps_the_year_of_the_line_before():
    # the nearest year to the date before, as in an encyclopedia entry; the same words name another
    # day once the timeline has moved on to another year
    text = ("Milestones\n\nFeb. 24, 2022 - Russia invades Ukraine. On March 2, North Korea votes no.\n\n"
            "May 26 - Russia vetoes a resolution.\n\nOct. 13, 2023 - Washington reports shipments.\n\n"
            "Oct. 18 - Lavrov visits Pyongyang.\n\nJune 19, 2024 - The treaty is signed.\n\n"
            "Oct. 18 - Seoul reports troops.\n")
    assert [r[:2] for r in values(text, "2024-11-07")] == [
        ["Feb. 24, 2022", "2022-02-24"], ["March 2", "2022-03-02"], ["May 26", "2022-05-26"],
        ["Oct. 13, 2023", "2023-10-13"], ["Oct. 18", "2023-10-18"], ["June 19, 2024", "2024-06-19"],
        ["Oct. 18", "2024-10-18"]]
    # the same lines as prose in a news story: a day without a year is read from publication
    prose = "Russia invaded on Feb. 24, 2022. On March 2, North Korea voted no.\n"
    assert values(prose, "2024-11-07")[1][:2] == ["March 2", "2024-03-02"]


def test_a_year_that_only_bounds_a_span_leaves_the_account_at_the_date_before():
    text = ("Putin visited Pyongyang on 18–19 June 2024, his first visit since 2000. The Duma ratified the treaty on "
            "24 October.\n")
    assert values(text, "", "encyclopedia")[-1][:2] == ["24 October", "2024-10-24"]
    assert values("Since 2000 no leader had come. On 24 October the Duma voted.\n", "", "encyclopedia")[-1][:2] == [
        "24 October", "2000-10-24"]  # nothing finer was told before: the year is the account's


def test_the_unit_before_closing_a_clause_counts_back_from_the_date_told_before():
    assert [r[:2] for r in values("Talks were held on 10 October 2024. The day before, Lavrov arrived. He had "
                                  "written the week before.\n", "2024-10-31")] == [
        ["10 October 2024", "2024-10-10"], ["The day before", "2024-10-09"], ["the week before", "2024-W40"]]
    assert values("Trade had fallen the year before the war.\n", "2024-10-31") == []  # counted from the war


def test_a_term_that_runs_out_or_expires_looks_ahead():
    assert values("The panel's mandate runs out on April 30.\n", "2024-03-28")[0][1] == "2024-04-30"
    assert values("The mandate expired on April 30.\n", "2024-03-28")[0][1] == "2023-04-30"


def test_a_day_without_a_year_in_news_is_the_latest_before_publication_or_the_next_when_ahead():
    assert values("The veto came on 28 March.\n", "2024-12-20")[0][1] == "2024-03-28"
    assert values("Talks will be held on 1 November.\n", "2024-10-30")[0][1] == "2024-11-01"


@pytest.mark.parametrize("sentence, published, expected", [
    ("Today the ministry spoke.", "2024-11-05", [("Today", "2024-11-05")]),
    # "within the next year" is a span of time to come; "next year" the year after
    ("Kim will visit within the next year, and next year Putin.", "2024-11-05",
     [("within the next year", "P1Y"), ("next year", "2025")]),
    # a weekday keeps its part of the day; a week of a month is dated to the month
    ("It arrived by Tuesday evening; in the last week of December and the first week of November 2023 it left.",
     "2024-01-17", [("Tuesday evening", "2024-01-16"), ("the last week of December", "2023-12"),
                    ("the first week of November 2023", "2023-11")]),
    # a few days from a month told keep the month ("the gold's reading")
    ("He was appointed in June, and two days later the soldiers arrived.", "2025-05-01",
     [("June", "2024-06"), ("two days later", "2024-06")]),
    ("It happened yesterday.", "2024-11-05", [("yesterday", "2024-11-04")]),
    ("Troops are now in Kursk.", "2024-11-05", [("now", "PRESENT_REF")]),
    ("It reports now that the panel is gone.", "2024-11-05", []),  # "now that": a conjunction
    ("Troops have been sent since early October.", "2024-12-13", [("since early October", "2024-10")]),
    ("They met in the summer of 2024 and in the 1990s.", "", [("the summer of 2024", "2024-SU"), ("the 1990s", "199")]),
    ("The war of 2022–2025 goes on.", "", [("2022", "2022"), ("2025", "2025")]),
    # a month paired with a dated month right after it takes that year (the year before if it comes later)
    ("Oil flowed between March and November 2024.", "2025-06-01", [("March", "2024-03"), ("November 2024", "2024-11")]),
    ("It ran from November to February 2024.", "", [("November", "2023-11"), ("February 2024", "2024-02")]),
    ("The 1950–53 war and the 2023-24 season; data of 2024-03.", "",  # a short second year; an ISO month
     [("1950", "1950"), ("53", "1953"), ("2023", "2023"), ("24", "2024")]),
    ("Resolutions 1718 (2006), 1874 (2009) and 2397 bar it.", "", [("2006", "2006"), ("2009", "2009")]),
    ("It was signed on 19 June last year.", "2025-06-27", [("19 June last year", "2024-06-19")]),
    ("The first dispatch came last autumn.", "2025-04-28", [("last autumn", "2024-FA")]),
    ("The next shipment is due later this month.", "2024-11-05", [("this month", "2024-11")]),
    # a day written the ISO way is a date (a month written so, or a day off the calendar, is none)
    ("Posted : 2021-02-26 14:05. Data of 2024-03; 2023-02-30.", "", [("2021-02-26", "2021-02-26")]),
    # a weekday written with a day picks the year in which they agree, even a day ahead; headings in capitals too
    ("MONDAY, JUNE 17", "2024-06-16", [("MONDAY, JUNE 17", "2024-06-17")]),
    ("They met on Friday, June 14.", "2024-06-16", [("Friday, June 14", "2024-06-14")]),
    # a compound duration is one duration in its smaller unit
    ("The war has lasted a year and nine months; the trip took two weeks and three days, the siege two years and "
     "five days.", "", [("a year and nine months", "P21M"), ("two weeks and three days", "P17D"), ("two years", "P2Y"),
                        ("five days", "P5D")]),
])
def test_more_ways_of_writing_a_date(finder, sentence, published, expected):
    assert [(t, v) for t, v, *_ in timexes(finder, sentence, published)] == expected


def test_the_same_year_and_a_month_prior_count_from_the_date_before():
    assert values("The deal was struck in March 2024. A month prior, talks began. The same year, it ended.\n") == [
        ["March 2024", "2024-03", ""], ["A month prior", "2024-02", "previous:2024-03"],
        ["The same year", "2024", "previous:2024-02"]]


def test_offsets_from_a_date_without_a_year_keep_month_and_day():
    from partnership.annotate.timexes import Running
    finder, state, undated = TimexFinder(), Running(narrative=True), Published.parse("")
    values = [[(r["text"], r["value"], r["anchor"]) for r in finder.find(s, undated, state)]
              for s in ["The ship left on 3 July.", "Two months later it returned.",
                        "On 10 September it sailed; the following day it docked.", "Two years ago it began.",
                        "On 27 February it left; three days later it came back."]]
    assert values == [[("3 July", "XXXX-07-03", "unknown")],
                      [("Two months later", "XXXX-09", "previous:XXXX-07-03")],
                      [("10 September", "XXXX-09-10", "unknown"),
                       ("the following day", "XXXX-09-11", "previous:XXXX-09-10")],
                      [("Two years ago", "XXXX", "unknown")],  # counts from publication, unknown
                      [("27 February", "XXXX-02-27", "unknown"),
                       ("three days later", "XXXX", "unknown")]]  # 1 or 2 March: leap years disagree


@pytest.mark.parametrize("sentence, published, expected", [
    # a weekday the clause looks ahead to is the next such day; told in the past, the last one
    ("The ministry will hold a seminar on Friday.", "2025-01-13", [("Friday", "2025-01-17", "weekday_next")]),
    ("They met on Friday.", "2025-01-13", [("Friday", "2025-01-10", "weekday")]),
    # weekends, TIMEX3 style
    ("Over the weekend, Zelensky said so.", "2025-01-13", [("the weekend", "2025-W02-WE", "weekend")]),
    ("They will meet next weekend.", "2025-01-13", [("next weekend", "2025-W03-WE", "weekend_next")]),
    ("Last weekend they met.", "2025-01-11", [("Last weekend", "2025-W01-WE", "weekend")]),
    ("He spoke over the weekend.", "", [("the weekend", "XXXX-WXX-WE", "weekend")]),
])
def test_weekdays_ahead_and_weekends(finder, sentence, published, expected):
    rows = finder.find(sentence, Published.parse(published), [])
    assert [(r["text"], r["value"], r["rule"]) for r in rows] == expected


@pytest.mark.parametrize("value, days", [
    ("2024", ("2024-01-01", "2024-12-31")), ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2024-06-19", ("2024-06-19", "2024-06-19")), ("2024-W44", ("2024-10-28", "2024-11-03")),
    ("2024-W44-WE", ("2024-11-02", "2024-11-03")), ("2024-WI", ("2024-12-01", "2025-02-28")),
    ("2024-SU", ("2024-06-01", "2024-08-31")), ("XXXX-09", None), ("PRESENT_REF", None), ("2024-13", None),
])
def test_calendar_values_span_their_days(value, days):
    found = calendar_days(value)
    assert (tuple(d.isoformat() for d in found) if found else None) == days


def test_week_offsets_years_before_a_comma_and_bounds_in_passing():
    # weeks count from a day: its ISO week; with a modifier only what the days between share (the month)
    assert values("Kim came on 4 June 2025. Two weeks later, Shoigu came. Less than two weeks later, Lavrov came.\n",
                  "2025-07-13") == [
        ["4 June 2025", "2025-06-04", ""], ["Two weeks later", "2025-W25", "previous:2025-06-04"],
        ["Less than two weeks later", "2025-06", "previous:2025-06-04"]]
    # a year before a comma is a year; a year named in passing is no anchor for "two months later"
    assert values("In 2023, talks began. A strike in January 2024 used parts made after 2023, and two months "
                  "later Russia vetoed the panel.\n", "2025-07-13") == [
        ["2023", "2023", ""], ["January 2024", "2024-01", ""], ["after 2023", "2023", ""],
        ["two months later", "2024-03", "previous:2024-01"]]


def test_that_month_and_a_season_of_that_year_take_the_year_told_before():
    assert values("Troops went to Kursk in 2024. They were sent that October. By the autumn of that year, "
                  "100 had left.\n", "2025-07-13") == [
        ["2024", "2024", ""], ["that October", "2024-10", "previous:2024"],
        ["the autumn of that year", "2024-FA", "previous:2024-10"]]


def test_a_season_of_last_year_counts_from_publication_and_is_unknown_in_an_undated_text():
    text = "Talks began in the autumn of last year and ended in the spring of this year.\n"
    assert values(text, "2025-07-13") == [
        ["the autumn of last year", "2024-FA", "publication:2025-07-13"],
        ["the spring of this year", "2025-SP", "publication:2025-07-13"]]
    assert [row[:2] for row in values(text, "")] == [["the autumn of last year", "XXXX-FA"],
                                                      ["the spring of this year", "XXXX-SP"]]


def test_a_season_of_a_year_carries_its_year_and_this_or_last_season_is_unknown_undated():
    text = "Contacts grew in the summer of 2023. In late July a minister came.\n"
    assert values(text, "", "encyclopedia")[1][:2] == ["late July", "2023-07"]
    text = "The treaty was signed in June 2024. Shells arrived this spring and rockets last winter.\n"
    assert [row[:2] for row in values(text, "")][1:] == [["this spring", "XXXX-SP"], ["last winter", "XXXX-WI"]]


def test_a_day_expected_ahead_is_the_next_such_day_and_as_expected_is_no_future():
    assert values("Is Kim expected in Moscow on 9 May?\n", "2025-04-28")[0][1] == "2025-05-09"
    assert values("As expected, the talks ended on 9 May.\n", "2025-04-28")[0][1] == "2024-05-09"


def test_a_month_abbreviated_without_a_full_stop_is_a_month_and_jan_only_before_a_day():
    assert values("KYIV, Jan 13 (Wire) - Talks ended. Shells came on Sept 5.\n", "2025-01-13")[:2] == [
        ["Jan 13", "2025-01-13", "publication:2025-01-13"], ["Sept 5", "2024-09-05", "publication:2025-01-13"]]
    assert values("Jan Lipavsky spoke in Prague.\n", "2025-01-13") == []


def test_a_month_in_capitals_is_a_month_and_may_or_march_only_before_a_number():
    assert [row[:2] for row in values("PRESS STATEMENT\nAPRIL 30, 2024\n\nMOSCOW, MAY 5 - Talks ended.\n",
                                      "2024-05-06")] == [["APRIL 30, 2024", "2024-04-30"], ["MAY 5", "2024-05-05"]]
    assert values("TROOPS MAY MARCH ON\n", "2024-05-06") == []


def test_a_future_word_reaches_no_further_than_its_clause_and_due_in_looks_ahead():
    sentence = ("The bridge is expected to be completed next year, and on Tuesday the first train left Moscow. "
                "Putin is due in Beijing on Friday.\n")
    assert [row[:2] for row in values(sentence, "2025-06-19")] == [
        ["next year", "2026"], ["Tuesday", "2025-06-17"], ["Friday", "2025-06-20"]]


def test_a_day_written_as_an_ordinal_is_a_day_of_the_month_told_before():
    assert [row[:2] for row in values("On 3 March a ship left Rajin. On the 11th, it sailed again. They came from the "
                                      "11th Corps. It was the 70th anniversary.\n", "2025-03-20")] == [
        ["3 March", "2025-03-03"], ["the 11th", "2025-03-11"]]
    assert values("On the 11th, it sailed.\n", "2025-03-20") == []  # no month told: no day
    assert [row[:2] for row in values("Shoigu arrived on Tuesday 25th July and left on the 28th of July.\n",
                                      "2023-07-28")] == [["Tuesday 25th July", "2023-07-25"], ["28th of July", "2023-07-28"]]


def test_half_a_unit_is_a_duration_of_one_unit():
    assert [row[:2] for row in values("It ended half a year of silence; talks took half an hour.\n", "2025-07-13")] == [
        ["half a year", "P0.5Y"], ["half an hour", "PT0.5H"]]


def test_half_years_and_durations_with_a_half():
    text = ("In the first half of the year trade grew; in the second half of 2023 it fell, as in the first "
            "half of last year. The flight took about three and a half hours, the visit a single month.\n")
    assert values(text, "2025-07-13") == [
        ["the first half of the year", "2025-H1", "publication:2025-07-13"], ["the second half of 2023", "2023-H2", ""],
        ["the first half of last year", "2024-H1", "publication:2025-07-13"],
        ["about three and a half hours", "PT3.5H", ""], ["a single month", "P1M", ""]]
    assert values("In the first half of the year trade grew.\n", "")[0][1] == "XXXX-H1"
    assert calendar_days("2024-H2") == (dt.date(2024, 7, 1), dt.date(2024, 12, 31))


def test_a_part_of_the_day_after_a_day_named_is_that_day_or_the_next():
    text = "On 25 April 2019 Kim met Putin. The same evening he left. The following morning he came back.\n"
    assert values(text, "2019-04-30") == [["25 April 2019", "2019-04-25", ""],
                                          ["The same evening", "2019-04-25", "previous:2019-04-25"],
                                          ["The following morning", "2019-04-26", "previous:2019-04-25"]]
    assert values("That night it rained.\n", "")[0][1] == "XXXX-XX-XX"


def test_since_then_is_the_date_told_before_with_its_bound():
    text = "The treaty was signed in June 2024. Since then, trade grew. Back then it was small.\n"
    table = values(text, "2025-03-10")
    assert table == [["June 2024", "2024-06", ""], ["Since then", "2024-06", "previous:2024-06"]]
    assert values("Since then, trade grew.\n", "2025-03-10") == []  # nothing told before: no date


def test_every_pattern_matches_only_where_one_of_its_triggers_occurs():
    """The cheap triggers skip patterns for speed; they must never skip a match."""
    import re
    from pathlib import Path

    from partnership.annotate.timexes import RULE_TRIGGERS, TRIGGERS

    finder = TimexFinder()
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path("data/evaluation/texts").glob("*.txt"))]
    sentences = [s for text in texts for s in re.split(r"(?<=[.?!])\s+|\n+", text) if s.strip()]
    sentences += ["Three days later, and two weeks prior", "earlier in the day", "in the 1990s", "in 2024–25",
                  "the first half of 2024", "the second half of the year", "a decade ago", "1950–53"]
    matched = 0
    for sentence in sentences:
        present = {name for name, trigger in TRIGGERS.items() if trigger.search(sentence)}
        for rule, pattern in finder.patterns:
            if pattern.search(sentence):
                matched += 1
                assert RULE_TRIGGERS[rule] & present, (rule, sentence)
    assert matched > 500


def test_patterns_find_the_same_matches_with_the_word_start_lookahead():
    """Every pattern begins at a word boundary followed by a word character: saying so (for speed)
    finds exactly the matches of the bare boundary; a modifier phrase that opens otherwise turns it off."""
    import re
    from pathlib import Path

    import pandas as pd

    from partnership.annotate.timexes import load_modifiers

    finder = TimexFinder()
    assert all(p.pattern.startswith(r"\b(?=\w)") for _, p in finder.patterns)
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path("data/evaluation/texts").glob("*.txt"))]
    sentences = [s for text in texts for s in re.split(r"(?<=[.?!])\s+|\n+", text) if s.strip()]
    sentences += ["ſince ſeptember", "KELVIN \u212aelvin", "early-mid May 2024", "-since June", "٣ May"]
    for rule, pattern in finder.patterns:
        bare = re.compile(r"\b" + pattern.pattern[len(r"\b(?=\w)"):])
        for sentence in sentences:
            assert [m.span() for m in pattern.finditer(sentence)] == [m.span() for m in bare.finditer(sentence)]
    modifiers = load_modifiers()
    odd = pd.concat([modifiers, pd.DataFrame([{"phrase": "~", "mod": "APPROX", "applies_to": "amount", "note": ""}])])
    assert not any(p.pattern.startswith(r"\b(?=\w)") for _, p in TimexFinder(odd).patterns)


def test_anchored_patterns_find_what_finditer_finds():
    """Month and weekday patterns are tried only at the word starts just before a month or weekday
    (for speed); they must find exactly the matches of a scan of the whole sentence."""
    import re
    from pathlib import Path

    from partnership.annotate.anchored import matches_from
    from partnership.annotate.timexes import ANCHORED, TRIGGERS

    finder = TimexFinder()
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path("data/evaluation/texts").glob("*.txt"))]
    sentences = [s for text in texts for s in re.split(r"(?<=[.?!])\s+|\n+", text) if s.strip()]
    sentences += ["since the beginning of  the end of  May 3, 2024", "until early -  - mid-March", "Mayor May",
                  "between March 3 and May 4, 2024 and between June 1 and July 2", "Monday,   3  March 2024",
                  "on Monday, March 3rd, and since late last Friday", "3 MayMay 4", "the 3rd of May",
                  "ſince ſeptember, ſince September", "10 September 2024-5 October 2024", "in\u00a0March"]
    matched = 0
    for rule, pattern in finder.patterns:
        if rule not in ANCHORED:
            continue
        for sentence in sentences:
            starts = finder._starts_near(sentence, TRIGGERS[ANCHORED[rule]])
            expected = [m.span() for m in pattern.finditer(sentence)]
            assert [m.span() for m in matches_from(pattern, sentence, starts)] == expected, (rule, sentence)
            matched += len(expected)
    assert matched > 300


def test_patterns_with_rule_words_match_only_where_one_of_them_occurs():
    """RULE_WORDS skip a pattern for speed where none of its words occurs; they must never skip a match."""
    import re
    from pathlib import Path

    from partnership.annotate.timexes import RULE_WORDS

    finder = TimexFinder()
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path("data/evaluation/texts").glob("*.txt"))]
    sentences = [s for text in texts for s in re.split(r"(?<=[.?!])\s+|\n+", text) if s.strip()]
    sentences += ["the first half of 2024", "THE SECOND HALF OF THE YEAR", "over the past three years",
                  "the Coming year", "the previous month", "The Next decade", "in the last week"]
    matched = 0
    for rule, pattern in finder.patterns:
        for sentence in sentences:
            if rule in RULE_WORDS and pattern.search(sentence):
                matched += 1
                assert any(w in sentence.lower() for w in RULE_WORDS[rule]), (rule, sentence)
    assert matched >= 7


def test_quarters_of_a_year_told_counted_or_written_short():
    text = ("Shipments rose this quarter. In the first quarter of 2024 they fell; Q3 2023 was busier. "
            "Trade fell in the third quarter. In the last quarter it rose, but more than a quarter of shells failed.\n")
    assert values(text, "2023-10-16") == [
        ["this quarter", "2023-Q4", "publication:2023-10-16"], ["the first quarter of 2024", "2024-Q1", ""],
        ["Q3 2023", "2023-Q3", ""], ["the third quarter", "2023-Q3", "previous:2023"],
        ["the last quarter", "2023-Q3", "publication:2023-10-16"]]
    assert calendar_days("2024-Q2") == (dt.date(2024, 4, 1), dt.date(2024, 6, 30))
    assert values("Trade fell in the third quarter.\n", "")[0][1] == "XXXX-Q3"


def test_the_week_before_a_week_told_is_the_week_before_that_one():
    text = "Just a week ago, Putin did not deny them. Diplomats dismissed the reports the week before.\n"
    assert values(text, "2024-10-31") == [["a week ago", "2024-W43", "publication:2024-10-31"],
                                          ["the week before", "2024-W42", "previous:2024-W43"]]


def test_a_date_opening_its_sentence_takes_the_main_verbs_tense_and_is_to_looks_ahead():
    assert values("On 1 November, Lavrov will hold talks with Choe.\n", "2024-10-30")[0][1] == "2024-11-01"
    assert values("On 1 November, Lavrov held talks with Choe.\n", "2024-10-30")[0][1] == "2023-11-01"
    assert values("The resort is to receive its first guests on 1 July.\n", "2025-06-17")[0][1] == "2025-07-01"
    assert values("The next round is to be held on 1 July.\n", "2025-06-17")[0][1] == "2025-07-01"
    assert values("The last round was held on 1 July.\n", "2025-06-17")[0][1] == "2024-07-01"
    assert values("The meeting, to be held in Pyongyang in mid-November, matters.\n", "2024-11-01")[0][1] == "2024-11"


def test_a_range_of_days_written_with_to_or_and_is_two_days():
    assert [row[:2] for row in values("Shoigu visited from 25 to 27 July 2023; Lavrov on 11 and 13 July 2025.\n",
                                      "2025-08-01")] == [["25", "2023-07-25"], ["27 July 2023", "2023-07-27"],
                                                         ["11", "2025-07-11"], ["13 July 2025", "2025-07-13"]]
    assert [row[1] for row in values("Between 5 and 10 ships left in July.\n", "2025-08-01")] == ["2025-07"]


def test_june_and_july_abbreviated_without_a_stop_are_months_only_before_a_number():
    assert [row[:2] for row in values("He was born on 22 Jul 1975; Park Jun-ho spoke.\n", "2024-11-01")] == [
        ["22 Jul 1975", "1975-07-22"]]


def test_a_week_after_a_count_is_a_rate_not_a_duration():
    finder = TimexFinder()
    found = lambda s: [(r["text"], r["value"]) for r in finder.find(s, Published.parse("2024-03-22"), Running())]
    assert found("Flights rose from two to four a week.") == []
    assert found("One train a week went to Rajin.") == []
    assert found("The three leaders met for a week.") == [("a week", "P1W")]


def test_last_night_a_decade_with_its_part_and_no_year_inside_a_documents_number(tmp_path):
    from tests.conftest import write_raw
    from partnership.corpus import load_corpus
    from partnership.annotate.timexes import find_timexes

    raw = write_raw(tmp_path / "raw", {"a.txt": "Zed launched a rocket last night. It was built in the mid-1980s "
                                                "under Regulation (EU) No 269/2014.\n"},
                    rows=[{"file": "a.txt", "published": "2023-11-22"}])
    table = find_timexes(load_corpus(raw))
    assert table[["text", "value"]].values.tolist() == [["last night", "2023-11-21"], ["the mid-1980s", "198"]]


def undated_timexes(tmp_path, text):
    """The timexes table of one undated text."""
    raw = write_raw(tmp_path / "raw", {"a.txt": text}, rows=[{"file": "a.txt", "published": ""}])
    return find_timexes(load_corpus(raw))


def test_an_undated_text_takes_the_one_year_its_heading_names(tmp_path):
    text = ("ZEDLAND IN 2031\n\nThe border, closed in March 2028, reopened in late summer; talks began on 4 May.\n\n"
            "Trade doubled on the figure of the preceding year, and by year's end the mission was open. "
            "In 2029, on 9 June, a first train ran.\n")
    table = undated_timexes(tmp_path, text)
    assert table[["text", "value", "anchor"]].values.tolist() == [
        ["2031", "2031", ""],
        ["March 2028", "2028-03", ""],
        ["late summer", "2031-SU", "text year:2031"],
        ["4 May", "2031-05-04", "text year:2031"],
        ["the preceding year", "2030", "previous:2031-05-04"],
        ["year's end", "2031", "text year:2031"],
        ["2029", "2029", ""],
        ["9 June", "2029-06-09", "previous:2029"],  # a day told with a year alone in its sentence is that year's
    ]


def test_an_undated_text_counts_its_year_from_a_dated_day_years_back(tmp_path):
    table = undated_timexes(tmp_path, "ZEDGRAD, June 19 - A year ago, on June 19, 2030, the pact was signed. "
                                      "Talks resumed on March 21 this year.\n")
    assert table[["text", "value"]].values.tolist() == [
        ["June 19", "2031-06-19"], ["A year ago", "2030"], ["June 19, 2030", "2030-06-19"],
        ["March 21 this year", "2031-03-21"]]
    # two counts that disagree fix no year
    table = undated_timexes(tmp_path / "b", "A year ago, on 9 May 2030, and two years ago, in 2025, talks began on 4 May.\n")
    assert not table["anchor"].str.startswith("text year").any()


@pytest.mark.parametrize("heading", ["Zedland relations (2028–2031)\n", "Zedland since 2028\n",
                                     "A first sentence names 2031 and ends with a full stop.\n"])
def test_a_range_a_bound_or_a_sentence_names_no_year_of_the_text(tmp_path, heading):
    table = undated_timexes(tmp_path, heading + "\nTalks began on 4 May.\n")
    assert not table["anchor"].str.startswith("text year").any()


def test_a_juche_date_is_read_and_fixes_an_undated_texts_year(tmp_path):
    text = ("On Thursday the leader received the delegation. The day before, it had arrived.\n\n"
            "On April 15, Juche 120 (2031), a message came. \"Today we stand together,\" it said; "
            "the treaty was signed last year and the troops served from last autumn into this spring.\n")
    table = undated_timexes(tmp_path, text)
    assert table[["text", "value"]].values.tolist() == [
        ["Thursday", "2031-WXX-4"], ["The day before", "2031-WXX-3"], ["April 15, Juche 120", "2031-04-15"],
        ["2031", "2031"], ["Today", "2031-XX-XX"], ["last year", "2030"], ["last autumn", "2030-FA"],
        ["this spring", "2031-SP"]]


def test_the_day_before_a_weekday_of_no_known_date_is_the_weekday_before(finder):
    state = Running()
    finder.find("On Saturday the minister arrived.", Published(), state)
    assert [(r["text"], r["value"]) for r in finder.find("The day before, talks had begun.", Published(), state)] \
        == [("The day before", "XXXX-WXX-5")]


@pytest.mark.parametrize("sentence, published, narrative, expected", [
    ("The line will open before the end of the year.", "2024-05-03", False, ("before the end of the year", "2024")),
    ("Nothing had changed by year's end.", "2024-05-03", False, ("year's end", "2024")),
    ("Nothing had changed by year's end.", "", False, ("year's end", "XXXX")),
])
def test_the_end_of_the_year_is_the_year_of_the_text(finder, sentence, published, narrative, expected):
    rows = finder.find(sentence, Published.parse(published), Running(narrative=narrative))
    assert [(r["text"], r["value"]) for r in rows] == [expected]


@pytest.mark.parametrize("sentence, value", [
    ("The total could reach 10,000 by December.", "2024-12"),
    ("The mandate ends on 30 April.", "2025-04-30"),
    ("The sides agreed to meet again in December.", "2024-12"),
    ("Workers must be sent home by 22 December.", "2024-12-22"),
    ("Pyongyang would have to send more troops by December.", "2024-12"),
    ("The troops could have arrived in December.", "2023-12"),  # "could have": a past possibility
])
def test_a_modal_a_deadline_or_a_scheduled_present_looks_ahead(finder, sentence, value):
    published = "2025-04-18" if "April" in sentence else "2024-10-28"
    assert [r["value"] for r in finder.find(sentence, Published.parse(published), Running())] == [value]


@pytest.mark.parametrize("published, value", [("2024-06-16", "2023-SU"), ("2024-10-02", "2024-SU"),
                                              ("2024-01-16", "2023-SU")])
def test_last_summer_is_the_summer_before_the_one_publication_falls_in(finder, published, value):
    rows = finder.find("Shipments have run since last summer.", Published.parse(published), Running())
    assert [r["value"] for r in rows] == [value]


def test_the_first_number_of_a_range_counts_in_the_unit_after_the_second(finder):
    rows = finder.find("They talked for four or five hours, then two to three days passed.", Published(), Running())
    assert [(r["text"], r["value"], r["rule"]) for r in rows] == [
        ("four", "PT4H", "duration_first"), ("five hours", "PT5H", "duration"), ("two", "P2D", "duration_first"),
        ("three days", "P3D", "duration")]


@pytest.mark.parametrize("sentence, published, expected", [
    ("A briefing on 9/13/23 and one on 13/09/2023.", "2023-09-20",
     [("9/13/23", "2023-09-13"), ("13/09/2023", "2023-09-13")]),
    ("Undated: 5/6/24 stays unread, A/RES/78/1 is a code.", "", []),
    ("They met a fortnight ago and talked for two fortnights.", "2024-11-15",
     [("a fortnight ago", "2024-W44"), ("two fortnights", "P4W")]),
    ("Aid comes before the end of the month.", "2025-07-10", [("before the end of the month", "2025-07")]),
    ("Minister 2020–2024, then adviser.", "", [("2020", "2020"), ("2024", "2024")]),
    ("They fired it last year² and more this winter.", "2025-04-10", [("last year", "2024"), ("this winter", "2024-WI")]),
    ("He met Lavrov in January 2024 and again on 1 November that year.", "",
     [("January 2024", "2024-01"), ("1 November that year", "2024-11-01")]),
])
def test_slashed_days_fortnights_parts_of_a_month_and_marked_words(finder, sentence, published, expected):
    rows = finder.find(sentence, Published.parse(published), Running())
    assert [(r["text"], r["value"]) for r in rows if r["value"]] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("If a ceasefire holds from the summer, aid would flow.", [("the summer", "2025-SU")]),
    ("If the guns fall silent, prices fall too.", []),
    ("After the fall of Kabul they met again by fall.", [("fall", "2024-FA")]),
])
def test_a_condition_looks_ahead_and_the_verb_fall_is_no_season(finder, sentence, expected):
    rows = finder.find(sentence, Published.parse("2025-03-24"), Running())
    assert [(r["text"], r["value"]) for r in rows] == expected


def test_earlier_in_the_week_is_the_week_of_publication(finder):
    rows = finder.find("Peskov said earlier in the week that the main event of the week was over, as the week before.",
                       Published.parse("2024-10-18"), Running())
    assert [(r["text"], r["value"]) for r in rows] == [("the week", "2024-W42"), ("the week", "2024-W42"),
                                                        ("the week before", "2024-W41")]
