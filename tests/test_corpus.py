"""Loading a raw folder: the tables it gives, and every way it refuses bad input."""

import pytest

from partnership.corpus import load_corpus, read_raw
from partnership.errors import CorpusError
from tests.conftest import ARTICLE_ALPHA, ARTICLE_BETA, write_raw


def test_documents_and_sentences_from_fixture(fixture_raw):
    corpus = load_corpus(fixture_raw)
    docs = corpus.documents.set_index("doc_id")
    assert list(docs.index) == ["alpha", "beta"]  # doc_id defaults to the file stem
    assert docs.loc["beta", "date_precision"] == "month"  # inferred from "2024-12"
    assert docs.loc["alpha", "n_sentences"] == 4
    assert docs.loc["alpha", "n_paragraphs"] == 3
    assert docs.loc["beta", "n_paragraphs"] == 2  # the blank line is not a paragraph
    for doc_id, n in docs["n_sentences"].items():
        assert (corpus.sentences["doc_id"] == doc_id).sum() == n
    assert docs.loc["alpha", "n_words"] == corpus.sentences.query("doc_id == 'alpha'")["n_words"].sum()


def test_sentence_offsets_point_at_the_sentence(fixture_raw):
    corpus = load_corpus(fixture_raw)
    for row in corpus.sentences.itertuples():
        assert corpus.text(row.doc_id)[row.start:row.end] == row.text


def test_crlf_and_bom_article_loads_with_lf_offsets(tmp_path):
    raw = write_raw(
        tmp_path,
        {"win.txt": ("\ufeff" + ARTICLE_BETA.replace("\n", "\r\n")).encode("utf-8")},
        rows=[{"file": "win.txt"}],
    )
    corpus = load_corpus(raw)
    assert corpus.text("win") == ARTICLE_BETA
    assert "\r" not in "".join(corpus.sentences["text"])


def test_folder_without_articles(tmp_path):
    write_raw(tmp_path, {"README.md": "nothing"}, rows=[{"file": "a.txt"}])
    with pytest.raises(CorpusError, match="holds no article files"):
        load_corpus(tmp_path)


def test_missing_sources_file(tmp_path):
    write_raw(tmp_path, {"a.txt": ARTICLE_ALPHA})
    with pytest.raises(CorpusError, match=r"sources\.csv: missing"):
        load_corpus(tmp_path)


def test_article_without_sources_row_is_named(tmp_path):
    write_raw(tmp_path, {"a.txt": ARTICLE_ALPHA, "b.txt": ARTICLE_BETA}, rows=[{"file": "a.txt"}])
    with pytest.raises(CorpusError, match=r"b\.txt: has no row in sources\.csv"):
        load_corpus(tmp_path)


def test_sources_row_without_file_is_named(tmp_path):
    write_raw(tmp_path, {"a.txt": ARTICLE_ALPHA}, rows=[{"file": "a.txt"}, {"file": "gone.txt"}])
    with pytest.raises(CorpusError, match=r"sources\.csv: lists file 'gone\.txt', which is not in the raw folder"):
        load_corpus(tmp_path)


def test_same_article_under_two_names_names_both(tmp_path):
    write_raw(
        tmp_path,
        {"a.txt": ARTICLE_ALPHA, "copy.txt": ARTICLE_ALPHA.replace("\n", "\r\n")},
        rows=[{"file": "a.txt"}, {"file": "copy.txt"}],
    )
    with pytest.raises(CorpusError, match=r"copy\.txt: has the same text as a\.txt"):
        load_corpus(tmp_path)


@pytest.mark.parametrize(
    "published, precision, message",
    [
        ("17/06/2025", "day", "is not an ISO date"),
        ("June 2025", "", "is not an ISO date"),
        ("2025-13", "month", "is not a real calendar date"),
        ("2025-02-30", "day", "is not a real calendar date"),
        ("2025-06-17", "week", "date_precision 'week' is not one of"),
        ("2023-09", "day", "date_precision 'day' does not fit published '2023-09'"),
        ("", "day", "date_precision 'day' is given but published is empty"),
    ],
)
def test_bad_dates_are_refused(tmp_path, published, precision, message):
    write_raw(tmp_path, {"a.txt": ARTICLE_ALPHA},
              rows=[{"file": "a.txt", "published": published, "date_precision": precision}])
    with pytest.raises(CorpusError, match=r"sources\.csv: line 2 \(a\.txt\): .*" + message.replace("(", r"\(")):
        load_corpus(tmp_path)


def test_evidence_not_in_article_is_refused(tmp_path):
    write_raw(tmp_path, {"a.txt": ARTICLE_ALPHA},
              rows=[{"file": "a.txt", "date_evidence": "on Friday | on Saturday"}])
    with pytest.raises(CorpusError, match=r"date_evidence for a\.txt quotes 'on Saturday', which is not in the article"):
        load_corpus(tmp_path)


def test_unknown_column_is_refused(tmp_path):
    write_raw(tmp_path, {"a.txt": ARTICLE_ALPHA}, rows=[{"file": "a.txt", "publised": "2024-11-08"}])
    with pytest.raises(CorpusError, match=r"unknown column\(s\) \['publised'\]"):
        load_corpus(tmp_path)


def test_file_column_is_required(tmp_path):
    write_raw(tmp_path, {"a.txt": ARTICLE_ALPHA}, sources_text="doc_id\na\n")
    with pytest.raises(CorpusError, match="required column 'file' is missing"):
        load_corpus(tmp_path)


def test_repeated_doc_id_is_refused(tmp_path):
    write_raw(tmp_path, {"a.txt": ARTICLE_ALPHA, "b.txt": ARTICLE_BETA},
              rows=[{"file": "a.txt", "doc_id": "x"}, {"file": "b.txt", "doc_id": "x"}])
    with pytest.raises(CorpusError, match="doc_id 'x' appears in more than one row"):
        load_corpus(tmp_path)


def test_row_with_extra_fields_is_refused(tmp_path):
    write_raw(tmp_path, {"a.txt": ARTICLE_ALPHA}, sources_text="file,title\na.txt,Talks,extra\n")
    with pytest.raises(CorpusError, match="line 2 has more fields than the header"):
        load_corpus(tmp_path)


def test_sources_file_may_have_a_bom_and_crlf(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_ALPHA, encoding="utf-8")
    (tmp_path / "sources.csv").write_bytes("\ufefffile,published\r\na.txt,2024-11-08\r\n".encode("utf-8"))
    assert load_corpus(tmp_path).documents.loc[0, "published"] == "2024-11-08"


@pytest.mark.parametrize("name", ["../escape.txt", "sub/a.txt", "a.md"])
def test_file_cell_must_be_a_bare_txt_name(tmp_path, name):
    write_raw(tmp_path, {"a.txt": ARTICLE_ALPHA}, rows=[{"file": name}])
    with pytest.raises(CorpusError, match="must be a bare .txt file name"):
        load_corpus(tmp_path)


def test_empty_file_cell_is_refused(tmp_path):
    write_raw(tmp_path, {"a.txt": ARTICLE_ALPHA}, sources_text="file,title\n,Talks\n")
    with pytest.raises(CorpusError, match=r"line 2: the 'file' cell is empty"):
        load_corpus(tmp_path)


def test_read_raw_without_keeping_texts_reads_them_again_and_refuses_a_changed_file(fixture_raw):
    sources, kept = read_raw(fixture_raw)
    _, lazy = read_raw(fixture_raw, keep_texts=False)
    assert not isinstance(lazy, dict) and sorted(lazy) == sorted(kept)
    assert {name: lazy[name] for name in lazy} == kept
    (fixture_raw / "alpha.txt").write_text("Another text altogether.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="alpha.txt: changed while the build was reading the raw folder"):
        lazy["alpha.txt"]
