"""Who is named together: a co-mention network of the most-named actors, with a fixed circular layout.

Nodes are registry persons, organisations and states; an edge joins two that are
named in the same sentence, as wide as the number of such sentences. The layout is
a circle ordered by country, then by name, so the picture is the same on every run.
"""

import itertools
import math

import matplotlib.pyplot as plt
import pandas as pd

from partnership.report.figures import PALETTE, finish

NETWORK_SOURCE = "data/processed/mentions.csv; countries: data/codebook/entities.csv"
ACTOR_TYPES = ("PERSON", "ORG", "GPE")
TOP_NODES = 24
NETWORK_COLUMNS = ["kind", "source", "target", "weight", "name", "country", "x", "y"]


def network_data(mentions: pd.DataFrame, registry: pd.DataFrame, top: int = TOP_NODES) -> pd.DataFrame:
    """Node rows (mentions, country, position) and edge rows (sentences shared) for the most-named actors."""
    info = registry.set_index("entity_id")
    linked = mentions[(mentions["entity_id"] != "") & mentions["type"].isin(ACTOR_TYPES)]
    counts = linked["entity_id"].value_counts()
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    keep = {e for e, _ in ranked}
    ordered = sorted(keep, key=lambda e: (info.loc[e, "country"] or "ZZZ", info.loc[e, "name"]))
    rows = []
    for i, entity in enumerate(ordered):
        angle = math.pi / 2 - 2 * math.pi * i / len(ordered)
        rows.append({"kind": "node", "source": entity, "target": "", "weight": int(counts[entity]),
                     "name": info.loc[entity, "name"], "country": info.loc[entity, "country"],
                     "x": round(math.cos(angle), 4), "y": round(math.sin(angle), 4)})
    pairs: dict[tuple[str, str], int] = {}
    for _, group in linked[linked["entity_id"].isin(keep)].groupby(["doc_id", "sent_id"]):
        for a, b in itertools.combinations(sorted(set(group["entity_id"])), 2):
            pairs[(a, b)] = pairs.get((a, b), 0) + 1
    for (a, b), weight in sorted(pairs.items()):
        rows.append({"kind": "edge", "source": a, "target": b, "weight": weight, "name": "", "country": "",
                     "x": pd.NA, "y": pd.NA})
    return pd.DataFrame(rows, columns=NETWORK_COLUMNS)


def plot_network(data: pd.DataFrame, title: str):
    nodes = data[data["kind"] == "node"].set_index("source")
    edges = data[data["kind"] == "edge"]
    countries = list(dict.fromkeys(nodes["country"].replace("", "none")))
    colours = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(countries)}
    fig, ax = plt.subplots(figsize=(10, 10))
    heaviest = edges["weight"].max()
    for edge in edges.itertuples():
        a, b = nodes.loc[edge.source], nodes.loc[edge.target]
        ax.plot([a["x"], b["x"]], [a["y"], b["y"]], color="#999999", alpha=0.25 + 0.6 * edge.weight / heaviest,
                linewidth=0.5 + 5 * edge.weight / heaviest, zorder=1)
    biggest = nodes["weight"].max()
    for entity, node in nodes.iterrows():
        colour = colours[node["country"] or "none"]
        ax.scatter(node["x"], node["y"], s=80 + 900 * node["weight"] / biggest, color=colour, zorder=2,
                   edgecolor="white")
        ax.annotate(f"{node['name']} ({node['weight']})", (node["x"], node["y"]),
                    xytext=(node["x"] * 1.13, node["y"] * 1.13), ha="left" if node["x"] > 0.05 else
                    ("right" if node["x"] < -0.05 else "center"), va="center", fontsize=8)
    ax.set_xlim(-1.6, 1.6)
    ax.set_ylim(-1.4, 1.4)
    ax.set_aspect("equal")
    ax.axis("off")
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=colours[c], markersize=9, label=c)
               for c in countries]
    ax.legend(handles=handles, title="country (ISO)", frameon=False, fontsize=8, loc="lower left")
    return finish(fig, title, NETWORK_SOURCE, left=0.02, right=0.98, top=0.94, bottom=0.04)


def network_text(data: pd.DataFrame) -> dict[str, str]:
    nodes, edges = data[data["kind"] == "node"], data[data["kind"] == "edge"]
    strongest = edges.sort_values(["weight", "source", "target"], ascending=[False, True, True]).head(3)
    names = nodes.set_index("source")["name"]
    caption = (f"The {len(nodes)} most-named actors and the {len(edges)} pairs named in the same sentence; the "
               "strongest ties are " + ", ".join(f"{names[r.source]}–{names[r.target]} ({r.weight})"
                                                  for r in strongest.itertuples()) + ".")
    alt = ("Network diagram on a circle, nodes sized by mentions and coloured by country, edges by shared sentences. "
           + " ".join(f"{r.name} ({r.country or 'no country'}): {r.weight} mentions." for r in nodes.itertuples())
           + " Strongest ties: " + "; ".join(f"{names[r.source]} and {names[r.target]}, {r.weight} sentences"
                                            for r in strongest.itertuples()) + ".")
    return {"title": "Who is named together: actors co-mentioned in a sentence", "caption": caption, "alt_text": alt}


def actor_network(mentions, registry):
    data = network_data(mentions, registry)
    labels = network_text(data)
    return plot_network(data, labels["title"]), data, labels
