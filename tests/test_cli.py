"""python -m partnership build: a folder of articles in, tables out, or one clear line of error."""

import subprocess
import sys

import pytest

from tests.conftest import ARTICLE_ALPHA, ARTICLE_BETA, write_raw


def run_build(raw, out, *options):
    return subprocess.run(
        [sys.executable, "-m", "partnership", "build", "--raw", str(raw), "--out", str(out), *options],
        capture_output=True, text=True, check=False,
    )


ALL_TABLES = [  # events too: automatic ones, as the hand coding quotes none of these articles
    "claims.csv", "date_evidence.csv", "documents.csv", "event_bounds.csv", "event_candidates.csv",
    "event_evidence.csv", "events.csv",
    "hedges.csv", "mentions.csv",
    "quantities.csv", "registry_candidates.csv",
    "sentences.csv", "timex_checks.csv", "timexes.csv", "unlinked_names.csv", "weekday_checks.csv",
]
ALL_FILES = sorted(ALL_TABLES + ["datapackage.json"])  # the tables, and the data package describing them


def test_build_writes_every_table(fixture_raw, tmp_path):
    out = tmp_path / "out"
    result = run_build(fixture_raw, out)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ALL_FILES
    assert "over 5,000 troops" in (out / "quantities.csv").read_text(encoding="utf-8")
    assert "Late last month" in (out / "timexes.csv").read_text(encoding="utf-8")


def test_build_needs_only_a_file_column(tmp_path):
    raw = write_raw(tmp_path / "raw", {"a.txt": ARTICLE_ALPHA}, sources_text="file\na.txt\n")
    out = tmp_path / "out"
    result = run_build(raw, out)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ALL_FILES


def test_bad_article_stops_with_one_line_and_writes_nothing(tmp_path):
    raw = write_raw(tmp_path / "raw", {"a.txt": ARTICLE_ALPHA, "bad.txt": b"\xff\xfe broken"},
                    rows=[{"file": "a.txt"}, {"file": "bad.txt"}])
    out = tmp_path / "out"
    out.mkdir()
    (out / "documents.csv").write_bytes(b"previous\n")
    result = run_build(raw, out)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "bad.txt: not valid UTF-8" in lines[0]
    assert [p.name for p in out.iterdir()] == ["documents.csv"]
    assert (out / "documents.csv").read_bytes() == b"previous\n"


def test_parallel_build_writes_the_same_bytes(tmp_path):
    articles = {f"{n}.txt": text for n, text in enumerate([
        ARTICLE_ALPHA, ARTICLE_BETA, "A quiet day with nothing to report\n",
        "Kirby warned on Monday that 2,000 troops may move.\n", "No names here at all.\n",
    ])}
    raw = write_raw(tmp_path / "raw", articles, rows=[{"file": name, "published": "2024-11-08"} for name in articles])
    one, two = tmp_path / "one", tmp_path / "two"
    assert run_build(raw, one, "--jobs", "1").returncode == 0
    result = run_build(raw, two, "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in two.iterdir()) == ALL_FILES
    for name in ALL_FILES:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def run_check(raw):
    return subprocess.run([sys.executable, "-m", "partnership", "check", "--raw", str(raw)],
                          capture_output=True, text=True, check=False)


@pytest.mark.parametrize("articles, rows, message", [
    ({"a.txt": ARTICLE_ALPHA, "b.txt": b""}, ["a.txt", "b.txt"], "b.txt: the file is empty (0 bytes); put the"),
    ({"a.txt": ARTICLE_ALPHA, "b.txt": b"caf\xe9"}, ["a.txt", "b.txt"], "b.txt: not valid UTF-8"),
    ({"a.txt": ARTICLE_ALPHA, "b.txt": ARTICLE_BETA}, ["a.txt"], "b.txt: has no row in sources.csv; add a row"),
])
def test_check_names_the_broken_file_in_one_line(tmp_path, articles, rows, message):
    raw = write_raw(tmp_path / "raw", articles, rows=[{"file": name} for name in rows])
    result = run_check(raw)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]


def test_check_passes_a_good_folder(fixture_raw):
    result = run_check(fixture_raw)
    assert result.returncode == 0 and result.stdout.startswith("ok: 2 articles in ")


def test_make_report_checks_the_raw_folder_before_any_notebook():
    from partnership import config

    makefile = (config.ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nreport:", 1)[1].split("\n\n", 1)[0]
    assert recipe.index("-m partnership check") < recipe.index("-m partnership report")
