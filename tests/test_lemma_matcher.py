import numpy

from partnership.arrays import member as _member, sorted_ids as _sorted_ids


def test_membership_by_binary_search():
    values = numpy.array([5, 1, 9, 5, 2**63 + 7], dtype="uint64")
    assert _member(values, _sorted_ids({5, 2**63 + 7})).tolist() == [True, False, False, True, True]
    assert _member(values, _sorted_ids(set())).tolist() == [False] * 5
