"""Fuzzy phrase search tuned for Chinese, following the measured pitfalls of rapidfuzz.

- Scores are coarse on short needles (one wrong character is 75 on four characters), so
  phrases of up to ``EXACT_MAX_CHARS`` characters must match exactly, and longer ones may
  differ by one character in ``CHARS_PER_EDIT``: the cut-off depends on the phrase's length.
- ``partial_ratio`` searches the needle inside a shorter haystack and scores windows cut
  short at the haystack's edge, both at 100. We use ``partial_ratio_alignment`` and accept
  a match only if the aligned span covers at least ``MIN_COVERAGE`` of the phrase.
- An exact substring search runs first: it is cheap and finds most evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

EXACT_MAX_CHARS = 5
CHARS_PER_EDIT = 6
MIN_COVERAGE = 0.9


@dataclass(frozen=True)
class Hit:
    """Where a phrase was found in a text, and how well (100 = exactly)."""

    start: int
    end: int
    score: float


def cutoff(length: int) -> float:
    """The lowest acceptable score for a phrase of ``length`` characters (100 = exact only)."""
    if length <= EXACT_MAX_CHARS:
        return 100.0
    edits = length // CHARS_PER_EDIT
    return 100.0 * (1 - edits / length)


def find(phrase: str, text: str) -> Hit | None:
    """The best occurrence of ``phrase`` in ``text``, exact or within the length-dependent tolerance."""
    index = text.find(phrase)
    if index >= 0:
        return Hit(index, index + len(phrase), 100.0)
    minimum = cutoff(len(phrase))
    if minimum >= 100.0 or len(text) < len(phrase) * MIN_COVERAGE:
        return None
    aligned = fuzz.partial_ratio_alignment(phrase, text, score_cutoff=minimum)
    if aligned is None or (aligned.src_end - aligned.src_start) < MIN_COVERAGE * len(phrase):
        return None
    return Hit(aligned.dest_start, aligned.dest_end, aligned.score)
