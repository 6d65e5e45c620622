"""The rendered report as a Jupyter Book 1 site: ``make html`` (``python -m partnership site``).

The book's configuration is ``book/_config.yml`` and ``book/_toc.yml``. A build copies it to
``build/book/`` together with the executed notebooks (each figure given its alt text) and the
generated pages (one per article, the events table and the entity registry), then runs Sphinx into
``build/html/``. Nothing generated is written outside ``build/``, so ``git status`` stays clean;
no notebook is executed (they are committed executed). The pages are written by
``partnership.report.book_pages``; citations become links in ``partnership.report.book_citations``.
"""

import html
import re
import shutil
import time
import warnings
from pathlib import Path

import nbformat
import pandas as pd
import yaml

from partnership import config
from partnership.report.book_pages import write_source_pages

BOOK_DIR = config.ROOT / "book"
HTML_DIR = config.ROOT / "build" / "html"
_CAPTION_PREFIX = re.compile(r"^\s*\*?(Figure:\s*)?")
# Jupyter Book's extensions, less the live-code ones: thebe's inline script names a CDN (and is
# declared twice, a console error) and comments load from outside; the book runs nothing.
_NOT_USED = ("sphinx_thebe", "sphinx_comments")


def extensions() -> list[str]:
    from jupyter_book.config import get_default_sphinx_config

    used = [e for e in get_default_sphinx_config()["extensions"] if e not in _NOT_USED]
    return used + ["partnership.report.book_citations"]


def figure_alt_texts(alt_text_file=config.FIGURE_ALT_TEXT_FILE) -> dict[str, str]:
    """Caption -> alt text, from the figures' registry (figures/alt_text.csv)."""
    if not Path(alt_text_file).exists():
        return {}
    table = pd.read_csv(alt_text_file, dtype=str, keep_default_na=False)
    return {row.caption: row.alt_text for row in table.itertuples() if row.caption and row.alt_text}


def _caption_of(cell) -> str:
    """The caption a cell displays beside its figure: its Markdown output, less '*Figure: ' and '*'."""
    for output in cell.get("outputs", []):
        markdown = output.get("data", {}).get("text/markdown")
        if markdown:
            text = html.unescape("".join(markdown)).strip()
            return _CAPTION_PREFIX.sub("", text).rstrip("*").strip()
    return ""


def with_alt_text(notebook, alt_texts: dict[str, str]) -> list[int]:
    """Give each cell that shows an image the alt text of the figure whose caption it displays
    (or, for a chart drawn for the page only, that caption); return the cells left without."""
    missing = []
    for index, cell in enumerate(notebook.cells):
        if not any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])):
            continue
        caption = _caption_of(cell)
        alt = next((a for c, a in alt_texts.items() if c and c in caption), caption)
        if alt:  # MyST-NB reads image options from the cell's mystnb.image metadata
            cell.metadata.setdefault("mystnb", {}).setdefault("image", {})["alt"] = alt
        else:
            missing.append(index)
    return missing


def stage(source: Path, notebooks_dir=config.NOTEBOOKS_DIR, processed_dir=config.PROCESSED_DIR,
          book_dir=BOOK_DIR, registry_file=config.CODEBOOK_DIR / "entities.csv",
          alt_text_file=config.FIGURE_ALT_TEXT_FILE) -> Path:
    """Lay out the book's source folder: config, notebooks with alt text, generated pages."""
    if source.exists():
        shutil.rmtree(source)
    shutil.copytree(book_dir, source)
    alt_texts = figure_alt_texts(alt_text_file)
    toc = yaml.safe_load((Path(book_dir) / "_toc.yml").read_text(encoding="utf-8"))
    (source / "notebooks").mkdir()
    for entry in [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part["chapters"]]:
        if not entry.startswith("notebooks/"):
            continue
        path = Path(notebooks_dir) / (Path(entry).name + ".ipynb")
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:  # a link to a page of book/ ("../book/course_outline.md") is that page here
            if cell.cell_type == "markdown":
                cell.source = cell.source.replace("](../book/", "](../")
        missing = with_alt_text(notebook, alt_texts)
        if missing:
            print(f"warning: {config.relative(path)}: no caption, so no alt text, for the figure of cell(s) {missing}")
        nbformat.write(notebook, source / "notebooks" / path.name)
    write_source_pages(source, processed_dir, registry_file)
    return source


def build_book(html_dir=HTML_DIR, notebooks_dir=config.NOTEBOOKS_DIR, processed_dir=config.PROCESSED_DIR,
               book_dir=BOOK_DIR, quiet: bool = True) -> Path:
    """Stage and build the book into ``html_dir``; return its index.html."""
    from jupyter_book.sphinx import build_sphinx

    html_dir = Path(html_dir).resolve()
    source = html_dir.parent / "book"
    if html_dir in (config.ROOT, Path.home()) or (html_dir / ".git").exists():
        raise ValueError(f"{html_dir}: the book's folder is emptied before each build; give a folder of its own")
    shutil.rmtree(html_dir, ignore_errors=True)  # no page of an article since removed may survive
    stage(source, notebooks_dir, processed_dir, book_dir)
    with warnings.catch_warnings():  # the theme and extensions' deprecations are theirs, not a failed build
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        result = build_sphinx(
            source, html_dir, noconfig=True, path_config=str(source / "_config.yml"),
            confoverrides={"external_toc_path": str(source / "_toc.yml"),
                           "partnership_processed_dir": str(Path(processed_dir).resolve()),
                           "latex_individualpages": False, "extensions": extensions()},
            doctreedir=source / "_build" / "doctrees", freshenv=True, quiet=quiet, really_quiet=quiet)
    if result:
        raise RuntimeError(f"the book did not build (Sphinx status {result}); run `make html` to see why")
    return write_front_door(html_dir, yaml.safe_load((Path(book_dir) / "_toc.yml").read_text(encoding="utf-8")))


def write_front_door(html_dir: Path, toc: dict) -> Path:
    """index.html sends the reader to the report. It replaces the toc extension's bare redirect,
    which names no icon (so the browser asks for a missing /favicon.ico; an empty one here asks for
    nothing, as the page is left at once) and has no link to follow where refresh is off."""
    first = html.escape(toc["root"] + ".html")
    index = html_dir / "index.html"
    index.write_text(f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Refresh" content="0; url={first}">
<link rel="icon" href="data:,">
<title>The report</title>
</head>
<body><p><a href="{first}">The report</a></p></body>
</html>
""", encoding="utf-8")
    return index


def main(html_dir=HTML_DIR) -> list[Path]:
    started = time.monotonic()
    index = build_book(html_dir)
    print(f"built the book in {time.monotonic() - started:.1f} s")
    return [index]
