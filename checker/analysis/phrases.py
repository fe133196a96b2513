"""Every literal phrase of a checklist, found in every sentence of a report in one pass.

Matching asks, for each element, each evidence group and each sentence, "does one of these
phrases occur here, and where first?". Asked group by group that is thousands of searches per
report; asked once per sentence of every phrase at once it is one Aho–Corasick scan
(pyahocorasick, a C automaton: measured against one compiled alternation of the same phrases in
docs/performance.md), whose overlapping hits give every phrase's first occurrence, from which
each group's answer is read off exactly as a per-group search would give it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import chain

from checker.common.automaton import of as automaton_of


def first_occurrences(phrases: Iterable[str], texts: Sequence[str]) -> list[tuple[str | int, ...]]:
    """For each text, the phrases that occur in it and the offset of each one's first occurrence,
    as one flat tuple ``(phrase, offset, phrase, offset, …)`` (``pairs`` reads it).

    Flat tuples, not a dict per text: a 20 MB report has some 200,000 sentences, and a dict each
    was the largest thing the matcher held (docs/performance.md). Texts holding no phrase share ``()``.
    """
    wanted = frozenset(phrase for phrase in phrases if phrase)
    if not wanted:
        return [() for _ in texts]
    automaton = automaton_of(wanted)
    found: list[tuple[str | int, ...]] = []
    for text in texts:
        first: dict[str, int] = {}
        for end, phrase in automaton.iter(text):  # by end offset, so the first hit of a phrase is its first occurrence
            if phrase not in first:
                first[phrase] = end - len(phrase) + 1
        found.append(tuple(chain.from_iterable(first.items())))
    return found


def pairs(found: tuple[str | int, ...]) -> Iterator[tuple[str, int]]:
    """The (phrase, offset) pairs of one text's ``first_occurrences``."""
    for index in range(0, len(found), 2):
        yield str(found[index]), int(found[index + 1])
