"""Sentence splitting on invented news copy: abbreviations, quotations, line breaks."""

import pytest

from partnership.errors import CorpusError
from partnership.corpus.sentences import load_abbreviations, split_sentences


def texts(text):
    return [s["text"] for s in split_sentences(text)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Navy Adm. Kim Min Ho inspected the port.",
        "The U.S. envoy arrived late.",
        "Gen. Park and Mr. Ortiz spoke.",
        "Dr. Ahn treated the crew at St. Mary hospital.",
        "Resolution No. 2397 bans the sale.",
        "The talks ended on Sept. 13 without a deal.",
        "The U.N. Security Council met and Lt. Col. Ryu reported.",
    ],
)
def test_no_break_after_abbreviations(sentence):
    assert texts(sentence + " Next sentence here.") == [sentence, "Next sentence here."]


def test_number_only_abbreviation_still_ends_a_sentence_before_a_word():
    assert texts("He answered No. Then he left.") == ["He answered No.", "Then he left."]


def test_no_break_inside_curly_quotation():
    text = "He said “We are ready. We will sign,” and left. The hall emptied."
    assert texts(text) == ["He said “We are ready. We will sign,” and left.", "The hall emptied."]


def test_no_break_inside_straight_quotation():
    text = 'Officials said "The exercise is over. Nobody was hurt." The ministry did not comment.'
    assert texts(text) == ['Officials said "The exercise is over. Nobody was hurt."', "The ministry did not comment."]


def test_line_break_ends_a_sentence_without_a_full_stop():
    assert texts("A headline with no stop\nThe story begins. It goes on.") == [
        "A headline with no stop", "The story begins.", "It goes on.",
    ]


def test_unclosed_quotation_ends_at_the_line_break():
    text = "He said “we will come.\nNew paragraph here. Another one."
    assert texts(text) == ["He said “we will come.", "New paragraph here.", "Another one."]


def test_offsets_and_paragraphs_with_blank_lines_and_indentation():
    text = "\n  First line here.  \n\n\nSecond paragraph. Still second.\n"
    sentences = split_sentences(text)
    assert [(s["text"], s["paragraph"]) for s in sentences] == [
        ("First line here.", 1), ("Second paragraph.", 2), ("Still second.", 2),
    ]
    for s in sentences:
        assert text[s["start"]:s["end"]] == s["text"]


def test_word_count_ignores_punctuation():
    [sentence] = split_sentences("The 170-mm guns (Koksan) arrived, officials said.")
    # The, 170, mm, guns, Koksan, arrived, officials, said
    assert sentence["n_words"] == 8


def test_abbreviation_codebook_rows_are_checked(tmp_path):
    path = tmp_path / "abbreviations.csv"
    path.write_text("abbreviation,followed_by,meaning\nAdm,any,Admiral\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"abbreviations\.csv: line 2: an abbreviation must end in '\.'"):
        load_abbreviations(path)


def test_project_abbreviation_codebook_loads():
    abbreviations = load_abbreviations()
    assert abbreviations["Adm."] == "any"
    assert abbreviations["No."] == "number"


def test_array_sentencizer_agrees_with_spacys_sentencizer():
    import spacy

    from partnership.corpus import load_corpus
    from tests.conftest import ARTICLE_ALPHA, ARTICLE_BETA

    reference = spacy.blank("en")
    reference.add_pipe("sentencizer")
    ours = spacy.blank("en")
    ours.add_pipe("array_sentencizer")
    texts = [ARTICLE_ALPHA, ARTICLE_BETA, "", "...", "?! Yes. “Quoted.” (Aside.) end", *load_corpus().texts.values()]
    for text in texts:
        assert [t.is_sent_start for t in ours(text)] == [t.is_sent_start for t in reference(text)], text


def test_long_texts_segmented_in_blocks_of_lines_match_the_whole_text(monkeypatch):
    """Cutting a text into blocks of lines changes no token, lemma, sentence start or offset."""
    import random
    from pathlib import Path

    import numpy
    from spacy.attrs import LEMMA, ORTH, SENT_START, SPACY

    from partnership import config
    from partnership.corpus import sentences
    from partnership.corpus.sentences import line_blocks, segment, sentence_pipeline, sentences_of_doc
    from tests.conftest import ARTICLE_ALPHA, ARTICLE_BETA

    rng = random.Random(13)
    pieces = ["Kim met Putin.", "“We are ready.", "We will sign,” he said.", "Adm.", "Lee", "No.", "5", "\n",
              "\n\n", " ", "  ", "\u00a0", "\t", '"', "U.S.", "officials", "said", "\n  ", "end."]
    hostile = "".join(rng.choice(pieces) + rng.choice([" ", ""]) for _ in range(3000))
    texts = [p.read_text(encoding="utf-8") for p in sorted(config.RAW_DIR.glob("*.txt"))]
    texts += [ARTICLE_ALPHA + ARTICLE_BETA, hostile, "\n\nStarts with blank lines.\nAnd ends without one"]
    nlp = sentence_pipeline()
    attrs = [ORTH, SPACY, SENT_START, LEMMA]
    assert len(line_blocks(hostile, 40)) > 50  # the cuts really happen
    for text in texts:
        monkeypatch.setattr(sentences, "BLOCK_CHARS", 10 ** 9)
        whole = segment(text, nlp)
        for size in (1, 40, 500):
            assert "".join(line_blocks(text, size)) == text
            monkeypatch.setattr(sentences, "BLOCK_CHARS", size)
            doc = segment(text, nlp)
            assert doc.text == whole.text and doc.user_data["text"] == text
            assert numpy.array_equal(doc.to_array(attrs), whole.to_array(attrs)), (size, text[:60])
            assert sentences_of_doc(doc, text) == sentences_of_doc(whole, text)


def test_a_line_wrapped_inside_a_sentence_does_not_end_it():
    text = "The first soldiers were\nsent to Kursk in October. Officials said so.\nNew line starts here."
    assert texts(text) == ["The first soldiers were\nsent to Kursk in October.", "Officials said so.",
                           "New line starts here."]


def test_a_word_hyphenated_across_a_line_does_not_end_its_sentence():
    text = "Kim met Putin at the Vosto-\nchny Cosmodrome. The talks ran long-\nThey ended late."
    assert texts(text) == ["Kim met Putin at the Vosto-\nchny Cosmodrome.", "The talks ran long-",
                           "They ended late."]


def test_a_line_break_after_closing_punctuation_or_before_a_capital_still_ends_a_sentence():
    assert texts("Talks ended:\nthe sides left.") == ["Talks ended:", "the sides left."]
    assert texts("Talks ended\nThe sides left.") == ["Talks ended", "The sides left."]


def test_long_texts_are_not_cut_inside_a_wrapped_sentence():
    from partnership.corpus.sentences import line_blocks
    text = ("word " * 10 + "\nmore words here.\nNext line.\n") * 5
    blocks = line_blocks(text, 30)
    assert len(blocks) > 1 and "".join(blocks) == text
    assert not any(block[:1].islower() for block in blocks[1:])


def test_a_line_ending_in_a_word_that_closes_no_sentence_is_wrapped():
    text = "Two of them were captured by\nUkraine in January. Kyiv said so.\nTalks ended\nThe sides left."
    assert texts(text) == ["Two of them were captured by\nUkraine in January.", "Kyiv said so.", "Talks ended",
                           "The sides left."]
    from partnership.corpus.sentences import line_blocks
    long = ("word " * 10 + "captured by\nUkraine here.\nNext line.\n") * 5
    assert not any(block.startswith("Ukraine") for block in line_blocks(long, 30))


def test_a_reference_works_note_markers_end_the_sentence_they_follow():
    text = "Japan protested to Seoul.[42] Moscow was silent.[3][4] It waited, [5] then spoke."
    assert texts(text) == ["Japan protested to Seoul.[42]", "Moscow was silent.[3][4]", "It waited, [5] then spoke."]
    from partnership.corpus.sentences import segment
    doc = segment("Seoul.[42] and Russia,[7]")
    assert [t.text for t in doc] == ["Seoul", ".", "[42]", "and", "Russia", ",", "[7]"]
