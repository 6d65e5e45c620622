"""Mentions: registry forms found and linked by rule, on invented articles and on the corpus."""

import pytest

from partnership.corpus import load_corpus
from partnership.annotate.mentions import find_mentions, unlinked_names
from tests.conftest import write_raw


def mentions_of(tmp_path, text, published=""):
    raw = write_raw(tmp_path / "raw", {"a.txt": text}, rows=[{"file": "a.txt", "published": published}])
    corpus = load_corpus(raw)
    table = find_mentions(corpus)
    for row in table.itertuples():
        assert corpus.text(row.doc_id)[row.start:row.end] == row.text
    return table


def test_every_capitalised_name_in_the_articles_is_accounted_for():
    mentions = find_mentions(load_corpus())
    assert unlinked_names(mentions)["text"].tolist() == []
    assert (mentions["rule"].str.startswith("ambiguous")).sum() == 0


def test_an_unknown_name_is_kept_unlinked_and_listed_with_its_title_as_role(tmp_path):
    table = mentions_of(tmp_path, "Putin met Ambassador Zorina Vell in Moscow on Friday.\n")
    assert unlinked_names(table)[["text", "role"]].values.tolist() == [["Zorina Vell", "Ambassador"]]
    unlinked = table[table["form"] == "unlinked"].iloc[0]
    assert unlinked["entity_id"] == "" and unlinked["sent_id"] == 1


def test_hyphenated_unknown_name_is_one_run(tmp_path):
    table = mentions_of(tmp_path, "Envoy Park Ji-won spoke.\n")
    assert unlinked_names(table)[["text", "role"]].values.tolist() == [["Park Ji-won", "Envoy"]]


def test_a_hyphenated_korean_given_name_before_the_surname_is_one_run(tmp_path):
    table = mentions_of(tmp_path, "The paper by Joon-ho Baek and Ji-won Park was read by the Anti-war Ollis Group.\n")
    assert unlinked_names(table)["text"].tolist() == ["Joon-ho Baek", "Ji-won Park", "Ollis Group"]


@pytest.mark.parametrize("text, names", [
    ("National Security Advisor Zed Ollis spoke.\n", [["Zed Ollis", "National Security Advisor"]]),
    ("Thank you. Specifically, Inviting them was wise.\n", []),  # sentence openers, not names
    # an adjective or adverb opening a line or a bracket is a word, not a name
    ("Notes\n\n[Provisional translation]\n\nMutual aid clause — an article.\nOperational-tactical jets flew.\n", []),
    # shipping copy marks a ship's name by its flag or its IMO number: ships are no names here
    ("The Panama-flagged Zed Ollis and the Vell Ostra 7 (IMO 9187344) docked. Zed Ollis left.\n",
     [["Panama", ""]]),
    # an institution owned by another is a name of its own; a person "of" a body is two names
    ("The Treasury's Office of Foreign Assets Control heard Park Hyun-woo of the Vell Policy Forum.\n",
     [["Office of Foreign Assets Control", ""], ["Park Hyun-woo", ""], ["Vell Policy Forum", ""]]),
    # a one-word heading run into its paragraph is no name
    ("Notes\n\nDiplomacy. The first sign came.\nArms. Zed Ollis met Vell Ostra.\n", [["Zed Ollis", ""], ["Vell Ostra", ""]]),
    # an identifier (capitals, then digits) and the acronym naming its kind are no names
    ("Asked by Zed Ollis (UIN HL6981), tabled on Monday.\n", [["Zed Ollis", ""]]),
    # a peer's name runs on over "of" and the territorial designation; a person "of" a body does not
    ("Lord Alton of Liverpool asked His Majesty's Government. Zed Ollis of the Vell Forum answered. His aide left.\n",
     [["Alton of Liverpool", "Lord"], ["His Majesty's Government", ""], ["Zed Ollis", ""], ["Vell Forum", ""]]),
    # weekdays in a heading's capitals are no names; a byline's "Reporter" is a title
    ("WEEK PLANS\n\nMONDAY, JUNE 17\n\nTUESDAY-WEDNESDAY, JUNE 18-19\n\nReporter Zed Ollis wrote it.\n",
     [["Zed Ollis", "Reporter"]]),
    # a demonym between two words of a name belongs to it
    ("The Association of Southeast Asian Nations and the Journal of East Asian Affairs met.\n",
     [["Association of Southeast Asian Nations", ""], ["Journal of East Asian Affairs", ""]]),
    # a name opening a line may begin with a past participle ("Invented Daily", like "United Nations")
    ("Q: Invented Daily, please. Thank you.\n", [["Invented Daily", ""]]),
    # a time zone after a clock time is no name
    ("01:20 GMT – The talks began. At 9:05 UTC, they ended.\n", []),
    # capitalised words filling brackets are one name, a dateline's agency, even when the first is a verb form
    ("SEOUL, April 28 (Invented Wire) – The talks ended. (Inviting them) was wise.\n", [["Invented Wire", ""]]),
    ("Russia Hails Friendship With Pyongyang\nThe talks ended.\n", []),  # a title-case headline
    # an official name may list its subjects with "and" and commas
    ("Aid follows the Refugees Protection and Settlement Support Act. Zed Ollis and Vell Ostra met.\n",
     [["Refugees Protection and Settlement Support Act", ""], ["Zed Ollis", ""], ["Vell Ostra", ""]]),
    # an opener the text also writes in lower case is a word, not a name
    ("Trade and economic ties grew.\n\nEconomic ties\n\nEconomic aid rose. Zed Ollis said so.\n", [["Zed Ollis", ""]]),
    ("The Treaty and the Ministry spoke of Member States.\n", []),  # common nouns with capitals
    ("The Korean War ended; the 1718 Committee met in Northeast Asia.\n",
     [["Korean War", ""], ["1718 Committee", ""], ["Northeast Asia", ""]]),
    ("JCS Spokesperson Col. Vell Ostra said so, as did the minister of National Defence.\n",
     [["JCS", ""], ["Vell Ostra", "Spokesperson Col."]]),
    ("The UN Charter and the Security Service of Ukraine were cited.\n",
     [["UN Charter", ""], ["Security Service of Ukraine", ""]]),
    # an institution after "<title> of the" is a name; a demonym before an institution's name is part of it
    ("The chief of the Naval Staff met the head of the Planning Committee.\n", [["Naval Staff", ""], ["Planning Committee", ""]]),
    ("Units of the Ukrainian Border Forces withdrew.\n", [["Ukrainian Border Forces", ""]]),
    # hyphens: a place joined by a lower-case word, a demonym pair before an institution, and the
    # first half of a compound with a registry word ("Russo-Ukrainian") is no name
    ("Zed Ollis toured Ostrov-on-Vell and the Russian-Korean Planning Commission. The Russo-Ukrainian war went on.\n",
     [["Zed Ollis", ""], ["Ostrov-on-Vell", ""], ["Russian-Korean Planning Commission", ""]]),
    # "of the <demonym>" that begins another name is not taken in: two names, never overlapping
    ("He was Chief of the General Staff of the Russian Armed Forces.\n",
     [["General Staff", ""], ["Russian Armed Forces", ""]]),
    # an office named with "for" after its body, and its second field after "and", is no name; a kind of
    # place in lower case belongs to the place's name
    ("Zed Ollis met the High Representative of the European Union for Foreign Affairs and Security Policy at the Vell river.\n",
     [["Zed Ollis", ""], ["Vell river", ""]]),
    # the kind of facility in lower case, with at most one word before it, belongs to the facility's name;
    # not after a name that already ends in its kind
    ("Zed Ollis toured the Vellino airfield, the Ostra aircraft plant and the Tumen River bridge.\n",
     [["Zed Ollis", ""], ["Vellino airfield", ""], ["Ostra aircraft plant", ""], ["Tumen River", ""]]),
    # a department owning a division is two names; "General" opening a body's name is no title; bodies listed
    # with "and the" are not one name's subjects; a person "for" a place is two names
    ("The Justice Department’s National Security Division thanks the Vell Department's Bureau of Industry and "
     "Security, the Office of Ostra Control, Zed Investigations and the Ministry of Vell.\n",
     [["Justice Department", ""], ["National Security Division", ""], ["Vell Department", ""],
      ["Bureau of Industry and Security", ""], ["Office of Ostra Control", ""], ["Zed Investigations", ""],
      ["Ministry of Vell", ""]]),
    ("Jong Kyong Thaek, director of the General Political Bureau, met Assistant U.S. Attorney Zed Ollis for the "
     "District of Ostra and Assistant Secretary for Counter Threat Finance Elena Marsh.\n",
     [["Jong Kyong Thaek", ""], ["General Political Bureau", ""], ["Zed Ollis", "Attorney"],
      ["District of Ostra", ""], ["Elena Marsh", "Assistant Secretary for Counter Threat Finance"]]),
    # a sanctions list: surname in capitals, a comma, the given names; labels are no names; a house number is
    # no part of the street; a company's abbreviated legal form keeps its full stop
    ("ZEDOV, Oleg Igorevich, DOB 22 Jul 1975; Gender Male; owner of a firm (a.k.a. VELL TRADING CO.), 27 Ulitsa Ostrava.\n",
     [["ZEDOV, Oleg Igorevich", ""], ["VELL TRADING CO.", ""], ["Ulitsa Ostrava", ""]]),
    # a hyphenated Korean given name whose first part is also a word; a surname in capitals before one
    ("Chairman Han Do-won met RI Kwang-chol. ZEDA, June 3 (Wire) - Talks began.\n",
     [["Han Do-won", "Chairman"], ["RI Kwang-chol", ""], ["ZEDA", ""]]),
    # two places joined by an en dash before a facility's kind name the facility; without one, two places
    ("Zed Ollis crossed the Vellino–Ostra road bridge near the Vellino–Ostra rail crossing.\n",
     [["Zed Ollis", ""], ["Vellino–Ostra road bridge", ""], ["Vellino", ""], ["Ostra", ""]]),
    # a month abbreviated without a full stop is no name; "Jan" may still begin one
    ("KYIV, Jan 13 (Wire) - Jan Lipavsky met Zed Ollis on Nov 4.\n", [["Jan Lipavsky", ""], ["Zed Ollis", ""]]),
    # a work's title in quotation marks after "titled" is no name
    ('Zed Ollis released a report titled "Unlawful Military Cooperation Between Two States".\n', [["Zed Ollis", ""]]),
    # the initials after a place and a comma are part of the place ("Washington, D.C.")
    ("Zed Ollis spoke in Washington, D.C. on Monday.\n", [["Zed Ollis", ""]]),
    # a person closing the end of an office's title after "and": the person alone ("Vell Ostra")
    ("Zed Ollis met the Minister of Natural Resources and Ecology Vell Ostra.\n", [["Zed Ollis", ""], ["Vell Ostra", ""]]),
    # the whole office before the person, its field after "of": the office is the person's role
    ("Zed Ollis met Minister of Natural Resources Vell Ostra.\n",
     [["Zed Ollis", ""], ["Vell Ostra", "Minister of Natural Resources"]]),
    # a title with its field after "for" and no person after it is an office, no name
    ("By Zed Ollis, Senior Fellow for East European Security, Vell Institute for Strategic Studies.\n",
     [["Zed Ollis", ""], ["Vell Institute for Strategic Studies", ""]]),
    # a one-letter surname before a two-part given name belongs to the name; "A" and "I" do not
    ("Present were O Su Yong and Zed Ollis. A Vell Ostra official left.\n",
     [["O Su Yong", ""], ["Zed Ollis", ""], ["Vell Ostra", ""]]),
    # a person named in full, then by surname alone, even after a quotation
    ('Lawmaker Hong Gil-dong spoke. "It is late," Hong said. Zed Ollis agreed. Ollis left.\n',
     [["Hong Gil-dong", "Lawmaker"], ["Hong", ""], ["Zed Ollis", ""], ["Ollis", ""]]),
    # authors cited by surname are people the registry does not know, even "Kim" or a surname that is a word;
    # a section heading before a year in brackets is none
    ("Supplies grew (Kim and Park, 2023, p. 14; Young 2024).\n\nTreaty (2024)\nKim, S. and Park, J. (2023) wrote.\n",
     [["Kim", ""], ["Park", ""], ["Young", ""], ["Kim", ""], ["Park", ""]]),
    # British honorifics and a governor's office are roles; a region after an office's "of" is a name
    ("The Rt Hon Zed Ollis met Governor Vell Ostra, governor of Primorsky Territory.\n",
     [["Zed Ollis", "Rt Hon"], ["Vell Ostra", "Governor"], ["Primorsky Territory", ""]]),
    # a surname that is also a region's registry name, after a given name, is the person's
    ("Zed Ollis met Catherine West MP in London.\n", [["Zed Ollis", ""], ["Catherine West", ""], ["London", ""]]),
    # a compound region the registry lacks is one name, not the registry's part of it; an office's field
    # that is such a region's name is a name, the office no name
    ("Zed Ollis spoke of the Asia-Pacific. The Parliamentary Minister for the Indo-Pacific left.\n",
     [["Zed Ollis", ""], ["Asia-Pacific", ""], ["Indo-Pacific", ""]]),
    # a title-case headline's body after "the" is a name; its other title-case words are not
    ("Statement by the National Security Office on North Korea's Dispatch of Troops\n\nZed Ollis read it.\n",
     [["National Security Office", ""], ["Zed Ollis", ""]]),
    # ships' names after a vessel noun, listed with one or named again, are left out, as the guide does
    ('Images show the freighters "Lazurit" and MARIYA ZHUKOVA at Rajin. The MARIYA ZHUKOVA left. '
     "Four cargo ships, among them the Angara, sailed for Zed Ollis.\n", [["Zed Ollis", ""]]),
    # a middle initial joins the names around it; an abbreviated title is a role; a sentence ends after a title's
    # full stop; a name in capitals takes the capitals before it on a line that is not all capitals, and ends
    # where title case begins
    ("By ZED-MI OLLIS and PETER VELL Ostra Press\n\nRachel K. Vell met acting Gov. Zed Ostra. Signed: IVAN OLLIS, "
     "Director. The Vell Insight said.\n",
     [["ZED-MI OLLIS", ""], ["PETER VELL", ""], ["Ostra Press", ""], ["Rachel K. Vell", ""], ["Zed Ostra", "Gov."], ["IVAN OLLIS", ""],
      ["Vell Insight", ""]]),
    # a document cited by its number is no name, nor the short form in brackets before the number
    ("Zed Ollis cited Council Regulation (EU) 2017/1509, Council Decision (CFSP) 2025/951, P.L. 115-44 and "
     "H.R. 1164.\n", [["Zed Ollis", ""]]),
    # capitals with a number right after, or right before and nothing named after, are a unit's or a code's
    # (and a name with an IMO number after it is a ship's)
    ("Zed Ollis (IMO 9187344) carries 336 TEU, at $300 per TEU, worth USD 20 million, and 4 JDAM bombs. Vell "
     "Ostra said so.\n",
     [["JDAM", ""], ["Vell Ostra", ""]]),
    # a short heading of common words below a text's opening lines is no name; an institution heading is one,
    # and so is an outlet among the opening lines
    ("Vell Review\nBy Zed Ollis\n\nIntro.\n\nMore text.\n\nArms Transfers\nText.\n\nPolicy Responses\nText.\n\n"
     "Foreign Affairs Committee\nText.\n",
     [["Vell Review", ""], ["Zed Ollis", ""], ["Foreign Affairs Committee", ""]]),
    # a reference list's work titles hold no names; the authors and the publisher do
    ("References\nVell, Z. (2023) The Northern Triangle Revisited. Ollis Academic Press.\n"
     "Ostra, V. and Vell, Z. (2024) 'A Marriage of Convenience', Quarterly Review, 38(2).\n",
     [["Vell", ""], ["Ollis Academic Press", ""], ["Ostra", ""], ["Vell", ""], ["Quarterly Review", ""]]),
    # a people or an adjective derived from a place the registry lacks is no name
    ("Zed Ollis met Swedish diplomats and Muscovites in the Far Eastern port.\n", [["Zed Ollis", ""]]),
    # an abbreviated word and a label's or heading's common words in capitals are no names
    ("Distr.: General\n\nFACT CHECK\n\nOSTRA (Russ. Остра), a port.\n\nSENIOR ADMINISTRATION OFFICIAL: Zed Ollis came.\n",
     [["OSTRA", ""], ["Остра", ""], ["Zed Ollis", ""]]),
    # a short name that ends a sentence, before a closing quotation mark or bracket, is no abbreviation
    ('"We will act," the envoy quoted Vell." Talks opened (at Ostra.) on time.\n', [["Vell", ""], ["Ostra", ""]]),
])
def test_unknown_names_are_whole_names_never_openers_or_titles(tmp_path, text, names):
    table = mentions_of(tmp_path, text)
    assert unlinked_names(table)[["text", "role"]].values.tolist() == names
    spans = sorted(zip(table["start"], table["end"]))
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))  # no two rows overlap


@pytest.mark.parametrize("text", [
    "Kim Jong-un met Kim Jong Un.\n", "KIM JONG UN: Thank you.\n", "Kim\u00a0Jong Un left.\n",
    "Kim Jong\u00a0Un left.\n",
])
def test_kim_jong_un_under_every_spelling(tmp_path, text):
    table = mentions_of(tmp_path, text)
    assert set(table.loc[table["text"].str.len() > 3, "entity_id"]) == {"kim_jong_un"}


def test_transliterations_fold_and_zero_width_spaces_are_ignored(tmp_path):
    table = mentions_of(tmp_path, "Sergey Lavrov met Andrii Sybiha and Zelenskyy; Sho\u200bigu, Dmitriy Peskov too.\n")
    assert table["entity_id"].tolist() == ["lavrov", "sybiha", "zelensky", "shoigu", "peskov"]


def test_case_still_tells_names_from_words(tmp_path):
    table = mentions_of(tmp_path, "Let us trump the west; Trump and the West disagreed in US talks.\n")
    assert table[["text", "entity_id"]].values.tolist() == [["Trump", "trump"], ["West", "west"], ["US", "usa"]]


def test_a_region_named_after_a_registry_place_is_a_place_the_registry_lacks(tmp_path):
    table = mentions_of(tmp_path, "Ships sailed the Japan Sea near the Korean Peninsula. The Sea of Japan is calm.\n")
    assert table[["text", "entity_id"]].values.tolist() == [["Japan Sea", ""], ["Korean Peninsula", ""], ["Japan", "jpn"]]


def test_a_registry_person_takes_in_a_middle_initial_and_a_suffix(tmp_path):
    table = mentions_of(tmp_path, "President Joseph R. Biden Jr. met Kim.\n")
    assert table[["text", "entity_id"]].values.tolist() == [["Joseph R. Biden Jr.", "biden"], ["Kim", "kim_jong_un"]]


def test_another_given_name_before_a_registry_surname_is_another_person(tmp_path):
    table = mentions_of(tmp_path, "Senator the Hon Penny Wong met Andrew Kim. Penny Wong left. On 27 July Shoigu and "
                                  "Vladimir Vladimirovich Putin met Secretary of State Rubio and Edward Wong.\n")
    assert table[["text", "entity_id", "role"]].values.tolist() == [
        ["Penny Wong", "", "Senator the Hon"], ["Andrew Kim", "", ""], ["Penny Wong", "", ""], ["Shoigu", "shoigu", ""],
        ["Vladimir Vladimirovich Putin", "putin", ""], ["Rubio", "rubio", ""], ["Edward Wong", "wong", ""]]


def test_every_spelling_of_shoigu_is_one_entity(tmp_path):
    table = mentions_of(tmp_path, "Sergei Shoigu left. Sergey Shoigu returned. Shoigu’s aide stayed.\n")
    assert table["entity_id"].tolist() == ["shoigu", "shoigu", "shoigu"]


def test_bare_kim_follows_the_last_kim_named_in_full(tmp_path):
    text = ("Kim spoke first. Admiral Kim Myong Sik joined the talks. Kim then left. "
            "Kim Jong Un waved. Kim smiled.\n")
    table = mentions_of(tmp_path, text)
    kims = table[table["text"].str.startswith("Kim")]
    assert kims[["text", "entity_id"]].values.tolist() == [
        ["Kim", "kim_jong_un"],          # before any full name: the alias owner
        ["Kim Myong Sik", "kim_myong_sik"],
        ["Kim", "kim_myong_sik"],        # the admiral was named last
        ["Kim Jong Un", "kim_jong_un"],
        ["Kim", "kim_jong_un"],
    ]


@pytest.mark.parametrize("text, expected", [
    ("Russia’s Foreign Ministry said no.\n", "rus_mfa"),
    ("South Korea's Foreign Ministry said no.\n", "kor_mfa"),
    ("The Russian Security Council met.\n", "rus_security_council"),
    ("The U.N. Security Council met.\n", "unsc"),
])
def test_shared_forms_go_to_the_country_named_before(tmp_path, text, expected):
    table = mentions_of(tmp_path, text)
    assert expected in table["entity_id"].tolist()


def test_shared_form_with_no_country_stays_unlinked_and_says_why(tmp_path):
    table = mentions_of(tmp_path, "The Foreign Ministry said no.\n")
    row = table[table["text"] == "Foreign Ministry"].iloc[0]
    assert row["entity_id"] == "" and row["rule"] == "ambiguous: kor_mfa or prk_mfa or rus_mfa or ukr_mfa"


@pytest.mark.parametrize("text, expected, rule", [
    ("The Security Council adopted resolution 2397.\n", "unsc", "collocation"),
    ("Shoigu is Secretary of the Security Council.\n", "rus_security_council", "collocation"),
    ("The UN Security Council met. Later the Security Council voted.\n", "unsc", "earlier_in_text"),
    ("The Security Council of the Russian Federation met.\n", "rus_security_council", "of_state"),
])
def test_a_shared_name_is_settled_by_context(tmp_path, text, expected, rule):
    table = mentions_of(tmp_path, text)
    rows = table[table["text"].str.startswith("Security Council")]
    assert rows.iloc[-1][["entity_id", "rule"]].tolist() == [expected, rule]


def test_a_shared_name_goes_to_the_author(tmp_path):
    raw = write_raw(tmp_path / "raw", {"a.txt": "The Foreign Ministry rejects the report.\n"},
                    rows=[{"file": "a.txt", "author": "rus_mfa"}])
    table = find_mentions(load_corpus(raw))
    assert table[["entity_id", "rule"]].values.tolist()[0] == ["rus_mfa", "author"]


def test_capital_stands_for_its_government_unless_it_is_a_place(tmp_path):
    text = ("Washington announced sanctions. The envoys met in Pyongyang. "
            "A team visited Vladivostok and Moscow. Seoul and Moscow disagreed. "
            "It weighed on Moscow’s plans.\n")
    table = mentions_of(tmp_path, text)
    capitals = table[table["entity_id"].isin(["washington", "pyongyang", "moscow", "seoul"])]
    assert capitals[["text", "stands_for"]].values.tolist() == [
        ["Washington", "usa"], ["Pyongyang", ""], ["Moscow", ""], ["Seoul", "kor"], ["Moscow", "rus"],
        ["Moscow", "rus"],
    ]


def test_dateline_is_a_place(tmp_path):
    table = mentions_of(tmp_path, "SEOUL: The talks ended.\n".replace("SEOUL", "SOUL"))
    assert table.iloc[0][["entity_id", "stands_for"]].tolist() == ["seoul", ""]


def test_demonyms_are_marked(tmp_path):
    table = mentions_of(tmp_path, "North Korean troops and Russian officers.\n")
    assert table[["text", "entity_id", "form"]].values.tolist() == [
        ["North Korean", "prk", "demonym"], ["Russian", "rus", "demonym"],
    ]


def test_given_name_and_patronymic_widen_the_registry_person(tmp_path):
    table = mentions_of(tmp_path, "Sergei Kuzhugetovich Shoigu arrived.\n")
    assert table[["text", "entity_id"]].values.tolist() == [["Sergei Kuzhugetovich Shoigu", "shoigu"]]


def test_a_directorys_inverted_head_is_one_mention_of_the_person(tmp_path):
    table = mentions_of(tmp_path, "SHOIGU, Sergei Kuzhugetovich (b. 1955). See also BELOUSOV, Andrey. "
                                  "ZORIN, Pavel Ilyich (b. 1970). Shoigu, Lavrov and Putin met.\n")
    assert table[["text", "entity_id"]].values.tolist() == [
        ["SHOIGU, Sergei Kuzhugetovich", "shoigu"], ["BELOUSOV, Andrey", "belousov"], ["ZORIN, Pavel Ilyich", ""],
        ["Shoigu", "shoigu"], ["Lavrov", "lavrov"], ["Putin", "putin"]]



@pytest.mark.parametrize("text, names", [
    ("Joint Statement of the Participating States of the Baltic Shipping Monitoring Team was released.",
     ["Baltic Shipping Monitoring Team"]),
    ("Officials from the Ministry of Fisheries and Oceans met Zorina Vell.",
     ["Ministry of Fisheries and Oceans", "Zorina Vell"]),
    ("The Treaty of Friendship, Cooperation and Mutual Assistance lapsed.",
     ["Treaty of Friendship, Cooperation and Mutual Assistance"]),
    ("The Intergovernmental Commission on Trade and Fisheries met.", ["Intergovernmental Commission on Trade and Fisheries"]),
])
def test_institutions_after_generic_words_and_official_names_that_list_subjects(tmp_path, text, names):
    table = mentions_of(tmp_path, text)
    assert unlinked_names(table)["text"].tolist() == names


def test_the_north_and_the_south_stand_for_the_state_named_before(tmp_path):
    mentions = mentions_of(tmp_path, "The South watched. North Korea sent troops. The North also sent shells, and "
                                     "the North's factories work. The North Atlantic Council met in the North of "
                                     "England.\n")
    north = mentions[mentions["rule"] == "compass_short"]
    assert north[["text", "entity_id"]].values.tolist() == [["North", "prk"], ["North", "prk"]]
    assert "South" not in mentions["text"].tolist()  # South Korea was not named before it


def test_a_body_named_after_its_parent_is_one_mention_of_the_body(tmp_path):
    mentions = mentions_of(tmp_path, "It violates United Nations Security Council resolutions. The United Nations "
                                     "Security Council, the United Nations, Russia.\n")
    assert mentions[["text", "entity_id"]].values.tolist() == [
        ["United Nations Security Council", "unsc"], ["United Nations Security Council", "unsc"],
        ["United Nations", "un"], ["Russia", "rus"]]


def test_a_shared_name_of_a_state_the_registry_lacks_is_one_unknown_name(tmp_path):
    mentions = mentions_of(tmp_path, "The Ministry of Foreign Affairs of Japan protested. The Foreign Ministry of "
                                     "Russia said no.\n")
    assert mentions[["text", "entity_id", "form"]].values.tolist() == [
        ["Ministry of Foreign Affairs of Japan", "", "unlinked"], ["Foreign Ministry of Russia", "rus_mfa", "alias"]]
    assert unlinked_names(mentions)["text"].tolist() == ["Ministry of Foreign Affairs of Japan"]


def test_a_number_word_or_a_dated_month_is_no_unknown_name(tmp_path):
    from tests.test_events import all_tables, load_corpus, write_raw
    text = "PRESS STATEMENT\nAPRIL 30, 2024\n\nThe veto came. Thirteen members of the Council voted to renew it.\n"
    raw = write_raw(tmp_path / "raw", {"a.txt": text}, rows=[{"file": "a.txt", "published": "2024-04-30"}])
    tables = all_tables(load_corpus(raw))
    mentions = tables["mentions"]
    assert mentions[mentions["form"] == "unlinked"]["text"].tolist() == []
    assert tables["quantities"]["text"].tolist() == ["Thirteen members"]


def test_a_transcript_names_its_speakers_in_capitals(tmp_path):
    # the label's words are names even where they are common words ("Archer", "Marsh"); a title or a
    # speaker noun is a role, and a label of common words alone names someone only as the text names them
    text = ("LIVE: Seoul reacts\n\nANCHOR ELLEN MARSH: Good evening. Our correspondent Tom Archer is in Kyiv.\n"
            "ARCHER: Thank you.\nUKRAINIAN OFFICER (translated): They were told nothing.\nQUESTION: What now?\n")
    unknown = unlinked_names(mentions_of(tmp_path, text))
    assert unknown[["text", "role"]].values.tolist() == [["ELLEN MARSH", "ANCHOR"], ["Tom Archer", "correspondent"],
                                                         ["ARCHER", ""]]


def test_a_body_on_a_place_is_two_names_and_a_commission_on_a_subject_one(tmp_path):
    text = ("Kim met Putin at the Far Eastern Federal University on Russky Island. The Intergovernmental Commission "
            "on Trade met in Moscow.\n")
    assert unlinked_names(mentions_of(tmp_path, text))["text"].tolist() == [
        "Far Eastern Federal University", "Russky Island", "Intergovernmental Commission on Trade"]


def test_a_numbered_body_after_of_the_is_part_of_the_name(tmp_path):
    text = "The Panel of Experts of the 1718 Committee reported. Resolution 1718 of the Council passed.\n"
    names = unlinked_names(mentions_of(tmp_path, text))["text"].tolist()
    assert "Panel of Experts of the 1718 Committee" in names and not any("Council" in n for n in names)


def test_a_person_of_a_body_is_two_names_and_a_body_of_a_place_one(tmp_path):
    # "of" joins a body to what it belongs to, never a person's name to their employer
    text = ("Park Seo-yeon of Haeundae Marine Insurance spoke. Anna Lindqvist of the Invented Centre agreed. "
            "The Ministry of Foreign Affairs and the Bank of Busan did not.\n")
    assert mentions_of(tmp_path, text)["text"].tolist() == [
        "Park Seo-yeon", "Haeundae Marine Insurance", "Anna Lindqvist", "Invented Centre",
        "Ministry of Foreign Affairs", "Bank of Busan"]


def test_a_comma_continues_a_name_only_in_a_list_closed_by_and(tmp_path):
    text = ("By Anna Lindqvist, Senior Fellow, Invented Centre for Strategic Studies\n\n"
            "The 1961 Treaty of Friendship, Co-operation and Mutual Assistance lapsed.\n")
    names = unlinked_names(mentions_of(tmp_path, text))["text"].tolist()
    assert "Invented Centre for Strategic Studies" in names
    assert any(n.endswith("Treaty of Friendship, Co-operation and Mutual Assistance") for n in names)


def test_a_headline_run_opened_by_a_verb_or_adverb_and_a_time_zone_are_no_names(tmp_path):
    text = ("Joint Statement on Countering Illicit Maritime Activity Near Busan\n\n"
            "Kim Jong Un Highly Praises Heroic Feats of Servicepersons\n\n"
            "01:20 GMT - Anna Lindqvist arrived in Busan.\n")
    names = unlinked_names(mentions_of(tmp_path, text))["text"].tolist()
    assert not any(n.startswith(("Countering", "Highly")) for n in names) and "GMT" not in names
    assert "Anna Lindqvist" in names


def test_a_name_in_capitals_goes_on_in_capitals(tmp_path):
    text = ("ZOLOTOY ROG LOGISTIKA OOO (a.k.a. GOLDEN HORN LOGISTICS LLC), Vladivostok.\n\n"
            "PRESS BRIEFING\n\nQUESTION: What now?\n")
    names = unlinked_names(mentions_of(tmp_path, text))["text"].tolist()
    assert "GOLDEN HORN LOGISTICS LLC" in names and not any("PRESS" in n or "QUESTION" in n for n in names)


def test_a_month_abbreviation_after_a_day_is_no_name(tmp_path):
    text = "SEMYONOV, Oleg Igorevich, DOB 22 Jul 1975; established 14 Mar 2019 on the Korean peninsula.\n"
    names = unlinked_names(mentions_of(tmp_path, text))["text"].tolist()
    assert not any("Jul" in n or "Mar" in n for n in names) and "Korean peninsula" in names


def test_a_document_noun_before_its_number_is_no_name(tmp_path):
    text = ("The action is taken pursuant to Executive Order (E.O.) 14024 and E.O. 13382, as under Executive "
            "Orders 13722 and 14024. Anna Lindqvist of the Executive Order Society spoke.\n")
    names = unlinked_names(mentions_of(tmp_path, text))["text"].tolist()
    assert not any(n in ("Executive Order", "E.O.", "Executive Orders") for n in names) and "Anna Lindqvist" in names


def test_a_possessive_splits_an_owner_from_what_it_owns_but_not_a_name_built_on_one(tmp_path):
    text = ("The Department of the Treasury's Office of Foreign Assets Control acted. Lin Jian's Regular Press "
            "Conference ended. The Korean People's Army and the National Assembly's Intelligence Committee met.\n")
    names = unlinked_names(mentions_of(tmp_path, text))["text"].tolist()
    assert {"Department of the Treasury", "Office of Foreign Assets Control", "Lin Jian", "National Assembly",
            "Intelligence Committee"} <= set(names)
    assert not any("'s" in n and "People's" not in n for n in names)


def test_the_last_word_of_a_place_or_body_is_no_surname(tmp_path):
    text = "Tension on the Korean Peninsula grew. China's position on the Peninsula issue is consistent. " \
           "Zed Ollis spoke. Ollis added a word.\n"
    names = unlinked_names(mentions_of(tmp_path, text))["text"].tolist()
    assert names.count("Peninsula") == 0 and names.count("Ollis") == 1


def test_wire_markers_and_document_codes_are_no_names(tmp_path):
    text = "(LEAD) N. Korea confirms troops (ATTN: UPDATES with details)\n\nPress release SC/15638 from the Council.\n"
    names = unlinked_names(mentions_of(tmp_path, text))["text"].tolist()
    assert not any(n in ("LEAD", "ATTN", "UPDATES", "SC/15638") for n in names)
    assert mentions_of(tmp_path, text)["entity_id"].tolist()[0] == "prk"


def test_a_shared_body_name_owned_by_a_state_the_registry_has_no_such_body_of_is_unlinked(tmp_path):
    text = ("A senior Japanese Defense Ministry official spoke. Russia's Defence Ministry agreed. "
            "Russia and China vetoed a Security Council resolution.\n")
    rows = mentions_of(tmp_path, text)[["text", "entity_id", "form"]].values.tolist()
    assert ["Defense Ministry", "", "unlinked"] in rows
    assert any(r[0] == "Defence Ministry" and r[1] for r in rows)
    assert any(r[0] == "Security Council" and r[1] == "unsc" for r in rows)


def test_unusual_hyphens_and_a_middle_dot_do_not_hide_a_name(tmp_path):
    text = ("Kim Jong\u2011un met North Korea\u00b7Russia envoys and His Excellency Alexander Matsegora. Chairman of "
            "the State Affairs Commission Kim Jong Un spoke.\n")
    table = mentions_of(tmp_path, text)
    linked = table[table["entity_id"] != ""][["text", "entity_id"]].values.tolist()
    assert linked == [["Kim Jong\u2011un", "kim_jong_un"], ["North Korea", "prk"], ["Russia", "rus"],
                      ["Alexander Matsegora", "matsegora"], ["Kim Jong Un", "kim_jong_un"]]
    assert unlinked_names(table)["text"].tolist() == ["State Affairs Commission"]  # a body, not given names


def test_a_states_official_long_name_is_the_state(tmp_path):
    table = mentions_of(tmp_path, "For the French Republic, the Federal Republic of Germany and the United States of "
                                  "America, the ministers signed.\n")
    assert table[["text", "entity_id"]].values.tolist() == [
        ["French Republic", "fra"], ["Federal Republic of Germany", "deu"], ["United States of America", "usa"]]


def test_a_name_written_in_lower_case_counts_unless_it_is_a_word(tmp_path):
    table = mentions_of(tmp_path, "The strike by russia and russian drones; putin lied. A china cabinet, the west "
                                  "wind and the un vote.\n")
    assert table[["text", "entity_id"]].values.tolist() == [["russia", "rus"], ["russian", "rus"], ["putin", "putin"]]


def test_a_demonym_naming_a_language_is_no_mention_of_the_state(tmp_path):
    table = mentions_of(tmp_path, "[Putin, in Russian] He learnt Russian. The town is in Russian hands. Russian "
                                  "Railways declined to comment.\n")
    assert table[["text", "entity_id"]].values.tolist() == [["Putin", "putin"], ["Russian", "rus"],
                                                             ["Russian Railways", ""]]


def test_an_institution_named_after_a_state_or_body_is_one_unknown_name(tmp_path):
    table = mentions_of(tmp_path, "COMMANDER, UNITED STATES FORCES KOREA\nBEFORE THE SENATE ARMED SERVICES COMMITTEE\n"
                                  "DAILY PRESS BRIEFING\n\nHe led U.S. Indo-Pacific Command and the United Nations "
                                  "Command. U.S. forces and the UN panel met; the Japan Sea.\n")
    assert table[["text", "entity_id"]].values.tolist() == [
        ["UNITED STATES FORCES KOREA", ""], ["SENATE ARMED SERVICES COMMITTEE", ""], ["U.S. Indo-Pacific Command", ""],
        ["United Nations Command", ""], ["U.S.", "usa"], ["UN", "un"], ["Japan Sea", ""]]


def test_a_russian_name_with_its_patronymic_initials_and_form_of_address(tmp_path):
    # the patronymic joins the registry person's name even after a title; given name and patronymic alone then
    # address that person; a stenogram's surname in capitals takes its initials; "Esteemed" and "Mr. Chairperson"
    # are no names
    table = mentions_of(tmp_path, "Deputy Minister of Foreign Affairs Andrei Yurievich Rudenko. Please, Andrei "
                                  "Yurievich.\n\nRUDENKO A. Yu. Esteemed Vyacheslav Viktorovich! Esteemed deputies!\n"
                                  "SLUTSKY L. E., LDPR faction. Thank you, Mr. Chairperson.\n")
    assert table[["text", "entity_id"]].values.tolist() == [
        ["Andrei Yurievich Rudenko", "rudenko"], ["Andrei Yurievich", "rudenko"], ["RUDENKO A. Yu.", "rudenko"],
        ["Vyacheslav Viktorovich", ""], ["SLUTSKY L. E.", ""], ["LDPR", ""]]


def test_the_north_accused_of_doing_something_is_the_state(tmp_path):
    table = mentions_of(tmp_path, "Lavrov in N. Korea. Allies accused the North of shipping arms. The North of "
                                  "England is far away.\n")
    assert table[["text", "entity_id"]].values.tolist() == [
        ["Lavrov", "lavrov"], ["N. Korea", "prk"], ["North", "prk"], ["North of England", ""]]


def test_a_korean_family_name_alone_after_the_full_name_is_that_person(tmp_path):
    table = mentions_of(tmp_path, "Choe met Lavrov. Lavrov met Choe Son Hui. After his talks with Choe, he left.\n")
    assert table[["text", "entity_id"]].values.tolist() == [
        ["Choe", ""], ["Lavrov", "lavrov"], ["Lavrov", "lavrov"], ["Choe Son Hui", "choe_sun_hui"],
        ["Choe", "choe_sun_hui"]]


def test_a_citys_facility_named_after_it_is_one_unknown_name(tmp_path):
    table = mentions_of(tmp_path, "He landed at Pyongyang International Airport and left Pyongyang by train.\n")
    assert table[["text", "entity_id"]].values.tolist() == [
        ["Pyongyang International Airport", ""], ["Pyongyang", "pyongyang"]]
