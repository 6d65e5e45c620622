"""The hand review: every quote is in its article, and a bad row is named."""

import pytest

from partnership.corpus import load_corpus
from partnership.errors import CorpusError
from partnership.evaluate.review import load_review


def test_every_review_quote_is_found_in_its_article():
    corpus = load_corpus()
    review = load_review(corpus.texts)
    assert len(review) > 0
    for row in review.itertuples():
        assert corpus.text(row.doc_id)[row.start:row.end] == row.quote
    assert set(review["table"]) == {"mentions", "timexes", "quantities", "claims", "event_candidates"}


@pytest.mark.parametrize("row, message", [
    ("claims,a,not there,wrong,x\n", "line 2: quote 'not there' is not in a"),
    ("claims,b,hello,wrong,x\n", "line 2: no article 'b'"),
    ("claims,a,hello,bad,x\n", "line 2: verdict 'bad' is not one of"),
])
def test_bad_review_rows_are_named(tmp_path, row, message):
    path = tmp_path / "review.csv"
    path.write_text("table,doc_id,quote,verdict,note\n" + row, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        load_review({"a": "hello world"}, path)


def test_a_corpus_of_other_articles_skips_their_review_rows_but_still_checks_its_own(tmp_path):
    path = tmp_path / "review.csv"
    path.write_text("table,doc_id,quote,verdict,note\nclaims,b,hello,wrong,x\nclaims,a,world,missed,y\n",
                    encoding="utf-8")
    review = load_review({"a": "hello world"}, path, other_articles="skip")
    assert review[["doc_id", "start", "end"]].values.tolist() == [["a", 6, 11]]
    assert review.attrs["skipped"] == 1
    none = load_review({"c": "other text"}, path, other_articles="skip")
    assert len(none) == 0 and none.attrs["skipped"] == 2
    path.write_text("table,doc_id,quote,verdict,note\nclaims,b,x,wrong,x\nclaims,a,absent,wrong,x\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="line 3: quote 'absent' is not in a"):
        load_review({"a": "hello world"}, path, other_articles="skip")
