"""Character spans sorted once, so "which spans overlap this range?" costs a bisect, not a scan.

Scanning every date or name of an article for every sentence or match grows with the
square of the article's length (a 1 MB article has thousands of each).
"""

import bisect


class SpanIndex:
    """(start, end) spans, to find those overlapping a range (``s < end and e > start``)."""

    def __init__(self, spans):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        # a span ending after ``start`` begins after ``start - longest``
        self.longest = max((e - s for s, e in self.spans), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        low = bisect.bisect_right(self.starts, start - max(self.longest, 0))
        high = bisect.bisect_left(self.starts, end)
        return [(s, e) for s, e in self.spans[low:high] if e > start]

    def overlaps(self, start: int, end: int) -> bool:
        low = bisect.bisect_right(self.starts, start - max(self.longest, 0))
        high = bisect.bisect_left(self.starts, end)
        return any(e > start for _, e in self.spans[low:high])
