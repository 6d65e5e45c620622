"""Who is named together: a matrix of the most-named actors, each cell the sentences naming both.

Rows and columns are registry persons, organisations and states, grouped by country
(then by mentions), so a block of dark cells is a group named together. A capital or seat
of power used for its government ("Moscow rejected", ``mentions.stands_for``) counts as its
state; a city or port named as a place is not an actor. A matrix has
no layout to compute and no lines to cross: it reads the same at 5 texts and at 500.
"""

import itertools

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from partnership.report.figures import empty_message, finish
from partnership.report.wording import corpus_noun

NETWORK_SOURCE = "data/processed/mentions.csv; countries: data/codebook/entities.csv"
ACTOR_TYPES = ("PERSON", "ORG", "GPE")
TOP_NODES = 20
NETWORK_COLUMNS = ["kind", "source", "target", "weight", "name", "country", "order"]
NO_COUNTRY = "ZZZ"  # actors with no country sort last


def _actors(registry: pd.DataFrame) -> set[str]:
    """Persons, organisations and states: places (cities, ports) are where things happen, not who acts."""
    kind = registry["type"].isin(ACTOR_TYPES) & ((registry["type"] != "GPE") | registry["role"].str.startswith("state"))
    return set(registry.loc[kind, "entity_id"])


def network_data(mentions: pd.DataFrame, registry: pd.DataFrame, top: int = TOP_NODES) -> pd.DataFrame:
    """Node rows (mentions, country, place in the matrix) and edge rows (sentences shared) for the most-named actors."""
    info = registry.set_index("entity_id")
    actor = mentions["stands_for"].where(mentions["stands_for"] != "", mentions["entity_id"]) \
        if "stands_for" in mentions else mentions["entity_id"]
    linked = mentions.assign(entity_id=actor)
    linked = linked[linked["entity_id"].isin(_actors(registry))]
    counts = linked["entity_id"].value_counts()
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    keep = {e for e, _ in ranked}
    ordered = sorted(keep, key=lambda e: (info.loc[e, "country"] or NO_COUNTRY, -counts[e], info.loc[e, "name"]))
    rows = [{"kind": "node", "source": entity, "target": "", "weight": int(counts[entity]),
             "name": info.loc[entity, "name"], "country": info.loc[entity, "country"], "order": i + 1}
            for i, entity in enumerate(ordered)]
    pairs: dict[tuple[str, str], int] = {}
    for _, group in linked[linked["entity_id"].isin(keep)].groupby(["doc_id", "sent_id"]):
        for a, b in itertools.combinations(sorted(set(group["entity_id"])), 2):
            pairs[(a, b)] = pairs.get((a, b), 0) + 1
    for (a, b), weight in sorted(pairs.items()):
        rows.append({"kind": "edge", "source": a, "target": b, "weight": weight, "name": "", "country": "",
                     "order": pd.NA})
    return pd.DataFrame(rows, columns=NETWORK_COLUMNS).astype({"order": "Int64"})


def plot_network(data: pd.DataFrame, title: str, documents: pd.DataFrame):
    nodes = data[data["kind"] == "node"].sort_values("order")
    edges = data[data["kind"] == "edge"]
    fig, ax = plt.subplots(figsize=(10, 10))
    if len(nodes) < 2:
        empty_message(ax, f"Fewer than two actors are named in the {corpus_noun(documents)}: there is no pair to show.")
        return finish(fig, title, NETWORK_SOURCE, left=0.05, right=0.95, top=0.9, bottom=0.08)
    index = {e: i for i, e in enumerate(nodes["source"])}
    n = len(index)
    matrix = np.zeros((n, n))
    for edge in edges.itertuples():
        i, j = index[edge.source], index[edge.target]
        matrix[i, j] = matrix[j, i] = edge.weight
    shown = np.ma.masked_where(matrix == 0, matrix)
    cmap = plt.get_cmap("Blues").with_extremes(bad="#f4f4f4")
    heaviest = max(1, matrix.max())
    image = ax.imshow(shown, cmap=cmap, vmin=-0.15 * heaviest, vmax=heaviest, interpolation="nearest")  # 1 stays visible
    size = 7 if n > 15 else 8
    for i, j in zip(*np.nonzero(matrix)):
        value = int(matrix[i, j])
        ax.text(j, i, f"{value:,}", ha="center", va="center", fontsize=size - 1 if value >= 1000 else size,
                color="white" if value > heaviest * 0.55 else "#222222")
    for i in range(n):
        ax.add_patch(plt.Rectangle((i - 0.5, i - 0.5), 1, 1, color="#cccccc"))
    names = [f"{r.name} · {r.country or 'no country'} ({r.weight:,})" for r in nodes.itertuples()]
    ax.set_xticks(range(n), [f"{r.name} · {r.country or '–'}" for r in nodes.itertuples()], rotation=90,
                  fontsize=size)
    ax.set_yticks(range(n), names, fontsize=size)
    ax.tick_params(length=0)
    countries = list(nodes["country"])
    for i in range(1, n):  # lines between countries
        if countries[i] != countries[i - 1]:
            ax.axhline(i - 0.5, color="#555555", linewidth=0.8)
            ax.axvline(i - 0.5, color="#555555", linewidth=0.8)
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02)
    bar.ax.set_ylim(1, heaviest)  # the scale starts at one sentence; below is only the shading's offset
    bar.set_label("sentences naming both", fontsize=8)
    bar.ax.tick_params(labelsize=8)
    bar.ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("actor (grouped by country; the number after a row's name counts its mentions)", fontsize=9)
    return finish(fig, title, NETWORK_SOURCE, left=0.26, right=0.94, top=0.94, bottom=0.24)


def network_text(data: pd.DataFrame, documents: pd.DataFrame) -> dict[str, str]:
    nodes, edges = data[data["kind"] == "node"], data[data["kind"] == "edge"]
    noun = corpus_noun(documents)
    title = "Who is named together: actors named in the same sentence"
    if len(nodes) < 2 or not len(edges):
        return {"title": title, "caption": f"{len(nodes)} actors are named and no pair of them in one sentence of the "
                                           f"{len(documents):,} {corpus_noun(documents, len(documents))}.",
                "alt_text": "A matrix with no pairs: " + " ".join(f"{r.name}: {r.weight} mentions." for r in nodes.itertuples())}
    strongest = edges.sort_values(["weight", "source", "target"], ascending=[False, True, True]).head(3)
    names = nodes.set_index("source")["name"]
    caption = (f"The {len(nodes)} most-named actors in the {noun} and the {len(edges):,} pairs of them named in the "
               "same sentence (a capital used for its government counts as its state); the strongest ties are " + ", ".join(f"{names[r.source]}–{names[r.target]} ({r.weight:,})"
                                                                  for r in strongest.itertuples()) + ".")
    alt = ("Matrix of actors grouped by country, each cell shaded by the number of sentences naming both. "
           + " ".join(f"{r.name} ({r.country or 'no country'}): {r.weight} mentions." for r in nodes.itertuples())
           + " Strongest ties: " + "; ".join(f"{names[r.source]} and {names[r.target]}, {r.weight} sentences"
                                            for r in strongest.itertuples()) + ".")
    return {"title": title, "caption": caption, "alt_text": alt}


def actor_network(mentions, registry, documents):
    data = network_data(mentions, registry)
    labels = network_text(data, documents)
    return plot_network(data, labels["title"], documents), data, labels
