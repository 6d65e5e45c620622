"""Putting a build's tables into the output folder: complete, or not at all.

The build owns a known list of files (``OWNED_FILES``: its tables and ``datapackage.json``).
It writes the complete new set into a fresh hidden folder beside the output folder, adds the
files it does not own (``evaluation.csv`` from ``evaluate``, a README, anything else) as hard
links (copies where links are not possible), writes the data package describing them all,
and then swaps the two folders with two renames. So a table the build no longer writes does
not linger, a file the build does not own stays byte for byte as it was, and a failure at any
step (a full disk, no permission) removes the hidden folder and leaves the output folder as
it was.
"""

import os
import shutil
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

from partnership.datapackage import FILE_NAME as DATAPACKAGE_FILE
from partnership.datapackage import write_datapackage
from partnership.errors import CorpusError, os_problem

# Every table ``python -m partnership build`` writes, by name (``{name}.csv``).
BUILD_TABLES = (
    "documents", "sentences", "date_evidence", "weekday_checks",
    "mentions", "unlinked_names", "registry_candidates", "timexes", "timex_checks", "quantities",
    "claims", "hedges", "event_candidates", "events", "event_evidence", "event_bounds",
)
OWNED_FILES = frozenset({f"{name}.csv" for name in BUILD_TABLES} | {DATAPACKAGE_FILE})


def check_out_dir(out_dir, raw_dir=None) -> Path:
    """Refuse, before any work, an output folder that cannot be one."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise CorpusError(out_dir, "is a file, not a folder; --out must name a folder for the tables")
    if raw_dir is not None and out_dir.exists() and Path(raw_dir).exists() and out_dir.samefile(raw_dir):
        raise CorpusError(out_dir, "is the raw folder; write the tables to another folder")
    return out_dir


def owned_files_in(out_dir) -> list[Path]:
    """The files of ``out_dir`` a build owns (and would replace or remove)."""
    out_dir = Path(out_dir)
    return sorted(p for p in out_dir.iterdir() if p.name in OWNED_FILES) if out_dir.is_dir() else []


def publish(contents: dict, out_dir) -> list[Path]:
    """Make ``out_dir`` hold exactly the tables in ``contents`` plus what the build does not own.

    ``contents`` maps a table's file name (or a path whose name is used) to its bytes, or
    to a list of byte chunks. Returns the tables' paths in ``out_dir``; ``datapackage.json``
    is written too. Any OSError becomes a CorpusError naming the folder; nothing is left behind.
    """
    names = [Path(name).name for name in contents]
    with staged(out_dir) as staging:
        for name, data in zip(names, contents.values()):
            write_file(staging / name, data)
    return [Path(out_dir) / name for name in names]


@contextmanager
def staged(out_dir):
    """A fresh hidden folder beside ``out_dir`` to write the new tables into, swapped in on success.

    The body of the ``with`` writes the build's tables into the folder it is given (all at
    once, or streamed chunk by chunk); on leaving it, the files the build does not own are
    linked in, ``datapackage.json`` is written and the two folders are swapped (see the module
    docstring). An OSError anywhere becomes a CorpusError naming the folder; any error removes
    the hidden folder and leaves ``out_dir`` as it was.
    """
    out_dir = check_out_dir(out_dir)
    target = out_dir.resolve()  # a link to a folder: swap the folder it points to, keep the link
    staging = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.build-"))
        yield staging
        unknown = sorted({entry.name for entry in staging.iterdir()} - OWNED_FILES)
        if unknown:  # a programming error, not bad input: the list above must name every table
            raise ValueError(f"tables not in BUILD_TABLES: {unknown}")
        if target.is_dir():
            for entry in sorted(target.iterdir()):
                if entry.name not in OWNED_FILES:
                    _link_or_copy(entry, staging / entry.name)
        write_datapackage(staging)
        os.chmod(staging, stat.S_IMODE(target.stat().st_mode) if target.is_dir() else _default_folder_mode())
        _swap(staging, target)
    except OSError as error:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        raise CorpusError(out_dir, f"cannot be written ({os_problem(error)}); "
                                   "the tables there before are left as they were") from None
    except BaseException:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        raise


def write_file(path: Path, data) -> None:
    """One file of the new set (bytes, or a list of byte chunks)."""
    with open(path, "wb") as stream:
        for chunk in [data] if isinstance(data, bytes) else data:
            stream.write(chunk)
    os.chmod(path, 0o644)


def _link_or_copy(source: Path, destination: Path) -> None:
    if source.is_symlink():
        os.symlink(os.readlink(source), destination)
    elif source.is_dir():
        shutil.copytree(source, destination, symlinks=True, copy_function=_link_or_copy_file)
    else:
        _link_or_copy_file(source, destination)


def _link_or_copy_file(source, destination) -> None:
    try:
        os.link(source, destination)  # the same file, untouched: no bytes copied
    except OSError:
        shutil.copy2(source, destination)


def _swap(staging: Path, target: Path) -> None:
    """Rename ``staging`` to ``target``; an earlier ``target`` is moved aside first, then removed."""
    if not target.exists():
        os.rename(staging, target)
        return
    aside = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old-"))
    try:
        os.rename(target, aside / target.name)
    except OSError:  # a mount point, a folder in use: nothing moved yet
        aside.rmdir()
        raise
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(aside / target.name, target)  # put the earlier output back
        aside.rmdir()
        raise
    shutil.rmtree(aside, ignore_errors=True)


def _default_folder_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask
