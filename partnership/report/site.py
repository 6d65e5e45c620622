"""The rendered report: notebooks as HTML pages plus an index page, all working from disk.

``make html`` (``python -m partnership site``) renders each notebook with nbconvert's
HTML exporter (code tagged ``remove-input`` is hidden) and then writes an ``index.html`` with the report's title,
the key findings, the timeline figure (embedded, with its alt text) and the notebooks
in order with one line each, taken from each notebook's own opening. Everything the
index shows is escaped or rendered by mistune with escaping on, so text from the
articles can never become markup.
"""

import base64
import html
import re
from pathlib import Path

import mistune
import nbformat
import pandas as pd

from partnership import config
from partnership.report.findings import findings_markdown
from partnership.report.report_figures import processed_tables
from partnership.report.wording import corpus_noun

TITLE = "Moscow and Pyongyang, read from the news"
INDEX_FIGURE = "partnership_timeline"
_markdown = mistune.create_markdown(escape=True)


def notebook_summary(path: Path) -> tuple[str, str]:
    """(title, one line) from a notebook's first Markdown cell: its heading and the sentence after
    "What this notebook shows." (or the first paragraph)."""
    first = next(c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
    lines = first.source.splitlines()
    title = lines[0].lstrip("# ").strip()
    text = " ".join(line.strip() for line in lines[1:])
    shown = re.search(r"\*\*What this notebook shows\.\*\*\s*(.+?\.)(\s|$)", text)
    line = shown.group(1) if shown else text.split(". ")[0].strip()
    return title, re.sub(r"[*`]", "", line)


def corpus_description(documents: pd.DataFrame) -> str:
    """'5 news articles', or '11 texts (6 wire, 3 statement, 2 briefing)': what the corpus holds."""
    n = len(documents)
    noun = corpus_noun(documents, n)
    genres = documents["genre"].replace("", "genre not recorded").value_counts() if "genre" in documents else None
    if noun.startswith("article"):
        return f"{n} news {noun}"
    kinds = ", ".join(f"{count} {genre}" for genre, count in sorted(genres.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"{n} {noun} ({kinds})"


def index_html(findings: str, notebooks: list[Path], figure_png: bytes, alt_text: str, caption: str,
               corpus: str) -> str:
    items = []
    for path in notebooks:
        title, line = notebook_summary(path)
        page = path.with_suffix(".html").name
        items.append(f'<li><a href="{html.escape(page)}">{html.escape(title)}</a>: {html.escape(line)}</li>')
    image = base64.b64encode(figure_png).decode("ascii")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>{html.escape(TITLE)}</title>
<style>
body {{ font-family: sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }}
img {{ max-width: 100%; }}
figcaption {{ font-style: italic; color: #444; }}
</style>
</head>
<body>
<h1>{html.escape(TITLE)}</h1>
<p>A research report that reads {html.escape(corpus)} about Russia and North Korea and traces,
with evidence, how their partnership evolved. Every number is computed from the
evidence tables; citations are <em>article s sentence</em>.</p>
<h2 id="key-findings">Key findings</h2>
{_markdown(findings)}
<figure>
<img src="data:image/png;base64,{image}" alt="{html.escape(alt_text)}">
<figcaption>{html.escape(caption)}</figcaption>
</figure>
<h2>The notebooks, in order</h2>
<ol>
{chr(10).join(items)}
</ol>
</body>
</html>
"""


HIDDEN_INPUT_TAG = "remove-input"
TEMPLATES = Path(__file__).parent / "templates"  # "offline": the lab template minus CDN scripts


def render_notebook(path: Path, html_dir: Path) -> Path:
    """One executed notebook as a standalone HTML page (images embedded; tagged code hidden)."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    settings = Config()
    settings.TagRemovePreprocessor.enabled = True
    settings.TagRemovePreprocessor.remove_input_tags = {HIDDEN_INPUT_TAG}
    exporter = HTMLExporter(config=settings, extra_template_basedirs=[str(TEMPLATES)], template_name="offline")
    body, _ = exporter.from_filename(str(path))
    target = Path(html_dir) / Path(path).with_suffix(".html").name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return target


def build_site(html_dir=config.ROOT / "build" / "html", notebooks_dir=config.NOTEBOOKS_DIR) -> list[Path]:
    """Every numbered notebook as a page, then the index."""
    notebooks = sorted(Path(notebooks_dir).glob("[0-9][0-9]_*.ipynb"))
    pages = [render_notebook(path, html_dir) for path in notebooks]
    return pages + [write_index(html_dir, notebooks_dir)]


def write_index(html_dir=config.ROOT / "build" / "html", notebooks_dir=config.NOTEBOOKS_DIR) -> Path:
    notebooks = sorted(Path(notebooks_dir).glob("[0-9][0-9]_*.ipynb"))
    alt = pd.read_csv(config.FIGURE_ALT_TEXT_FILE, dtype=str, keep_default_na=False).set_index("figure")
    tables = processed_tables()
    page = index_html(findings_markdown(tables), notebooks,
                      (config.FIGURES_DIR / f"{INDEX_FIGURE}.png").read_bytes(),
                      alt.loc[INDEX_FIGURE, "alt_text"], alt.loc[INDEX_FIGURE, "caption"], corpus_description(tables["documents"]))
    target = Path(html_dir) / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target
