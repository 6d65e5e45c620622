"""The partnership timeline: every dated hand-coded event by type, 1991 to 2025, with phases shaded.

The time axis is broken: the years before 2023 (a few background events) get a narrow
panel, 2023 to 2025 a wide one, so the dense recent years stay readable.
"""

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from partnership.events.coding import _first_day, assign_phases, is_phase_opener
from partnership.report.figures import PALETTE, finish

BREAK = "2023-01-01"  # left panel: before; right panel: from
RIGHT_END = "2025-12-31"
LEFT_START = "1990-01-01"
MODALITY_STYLE = {  # marker, filled
    "asserted": ("o", True),
    "alleged": ("o", False),
    "expected": ("^", False),
    "denied": ("x", True),
    "historical": ("s", True),
}
TIMELINE_SOURCE = "data/processed/events.csv (hand-coded: data/annotations/events.csv)"
TIMELINE_COLUMNS = ["event_id", "type", "modality", "date", "date_end", "x_start", "x_end", "phase", "key", "label"]


def timeline_data(events: pd.DataFrame) -> pd.DataFrame:
    """One row per dated event: the span it covers on the axis, its phase, and a numbered label for key
    events (phase openers, and visits or summits told by three or more articles)."""
    phase, _ = assign_phases(events)
    rows = []
    for event, event_phase in zip(events.to_dict("records"), phase):
        if not event["date"]:
            continue
        end = event["date_end"] or event["date"]
        key = is_phase_opener(event) or (int(event["n_sources"]) >= 3 and event["type"] in ("visit", "summit_or_talks"))
        rows.append({
            "event_id": event["event_id"], "type": event["type"], "modality": event["modality"],
            "date": event["date"], "date_end": event["date_end"], "x_start": _first_day(event["date"]),
            "x_end": _last_day(end),
            "phase": event_phase, "label": event["summary"].rstrip(".") if key else "",
        })
    table = pd.DataFrame(rows, columns=TIMELINE_COLUMNS).sort_values(["x_start", "event_id"], ignore_index=True)
    keyed = table["label"] != ""
    key = pd.Series(pd.NA, index=table.index, dtype="Int64")
    key[keyed] = range(1, int(keyed.sum()) + 1)
    table["key"] = key
    return table


def _last_day(value: str) -> str:
    """The last calendar day a TIMEX3 date can mean (2023-09 -> 2023-09-30)."""
    first = pd.Timestamp(_first_day(value))
    if len(value) == 4:
        return f"{value}-12-31"
    if len(value) == 7:
        return (first + pd.offsets.MonthEnd(0)).date().isoformat()
    return value


def plot_timeline(data: pd.DataFrame, phases: pd.DataFrame, types: list[str], title: str):
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 7), sharey=True,
                                      gridspec_kw={"width_ratios": [1, 3], "wspace": 0.04})
    rows = {t: i for i, t in enumerate(reversed(types))}
    shade = ["#f2f2f2", "#ffffff"]
    dated_phases = phases[phases["from"] != ""].reset_index(drop=True)
    for i, phase in dated_phases.iterrows():
        start = pd.Timestamp(_first_day(phase["from"]))
        stop = (pd.Timestamp(_first_day(dated_phases.loc[i + 1, "from"])) if i + 1 < len(dated_phases)
                else pd.Timestamp(RIGHT_END))
        for ax in (left, right):
            ax.axvspan(start, stop, color=shade[i % 2], zorder=0)
        if stop > pd.Timestamp(BREAK):
            right.text(max(start, pd.Timestamp(BREAK)) + pd.Timedelta(days=8), -0.55,
                       f"phase {phase['phase']}", fontsize=7.5, color="#555555", va="center")
    for row in data.itertuples():
        y = rows[row.type]
        start, end = pd.Timestamp(row.x_start), pd.Timestamp(row.x_end)
        middle = start + (end - start) / 2
        marker, filled = MODALITY_STYLE[row.modality]
        colour = PALETTE[list(MODALITY_STYLE).index(row.modality) % len(PALETTE)]
        ax = left if start < pd.Timestamp(BREAK) else right
        if (end - start).days > 1:
            ax.plot([start, end], [y, y], color=colour, linewidth=2, alpha=0.6, solid_capstyle="butt")
        ax.plot(middle, y, marker, color=colour, markersize=7, markerfacecolor=colour if filled else "white")
        if row.label:
            ax.annotate(str(row.key), (middle, y), xytext=(0, 7), textcoords="offset points",
                        ha="center", va="bottom", fontsize=8, fontweight="bold")
    left.set_xlim(pd.Timestamp(LEFT_START), pd.Timestamp(BREAK))
    right.set_xlim(pd.Timestamp(BREAK), pd.Timestamp(RIGHT_END))
    left.xaxis.set_major_locator(mdates.YearLocator(10))
    left.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    right.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    right.xaxis.set_major_formatter(mdates.ConciseDateFormatter(right.xaxis.get_major_locator()))
    right.spines["left"].set_linestyle((0, (2, 2)))
    right.tick_params(axis="y", left=False)
    left.set_yticks(list(rows.values()), [t.replace("_", " ") for t in rows])
    left.set_ylim(-0.7, len(rows) + 0.2)
    left.set_ylabel("Event type (data/codebook/event_types.csv)")
    fig.supxlabel("Date of the event (time axis broken at 2023; bars: events that lasted or are dated "
                  "only to the month or year)", fontsize=9, y=0.155)
    handles = [plt.Line2D([], [], linestyle="", marker=m, color=PALETTE[i % len(PALETTE)], markersize=7,
                          markerfacecolor=PALETTE[i % len(PALETTE)] if f else "white", label=name)
               for i, (name, (m, f)) in enumerate(MODALITY_STYLE.items())]
    fig.legend(handles=handles, loc="upper center", ncols=len(handles), frameon=False, fontsize=8,
               bbox_to_anchor=(0.5, 0.93), title="modality", title_fontsize=8)
    keyed = data[data["label"] != ""]
    notes = [f"{r.key}  {textwrap.shorten(r.label, 75)} ({r.date})" for r in keyed.itertuples()]
    half = (len(notes) + 1) // 2
    for column, part in enumerate((notes[:half], notes[half:])):
        fig.text(0.03 + 0.49 * column, 0.115, "\n".join(part), fontsize=7.5, va="top", ha="left")
    return finish(fig, title, TIMELINE_SOURCE, left=0.2, right=0.98, top=0.86, bottom=0.24)


def timeline_text(data: pd.DataFrame, events: pd.DataFrame) -> dict[str, str]:
    undated = int((events["date"] == "").sum())
    per_year = pd.to_datetime(data["x_start"]).dt.year.value_counts().sort_index()
    busiest = per_year.idxmax()
    labelled = data[data["label"] != ""]
    caption = (f"{len(data)} dated events from {per_year.index.min()} to {per_year.index.max()}, "
               f"{per_year.max()} of them in {busiest}; phases open with each Kim–Putin summit and each signed "
               f"agreement ({undated} undated events are not drawn).")
    alt = (f"Timeline chart of {len(data)} events by type against date, with a narrow panel before 2023 and a "
           f"wide one for 2023 to 2025. Labelled events: "
           + "; ".join(f"{r.label} ({r.date})" for r in labelled.itertuples()) + ".")
    return {"title": "The partnership in events, 1991–2025", "caption": caption, "alt_text": alt}


def partnership_timeline(events: pd.DataFrame, types: pd.DataFrame):
    """(figure, plotted data, title/caption/alt text) for the partnership timeline."""
    data = timeline_data(events)
    _, phases = assign_phases(events)
    labels = timeline_text(data, events)
    fig = plot_timeline(data, phases, list(types["type"]), labels["title"])
    return fig, data, labels
