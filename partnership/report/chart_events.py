"""The partnership timeline: every dated or bounded event by type, with phases shaded.

How well the date is known is drawn, not hidden (``drawn_as``): an event dated to the day
is a marker; one dated only to a month or a year is a faint band over that month or year,
with its marker in the middle; one that lasted (a ``date_end``) is a solid bar; one the
articles bound but do not date (``date_not_before`` / ``date_not_after``, notebook 04) is a
hatched range between its bounds with no marker, and an arrow at an open end. Events with
neither date nor bound are not drawn; the caption counts them.

The axis limits come from the events. When most events crowd into a short recent
stretch after a long quiet gap, the axis is broken at that gap: the sparse years get a
narrow panel and the dense ones a wide one. Events coded automatically from event
candidates (``coding == 'automatic'``; a table without the column is all hand-coded) are
drawn lighter, with a grey edge.
"""

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch, Rectangle

from partnership.events.coding import _first_day, assign_phases, is_phase_opener
from partnership.report.figures import LABEL_POSITIONS, PALETTE, date_ticks, empty_message, place_labels

MODALITY_STYLE = {  # marker, filled
    "asserted": ("o", True),
    "alleged": ("o", False),
    "expected": ("^", False),
    "hypothetical": ("D", False),
    "denied": ("x", True),
    "historical": ("s", True),
}
FALLBACK_STYLE = ("*", True)
TIMELINE_SOURCE = "data/processed/events.csv (hand-coded: data/annotations/events.csv)"
TIMELINE_COLUMNS = ["event_id", "type", "modality", "coding", "date", "date_end", "date_not_before", "date_not_after",
                    "drawn_as", "x_start", "x_end", "phase", "key", "label"]
DRAWN_AS = {  # how the date is known -> the legend's words (a year is drawn as a month is)
    "day": "to the day: marker",
    "month": "to the month or year: faint band",
    "lasted": "lasted: solid bar",
    "bounded": "not dated, bounded by the texts: hatched (arrow: open end)",
}
BAND_WIDTH = 9  # points: the faint band of a month or year
BOUND_HEIGHT = 0.44  # rows: the hatched range of a bounded event
MIN_GAP_DAYS = 365  # a break needs at least a year with no event
DENSE_SHARE = 0.5  # ... and at least this share of the events after it
MAX_DENSE_SPAN = 0.4  # ... spanning at most this share of the whole axis
MAX_KEYS = 12  # numbered events listed under the chart
AUTOMATIC_EDGE = "#888888"


def _coding(events: pd.DataFrame) -> pd.Series:
    if "coding" not in events.columns:
        return pd.Series("hand", index=events.index)
    return events["coding"].replace("", "hand")


def _is_key(event: dict) -> tuple[bool, tuple]:
    """Key events (phase openers, then visits or summits told by three or more texts) and their priority."""
    opener = is_phase_opener(event)
    told = int(event["n_sources"] or 0) >= 3 and event["type"] in ("visit", "summit_or_talks")
    return opener or told, (not opener, -int(event["n_sources"] or 0), _first_day(event["date"]), event["event_id"])


def _bounds(event: dict) -> tuple[str, str]:
    return event.get("date_not_before", "") or "", event.get("date_not_after", "") or ""


def drawn_as(event: dict) -> str:
    """day, month, year, lasted, bounded, or '' (not drawn): neither date nor bound, or an automatic event
    bounded on one side only (by rule, from a publication date: among many such events, ranges running to
    the edge of the axis would hide every other mark)."""
    if event["date"]:
        return "lasted" if event["date_end"] else {10: "day", 7: "month", 4: "year"}[len(event["date"])]
    bounds = _bounds(event)
    if event.get("coding") == "automatic" and not all(bounds):
        return ""
    return "bounded" if any(bounds) else ""


def timeline_data(events: pd.DataFrame) -> pd.DataFrame:
    """One row per dated or bounded event: the span it covers on the axis (x_start empty for a range open
    at its start, x_end for one open at its end), how it is drawn, its phase, its coding, and for key
    events (phase openers, then the most reported visits and summits) a label and their rank in that order.
    ``number_keys`` later keeps the ones the chart can number and numbers them by date."""
    phase, _ = assign_phases(events)
    coding = _coding(events)
    rows, priority = [], {}
    for event, event_phase, how in zip(events.to_dict("records"), phase, coding):
        drawn = drawn_as(event)
        if not drawn:
            continue
        before, after = _bounds(event)
        if drawn == "bounded":
            x_start, x_end = (_first_day(before) if before else ""), (_last_day(after) if after else "")
        else:
            x_start, x_end = _first_day(event["date"]), _last_day(event["date_end"] or event["date"])
        key, rank = _is_key(event) if event["date"] else (False, ())
        if key:
            priority[event["event_id"]] = rank
        rows.append({
            "event_id": event["event_id"], "type": event["type"], "modality": event["modality"], "coding": how,
            "date": event["date"], "date_end": event["date_end"], "date_not_before": before if drawn == "bounded"
            else "", "date_not_after": after if drawn == "bounded" else "", "drawn_as": drawn, "x_start": x_start,
            "x_end": x_end, "phase": event_phase, "label": event["summary"].rstrip(".") if key else "",
        })
    table = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    order = table["x_start"].where(table["x_start"] != "", table["x_end"])
    table = table.assign(_order=order).sort_values(["_order", "event_id"], ignore_index=True).drop(columns="_order")
    rank = {e: i + 1 for i, e in enumerate(sorted(priority, key=priority.get))}
    table["key"] = pd.array([rank.get(e) for e in table["event_id"]], dtype="Int64")
    return table


def number_keys(data: pd.DataFrame, listed: set[str]) -> pd.DataFrame:
    """Keep the key events in ``listed`` (numbered 1, 2, … by date); the others lose label and number."""
    keep = data["event_id"].isin(listed) & (data["label"] != "")
    data.loc[~keep, "label"] = ""
    key = pd.Series(pd.NA, index=data.index, dtype="Int64")
    key[keep] = range(1, int(keep.sum()) + 1)
    data["key"] = key
    return data


def _last_day(value: str) -> str:
    """The last calendar day a TIMEX3 date can mean (2023-09 -> 2023-09-30)."""
    first = pd.Timestamp(_first_day(value))
    if len(value) == 4:
        return f"{value}-12-31"
    if len(value) == 7:
        return (first + pd.offsets.MonthEnd(0)).date().isoformat()
    return value


def axis_panels(data: pd.DataFrame) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """The time axis as one panel, or two when a long gap precedes a dense stretch holding most events:
    the latest gap of at least MIN_GAP_DAYS after which DENSE_SHARE of the events fall within
    MAX_DENSE_SPAN of the whole span."""
    known = [(a or b, b or a) for a, b in zip(data["x_start"], data["x_end"])]  # an open end: its known one
    spans = sorted((pd.Timestamp(a), pd.Timestamp(b)) for a, b in known)
    first, last = spans[0][0], max(end for _, end in spans)
    total = max(1, (last - first).days)
    reached, best = spans[0][1], None
    for k in range(1, len(spans)):
        reached = max(reached, spans[k - 1][1])
        gap = (spans[k][0] - reached).days
        dense = (len(spans) - k) / len(spans) >= DENSE_SHARE and (last - spans[k][0]).days <= MAX_DENSE_SPAN * total
        if gap >= MIN_GAP_DAYS and dense:
            best = (reached, spans[k][0])
    if best is None:
        return [_padded(first, last)]
    inner = (best[1] - best[0]) / 3  # margins never reach across the gap
    return [_padded(first, best[0], right=inner), _padded(best[1], last, left=inner)]


def _padded(first: pd.Timestamp, last: pd.Timestamp, left=None, right=None) -> tuple[pd.Timestamp, pd.Timestamp]:
    pad = max(pd.Timedelta(days=30), (last - first) * 0.04)
    return first - min(pad, left or pad), last + min(pad, right or pad)


def plot_timeline(data: pd.DataFrame, phases: pd.DataFrame, types: list[str], title: str, n_undated: int = 0):
    """Draws the events; keeps and numbers (``number_keys``) at most MAX_KEYS key events, in rank order,
    whose number fits beside its mark without touching another label or another event's marker."""
    candidates = data[data["label"] != ""].sort_values("key")
    lines = (min(MAX_KEYS, len(candidates)) + 1) // 2
    key_inches = 0.15 * lines + (0.2 if lines else 0)
    types = list(types) + sorted(set(data["type"]) - set(types))
    head_inches = 1.55  # title and the two legends
    height = max(4.5, 0.3 * len(types) + 2.8) + key_inches
    if not len(data):
        fig, ax = plt.subplots(figsize=(12, 4.5))
        message = "No dated or bounded events are in the events table"
        message += f" ({n_undated:,} undated events are not drawn)." if n_undated else " (the table is empty)."
        empty_message(ax, message)
        fig.suptitle(title, fontweight="bold")
        fig.text(0.01, 0.01, f"Source: {TIMELINE_SOURCE}", ha="left", va="bottom", fontsize=8, color="#555555")
        return fig
    panels = axis_panels(data)
    ratios = [1, 3] if len(panels) == 2 else [1]
    fig, axes = plt.subplots(1, len(panels), figsize=(12, height), sharey=True, squeeze=False,
                             gridspec_kw={"width_ratios": ratios, "wspace": 0.04})
    axes = list(axes[0])
    bottom_in = 0.95 + key_inches
    fig.subplots_adjust(left=0.2, right=0.98, top=1 - head_inches / height, bottom=bottom_in / height)
    rows = {t: i for i, t in enumerate(reversed(types))}
    shade = ["#f2f2f2", "#ffffff"]
    dated_phases = phases[phases["from"] != ""].reset_index(drop=True)
    axis_start, axis_end = panels[0][0], panels[-1][1]
    for ax, (start, stop) in zip(axes, panels):
        ax.set_xlim(start, stop)
    for i, phase in dated_phases.iterrows():
        start = pd.Timestamp(_first_day(phase["from"]))
        stop = (pd.Timestamp(_first_day(dated_phases.loc[i + 1, "from"])) if i + 1 < len(dated_phases) else axis_end)
        for ax in axes:
            ax.axvspan(start, stop, color=shade[i % 2], zorder=0)
    panel_of, marks = {}, []
    for row in data.itertuples():
        y = rows[row.type]
        colour = _modality_colour(row.modality)
        automatic = row.coding == "automatic"
        if row.drawn_as == "bounded":
            _draw_bounded(axes, row, y, colour, axis_start, axis_end, automatic)
            continue
        start, end = pd.Timestamp(row.x_start), pd.Timestamp(row.x_end)
        middle = start + (end - start) / 2
        marker, filled = MODALITY_STYLE.get(row.modality, FALLBACK_STYLE)
        ax = next((a for a, (s, e) in zip(axes, panels) if middle <= e), axes[-1])
        panel_of[row.event_id] = (ax, middle, y)
        marks.append((ax, middle, y))
        for each in axes:  # a span may cross the break: drawn in every panel, clipped to each
            if row.drawn_as == "lasted":
                each.plot([start, end], [y, y], color=colour, linewidth=2.2, alpha=0.45 if automatic else 0.85,
                          solid_capstyle="butt", zorder=2)
            elif row.drawn_as in ("month", "year"):
                each.plot([start, end + pd.Timedelta(days=1)], [y, y], color=colour, linewidth=BAND_WIDTH,
                          alpha=0.12 if automatic else 0.22, solid_capstyle="butt", zorder=1)
        if automatic:
            ax.plot(middle, y, marker, color=AUTOMATIC_EDGE, markersize=5, alpha=0.8,
                    markerfacecolor=colour if filled else "white", markeredgewidth=0.8, zorder=3)
        else:
            ax.plot(middle, y, marker, color=colour, markersize=7, markerfacecolor=colour if filled else "white",
                    zorder=3)
    for ax in axes:
        locator = mdates.AutoDateLocator(minticks=2, maxticks=4 if ax is axes[0] and len(axes) > 1 else 9)
        date_ticks(ax, locator)
        ax.tick_params(axis="x", labelsize=8)
    for ax in axes[1:]:
        ax.spines["left"].set_linestyle((0, (2, 2)))
        ax.tick_params(axis="y", left=False)
    axes[0].set_yticks(list(rows.values()), [t.replace("_", " ") for t in rows])
    axes[0].set_ylim(-0.9, len(rows) - 0.3)
    axes[0].set_ylabel("Event type")
    broken = ""
    if len(panels) > 1:
        known = pd.to_datetime(data["x_start"].where(data["x_start"] != "", data["x_end"]))
        before, after = known[known <= panels[0][1]].max().year, known[known >= panels[1][0]].min().year
        broken = f" (time axis broken between {before} and {after})"
    fig.supxlabel(f"Date of the event{broken}", fontsize=9, y=(bottom_in - 0.55) / height)
    handles = [plt.Line2D([], [], linestyle="", marker=m, color=_modality_colour(name), markersize=7,
                          markerfacecolor=_modality_colour(name) if f else "white", label=name)
               for name, (m, f) in MODALITY_STYLE.items() if name in set(data["modality"])]
    if (data["coding"] == "automatic").any():
        handles.append(plt.Line2D([], [], linestyle="", marker="o", color=AUTOMATIC_EDGE, markersize=5,
                                  markerfacecolor="white", label="automatic (from candidates)"))
    fig.legend(handles=handles, loc="upper center", ncols=len(handles), frameon=False, fontsize=8,
               bbox_to_anchor=(0.5, 1 - 0.42 / height), title="modality", title_fontsize=8)
    precision = _precision_handles(set(data["drawn_as"].replace("year", "month")))
    fig.legend(handles=precision, loc="upper center", frameon=False, fontsize=8,
               ncols=len(precision), bbox_to_anchor=(0.5, 1 - 0.92 / height),
               title="how the date is known", title_fontsize=8, handlelength=2.6)
    fig.suptitle(title, fontweight="bold")
    fig.canvas.draw()
    for ax in axes:  # phase names along the bottom, each only where it fits
        low, high = ax.get_xlim()
        items = []
        for i, phase in dated_phases.iterrows():
            start = mdates.date2num(pd.Timestamp(_first_day(phase["from"])))
            if start < high and (i + 1 >= len(dated_phases)
                                 or mdates.date2num(pd.Timestamp(_first_day(dated_phases.loc[i + 1, "from"]))) > low):
                number = phase["phase"].split(":")[0]  # phase 0 is the background before the first opener
                items.append((max(start, low), -0.6, "background" if number == "0" else f"phase {number}"))
        place_labels(ax, items, positions=[((3, 0), "left", "center")], fontsize=7.5, color="#555555")
    numbers = {}  # event_id -> its number's annotation, placed with the widest number first, then renumbered
    for event in candidates.itertuples():
        if len(numbers) >= MAX_KEYS:
            break
        ax, middle, y = panel_of[event.event_id]
        others = [(m, yy) for a, m, yy in marks if a is ax and (m, yy) != (middle, y)]  # never on another marker
        placed = place_labels(ax, [(middle, y, str(MAX_KEYS))], positions=LABEL_POSITIONS[:8], fontsize=8,
                              fontweight="bold", avoid=[a.get_window_extent() for a in numbers.values()],
                              marks=others, mark_px=5)[0]
        if placed is not None:
            numbers[event.event_id] = placed
    number_keys(data, set(numbers))
    for row in data[data["label"] != ""].itertuples():
        numbers[row.event_id].set_text(str(row.key))
    keyed = data[data["label"] != ""]
    notes = [f"{r.key}  {textwrap.shorten(r.label, 72, placeholder='…')} ({r.date})" for r in keyed.itertuples()]
    half = (len(notes) + 1) // 2
    for column, part in enumerate((notes[:half], notes[half:])):
        if part:
            fig.text(0.03 + 0.49 * column, (key_inches + 0.3) / height, "\n".join(part), fontsize=7.5, va="top",
                     ha="left")
    fig.text(0.01, 0.01, f"Source: {TIMELINE_SOURCE}", ha="left", va="bottom", fontsize=8, color="#555555")
    return fig


def _draw_bounded(axes, row, y, colour, axis_start, axis_end, automatic: bool) -> None:
    """A hatched range between the bounds, in every panel (clipped to each); an open end runs to the
    edge of the axis and ends in an arrow there."""
    start = pd.Timestamp(row.x_start) if row.x_start else axis_start
    end = pd.Timestamp(row.x_end) + pd.Timedelta(days=1) if row.x_end else axis_end
    open_ended = not (row.x_start and row.x_end)
    alpha = (0.35 if open_ended else 0.8) * (0.6 if automatic else 1)  # an open range is fainter
    for ax in axes:
        ax.add_patch(Rectangle((mdates.date2num(start), y - BOUND_HEIGHT / 2),
                               mdates.date2num(end) - mdates.date2num(start), BOUND_HEIGHT, facecolor="none",
                               edgecolor=colour, hatch="///" if open_ended else "////", linewidth=0.8, alpha=alpha,
                               zorder=2))
    arrow = 0.5 if automatic else 0.95  # the open end is marked plainly, however faint the range
    if not row.x_start:
        axes[0].plot(axis_start, y, "<", color=colour, markersize=8, alpha=arrow, clip_on=False, zorder=4)
    if not row.x_end:
        axes[-1].plot(axis_end, y, ">", color=colour, markersize=8, alpha=arrow, clip_on=False, zorder=4)


def _precision_handles(present: set[str]) -> list:
    grey = "#555555"
    styles = {
        "day": {"marker": "o", "linestyle": "", "markersize": 6, "color": grey},
        "month": {"linewidth": BAND_WIDTH, "alpha": 0.22, "color": grey, "solid_capstyle": "butt"},
        "lasted": {"linewidth": 2.2, "alpha": 0.85, "color": grey, "solid_capstyle": "butt"},
    }
    handles = []
    for name, words in DRAWN_AS.items():
        if name not in present:
            continue
        if name == "bounded":
            handles.append(Patch(facecolor="none", edgecolor=grey, hatch="////", linewidth=0.8, label=words))
        else:
            handles.append(plt.Line2D([], [], label=words, **styles[name]))
    return handles


def _modality_colour(modality: str) -> str:
    names = list(MODALITY_STYLE)
    return PALETTE[names.index(modality) % len(PALETTE)] if modality in names else PALETTE[-1]


def date_counts(events: pd.DataFrame) -> dict[str, int]:
    """How many events are dated, bounded (undated but bounded by the texts; drawn), automatic and bounded on one
    side only (not drawn) and undrawn (neither date nor bound)."""
    records = events.to_dict("records") if len(events) else []
    drawn = [drawn_as(e) for e in records]
    one_sided = sum(d == "" and any(_bounds(e)) for d, e in zip(drawn, records))
    return {"dated": sum(d not in ("", "bounded") for d in drawn), "bounded": drawn.count("bounded"),
            "one_sided_automatic": one_sided, "undrawn": drawn.count("") - one_sided}


def _events(n: int) -> str:
    return f"{n:,} event{'s' * (n != 1)}"


def timeline_text(data: pd.DataFrame, events: pd.DataFrame, unlisted: int = 0) -> dict[str, str]:
    counts = date_counts(events)
    automatic = int((data["coding"] == "automatic").sum())
    undrawn = (f"{_events(counts['undrawn'])} with neither date nor bound {'are' if counts['undrawn'] != 1 else 'is'} "
               "not drawn")
    if not len(data):
        caption = "The events table holds no dated event and no bounded one it can draw" + (
            f"; {undrawn}." if counts["undrawn"] else ".")
        return {"title": "The partnership in events: no dated events", "caption": caption,
                "alt_text": "An empty timeline: no dated or bounded events."}
    known = data["x_start"].where(data["x_start"] != "", data["x_end"])
    years = pd.to_datetime(known).dt.year
    dated = data[data["drawn_as"] != "bounded"]
    dated_years = pd.to_datetime(dated["x_start"]).dt.year
    per_year = dated_years.value_counts().sort_index()
    how = data["drawn_as"].value_counts()
    labelled = data[data["label"] != ""]
    panels = axis_panels(data)
    span = f"{years.min()}" if years.min() == years.max() else f"{years.min()}–{years.max()}"
    caption = f"{_events(len(data))} drawn: {counts['dated']:,} dated"
    if counts["dated"]:
        parts = [(how.get("day", 0), "to the day"),
                 (how.get("month", 0) + how.get("year", 0), "only to the month or year, drawn as a faint band"),
                 (how.get("lasted", 0), "lasting, drawn as a bar")]
        caption += (" (" + ", ".join(f"{n:,} {words}" for n, words in parts if n) + f"), from {dated_years.min()} "
                    f"to {dated_years.max()}, {per_year.max():,} of them in {per_year.idxmax()}")
    if counts["bounded"]:
        open_ended = int(((data["drawn_as"] == "bounded") & ((data["x_start"] == "") | (data["x_end"] == ""))).sum())
        caption += (f"; {counts['bounded']:,} not dated but bounded by the texts, drawn as hatched ranges between "
                    f"their bounds ({open_ended:,} bounded on one side only, with an arrow at the open end)")
    caption += "; phases open with each Kim–Putin summit and each signed agreement"
    if automatic:
        caption += (f"; {automatic:,} of the events are coded automatically from event candidates (drawn lighter, "
                    "grey-edged)")
    if unlisted:
        caption += f"; {len(labelled)} key events are numbered and listed, {unlisted} more are not listed"
    if counts["one_sided_automatic"]:
        n = counts["one_sided_automatic"]
        caption += (f"; {_events(n)} coded automatically and bounded on one side only, by a publication date, "
                    f"{'are' if n != 1 else 'is'} not drawn")
    if counts["undrawn"]:
        caption += f"; {undrawn}"
    caption += "."
    if len(panels) > 1:
        early = years[pd.to_datetime(known) <= panels[0][1]]
        late = years[pd.to_datetime(known) >= panels[1][0]]
        layout = f"with a narrow panel for {early.min()}–{early.max()} and a wide one for {late.min()}–{late.max()}"
    else:
        layout = "on one time axis"
    alt = (f"Timeline chart of {_events(len(data))} by type against date, {layout}. Labelled events: "
           + "; ".join(f"{r.label} ({r.date})" for r in labelled.itertuples()) + ".")
    bounded = data[(data["drawn_as"] == "bounded") & (data["coding"] != "automatic")]
    if len(bounded):
        alt += " Hatched ranges, events bounded but not dated: " + "; ".join(
            f"{r.type.replace('_', ' ')} ({_range_words(r.date_not_before, r.date_not_after)})"
            for r in bounded.itertuples()) + "."
    return {"title": f"The partnership in events, {span}", "caption": caption, "alt_text": alt}


def _range_words(before: str, after: str) -> str:
    if before and after:
        return f"between {before} and {after}"
    return f"not before {before}" if before else f"not after {after}"


def partnership_timeline(events: pd.DataFrame, types: pd.DataFrame):
    """(figure, plotted data, title/caption/alt text) for the partnership timeline."""
    data = timeline_data(events)
    _, phases = assign_phases(events)
    candidates = int((data["label"] != "").sum())
    # plot_timeline numbers the keys that fit
    fig = plot_timeline(data, phases, list(types["type"]), "", date_counts(events)["undrawn"])
    if not len(data):
        number_keys(data, set())
    labels = timeline_text(data, events, unlisted=candidates - int((data["label"] != "").sum()))
    fig.suptitle(labels["title"], fontweight="bold")
    return fig, data, labels
