"""Charts of the numbers the texts report: material support over time, and the weapons named.

Each reported figure is a point at its text's publication date (a bar over the month or
year when only that is known), labelled with who claimed it (the speaker of a claim in
the same sentence, else the text itself); nothing is drawn between reports, because
nothing is known between them. Labels are placed by rule so that none overlaps another;
the data CSV says which figures carry a label.
"""

import math
import re
import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from partnership import config
from partnership.annotate.quantities import SUPPORT_REFERENTS, load_weapon_categories
from partnership.report.figures import (
    PALETTE, date_middle, date_span, date_ticks, empty_message, finish, place_labels, precision_of, undated_note,
)
from partnership.report.wording import corpus_noun

SUPPORT_KINDS = ("personnel", "materiel", "money")
SUPPORT_SOURCE = "data/processed/quantities.csv, claims.csv, documents.csv"
SUPPORT_COLUMNS = ["doc_id", "published", "date_precision", "unit", "value", "mod", "text", "refers_to", "claimed_by",
                   "drawn", "labelled"]
NO_ATTRIBUTION = "(no attribution)"  # after "the article" or "the text"
MAX_UNITS = 6  # panels; figures in rarer units are listed in the data CSV only
ALL_LABELS_UP_TO = 8  # per panel; with more points only the largest figure per year is labelled
WEAPONS_SOURCE = "data/processed/mentions.csv, quantities.csv; data/codebook/weapon_categories.csv"
WEAPON_COLUMNS = ["category", "item", "kind", "sentences", "doc_ids", "calibres_with_system", "category_sentences",
                  "drawn"]
CALIBRE_NOUN_WINDOW = 40  # characters after a calibre in which its weapon noun (or named system) stands
MAX_WEAPON_BARS = 30


def support_data(quantities: pd.DataFrame, claims: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Reported personnel, materiel and money figures transferred, pledged or deployed (``refers_to``; a
    stockpile or a price is not support), each at its text's publication date."""
    published = dict(zip(documents["doc_id"], documents["published"]))
    precision = {d: precision_of(p, q) for d, p, q in
                 zip(documents["doc_id"], documents["published"], documents["date_precision"])}
    speakers = claims[claims["speaker_text"] != ""].drop_duplicates(["doc_id", "sent_id"])
    speaker_of = {(r.doc_id, int(r.sent_id)): r.speaker_text for r in speakers.itertuples()}
    no_one = f"the {corpus_noun(documents, 1)} {NO_ATTRIBUTION}"
    rows = []
    support = quantities[quantities["kind"].isin(SUPPORT_KINDS) & (quantities["value"] != "")]
    if "refers_to" in support.columns:
        support = support[support["refers_to"].isin(SUPPORT_REFERENTS)]
    for q in support.itertuples():
        if float(q.value) <= 0:
            continue  # nothing to place on a log scale
        rows.append({"doc_id": q.doc_id, "published": published[q.doc_id], "date_precision": precision[q.doc_id],
                     "unit": q.unit, "value": float(q.value), "mod": q.mod, "text": q.text,
                     "refers_to": getattr(q, "refers_to", ""),
                     "claimed_by": speaker_of.get((q.doc_id, int(q.sent_id)), no_one)})
    table = pd.DataFrame(rows, columns=SUPPORT_COLUMNS[:-2])
    table = table.assign(undated=table["published"] == "").sort_values(
        ["unit", "undated", "published", "doc_id", "value"], ignore_index=True).drop(columns="undated")
    placeable = (table["published"] != "") | (table["published"] == "").all()  # nothing dated: all, without time
    table["drawn"] = placeable & table["unit"].isin(_units(table[placeable]))
    table["labelled"] = False
    return table


def _units(table: pd.DataFrame) -> list[str]:
    counts = table["unit"].value_counts()
    return sorted(counts.index, key=lambda u: (-counts[u], u))[:MAX_UNITS]


def _label_candidates(part: pd.DataFrame) -> list[int]:
    """Row indices to try labelling, in priority order: every figure when few, else the largest per year."""
    if len(part) <= ALL_LABELS_UP_TO:
        chosen = part
    else:
        year = part["published"].str[:4]
        chosen = part.loc[part.groupby(year)["value"].idxmax()]
    return list(chosen.sort_values(["value", "published", "doc_id"], ascending=[False, True, True]).index)


def plot_support(data: pd.DataFrame, title: str, documents: pd.DataFrame):
    """Draws the figures; marks in ``data['labelled']`` the ones that got a label."""
    drawn = data[data["drawn"]]
    units = _units(drawn)
    if not units:
        fig, ax = plt.subplots(figsize=(10, 4))
        empty_message(ax, f"No figures of personnel, materiel or money were found in the {corpus_noun(documents)}.")
        return finish(fig, title, SUPPORT_SOURCE, left=0.05, right=0.95, top=0.85, bottom=0.12)
    columns = min(3, len(units))
    rows = math.ceil(len(units) / columns)
    fig, axes = plt.subplots(rows, columns, figsize=(12, 4.2 * rows + 0.8), squeeze=False)
    height = fig.get_size_inches()[1]
    finish(fig, title, SUPPORT_SOURCE, left=0.07, right=0.98, top=1 - 0.75 / height, bottom=0.75 / height + 0.02,
           wspace=0.3, hspace=0.45)
    timed = (drawn["published"] != "").any()
    if timed:
        spans = [date_span(p, q) for p, q in zip(drawn["published"], drawn["date_precision"])]
        first, last = min(s[0] for s in spans), max(s[1] for s in spans)
        margin = max(pd.Timedelta(days=60), (last - first) * 0.12)
    for ax in axes.flat[len(units):]:
        ax.set_visible(False)
    for ax, unit, colour in zip(axes.flat, units, PALETTE):
        part = drawn[drawn["unit"] == unit]
        xs = {}
        for i, row in enumerate(part.itertuples()):
            if timed:
                x = date_middle(row.published, row.date_precision)
                start, end = date_span(row.published, row.date_precision)
                if row.date_precision != "day":
                    ax.plot([start, end + pd.Timedelta(days=1)], [row.value, row.value], color=colour,
                            linewidth=3, alpha=0.5, solid_capstyle="butt")
            else:  # nothing dated: a strip, spread by rank so points stay apart
                x = (i % 7) - 3
            xs[row.Index] = x
            ax.plot(x, row.value, "o", color=colour, markersize=7, alpha=0.85)
        ax.set_yscale("log")
        ax.set_ylim(part["value"].min() / 10, part["value"].max() * 30)
        if timed:
            ax.set_xlim(first - margin, last + margin)
            locator = mdates.AutoDateLocator(minticks=2, maxticks=4)
            date_ticks(ax, locator)
        else:
            ax.set_xlim(-5, 5)
            ax.set_xticks([0], [f"undated {corpus_noun(documents)}"])
        ax.set_title(unit, fontsize=10)
        candidates = _label_candidates(part)
        items = []
        for index in candidates:
            row = part.loc[index]
            bound = {"MORE_THAN": "more than ", "EQUAL_OR_MORE": "at least "}.get(row["mod"], "")
            who = textwrap.shorten(row["claimed_by"], 36, placeholder="…")
            items.append((xs[index], row["value"], "\n".join(textwrap.wrap(f"{bound}{row['value']:,.0f}: {who}", 20))))
        fig.canvas.draw()
        placed = place_labels(ax, items, marks=[(xs[i], v) for i, v in zip(part.index, part["value"])], fontsize=7)
        data.loc[[i for i, label in zip(candidates, placed) if label is not None], "labelled"] = True
    for ax in axes[:, 0]:
        ax.set_ylabel("reported figure (log scale)")
    fig.supxlabel(f"publication date of the report ({corpus_noun(documents, 1)})" if timed else "", fontsize=9,
                  y=0.3 / height + 0.02)
    return fig


def support_text(data: pd.DataFrame, documents: pd.DataFrame) -> dict[str, str]:
    noun = corpus_noun(documents)
    if not len(data):
        return {"title": f"Material support as reported: no figures in the {noun}",
                "caption": f"No figures of personnel, materiel or money were found in the {len(documents):,} "
                           f"{corpus_noun(documents, len(documents))}.",
                "alt_text": "An empty chart: no reported figures of material support."}
    unattributed = data["claimed_by"].str.endswith(NO_ATTRIBUTION).sum()
    n_docs = data["doc_id"].nunique()
    caption = (f"{len(data):,} reported figures of support (transferred, pledged or deployed; stockpiles and prices "
               f"left out), in {data['unit'].nunique():,} units, "
               f"from {n_docs:,} {corpus_noun(documents, n_docs)}; {unattributed:,} of them are attributed to no one")
    undated = data[data["published"] == ""]
    if len(undated) == len(data):
        caption += f"; no {corpus_noun(documents, 1)} with a figure is dated, so the figures are drawn without a time axis"
    elif len(undated):
        n = undated["doc_id"].nunique()
        caption += f"; {len(undated):,} figures from {undated_note(n, corpus_noun(documents, n))}"
    hidden = data[~data["drawn"] & ~data["unit"].isin(_units(data[data["drawn"]]))]
    if len(hidden):
        caption += f"; {len(hidden):,} figures in rarer units are listed in the data only"
    if (data["drawn"] & ~data["labelled"]).any():
        caption += f"; {int(data['labelled'].sum()):,} figures are labelled (each largest per unit and year first)"
    caption += "."
    alt = "Dot charts, one per unit, of reported figures against the report's date. " + " ".join(
        f"{r.unit}: {r.text} ({r.published or 'undated'}, {r.claimed_by})." for r in data.itertuples())
    return {"title": f"Material support as reported: each point one figure in one {noun[:-1]}", "caption": caption,
            "alt_text": alt}


def material_support(quantities, claims, documents):
    data = support_data(quantities, claims, documents)
    fig = plot_support(data, "", documents)  # draws first: the caption says how many labels fit
    labels = support_text(data, documents)
    fig.suptitle(labels["title"], fontweight="bold")
    return fig, data, labels


def weapons_data(mentions: pd.DataFrame, quantities: pd.DataFrame, texts: dict[str, str],
                 registry: pd.DataFrame, categories: dict[str, str]) -> pd.DataFrame:
    """Weapon systems (registry WEAPON mentions) and calibres (with the weapon noun after them), by category.

    A calibre that opens the phrase naming a system ("170-mm Koksan howitzers": the system's
    mention follows within CALIBRE_NOUN_WINDOW characters, with no comma, semicolon or
    bracket between) is that system's calibre: it is counted with the system, not as a bar of its own.
    Bars count sentences, not mentions: a system named twice in one sentence ("KN-23 (Hwasong-11)",
    two names of one missile) is counted once."""
    names = dict(zip(registry["entity_id"], registry["name"]))
    weapons = mentions[mentions["type"] == "WEAPON"]
    rows = []
    for m in weapons.itertuples():
        rows.append({"category": categories.get(m.entity_id, "other"), "item": names[m.entity_id],
                     "kind": "system", "doc_id": m.doc_id, "sent_id": m.sent_id, "folded": 0})
    starts = {}
    for m in weapons.itertuples():
        starts.setdefault(m.doc_id, []).append((int(m.start), m.entity_id))
    for q in quantities[quantities["kind"] == "calibre"].itertuples():
        text = texts[q.doc_id]
        end = int(q.end)
        system = next((e for s, e in sorted(starts.get(q.doc_id, [])) if end <= s <= end + CALIBRE_NOUN_WINDOW
                       and not re.search(r"[,;.()]", text[end:s])), None)
        if system is not None:
            rows.append({"category": categories.get(system, "other"), "item": names[system], "kind": "system",
                         "doc_id": q.doc_id, "sent_id": q.sent_id, "folded": 1})
            continue
        after = text[end:end + CALIBRE_NOUN_WINDOW].lower()
        nouns = [w for w in re.findall(r"[a-z]+", after) if w in categories]
        noun = nouns[0] if nouns else ""
        rows.append({"category": categories.get(noun, "other"), "item": f"{float(q.value):g} mm {noun}".strip(),
                     "kind": "calibre", "doc_id": q.doc_id, "sent_id": q.sent_id, "folded": 0})
    every = pd.DataFrame(rows, columns=["category", "item", "kind", "doc_id", "sent_id", "folded"])
    table = every[every["folded"] == 0].drop_duplicates(["item", "kind", "doc_id", "sent_id"])
    folded = every[every["folded"] == 1].groupby("item").size()  # the system's own mention is already counted
    grouped = table.groupby(["category", "item", "kind"]).agg(
        sentences=("doc_id", "size"), doc_ids=("doc_id", lambda d: "|".join(sorted(set(d))))).reset_index()
    grouped["calibres_with_system"] = grouped["item"].map(folded).where(grouped["kind"] == "system").fillna(0).astype(int)
    # a sentence naming two systems of one category ("Koksan guns and D-74 howitzers") counts once for it
    grouped["category_sentences"] = grouped["category"].map(
        table.drop_duplicates(["category", "doc_id", "sent_id"]).groupby("category").size()).astype(int)
    grouped = grouped.sort_values(["category", "sentences", "item"], ascending=[True, False, True], ignore_index=True)
    top = grouped.sort_values(["sentences", "category", "item"], ascending=[False, True, True]).head(MAX_WEAPON_BARS)
    grouped["drawn"] = grouped.index.isin(top.index)
    return grouped[WEAPON_COLUMNS]


def plot_weapons(data: pd.DataFrame, title: str, documents: pd.DataFrame):
    drawn = data[data["drawn"]]
    fig, ax = plt.subplots(figsize=(10, 0.3 * len(drawn) + 2.6))
    height = fig.get_size_inches()[1]
    if not len(drawn):
        empty_message(ax, f"No weapon systems or calibres were named in the {corpus_noun(documents)}.")
        return finish(fig, title, WEAPONS_SOURCE, left=0.05, right=0.95, top=0.8, bottom=0.15)
    colours = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(dict.fromkeys(drawn["category"]))}
    y = list(range(len(drawn)))[::-1]
    ax.barh(y, drawn["sentences"], color=[colours[c] for c in drawn["category"]],
            hatch=["//" if k == "calibre" else "" for k in drawn["kind"]], edgecolor="white")
    ax.set_yticks(y, [textwrap.shorten(f"{item}  ({category})", 60, placeholder="…")
                      for item, category in zip(drawn["item"], drawn["category"])], fontsize=8)
    ax.set_ylim(-0.6, len(drawn) - 0.4)
    ax.set_xlabel(f"sentences naming it, in the {len(documents):,} {corpus_noun(documents, len(documents))}")
    ax.xaxis.get_major_locator().set_params(integer=True)
    handles = [plt.Rectangle((0, 0), 1, 1, color=c, label=k) for k, c in colours.items()]
    if (drawn["kind"] == "calibre").any():
        handles.append(plt.Rectangle((0, 0), 1, 1, facecolor="#bbbbbb", hatch="//", edgecolor="white",
                                     label="calibre (hatched)"))
    fig.legend(handles=handles, frameon=False, fontsize=8, loc="upper center", ncols=min(len(handles), 5),
               bbox_to_anchor=(0.5, 1 - 0.5 / height))
    rows_of_legend = math.ceil(len(handles) / 5)
    return finish(fig, title, WEAPONS_SOURCE, left=0.42, right=0.97, top=1 - (0.65 + 0.2 * rows_of_legend) / height,
                  bottom=0.75 / height)


def weapons_text(data: pd.DataFrame, documents: pd.DataFrame) -> dict[str, str]:
    noun = corpus_noun(documents)
    if not len(data):
        return {"title": f"Weapons named in the {noun}: none",
                "caption": f"No weapon systems or calibres were named in the {len(documents):,} "
                           f"{corpus_noun(documents, len(documents))}.",
                "alt_text": "An empty chart: no weapons named."}
    per_category = data.groupby("category")["category_sentences"].first().sort_values(ascending=False, kind="stable")
    caption = (f"{len(data):,} weapon systems and calibres named, in {len(per_category):,} categories: "
               + ", ".join(f"{c} ({n} sentence{'s' * (n != 1)})" for c, n in per_category.items()))
    folded = int(data["calibres_with_system"].sum())
    if folded:
        caption += (f"; {folded:,} calibres written in the phrase that names a system are counted as that "
                    "system, not twice")
    hidden = int((~data["drawn"]).sum())
    if hidden:
        caption += f"; the {int(data['drawn'].sum())} most named are drawn, {hidden:,} more are in the data CSV"
    caption += "."
    alt = "Horizontal bar chart of sentences naming each weapon system or calibre, grouped by category. " + " ".join(
        f"{r.item}, {r.category}: {r.sentences}." for r in data.itertuples())
    return {"title": f"Weapons named in the {noun}, by category", "caption": caption, "alt_text": alt}


def weapons_named(mentions, quantities, texts, registry, documents):
    data = weapons_data(mentions, quantities, texts, registry, load_weapon_categories())
    labels = weapons_text(data, documents)
    return plot_weapons(data, labels["title"], documents), data, labels
