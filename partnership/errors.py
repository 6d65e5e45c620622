"""The project's one exception type for bad input."""

from pathlib import Path

from partnership.config import relative


class CorpusError(Exception):
    """Bad input: the message names the file and says what is wrong with it."""

    def __init__(self, path, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{relative(self.path)}: {problem}")
