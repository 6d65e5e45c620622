"""Stage 1, the corpus: reading and checking the raw folder, sources.csv, sentences and dating."""

from partnership.corpus.loading import Corpus, load_corpus, read_raw, split_corpus

__all__ = ["Corpus", "load_corpus", "read_raw", "split_corpus"]
