"""Each figure has its data and alt text, and a rebuild gives the same bytes."""


import matplotlib.pyplot as plt
import pandas as pd
import pytest

from partnership import config
from partnership.report.charts import articles_timeline
from partnership.corpus import load_corpus
from partnership.report.figures import MIN_WIDTH_PX, png_bytes, save_figure, use_style
from partnership.tables import to_csv_text


def alt_text_table():
    return pd.read_csv(config.FIGURE_ALT_TEXT_FILE, dtype=str, keep_default_na=False)


def test_every_png_has_data_and_alt_text():
    pngs = sorted(p.stem for p in config.FIGURES_DIR.glob("*.png"))
    assert pngs, "no figures written"
    registry = alt_text_table().set_index("figure")
    assert sorted(registry.index) == pngs
    for name in pngs:
        assert (config.FIGURE_DATA_DIR / f"{name}.csv").is_file()
        assert registry.loc[name, "caption"] and registry.loc[name, "alt_text"]


def test_articles_timeline_rebuilds_byte_identically():
    use_style()
    fig, data, labels = articles_timeline(load_corpus().documents)
    try:
        assert to_csv_text(data).encode() == (config.FIGURE_DATA_DIR / "articles_timeline.csv").read_bytes()
        assert png_bytes(fig) == (config.FIGURES_DIR / "articles_timeline.png").read_bytes()
    finally:
        plt.close(fig)
    entry = alt_text_table().set_index("figure").loc["articles_timeline"]
    assert entry["caption"] == labels["caption"] and entry["alt_text"] == labels["alt_text"]


def test_png_is_wide_enough():
    from PIL import Image

    for path in config.FIGURES_DIR.glob("*.png"):
        with Image.open(path) as image:
            assert image.width >= MIN_WIDTH_PX, path.name


def test_save_figure_writes_three_files_and_keeps_other_entries(tmp_path):
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.plot([1, 2], [3, 4])
    data = pd.DataFrame({"x": [1, 2], "y": [3, 4]})
    save_figure(fig, "b_chart", data, caption="B.", alt_text="Line rising.", figures_dir=tmp_path)
    save_figure(fig, "a_chart", data, caption="A.", alt_text="Line.", figures_dir=tmp_path)
    save_figure(fig, "b_chart", data, caption="B2.", alt_text="Line rising.", figures_dir=tmp_path)
    plt.close(fig)
    registry = pd.read_csv(tmp_path / "alt_text.csv", dtype=str)
    assert list(registry["figure"]) == ["a_chart", "b_chart"]
    assert list(registry["caption"]) == ["A.", "B2."]
    assert (tmp_path / "data" / "b_chart.csv").read_text() == "x,y\n1,3\n2,4\n"
    assert b"Software" not in (tmp_path / "b_chart.png").read_bytes()


def test_narrow_figure_is_refused():
    fig = plt.figure(figsize=(4, 3))
    with pytest.raises(ValueError, match="make it wider"):
        png_bytes(fig)
    plt.close(fig)


@pytest.mark.parametrize("name", sorted(__import__("partnership.report.report_figures", fromlist=["FIGURES"]).FIGURES))
def test_report_figure_rebuilds_from_the_tables_byte_identically(name):
    from partnership.report.report_figures import make_figure, processed_tables

    use_style()
    fig, data, labels = make_figure(name, processed_tables(), load_corpus().texts)
    try:
        assert to_csv_text(data).encode() == (config.FIGURE_DATA_DIR / f"{name}.csv").read_bytes()
        assert png_bytes(fig) == (config.FIGURES_DIR / f"{name}.png").read_bytes()
    finally:
        plt.close(fig)
    entry = alt_text_table().set_index("figure").loc[name]
    assert entry["caption"] == labels["caption"] and entry["alt_text"] == labels["alt_text"]
    assert "Source: data/" in "".join(t.get_text() for t in fig.texts)


def test_time_bins_coarsen_until_a_third_hold_a_text():
    from partnership.report.figures import time_unit

    def spans(*days):
        return [(pd.Timestamp(d), pd.Timestamp(d)) for d in days]

    sparse = spans("2023-09-04", "2023-09-12", "2023-10-18", "2025-06-17")  # 3 of 22 months, 3 of 8 quarters
    assert time_unit(sparse) == "month"  # without the rule: months, mostly empty
    assert time_unit(sparse, min_occupied=1 / 3) == "quarter"
    dense = spans(*(f"2024-{m:02d}-01" for m in range(1, 13)))
    assert time_unit(dense, min_occupied=1 / 3) == "month"
    assert time_unit(spans("2019-04-25", "2025-06-17"), min_occupied=1 / 3) == "year"


def test_stem_titles_stay_inside_their_panel_and_apart():
    """Four invented texts within seven weeks, the last near its panel's right edge, and two more, a year apart:
    every title is drawn whole, inside its own panel (the next would hide what crosses), none on another."""
    from partnership.report.charts import _titles_outside_panels, stem_levels
    from partnership.report.figures import text_problems

    documents = pd.DataFrame({
        "doc_id": ["a", "b", "c", "d", "f", "e"],
        "title": ["Kim reportedly plans a visit to Russia this month", "Washington says Kim expects arms talks with Putin",
                  "Kim arrives in Russia by train for a meeting with Putin", "Lavrov and Choe Sun Hui meet in Pyongyang",
                  "Putin and Kim sign partnership treaty (invented example)", "Shoigu's second visit to Pyongyang in a month"],
        "published": ["2023-09", "2023-09-04", "2023-09-12", "2023-10-19", "2024-06-20", "2025-06-17"],
        "date_precision": ["month", "day", "day", "day", "day", "day"], "n_words": [574, 504, 713, 672, 96, 315]})
    use_style()
    fig, data, labels = articles_timeline(documents)
    try:
        assert "Stem chart" in labels["alt_text"] and stem_levels(data) > 3  # three rows of titles were too few
        assert not text_problems(fig) and not _titles_outside_panels(fig, fig.axes)
        assert len([t for ax in fig.axes for t in ax.texts]) == 6
    finally:
        plt.close(fig)
