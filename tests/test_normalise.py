"""Name folding and the lemma phrase matcher: spelling variants by rule, cues by lemma."""

import pytest

from partnership.annotate.lemma_matcher import LemmaPhrases
from partnership.annotate.normalise import case_class, case_fits, fold
from partnership.corpus.sentences import segment, sentence_pipeline


@pytest.mark.parametrize("a, b", [
    ("Sergey", "Sergei"), ("Shoygu", "Shoigu"), ("Dmitriy", "Dmitry"), ("Zelenskyy", "Zelensky"), ("Andrii", "Andriy"),
    ("Mariya", "Maria"), ("Natalya", "Natalia"),
    ("Vassily", "Vasily"), ("Nikolay", "Nikolai"), ("Sho\u200bigu", "Shoigu"), ("People’s", "People's"),
    ("KN-23s", "KN-23"),
])
def test_spelling_variants_fold_to_one_key(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("a, b", [("Kim", "Kin"), ("Moscow", "Minsk"), ("US", "UK")])
def test_different_names_stay_apart(a, b):
    assert fold(a) != fold(b)


def test_capitalisation_classes_keep_words_from_names():
    assert case_class("US") == "upper" and case_class("Kim") == "title" and case_class("treaty") == "lower"
    assert case_fits(("upper",), ["US"]) and not case_fits(("upper",), ["us"])
    assert case_fits(("title", "title", "title"), ["KIM", "JONG", "UN"])  # a transcript label
    assert case_fits(("title", "title", "title"), ["Kim", "Jong", "un"])  # "Kim Jong-un"
    assert not case_fits(("title",), ["west"])


def matches(phrases, text):
    return [(name, segment(text)[s:e].text) for name, s, e in phrases.matches(segment(text))]


def test_lemma_phrases_match_every_form_of_a_base_word_and_only_the_written_form_of_an_inflected_one():
    phrases = LemmaPhrases(sentence_pipeline().vocab)
    for cue in ("urge", "according to", "be concerned", "express concern"):
        phrases.add(cue, cue)
    assert matches(phrases, "Seoul urged, urges and is urging calm.") == [
        ("urge", "urged"), ("urge", "urges"), ("urge", "urging")]
    assert matches(phrases, "We are deeply concerned, according to her.") == [
        ("be concerned", "are deeply concerned"), ("according to", "according to")]
    assert matches(phrases, "There are concerns. It expressed \"grave concern.\"") == [
        ("express concern", 'expressed "grave concern')]
    assert matches(phrases, "They accorded him. It was concerning.") == []
