"""Saving a chart with everything a reader needs beside it.

Each figure is written as ``figures/<name>.png`` (at least 1600 px wide, no
version stamp, so a rebuild gives the same bytes), the exact plotted numbers as
``figures/data/<name>.csv``, and its caption and alt text as a row of
``figures/alt_text.csv``.
"""

import io
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from partnership import config
from partnership.tables import to_csv_text, write_files

# Okabe–Ito, a palette that colour-blind readers can tell apart.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
EXPORT_DPI = 200
MIN_WIDTH_PX = 1600
ALT_TEXT_COLUMNS = ["figure", "png", "data", "caption", "alt_text"]

STYLE = {
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": plt.cycler(color=PALETTE),
    "figure.dpi": 100,
    "svg.hashsalt": "partnership",
}


def use_style() -> None:
    """Apply the project's chart style (call once at the top of a notebook)."""
    plt.rcParams.update(STYLE)


def add_source_line(fig, text: str) -> None:
    """Write 'Source: …' at the bottom left of the figure."""
    fig.text(0.01, 0.01, f"Source: {text}", ha="left", va="bottom", fontsize=8, color="#555555")


def finish(fig, title: str, source: str, **margins):
    """Title, source line and margins: the last step of every chart."""
    fig.suptitle(title, fontweight="bold")
    add_source_line(fig, source)
    fig.subplots_adjust(**margins)
    return fig


def png_bytes(fig) -> bytes:
    width_in = fig.get_size_inches()[0]
    if width_in * EXPORT_DPI < MIN_WIDTH_PX:
        raise ValueError(f"figure is {width_in * EXPORT_DPI:.0f} px wide at {EXPORT_DPI} dpi; make it wider")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=EXPORT_DPI, metadata={"Software": None})
    return buffer.getvalue()


def save_figure(fig, name: str, data: pd.DataFrame, caption: str, alt_text: str,
                figures_dir=config.FIGURES_DIR) -> list[Path]:
    """Write the PNG, its data CSV and its alt-text row together (all or nothing)."""
    figures_dir = Path(figures_dir)
    png_path = figures_dir / f"{name}.png"
    data_path = figures_dir / "data" / f"{name}.csv"
    alt_path = figures_dir / config.FIGURE_ALT_TEXT_FILE.name
    entry = {
        "figure": name,
        "png": png_path.relative_to(figures_dir).as_posix(),
        "data": data_path.relative_to(figures_dir).as_posix(),
        "caption": caption,
        "alt_text": alt_text,
    }
    if alt_path.exists():
        registry = pd.read_csv(alt_path, dtype=str, keep_default_na=False)
        registry = registry[registry["figure"] != name]
    else:
        registry = pd.DataFrame(columns=ALT_TEXT_COLUMNS)
    registry = pd.concat([registry, pd.DataFrame([entry])], ignore_index=True).sort_values("figure")
    return write_files(
        {
            png_path: png_bytes(fig),
            data_path: to_csv_text(data).encode("utf-8"),
            alt_path: to_csv_text(registry[ALT_TEXT_COLUMNS]).encode("utf-8"),
        }
    )
