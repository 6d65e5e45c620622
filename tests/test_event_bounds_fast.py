"""The rule's publication bounds, made in one pass over plain lists, against the pandas sort they replace."""

import random

import pandas as pd

from partnership.events.coding import PAST_MODES, PROCESSED_BOUND_COLUMNS, _latest_day, publication_bounds


def _by_pandas(events, evidence, documents):
    published = dict(zip(documents["doc_id"].tolist(), documents["published"].tolist()))
    undated = set(events.loc[events["date"] == "", "event_id"])
    past = evidence[evidence["event_id"].isin(undated) & evidence["reported_as"].isin(PAST_MODES)
                    & evidence["doc_id"].map(lambda d: bool(published.get(d)))]
    first = (past.assign(_day=past["doc_id"].map(lambda d: _latest_day(published[d])),
                         _start=past["start"].astype(int))
             .sort_values(["event_id", "_day", "doc_id", "_start"], kind="mergesort")
             .drop_duplicates("event_id"))
    rows = [{"event_id": event_id, "bound": "not_after", "value": published[doc_id], "basis": "published",
             "doc_id": doc_id, "sent_id": int(sent_id), "start": int(start), "end": int(end), "quote": quote,
             "note": f"rule: the article, published {published[doc_id]}, reports the event as past ({how})",
             "coding": "rule"}
            for event_id, doc_id, sent_id, start, end, quote, how in zip(
                first["event_id"], first["doc_id"], first["sent_id"], first["start"], first["end"],
                first["quote"], first["reported_as"])]
    return pd.DataFrame(rows, columns=PROCESSED_BOUND_COLUMNS)


def test_publication_bounds_are_those_of_the_pandas_sort():
    rng = random.Random(7)
    events = pd.DataFrame({"event_id": [f"e{i}" for i in range(40)],
                           "date": [rng.choice(["", "", "2024-06", "2024-06-19"]) for _ in range(40)]})
    documents = pd.DataFrame({"doc_id": [f"d{i}" for i in range(8)],
                              "published": ["2024-06-20", "2024-06", "2024", "", "2024-06-20", "2023-01-02",
                                            "2024-06-20", "2024"]})
    rows = []
    for n in range(400):  # few offsets and quotes: many ties, which the earlier evidence row wins
        rows.append({"event_id": rng.choice(events["event_id"]), "doc_id": rng.choice([*documents["doc_id"], "dx"]),
                     "sent_id": rng.randint(1, 3), "start": rng.choice([0, 5, 5, 40]), "end": 60,
                     "quote": f"q{n}", "reported_as": rng.choice(["asserted", "alleged", "historical", "expected",
                                                                  "denied"])})
    evidence = pd.DataFrame(rows)
    expected = _by_pandas(events, evidence, documents)
    assert len(expected) > 10
    pd.testing.assert_frame_equal(publication_bounds(events, evidence, documents), expected)
    empty = publication_bounds(events, evidence.iloc[:0], documents)
    assert empty.empty and list(empty.columns) == PROCESSED_BOUND_COLUMNS
