"""Quantities: numbers with what they count, normalised, on invented sentences."""

import pytest

from partnership.corpus import load_corpus
from partnership.errors import CorpusError
from partnership.annotate.mentions import find_mentions
from partnership.annotate.quantities import QuantityFinder, find_quantities, load_units
from partnership.annotate.timexes import find_timexes
from tests.conftest import write_raw


@pytest.fixture(scope="module")
def finder():
    return QuantityFinder()


def quantities(finder, sentence):
    rows = finder.find(sentence, [])
    for row in rows:
        assert sentence[row["start"]:row["end"]] == row["text"]
    return [(r["text"], r["value"], r["unit"], r["mod"], r["kind"]) for r in rows]


@pytest.mark.parametrize("sentence, expected", [
    ("According to the ministry, over 5,000 troops were moved.",
     [("over 5,000 troops", 5000, "personnel", "MORE_THAN", "personnel")]),
    ("The loan was worth 20 billion dollars.", [("20 billion dollars", 2e10, "USD", "", "money")]),
    ("The loan was worth $3.5 billion.", [("$3.5 billion", 3.5e9, "USD", "", "money")]),
    ("They sent six million rounds of ammunition.", [("six million rounds", 6e6, "rounds", "", "materiel")]),
    ("It fires 152-mm shells.", [("152-mm", 152, "mm", "", "calibre")]),
    ("They hold tens of millions of artillery shells.",
     [("tens of millions of artillery shells", 1e7, "shells", "EQUAL_OR_MORE", "materiel")]),
    ("They sent millions of old rounds.", [("millions of old rounds", 1e6, "rounds", "EQUAL_OR_MORE", "materiel")]),
    ("About 300 containers arrived.", [("About 300 containers", 300, "containers", "APPROX", "materiel")]),
    ("The two leaders met.", [("two leaders", 2, "leaders", "", "count")]),
    # a time of day is no amount
    ("Aired 1700 gmt; the plane landed at almost three in the morning, and at 9 p.m. 300 troops left.",
     [("300 troops", 300, "personnel", "", "personnel")]),
    # odds and fractions in words are shares in percent
    ("We put the odds at roughly one chance in three, and two in 2024 agreed.",
     [("roughly one chance in three", 33.3, "percent", "APPROX", "share")]),
    ("Traffic rose by three-fifths in April; up to a fifth of them left.",
     [("three-fifths", 60.0, "percent", "", "share"), ("up to a fifth", 20.0, "percent", "EQUAL_OR_LESS", "share")]),
    ("It fired half or more of what Russia used.", [("half or more", 50.0, "percent", "EQUAL_OR_MORE", "share")]),
    ("One of the strongest armies.", []),
    # a note's number in brackets is no amount; a table's cell separator ends what a figure counts
    ("Some 3,000 soldiers were sent to the front.[2] Others stayed.",
     [("Some 3,000 soldiers", 3000, "personnel", "APPROX", "personnel")]),
    ("Self-propelled guns | about 120 | Ukrainian officials", [("about 120", 120, "guns", "APPROX", "materiel")]),
    # an adverb in -ly after the counted noun ends it: the noun is "men", not "reportedly"
    ("The 300 men reportedly still in the town were moved.", [("300 men", 300, "men", "", "count")]),
    # a participle with a noun of the lexicon after it describes that noun, as an -ing word does
    ("They shot down 207 fixed-wing unmanned aerial vehicles.",
     [("207 fixed-wing unmanned aerial vehicles", 207, "vehicles", "", "materiel")]),
    # "of" and a determiner between a number and its noun; not when a number follows (a part of a whole), not "one"
    ("The militia killed eight of its fighters, and one of its authors spoke.",
     [("eight of its fighters", 8, "personnel", "", "personnel")]),
    ("Some 4,700 of the roughly 11,000 soldiers were hurt.",
     [("Some 4,700", 4700, "personnel", "APPROX", "personnel"),
      ("roughly 11,000 soldiers", 11000, "personnel", "APPROX", "personnel")]),
    # a number word at the end of another word counts nothing ("threatens", "listens")
    ("A partnership that threatens security, and a leader who listens to him.", []),
    # a range's first end takes the scale written after the second, unless it is larger without it
    ("They shipped between 4.8 and 6.2 million rounds.",
     [("4.8", 4.8e6, "rounds", "", "materiel"), ("6.2 million rounds", 6.2e6, "rounds", "", "materiel")]),
    # a verb in -ss after a plural noun, and any word after an abbreviated unit, end the amount
    ("Now up to five trains pass daily.", [("up to five trains", 5, "trains", "EQUAL_OR_LESS", "count")]),
    ("A line of 54 km goes to the port.", [("54 km", 54, "km", "", "count")]),
    ("They shipped 500 to 2 million rounds.",
     [("500", 500, "rounds", "", "materiel"), ("2 million rounds", 2e6, "rounds", "", "materiel")]),
    ("The vote was 12 to 3, with 40 percent absent.", [("40 percent", 40, "percent", "", "share")]),
    ("There were well over 100 ballistic missile launches.",
     [("well over 100 ballistic missile launches", 100, "launches", "MORE_THAN", "count")]),
    ("Some 11,000 to 12,000 North Korean troops deployed in Kursk.",
     [("Some 11,000", 11000, "personnel", "APPROX", "personnel"),
      ("12,000 North Korean troops", 12000, "personnel", "", "personnel")]),
    ("It sent half a million shells and several thousand sappers.",
     [("half a million shells", 5e5, "shells", "", "materiel"),
      ("several thousand sappers", 1000, "sappers", "EQUAL_OR_MORE", "personnel")]),
    ("Resolutions 1718, 1874 and 2270 and Article 4 bar it; the 1718 Committee met for the 75th time.", []),
    ("The two countries' alliance held, and about 11,000 of the troops stayed.",
     [("two countries'", 2, "states", "", "count"),
      ("about 11,000 of the troops", 11000, "personnel", "APPROX", "personnel")]),
    # a ratio is one share, not two amounts; "other" and "more" stand between a number and its noun; a verb is no noun
    ("If one missile in four fails, they fire two out of three again.",
     [("one missile in four", 25.0, "percent", "", "share"), ("two out of three", 66.7, "percent", "", "share")]),
    ("Trade was worth about $48 million in 2019.", [("about $48 million", 48e6, "USD", "APPROX", "money")]),
    ("Seven other countries and 3,000 more troops joined.",
     [("Seven other countries", 7, "states", "", "count"), ("3,000 more troops", 3000, "personnel", "", "personnel")]),
    ("Some 40 tourists visited.", [("Some 40 tourists", 40, "tourists", "APPROX", "count")]),
    # a scale written short after money; an adjective and an -ing modifier before the counted noun; a singular
    # noun after a plural one counted is no compound
    ("The deal was worth $2.3bn, and €40m more; the road is 5m wide.",
     [("$2.3bn", 2.3e9, "USD", "", "money"), ("€40m", 4e7, "EUR", "", "money")]),
    ("They moved about 10,600 standard shipping containers.",
     [("about 10,600 standard shipping containers", 10600, "containers", "APPROX", "materiel")]),
    ("Ukraine took two North Korean soldiers prisoner, and 12,000 men sent fought.",
     [("two North Korean soldiers", 2, "personnel", "", "personnel"), ("12,000 men", 12000, "men", "", "personnel")]),
    # "or more" / "or fewer" after an amount is its bound (not before a time unit: "three or more years" is a
    # duration); one unit of measure after a modifier is an amount, without one it is not
    ("It lists 100 or more missiles, two or fewer ships and one or more blocked persons for three or more years.",
     [("100 or more missiles", 100, "missiles", "EQUAL_OR_MORE", "materiel"),
      ("two or fewer ships", 2, "ships", "EQUAL_OR_LESS", "count"),
      ("one or more blocked persons", 1, "persons", "EQUAL_OR_MORE", "count")]),
    # Indian English scales, a reference work's "c.", a squared unit; "N times" is how often, no amount
    ("It received lakhs of shells, over 40 lakh shells in all, across c. 30,000 km², and was cited 2,000 times.",
     [("lakhs of shells", 1e5, "shells", "EQUAL_OR_MORE", "materiel"),
      ("over 40 lakh shells", 4e6, "shells", "MORE_THAN", "materiel"), ("c. 30,000 km²", 30000, "km²", "APPROX", "count")]),
    ("The bridge is more than a kilometre long and the depot lies about a mile away; a mile of track remains.",
     [("more than a kilometre", 1, "kilometre", "MORE_THAN", "count"), ("about a mile", 1, "mile", "APPROX", "count")]),
])
def test_quantities(finder, sentence, expected):
    assert quantities(finder, sentence) == expected


def test_dates_durations_and_names_are_not_counted_again(tmp_path):
    text = ("On June 19, 2024, after more than three years, Pyongyang fired a KN-23 and 1,200 shells; "
            "the 2022 invasion went on.\n")
    raw = write_raw(tmp_path / "raw", {"a.txt": text}, rows=[{"file": "a.txt", "published": "2024-07-01"}])
    corpus = load_corpus(raw)
    table = find_quantities(corpus, find_timexes(corpus), find_mentions(corpus))
    assert table[["text", "value", "unit"]].values.tolist() == [["1,200 shells", 1200.0, "shells"]]
    assert corpus.text(table.iloc[0]["doc_id"])[table.iloc[0]["start"]:table.iloc[0]["end"]] == "1,200 shells"


def test_unit_lexicon_kind_is_checked(tmp_path):
    path = tmp_path / "quantity_units.csv"
    path.write_text("word,unit,kind,note\ntroops,personnel,people,\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="line 2: kind 'people' is not one of"):
        load_units(path)


@pytest.mark.parametrize("sentence, figure, expected", [
    ("Analysts say the North may have tens of millions of artillery shells in its depots.",
     "tens of millions of artillery shells", "stockpile"),
    ("Pyongyang has shipped over 5,000 containers of munitions, officials said.", "over 5,000 containers", "transferred"),
    ("Kim promised 2,000 engineers to help rebuild the region.", "2,000 engineers", "pledged"),
    ("The North sent 3,000 troops to the front, Seoul says.", "3,000 troops", "deployed"),
    ("Experts valued the deliveries at 5 billion dollars.", "5 billion dollars", "value"),
    ("About 4,000 soldiers were deployed near the border.", "About 4,000 soldiers", "deployed"),
    ("The two countries held talks in Moscow.", "two countries", "other"),
])
def test_a_figure_says_what_it_counts(sentence, figure, expected):
    finder = QuantityFinder()
    rows = {r["text"]: r for r in finder.find(sentence, [])}
    assert rows[figure]["refers_to"] == expected


@pytest.mark.parametrize("sentence, expected", [
    # a people counted by the registry's plural demonym: soldiers when the sentence sends them
    ("Roughly 11,000 North Koreans were deployed to Kursk.",
     [("Roughly 11,000 North Koreans", 11000, "north koreans", "APPROX", "personnel")]),
    ("About 1,500 Russians visited the resort.", [("About 1,500 Russians", 1500, "russians", "APPROX", "count")]),
    # a clock time is no amount
    ("01:20 GMT – Kim's motorcade arrived. 10:00 GMT – A banquet for 40 guests.",
     [("40 guests", 40, "guests", "", "count")]),
    # people in labour or military service counted by their own noun are personnel (quantity_kinds.csv)
    ("It sent 5,000 military builders and as many as 30,000 labourers.",
     [("5,000 military builders", 5000, "builders", "", "personnel"),
      ("as many as 30,000 labourers", 30000, "labourers", "EQUAL_OR_LESS", "personnel")]),
    ("Some 300 North Korean troops arrived.", [("Some 300 North Korean troops", 300, "personnel", "APPROX", "personnel")]),
    # fractions are shares in percent; a half of a period is not
    ("Roughly half of the shells were duds.", [("Roughly half", 50, "percent", "APPROX", "share")]),
    ("Two-thirds of the rounds failed.", [("Two-thirds", 66.7, "percent", "", "share")]),
    ("In the second half of 2024 trade rose.", []),
    ("Half of the year passed.", []),
    # a vague plural standing alone takes the noun the sentence counts; a possessive is skipped
    ("Ukraine says hundreds have been killed.", [("hundreds", 100, "personnel", "EQUAL_OR_MORE", "personnel")]),
    ("The drill injured dozens of its own people.",
     [("dozens of its own people", 12, "people", "EQUAL_OR_MORE", "count")]),
    ("Thousands of them gathered.", []),
    # a number word standing for its noun takes the noun the sentence counts; "the two" is no amount
    ("Russia fired two dozen missiles, and only two had hit their targets.",
     [("two dozen missiles", 24, "missiles", "", "materiel"), ("two", 2, "missiles", "", "materiel")]),
    ("Kyiv holds two of them.", []),
    # a fraction after a modifier needs no "of"; "half an hour" is no share
    ("Trade rose by more than a quarter in 2025.", [("more than a quarter", 25, "percent", "MORE_THAN", "share")]),
    ("It came in about half an hour.", []),
    # "several" before two scales multiplies them; a distance keeps its unit as written
    ("Payment was put at several hundred million dollars.",
     [("several hundred million dollars", 100_000_000, "USD", "EQUAL_OR_MORE", "money")]),
    # a force's size: "N strong", "a force of N"; "the forces of 12 nations" count nations
    ("A first group, several thousand strong, moved. A force of roughly 1.2 million now fights.",
     [("several thousand", 1000, "personnel", "EQUAL_OR_MORE", "personnel"),
      ("roughly 1.2 million", 1_200_000, "personnel", "APPROX", "personnel")]),
    ("The forces of 12 nations met.", [("12 nations", 12, "states", "", "count")]),
    # a number word joined to a word by a hyphen is an adjective; digits before a unit still count
    ("He suggested the six-party talks format for a 54-kilometre link.", [("54-kilometre", 54, "kilometre", "", "count")]),
    ("Exports shrank to a few million dollars, over a few days.",
     [("a few million dollars", 1_000_000, "USD", "EQUAL_OR_MORE", "money")]),
    # "or so" after an amount makes it rough
    ("A dozen or so deputies and half a dozen or so envoys came.",
     [("A dozen or so deputies", 12, "deputies", "APPROX", "count"), ("half a dozen or so envoys", 6, "envoys", "APPROX", "count")]),
    # an area keeps its "square" or "sq" in the unit
    ("Area: 120,538 sq km (46,540 sq mi); more than 1,000 square kilometres were freed.",
     [("120,538 sq km", 120538, "sq km", "", "count"), ("46,540 sq mi", 46540, "sq mi", "", "count"),
      ("more than 1,000 square kilometres", 1000, "square kilometres", "MORE_THAN", "count")]),
    ("A bridge some 1 kilometre long joins roughly 50 kilometres of track.",
     [("some 1 kilometre", 1, "kilometre", "APPROX", "count"), ("roughly 50 kilometres", 50, "kilometres", "APPROX", "count")]),
    # after a plural noun the codebook lacks, a word in the singular is its verb; "piers" are no people
    ("Its three piers handle coal.", [("three piers", 3, "piers", "", "count")]),
    ("The two had agreed to send troops.", []),
    # a role noun the codebook lacks is personnel only when the sentence sends them or counts soldiers
    ("Pyongyang will send 5,000 builders to Kursk.", [("5,000 builders", 5000, "builders", "", "personnel")]),
    ("The statement was joined by ten partners and read by 13 members.",
     [("ten partners", 10, "partners", "", "count"), ("13 members", 13, "members", "", "count")]),
    ("The train carried up to 2,850 passengers.",
     [("up to 2,850 passengers", 2850, "passengers", "EQUAL_OR_LESS", "count")]),
    # prisoners are soldiers counted by what happened to them, whatever the sentence says
    ("Kyiv said it held two prisoners.", [("two prisoners", 2, "prisoners", "", "personnel")]),
    # a range written with a dash counts like one written with "to"; a vague amount may close its clause
    ("The North was sending 11,000–12,000 troops.",
     [("11,000", 11000, "personnel", "", "personnel"), ("12,000 troops", 12000, "personnel", "", "personnel")]),
    ("North Korean shells run to hundreds of thousands, analysts say.",
     [("hundreds of thousands", 100000, "shells", "EQUAL_OR_MORE", "materiel")]),
])
def test_people_fractions_and_vague_amounts(finder, sentence, expected):
    assert quantities(finder, sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # an acronym before the noun names whose it is, even when it spells a function word ("US")
    ("Russia paid more than 12 billion US dollars for the shells.",
     [("more than 12 billion US dollars", 1.2e10, "USD", "MORE_THAN", "money")]),
    # an irregular past form is the verb, not the noun counted: the sentence's noun is left out
    ("Pyongyang had 12,000 soldiers; roughly 8,000 fought in Kursk.",
     [("12,000 soldiers", 12000, "personnel", "", "personnel"), ("roughly 8,000", 8000, "personnel", "APPROX", "personnel")]),
    ("They counted 2 mice.", [("2 mice", 2, "mice", "", "count")]),
    # a participle before an acronym is an adjective of the noun after them, not the verb
    ("It was investigating 58 suspected DPRK cyberattacks.", [("58 suspected DPRK cyberattacks", 58, "cyberattacks", "", "count")]),  # a plural without -s is no verb
    # pieces of what the word before them names: a weapon category or a lexicon noun
    ("It sent around 200 long-range artillery pieces.",
     [("around 200 long-range artillery pieces", 200, "pieces", "APPROX", "materiel")]),
    ("He listed 3 policy items.", [("3 policy items", 3, "items", "", "count")]),
    # a participle of the lexicon after the noun describes it ("men killed"); alone it is what is counted
    ("They lost close to 4,000 men killed and wounded; some 300 killed.",
     [("close to 4,000 men", 4000, "men", "APPROX", "personnel"), ("some 300 killed", 300, "personnel", "APPROX", "personnel")]),
    # "one" with a modifier is an amount; alone it is an article or a pronoun
    ("The column stretched roughly one kilometre; one side left.",
     [("roughly one kilometre", 1, "kilometre", "APPROX", "count")]),
    # numbers joined by a slash are a caption's place in a gallery, a date or a fraction, no amounts
    ("5/9 Workers unload 40 containers at the 24/7 depot.", [("40 containers", 40, "containers", "", "materiel")]),
    # a currency's code before the number is money; a short scale counts what the lexicon names; letters right
    # before a number make it an identifier
    ("Oil worth USD 20 billion and more than 1m barrels left on the Amur (IMO 9043811), not the 5m mark.",
     [("USD 20 billion", 2e10, "USD", "", "money"), ("more than 1m barrels", 1e6, "barrels", "MORE_THAN", "materiel")]),
])
def test_acronyms_irregular_verbs_and_classifiers(finder, sentence, expected):
    assert quantities(finder, sentence) == expected


def quantities_of_text(tmp_path, text, published):
    """The quantities table of a one-article corpus (the sentences before a number are read too)."""
    raw = write_raw(tmp_path / "raw", {"a.txt": text}, rows=[{"file": "a.txt", "published": published}])
    corpus = load_corpus(raw)
    return find_quantities(corpus, find_timexes(corpus), find_mentions(corpus))


def test_a_bare_amount_counts_what_the_sentences_before_counted(tmp_path):
    text = ("Are there 10,000 North Korean troops in Russia? Do you have a number?\n\n"
            "Roughly 8,000 of them are in Kursk. Fighting went on; 2,371 were listed in 2024.\n")
    table = quantities_of_text(tmp_path, text, "2024-11-01")
    # "of them" stands for the troops two sentences back; a plain number that stands for nothing borrows nothing
    assert table[["text", "unit", "kind"]].values.tolist() == [
        ["10,000 North Korean troops", "personnel", "personnel"], ["Roughly 8,000", "personnel", "personnel"]]


def test_a_bare_amount_counts_what_the_sentence_before_counted_and_a_capital_ends_the_noun(tmp_path):
    text = ("North Korea has sent troops to Russia. Estimates are in the range of 8,000 to 12,000.\n"
            "The roughly 11,000 troops Seoul believes were sent fought in 2024.\n")
    table = quantities_of_text(tmp_path, text, "2025-01-01")
    assert table[["text", "value", "unit"]].values.tolist() == [
        ["8,000", 8000.0, "personnel"], ["12,000", 12000.0, "personnel"], ["roughly 11,000 troops", 11000.0, "personnel"]]


def test_a_people_counted_by_demonym_are_the_workers_or_troops_the_sentence_before_counted(tmp_path):
    text = ("Resolution 2397 requires all North Korean workers abroad to be sent home. About 11,000 North Koreans "
            "still held work permits.\nTour operators say 1,500 Russians visited Wonsan.\n")
    rows = quantities_of_text(tmp_path, text, "2024-05-01")
    assert rows[["text", "unit", "kind"]].values.tolist() == [
        ["About 11,000 North Koreans", "north koreans", "personnel"], ["1,500 Russians", "russians", "count"]]


def test_a_list_row_counts_what_its_header_counts(tmp_path):
    text = ("North Korean containers shipped to Russia, by month:\nSeptember 2023: about 1,100\n"
            "October 2023: about 2,300\nNovember 2023: about 1,900\nDecember 2023: about 1,200\n")
    table = quantities_of_text(tmp_path, text, "2024-04-18")
    assert table[["text", "unit"]].values.tolist() == [["about 1,100", "containers"], ["about 2,300", "containers"],
                                                       ["about 1,900", "containers"], ["about 1,200", "containers"]]


def test_a_bracketed_short_form_between_a_document_noun_and_its_number(tmp_path):
    from partnership.annotate.documents import DocumentNumbers
    text = "taken pursuant to Executive Order (E.O.) 14024. It fired (disputed) 300 shells"
    numbers = DocumentNumbers()
    assert numbers.at(text, text.index("14024"), text.index("14024") + 5)
    assert not numbers.at(text, text.index("300"), text.index("300") + 3)


def test_the_patterns_tried_near_numbers_find_what_a_full_scan_finds(finder):
    """For speed the amount and ratio patterns are tried only at the word starts just before a digit,
    a number word or a currency sign; they must find exactly what ``finditer`` finds over the sentence."""
    import re
    from pathlib import Path

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path("data/evaluation/texts").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(Path("data/raw").glob("*.txt"))]
    sentences = [s for text in texts for s in re.split(r"(?<=[.?!])\s+|\n+", text) if s.strip()]
    sentences += ["in excess of US$ a few million, well over a third of them", "as many as KRW 1.2 trillion",
                  "upwards of several hundred thousand, just under two-thirds", "one in three; two out of every five",
                  "some €5bn and about £20 m", "ſeveral thouſand troops, about ſome 3,000", "3,000-4,000 troops",
                  "roughly one chance in three", "dozens of dozens", "half a million", "at most a dozen or so"]
    matched = 0
    for pattern in (finder.pattern, finder.ratio):
        for sentence in sentences:
            expected = [m.span() for m in pattern.finditer(sentence)]
            assert [m.span() for m in finder._matches(pattern, sentence)] == expected, sentence
            matched += len(expected)
    assert matched > 1000


def test_a_bare_figure_inside_a_clause_counts_what_the_text_last_counted(tmp_path):
    text = ("Q: Seoul speaks of some 11,000 troops. What number do you use?\n\n"
            "A: I will not speculate. I would not go further than that.\n\n"
            "A: The estimates we work with are in the range of 8,000 to 12,000. Freight costs roughly four times "
            "the old rate. At least three.\n")
    table = quantities_of_text(tmp_path, text, "2024-11-01")
    # the troops three sentences back; a multiplier and a small figure opening its clause borrow nothing
    assert table[["text", "value", "unit", "kind"]].values.tolist() == [
        ["some 11,000 troops", 11000, "personnel", "personnel"], ["8,000", 8000, "personnel", "personnel"],
        ["12,000", 12000, "personnel", "personnel"]]
