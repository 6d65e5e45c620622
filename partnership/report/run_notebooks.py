"""Run every notebook in order, all or nothing: ``python -m partnership report``.

The notebooks write tables to ``data/processed`` and figures to ``figures`` as they run.
Both folders are copied aside first; if any cell fails, they are put back exactly as
they were, no notebook file is rewritten, and the error is one screen: the notebook,
the cell, the exception and where in the project's code it was raised. Only when every
notebook has run are the executed notebooks written and the README's findings updated.
"""

import re
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from partnership import config

FOLDERS = (config.PROCESSED_DIR, config.FIGURES_DIR)  # what the notebooks write while they run
TIMEOUT = 600
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class NotebookFailed(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __reduce__(self):
        return (type(self), (self.message,))


def run_all(notebooks: list[Path]) -> list[Path]:
    """Execute the notebooks in order; write them only if all succeed (else raise NotebookFailed)."""
    with tempfile.TemporaryDirectory(prefix=".report-", dir=config.ROOT) as backup:
        saved = {}
        for folder in FOLDERS:
            if folder.exists():
                saved[folder] = Path(backup) / folder.name
                shutil.copytree(folder, saved[folder])
        executed = []
        try:
            for path in notebooks:
                print(f"running {config.relative(path)}", flush=True)
                executed.append((path, _execute(path)))
        except BaseException:
            for folder in FOLDERS:
                if folder in saved:
                    shutil.rmtree(folder, ignore_errors=True)
                    shutil.copytree(saved[folder], folder)
            raise
    for path, notebook in executed:
        nbformat.write(notebook, path)
    return [path for path, _ in executed]


def _execute(path: Path):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=TIMEOUT, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}},
                            extra_arguments=["--IPKernelApp.log_level=ERROR"])
    try:
        client.execute()
    except CellExecutionError as error:
        raise NotebookFailed(_describe(path, notebook, error)) from None
    return notebook


def _describe(path: Path, notebook, error: CellExecutionError) -> str:
    """'notebooks/05_charts.ipynb, cell 6: ValueError: ... (raised at partnership/...py:46)'."""
    index = next((i for i, cell in enumerate(notebook.cells) if cell.get("cell_type") == "code"
                  and any(o.get("output_type") == "error" for o in cell.get("outputs", []))), None)
    where = f"cell {index}" if index is not None else "a cell"
    raised = ""
    if index is not None:
        output = next(o for o in notebook.cells[index]["outputs"] if o.get("output_type") == "error")
        trace = ANSI.sub("", "\n".join(output.get("traceback", [])))
        ours = re.findall(r"File (\S*?(partnership/[\w/]+\.py)):(\d+)", trace) or \
            re.findall(r"((partnership/[\w/]+\.py)):(\d+)", trace)
        if ours:
            raised = f" (raised at {ours[-1][1]}:{ours[-1][2]})"
        message = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
    else:
        message = str(error).strip().splitlines()[-1]
    return f"{config.relative(path)}, {where}: {message}{raised}"


def main(notebooks: list[Path] | None = None) -> int:
    notebooks = notebooks or sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    try:
        run_all(notebooks)
    except NotebookFailed as failure:
        print(f"error: {failure.message}", file=sys.stderr)
        print("nothing was changed: the tables, figures and notebooks are as they were before this run",
              file=sys.stderr)
        return 2
    return 0
