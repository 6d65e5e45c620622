"""The report's figures by name, each made from the processed tables alone.

Notebook 05 draws them one by one; the tests rebuild every one and compare the bytes
of its PNG and data CSV with the committed files.
"""

from pathlib import Path

import pandas as pd

from partnership import config
from partnership.report.chart_claims import hedging, who_speaks
from partnership.report.chart_events import partnership_timeline
from partnership.report.chart_network import actor_network
from partnership.report.chart_quantities import material_support, weapons_named
from partnership.annotate.entities import load_registry
from partnership.events.coding import PROCESSED_EVENT_COLUMNS, PROCESSED_EVIDENCE_COLUMNS, load_event_types

TABLES = ("documents", "events", "event_evidence", "quantities", "claims", "hedges", "mentions")
# A corpus nobody hand-coded has no events tables: the charts read them as empty.
OPTIONAL_TABLES = {"events": PROCESSED_EVENT_COLUMNS, "event_evidence": PROCESSED_EVIDENCE_COLUMNS}


def processed_tables(processed_dir=config.PROCESSED_DIR) -> dict[str, pd.DataFrame]:
    """The tables the figures read, as written (every cell a string, empty cells empty)."""
    tables = {}
    for name in TABLES:
        path = Path(processed_dir) / f"{name}.csv"
        if name in OPTIONAL_TABLES and not path.exists():
            tables[name] = pd.DataFrame(columns=OPTIONAL_TABLES[name], dtype=str)
        else:
            tables[name] = pd.read_csv(path, dtype=str, keep_default_na=False)
    return tables


FIGURES = {
    "partnership_timeline": lambda t, texts: partnership_timeline(t["events"], load_event_types()),
    "material_support": lambda t, texts: material_support(t["quantities"], t["claims"], t["documents"]),
    "who_speaks": lambda t, texts: who_speaks(t["claims"], t["documents"]),
    "hedging": lambda t, texts: hedging(t["hedges"], t["documents"]),
    "actor_network": lambda t, texts: actor_network(t["mentions"], load_registry(), t["documents"]),
    "weapons_named": lambda t, texts: weapons_named(t["mentions"], t["quantities"], texts, load_registry(),
                                                    t["documents"]),
}


def make_figure(name: str, tables: dict[str, pd.DataFrame], texts: dict[str, str]):
    """(figure, plotted data, title/caption/alt text) for one named figure."""
    return FIGURES[name](tables, texts)
