"""Finding article files and reading their text.

Rule for what counts as an article: a file directly inside the raw folder whose
name ends in ``.txt`` and does not start with a dot. Everything else there
(``sources.csv``, a README, ``.gitkeep``, sub-folders) is ignored.

Text is decoded as UTF-8. A leading byte-order mark is removed and Windows (CRLF)
or old Mac (CR) line ends become LF; all character offsets in the project refer to
the text after this normalisation.

An article may hold at most MAX_ARTICLE_CHARS characters (after normalisation); a longer
one is refused by name, by ``check`` as by ``build``.
"""

import hashlib
import os
from pathlib import Path

from partnership.errors import CorpusError, os_problem

ARTICLE_SUFFIX = ".txt"
BOM = "\ufeff"
# The longest article read (characters): spaCy's default max_length is 1,000,000; the
# sentence pipeline raises it to this limit (a blank pipeline needs no parser memory).
MAX_ARTICLE_CHARS = 5_000_000
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def list_article_files(raw_dir) -> list[Path]:
    """The article files in ``raw_dir``, sorted by name."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        if raw_dir.exists():
            raise CorpusError(raw_dir, "the raw folder is a file, not a folder; name the folder of articles")
        raise CorpusError(raw_dir, "the raw folder does not exist")
    try:
        entries = list(raw_dir.iterdir())
    except OSError as error:
        raise CorpusError(raw_dir, f"the raw folder cannot be listed: {os_problem(error)}") from None
    for path in entries:
        # A dangling link is an article that cannot be read, not a name to skip in silence.
        if path.name.endswith(ARTICLE_SUFFIX) and path.is_symlink() and not path.exists():
            raise CorpusError(path, f"is a broken symbolic link (to {os.readlink(path)}); "
                                    "restore its target or remove the link")
    return sorted(p for p in entries if p.is_file() and p.name.endswith(ARTICLE_SUFFIX) and not p.name.startswith("."))


def normalise_text(text: str) -> str:
    """Remove a leading BOM and turn CRLF and lone CR line ends into LF."""
    if text.startswith(BOM):
        text = text[len(BOM):]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_file(path, max_chars: int | None = None) -> str:
    """The normalised text of a UTF-8 file; bad files raise CorpusError naming the file.

    With ``max_chars``, a longer text is refused (and a file too large to hold that many
    characters is refused before it is read).
    """
    path = Path(path)
    try:
        if max_chars is not None and path.stat().st_size > 4 * max_chars:  # UTF-8: at most 4 bytes a character
            raise CorpusError(path, _too_long(max_chars, f"{path.stat().st_size:,} bytes"))
        data = path.read_bytes()
    except IsADirectoryError:
        raise CorpusError(path, "is a folder, not a text file") from None
    except OSError as error:
        raise CorpusError(path, f"cannot be read: {os_problem(error)}") from None
    if not data:
        raise CorpusError(path, "the file is empty (0 bytes); put the article's text in it or remove it")
    if data.startswith(UTF16_BOMS) and _decodes(data, "utf-16"):
        raise CorpusError(path, "is UTF-16 (it starts with a UTF-16 byte-order mark), not UTF-8; "
                                "re-save the file as UTF-8")
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
    if max_chars is not None and len(text) > max_chars:
        raise CorpusError(path, _too_long(max_chars, f"{len(text):,} characters"))
    return text


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _too_long(max_chars: int, size: str) -> str:
    return f"too long ({size}); an article may hold at most {max_chars:,} characters: split it into parts"


def text_sha256(text: str) -> str:
    """SHA-256 of the normalised text as UTF-8, so a CRLF copy of an article hashes the same."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
