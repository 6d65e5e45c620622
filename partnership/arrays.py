"""Small array helpers shared by the stages."""

import numpy


def sorted_ids(ids) -> numpy.ndarray:
    """String ids (hashes) as a sorted array, for ``member``."""
    return numpy.array(sorted(set(ids)), dtype="uint64")


def member(values: numpy.ndarray, wanted: numpy.ndarray) -> numpy.ndarray:
    """values[i] in wanted (sorted), for every i: a binary search each, in C.

    ``numpy.isin`` gives the same answer but sorts both arrays on every call, several times slower
    for the few ids a rule looks for in one document's tokens."""
    if not len(wanted):
        return numpy.zeros(len(values), dtype=bool)
    found = numpy.searchsorted(wanted, values)
    return wanted[numpy.minimum(found, len(wanted) - 1)] == values
