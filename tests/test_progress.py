"""The progress bar shows on a terminal and stays silent otherwise (tests, notebooks, pipes)."""

import io
import sys

from partnership.progress import progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_bar_is_drawn_on_a_terminal(monkeypatch):
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    assert list(progress(range(3), "mentions", 3)) == [0, 1, 2]
    assert "mentions:" in screen.getvalue() and "0/3" in screen.getvalue()  # cleared when done (leave=False)


def test_bar_is_silent_when_stderr_is_not_a_terminal(monkeypatch):
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    assert list(progress(range(3), "mentions", 3)) == [0, 1, 2]
    assert pipe.getvalue() == ""
