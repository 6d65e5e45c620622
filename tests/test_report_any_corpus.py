"""The whole report on other corpora: `python -m partnership report` in a copy of the project with an
undated article added, and with 45 generated texts added (mixed genres, dated and undated).

Every notebook must run, every figure must draw without overlapping or cut labels, and the
findings, README and site must speak of the added evidence. Each case runs all notebooks, so
this file takes a few minutes.
"""

import os
import shutil
import subprocess
import sys

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from partnership import config
from partnership.corpus import load_corpus
from partnership.report.charts import articles_timeline
from partnership.report.findings import readme_section
from partnership.report.wording import short_ids
from partnership.report.figures import text_problems, use_style
from partnership.report.report_figures import FIGURES, make_figure, processed_tables
from tests.conftest import sources_csv
from tests.generated_corpus import write_corpus

COPIED = ("notebooks", "partnership", "data", "figures", "book", "tests", "README.md", "pyproject.toml")  # tests: 09 uses its corpus generator
UNDATED = ("A note without a date\n"
           "Russia and North Korea signed a new agreement on military cooperation, officials said. "
           "North Korea sent 2,000 more troops to Russia, according to South Korean intelligence.\n")


def project_copy(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    for name in COPIED:
        source = config.ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        else:
            shutil.copy(source, root / name)
    return root


def add_texts(root, texts: dict[str, tuple[str, dict]]):
    raw = root / "data" / "raw"
    sources = pd.read_csv(raw / "sources.csv", dtype=str, keep_default_na=False)
    rows = sources.to_dict("records")
    for name, (text, fields) in texts.items():
        (raw / name).write_text(text, encoding="utf-8")
        rows.append(dict.fromkeys(sources.columns, "") | {"file": name, "doc_id": name[:-4]} | fields)
    (raw / "sources.csv").write_text(sources_csv(rows, list(sources.columns)), encoding="utf-8")


def run_report(root):
    env = dict(os.environ, PYTHONPATH=str(root), PYTHONHASHSEED="0", TZ="UTC",
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    for command in (["report"], ["site", "--html", str(root / "build" / "html")]):
        result = subprocess.run([sys.executable, "-m", "partnership", *command], cwd=root, env=env,
                                capture_output=True, text=True, timeout=1200)
        assert result.returncode == 0, result.stderr[-3000:]
    return root


def check_figures(root):
    use_style()
    tables = processed_tables(root / "data" / "processed")
    texts = load_corpus(root / "data" / "raw").texts
    problems = {}
    for name in sorted(FIGURES):
        fig, _, _ = make_figure(name, tables, texts)
        problems[name] = text_problems(fig)
        plt.close(fig)
    fig, _, _ = articles_timeline(tables["documents"])
    problems["articles_timeline"] = text_problems(fig)
    plt.close(fig)
    assert not any(problems.values()), {k: v for k, v in problems.items() if v}
    return tables


@pytest.fixture(scope="module")
def with_undated_article(tmp_path_factory):
    root = project_copy(tmp_path_factory.mktemp("undated"))
    add_texts(root, {"zz_undated_note.txt": (UNDATED, {"genre": "wire"})})
    return run_report(root)


@pytest.fixture(scope="module")
def with_generated_texts(tmp_path_factory):
    root = project_copy(tmp_path_factory.mktemp("generated"))
    generated = write_corpus(tmp_path_factory.mktemp("gen") / "raw", 45)
    rows = pd.read_csv(generated / "sources.csv", dtype=str, keep_default_na=False)
    add_texts(root, {r["file"]: ((generated / r["file"]).read_text(encoding="utf-8"),
                                 {k: v for k, v in r.items() if k != "file"}) for r in rows.to_dict("records")})
    return run_report(root)


def test_an_undated_article_is_reported(with_undated_article):
    root = with_undated_article
    tables = check_figures(root)
    findings = readme_section((root / "README.md").read_text(encoding="utf-8"))
    assert "undated" in findings
    assert "zz_undated_note" in set(tables["documents"]["doc_id"])
    narrative = (root / "notebooks" / "06_narrative.ipynb").read_text(encoding="utf-8")
    assert "zz_undated_note" in narrative and "undated" in narrative
    alt = pd.read_csv(root / "figures" / "alt_text.csv", dtype=str, keep_default_na=False)
    assert alt["caption"].str.contains("undated").any()


def test_45_generated_texts_are_reported(with_generated_texts):
    root = with_generated_texts
    tables = check_figures(root)
    documents = tables["documents"]
    assert len(documents) == 50
    findings = readme_section((root / "README.md").read_text(encoding="utf-8"))
    labels = short_ids(documents["doc_id"])
    added = [labels[d] for d in documents["doc_id"] if d.startswith("generated_")]
    assert any(f"{label} s" in findings for label in added), findings  # added evidence is cited
    assert (tables["events"]["coding"] == "automatic").any()
    assert "50 texts (" in (root / "README.md").read_text(encoding="utf-8")  # texts, with the genres counted
    html = root / "build" / "html"
    assert all((html / "articles" / f"{d}.html").exists() for d in documents["doc_id"])  # a page per text
    report = (html / "notebooks" / "06_narrative.html").read_text(encoding="utf-8")
    assert any(f'articles/{d}.html#s' in report for d in documents["doc_id"] if d.startswith("generated_"))
    assert "five" not in findings.lower()
