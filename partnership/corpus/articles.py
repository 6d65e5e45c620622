"""Finding article files and reading their text.

Rule for what counts as an article: a file directly inside the raw folder whose
name ends in ``.txt`` and does not start with a dot. Everything else there
(``sources.csv``, a README, ``.gitkeep``, sub-folders) is ignored.

Text is decoded as UTF-8. A leading byte-order mark is removed and Windows (CRLF)
or old Mac (CR) line ends become LF; all character offsets in the project refer to
the text after this normalisation.
"""

import hashlib
from pathlib import Path

from partnership.errors import CorpusError

ARTICLE_SUFFIX = ".txt"
BOM = "\ufeff"


def list_article_files(raw_dir) -> list[Path]:
    """The article files in ``raw_dir``, sorted by name."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise CorpusError(raw_dir, "the raw folder does not exist")
    return sorted(
        p
        for p in raw_dir.iterdir()
        if p.is_file() and p.name.endswith(ARTICLE_SUFFIX) and not p.name.startswith(".")
    )


def normalise_text(text: str) -> str:
    """Remove a leading BOM and turn CRLF and lone CR line ends into LF."""
    if text.startswith(BOM):
        text = text[len(BOM):]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_file(path) -> str:
    """The normalised text of a UTF-8 file; bad files raise CorpusError naming the file."""
    path = Path(path)
    data = path.read_bytes()
    if not data:
        raise CorpusError(path, "the file is empty (0 bytes); put the article's text in it or remove it")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            path,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at position {exc.start}); "
            "re-save the file as UTF-8",
        ) from None
    text = normalise_text(text)
    if not text.strip():
        raise CorpusError(path, "the file holds only white space, no text; put the article's text in it or remove it")
    if "\x00" in text:
        raise CorpusError(path, "the file contains NUL characters; it looks binary, not an article")
    return text


def text_sha256(text: str) -> str:
    """SHA-256 of the normalised text as UTF-8, so a CRLF copy of an article hashes the same."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
