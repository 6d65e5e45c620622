"""`python -m partnership report`: all notebooks or nothing, and a one-screen error."""

import nbformat
import pytest

from partnership.report import run_notebooks
from partnership.report.run_notebooks import NotebookFailed, run_all


def notebook(path, *cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    nbformat.write(nb, path)
    return path


def test_a_failing_cell_leaves_tables_figures_and_notebooks_as_they_were(tmp_path, monkeypatch):
    tables = tmp_path / "tables"
    tables.mkdir()
    (tables / "kept.csv").write_text("a\n1\n", encoding="utf-8")
    monkeypatch.setattr(run_notebooks, "FOLDERS", (tables,))
    first = notebook(tmp_path / "01_writes.ipynb",
                     f"open(r'{tables / 'kept.csv'}', 'w').write('changed')\n"
                     f"open(r'{tables / 'new.csv'}', 'w').write('new')")
    second = notebook(tmp_path / "02_fails.ipynb", "x = 1", "int('')")
    before = {p: p.read_bytes() for p in (first, second)}
    with pytest.raises(NotebookFailed) as failure:
        run_all([first, second])
    assert "02_fails.ipynb, cell 1: ValueError: invalid literal for int()" in failure.value.message
    assert "\n" not in failure.value.message
    assert sorted(p.name for p in tables.iterdir()) == ["kept.csv"]
    assert (tables / "kept.csv").read_text(encoding="utf-8") == "a\n1\n"
    assert {p: p.read_bytes() for p in (first, second)} == before  # no notebook rewritten


def test_notebooks_are_written_only_when_all_have_run(tmp_path, monkeypatch):
    monkeypatch.setattr(run_notebooks, "FOLDERS", ())
    first = notebook(tmp_path / "01_ok.ipynb", "print(6 * 7)")
    run_all([first])
    outputs = nbformat.read(first, as_version=4).cells[0]["outputs"]
    assert outputs[0]["text"] == "42\n"


def test_the_failure_survives_a_process_boundary():
    import pickle

    error = NotebookFailed("notebooks/05_charts.ipynb, cell 6: ValueError: x")
    assert pickle.loads(pickle.dumps(error)).message == error.message
