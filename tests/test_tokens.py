import numpy

from partnership.annotate.lemma_matcher import _member, _sorted_ids
from partnership.annotate.tokens import span_text, tokens_of
from partnership.corpus.sentences import segment


def test_token_list_and_span_text_match_the_doc():
    doc = segment("Kim Jong Un  met Putin\u00a0in Vladivostok.\nThen he left.")
    tokens = tokens_of(doc)
    assert tokens is tokens_of(doc)  # made once
    assert [t.text for t in tokens] == [t.text for t in doc]
    for start in range(len(doc)):
        for end in range(start, len(doc) + 1):
            assert span_text(tokens, start, end) == doc[start:end].text


def test_membership_by_binary_search():
    values = numpy.array([5, 1, 9, 5, 2**63 + 7], dtype="uint64")
    assert _member(values, _sorted_ids({5, 2**63 + 7})).tolist() == [True, False, False, True, True]
    assert _member(values, _sorted_ids(set())).tolist() == [False] * 5
