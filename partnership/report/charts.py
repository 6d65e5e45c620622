"""The corpus in time: the chart notebook 01 draws (``articles_timeline``).

A ``*_data`` function turns tables into exactly the numbers plotted (saved beside
the PNG and recomputed by the tests); the matching ``plot_*`` function draws them.
With few dated texts each is a titled stem; with more, titles cannot all be read, so
the chart shows how many texts fall in each month (or quarter, or year) and how long
they are. Undated texts are listed in the data and left off the time axis.
"""

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.transforms import Bbox
import pandas as pd

from partnership.report.figures import (
    PALETTE, add_source_line, date_span, date_ticks, precision_of, text_problems, time_bin, time_bins, time_unit,
    undated_note,
)
from partnership.report.wording import corpus_noun

PANEL_GAP_DAYS = 180  # dates further apart than this go to separate panels
MIN_PANEL_DAYS = 60
LABEL_LEVELS = 3  # staggered label rows, so texts a few days apart stay readable
TITLE_GAP_PX = 4  # between two titles on one row
MAX_LABEL_LEVELS = 5  # rows tried, one more at a time, before the stems give way to the distribution
LABEL_WIDTH_CHARS = 28
MAX_LABELLED = 8  # more dated texts than this (or titles that collide): the distribution, not one title each
TIMELINE_COLUMNS = ["doc_id", "title", "published", "date_precision", "date_from", "date_to", "n_words", "panel",
                    "time_bin"]


def articles_timeline_data(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per text: its date span (empty when undated), length, the panel and time bin it is drawn in."""
    rows = []
    for doc in documents.itertuples(index=False):
        span = date_span(doc.published, doc.date_precision)
        rows.append({
            "doc_id": doc.doc_id, "title": doc.title, "published": doc.published,
            "date_precision": precision_of(doc.published, doc.date_precision),
            "date_from": span[0].date().isoformat() if span else "",
            "date_to": span[1].date().isoformat() if span else "", "n_words": int(doc.n_words),
        })
    table = pd.DataFrame(rows, columns=TIMELINE_COLUMNS[:7])
    table = table.assign(undated=table["date_from"] == "").sort_values(
        ["undated", "date_from", "doc_id"], ignore_index=True).drop(columns="undated")
    dated = table["date_from"] != ""
    gaps = pd.to_datetime(table.loc[dated, "date_from"]).diff().dt.days.fillna(0)
    table["panel"] = pd.Series(pd.NA, index=table.index, dtype="Int64")
    table.loc[dated, "panel"] = (gaps > PANEL_GAP_DAYS).cumsum().astype(int) + 1
    spans = [(pd.Timestamp(a), pd.Timestamp(b)) for a, b in zip(table.loc[dated, "date_from"], table.loc[dated, "date_to"])]
    unit = time_unit(spans, set(table.loc[dated, "date_precision"]))
    table["time_bin"] = [time_bin(pd.Timestamp(d), unit) if d else "undated" for d in table["date_from"]]
    return table[TIMELINE_COLUMNS]


def plot_articles_timeline(data: pd.DataFrame, title: str, source: str, noun: str = "articles",
                           stems: bool | None = None, levels: int | None = None):
    """Titled stems when at most MAX_LABELLED texts are dated and their titles do not collide, else the
    distribution per time bin (``stems`` forces one or the other; ``levels``, the rows of titles, when
    ``stem_levels`` has already worked them out: each try draws the chart)."""
    dated = data[data["date_from"] != ""]
    if levels is None and stems is not False:
        levels = stem_levels(data)
    if stems is None:
        stems = levels is not None
    if stems:
        return _plot_stems(dated, title, source, noun, levels or LABEL_LEVELS)
    return _plot_distribution(data, title, source, noun)


def stems_fit(data: pd.DataFrame) -> bool:
    """Whether one title per dated text can be drawn with no two texts overlapping and each inside its panel."""
    return stem_levels(data) is not None


def stem_levels(data: pd.DataFrame) -> int | None:
    """The fewest rows of titles (from LABEL_LEVELS to MAX_LABEL_LEVELS) that fit every dated text's title,
    or None (drawn to see)."""
    dated = data[data["date_from"] != ""]
    if not len(dated) or len(dated) > MAX_LABELLED:
        return None
    for levels in range(LABEL_LEVELS, MAX_LABEL_LEVELS + 1):
        fig = _plot_stems(dated, "", "", "texts", levels)
        try:
            if not fig.titles_without_room and not text_problems(fig) and not _titles_outside_panels(fig, fig.axes):
                return levels
        finally:
            plt.close(fig)
    return None


def _plot_stems(data: pd.DataFrame, title: str, source: str, noun: str, levels: int = LABEL_LEVELS):
    """Texts as titled stems on a time axis (a band where only the month or year is known), one panel per
    cluster; labels in staggered rows joined to their stems by dotted leaders."""
    panels = sorted(data["panel"].unique())
    limits = [_panel_limits(data[data["panel"] == p]) for p in panels]
    widths = [(last - first).days for first, last in limits]
    fig, axes = plt.subplots(
        1, len(panels), figsize=(10, 5.5), sharey=True, squeeze=False,
        gridspec_kw={"width_ratios": widths, "wspace": 0.06},
    )
    axes = axes[0]
    highest = data["n_words"].max()
    label_rows = [highest * (1.15 + 0.25 * level) for level in range(levels)]
    titles = []  # (panel, leader line, title) in date order
    for ax, panel, (first, last) in zip(axes, panels, limits):
        part = data[data["panel"] == panel]
        for i, row in enumerate(part.itertuples(index=False)):
            start, end = pd.Timestamp(row.date_from), pd.Timestamp(row.date_to) + pd.Timedelta(days=1)
            middle = start + (end - start) / 2
            if row.date_precision == "day":
                ax.vlines(middle, 0, row.n_words, color=PALETTE[0], linewidth=2)
                ax.plot(middle, row.n_words, "o", color=PALETTE[0], markersize=7)
            else:
                ax.fill_between([start, end], 0, row.n_words, color=PALETTE[1], alpha=0.35, linewidth=0)
            label_y = label_rows[i % levels]
            leader, = ax.plot([middle, middle], [row.n_words, label_y], ":", color="#888888", linewidth=0.8)
            title_text = ax.annotate("\n".join(textwrap.wrap(row.title, LABEL_WIDTH_CHARS)), (middle, label_y),
                                     xytext=(0, 2), textcoords="offset points", ha="center", va="bottom", fontsize=7.5)
            titles.append((ax, leader, title_text))
        ax.set_xlim(first, last)
        ax.set_ylim(0, label_rows[-1] * 1.18)
        locator = mdates.AutoDateLocator(minticks=2, maxticks=max(3, int(6 * (last - first).days / sum(widths)) + 2))
        date_ticks(ax, locator)
    for ax in axes[1:]:
        ax.spines["left"].set_linestyle((0, (2, 2)))
        ax.tick_params(axis="y", left=False)
    axes[0].set_ylabel(f"Length of the {noun[:-1]} (words)")
    axes[0].set_yticks([t for t in axes[0].get_yticks() if t <= highest * 1.05])
    broken = " (the time axis is broken between panels)" if len(panels) > 1 else ""
    fig.supxlabel(f"Publication date{broken}", fontsize=9, y=0.07)
    fig.suptitle(title, fontweight="bold")
    precisions = set(data["date_precision"])
    handles = []
    if "day" in precisions:
        handles.append(plt.Line2D([], [], color=PALETTE[0], marker="o", linewidth=2, label="date known to the day"))
    if precisions - {"day"}:
        handles.append(plt.Rectangle((0, 0), 1, 1, color=PALETTE[1], alpha=0.35,
                                     label="only the month or year is known"))
    fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.94), frameon=False, fontsize=8,
               ncols=len(handles))
    add_source_line(fig, source)
    fig.subplots_adjust(bottom=0.18, top=0.86, left=0.08, right=0.955)  # room for a last tick "Sep 2023"
    fig.titles_without_room = _arrange_titles(fig, titles, label_rows)  # read by stem_levels
    return fig


def _titles_outside_panels(fig, axes) -> list:
    """The stems' titles that reach past their own panel's sides (the next panel would hide them)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    outside = []
    for ax in axes:
        for text in ax.texts:
            box = text.get_window_extent(renderer)
            if box.x0 < ax.bbox.x0 - 1 or box.x1 > ax.bbox.x1 + 1:
                outside.append((ax, text, box))
    return outside


def _arrange_titles(fig, titles, label_rows) -> int:
    """Each title, in date order, on the lowest row where it meets no title or leader placed before it and its
    dotted leader crosses no title (failing that, the lowest row where the title alone is clear), aligned to its
    stem from the side that keeps it inside its panel; a title with no free row keeps the row it was given in
    turn (and ``stems_fit`` then rejects the chart). Returns how many found no free row."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes, leaders = [], []  # what is placed: the titles' boxes, the leaders' thin boxes
    crowded = 0

    def leader_box(leader):
        (x, y0), (_, y1) = leader.get_transform().transform(leader.get_xydata())
        return Bbox.from_extents(x - 1, min(y0, y1), x + 1, max(y0, y1))

    for ax, leader, text in titles:
        default = (text.xy[1], text.get_horizontalalignment())
        free = []  # (row, its alignment, whether its leader crosses a title placed before)
        for label_y in label_rows:
            text.xy = (text.xy[0], label_y)
            text.set_horizontalalignment("center")
            box = text.get_window_extent(renderer)
            if box.x1 > ax.bbox.x1 + 1 or box.x0 < ax.bbox.x0 - 1:
                text.set_horizontalalignment("right" if box.x1 > ax.bbox.x1 + 1 else "left")
                box = text.get_window_extent(renderer)
            leader.set_ydata([leader.get_ydata()[0], label_y])
            # a gap of a few pixels: text measured on screen grows a little when saved at a higher resolution
            if not any(box.padded(TITLE_GAP_PX).overlaps(other) for other in boxes + leaders):
                crosses = any(leader_box(leader).overlaps(other) for other in boxes)
                free.append((label_y, text.get_horizontalalignment(), crosses))
                if not crosses:
                    break
        # the lowest row whose leader crosses no title, else the lowest free row (a dotted line over a title
        # is a blemish; a title over a title is unreadable)
        chosen = next((f for f in free if not f[2]), free[0] if free else None)
        if chosen is None:
            crowded += 1
            chosen = (default[0], default[1], True)
        text.xy = (text.xy[0], chosen[0])
        text.set_horizontalalignment(chosen[1])
        leader.set_ydata([leader.get_ydata()[0], chosen[0]])
        boxes.append(text.get_window_extent(renderer))
        leaders.append(leader_box(leader))
    return crowded


def _plot_distribution(data: pd.DataFrame, title: str, source: str, noun: str):
    """Texts per time bin (with an 'undated' bar apart), and the words in each bin."""
    bins = [b for b in dict.fromkeys(data["time_bin"]) if b != "undated"]
    dated = data[data["date_from"] != ""]
    if len(dated):
        unit = "year" if len(bins[0]) == 4 else ("quarter" if "Q" in bins[0] else "month")
        bins = time_bins(pd.Timestamp(dated["date_from"].min()), pd.Timestamp(dated["date_to"].max()), unit)
    n_undated = int((data["date_from"] == "").sum())
    columns = bins + (["undated"] if n_undated else [])
    counts = data["time_bin"].value_counts().reindex(columns, fill_value=0)
    words = data.groupby("time_bin")["n_words"].sum().reindex(columns, fill_value=0)
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 6), sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    x = list(range(len(columns)))
    colours = [PALETTE[5] if c == "undated" else PALETTE[0] for c in columns]
    top.bar(x, counts.values, color=colours)
    bottom.bar(x, words.values, color=colours)
    top.set_ylabel(noun)
    bottom.set_ylabel("words")
    top.yaxis.get_major_locator().set_params(integer=True)
    step = max(1, -(-len(columns) // 24))  # at most 24 tick labels
    ticks = [i for i in x if i % step == 0 or columns[i] == "undated"]
    bottom.set_xticks(ticks, [columns[i] for i in ticks], rotation=90, fontsize=8)
    if n_undated and bins:
        for ax in (top, bottom):
            ax.axvline(len(bins) - 0.5, color="#888888", linestyle=":", linewidth=1)
    fig.suptitle(title, fontweight="bold")
    fig.supxlabel(f"Publication date, by {_unit_name(bins)}", fontsize=9, y=0.02 + 0.06)
    add_source_line(fig, source)
    fig.subplots_adjust(bottom=0.24, top=0.9, left=0.09, right=0.98, hspace=0.08)
    return fig


def _unit_name(bins: list[str]) -> str:
    if not bins:
        return "time (no date is known)"
    return "year" if len(bins[0]) == 4 else ("quarter" if "Q" in bins[0] else "month")


def _panel_limits(part: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Axis limits around a panel's dates: 10 days of margin, and at least two months wide."""
    first = pd.Timestamp(part["date_from"].min()) - pd.Timedelta(days=10)
    last = pd.Timestamp(part["date_to"].max()) + pd.Timedelta(days=10)
    shortfall = MIN_PANEL_DAYS - (last - first).days
    if shortfall > 0:
        first -= pd.Timedelta(days=shortfall // 2)
        last += pd.Timedelta(days=shortfall - shortfall // 2)
    return first, last


def articles_timeline_text(data: pd.DataFrame, documents: pd.DataFrame | None = None,
                           stems: bool | None = None) -> dict[str, str]:
    """Title, one-sentence caption and alt text for the corpus timeline, from its data."""
    documents = data if documents is None else documents
    stems = stems_fit(data) if stems is None else stems
    noun = corpus_noun(documents)
    dated = data[data["date_from"] != ""]
    undated = data[data["date_from"] == ""]
    per_year = dated["published"].str[:4].value_counts().sort_index()
    counts = ", ".join(f"{n} from {year}" for year, n in per_year.items())
    longest, shortest = data.loc[data["n_words"].idxmax()], data.loc[data["n_words"].idxmin()]
    caption = (f"The {len(data):,} {corpus_noun(documents, len(data))} by publication date and length"
               + (f" ({counts})" if counts else "") + ". ")
    if len(data) > 1:
        caption += (f"The longest, “{longest['title']}”, has {longest['n_words']:,} words and the shortest, "
                    f"“{shortest['title']}”, {shortest['n_words']:,}")
    else:
        caption += f"It has {longest['n_words']:,} words"
    note = undated_note(len(undated), corpus_noun(documents, len(undated)))
    if len(dated) == 0:
        note = (f"no {corpus_noun(documents, 1)} is dated, so "
                + ("it is drawn in the undated bar" if len(data) == 1 else "all are drawn in the undated bar"))
    elif len(undated) and not stems:
        note = f"{len(undated):,} undated {corpus_noun(documents, len(undated))} are drawn apart, in the undated bar"
    caption += f"; {note}." if note else "."
    if stems:
        kind = f"Stem chart of {noun[:-1]} length in words against publication date. "
    else:
        kind = f"Bar charts of the number of {noun} and their words per {_unit_name(sorted(set(dated['time_bin'])))}. "
    alt_text = kind + " ".join(
        f"{row.title}: " + (f"published {row.published} (dated to the {row.date_precision})" if row.published
                            else "undated") + f", {row.n_words:,} words." for row in data.itertuples())
    span = (f", {per_year.index.min()}–{per_year.index.max()}" if len(per_year) > 1
            else (f", {per_year.index[0]}" if len(per_year) else ""))
    return {"title": f"The {noun} in time: {len(data):,} {corpus_noun(documents, len(data))}{span}",
            "caption": caption, "alt_text": alt_text}


ARTICLES_TIMELINE_SOURCE = "data/processed/documents.csv (dates: data/raw/sources.csv)"


def articles_timeline(documents: pd.DataFrame):
    """The whole chart from the documents table: (figure, plotted data, title/caption/alt text)."""
    data = articles_timeline_data(documents)
    levels = stem_levels(data)
    labels = articles_timeline_text(data, documents, levels is not None)
    fig = plot_articles_timeline(data, title=labels["title"], source=ARTICLES_TIMELINE_SOURCE,
                                 noun=corpus_noun(documents), stems=levels is not None, levels=levels)
    return fig, data, labels
