"""Every chart holds for any corpus: 5 and 50 generated texts (mixed genres, a fifth undated, dates
to the day, month or year), a single undated text, and the five seed articles. No two texts of a
figure overlap and none is cut at its edge; the wording follows the corpus."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from partnership.build import build
from partnership.corpus import load_corpus
from partnership.events.coding import PROCESSED_EVENT_COLUMNS, load_event_types
from partnership.report.chart_events import date_counts, partnership_timeline
from partnership.report.charts import articles_timeline
from partnership.report.figures import png_bytes, text_problems, use_style
from partnership.report.report_figures import FIGURES, make_figure, processed_tables
from partnership.report.wording import corpus_noun
from tests.generated_corpus import write_corpus

CORPORA = {"5 texts": {"size": 5}, "50 texts": {"size": 50}, "1 undated text": {"size": 1, "undated_only": True}}
NAMES = sorted(FIGURES) + ["articles_timeline"]


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus(request, tmp_path_factory):
    """(tables, texts) of a generated corpus built into a temporary folder (its events are automatic)."""
    folder = tmp_path_factory.mktemp("corpus")
    raw = write_corpus(folder / "raw", **CORPORA[request.param])
    build(raw, folder / "out", jobs=1)
    tables = processed_tables(folder / "out")
    return tables, load_corpus(raw).texts


def draw(name, tables, texts):
    use_style()
    if name == "articles_timeline":
        return articles_timeline(tables["documents"])
    return make_figure(name, tables, texts)


def check_figure(name, tables, texts):
    fig, data, labels = draw(name, tables, texts)
    try:
        assert text_problems(fig) == [], name
    finally:
        plt.close(fig)
    words = " ".join(labels.values()).lower()
    assert labels["caption"] and labels["alt_text"] and labels["title"]
    assert "five" not in words
    if corpus_noun(tables["documents"]) == "texts":
        assert "article" not in (labels["title"] + labels["caption"]).lower(), name
    return data, labels


@pytest.mark.parametrize("name", NAMES)
def test_generated_corpus_draws_every_figure_cleanly(corpus, name):
    tables, texts = corpus
    data, labels = check_figure(name, tables, texts)
    documents = tables["documents"]
    undated = int((documents["published"] == "").sum())
    if name in ("hedging", "articles_timeline") and undated:
        assert "undated" in labels["caption"]
    if name == "hedging" and undated:
        assert set(documents.loc[documents["published"] == "", "doc_id"]) <= set(data["doc_id"])  # listed
    if name == "partnership_timeline" and (tables["events"]["date"] != "").any():
        assert "automatic" in labels["caption"]


@pytest.mark.parametrize("name", NAMES)
def test_seed_articles_draw_every_figure_cleanly(name):
    check_figure(name, processed_tables(), load_corpus().texts)


def test_labels_are_placed_the_same_on_every_run(corpus):
    tables, texts = corpus
    for name in ("material_support", "hedging", "partnership_timeline"):
        first, second = draw(name, tables, texts)[0], draw(name, tables, texts)[0]
        try:
            assert png_bytes(first) == png_bytes(second), name
        finally:
            plt.close(first)
            plt.close(second)


def test_empty_events_table_draws_an_empty_timeline():
    use_style()
    fig, data, labels = partnership_timeline(pd.DataFrame(columns=PROCESSED_EVENT_COLUMNS, dtype=str),
                                             load_event_types())
    try:
        assert text_problems(fig) == []
        assert data.empty and "no dated event" in labels["caption"]
    finally:
        plt.close(fig)


def test_automatic_events_are_counted_and_drawn_apart():
    tables = processed_tables()
    events = tables["events"].assign(coding="hand")
    events.loc[events.index[:5], "coding"] = "automatic"
    dated_automatic = int((events.loc[events.index[:5], "date"] != "").sum())
    use_style()
    fig, data, labels = partnership_timeline(events, load_event_types())
    try:
        assert text_problems(fig) == []
        assert f"{dated_automatic} of the events are coded automatically" in labels["caption"]
        legend = [t.get_text() for legend in fig.legends for t in legend.get_texts()]
        assert "automatic (from candidates)" in legend
    finally:
        plt.close(fig)



def test_titles_that_would_collide_give_way_to_the_distribution():
    documents = pd.DataFrame({"doc_id": [f"d{i}" for i in range(7)], "genre": ["wire"] * 7,
                              "title": [f"A rather long title number {i} about a meeting in the capital" for i in range(7)],
                              "published": [f"2024-03-0{i + 1}" for i in range(7)], "date_precision": ["day"] * 7,
                              "n_words": [300 + i for i in range(7)]})
    use_style()
    for part, kind in ((documents.head(2), "Stem chart"), (documents, "Bar charts")):
        fig, data, labels = articles_timeline(part)
        try:
            assert text_problems(fig) == [] and labels["alt_text"].startswith(kind)
        finally:
            plt.close(fig)


def bounded_variant(kind: str) -> pd.DataFrame:
    """The seed events with some undated events bounded on one side, on both, or only bounded events left."""
    events = processed_tables()["events"].copy()
    undated = events.index[events["date"] == ""]
    if kind == "open ends":  # one open at its start, one at its end, one automatic
        events.loc[undated[0], ["date_not_before", "date_not_after"]] = ["", "2023-09"]
        events.loc[undated[1], ["date_not_before", "date_not_after"]] = ["2024-06-19", ""]
        events.loc[undated[2], ["date_not_before", "date_not_after", "coding"]] = ["2023", "2024", "automatic"]
    elif kind == "only bounded":
        events = events.loc[undated]
    return events


@pytest.mark.parametrize("kind", ["seed", "open ends", "only bounded"])
def test_bounded_events_are_drawn_as_ranges_and_counted(kind):
    events = bounded_variant(kind)
    counts = date_counts(events)
    use_style()
    fig, data, labels = partnership_timeline(events, load_event_types())
    try:
        assert text_problems(fig) == []
        hatched = [p for ax in fig.axes for p in ax.patches if p.get_hatch()]
        assert len(hatched) == counts["bounded"] * len(fig.axes)  # one range per bounded event in each panel
        legend = [t.get_text() for legend in fig.legends for t in legend.get_texts()]
        assert any(text.startswith("not dated, bounded") for text in legend)
    finally:
        plt.close(fig)
    bounded = data[data["drawn_as"] == "bounded"]
    assert len(bounded) == counts["bounded"] > 0 and len(data) == counts["dated"] + counts["bounded"]
    assert f"{counts['bounded']:,} not dated but bounded by the texts" in labels["caption"]
    if counts["undrawn"]:
        assert f"{counts['undrawn']:,} event{'s' * (counts['undrawn'] != 1)} with neither date nor bound" in \
            labels["caption"]
    if kind == "seed":
        kursk = data.set_index("event_id").loc["prk_troops_to_kursk"]
        assert (kursk["x_start"], kursk["x_end"]) == ("2024-06-19", "2025-06-04")
        assert "troop deployment (between 2024-06-19 and 2025-06-04)" in labels["alt_text"]


def test_precision_is_drawn_and_explained():
    use_style()
    fig, data, labels = partnership_timeline(processed_tables()["events"], load_event_types())
    try:
        legend = [t.get_text() for legend in fig.legends for t in legend.get_texts()]
        assert {"to the day: marker", "to the month or year: faint band", "lasted: solid bar"} <= set(legend)
    finally:
        plt.close(fig)
    month = data[data["drawn_as"] == "month"].iloc[0]
    assert month["x_start"].endswith("-01") and month["x_end"] > month["x_start"]  # the whole month, not its first day
