"""Bad and unusual input: every case ends in a correct build or one line of error, never a traceback.

Each refused case runs the command line (``python -m partnership build``, and ``check`` where
``make report`` relies on it) in a subprocess against a temporary raw folder, and asserts: exit
status 2, exactly one line on stderr that names the file and the problem, no traceback, and an
earlier good build in ``--out`` left byte for byte as it was with nothing added beside it. The
cases that must build are built together once, from one raw folder of odd but valid articles.

Cases that need a failing disk or an unreadable file (the tests run as root, so chmod cannot
make one) patch the one function involved inside the subprocess; their names say "simulated".
"""

import csv
import hashlib
import io
import pickle
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from partnership import config
from partnership.corpus.articles import MAX_ARTICLE_CHARS
from partnership.errors import CorpusError
from partnership.publish import OWNED_FILES, publish
from tests.conftest import ARTICLE_ALPHA, ARTICLE_BETA, sources_csv, write_raw

GOOD_ROWS = [
    {"file": "alpha.txt", "published": "2024-11-08", "date_evidence": "on Friday, November 8, 2024"},
    {"file": "beta.txt", "published": "2024-12", "date_evidence": "Late last month"},
]
NOT_OWNED = {"evaluation.csv": (config.PROCESSED_DIR / "evaluation.csv").read_bytes(), "notes.txt": b"my notes\n"}


def run(*args: str, patch: str = "") -> subprocess.CompletedProcess:
    """``python -m partnership ARGS``; with ``patch``, that code runs first in the same process."""
    if patch:
        code = f"import sys\n{patch}\nfrom partnership.__main__ import main\nsys.exit(main(sys.argv[1:]))"
        command = [sys.executable, "-c", code, *args]
    else:
        command = [sys.executable, "-m", "partnership", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=config.ROOT)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too) with the SHA-256 of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good_build(tmp_path_factory) -> Path:
    """An earlier good build, plus files the build does not own."""
    base = tmp_path_factory.mktemp("good")
    raw = write_raw(base / "raw", {"alpha.txt": ARTICLE_ALPHA, "beta.txt": ARTICLE_BETA}, rows=GOOD_ROWS)
    out = base / "out"
    result = run("build", "--raw", str(raw), "--out", str(out))
    assert result.returncode == 0, result.stderr
    for name, data in NOT_OWNED.items():
        (out / name).write_bytes(data)
    return out


@pytest.fixture
def earlier(good_build, tmp_path) -> Path:
    """A copy of the earlier good build in a folder of its own (so leftovers beside it show)."""
    out = tmp_path / "site" / "out"
    shutil.copytree(good_build, out)
    return out


def assert_one_line(result: subprocess.CompletedProcess, *fragments: str) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


def assert_refused(raw: Path, earlier: Path, *fragments: str, check: bool = False, patch: str = "",
                   options: tuple = ()) -> str:
    """``build`` (and with ``check``, ``check``) stop with one line; the earlier output is untouched."""
    before, beside = snapshot(earlier), sorted(p.name for p in earlier.parent.iterdir())
    line = assert_one_line(run("build", "--raw", str(raw), "--out", str(earlier), *options, patch=patch),
                           *fragments)
    assert snapshot(earlier) == before
    assert sorted(p.name for p in earlier.parent.iterdir()) == beside  # no hidden folder or .tmp left
    if check:
        assert_one_line(run("check", "--raw", str(raw)), *fragments)
    return line


def raw_with(tmp_path: Path, articles: dict, rows=None, sources_text=None) -> Path:
    return write_raw(tmp_path / "raw", articles, rows=rows, sources_text=sources_text)


# -- the cases of issue 13 -------------------------------------------------------------------------

def test_article_over_the_limit_is_refused_by_check_and_build(tmp_path, earlier):
    text = ("Officials met in the capital on Monday.\n" * (MAX_ARTICLE_CHARS // 40 + 1))
    assert len(text) > MAX_ARTICLE_CHARS
    raw = raw_with(tmp_path, {"huge.txt": text}, rows=[{"file": "huge.txt"}])
    assert_refused(raw, earlier, "huge.txt: too long", f"at most {MAX_ARTICLE_CHARS:,} characters", check=True)


def test_a_20_mb_article_is_refused_before_it_is_read(tmp_path, earlier):
    raw = raw_with(tmp_path, {"big.txt": b"word " * 4_000_001}, rows=[{"file": "big.txt"}])
    assert_refused(raw, earlier, "big.txt: too long (20,000,005 bytes)", f"{MAX_ARTICLE_CHARS:,}", check=True)


def test_article_over_spacy_default_length_builds_with_exact_offsets(tmp_path):
    """1.1 million characters in short lines: over spaCy's 1,000,000, under the project's limit."""
    filler = "The weather in the valley was mild and the harvest went on as planned.\n"
    text = ARTICLE_ALPHA + filler * (1_100_000 // len(filler)) + ARTICLE_BETA + "Kim Jong Un met Putin.\n"
    assert 1_000_000 < len(text) < MAX_ARTICLE_CHARS
    raw = raw_with(tmp_path, {"long.txt": text}, rows=[{"file": "long.txt"}])
    assert run("check", "--raw", str(raw)).stdout.startswith("ok: 1 articles")
    out = tmp_path / "out"
    result = run("build", "--raw", str(raw), "--out", str(out), "--jobs", "1")
    assert result.returncode == 0, result.stderr
    for table in ("sentences", "mentions", "timexes", "quantities", "claims"):
        rows = pd.read_csv(out / f"{table}.csv", dtype=str, keep_default_na=False)
        assert len(rows), table
        for row in rows.itertuples():
            assert text[int(row.start):int(row.end)] == row.text, (table, row)
    mentions = pd.read_csv(out / "mentions.csv", dtype=str, keep_default_na=False)
    assert {"kim_jong_un", "putin"} <= set(mentions["entity_id"])
    assert int(mentions["start"].astype(int).max()) > 1_000_000  # found past the old limit


def test_corpus_error_survives_pickling():
    error = pickle.loads(pickle.dumps(CorpusError(Path("data/raw/a.txt"), "something is wrong")))
    assert isinstance(error, CorpusError)
    assert (error.path, error.problem) == (Path("data/raw/a.txt"), "something is wrong")
    assert str(error) == "data/raw/a.txt: something is wrong"


def test_an_error_found_in_a_worker_process_is_one_line(tmp_path, earlier):
    """The hand coding quotes this doc_id; here the quote occurs twice, found while annotating (--jobs 2)."""
    quote = "the dissolution of the Soviet Union in 1991"
    twice = f"Officials recalled {quote}.\nOthers also recalled {quote}.\n"
    raw = raw_with(tmp_path, {"twice.txt": twice, "beta.txt": ARTICLE_BETA},
                   rows=[{"file": "twice.txt", "doc_id": "001_6b3d1d5ff18b0dcc"}, {"file": "beta.txt"}])
    assert_refused(raw, earlier, "event_evidence.csv", "occurs more than once in 001_6b3d1d5ff18b0dcc",
                   options=("--jobs", "2"))


def test_reused_out_keeps_no_stale_table_and_no_file_it_does_not_own_changes(tmp_path, earlier):
    raw = raw_with(tmp_path, {"gamma.txt": "Putin met Kim Jong Un in Vladivostok.\n"}, rows=[{"file": "gamma.txt"}])
    result = run("build", "--raw", str(raw), "--out", str(earlier))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in earlier.iterdir()) == sorted(OWNED_FILES | set(NOT_OWNED))
    for name, data in NOT_OWNED.items():
        assert (earlier / name).read_bytes() == data
    doc_ids = set(pd.read_csv(earlier / "documents.csv", dtype=str)["doc_id"])
    assert doc_ids == {"gamma"}
    for table in ("events", "event_evidence", "mentions", "sentences"):
        cited = pd.read_csv(earlier / f"{table}.csv", dtype=str, keep_default_na=False)
        column = "doc_ids" if table == "events" else "doc_id"
        if column in cited:
            assert set("|".join(cited[column]).replace(";", "|").split("|")) - {""} <= doc_ids, table
    assert '"path": "evaluation.csv"' in (earlier / "datapackage.json").read_text(encoding="utf-8")
    assert [p.name for p in earlier.parent.iterdir()] == ["out"]  # no hidden folder left beside


def test_publish_removes_a_table_it_no_longer_writes(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "events.csv").write_text("old\n", encoding="utf-8")
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    publish({"documents.csv": b"doc_id\n"}, out)
    assert sorted(p.name for p in out.iterdir()) == ["datapackage.json", "documents.csv", "notes.txt"]


FULL_DISK = """
import errno, partnership.publish as publish
count = [0]
def full(path, data):
    count[0] += 1
    if count[0] == 3:
        raise OSError(errno.ENOSPC, "No space left on device")
    original(path, data)
original, publish.write_file = publish.write_file, full
"""


def test_full_disk_simulated_leaves_the_earlier_output(tmp_path, earlier):
    raw = raw_with(tmp_path, {"gamma.txt": "Putin met Kim Jong Un.\n"}, rows=[{"file": "gamma.txt"}])
    assert_refused(raw, earlier, "out: cannot be written (No space left on device)", "left as they were",
                   patch=FULL_DISK)


def test_full_disk_simulated_while_writing_the_data_package(tmp_path, earlier):
    patch = ("import errno\n"
             "def full(contents):\n    raise OSError(errno.ENOSPC, 'No space left on device')\n"
             "import partnership.datapackage as dp\ndp.write_files = full\n")
    raw = raw_with(tmp_path, {"gamma.txt": "Putin met Kim Jong Un.\n"}, rows=[{"file": "gamma.txt"}])
    assert_refused(raw, earlier, "out: cannot be written (No space left on device)", patch=patch)


def test_permission_error_on_out_simulated(tmp_path, earlier):
    patch = ("import errno, tempfile\n"
             "def denied(*args, **kwargs):\n    raise PermissionError(errno.EACCES, 'Permission denied')\n"
             "tempfile.mkdtemp = denied\n")
    raw = raw_with(tmp_path, {"gamma.txt": "Putin met Kim Jong Un.\n"}, rows=[{"file": "gamma.txt"}])
    assert_refused(raw, earlier, "out: cannot be written (Permission denied)", patch=patch)


def test_a_failed_write_leaves_no_hidden_temporary_file(tmp_path, monkeypatch):
    from partnership import tables

    class Full(io.BytesIO):
        def write(self, data):
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(tables.os, "fdopen", lambda handle, mode: (tables.os.close(handle), Full())[1])
    (tmp_path / "a.csv").write_bytes(b"earlier\n")
    with pytest.raises(OSError):
        tables.write_files({tmp_path / "a.csv": b"new\n", tmp_path / "b.csv": b"new\n"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]
    assert (tmp_path / "a.csv").read_bytes() == b"earlier\n"


def unreadable(name: str) -> str:
    return ("import errno, pathlib\noriginal = pathlib.Path.read_bytes\n"
            "def read_bytes(self):\n"
            f"    if self.name == {name!r}:\n"
            "        raise PermissionError(errno.EACCES, 'Permission denied', str(self))\n"
            "    return original(self)\n"
            "pathlib.Path.read_bytes = read_bytes\n")


def test_unreadable_article_simulated_permission_error(tmp_path, earlier):
    raw = raw_with(tmp_path, {"alpha.txt": ARTICLE_ALPHA}, rows=[{"file": "alpha.txt"}])
    assert_refused(raw, earlier, "alpha.txt: cannot be read: Permission denied", patch=unreadable("alpha.txt"))


def test_unreadable_sources_simulated_permission_error(tmp_path, earlier):
    raw = raw_with(tmp_path, {"alpha.txt": ARTICLE_ALPHA}, rows=[{"file": "alpha.txt"}])
    assert_refused(raw, earlier, "sources.csv: cannot be read: Permission denied", patch=unreadable("sources.csv"))


def test_out_naming_an_existing_file(tmp_path, earlier):
    raw = raw_with(tmp_path, {"alpha.txt": ARTICLE_ALPHA}, rows=[{"file": "alpha.txt"}])
    target = earlier / "notes.txt"
    before = snapshot(earlier)
    assert_one_line(run("build", "--raw", str(raw), "--out", str(target)), "notes.txt: is a file, not a folder")
    assert snapshot(earlier) == before


def test_raw_naming_a_file(tmp_path, earlier):
    (tmp_path / "raw.txt").write_text("not a folder\n", encoding="utf-8")
    assert_refused(tmp_path / "raw.txt", earlier, "raw.txt: the raw folder is a file, not a folder", check=True)


def test_nfd_file_name_on_disk_matches_nfc_in_sources(tmp_path):
    nfc = unicodedata.normalize("NFC", "café.txt")
    raw = write_raw(tmp_path / "raw", {unicodedata.normalize("NFD", "café.txt"): ARTICLE_ALPHA},
                    rows=[{"file": nfc, "doc_id": "cafe"}])
    assert nfc not in {p.name for p in raw.iterdir()}  # the names really differ on disk
    result = run("check", "--raw", str(raw))
    assert result.returncode == 0 and result.stdout.startswith("ok: 1 articles"), result.stderr


def test_broken_symlink_with_a_row(tmp_path, earlier):
    raw = raw_with(tmp_path, {"alpha.txt": ARTICLE_ALPHA}, rows=[{"file": "alpha.txt"}, {"file": "gone.txt"}])
    (raw / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    assert_refused(raw, earlier, "gone.txt: is a broken symbolic link", check=True)


def test_folder_named_txt_with_a_row(tmp_path, earlier):
    raw = raw_with(tmp_path, {"alpha.txt": ARTICLE_ALPHA}, rows=[{"file": "alpha.txt"}, {"file": "x.txt"}])
    (raw / "x.txt").mkdir()
    assert_refused(raw, earlier, "sources.csv: lists file 'x.txt', which is a folder, not a text file", check=True)


@pytest.mark.parametrize("content, problem", [
    ("", "sources.csv: is empty (0 bytes); it needs a header line"),
    ("file,doc_id\n", "sources.csv: has a header but no rows"),
    (" \n\t\n", "sources.csv: holds only white space; it needs a header line"),
], ids=["zero-bytes", "header-only", "whitespace-only"])
def test_empty_sources(tmp_path, earlier, content, problem):
    raw = raw_with(tmp_path, {"alpha.txt": ARTICLE_ALPHA})
    (raw / "sources.csv").write_text(content, encoding="utf-8")
    assert_refused(raw, earlier, problem)


# -- more bad input: encodings, control characters, tiny files, hostile names, malformed CSV -------

ALPHA_ROW = "file\nalpha.txt\n"


@pytest.mark.parametrize("articles, sources, problem", [
    ({"u16.txt": "\ufeffKim met Putin.\n".encode("utf-16")}, "file\nu16.txt\n",
     "u16.txt: is UTF-16 (it starts with a UTF-16 byte-order mark), not UTF-8"),
    ({"latin.txt": "Caf\xe9 talks\n".encode("latin-1")}, "file\nlatin.txt\n",
     "latin.txt: not valid UTF-8 (byte 0xe9 at position 3)"),
    ({"nul.txt": b"Kim met\x00Putin.\n"}, "file\nnul.txt\n", "nul.txt: the file contains NUL characters"),
    ({"empty.txt": b""}, "file\nempty.txt\n", "empty.txt: the file is empty (0 bytes)"),
    ({"blank.txt": b" \r\n\t \n"}, "file\nblank.txt\n", "blank.txt: the file holds only white space"),
    ({"alpha.txt": ARTICLE_ALPHA, "copy.txt": ARTICLE_ALPHA.replace("\n", "\r\n")}, "file\nalpha.txt\ncopy.txt\n",
     "copy.txt: has the same text as alpha.txt"),
    ({"alpha.txt": ARTICLE_ALPHA}, 'file,title\nalpha.txt,"unclosed title\n',
     "sources.csv: the row starting on line 2 is not valid CSV (unexpected end of data)"),
    ({"alpha.txt": ARTICLE_ALPHA}, "file,title\nalpha.txt,one,two\n", "sources.csv: line 2 has more fields"),
    ({"alpha.txt": ARTICLE_ALPHA}, "file,file\nalpha.txt,alpha.txt\n",
     "sources.csv: column(s) ['file'] appear more than once"),
    ({"alpha.txt": ARTICLE_ALPHA}, "file,colour\nalpha.txt,red\n", "sources.csv: unknown column(s) ['colour']"),
    ({"alpha.txt": ARTICLE_ALPHA, "beta.txt": ARTICLE_BETA}, "file,doc_id\nalpha.txt,x\nbeta.txt,x\n",
     "sources.csv: doc_id 'x' appears in more than one row"),
    ({"alpha.txt": ARTICLE_ALPHA}, "file\nalpha.txt\nalpha.txt\n",
     "sources.csv: file 'alpha.txt' appears in more than one row"),
    ({"alpha.txt": ARTICLE_ALPHA}, "file\n", "sources.csv: has a header but no rows"),
    ({"alpha.txt": ARTICLE_ALPHA}, "title\nMinisters\n", "sources.csv: the required column 'file' is missing"),
    ({"alpha.txt": ARTICLE_ALPHA}, "file\nalpha.txt\nmissing.txt\n",
     "sources.csv: lists file 'missing.txt', which is not in the raw folder"),
    ({"alpha.txt": ARTICLE_ALPHA, "extra.txt": ARTICLE_BETA}, ALPHA_ROW, "extra.txt: has no row in sources.csv"),
    ({"alpha.txt": ARTICLE_ALPHA}, "file\n../alpha.txt\n", "must be a bare .txt file name"),
    ({"-dash.txt": ARTICLE_ALPHA}, "file\n-dash.txt\n",
     "doc_id '-dash' (taken from the file name; give the row a doc_id) must start with an ASCII letter"),
    ({"статья.txt": ARTICLE_ALPHA}, "file\nстатья.txt\n", "(taken from the file name; give the row a doc_id)"),
    ({"alpha.txt": ARTICLE_ALPHA}, "file,published\nalpha.txt,0001-01-01\n",
     "published '0001-01-01' is not a year from 1000 to 9998"),
    ({"alpha.txt": ARTICLE_ALPHA}, "file,published\nalpha.txt,2024-02-30\n", "is not a real calendar date"),
    ({".hidden.txt": ARTICLE_ALPHA}, "file\n.hidden.txt\n", "raw: holds no article files"),
    ({"alpha.txt": ARTICLE_ALPHA, ".hidden.txt": ARTICLE_BETA}, "file\nalpha.txt\n.hidden.txt\n",
     "file '.hidden.txt' is a hidden name (starting with '.'), which is never read"),
], ids=["utf16-bom", "latin1", "nul-bytes", "zero-byte-article", "whitespace-article", "duplicate-text-crlf",
        "unclosed-quote", "too-many-fields", "duplicate-header", "unknown-column", "duplicate-doc-id",
        "duplicate-file-rows", "header-only", "no-file-column", "row-without-file", "file-without-row",
        "path-in-file-cell", "leading-dash-name", "unicode-name", "published-year-0001", "published-feb-30",
        "only-hidden-article", "hidden-name-listed"])
def test_bad_input_is_one_line(tmp_path, earlier, articles, sources, problem):
    raw = raw_with(tmp_path, articles, sources_text=sources)
    assert_refused(raw, earlier, problem)


def test_sources_in_utf16(tmp_path, earlier):
    raw = raw_with(tmp_path, {"alpha.txt": ARTICLE_ALPHA})
    (raw / "sources.csv").write_bytes("file\nalpha.txt\n".encode("utf-16"))
    assert_refused(raw, earlier, "sources.csv: is UTF-16")


def test_sources_csv_is_a_folder(tmp_path, earlier):
    raw = raw_with(tmp_path, {"alpha.txt": ARTICLE_ALPHA})
    (raw / "sources.csv").mkdir()
    assert_refused(raw, earlier, "sources.csv: is a folder", check=True)


def test_two_names_differing_only_in_unicode_form(tmp_path, earlier):
    raw = raw_with(tmp_path, {unicodedata.normalize("NFC", "café.txt"): ARTICLE_ALPHA,
                              unicodedata.normalize("NFD", "café.txt"): ARTICLE_BETA},
                   sources_text="file,doc_id\ncafé.txt,cafe\n")
    assert_refused(raw, earlier, "café.txt: has the same name as another article in a different Unicode form")


def test_missing_raw_folder(tmp_path, earlier):
    assert_refused(tmp_path / "nowhere", earlier, "nowhere: the raw folder does not exist", check=True)


def test_out_is_the_raw_folder(tmp_path):
    raw = raw_with(tmp_path, {"alpha.txt": ARTICLE_ALPHA}, sources_text=ALPHA_ROW)
    before = snapshot(raw)
    assert_one_line(run("build", "--raw", str(raw), "--out", str(raw)), "raw: is the raw folder")
    assert snapshot(raw) == before


# -- odd but valid input: built together, once ------------------------------------------------------

LONG_NAME = "a" * 200 + ".txt"
ODD = {  # file name -> (doc_id or "", text)
    "my article.txt": ("my_article", "Putin met Kim Jong Un in Vladivostok on Monday.\n"),
    "-dash.txt": ("dash", "Lavrov visited Pyongyang last week.\n"),
    "статья.txt": ("statya", "Shoigu arrived in Pyongyang on Tuesday.\n"),
    LONG_NAME: ("", "Choe Son Hui met Lavrov in Moscow.\n"),
    'quote "and", comma.txt': ("quoted", "Peskov said the talks went well.\n"),
    "mixed.txt": ("", "Line one ends CRLF.\r\nLine two ends CR.\rLine three: Putin met Kim Jong Un.\nEnd.\n"),
    "control.txt": ("", "Putin\x07 met\x1b Kim Jong Un.\x0cThe talks\x0bwent on.\x7f Lavrov said so.\n"),
    "nbsp.txt": ("", "North Korean leader Kim\u00a0Jong\u00a0Un said the talks went well. "
                     "Sergei Sho\u200bigu said \u201cWe are ready.\u201d\n"),
    "timexes.txt": ("", "It began 3,000,000 days ago. It ended 10,000 years ago. " + "9" * 400 + " troops left.\n"),
}


@pytest.fixture(scope="module")
def odd_build(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("odd")
    raw = base / "raw"
    rows = [{"file": name, "doc_id": doc_id, "published": "2023-09-04"} for name, (doc_id, _) in ODD.items()]
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=["file", "doc_id", "published"], lineterminator="\r\n").writeheader()
    body = sources_csv(rows, ["file", "doc_id", "published"]).split("\n", 1)[1]
    write_raw(raw, {name: text for name, (_, text) in ODD.items()})
    (raw / "sources.csv").write_bytes(("\ufeff" + buffer.getvalue() + body).encode("utf-8"))  # BOM, CRLF header
    out = base / "out"
    result = run("build", "--raw", str(raw), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return raw, out


def table(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)


def texts_of(raw: Path, out: Path) -> dict[str, str]:
    from partnership.corpus.articles import read_text_file

    documents = table(out, "documents")
    return {row.doc_id: read_text_file(raw / row.file) for row in documents.itertuples()}


def test_odd_names_all_build(odd_build):
    raw, out = odd_build
    documents = table(out, "documents")
    assert sorted(documents["file"]) == sorted(ODD)
    assert set(documents["doc_id"]) == {"my_article", "dash", "statya", "a" * 200, "quoted", "mixed", "control",
                                        "nbsp", "timexes"}


def test_every_offset_points_into_the_raw_text(odd_build):
    raw, out = odd_build
    texts = texts_of(raw, out)
    for name in ("sentences", "mentions", "timexes", "quantities", "claims", "unlinked_names"):
        for row in table(out, name).itertuples():
            assert texts[row.doc_id][int(row.start):int(row.end)] == row.text, (name, row)


def test_mixed_line_ends_and_control_characters_split_and_link(odd_build):
    raw, out = odd_build
    sentences = table(out, "sentences")
    assert list(sentences[sentences["doc_id"] == "mixed"]["text"]) == [
        "Line one ends CRLF.", "Line two ends CR.", "Line three: Putin met Kim Jong Un.", "End."]
    mentions = table(out, "mentions")
    assert {"putin", "kim_jong_un"} <= set(mentions[mentions["doc_id"] == "control"]["entity_id"])


def test_names_match_across_nbsp_and_zero_width_space(odd_build):
    raw, out = odd_build
    mentions = table(out, "mentions")
    linked = mentions[mentions["doc_id"] == "nbsp"]
    assert "Kim\u00a0Jong\u00a0Un" in set(linked[linked["entity_id"] == "kim_jong_un"]["text"])
    assert "Sergei Sho\u200bigu" in set(linked[linked["entity_id"] == "shoigu"]["text"])
    unlinked = table(out, "unlinked_names")
    assert not set(unlinked[unlinked["doc_id"] == "nbsp"]["text"]) & {"Jong", "Un", "Jong\u00a0Un"}
    claims = table(out, "claims")
    assert {"kim_jong_un", "shoigu"} <= set(claims[claims["doc_id"] == "nbsp"]["speaker_id"])


def test_out_of_range_dates_and_numbers_are_flagged_not_crashed(odd_build):
    raw, out = odd_build
    timexes = table(out, "timexes")
    rows = {row.text: row for row in timexes[timexes["doc_id"] == "timexes"].itertuples()}
    assert (rows["3,000,000 days ago"].value, rows["3,000,000 days ago"].anchor) == ("XXXX-XX-XX", "out of range")
    assert (rows["10,000 years ago"].value, rows["10,000 years ago"].anchor) == ("XXXX", "out of range")
    assert not timexes["value"].str.startswith("-").any()
    quantities = table(out, "quantities")
    huge = quantities[quantities["text"].str.startswith("9" * 400)]
    assert list(huge["value"]) == [""]  # too large for a float: empty, never inf
    assert "inf" not in (out / "quantities.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("sentence, expected", [
    ("The war lasted " + "9" * 400 + " years.", [("PXY", "out of range")]),
    ("It began " + "9" * 400 + " months ago.", [("XXXX-XX", "out of range")]),
    ("On January 1, 0001, they met; the previous day they argued.",
     [("0001-01-01", ""), ("XXXX", "out of range")]),
    ("On December 31, 9999, and the next day.", [("9999-12-31", ""), ("XXXX", "out of range")]),
    ("In January 0000 and the preceding year.", [("0000-01", ""), ("XXXX", "out of range")]),
    ("It happened 2,000 years ago.", [("0023", "publication:2023-09-04")]),
], ids=["huge-duration", "huge-offset", "day-before-year-1", "day-after-9999", "year-before-0", "in-range"])
def test_timexes_off_the_calendar_are_flagged(sentence, expected):
    from partnership.annotate.timexes import Published, TimexFinder

    rows = TimexFinder().find(sentence, Published.parse("2023-09-04"), [])
    assert [(row["value"], row["anchor"]) for row in rows] == expected
