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


def test_an_unknown_name_is_kept_unlinked_and_listed(tmp_path):
    table = mentions_of(tmp_path, "Putin met Ambassador Zorina Vell in Moscow on Friday.\n")
    assert unlinked_names(table)["text"].tolist() == ["Ambassador Zorina Vell"]
    unlinked = table[table["form"] == "unlinked"].iloc[0]
    assert unlinked["entity_id"] == "" and unlinked["sent_id"] == 1


def test_hyphenated_unknown_name_is_one_run(tmp_path):
    table = mentions_of(tmp_path, "Envoy Park Ji-won spoke.\n")
    assert unlinked_names(table)["text"].tolist() == ["Envoy Park Ji-won"]


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
    assert row["entity_id"] == "" and row["rule"] == "ambiguous: kor_mfa or rus_mfa"


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
