"""An Aho–Corasick automaton (pyahocorasick, in C) of a set of strings, built once per set.

Both the one-pass phrase search of matching (``checker.analysis.phrases``) and the prefilter of
checklist regexes (``checker.common.patterns.holds_required``) ask one question of many texts:
which of these strings occur here. Each string is its own value, so a hit names what it found.
"""

from __future__ import annotations

from functools import lru_cache

import ahocorasick


@lru_cache(maxsize=64)
def of(strings: frozenset[str]) -> ahocorasick.Automaton:
    """The automaton finding every one of ``strings`` (each stored as its own value)."""
    automaton = ahocorasick.Automaton()
    for string in strings:
        automaton.add_word(string, string)
    automaton.make_automaton()
    return automaton
