"""Charts of who speaks and how surely: statements by speaker country and stance over time, and
the share of hedged sentences per text against its date."""

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from partnership.annotate.claims import load_stances
from partnership.report.figures import (
    PALETTE, date_middle, date_span, date_ticks, empty_message, finish, place_labels, precision_of, time_bin, time_bins,
    time_unit, undated_note,
)
from partnership.report.wording import corpus_noun, short_ids

STANCE_ORDER = load_stances()  # the codebook's row order, so a new stance is charted too
SPEAKERS_SOURCE = "data/processed/claims.csv, documents.csv"
HEDGING_SOURCE = "data/processed/hedges.csv, documents.csv"
UNNAMED = "(unnamed)"
OTHER = "other"
UNDATED = "undated"
MIN_OCCUPIED = 1 / 3  # time bins: coarser until a third of them hold a text
TOP_COUNTRIES = 6  # rows for the most frequent speaker countries; the rest are one "other" row
SPEAKER_COLUMNS = ["speaker_country", "row", "time_bin", "stance", "statements", "doc_ids"]
HEDGING_COLUMNS = ["doc_id", "published", "date_precision", "sentences", "hedged", "share", "labelled"]
MAX_HEDGING_LABELS = 8  # more dated texts than this: only the lowest and highest share are labelled


def speakers_data(claims: pd.DataFrame, documents: pd.DataFrame, top: int = TOP_COUNTRIES) -> pd.DataFrame:
    """Statements per speaker country (its chart row), time bin of the text's publication date and stance."""
    docs = documents.assign(precision=[precision_of(p, q) for p, q in
                                       zip(documents["published"], documents["date_precision"])])
    spans = {d.doc_id: date_span(d.published, d.precision) for d in docs.itertuples()}
    dated = [s for s in spans.values() if s]
    unit = time_unit(dated, set(docs["precision"]), MIN_OCCUPIED)
    bin_of = {doc: time_bin(span[0], unit) if span else UNDATED for doc, span in spans.items()}
    table = claims.assign(speaker_country=claims["speaker_country"].replace("", UNNAMED))
    totals = table["speaker_country"].value_counts()
    named = sorted((c for c in totals.index if c != UNNAMED), key=lambda c: (-totals[c], c))
    rows = {c: c for c in (named if len(named) <= top + 1 else named[:top])}  # an "other" of one is that one
    table = table.assign(row=[rows.get(c, UNNAMED if c == UNNAMED else OTHER) for c in table["speaker_country"]],
                         time_bin=table["doc_id"].map(bin_of).fillna(UNDATED))
    grouped = table.groupby(["speaker_country", "row", "time_bin", "stance"]).agg(
        statements=("doc_id", "size"), doc_ids=("doc_id", lambda d: "|".join(sorted(set(d))))).reset_index()
    return grouped.sort_values(["row", "time_bin", "speaker_country", "stance"], ignore_index=True)[SPEAKER_COLUMNS]


def _row_order(data: pd.DataFrame) -> list[str]:
    totals = data.groupby("row")["statements"].sum()
    named = sorted((r for r in totals.index if r not in (OTHER, UNNAMED)), key=lambda r: (-totals[r], r))
    return named + [r for r in (OTHER, UNNAMED) if r in totals.index]


def _bins(data: pd.DataFrame, documents: pd.DataFrame) -> list[str]:
    """Every time bin from the first dated text to the last (empty ones too), then 'undated' if any."""
    spans = [s for s in (date_span(p, q) for p, q in zip(documents["published"], documents["date_precision"])) if s]
    precisions = {precision_of(p, q) for p, q in zip(documents["published"], documents["date_precision"])}
    bins = []
    if spans:
        unit = time_unit(spans, precisions, MIN_OCCUPIED)
        bins = time_bins(min(s[0] for s in spans), max(s[1] for s in spans), unit)
    return bins + ([UNDATED] if UNDATED in set(data["time_bin"]) else [])


def plot_speakers(data: pd.DataFrame, title: str, documents: pd.DataFrame):
    rows = _row_order(data)
    if not rows:
        fig, ax = plt.subplots(figsize=(10, 4))
        empty_message(ax, f"No attributed statements were found in the {corpus_noun(documents)}.")
        return finish(fig, title, SPEAKERS_SOURCE, left=0.05, right=0.95, top=0.85, bottom=0.12)
    bins = _bins(data, documents)
    colours = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(STANCE_ORDER)}
    fig, axes = plt.subplots(len(rows), 1, figsize=(11, 1.0 * len(rows) + 3), sharex=True, squeeze=False)
    axes = axes[:, 0]
    x = list(range(len(bins)))
    highest = int(data.groupby(["row", "time_bin"])["statements"].sum().max())  # one scale: rows compare by height
    for ax, row in zip(axes, rows):
        part = data[data["row"] == row]
        bottom = pd.Series(0, index=bins)
        for stance in STANCE_ORDER:
            values = part[part["stance"] == stance].groupby("time_bin")["statements"].sum().reindex(bins, fill_value=0)
            if values.any():
                ax.bar(x, values.values, bottom=bottom.values, color=colours[stance], width=0.8)
                bottom += values
        ax.set_ylim(0, highest * 1.15)
        ax.set_yticks([highest], [str(highest)], fontsize=7)
        ax.set_ylabel(row, rotation=0, ha="right", va="center", fontsize=9)
        if UNDATED in bins and len(bins) > 1:
            ax.axvline(len(bins) - 1.5, color="#888888", linestyle=":", linewidth=1)
    step = max(1, -(-len(bins) // 30))  # at most 30 tick labels
    ticks = [i for i in x if i % step == 0 or bins[i] == UNDATED]
    axes[-1].set_xticks(ticks, [bins[i] for i in ticks], rotation=90, fontsize=8)
    spare = max(0, 4 - len(bins)) / 2  # a lone bin stays a bar, not a wall
    axes[-1].set_xlim(-0.6 - spare, len(bins) - 0.4 + spare)
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[s], label=s) for s in STANCE_ORDER
               if s in set(data["stance"])]
    height = fig.get_size_inches()[1]
    fig.legend(handles=handles, loc="upper center", ncols=len(handles), frameon=False, fontsize=8,
               bbox_to_anchor=(0.5, 1 - 0.55 / height), title="stance of the reporting cue", title_fontsize=8)
    fig.supylabel("speaker's country (ISO code); bars: statements, one scale for every row", fontsize=9)
    fig.supxlabel("publication date of the " + corpus_noun(documents, 1), fontsize=9, y=0.25 / height + 0.02)
    return finish(fig, title, SPEAKERS_SOURCE, left=0.13, right=0.98, top=1 - 1.25 / height,
                  bottom=1.05 / height + 0.04, hspace=0.25)


def speakers_text(data: pd.DataFrame, documents: pd.DataFrame) -> dict[str, str]:
    noun = corpus_noun(documents)
    totals = data.groupby("speaker_country")["statements"].sum().sort_values(ascending=False, kind="stable")
    n_docs = len(set("|".join(data["doc_ids"]).split("|")) - {""})
    bins = _bins(data, documents)
    unit = "year" if bins and len(bins[0]) == 4 else ("quarter" if bins and "Q" in bins[0] else "month")
    if not len(data):
        caption = f"No attributed statements were found in the {len(documents):,} {corpus_noun(documents, len(documents))}."
    else:
        per = f", per {unit} of publication" if bins != [UNDATED] else ""
        caption = (f"{int(data['statements'].sum()):,} attributed statements in {n_docs:,} "
                   f"{corpus_noun(documents, n_docs)}, by speaker's country and stance{per}; "
                   "most come from " + ", ".join(f"{c} ({n:,})" for c, n in totals.head(3).items()))
        undated = data[data["time_bin"] == UNDATED]
        if len(undated):
            caption += (f"; {int(undated['statements'].sum()):,} statements in undated {noun} are drawn apart, "
                        "in the undated column")
        if bins == [UNDATED]:
            caption += f" (no {corpus_noun(documents, 1)} is dated)"
        caption += "."
    alt = (f"Stacked bar charts, one row per speaker country, of statements per {unit} by stance. " + " ".join(
        f"{r.speaker_country}, {r.time_bin}, {r.stance}: {r.statements}." for r in data.itertuples()))
    return {"title": "Who speaks: attributed statements by country and stance, over time", "caption": caption,
            "alt_text": alt}


def who_speaks(claims, documents):
    data = speakers_data(claims, documents)
    labels = speakers_text(data, documents)
    return plot_speakers(data, labels["title"], documents), data, labels


def hedging_data(hedges: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Share of sentences holding a hedge cue, per text, with its date (undated texts last)."""
    hedged = hedges.assign(hedged=hedges["hedged"].astype(str) == "True")
    shares = hedged.groupby("doc_id").agg(sentences=("hedged", "size"), hedged=("hedged", "sum")).reset_index()
    shares["share"] = (shares["hedged"] / shares["sentences"]).round(4)
    dates = documents[["doc_id", "published", "date_precision"]]
    dates = dates.assign(date_precision=[precision_of(p, q) for p, q in zip(dates["published"], dates["date_precision"])])
    table = dates.merge(shares, on="doc_id")
    table = table.assign(undated=table["published"] == "").sort_values(["undated", "published", "doc_id"],
                                                                       ignore_index=True)
    table["labelled"] = _labelled(table)
    return table[HEDGING_COLUMNS]


def _labelled(table: pd.DataFrame) -> list[bool]:
    """Few dated texts: label each; more: only the lowest and the highest share (first by date on ties)."""
    dated = table[table["published"] != ""]
    if len(dated) <= MAX_HEDGING_LABELS:
        keep = set(dated.index)
    else:
        keep = {dated["share"].idxmin(), dated["share"].idxmax()}
    return [i in keep for i in table.index]


def plot_hedging(data: pd.DataFrame, title: str, documents: pd.DataFrame):
    fig, ax = plt.subplots(figsize=(10, 5))
    dated = data[data["published"] != ""]
    noun = corpus_noun(documents)
    fig = finish(fig, title, HEDGING_SOURCE, left=0.1, right=0.97, top=0.9, bottom=0.16)
    if not len(dated):
        empty_message(ax, f"No {corpus_noun(documents, 1)} is dated, so none can be placed in time: "
                          f"the shares of the {len(data):,} undated {corpus_noun(documents, len(data))} are in the data CSV.")
        return fig
    points = []
    short = short_ids(data["doc_id"])
    for row in dated.itertuples():
        first, last = date_span(row.published, row.date_precision)
        x = first + (last - first) / 2
        if row.date_precision == "day":
            ax.plot(x, row.share, "o", color=PALETTE[0], markersize=7 if len(dated) <= 50 else 4,
                    alpha=1 if len(dated) <= 50 else 0.6)
        else:  # a bar over the month or year the date can mean
            ax.plot([first, last + pd.Timedelta(days=1)], [row.share, row.share], color=PALETTE[1], linewidth=4,
                    alpha=0.7, solid_capstyle="butt")
        if row.labelled:
            points.append((x, row.share, f"{short[row.doc_id]}: {row.hedged}/{row.sentences}"))
    first = min(date_span(p, q)[0] for p, q in zip(dated["published"], dated["date_precision"]))
    last = max(date_span(p, q)[1] for p, q in zip(dated["published"], dated["date_precision"]))
    margin = max(pd.Timedelta(days=20), (last - first) * 0.08)
    ax.set_xlim(first - margin, last + margin)
    ax.set_ylim(-0.05, 1.12)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1])
    ax.set_ylabel("sentences with a hedge cue")
    ax.set_xlabel(f"publication date of the {corpus_noun(documents, 1)}")
    date_ticks(ax, mdates.AutoDateLocator(minticks=3, maxticks=8))  # every month label with its year
    precisions = set(dated["date_precision"])
    handles = []
    if "day" in precisions:
        handles.append(plt.Line2D([], [], marker="o", linestyle="", color=PALETTE[0], label="date known to the day"))
    if precisions - {"day"}:
        handles.append(plt.Line2D([], [], color=PALETTE[1], linewidth=4, label="only the month or year is known"))
    legend = ax.legend(handles=handles, frameon=False, fontsize=8, loc="upper right", ncols=len(handles))
    fig.canvas.draw()
    marks = [(date_middle(p, q), v) for p, q, v in zip(dated["published"], dated["date_precision"], dated["share"])]
    place_labels(ax, points, avoid=[legend.get_window_extent()], marks=marks, fontsize=8)
    return fig


def hedging_text(data: pd.DataFrame, documents: pd.DataFrame) -> dict[str, str]:
    noun = corpus_noun(documents)
    dated = data[data["published"] != ""]
    n_undated = len(data) - len(dated)
    if len(dated):
        low, high = dated.loc[dated["share"].idxmin()], dated.loc[dated["share"].idxmax()]
        short = short_ids(data["doc_id"])
        caption = (f"Across {len(dated):,} dated {corpus_noun(documents, len(dated))}, the share of hedged sentences "
                   f"ranges from {low['share']:.0%} ({short[low['doc_id']]}, {low['published']}) to {high['share']:.0%} "
                   f"({short[high['doc_id']]}, {high['published']})")
        if len(dated) > MAX_HEDGING_LABELS:
            caption += "; only these two are labelled"
        note = undated_note(n_undated, corpus_noun(documents, n_undated))
        caption += f"; {note}." if note else "."
    else:
        caption = (f"No {corpus_noun(documents, 1)} is dated, so the chart is empty; the data CSV lists the share of "
                   f"hedged sentences for the {n_undated:,} undated {corpus_noun(documents, n_undated)}.")
    alt = (f"Dot chart of the share of sentences with a hedge cue against publication date, one mark per "
           f"{noun[:-1]}. " + " ".join(f"{r.doc_id} ({r.published or 'undated'}): {r.hedged} of {r.sentences} "
                                       "sentences." for r in data.itertuples()))
    return {"title": f"How sure is the coverage? Hedged sentences per {noun[:-1]}", "caption": caption, "alt_text": alt}


def hedging(hedges, documents):
    data = hedging_data(hedges, documents)
    labels = hedging_text(data, documents)
    return plot_hedging(data, labels["title"], documents), data, labels
