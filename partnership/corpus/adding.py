"""Adding one article to a raw folder: ``python -m partnership add PATH [--raw DIR]``.

A ``.txt`` or ``.md`` file is taken as it is (Markdown loses only its heading marks and
emphasis marks); a saved web page (``.html``/``.htm``) is reduced to its main text by
trafilatura and dated by htmldate, both working on the file alone (never the network).
The text is normalised as every article is (``articles.normalise_text``) and written as
``<doc_id>.txt`` with one new row in ``sources.csv``.

``doc_id`` is ``<next number>_<first 16 hex digits of the SHA-256 of the normalised text>``:
the seed articles are named ``NNN_<16 hex>`` and no helper derives those names, so the number
continues theirs (three digits) and the hash ties the name to the text.

Anything wrong raises ``CorpusError`` before a byte is written; after writing, the folder
is read back with ``read_raw`` and both files are restored if it fails.
"""

import copy
import csv
import io
import logging
import os
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from partnership import config
from partnership.corpus.articles import list_article_files, normalise_text, read_text_file, text_sha256
from partnership.corpus.sources import COLUMNS
from partnership.errors import CorpusError

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
NUMBERED_NAME = re.compile(r"^(\d+)_")

# Markdown: only marks whose removal cannot change a word (headings, paired emphasis).
MD_HEADING = re.compile(r"(?m)^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
MD_EMPHASIS = [
    re.compile(r"(?<![\w*])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])"),
    re.compile(r"(?<![\w_])__(?=\S)(.+?)(?<=\S)__(?![\w_])"),
    re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"),
]
MODIFIED_TAG = re.compile(r"(?i)modif|updat")
MONTH_WORDS = re.compile(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b")


@dataclass
class Added:
    """What ``add_article`` wrote: the new file and its sources row."""

    path: Path
    row: dict
    date_source: str = ""  # the tag or string the publication date was read from
    dropped: list[str] = field(default_factory=list)  # values sources.csv has no column for


def strip_markdown(text: str) -> str:
    """Heading marks and paired ``*``/``_`` emphasis removed; everything else verbatim."""
    text = MD_HEADING.sub(r"\1", text)
    for pattern in MD_EMPHASIS:
        text = pattern.sub(r"\1", text)
    return text


def add_article(path, raw_dir=config.RAW_DIR) -> Added:
    """Add the article at ``path`` to ``raw_dir``; raises CorpusError and writes nothing if it cannot."""
    path, raw_dir = Path(path), Path(raw_dir)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES + HTML_SUFFIXES:
        raise CorpusError(path, f"unsupported file type {path.suffix or '(none)'!r}; "
                                "add a .txt, .md, .html or .htm file")
    data = _read_bytes(path)
    if suffix in HTML_SUFFIXES:
        text, row, date_source = _from_html(path, data)
    else:
        text = _read_text(path)
        if suffix == ".md":
            text = strip_markdown(text)
        row, date_source = {}, ""
    text = normalise_text(text)
    if not text.strip():
        raise CorpusError(path, "holds no text once its markup is removed")

    existing = {text_sha256(read_text_file(p)): p.name for p in list_article_files(raw_dir)}
    digest = text_sha256(text)
    if digest in existing:
        raise CorpusError(path, f"has the same text as {existing[digest]}, already in the raw folder "
                                "(same SHA-256 after normalisation); nothing was added")

    doc_id = f"{_next_number(raw_dir, existing.values())}_{digest[:16]}"
    row = {"file": f"{doc_id}.txt", "doc_id": doc_id, **row}
    added = Added(raw_dir / row["file"], row, date_source)
    if added.path.exists():
        raise CorpusError(path, f"{added.path.name} already exists in the raw folder; nothing was added")
    _write(added, text, raw_dir)
    return added


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(path, "cannot be read: there is no such file") from None
    except IsADirectoryError:
        raise CorpusError(path, "cannot be read: it is a folder, not a file") from None
    except PermissionError:
        raise CorpusError(path, "cannot be read: permission denied") from None
    except OSError as exc:
        raise CorpusError(path, f"cannot be read: {exc.strerror or exc}") from None
    if not data.strip():
        raise CorpusError(path, "the file is empty; there is no article to add")
    return data


def _read_text(path: Path) -> str:
    return read_text_file(path)  # the project's own reading: UTF-8, BOM, CRLF, NUL checks


@contextmanager
def _quiet_loggers():
    # The libraries log parsing doubts as warnings; the command's stderr is for its one line.
    loggers = [logging.getLogger(name) for name in ("trafilatura", "htmldate", "courlan", "justext")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _from_html(path: Path, data: bytes) -> tuple[str, dict, str]:
    """Main text, the sources values (title, outlet, date) and where the date came from."""
    import trafilatura
    from trafilatura.metadata import extract_metadata

    with _quiet_loggers():
        # Parsed once from bytes: given a string that looks like a URL, the libraries would download it.
        tree = trafilatura.load_html(data)
        if tree is None:
            raise CorpusError(path, "is not readable as HTML")
        text = trafilatura.extract(
            copy.deepcopy(tree), output_format="txt", include_comments=False, favor_precision=True,
            include_tables=False, include_images=False, include_links=False, deduplicate=False,
        )
        if not text or not text.strip():
            raise CorpusError(path, "no main text found: the page has no article body "
                                    "(save the article's own page, or copy its text into a .txt file)")
        metadata = extract_metadata(copy.deepcopy(tree), extensive=False)
        published, precision, date_source = _find_published(tree)
    row = {
        "title": _one_line(metadata.title if metadata else ""),
        "outlet_note": _outlet_note(metadata.sitename if metadata else ""),
        "published": published,
        "date_precision": precision,
    }
    if published and MODIFIED_TAG.search(date_source):
        # htmldate falls back on a last-modified tag; that bounds the publication date, it is not it.
        row.update(published="", date_precision="", date_note=(
            f"The saved page gives only a last-modified date, {published} ({date_source}): the article "
            "was published then or earlier, so no publication date is recorded."))
        return text, row, ""
    if published:
        text_norm = normalise_text(text)
        # date_evidence holds quotes the checker finds in the text; a tag goes in date_note.
        if date_source.startswith('"') and date_source.strip('"') in text_norm:
            row["date_evidence"] = date_source.strip('"')
        row["date_note"] = (f"Publication date read from the saved page by htmldate "
                            f"(original date, markup and byline patterns only): {date_source}")
    else:
        row["date_note"] = "The saved page gives no publication date that htmldate could find."
    return text, row, date_source


def _find_published(tree) -> tuple[str, str, str]:
    """(published, date_precision, source) from htmldate; empty strings when undated.

    ``extensive_search=False``: only markup (meta tags, time/abbr elements, JSON-LD, the
    canonical URL) and exact byline patterns count, never the first date in the running
    text, which is usually the date of an event, not of the article. ``original_date=True``:
    the first publication, not the last update. htmldate always answers with a day, so the
    string it came from is found again here and decides the precision; an answer whose
    source cannot be found is not recorded.
    """
    from htmldate import find_date

    day = find_date(copy.deepcopy(tree), extensive_search=False, original_date=True,
                    outputformat="%Y-%m-%d")
    if not day:
        return "", "", ""
    source, string = _date_source(tree, day)
    if not source:
        return "", "", ""
    precision = _precision(string, day)
    published = {"day": day, "month": day[:7], "year": day[:4]}[precision]
    return published, precision, source


def _date_source(tree, day: str) -> tuple[str, str]:
    """The first tag or text in the page that htmldate reads as ``day``: (shown form, date string)."""
    from htmldate.extractors import try_date_expr
    from htmldate.validators import get_max_date, get_min_date

    low, high = get_min_date(None), get_max_date(None)

    def reads_as_day(string):
        return bool(string) and try_date_expr(string.strip(), "%Y-%m-%d", False, low, high) == day

    for elem in tree.iter("meta"):
        for attribute in ("content", "datetime"):
            if reads_as_day(elem.get(attribute)):
                return _tag(elem), elem.get(attribute)
    for elem in tree.iter("time", "abbr"):
        for string in (elem.get("datetime"), elem.get("title"), elem.text_content()):
            if reads_as_day(string):
                return _tag(elem), string
    for elem in tree.iter("script"):
        for match in re.finditer(r'"date(?:Published|Created)"\s*:\s*"([^"]+)"', elem.text_content() or ""):
            if reads_as_day(match.group(1)):
                return f"JSON-LD {match.group(0)}", match.group(1)
    canonical = tree.find('.//link[@rel="canonical"]')
    if canonical is not None and day.replace("-", "/") in (canonical.get("href") or ""):
        return _tag(canonical), day.replace("-", "/")
    for elem in tree.iter():
        if not isinstance(elem.tag, str) or elem.tag in ("script", "style"):
            continue
        string = " ".join((elem.text or "").split())
        if 0 < len(string) <= 80 and reads_as_day(string):
            return f'"{string}"', string
    return "", ""


def _precision(string: str, day: str) -> str:
    """day, month or year: how much of ``day`` the source string really states."""
    if day in string or re.search(rf"(?<!\d)0?{int(day[8:])}(?!\d)", string.replace(day[:4], "")):
        return "day"
    if day[:7] in string or MONTH_WORDS.search(string):
        return "month"
    return "year"


def _tag(elem) -> str:
    attributes = " ".join(f'{name}="{value}"' for name, value in elem.attrib.items())
    return f"<{elem.tag} {attributes}>" if attributes else f"<{elem.tag}>"


def _one_line(value) -> str:
    return " ".join(str(value or "").split())


def _outlet_note(sitename) -> str:
    sitename = _one_line(sitename)
    return f"Site name in the saved page's metadata: {sitename}." if sitename else ""


def _next_number(raw_dir: Path, names) -> str:
    numbers = [int(m.group(1)) for m in map(NUMBERED_NAME.match, names) if m]
    return f"{max(numbers, default=-1) + 1:03d}"


def _sources_row_bytes(sources_path: Path, row: dict, dropped: list[str]) -> bytes:
    """The existing sources.csv bytes with one row appended in its own column order."""
    if not sources_path.is_file():
        raise CorpusError(sources_path, "missing: every raw folder needs a sources.csv with a 'file' column")
    old = sources_path.read_bytes()
    text = old.decode("utf-8-sig", errors="replace")
    header = next(csv.reader(io.StringIO(text)), [])
    if "file" not in header:
        raise CorpusError(sources_path, "the required column 'file' is missing from the header")
    dropped.extend(c for c in COLUMNS if row.get(c) and c not in header)
    newline = "\r\n" if b"\r\n" in old else "\n"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerow([row.get(c, "") for c in header])
    lead = b"" if old.endswith(b"\n") else newline.encode()
    return old + lead + buffer.getvalue().encode("utf-8")


def _write(added: Added, text: str, raw_dir: Path) -> None:
    """Write the article and the new sources.csv, each by temporary file and rename; undo on failure."""
    from partnership.corpus.loading import read_raw

    sources_path = raw_dir / config.SOURCES_FILE_NAME
    old_sources = sources_path.read_bytes() if sources_path.is_file() else None
    new_sources = _sources_row_bytes(sources_path, added.row, added.dropped)
    try:
        _replace(added.path, text.encode("utf-8"))
        _replace(sources_path, new_sources)
        read_raw(raw_dir)
    except BaseException:
        added.path.unlink(missing_ok=True)
        if old_sources is not None:
            _replace(sources_path, old_sources)
        raise


def _replace(path: Path, data: bytes) -> None:
    # A dot-name temporary file: list_article_files ignores it if anything is left behind.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        # mkstemp makes the file private; give it the mode of the file it replaces (or a plain one).
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
