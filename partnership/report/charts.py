"""The numbers behind each chart, and the charts drawn from them.

A ``*_data`` function turns tables into exactly the numbers plotted (saved beside
the PNG and recomputed by the tests); the matching ``plot_*`` function draws them.
"""

import calendar
import datetime as dt
import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from partnership.report.figures import PALETTE, add_source_line

PANEL_GAP_DAYS = 180  # dates further apart than this go to separate panels
MIN_PANEL_DAYS = 60
LABEL_LEVELS = 3  # staggered label rows, so articles a few days apart stay readable


def date_span(published: str, precision: str) -> tuple[dt.date, dt.date] | None:
    """First and last day a recorded publication date can mean (None when unknown)."""
    if not published:
        return None
    parts = [int(p) for p in published.split("-")]
    if precision == "day":
        day = dt.date(*parts)
        return day, day
    if precision == "month":
        last = calendar.monthrange(parts[0], parts[1])[1]
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def articles_timeline_data(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per dated article: its date span, length and the panel it is drawn in."""
    rows = []
    for doc in documents.itertuples(index=False):
        span = date_span(doc.published, doc.date_precision)
        if span is None:
            continue
        rows.append(
            {
                "doc_id": doc.doc_id,
                "title": doc.title,
                "published": doc.published,
                "date_precision": doc.date_precision,
                "date_from": span[0].isoformat(),
                "date_to": span[1].isoformat(),
                "n_words": doc.n_words,
            }
        )
    table = pd.DataFrame(
        rows, columns=["doc_id", "title", "published", "date_precision", "date_from", "date_to", "n_words"]
    ).sort_values(["date_from", "doc_id"], ignore_index=True)
    gaps = pd.to_datetime(table["date_from"]).diff().dt.days.fillna(0)
    table["panel"] = (gaps > PANEL_GAP_DAYS).cumsum().astype(int) + 1
    return table


def plot_articles_timeline(data: pd.DataFrame, title: str, source: str):
    """Articles as stems on a time axis (a band where only the month is known), one panel per cluster.

    Labels sit in staggered rows above the stems, joined to them by dotted leaders,
    so that articles a few days apart stay readable.
    """
    panels = sorted(data["panel"].unique())
    limits = [_panel_limits(data[data["panel"] == p]) for p in panels]
    widths = [(last - first).days for first, last in limits]
    fig, axes = plt.subplots(
        1, len(panels), figsize=(10, 5.5), sharey=True, squeeze=False,
        gridspec_kw={"width_ratios": widths, "wspace": 0.06},
    )
    axes = axes[0]
    highest = data["n_words"].max()
    label_rows = [highest * (1.15 + 0.25 * level) for level in range(LABEL_LEVELS)]
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
            label_y = label_rows[i % LABEL_LEVELS]
            ax.plot([middle, middle], [row.n_words, label_y], ":", color="#888888", linewidth=0.8)
            ax.annotate("\n".join(textwrap.wrap(row.title, 28)), (middle, label_y), xytext=(0, 2),
                        textcoords="offset points", ha="center", va="bottom", fontsize=7.5)
        ax.set_xlim(first, last)
        ax.set_ylim(0, label_rows[-1] * 1.18)
        locator = mdates.MonthLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    for ax in axes[1:]:
        ax.spines["left"].set_linestyle((0, (2, 2)))
        ax.tick_params(axis="y", left=False)
    axes[0].set_ylabel("Length of the article (words)")
    axes[0].set_yticks([t for t in axes[0].get_yticks() if t <= highest * 1.05])
    if len(panels) > 1:
        fig.supxlabel("Publication date (the time axis is broken between panels)", fontsize=9, y=0.07)
    else:
        fig.supxlabel("Publication date", fontsize=9, y=0.07)
    fig.suptitle(title, fontweight="bold")
    handles = [
        plt.Line2D([], [], color=PALETTE[0], marker="o", linewidth=2, label="date known to the day"),
        plt.Rectangle((0, 0), 1, 1, color=PALETTE[1], alpha=0.35, label="only the month is known"),
    ]
    fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.94), frameon=False, fontsize=8, ncols=2)
    add_source_line(fig, source)
    fig.subplots_adjust(bottom=0.18, top=0.86, left=0.08, right=0.98)
    return fig



def _panel_limits(part: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Axis limits around a panel's dates: 10 days of margin, and at least two months wide."""
    first = pd.Timestamp(part["date_from"].min()) - pd.Timedelta(days=10)
    last = pd.Timestamp(part["date_to"].max()) + pd.Timedelta(days=10)
    shortfall = MIN_PANEL_DAYS - (last - first).days
    if shortfall > 0:
        first -= pd.Timedelta(days=shortfall // 2)
        last += pd.Timedelta(days=shortfall - shortfall // 2)
    return first, last


def articles_timeline_text(data: pd.DataFrame) -> dict[str, str]:
    """Title, one-sentence caption and alt text for the articles timeline, from its data."""
    per_year = data["published"].str[:4].value_counts().sort_index()
    counts = ", ".join(f"{n} from {year}" for year, n in per_year.items())
    longest, shortest = data.loc[data["n_words"].idxmax()], data.loc[data["n_words"].idxmin()]
    caption = (
        f"The {len(data)} articles by publication date and length ({counts}); the longest, "
        f"“{longest['title']}”, has {longest['n_words']:,} words and the shortest, "
        f"“{shortest['title']}”, {shortest['n_words']:,}."
    )
    alt_text = "Stem chart of article length in words against publication date. " + " ".join(
        f"{row.title}: published {row.published} (known to the {row.date_precision}), {row.n_words:,} words."
        for row in data.itertuples()
    )
    return {"title": f"The articles in time: {counts}", "caption": caption, "alt_text": alt_text}


ARTICLES_TIMELINE_SOURCE = "data/processed/documents.csv (dates: data/raw/sources.csv)"


def articles_timeline(documents: pd.DataFrame):
    """The whole chart from the documents table: (figure, plotted data, title/caption/alt text)."""
    data = articles_timeline_data(documents)
    labels = articles_timeline_text(data)
    fig = plot_articles_timeline(data, title=labels["title"], source=ARTICLES_TIMELINE_SOURCE)
    return fig, data, labels
