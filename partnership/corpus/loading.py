"""Loading the raw folder into the documents and sentences tables.

``load_corpus`` reads every article (see ``partnership.corpus.articles`` for which files
count), checks them against ``sources.csv`` (see ``partnership.corpus.sources``), and
splits each into sentences (see ``partnership.corpus.sentences``). It writes nothing:
any problem raises ``CorpusError`` before a single output exists.
"""

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from partnership import config
from partnership.corpus.articles import MAX_ARTICLE_CHARS, list_article_files, read_text_file, text_sha256
from partnership.errors import CorpusError
from partnership.progress import progress
from spacy.tokens import Doc

from partnership.corpus.sentences import segment, sentence_pipeline, sentences_of_doc
from partnership.corpus.sources import COLUMNS as SOURCE_COLUMNS
from partnership.corpus.sources import check_sources_against_files, read_sources

# The sources.csv columns (doc_id first), then what loading measures.
DOCUMENT_COLUMNS = [
    "doc_id",
    *[c for c in SOURCE_COLUMNS if c != "doc_id"],
    "n_chars",
    "n_paragraphs",
    "n_sentences",
    "n_words",
    "sha256",
]
SENTENCE_COLUMNS = ["doc_id", "sent_id", "paragraph", "start", "end", "n_words", "text"]


@dataclass(frozen=True)
class Corpus:
    """The articles as tables, plus each article's normalised text and spaCy Doc by doc_id.

    The Docs are kept so that the annotation stages reuse the tokenisation and the
    sentence boundaries instead of tokenising every article again.
    """

    documents: pd.DataFrame
    sentences: pd.DataFrame
    texts: dict[str, str]
    docs: dict[str, Doc]

    def text(self, doc_id: str) -> str:
        return self.texts[doc_id]


def load_corpus(raw_dir=config.RAW_DIR) -> Corpus:
    """Read, check and split the raw folder; raises CorpusError before anything is written."""
    return split_corpus(*read_raw(raw_dir))


def read_raw(raw_dir=config.RAW_DIR, keep_texts: bool = True) -> tuple[pd.DataFrame, Mapping[str, str]]:
    """The checked sources table and each article's normalised text by file name.

    With ``keep_texts=False`` the texts are checked the same way but not held: the mapping
    returned (``RawTexts``) reads a file again each time its text is asked for, so a build of
    any number of articles need not hold them all at once.
    """
    raw_dir = Path(raw_dir)
    files = list_article_files(raw_dir)
    if not files:
        raise CorpusError(raw_dir, "holds no article files (names ending in .txt)")
    texts_by_file, paths, digests = {}, {}, {}
    for path in files:
        # sources.csv is compared in NFC: a name typed on one system and saved on another (NFD) still matches
        name = unicodedata.normalize("NFC", path.name)
        if name in paths:
            raise CorpusError(path, "has the same name as another article in a different Unicode form "
                                    "(NFC/NFD); rename one of the two")
        text = read_text_file(path, MAX_ARTICLE_CHARS)
        paths[name], digests[name] = path, text_sha256(text)
        if keep_texts:
            texts_by_file[name] = text
    _refuse_duplicates(raw_dir, digests)
    if not keep_texts:
        texts_by_file = RawTexts(paths, digests)

    sources_path = raw_dir / config.SOURCES_FILE_NAME
    sources = read_sources(sources_path)
    check_sources_against_files(sources, sources_path, texts_by_file)
    return sources, texts_by_file


def split_corpus(sources: pd.DataFrame, texts_by_file: dict[str, str]) -> Corpus:
    """Tokenise and sentence-split the articles of ``sources`` (already checked by ``read_raw``)."""
    nlp = sentence_pipeline()
    documents, sentences, texts, docs = [], [], {}, {}
    rows = sources.sort_values("doc_id").itertuples(index=False)
    for row in progress(rows, "sentences", len(sources)):
        text = texts_by_file[row.file]
        texts[row.doc_id] = text
        docs[row.doc_id] = segment(text, nlp)
        doc_sentences = sentences_of_doc(docs[row.doc_id], text)
        for sent_id, sentence in enumerate(doc_sentences, start=1):
            sentences.append({"doc_id": row.doc_id, "sent_id": sent_id, **sentence})
        documents.append(
            {
                **row._asdict(),
                "n_chars": len(text),
                "n_paragraphs": max((s["paragraph"] for s in doc_sentences), default=0),
                "n_sentences": len(doc_sentences),
                "n_words": sum(s["n_words"] for s in doc_sentences),
                "sha256": text_sha256(text),
            }
        )
    return Corpus(
        documents=pd.DataFrame(documents, columns=DOCUMENT_COLUMNS),
        sentences=pd.DataFrame(sentences, columns=SENTENCE_COLUMNS),
        texts=texts,
        docs=docs,
    )


def _refuse_duplicates(raw_dir: Path, digests: dict[str, str]) -> None:
    seen: dict[str, str] = {}
    for name, digest in sorted(digests.items()):
        if digest in seen:
            raise CorpusError(
                raw_dir / name,
                f"has the same text as {seen[digest]} (same SHA-256 after normalisation); "
                "keep one of the two",
            )
        seen[digest] = name


class RawTexts(Mapping):
    """Each checked article's normalised text by file name, read from disk each time it is asked for.

    A text that is not the one ``read_raw`` checked (the file changed since) is refused.
    """

    def __init__(self, paths: dict[str, Path], digests: dict[str, str]):
        self._paths, self._digests = paths, digests

    def __getitem__(self, name: str) -> str:
        text = read_text_file(self._paths[name], MAX_ARTICLE_CHARS)
        if text_sha256(text) != self._digests[name]:
            raise CorpusError(self._paths[name], "changed while the build was reading the raw folder; "
                                                 "build again")
        return text

    def __iter__(self):
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)
