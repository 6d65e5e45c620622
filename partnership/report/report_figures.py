"""The report's figures by name, each made from the processed tables alone.

Notebook 05 draws them one by one; the tests rebuild every one and compare the bytes
of its PNG and data CSV with the committed files.
"""

import pandas as pd

from partnership import config
from partnership.report.chart_claims import hedging, who_speaks
from partnership.report.chart_events import partnership_timeline
from partnership.report.chart_network import actor_network
from partnership.report.chart_quantities import material_support, weapons_named
from partnership.annotate.entities import load_registry
from partnership.events.coding import load_event_types

TABLES = ("documents", "events", "event_evidence", "quantities", "claims", "hedges", "mentions")


def processed_tables(processed_dir=config.PROCESSED_DIR) -> dict[str, pd.DataFrame]:
    """The tables the figures read, as written (every cell a string, empty cells empty)."""
    return {name: pd.read_csv(processed_dir / f"{name}.csv", dtype=str, keep_default_na=False) for name in TABLES}


FIGURES = {
    "partnership_timeline": lambda t, texts: partnership_timeline(t["events"], load_event_types()),
    "material_support": lambda t, texts: material_support(t["quantities"], t["claims"], t["documents"]),
    "who_speaks": lambda t, texts: who_speaks(t["claims"], t["documents"]),
    "hedging": lambda t, texts: hedging(t["hedges"], t["documents"]),
    "actor_network": lambda t, texts: actor_network(t["mentions"], load_registry()),
    "weapons_named": lambda t, texts: weapons_named(t["mentions"], t["quantities"], texts, load_registry()),
}


def make_figure(name: str, tables: dict[str, pd.DataFrame], texts: dict[str, str]):
    """(figure, plotted data, title/caption/alt text) for one named figure."""
    return FIGURES[name](tables, texts)
