"""Charts of who speaks and how surely: statements by speaker country and stance, hedging per article."""

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from partnership.annotate.claims import load_stances
from partnership.report.figures import PALETTE, finish

STANCE_ORDER = load_stances()  # the codebook's row order, so a new stance is charted too
SPEAKERS_SOURCE = "data/processed/claims.csv, documents.csv"
HEDGING_SOURCE = "data/processed/hedges.csv, documents.csv"
UNNAMED = "(unnamed)"


def speakers_data(claims: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Statements per article (in publication order), speaker country and stance."""
    order = documents.sort_values(["published", "doc_id"])[["doc_id", "published"]].reset_index(drop=True)
    order["article"] = range(1, len(order) + 1)
    table = claims.assign(speaker_country=claims["speaker_country"].replace("", UNNAMED))
    counts = table.groupby(["doc_id", "speaker_country", "stance"]).size().rename("statements").reset_index()
    counts = counts.merge(order, on="doc_id")
    return counts.sort_values(["article", "speaker_country", "stance"], ignore_index=True)[
        ["article", "doc_id", "published", "speaker_country", "stance", "statements"]]


def plot_speakers(data: pd.DataFrame, title: str):
    articles = data.drop_duplicates("article")[["article", "doc_id", "published"]]
    countries = sorted(set(data["speaker_country"]) - {UNNAMED}) + ([UNNAMED] if UNNAMED in set(data["speaker_country"]) else [])
    colours = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(STANCE_ORDER)}
    fig, axes = plt.subplots(1, len(articles), figsize=(13, 5.5), sharey=True, sharex=True)
    for ax, article in zip(axes, articles.itertuples()):
        part = data[data["article"] == article.article]
        left = pd.Series(0, index=countries)
        for stance in STANCE_ORDER:
            values = part[part["stance"] == stance].set_index("speaker_country")["statements"].reindex(countries).fillna(0)
            ax.barh(countries, values, left=left, color=colours[stance], label=stance)
            left += values
        ax.set_title(f"{article.doc_id[:3]}\n{article.published}", fontsize=9)
        ax.set_xlabel("statements")
    axes[0].invert_yaxis()  # the y axis is shared: first country on top in every panel
    axes[0].set_ylabel("speaker's country (ISO codes)")
    axes[0].xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[s], label=s) for s in STANCE_ORDER if s in set(data["stance"])]
    fig.legend(handles=handles, loc="upper center", ncols=len(handles), frameon=False, fontsize=8,
               bbox_to_anchor=(0.5, 0.92), title="stance of the reporting cue", title_fontsize=8)
    return finish(fig, title, SPEAKERS_SOURCE, left=0.12, right=0.98, top=0.78, bottom=0.14, wspace=0.08)


def speakers_text(data: pd.DataFrame) -> dict[str, str]:
    totals = data.groupby("speaker_country")["statements"].sum().sort_values(ascending=False)
    caption = (f"{int(data['statements'].sum())} attributed statements in {data['article'].nunique()} articles, "
               "by speaker's country and stance, in publication order; most come from "
               + ", ".join(f"{c} ({n})" for c, n in totals.head(3).items()) + ".")
    alt = "Stacked bar charts, one per article in publication order, of statements by speaker country and stance. " + " ".join(
        f"Article {r.doc_id[:3]} ({r.published}), {r.speaker_country}, {r.stance}: {r.statements}." for r in data.itertuples())
    return {"title": "Who speaks: attributed statements by country and stance, per article", "caption": caption,
            "alt_text": alt}


def who_speaks(claims, documents):
    data = speakers_data(claims, documents)
    labels = speakers_text(data)
    return plot_speakers(data, labels["title"]), data, labels


def hedging_data(hedges: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Share of sentences holding a hedge cue, per article, with the article's date span."""
    hedged = hedges.assign(hedged=hedges["hedged"].astype(str) == "True")
    shares = hedged.groupby("doc_id").agg(sentences=("hedged", "size"), hedged=("hedged", "sum")).reset_index()
    shares["share"] = (shares["hedged"] / shares["sentences"]).round(4)
    dates = documents[["doc_id", "published", "date_precision"]]
    return dates.merge(shares, on="doc_id").sort_values(["published", "doc_id"], ignore_index=True)


def plot_hedging(data: pd.DataFrame, title: str):
    fig, ax = plt.subplots(figsize=(10, 5))
    for row in data.itertuples():
        if row.date_precision == "day":
            x = pd.Timestamp(row.published)
            ax.plot(x, row.share, "o", color=PALETTE[0], markersize=8)
        else:  # only the month is known: a bar over the month
            start = pd.Timestamp(row.published + "-01")
            x = start + pd.Timedelta(days=14)
            ax.plot([start, start + pd.offsets.MonthEnd(0)], [row.share, row.share], color=PALETTE[1], linewidth=4)
        below = row.date_precision != "day"  # month bars get their label underneath, clear of day points
        ax.annotate(f"{row.doc_id[:3]}: {row.hedged}/{row.sentences}", (x, row.share), xytext=(6, -12 if below else 4),
                    textcoords="offset points", fontsize=8)
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.set_ylabel("sentences with a hedge cue")
    ax.set_xlabel("publication date")
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=PALETTE[0], label="date known to the day"),
               plt.Line2D([], [], color=PALETTE[1], linewidth=4, label="only the month is known")]
    ax.legend(handles=handles, frameon=False, fontsize=8, loc="upper right")
    return finish(fig, title, HEDGING_SOURCE, left=0.1, right=0.97, top=0.9, bottom=0.16)


def hedging_text(data: pd.DataFrame) -> dict[str, str]:
    low, high = data.loc[data["share"].idxmin()], data.loc[data["share"].idxmax()]
    caption = (f"The share of hedged sentences ranges from {low['share']:.0%} ({low['doc_id'][:3]}, "
               f"{low['published']}) to {high['share']:.0%} ({high['doc_id'][:3]}, {high['published']}).")
    alt = "Dot chart of the share of sentences with a hedge cue against publication date. " + " ".join(
        f"Article {r.doc_id[:3]} ({r.published}): {r.hedged} of {r.sentences} sentences." for r in data.itertuples())
    return {"title": "How sure is the coverage? Hedged sentences per article", "caption": caption, "alt_text": alt}


def hedging(hedges, documents):
    data = hedging_data(hedges, documents)
    labels = hedging_text(data)
    return plot_hedging(data, labels["title"]), data, labels

