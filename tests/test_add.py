"""python -m partnership add PATH --raw DIR: one article in, or one line of error and nothing written.

The pages in tests/fixtures/ and the texts below are invented for the tests. Every test works on
a copy of a small raw folder in tmp_path, never on data/raw.
"""

import csv
import io
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from types import SimpleNamespace

import pytest

from partnership.__main__ import main
from partnership.corpus.adding import add_article, strip_markdown
from partnership.corpus.articles import text_sha256
from tests.conftest import ARTICLE_ALPHA, write_raw

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = "file,doc_id,title,published,date_precision,date_evidence,date_note,outlet_note,genre,author\n"
SOURCES = HEADER + '000_aaaaaaaaaaaaaaaa.txt,000_aaaaaaaaaaaaaaaa,"Ministers meet, in Ulan Bator",2024-11-08,day,' \
                   '"on Friday, November 8, 2024",,,,\n'
# Invented plain-text article.
PLAIN = "Border market reopens\nTraders returned to the invented border market on Monday, officials said.\n"


@pytest.fixture
def raw(tmp_path) -> Path:
    return write_raw(tmp_path / "raw", {"000_aaaaaaaaaaaaaaaa.txt": ARTICLE_ALPHA}, sources_text=SOURCES)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def run_add(path, raw_dir):
    """The command in this process (a fresh interpreter per call would import spaCy each time)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["add", str(path), "--raw", str(raw_dir)])
    return SimpleNamespace(returncode=code, stdout=out.getvalue(), stderr=err.getvalue())


def new_row(raw_dir: Path) -> dict:
    rows = list(csv.DictReader(io.StringIO((raw_dir / "sources.csv").read_text(encoding="utf-8"))))
    return rows[-1]


def test_dated_page_keeps_the_article_and_drops_menus_banner_and_comments(raw):
    before = (raw / "sources.csv").read_bytes()
    result = run_add(FIXTURES / "dated_page.html", raw)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    row = new_row(raw)
    text = (raw / row["file"]).read_text(encoding="utf-8")
    assert row["file"] == f"001_{text_sha256(text)[:16]}.txt" and row["doc_id"] == row["file"][:-4]
    assert "agreed on Thursday to build a rail link" in text
    assert "Construction is due to begin next spring" in text
    assert "timetable looked optimistic" in text
    for boilerplate in ("World news menu", "Sport section", "cookies", "Reader comment", "Another reader",
                        "farmers", "All rights reserved"):
        assert boilerplate not in text, boilerplate
    assert row["title"] == "Ministers agree rail link"
    assert "The Invented Courier" in row["outlet_note"]
    assert (row["published"], row["date_precision"]) == ("2024-03-14", "day")
    assert 'property="article:published_time"' in row["date_note"]
    assert "published 2024-03-14 (day, from <meta property=\"article:published_time\"" in result.stdout
    # The other rows are byte-identical: the file only grew.
    assert (raw / "sources.csv").read_bytes().startswith(before)
    assert run_check(raw).returncode == 0


def test_undated_page_leaves_the_date_empty_and_says_so(raw):
    result = run_add(FIXTURES / "undated_page.html", raw)
    assert result.returncode == 0, result.stderr
    row = new_row(raw)
    assert (row["published"], row["date_precision"], row["date_evidence"]) == ("", "", "")
    assert "undated: published and date_precision are empty (The saved page gives no" in result.stdout
    text = (raw / row["file"]).read_text(encoding="utf-8")
    assert "fishing rights in the shared harbour" in text
    assert "About us" not in text and "Archive" not in text
    assert row["title"] == "Harbour talks continue"


def run_check(raw_dir):
    return subprocess.run([sys.executable, "-m", "partnership", "check", "--raw", str(raw_dir)],
                          capture_output=True, text=True, check=False)


def test_the_command_line_in_a_fresh_process(raw):
    result = subprocess.run([sys.executable, "-m", "partnership", "add", str(FIXTURES / "dated_page.html"),
                             "--raw", str(raw)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert result.stdout.startswith("added ") and result.stdout.count("\n") == 1


def test_check_accepts_the_folder_after_several_adds(raw, tmp_path):
    (tmp_path / "plain.txt").write_text(PLAIN, encoding="utf-8")
    for path in (FIXTURES / "dated_page.html", FIXTURES / "undated_page.html", tmp_path / "plain.txt"):
        assert run_add(path, raw).returncode == 0
    result = run_check(raw)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 4 articles in ")
    assert sorted(p.name[:4] for p in raw.glob("*.txt")) == ["000_", "001_", "002_", "003_"]


def test_txt_is_added_as_it_is_after_the_project_normalisation(raw, tmp_path):
    source = tmp_path / "plain.txt"
    source.write_bytes(b"\xef\xbb\xbf" + PLAIN.replace("\n", "\r\n").encode("utf-8"))  # BOM and CRLF
    result = run_add(source, raw)
    assert result.returncode == 0, result.stderr
    row = new_row(raw)
    assert (raw / row["file"]).read_bytes() == PLAIN.encode("utf-8")
    assert row["title"] == row["published"] == ""
    assert "undated" in result.stdout


def test_md_loses_heading_and_emphasis_marks_only(raw, tmp_path):
    source = tmp_path / "note.md"
    source.write_text("# Border market reopens\n\nTraders **returned** on *Monday*, "
                      "said the file_name_2 log; 5 * 3 = 15.\n", encoding="utf-8")
    assert run_add(source, raw).returncode == 0
    text = (raw / new_row(raw)["file"]).read_text(encoding="utf-8")
    assert text == "Border market reopens\n\nTraders returned on Monday, said the file_name_2 log; 5 * 3 = 15.\n"


@pytest.mark.parametrize("markdown, plain", [
    ("## Heading ##", "Heading"),
    ("#hashtag stays", "#hashtag stays"),
    ("__bold__ and _it_", "bold and it"),
    ("snake_case_name and 2*3*4", "snake_case_name and 2*3*4"),
    ("* a list item", "* a list item"),
])
def test_strip_markdown(markdown, plain):
    assert strip_markdown(markdown) == plain


def assert_refused(result, raw, before, name, problem):
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and name in lines[0] and problem in lines[0], lines[0]
    assert result.stdout == ""
    assert snapshot(raw) == before


@pytest.mark.parametrize("name, content, problem", [
    ("empty.txt", b"", "empty"),
    ("blank.md", b"  \n\n", "empty"),
    ("latin1.txt", "caf\u00e9 talks".encode("latin-1"), "not valid UTF-8"),
    ("notes.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
    ("noext", b"text", "unsupported file type"),
    ("no_article_page.html", (FIXTURES / "no_article_page.html").read_bytes(), "no main text found"),
    ("copy.txt", ARTICLE_ALPHA.replace("\n", "\r\n").encode("utf-8"), "same text as 000_aaaaaaaaaaaaaaaa.txt"),
])
def test_refusals_write_nothing(raw, tmp_path, name, content, problem):
    source = tmp_path / name
    source.write_bytes(content)
    before = snapshot(raw)
    assert_refused(run_add(source, raw), raw, before, name, problem)


def test_refuses_the_same_page_twice_under_another_name(raw, tmp_path):
    assert run_add(FIXTURES / "dated_page.html", raw).returncode == 0
    again = tmp_path / "saved_again.htm"
    again.write_bytes((FIXTURES / "dated_page.html").read_bytes())
    before = snapshot(raw)
    assert_refused(run_add(again, raw), raw, before, "saved_again.htm", "same text as 001_")


def test_refuses_a_missing_file(raw, tmp_path):
    before = snapshot(raw)
    assert_refused(run_add(tmp_path / "nowhere.txt", raw), raw, before, "nowhere.txt", "no such file")


def test_refuses_an_unreadable_file(raw, tmp_path, monkeypatch):
    # chmod cannot stop root from reading, so the permission error is simulated.
    source = tmp_path / "locked.txt"
    source.write_text(PLAIN, encoding="utf-8")
    real_read_bytes = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    before = snapshot(raw)
    assert_refused(run_add(source, raw), raw, before, "locked.txt", "cannot be read: permission denied")


def test_rolls_back_when_the_folder_would_not_read(raw, tmp_path):
    # A sources.csv that read_raw refuses after the write (an unknown genre): both files restored.
    (raw / "sources.csv").write_text(HEADER + "000_aaaaaaaaaaaaaaaa.txt,,,,,,,,no-such-genre,\n", encoding="utf-8")
    source = tmp_path / "plain.txt"
    source.write_text(PLAIN, encoding="utf-8")
    before = snapshot(raw)
    with pytest.raises(Exception, match="no-such-genre"):
        add_article(source, raw)
    assert snapshot(raw) == before


BODY = "<article><h1>Talks</h1>" + "<p>Negotiators met again in the invented capital and said the talks " \
       "would go on for several more weeks, officials said.</p>" * 3 + "</article>"  # invented


@pytest.mark.parametrize("head, before_body, after_body, expected", [
    ('<meta property="article:published_time" content="2024-03">', "", "", ("2024-03", "month")),
    ("", '<p class="byline">By A. Writer <time datetime="2023-10-19T08:00">19 October 2023</time></p>', "",
     ("2023-10-19", "day")),
    ('<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-09-12T05:00:00Z"}</script>',
     "", "", ("2023-09-12", "day")),
    ("", '<div class="byline">Published 14 March 2024</div>', "", ("2024-03-14", "day")),
    # A year of copyright only, or a date inside the running text, is not a publication date.
    ('<meta itemprop="copyrightYear" content="2023">', "", "", ("", "")),
    ("", "", "<p>The summit was held on 13 September 2023 in the invented city.</p>", ("", "")),
    # A last-modified date only bounds the publication date: not recorded.
    ('<meta property="article:modified_time" content="2024-05-01T00:00:00Z">', "", "", ("", "")),
])
def test_page_dates(tmp_path, raw, head, before_body, after_body, expected):
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>Talks</title>{head}</head><body>{before_body}{BODY}{after_body}"
                    "</body></html>", encoding="utf-8")
    added = add_article(page, raw)
    assert (added.row["published"], added.row["date_precision"]) == expected
