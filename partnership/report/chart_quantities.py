"""Charts of the numbers the articles report: material support over time, and the weapons named.

Each reported figure is a point at its article's publication date, labelled with who
claimed it (the speaker of a claim in the same sentence, else the article itself);
nothing is drawn between reports, because nothing is known between them.
"""

import re
import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from partnership import config
from partnership.codebook import load_rule_table
from partnership.report.figures import PALETTE, finish

SUPPORT_KINDS = ("personnel", "materiel", "money")
SUPPORT_SOURCE = "data/processed/quantities.csv, claims.csv, documents.csv"
SUPPORT_COLUMNS = ["doc_id", "published", "unit", "value", "mod", "text", "claimed_by"]
WEAPON_CATEGORIES_FILE = config.CODEBOOK_DIR / "weapon_categories.csv"
WEAPONS_SOURCE = "data/processed/mentions.csv, quantities.csv; data/codebook/weapon_categories.csv"
WEAPON_COLUMNS = ["category", "item", "kind", "mentions", "doc_ids"]
CALIBRE_NOUN_WINDOW = 40  # characters after a calibre in which its weapon noun stands


def support_data(quantities: pd.DataFrame, claims: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Reported personnel, materiel and money figures, each at its article's publication date."""
    published = dict(zip(documents["doc_id"], documents["published"]))
    speakers = claims[claims["speaker_text"] != ""].drop_duplicates(["doc_id", "sent_id"])
    speaker_of = {(r.doc_id, int(r.sent_id)): r.speaker_text for r in speakers.itertuples()}
    rows = []
    for q in quantities[quantities["kind"].isin(SUPPORT_KINDS)].itertuples():
        rows.append({"doc_id": q.doc_id, "published": published[q.doc_id], "unit": q.unit, "value": float(q.value),
                     "mod": q.mod, "text": q.text,
                     "claimed_by": speaker_of.get((q.doc_id, int(q.sent_id)), "the article (no attribution)")})
    return pd.DataFrame(rows, columns=SUPPORT_COLUMNS).sort_values(["unit", "published", "doc_id"], ignore_index=True)


def plot_support(data: pd.DataFrame, title: str):
    units = list(dict.fromkeys(data["unit"]))
    fig, axes = plt.subplots(1, len(units), figsize=(12, 5), squeeze=False, sharex=True)
    years = data["published"].str[:4].astype(int)
    first, last = pd.Timestamp(f"{years.min()}-01-01"), pd.Timestamp(f"{years.max()}-12-31")
    for ax, unit, colour in zip(axes[0], units, PALETTE):
        part = data[data["unit"] == unit]
        x = pd.to_datetime(part["published"].where(part["published"].str.len() == 10, part["published"] + "-15"))
        ax.plot(x, part["value"], "o", color=colour, markersize=8)
        for xi, row in zip(x, part.itertuples()):
            bound = {"MORE_THAN": "more than ", "EQUAL_OR_MORE": "at least "}.get(row.mod, "")
            ax.annotate("\n".join(textwrap.wrap(f"{bound}{row.value:,.0f}: {row.claimed_by}", 18)), (xi, row.value),
                        xytext=(0, 8), textcoords="offset points", ha="center", va="bottom", fontsize=7)
        ax.set_yscale("log")
        ax.set_ylim(part["value"].min() / 10, part["value"].max() * 30)
        ax.set_xlim(first, last)
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.set_title(unit, fontsize=10)
        ax.set_xlabel("publication date of the report")
    axes[0][0].set_ylabel("reported figure (log scale)")
    return finish(fig, title, SUPPORT_SOURCE, left=0.07, right=0.98, top=0.84, bottom=0.22, wspace=0.35)


def support_text(data: pd.DataFrame) -> dict[str, str]:
    unattributed = (data["claimed_by"] == "the article (no attribution)").sum()
    caption = (f"{len(data)} reported figures of North Korean support, in {data['unit'].nunique()} units, "
               f"from {data['doc_id'].nunique()} articles; {unattributed} of them are attributed to no one.")
    alt = "Dot charts, one per unit, of reported figures against the report's date. " + " ".join(
        f"{r.unit}: {r.text} ({r.published}, {r.claimed_by})." for r in data.itertuples())
    return {"title": "Material support as reported: each point one figure in one article", "caption": caption,
            "alt_text": alt}


def material_support(quantities, claims, documents):
    data = support_data(quantities, claims, documents)
    labels = support_text(data)
    return plot_support(data, labels["title"]), data, labels


def load_weapon_categories(path=WEAPON_CATEGORIES_FILE) -> dict[str, str]:
    table = load_rule_table(path, ["word", "category", "note"], required=["word", "category"])
    return dict(zip(table["word"], table["category"]))


def weapons_data(mentions: pd.DataFrame, quantities: pd.DataFrame, texts: dict[str, str],
                 registry: pd.DataFrame, categories: dict[str, str]) -> pd.DataFrame:
    """Weapon systems (registry WEAPON mentions) and calibres (with the weapon noun after them), by category."""
    names = dict(zip(registry["entity_id"], registry["name"]))
    rows = []
    for m in mentions[mentions["type"] == "WEAPON"].itertuples():
        rows.append({"category": categories.get(m.entity_id, "other"), "item": names[m.entity_id],
                     "kind": "system", "doc_id": m.doc_id})
    for q in quantities[quantities["kind"] == "calibre"].itertuples():
        after = texts[q.doc_id][int(q.end):int(q.end) + CALIBRE_NOUN_WINDOW].lower()
        nouns = [w for w in re.findall(r"[a-z]+", after) if w in categories]
        noun = nouns[0] if nouns else ""
        rows.append({"category": categories.get(noun, "other"), "item": f"{float(q.value):g} mm {noun}".strip(),
                     "kind": "calibre", "doc_id": q.doc_id})
    table = pd.DataFrame(rows, columns=["category", "item", "kind", "doc_id"])
    grouped = table.groupby(["category", "item", "kind"]).agg(
        mentions=("doc_id", "size"), doc_ids=("doc_id", lambda d: "|".join(sorted(set(d))))).reset_index()
    return grouped.sort_values(["category", "mentions", "item"], ascending=[True, False, True], ignore_index=True)[
        WEAPON_COLUMNS]


def plot_weapons(data: pd.DataFrame, title: str):
    fig, ax = plt.subplots(figsize=(10, 0.38 * len(data) + 2))
    colours = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(dict.fromkeys(data["category"]))}
    y = list(range(len(data)))[::-1]
    ax.barh(y, data["mentions"], color=[colours[c] for c in data["category"]],
            hatch=["//" if k == "calibre" else "" for k in data["kind"]], edgecolor="white")
    ax.set_yticks(y, [f"{item}  ({category})" for item, category in zip(data["item"], data["category"])], fontsize=8)
    ax.set_xlabel("mentions in the five articles")
    ax.xaxis.get_major_locator().set_params(integer=True)
    handles = [plt.Rectangle((0, 0), 1, 1, color=c, label=k) for k, c in colours.items()]
    handles.append(plt.Rectangle((0, 0), 1, 1, facecolor="#bbbbbb", hatch="//", edgecolor="white",
                                 label="calibre (hatched)"))
    ax.legend(handles=handles, frameon=False, fontsize=8, loc="lower right")
    return finish(fig, title, WEAPONS_SOURCE, left=0.42, right=0.97, top=0.9, bottom=0.16)


def weapons_text(data: pd.DataFrame) -> dict[str, str]:
    per_category = data.groupby("category")["mentions"].sum().sort_values(ascending=False)
    caption = (f"{len(data)} weapon systems and calibres named, in {len(per_category)} categories: "
               + ", ".join(f"{c} ({n} mentions)" for c, n in per_category.items()) + ".")
    alt = "Horizontal bar chart of mentions per weapon system or calibre, grouped by category. " + " ".join(
        f"{r.item}, {r.category}: {r.mentions}." for r in data.itertuples())
    return {"title": "Weapons named in the articles, by category", "caption": caption, "alt_text": alt}


def weapons_named(mentions, quantities, texts, registry):
    data = weapons_data(mentions, quantities, texts, registry, load_weapon_categories())
    labels = weapons_text(data)
    return plot_weapons(data, labels["title"]), data, labels
