"""Synthetic texts for benchmarks and scale tests: real sentences resampled into paragraphs."""

import random

PARAGRAPH_BREAK = 0.35  # chance that a paragraph ends after each sentence


def resampled_text(sentences: list[str], rng: random.Random, closing: str) -> str:
    """The sentences grouped into paragraphs at random (seeded by ``rng``), then a closing line."""
    paragraphs, current = [], []
    for sentence in sentences:
        current.append(sentence)
        if rng.random() < PARAGRAPH_BREAK:
            paragraphs.append(" ".join(current))
            current = []
    paragraphs.append(" ".join(current))
    return "\n".join(p for p in paragraphs if p) + f"\n{closing}\n"
