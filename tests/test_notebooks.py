"""Notebooks are committed executed, in order, with nothing machine-specific in their outputs.

nbval (run by the same pytest command) re-executes them and compares the outputs;
these checks catch what nbval does not: order, errors, timing metadata, paths.
"""

import json
import re

import pytest

from partnership import config

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
VOLATILE = re.compile(r"(/work/|/tmp/|/root/|/home/|\bat 0x[0-9a-f]+|Wall time:|CPU times:)")


def test_notebooks_are_numbered_without_gaps():
    numbers = [int(p.name[:2]) for p in NOTEBOOKS]
    assert numbers == list(range(1, len(NOTEBOOKS) + 1))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_executed_top_to_bottom(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in notebook["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    for cell in code:
        assert "execution" not in cell["metadata"], "timing metadata: use record_timing=False"
        for output in cell["outputs"]:
            assert output["output_type"] != "error"
            assert output.get("name") != "stderr", "a cell writes to stderr (a warning?)"
            match = VOLATILE.search(json.dumps(output))
            assert match is None, f"machine-specific output: {match.group(0) if match else ''}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_opens_with_what_it_teaches_and_ends_with_exercises(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    markdown = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown"]
    assert markdown and "What it teaches" in markdown[0]
    assert "## Exercises" in markdown[-1]
