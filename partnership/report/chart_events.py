"""The partnership timeline: every dated event by type, with phases shaded.

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

from partnership.events.coding import _first_day, assign_phases, is_phase_opener
from partnership.report.figures import LABEL_POSITIONS, PALETTE, empty_message, place_labels

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
TIMELINE_COLUMNS = ["event_id", "type", "modality", "coding", "date", "date_end", "x_start", "x_end", "phase", "key",
                    "label"]
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


def timeline_data(events: pd.DataFrame) -> pd.DataFrame:
    """One row per dated event: the span it covers on the axis, its phase, its coding, and for key events
    (phase openers, then the most reported visits and summits) a label and their rank in that order.
    ``number_keys`` later keeps the ones the chart can number and numbers them by date."""
    phase, _ = assign_phases(events)
    coding = _coding(events)
    rows, priority = [], {}
    for event, event_phase, how in zip(events.to_dict("records"), phase, coding):
        if not event["date"]:
            continue
        end = event["date_end"] or event["date"]
        key, rank = _is_key(event)
        if key:
            priority[event["event_id"]] = rank
        rows.append({
            "event_id": event["event_id"], "type": event["type"], "modality": event["modality"], "coding": how,
            "date": event["date"], "date_end": event["date_end"], "x_start": _first_day(event["date"]),
            "x_end": _last_day(end), "phase": event_phase, "label": event["summary"].rstrip(".") if key else "",
        })
    table = pd.DataFrame(rows, columns=TIMELINE_COLUMNS).sort_values(["x_start", "event_id"], ignore_index=True)
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
    spans = sorted(zip(pd.to_datetime(data["x_start"]), pd.to_datetime(data["x_end"])))
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
    whose number fits beside its mark without touching another label."""
    candidates = data[data["label"] != ""].sort_values("key")
    lines = (min(MAX_KEYS, len(candidates)) + 1) // 2
    key_inches = 0.15 * lines + (0.2 if lines else 0)
    types = list(types) + sorted(set(data["type"]) - set(types))
    height = max(4.5, 0.3 * len(types) + 2.4) + key_inches
    if not len(data):
        fig, ax = plt.subplots(figsize=(12, 4.5))
        message = "No dated events are in the events table"
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
    fig.subplots_adjust(left=0.2, right=0.98, top=1 - 1.15 / height, bottom=bottom_in / height)
    rows = {t: i for i, t in enumerate(reversed(types))}
    shade = ["#f2f2f2", "#ffffff"]
    dated_phases = phases[phases["from"] != ""].reset_index(drop=True)
    axis_end = panels[-1][1]
    for ax, (start, stop) in zip(axes, panels):
        ax.set_xlim(start, stop)
    for i, phase in dated_phases.iterrows():
        start = pd.Timestamp(_first_day(phase["from"]))
        stop = (pd.Timestamp(_first_day(dated_phases.loc[i + 1, "from"])) if i + 1 < len(dated_phases) else axis_end)
        for ax in axes:
            ax.axvspan(start, stop, color=shade[i % 2], zorder=0)
    panel_of = {}
    for row in data.itertuples():
        y = rows[row.type]
        start, end = pd.Timestamp(row.x_start), pd.Timestamp(row.x_end)
        middle = start + (end - start) / 2
        marker, filled = MODALITY_STYLE.get(row.modality, FALLBACK_STYLE)
        colour = _modality_colour(row.modality)
        ax = next((a for a, (s, e) in zip(axes, panels) if start <= e), axes[-1])
        panel_of[row.event_id] = (ax, middle, y)
        automatic = row.coding == "automatic"
        if (end - start).days > 1:
            ax.plot([start, end], [y, y], color=colour, linewidth=2, alpha=0.3 if automatic else 0.6,
                    solid_capstyle="butt")
        if automatic:
            ax.plot(middle, y, marker, color=AUTOMATIC_EDGE, markersize=5, alpha=0.8,
                    markerfacecolor=colour if filled else "white", markeredgewidth=0.8)
        else:
            ax.plot(middle, y, marker, color=colour, markersize=7, markerfacecolor=colour if filled else "white")
    for ax in axes:
        locator = mdates.AutoDateLocator(minticks=2, maxticks=4 if ax is axes[0] and len(axes) > 1 else 9)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
        ax.tick_params(axis="x", labelsize=8)
    for ax in axes[1:]:
        ax.spines["left"].set_linestyle((0, (2, 2)))
        ax.tick_params(axis="y", left=False)
    axes[0].set_yticks(list(rows.values()), [t.replace("_", " ") for t in rows])
    axes[0].set_ylim(-0.9, len(rows) - 0.3)
    axes[0].set_ylabel("Event type (data/codebook/event_types.csv)")
    broken = ""
    if len(panels) > 1:
        starts = pd.to_datetime(data["x_start"])
        before, after = starts[starts <= panels[0][1]].max().year, starts[starts >= panels[1][0]].min().year
        broken = f"time axis broken between {before} and {after}; "
    fig.supxlabel(f"Date of the event ({broken}bars: events that lasted or are dated only to the month or year)",
                  fontsize=9, y=(bottom_in - 0.55) / height)
    handles = [plt.Line2D([], [], linestyle="", marker=m, color=_modality_colour(name), markersize=7,
                          markerfacecolor=_modality_colour(name) if f else "white", label=name)
               for name, (m, f) in MODALITY_STYLE.items() if name in set(data["modality"])]
    if (data["coding"] == "automatic").any():
        handles.append(plt.Line2D([], [], linestyle="", marker="o", color=AUTOMATIC_EDGE, markersize=5,
                                  markerfacecolor="white", label="automatic (from candidates)"))
    fig.legend(handles=handles, loc="upper center", ncols=len(handles), frameon=False, fontsize=8,
               bbox_to_anchor=(0.5, 1 - 0.45 / height), title="modality", title_fontsize=8)
    fig.suptitle(title, fontweight="bold")
    fig.canvas.draw()
    for ax in axes:  # phase names along the bottom, each only where it fits
        low, high = ax.get_xlim()
        items = []
        for i, phase in dated_phases.iterrows():
            start = mdates.date2num(pd.Timestamp(_first_day(phase["from"])))
            if start < high and (i + 1 >= len(dated_phases)
                                 or mdates.date2num(pd.Timestamp(_first_day(dated_phases.loc[i + 1, "from"]))) > low):
                items.append((max(start, low), -0.6, f"phase {phase['phase'].split(':')[0]}"))
        place_labels(ax, items, positions=[((3, 0), "left", "center")], fontsize=7.5, color="#555555")
    numbers = {}  # event_id -> its number's annotation, placed with the widest number first, then renumbered
    for event in candidates.itertuples():
        if len(numbers) >= MAX_KEYS:
            break
        ax, middle, y = panel_of[event.event_id]
        placed = place_labels(ax, [(middle, y, str(MAX_KEYS))], positions=LABEL_POSITIONS[:8], fontsize=8,
                              fontweight="bold", avoid=[a.get_window_extent() for a in numbers.values()])[0]
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


def _modality_colour(modality: str) -> str:
    names = list(MODALITY_STYLE)
    return PALETTE[names.index(modality) % len(PALETTE)] if modality in names else PALETTE[-1]


def timeline_text(data: pd.DataFrame, events: pd.DataFrame, unlisted: int = 0) -> dict[str, str]:
    undated = int((events["date"] == "").sum()) if len(events) else 0
    automatic = int((data["coding"] == "automatic").sum())
    if not len(data):
        caption = ("The events table holds no dated event" + (f"; {undated:,} undated events are not drawn."
                                                              if undated else "."))
        return {"title": "The partnership in events: no dated events", "caption": caption,
                "alt_text": "An empty timeline: no dated events."}
    years = pd.to_datetime(data["x_start"]).dt.year
    per_year = years.value_counts().sort_index()
    busiest = per_year.idxmax()
    labelled = data[data["label"] != ""]
    panels = axis_panels(data)
    span = f"{years.min()}" if years.min() == years.max() else f"{years.min()}–{years.max()}"
    caption = (f"{len(data):,} dated events from {years.min()} to {years.max()}, {per_year.max():,} of them in "
               f"{busiest}; phases open with each Kim–Putin summit and each signed agreement")
    if automatic:
        caption += (f"; {automatic:,} of the events are coded automatically from event candidates (drawn lighter, "
                    "grey-edged)")
    if unlisted:
        caption += f"; {len(labelled)} key events are numbered and listed, {unlisted} more are not listed"
    if undated:
        caption += f"; {undated:,} undated event{'s are' if undated != 1 else ' is'} not drawn"
    caption += "."
    if len(panels) > 1:
        early = years[pd.to_datetime(data["x_start"]) <= panels[0][1]]
        late = years[pd.to_datetime(data["x_start"]) >= panels[1][0]]
        layout = f"with a narrow panel for {early.min()}–{early.max()} and a wide one for {late.min()}–{late.max()}"
    else:
        layout = "on one time axis"
    alt = (f"Timeline chart of {len(data):,} events by type against date, {layout}. Labelled events: "
           + "; ".join(f"{r.label} ({r.date})" for r in labelled.itertuples()) + ".")
    return {"title": f"The partnership in events, {span}", "caption": caption, "alt_text": alt}


def partnership_timeline(events: pd.DataFrame, types: pd.DataFrame):
    """(figure, plotted data, title/caption/alt text) for the partnership timeline."""
    data = timeline_data(events)
    _, phases = assign_phases(events)
    candidates = int((data["label"] != "").sum())
    n_undated = int((events["date"] == "").sum()) if len(events) else 0
    fig = plot_timeline(data, phases, list(types["type"]), "", n_undated)  # numbers the keys that fit
    if not len(data):
        number_keys(data, set())
    labels = timeline_text(data, events, unlisted=candidates - int((data["label"] != "").sum()))
    fig.suptitle(labels["title"], fontweight="bold")
    return fig, data, labels
