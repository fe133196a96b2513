"""Fuzzy phrase search tuned for Chinese, following the measured pitfalls of rapidfuzz.

- Scores are coarse on short needles (one wrong character is 75 on four characters), so
  phrases of up to ``EXACT_MAX_CHARS`` characters must match exactly, and longer ones may
  differ by one character in ``CHARS_PER_EDIT``: the cut-off depends on the phrase's length.
- ``partial_ratio`` searches the needle inside a shorter haystack and scores windows cut
  short at the haystack's edge, both at 100. We use ``partial_ratio_alignment`` and accept
  a match only if the aligned span covers at least ``MIN_COVERAGE`` of the phrase.
- An exact substring search runs first: it is cheap and finds most evidence.
- Before any alignment, ``Needle.may_match`` rules out texts that do not hold enough of the
  phrase's characters to reach the cut-off (a necessary condition, so no match is lost): almost
  every sentence fails it, and a set intersection costs a fraction of an alignment call.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from rapidfuzz import fuzz, process

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


class Needle(NamedTuple):
    """A phrase prepared for many fuzzy searches: its cut-off and its characters, for the prefilter."""

    phrase: str
    minimum: float
    chars: frozenset[str]
    repeats: int  # characters of the phrase beyond its distinct ones

    @classmethod
    def of(cls, phrase: str) -> Needle:
        chars = frozenset(phrase)
        return cls(phrase, cutoff(len(phrase)), chars, len(phrase) - len(chars))

    def may_match(self, text: str, text_chars: frozenset[str] | set[str]) -> bool:
        """False only when ``text`` cannot reach the cut-off: too few of the phrase's characters.

        partial_ratio scores the shorter string (``m`` characters) against windows of the longer
        one of at most ``m`` characters: ``2·LCS / (m + w)``. Reaching ``c`` % needs ``w ≥ c·m/(200−c)``
        and so ``LCS ≥ c·m/(200−c)``; the LCS is at most the characters the two share, counted with
        repeats, which is at most ``|distinct shared| + repeats``.
        """
        if self.minimum >= 100.0:
            return False
        return len(self.chars & text_chars) >= self.shared_needed(min(len(self.phrase), len(text)))

    def shared_needed(self, shortest: int) -> int:
        """The fewest distinct phrase characters a text must hold to pass, when the shorter string has ``shortest``."""
        needed = self.minimum * shortest / (200.0 - self.minimum) - self.repeats
        return max(0, math.ceil(needed - 1e-6))


# partial_ratio scored in bulk may differ from the alignment's score in the last float digits at a
# cut-off such as 83.333…; the bulk pass uses a cut-off this much lower, so it never drops a text
# that the alignment would accept.
BULK_MARGIN = 1.0


def reaching(needle: Needle, texts: list[str]) -> list[int]:
    """Indices of the ``texts`` in which ``needle`` may score its cut-off, in order: a superset of
    the texts where ``find_fuzzy`` finds it, scored for all texts in one C call."""
    if needle.minimum >= 100.0:
        return []
    found = process.extract(needle.phrase, texts, scorer=fuzz.partial_ratio, score_cutoff=needle.minimum - BULK_MARGIN, limit=None)
    return sorted(index for _, _, index in found)


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
