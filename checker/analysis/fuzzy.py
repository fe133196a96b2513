"""Fuzzy phrase search tuned for Chinese, following the measured pitfalls of rapidfuzz.

- Scores are coarse on short needles (one wrong character is 75 on four characters), so
  phrases of up to ``EXACT_MAX_CHARS`` characters must match exactly, and longer ones may
  differ by one character in ``CHARS_PER_EDIT``: the cut-off depends on the phrase's length.
- ``partial_ratio`` searches the needle inside a shorter haystack and scores windows cut
  short at the haystack's edge, both at 100. We use ``partial_ratio_alignment`` and accept
  a match only if the aligned span covers at least ``MIN_COVERAGE`` of the phrase.
- An exact substring search runs first: it is cheap and finds most evidence.
- Before any alignment, ``reaching`` rules out, for all texts in one C call each, those that
  cannot reach the cut-off: first those with too few characters in common with the phrase, in
  order (their longest common subsequence, a bit-parallel pass much cheaper than the windowed
  ``partial_ratio``: a necessary condition, so no match is lost), then by ``partial_ratio``
  itself. Almost every sentence fails the first test.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

EXACT_MAX_CHARS = 5
CHARS_PER_EDIT = 6
MIN_COVERAGE = 0.9


class Hit(NamedTuple):  # a NamedTuple: cheap to create at start-up (see checker/checklist/model.py)
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


# partial_ratio scored in bulk may differ from the alignment's score in the last float digits at a
# cut-off such as 83.333…; the bulk pass uses a cut-off this much lower, so it never drops a text
# that the alignment would accept.
BULK_MARGIN = 1.0


class Needle(NamedTuple):
    """A phrase prepared for many fuzzy searches: its cut-off and how many characters a text must share with it."""

    phrase: str
    minimum: float
    common: int  # the longest common subsequence a text needs for ``reaching`` to keep it

    @classmethod
    def of(cls, phrase: str) -> Needle:
        minimum = cutoff(len(phrase))
        return cls(phrase, minimum, _common_needed(len(phrase), minimum - BULK_MARGIN))


def _common_needed(length: int, score: float) -> int:
    """The fewest characters, in order, a text must share with a phrase of ``length`` characters for
    ``partial_ratio`` to reach ``score``, over the texts ``find_fuzzy`` looks at.

    partial_ratio scores the shorter string (``m`` characters) against windows of the longer one of
    at most ``m`` characters: ``2·LCS / (m + w)`` with ``w ≥ LCS``, so reaching ``s`` % needs
    ``LCS ≥ s·m/(200−s)``; a window's LCS is at most the whole text's. ``find_fuzzy`` refuses texts
    shorter than ``MIN_COVERAGE`` of the phrase, so ``m`` is at least that.
    """
    if score >= 100.0:
        return length
    shortest = math.ceil(length * MIN_COVERAGE - 1e-9)
    return max(1, math.ceil(score * shortest / (200.0 - score) - 1e-6))


def reaching(needle: Needle, texts: list[str]) -> list[int]:
    """Indices of the ``texts`` in which ``needle`` may score its cut-off, in order: a superset of
    the texts where ``find_fuzzy`` finds it, each test run over all texts in one C call."""
    if needle.minimum >= 100.0:
        return []
    close = process.extract(needle.phrase, texts, scorer=LCSseq.similarity, score_cutoff=needle.common, limit=None)
    if not close:
        return []
    kept = sorted(index for _, _, index in close)
    found = process.extract(needle.phrase, [texts[index] for index in kept], scorer=fuzz.partial_ratio, score_cutoff=needle.minimum - BULK_MARGIN, limit=None)
    return sorted(kept[index] for _, _, index in found)


def find_fuzzy(needle: Needle, text: str) -> Hit | None:
    """``find`` for a phrase known not to occur exactly in ``text`` and to pass the prefilter."""
    if len(text) < len(needle.phrase) * MIN_COVERAGE:
        return None
    aligned = fuzz.partial_ratio_alignment(needle.phrase, text, score_cutoff=needle.minimum)
    if aligned is None or (aligned.src_end - aligned.src_start) < MIN_COVERAGE * len(needle.phrase):
        return None
    return Hit(aligned.dest_start, aligned.dest_end, aligned.score)


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
