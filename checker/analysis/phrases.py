"""Every literal phrase of a checklist, found in every sentence of a report in one pass.

Matching asks, for each element, each evidence group and each sentence, "does one of these
phrases occur here, and where first?". Asked group by group that is thousands of searches per
report; asked once per sentence of every phrase at once it is one Aho–Corasick scan
(pyahocorasick, a C automaton: measured against one compiled alternation of the same phrases in
docs/performance.md), whose overlapping hits give every phrase's first occurrence, from which
each group's answer is read off exactly as a per-group search would give it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

import ahocorasick


@lru_cache(maxsize=32)
def _automaton(phrases: frozenset[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for phrase in phrases:
        automaton.add_word(phrase, phrase)
    automaton.make_automaton()
    return automaton


def first_occurrences(phrases: Iterable[str], texts: Sequence[str]) -> list[dict[str, int]]:
    """For each text, the phrases that occur in it and the offset of each one's first occurrence."""
    wanted = frozenset(phrase for phrase in phrases if phrase)
    if not wanted:
        return [_NOTHING for _ in texts]
    automaton = _automaton(wanted)
    found: list[dict[str, int]] = []
    for text in texts:
        first: dict[str, int] = {}
        for end, phrase in automaton.iter(text):  # by end offset, so the first hit of a phrase is its first occurrence
            if phrase not in first:
                first[phrase] = end - len(phrase) + 1
        found.append(first or _NOTHING)
    return found


# What a text without any phrase gets: one shared empty dict, not one per sentence (most sentences
# of a long report hold none; callers only read the dicts).
_NOTHING: dict[str, int] = {}
