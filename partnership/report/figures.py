"""Saving a chart with everything a reader needs beside it.

Each figure is written as ``figures/<name>.png`` (at least 1600 px wide, no
version stamp, so a rebuild gives the same bytes), the exact plotted numbers as
``figures/data/<name>.csv``, and its caption and alt text as a row of
``figures/alt_text.csv``.
"""

import io
import textwrap
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.transforms import Bbox
import pandas as pd

from partnership import config
from partnership.tables import to_csv_text, write_files

# Okabe–Ito, a palette that colour-blind readers can tell apart.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
EXPORT_DPI = 200
MIN_WIDTH_PX = 1600
ALT_TEXT_COLUMNS = ["figure", "png", "data", "caption", "alt_text"]

STYLE = {
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": plt.cycler(color=PALETTE),
    "figure.dpi": 100,
    "svg.hashsalt": "partnership",
}


def use_style() -> None:
    """Apply the project's chart style (call once at the top of a notebook)."""
    plt.rcParams.update(STYLE)


def add_source_line(fig, text: str) -> None:
    """Write 'Source: …' at the bottom left of the figure."""
    fig.text(0.01, 0.01, f"Source: {text}", ha="left", va="bottom", fontsize=8, color="#555555")


def finish(fig, title: str, source: str, **margins):
    """Title, source line and margins: the last step of every chart."""
    fig.suptitle(title, fontweight="bold")
    add_source_line(fig, source)
    fig.subplots_adjust(**margins)
    return fig


def png_bytes(fig) -> bytes:
    width_in = fig.get_size_inches()[0]
    if width_in * EXPORT_DPI < MIN_WIDTH_PX:
        raise ValueError(f"figure is {width_in * EXPORT_DPI:.0f} px wide at {EXPORT_DPI} dpi; make it wider")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=EXPORT_DPI, metadata={"Software": None})
    return buffer.getvalue()


def save_figure(fig, name: str, data: pd.DataFrame, caption: str, alt_text: str,
                figures_dir=config.FIGURES_DIR) -> list[Path]:
    """Write the PNG, its data CSV and its alt-text row together (all or nothing)."""
    figures_dir = Path(figures_dir)
    png_path = figures_dir / f"{name}.png"
    data_path = figures_dir / "data" / f"{name}.csv"
    alt_path = figures_dir / config.FIGURE_ALT_TEXT_FILE.name
    entry = {
        "figure": name,
        "png": png_path.relative_to(figures_dir).as_posix(),
        "data": data_path.relative_to(figures_dir).as_posix(),
        "caption": caption,
        "alt_text": alt_text,
    }
    if alt_path.exists():
        registry = pd.read_csv(alt_path, dtype=str, keep_default_na=False)
        registry = registry[registry["figure"] != name]
    else:
        registry = pd.DataFrame(columns=ALT_TEXT_COLUMNS)
    registry = pd.concat([registry, pd.DataFrame([entry])], ignore_index=True).sort_values("figure")
    return write_files(
        {
            png_path: png_bytes(fig),
            data_path: to_csv_text(data).encode("utf-8"),
            alt_path: to_csv_text(registry[ALT_TEXT_COLUMNS]).encode("utf-8"),
        }
    )


# --- Dates as precise as they are known, and time bins chosen from the data -------------------------

MAX_TIME_BINS = 24  # beyond this many months (or quarters) the next coarser bin is used


def precision_of(published: str, precision: str = "") -> str:
    """'day', 'month', 'year' or '' (undated), from the recorded precision or the form of the date."""
    if not published:
        return ""
    return precision or {4: "year", 7: "month"}.get(len(published), "day")


def date_span(published: str, precision: str = "") -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """First and last day a recorded date can mean (None when undated)."""
    precision = precision_of(published, precision)
    if not precision:
        return None
    first = pd.Timestamp((published + "-01-01")[:10])
    last = {"day": first, "month": first + pd.offsets.MonthEnd(0), "year": first + pd.offsets.YearEnd(0)}[precision]
    return first, last


def date_middle(published: str, precision: str = "") -> pd.Timestamp | None:
    span = date_span(published, precision)
    return None if span is None else span[0] + (span[1] - span[0]) / 2


def time_unit(spans: list[tuple[pd.Timestamp, pd.Timestamp]], precisions=(), min_occupied: float = 0.0) -> str:
    """'month', 'quarter' or 'year': the finest bin that gives at most MAX_TIME_BINS bins, is no
    finer than the coarsest date (a date known to the year goes in a year bin), and, with
    ``min_occupied``, leaves at least that share of its bins holding a text (a few texts over
    years in month bins would be a chart of empty months)."""
    if not spans:
        return "year"
    first, last = min(s[0] for s in spans), max(s[1] for s in spans)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if "year" in precisions:
        return "year"
    for unit, count in (("month", months), ("quarter", (months + 2) // 3)):
        if count > MAX_TIME_BINS:
            continue
        bins = time_bins(first, last, unit)
        if len({time_bin(s[0], unit) for s in spans}) >= min_occupied * len(bins):
            return unit
    return "year"


def time_bin(day: pd.Timestamp, unit: str) -> str:
    if unit == "month":
        return f"{day.year}-{day.month:02d}"
    if unit == "quarter":
        return f"{day.year} Q{(day.month - 1) // 3 + 1}"
    return str(day.year)


def time_bins(first: pd.Timestamp, last: pd.Timestamp, unit: str) -> list[str]:
    """Every bin from first to last, empty ones included (gaps in time stay visible)."""
    freq = {"month": "MS", "quarter": "QS", "year": "YS"}[unit]
    start = {"month": first.to_period("M"), "quarter": first.to_period("Q"), "year": first.to_period("Y")}[unit]
    days = pd.date_range(start.start_time, last, freq=freq)
    return list(dict.fromkeys(time_bin(d, unit) for d in days))


def undated_note(n: int, noun: str) -> str:
    """The caption's clause about what is left off a time axis."""
    if n == 0:
        return ""
    verb = "is" if n == 1 else "are"
    return f"{n:,} undated {noun} {verb} not drawn on the time axis"


# Tick labels that always carry the year: "Sep 2023", not "Sep"; a day tick reads "15 Sep" beside them.
TICK_FORMATS = ["%Y", "%b %Y", "%d %b", "%H:%M", "%H:%M", "%S.%f"]
TICK_ZERO_FORMATS = ["", "%Y", "%b %Y", "%d %b", "%H:%M", "%H:%M"]


def date_ticks(ax, locator) -> None:
    """Date ticks from ``locator`` on the x axis, each month label with its year (no offset text)."""
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, formats=TICK_FORMATS,
                                                             zero_formats=TICK_ZERO_FORMATS, show_offset=False))


def empty_message(ax, text: str) -> None:
    """An empty chart that says why it is empty."""
    ax.text(0.5, 0.5, "\n".join(textwrap.wrap(text, 60)), transform=ax.transAxes, ha="center", va="center",
            fontsize=10, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)


# --- Labels that never overlap: placed by rule, and checked -----------------------------------------

# Offsets (points) and alignments tried in order for a point label.
LABEL_POSITIONS = [
    ((0, 6), "center", "bottom"), ((0, -6), "center", "top"), ((7, 0), "left", "center"),
    ((-7, 0), "right", "center"), ((7, 7), "left", "bottom"), ((-7, 7), "right", "bottom"),
    ((7, -7), "left", "top"), ((-7, -7), "right", "top"), ((0, 18), "center", "bottom"),
    ((0, -18), "center", "top"), ((0, 30), "center", "bottom"), ((0, -30), "center", "top"),
]
LABEL_PAD_PX = 2


def _renderer(fig):
    return fig.canvas.get_renderer()


def place_labels(ax, items, avoid=(), positions=LABEL_POSITIONS, marks=(), mark_px=6, limit=None, **text_kw) -> list:
    """Annotate each (x, y, text) at the first position where it overlaps no label placed so far,
    no bbox in ``avoid``, no plotted mark in ``marks`` (data points, ``mark_px`` around each) and
    stays inside the axes; a label with no free position is left out.
    Deterministic: the order of ``items`` is the priority. Returns each label drawn (None if left out).
    Call after the figure's margins are final."""
    fig = ax.figure
    renderer = _renderer(fig)
    inside = ax.get_window_extent(renderer)
    taken = [b.expanded(1, 1) for b in avoid]
    for x, y in marks:
        px, py = ax.transData.transform((mdates.date2num(x) if isinstance(x, pd.Timestamp) else x, y))
        taken.append(Bbox([[px - mark_px, py - mark_px], [px + mark_px, py + mark_px]]))
    drawn = []
    for x, y, text in items:
        placed = None
        for offset, ha, va in positions if limit is None or sum(d is not None for d in drawn) < limit else []:
            label = ax.annotate(text, (x, y), xytext=offset, textcoords="offset points", ha=ha, va=va, **text_kw)
            box = label.get_window_extent(renderer).padded(LABEL_PAD_PX)
            fits = (box.x0 >= inside.x0 and box.x1 <= inside.x1 and box.y0 >= inside.y0 and box.y1 <= inside.y1)
            if fits and not any(box.overlaps(t) for t in taken):
                taken.append(box)
                placed = label
                break
            label.remove()
        drawn.append(placed)
    return drawn


def _axis_texts(axis):
    if not axis.get_visible():
        return []
    texts = []
    for tick in axis._update_ticks():  # only the ticks drawn (inside the view limits)
        texts += [t for t in (tick.label1, tick.label2) if t.get_visible()]
    return texts + [axis.label, axis.get_offset_text()]


def visible_texts(fig) -> list:
    """Every Text artist a reader sees: figure texts and titles, axes titles, labels, tick labels,
    annotations and legend texts."""
    texts = list(fig.texts)
    for name in ("_suptitle", "_supxlabel", "_supylabel"):
        if getattr(fig, name, None) is not None:
            texts.append(getattr(fig, name))
    legends = list(fig.legends)
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        texts += [ax.title, ax._left_title, ax._right_title] + list(ax.texts)
        if ax.axison:
            texts += _axis_texts(ax.xaxis) + _axis_texts(ax.yaxis)
        if ax.get_legend() is not None:
            legends.append(ax.get_legend())
    for legend in legends:
        if legend.get_visible():
            texts += list(legend.get_texts()) + [legend.get_title()]
    unique = {id(t): t for t in texts}  # the suptitle is also in fig.texts
    return [t for t in unique.values() if t.get_visible() and t.get_text().strip()]


def text_problems(fig, tolerance: float = 1.0) -> list[str]:
    """Pairs of visible texts that overlap, and texts cut at the figure's edge (empty when clean).
    Touching is allowed: boxes must overlap by more than ``tolerance`` pixels both ways."""
    fig.canvas.draw()
    renderer = _renderer(fig)
    boxes = [(t, t.get_window_extent(renderer)) for t in visible_texts(fig)]
    frame = fig.bbox
    problems = []
    for text, box in boxes:
        if (box.x0 < frame.x0 - tolerance or box.y0 < frame.y0 - tolerance or box.x1 > frame.x1 + tolerance
                or box.y1 > frame.y1 + tolerance):
            problems.append(f"cut at the edge: {text.get_text()!r}")
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            width = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
            height = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
            if width > tolerance and height > tolerance:
                problems.append(f"overlap: {a.get_text()!r} and {b.get_text()!r}")
    return problems
