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


SOLUTIONS = config.NOTEBOOKS_DIR / "09_solutions.ipynb"
EXERCISE = re.compile(r"^(\d+)\.\s+\*\*", re.MULTILINE)  # "1. **Change a rule, watch it change.**"
SOLUTION = re.compile(r"^###\s+(\d{2})\.(\d+)\s+·", re.MULTILINE)  # "### 01.1 · Change a rule, ..."


def exercise_numbers(path) -> list[int]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    last = "".join([c for c in notebook["cells"] if c["cell_type"] == "markdown"][-1]["source"])
    return [int(n) for n in EXERCISE.findall(last.split("## Exercises", 1)[1])]


def test_every_exercise_has_a_worked_solution_and_no_solution_is_stray():
    notebook = json.loads(SOLUTIONS.read_text(encoding="utf-8"))
    markdown = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    solved = [(int(n), int(k)) for n, k in SOLUTION.findall(markdown)]
    exercises = [(int(p.name[:2]), k) for p in NOTEBOOKS if p != SOLUTIONS for k in exercise_numbers(p)]
    assert all(exercise_numbers(p) for p in NOTEBOOKS if p != SOLUTIONS), "a notebook without numbered exercises"
    assert solved == exercises  # one heading each, in the order of the notebooks


def test_solutions_are_collapsed_in_the_book():
    notebook = json.loads(SOLUTIONS.read_text(encoding="utf-8"))
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert "hide-input" in code[0]["metadata"].get("tags", [])  # the set-up cell: its code folded
    assert all("hide-cell" in c["metadata"].get("tags", []) for c in code[1:])  # each solution: code and answer
