"""Every path the project reads or writes, in one place, relative to the project root.

Notebooks run with their own folder as the working directory, so nothing here
depends on the working directory: paths are resolved from this file's location.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DATA_DIR = ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
SOURCES_FILE_NAME = "sources.csv"
CODEBOOK_DIR = DATA_DIR / "codebook"
ANNOTATIONS_DIR = DATA_DIR / "annotations"
PROCESSED_DIR = DATA_DIR / "processed"

FIGURES_DIR = ROOT / "figures"
FIGURE_DATA_DIR = FIGURES_DIR / "data"
FIGURE_ALT_TEXT_FILE = FIGURES_DIR / "alt_text.csv"

NOTEBOOKS_DIR = ROOT / "notebooks"

COLUMNS_FILE = CODEBOOK_DIR / "columns.csv"
ABBREVIATIONS_FILE = CODEBOOK_DIR / "abbreviations.csv"


def relative(path: Path) -> str:
    """A path as shown to readers: relative to the project root when inside it.

    Notebook outputs must not contain machine-specific absolute paths.
    """
    absolute = Path(os.path.abspath(path))  # a link keeps its own name, not its target's
    for candidate in (absolute, Path(path).resolve()):
        try:
            return candidate.relative_to(ROOT).as_posix()
        except ValueError:
            pass
    return absolute.as_posix()
