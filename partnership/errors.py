"""The project's one exception type for bad input."""

from pathlib import Path

from partnership.config import relative


class CorpusError(Exception):
    """Bad input: the message names the file and says what is wrong with it."""

    def __init__(self, path, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{relative(self.path)}: {problem}")

    def __reduce__(self):
        # Rebuilt from (path, problem), so the error crosses a process pool's pipe intact.
        return type(self), (self.path, self.problem)


def os_problem(error: OSError) -> str:
    """What an OSError says, without the path the CorpusError already names."""
    return error.strerror or str(error) or type(error).__name__
