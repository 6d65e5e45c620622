"""A progress bar on stderr for long runs; silent when stderr is not a terminal (tests, notebooks)."""

import sys

from tqdm import tqdm


def progress(iterable, description: str, total: int | None = None):
    # without a terminal the iterable itself: a disabled bar still costs a call per item
    if not (hasattr(sys.stderr, "isatty") and sys.stderr.isatty()):
        return iterable
    return tqdm(iterable, desc=description, total=total, unit="article", file=sys.stderr,
                disable=None, leave=False, dynamic_ncols=True)
