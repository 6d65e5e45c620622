import pytest

from partnership.corpus.articles import list_article_files, normalise_text, read_text_file, text_sha256
from partnership.errors import CorpusError


def test_only_visible_txt_files_count_as_articles(tmp_path):
    for name in ["b.txt", "a.txt", "README.md", ".gitkeep", ".hidden.txt", "sources.csv", "notes.TXT.bak"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub.txt").mkdir()
    assert [p.name for p in list_article_files(tmp_path)] == ["a.txt", "b.txt"]


def test_missing_raw_folder_is_named(tmp_path):
    with pytest.raises(CorpusError, match="nowhere: the raw folder does not exist"):
        list_article_files(tmp_path / "nowhere")


def test_bom_and_crlf_are_normalised(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffFirst line.\r\nSecond line.\rThird.\r\n".encode("utf-8"))
    assert read_text_file(path) == "First line.\nSecond line.\nThird.\n"


def test_crlf_copy_has_the_same_hash():
    assert text_sha256(normalise_text("a\r\nb")) == text_sha256("a\nb")
    assert text_sha256("a\nb") != text_sha256("a\nc")


def test_empty_file_is_refused_by_name(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(CorpusError, match=r"empty\.txt: the file is empty"):
        read_text_file(path)


def test_whitespace_only_file_is_refused(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \r\n\t\n")
    with pytest.raises(CorpusError, match=r"blank\.txt: the file holds only white space"):
        read_text_file(path)


def test_non_utf8_bytes_are_refused_with_position(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 talks".encode("latin-1"))
    with pytest.raises(CorpusError, match=r"latin\.txt: not valid UTF-8 \(byte 0xe9 at position 3\)"):
        read_text_file(path)


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"GIF89a\x00\x01")
    with pytest.raises(CorpusError, match="NUL"):
        read_text_file(path)
