"""Checklist regexes are user input: compiled with the ``regex`` package and run under a time limit.

A checklist pattern such as ``(依+)+$`` backtracks catastrophically: Python's ``re`` would run for
hours on one long sentence. Every regex that comes from a checklist (element patterns, time-scope
cues, ``figures``, the regex params of checks and the patterns our checks build around them) is
compiled here, never with ``re``:

- at load time ``problem()`` tells the author when a pattern does not compile, is too long, or
  backtracks catastrophically on probe texts made of its own characters (``regex`` stops it after
  ``PROBE_SECONDS``);
- at run time every search stops after ``SEARCH_SECONDS``; a pattern that timed out is switched
  off for the rest of that report and ``timed_out()`` names it, so the pipeline can say in the
  report's warnings that a verdict may be incomplete instead of lying silently.

Why ``regex`` with a timeout rather than google-re2, measured with
``benchmarks/bench_regex_engines.py`` on the bundled checklists and the shared reports
(docs/security.md has the figures): re2 refuses lookbehind, which the national checklist's
time-scope cue and our checks' own patterns use, and logs to stderr on every refused pattern;
``regex`` runs every pattern Python's ``re`` runs and was faster than re2 on our sentences.

Most checklist patterns cannot backtrack at all: literal phrases, alternations of them, bounded gaps
such as ``[^。]{2,40}?``. For those ``linear_bound()`` proves from the parsed pattern that a match
attempt at one position takes at most ``FAST_BOUND`` paths, so a search is linear in the text;
they run on Python's ``re`` as a bare bound method, without the timeout's bookkeeping, which was
a fifth of a whole check (2,300 searches per real-size report, most of them time-scope cues).
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # re's C engine (whether a character has case): no stubs
import re
import sys
import time
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from types import ModuleType
from typing import Any

from checker.common import re_cache
from checker.common.chinese import sample_years

if sys.version_info >= (3, 11):  # the parser behind ``re``: Python 3.11 moved it
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
else:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse

# Per search. A linear pattern needs microseconds on a sentence; this only stops runaway backtracking.
SEARCH_SECONDS = 1.0
# All checklist searches of one report together. Even a "linear" pattern such as \d+件 costs the
# square of a run it can start anywhere in (half a million digits); past this budget every checklist
# pattern is off for the rest of the report, and its warnings say so. Counted in the thread's CPU
# time, not wall time: on a busy machine a wall-clock budget ran out on a 5 MB report that an idle
# one finished, so the verdict depended on the load.
REPORT_SECONDS = 10.0
# Per probe at load time: long enough for any sane pattern on a few thousand characters.
PROBE_SECONDS = 0.2
PROBE_CHARS = 3000
MAX_PATTERN_CHARS = 2000
# Paths one match attempt may try, at most, for a pattern to run unguarded on ``re``.
FAST_BOUND = 10_000
# And the characters those paths may read together (paths × the longest match): [^。]{0,9000}某
# has only 9,001 paths, but each attempt reads up to 9,000 characters, which on a megabyte-long
# paragraph is minutes. The bundled checklists' patterns need at most about 155,000.
STEP_BOUND = 200_000

Match = Any  # a regex.Match[str]; the package's own stubs are partial

_disabled: set[str] = set()
_timed_out: list[str] = []
_spent = [0.0]  # CPU seconds of this report's guarded checklist searches


@cache
def _regex() -> ModuleType:
    """The ``regex`` package, imported on first use: a check whose patterns are all proven linear never needs it."""
    import regex

    return regex


def _re_compiles(pattern: str, flags: int) -> bool:
    """Whether ``re`` compiles ``pattern``: then ``regex``, whose syntax is a superset of it, does too."""
    try:
        re_cache.compile(pattern, flags)
    except (re.error, OverflowError, RecursionError, ValueError):
        return False
    return True


class _OnFirstUse:
    """A pattern's ``regex`` form, compiled when a guarded search first needs it: never for a proven-linear
    pattern, only on a text past its ``short_text_limit`` for one that has such a limit."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)
        self._compiled: Any = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re_cache.compile_regex(*self._source)
        return getattr(self._compiled, name)


class Bounded:
    """A compiled checklist regex whose every search ends within ``SEARCH_SECONDS`` (no match after a timeout)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._compiled: Any
        if flags == 0 and linear_bound(pattern) is not None:
            self._compiled = _OnFirstUse(pattern, flags)
            # Provably linear: the instance attributes shadow the guarded methods below.
            fast = re_cache.compile(pattern)
            self.search = fast.search  # type: ignore[method-assign,assignment]
            self.match = fast.match  # type: ignore[method-assign,assignment]
            self.findall = fast.findall  # type: ignore[method-assign,assignment]
            self.sub = fast.sub  # type: ignore[method-assign,assignment]
            self.finditer = fast.finditer  # type: ignore[method-assign,assignment]
            self.split = fast.split  # type: ignore[method-assign,assignment]
        else:
            short = short_text_limit(pattern) if flags == 0 else None
            if short is not None:
                self._short, self._fast = short, re_cache.compile(pattern)
            # The ``regex`` form (and the package: 20 ms of a single check's start-up) waits for the
            # first guarded search, which most reports never need: short texts run on ``re``, and most
            # paragraphs hold none of a pattern's required strings. Only a pattern ``re`` refuses is
            # compiled now, so that it still fails here, where its checklist is read.
            self._compiled = _OnFirstUse(pattern, flags) if _re_compiles(pattern, flags) else re_cache.compile_regex(pattern, flags)

    # Texts up to this many characters run on ``re`` unguarded (``short_text_limit``); -1: none do.
    _short = -1
    _fast: re.Pattern[str]

    def _guard(self, call: Callable[[], Any], empty: Any) -> Any:
        if self.pattern in _disabled or _spent[0] > REPORT_SECONDS:
            return empty
        started = time.thread_time()
        try:
            found = call()
        except TimeoutError:  # not counted: each pattern times out at most once per report
            _disabled.add(self.pattern)
            _timed_out.append(self.pattern)
            return empty
        _spent[0] += time.thread_time() - started
        return found

    def search(self, text: str, pos: int = 0) -> Match | None:
        if len(text) <= self._short:
            return self._fast.search(text, pos)
        return self._guard(lambda: self._compiled.search(text, pos, timeout=SEARCH_SECONDS), None)

    def match(self, text: str) -> Match | None:
        if len(text) <= self._short:
            return self._fast.match(text)
        return self._guard(lambda: self._compiled.match(text, timeout=SEARCH_SECONDS), None)

    def finditer(self, text: str) -> Iterator[Match]:
        """All matches; collected under the limit, so a timeout never leaves a half-consumed iterator."""
        if len(text) <= self._short:
            return self._fast.finditer(text)
        return iter(self._guard(lambda: list(self._compiled.finditer(text, timeout=SEARCH_SECONDS)), []))

    def sub(self, replacement: str, text: str) -> str:
        """``text`` with every match replaced; unchanged after a timeout."""
        if len(text) <= self._short:
            return self._fast.sub(replacement, text)
        return self._guard(lambda: self._compiled.sub(replacement, text, timeout=SEARCH_SECONDS), text)

    def findall(self, text: str) -> list[Any]:
        if len(text) <= self._short:
            return self._fast.findall(text)
        return self._guard(lambda: self._compiled.findall(text, timeout=SEARCH_SECONDS), [])

    def split(self, text: str, maxsplit: int = 0) -> list[Any]:
        """``text`` split at the matches; whole after a timeout."""
        if len(text) <= self._short:
            return self._fast.split(text, maxsplit)
        return self._guard(lambda: self._compiled.split(text, maxsplit, timeout=SEARCH_SECONDS), [text])


@re_cache.remembered  # a parse per pattern and process otherwise (82 patterns, 4.5 ms of a check)
def linear_bound(pattern: str) -> int | None:
    """How many paths one match attempt of ``pattern`` can try at most, or None when that is not small and fixed.

    Counted over the parse tree: a sequence multiplies its items' counts, an alternation adds its
    branches', a repeat ``{m,n}`` of an item with count c may take any of c**m … c**n paths, and a
    lookaround costs its own count. An unbounded repeat (``*``, ``+``, ``{m,}``) or a back-reference
    makes it None, and so does a pattern ``re`` cannot parse: those keep the ``regex`` timeout.
    So does one whose paths times its longest match passes ``STEP_BOUND``: what an attempt reads.
    """
    try:
        parsed: Any = _sre_parse.parse(pattern)
        paths = _paths(list(parsed))
        longest = parsed.getwidth()[1]
    except Exception:  # noqa: BLE001 - any refusal means "not proven linear", never an error here
        return None
    if paths is None or paths * max(longest, 1) > STEP_BOUND:
        return None
    return paths


def _paths(items: list[tuple[Any, Any]], runs: bool = False) -> int | None:
    """The paths of one match attempt of ``items``; with ``runs``, an unbounded repeat of one character counts as one."""
    total = 1
    for op, argument in items:
        name = str(op)
        count: int | None
        if name in ("LITERAL", "NOT_LITERAL", "ANY", "IN", "AT", "CATEGORY"):
            count = 1
        elif name in ("SUBPATTERN",):
            count = _paths(list(argument[-1]), runs)
        elif name in ("ASSERT", "ASSERT_NOT", "ATOMIC_GROUP"):
            count = _paths(list(argument[-1] if name != "ATOMIC_GROUP" else argument), runs)
        elif name == "BRANCH":
            branches = [_paths(list(branch), runs) for branch in argument[1]]
            count = None if None in branches else sum(b for b in branches if b is not None)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, item = argument
            if high == _sre_parse.MAXREPEAT and runs and _single_character(list(item)):
                count = 1  # proven deterministic by ``short_text_limit``: one path that reads the run
                total *= count
                continue
            inner = _paths(list(item), runs)
            if inner is None or high == _sre_parse.MAXREPEAT or high > FAST_BOUND:
                return None
            if inner == 1:
                count = high - low + 1
            else:  # c**low + … + c**high, stopping as soon as one power passes the bound (no huge integers)
                count, power = 0, 1
                for times in range(high + 1):
                    if power > FAST_BOUND:
                        return None
                    count += power if times >= low else 0
                    power *= inner
        else:  # back-references, conditionals and anything new: not proven
            return None
        if count is None:
            return None
        total *= max(count, 1)
        if total > FAST_BOUND:
            return None
    return total


@re_cache.remembered
def short_text_limit(pattern: str) -> int | None:
    """The longest text on which ``pattern``, not proven linear, still runs unguarded on ``re``; None: no text.

    ``figures`` (``\\d+(?:\\.\\d+)?…(?:%|件|…)``) has unbounded repeats, so ``linear_bound`` refuses it,
    yet it cannot backtrack: no character a ``\\d+`` can take may start what follows it. Such a run is
    deterministic — a shorter run leaves a digit next, which fails at the first character — so an
    attempt costs at most (runs + 1) × paths × the text's length. On texts short enough for that to
    stay within ``STEP_BOUND`` (a sentence, for figures: the timeout's bookkeeping cost five times the
    search itself, measured in docs/performance.md) the pattern runs on ``re``; longer texts keep the
    timeout. Proven only for repeats of one character whose follow set is a known set of literal
    characters, without case folding or scoped flags: anything else returns None.
    """
    try:
        parsed: Any = _sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - not parsed, not proven
        return None
    if parsed.state.flags & (re.IGNORECASE | re.DOTALL):
        return None
    items = list(parsed)
    runs = _deterministic_runs(items, frozenset())
    paths = _paths(items, runs=True) if runs else None  # (no runs at all: linear_bound decides)
    if not runs or paths is None:
        return None
    limit = STEP_BOUND // (paths * (runs + 1))
    return limit if limit >= 1 else None


def _single_character(items: list[tuple[Any, Any]]) -> bool:
    return len(items) == 1 and str(items[0][0]) in ("LITERAL", "NOT_LITERAL", "ANY", "IN", "CATEGORY")


def _deterministic_runs(items: list[tuple[Any, Any]], follow: frozenset[str] | None) -> int | None:
    """How many unbounded repeats ``items`` hold, when every one repeats one character that nothing after it
    can start with (``follow``: the literal characters that may come after ``items``; None: unknown); None
    when any is not proven so, or when something is not modelled (a run inside a lookaround: it would be
    read again at every position a run before it gives back)."""
    found = 0
    for position, (op, argument) in enumerate(items):
        name = str(op)
        runs: int | None
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, item = argument
            inner = list(item)
            after = _follow(items[position + 1 :], follow)
            if high == _sre_parse.MAXREPEAT:
                if not _single_character(inner) or after is None or any(_takes(inner[0], char) for char in after):
                    return None
                runs = 1
            else:
                first, _ = _first(inner)  # a bounded repeat: its item may follow itself, up to ``high`` times
                runs = _deterministic_runs(inner, None if first is None or after is None else first | after)
                runs = None if runs is None else runs * high
        elif name == "SUBPATTERN":
            if argument[1] or argument[2]:  # scoped flags ((?i:…)): not modelled
                return None
            runs = _deterministic_runs(list(argument[-1]), _follow(items[position + 1 :], follow))
        elif name == "BRANCH":
            after = _follow(items[position + 1 :], follow)
            branches = [_deterministic_runs(list(branch), after) for branch in argument[1]]
            runs = None if None in branches else sum(count for count in branches if count is not None)
        elif name in ("ASSERT", "ASSERT_NOT"):
            runs = None if _has_unbounded(list(argument[-1])) else 0
        elif name in ("LITERAL", "NOT_LITERAL", "ANY", "IN", "CATEGORY", "AT"):
            runs = 0
        else:
            return None
        if runs is None:
            return None
        found += runs
    return found


def _has_unbounded(items: list[tuple[Any, Any]]) -> bool:
    """Whether ``items`` hold an unbounded repeat anywhere (or something not modelled, counted as one)."""
    for op, argument in items:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            if argument[1] == _sre_parse.MAXREPEAT or _has_unbounded(list(argument[2])):
                return True
        elif name in ("SUBPATTERN", "ASSERT", "ASSERT_NOT"):
            if _has_unbounded(list(argument[-1])):
                return True
        elif name == "BRANCH":
            if any(_has_unbounded(list(branch)) for branch in argument[1]):
                return True
        elif name not in ("LITERAL", "NOT_LITERAL", "ANY", "IN", "CATEGORY", "AT"):
            return True
    return False


def _follow(items: list[tuple[Any, Any]], follow: frozenset[str] | None) -> frozenset[str] | None:
    """The literal characters that may come first after a point followed by ``items`` and then ``follow``; None: unknown."""
    first, empty = _first(items)
    if first is None:
        return None
    if not empty:
        return first
    return None if follow is None else first | follow


def _first(items: list[tuple[Any, Any]]) -> tuple[frozenset[str] | None, bool]:
    """The literal characters a match of ``items`` may start with (None: not a known set of literals), and whether it may be empty."""
    chars: set[str] = set()
    for op, argument in items:
        name = str(op)
        if name == "LITERAL":
            return frozenset(chars | {chr(argument)}), False
        if name == "IN":
            members = _literals(argument)
            return (None, False) if members is None else (frozenset(chars | members), False)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):  # zero-width: what follows comes first
            continue
        if name == "SUBPATTERN":
            if argument[1] or argument[2]:
                return None, False
            first, empty = _first(list(argument[-1]))
        elif name == "BRANCH":
            found = [_first(list(branch)) for branch in argument[1]]
            if any(first is None for first, _ in found):
                return None, False
            first = frozenset().union(*(first for first, _ in found if first is not None))
            empty = any(empty for _, empty in found)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            first, empty = _first(list(argument[2]))
            empty = empty or argument[0] == 0
        else:
            return None, False
        if first is None:
            return None, False
        chars |= first
        if not empty:
            return frozenset(chars), False
    return frozenset(chars), True


# Character sets listed one by one, at most this many (a range such as 一-龥 is too many to list).
_LISTED_MAX = 256


def _literals(members: list[tuple[Any, Any]]) -> set[str] | None:
    """The characters of a class made only of literals and small ranges; None for any other class."""
    chars: set[str] = set()
    for op, argument in members:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(argument))
        elif name == "RANGE" and argument[1] - argument[0] < _LISTED_MAX:
            chars.update(chr(code) for code in range(argument[0], argument[1] + 1))
        else:
            return None
    return chars if len(chars) <= _LISTED_MAX else None


_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
}


def _takes(item: tuple[Any, Any], char: str) -> bool:
    """Whether the one-character ``item`` can take ``char`` (True when unsure: the repeat is then not proven)."""
    op, argument = item
    name = str(op)
    if name == "LITERAL":
        return ord(char) == argument
    if name == "NOT_LITERAL":
        return ord(char) != argument
    if name == "ANY":
        return char != "\n"
    if name == "CATEGORY":
        return _in_category(str(argument), char)
    if name == "IN":
        negated, hit = False, False
        for member, value in argument:
            kind = str(member)
            if kind == "NEGATE":
                negated = True
            elif kind == "LITERAL":
                hit = hit or ord(char) == value
            elif kind == "RANGE":
                hit = hit or value[0] <= ord(char) <= value[1]
            elif kind == "CATEGORY":
                hit = hit or _in_category(str(value), char)
            else:
                return True
        return hit != negated
    return True


def _in_category(category: str, char: str) -> bool:
    escape = _CATEGORIES.get(category)
    return True if escape is None else re.fullmatch(escape, char) is not None


class Remembered(Bounded):
    """A bounded pattern that searches each text once: a report's ``figures`` pattern is asked of the
    same sentence by every element's routes and by several checks (about twice per sentence)."""

    def __init__(self, inner: Bounded) -> None:  # noqa: D107 - shares the inner pattern's compiled forms
        self.pattern = inner.pattern
        self._compiled = inner._compiled
        self._search = inner.search
        self._found: dict[str, Match | None] = {}

    def search(self, text: str, pos: int = 0) -> Match | None:
        if pos:
            return self._search(text, pos)
        if text not in self._found:
            self._found[text] = self._search(text)
        return self._found[text]


_LEADING_FLAGS = re_cache.compile(r"\(\?([aiLmsux]+)\)")
# What could refer to a group by number or name (back-reference, conditional): joined, it would
# point at another pattern's group. Over-cautious on purpose (an escaped backslash before a digit).
_REFERS_TO_GROUP = re_cache.compile(r"\\[1-9]|\(\?P=|\(\?\(")


# A pattern's required strings are listed at most this many (an alternation of more is tested by its regex alone).
REQUIRED_MAX = 256


@re_cache.remembered
def required(pattern: str) -> frozenset[str] | None:
    """Strings of which every match of ``pattern`` contains at least one; None when none are known.

    Read off the parse tree: a sequence needs whatever any one of its items needs (the longest
    run of literal characters, else the strongest item), an alternation the union of its
    branches', a repeat at least once what its item needs. Case folding (``required_ignoring_case``
    has those), scoped flags and anything not modelled give None, so the set is always a necessary
    condition: a text holding none of them cannot match, and need not be searched.
    """
    try:
        parsed: Any = _sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - not parsed, nothing known
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    return _required(list(parsed))


def _required(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    options: list[frozenset[str]] = []
    run = ""
    for op, argument in items:
        if str(op) == "LITERAL":
            run += chr(argument)
            continue
        if run:
            options.append(frozenset({run}))
            run = ""
        found = _required_item(str(op), argument)
        if found is not None:
            options.append(found)
    if run:
        options.append(frozenset({run}))
    # the strongest: longest shortest string, then fewest strings
    return max(options, key=lambda strings: (min(map(len, strings)), -len(strings)), default=None)


def _required_item(name: str, argument: Any) -> frozenset[str] | None:
    if name == "IN":
        members = _literals(argument)
        return None if not members else frozenset(members)
    if name == "SUBPATTERN":
        return None if argument[1] or argument[2] else _required(list(argument[-1]))
    if name == "ATOMIC_GROUP":
        return _required(list(argument))
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return _required(list(argument[2])) if argument[0] >= 1 else None
    if name == "BRANCH":
        union: set[str] = set()
        for branch in argument[1]:
            found = _required(list(branch))
            if found is None:
                return None
            union |= found
        return frozenset(union) if len(union) <= REQUIRED_MAX else None
    return None


@re_cache.remembered
def required_ignoring_case(pattern: str) -> frozenset[str] | None:
    """``required`` for a pattern that ignores case (``(?i)www\\.…``): strings of which every match holds
    one once ``str.lower`` has been applied to both; None for a pattern that heeds case, or when that is
    not sure.

    Sure only for strings made of characters every case-insensitive match of which ``lower`` turns into
    the string's own: those without case, which ``re`` matches only as themselves (``_sre.unicode_iscased``
    is how ``re`` tells), and ASCII letters but i, k and s (ı, İ, ſ and the Kelvin sign match those:
    tests/test_patterns.py checks every code point). A character ``lower`` lengthens (İ) lies outside
    the matched string, so the folded text still holds it.
    """
    try:
        parsed: Any = _sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - not parsed, nothing known
        return None
    if not parsed.state.flags & re.IGNORECASE:
        return None
    found = _required(list(parsed))
    if found is None or not all(_folds_alike(char) for string in found for char in string):
        return None
    return frozenset(string.lower() for string in found)


def _folds_alike(char: str) -> bool:
    """Whether ``lower`` turns every character a case-insensitive ``re`` matches for ``char`` into ``char.lower()``."""
    return not _sre.unicode_iscased(ord(char)) or (char.isascii() and char.lower() not in "iks")


@lru_cache(maxsize=1024)
def holds_required(pattern: str) -> Callable[[str], bool] | None:
    """A test a text must pass for ``pattern`` to match in it (it holds one of the ``required`` strings); None when none is known."""
    needed = required(pattern)
    if needed is not None:
        return _holds_any(needed)
    folded = required_ignoring_case(pattern)
    return None if folded is None else _holds_any(folded, lowered=True)


def _holds_any(strings: frozenset[str], lowered: bool = False) -> Callable[[str], bool]:
    """A test of whether a text holds any of ``strings`` (with ``lowered``, once ``str.lower`` has been applied to
    it): a few ``in`` tests, or one Aho–Corasick scan."""
    if len(strings) <= 4:
        listed = tuple(strings)
        if lowered:
            return lambda text: any(string in text.lower() for string in listed)
        return lambda text: any(string in text for string in listed)
    from checker.common import automaton as automata

    automaton = automata.of(strings)

    def holds(text: str) -> bool:
        for _ in automaton.iter(text.lower() if lowered else text):
            return True
        return False

    return holds


def any_of(sources: list[str]) -> Callable[[str], bool]:
    """A test of whether any of ``sources`` (checklist regexes) occurs in a text.

    One bounded search of their alternation instead of one search each: a report's sentences are
    each asked about a dozen time-scope cues, its paragraphs about every residue pattern. A
    pattern's leading inline flags (``(?i)www…``) are scoped to its own branch. Patterns that
    refer to a group, or whose alternation does not compile in ``re`` (a group name repeats), are
    searched one by one. The patterns whose required strings are known (``required``, or
    ``required_ignoring_case``) are searched only in a text that holds one of those strings (one
    Aho–Corasick scan): most sentences hold none. They are joined in groups: the proven-linear
    ones, which run on ``re`` (joined, or one by one where their joined bound is too large), apart
    from those that need the time limit, so that a paragraph with one of the linear patterns' words
    ("修改") is not searched under the limit, which is what made a single check import ``regex``;
    and the case-insensitive ones apart from both. The rest are joined and run bounded, like their parts.
    """
    return _any_of(tuple(sources))


@lru_cache(maxsize=256)
def _any_of(sources: tuple[str, ...]) -> Callable[[str], bool]:
    """``any_of``, built once per list of patterns: a check asks for the same list on every report."""
    each = [compile(source) for source in sources]
    if not sources or any(_REFERS_TO_GROUP.search(source) for source in sources):
        return lambda text: any(pattern.search(text) for pattern in each)
    groups: dict[tuple[bool, bool], list[str]] = {}  # (lowered, linear) → the patterns of that kind
    needs: dict[tuple[bool, bool], frozenset[str]] = {}
    rest = []
    for source in sources:
        needed, lowered = required(source), False
        if needed is None:
            needed, lowered = required_ignoring_case(source), True
        kind = (lowered, linear_bound(source) is not None)
        if needed is None or len(needs.get(kind, frozenset()) | needed) > REQUIRED_MAX:
            rest.append(source)
            continue
        groups.setdefault(kind, []).append(source)
        needs[kind] = needs.get(kind, frozenset()) | needed
    searched: dict[tuple[bool, bool], Callable[[str], bool]] = {}
    for kind, members in groups.items():
        found = _alternation(members, each_on_re=kind[1])
        if found is None:
            break
        searched[kind] = found
    others = _alternation(rest)
    if others is None or len(searched) < len(groups):  # an alternation that does not compile: one by one
        return lambda text: any(pattern.search(text) for pattern in each)
    tests = [test for lowered in (False, True) if (test := _prefiltered(lowered, needs, searched)) is not None]
    if rest:
        tests.append(others)
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        first, second = tests
        return lambda text: first(text) or second(text)
    return lambda text: any(test(text) for test in tests)


def _prefiltered(
    lowered: bool, needs: dict[tuple[bool, bool], frozenset[str]], searched: dict[tuple[bool, bool], Callable[[str], bool]]
) -> Callable[[str], bool] | None:
    """The test of ``any_of``'s proven-linear and guarded groups of one kind (heeding case, or ``lowered``), behind
    the prefilter of all their required strings: one scan for the text that holds none, as most do; the guarded
    group is searched only in a text that holds one of its own strings. None when the kind has neither."""
    linear, guarded = (lowered, True), (lowered, False)
    if linear in searched and guarded in searched:
        holds_any, holds_guarded = _holds_any(needs[linear] | needs[guarded], lowered), _holds_any(needs[guarded], lowered)
        on_re, bounded = searched[linear], searched[guarded]
        return lambda text: holds_any(text) and (on_re(text) or (holds_guarded(text) and bounded(text)))
    kind = linear if linear in searched else guarded if guarded in searched else None
    if kind is None:
        return None
    holds, search = _holds_any(needs[kind], lowered), searched[kind]
    return lambda text: holds(text) and search(text)


def _alternation(sources: list[str], each_on_re: bool = False) -> Callable[[str], bool] | None:
    """The bounded test of ``sources``' alternation (none of them: never true); None when it does not compile in ``re``.

    ``each_on_re``: the sources are proven linear, so each runs on ``re``; their alternation too, unless its
    bound (the sum of theirs, times its longest match) is past ``linear_bound``'s, when they are searched one by one.
    """
    branches = []
    for source in sources:
        flags = _LEADING_FLAGS.match(source)
        branches.append(f"(?{flags.group(1)}:{source[flags.end():]})" if flags else f"(?:{source})")
    if not branches:
        return lambda text: False
    joined = "|".join(branches)
    try:
        re_cache.compile(joined)
    except re.error:
        return None
    if each_on_re and linear_bound(joined) is None:
        linear = [compile(source) for source in sources]
        return lambda text: any(pattern.search(text) for pattern in linear)
    return _joined(compile(joined), [compile(source) for source in sources])


def _joined(together: Bounded, each: list[Bounded]) -> Callable[[str], bool]:
    """The alternation's test; should it time out, the patterns one by one, so that a warning names
    the checklist's own pattern and not the alternation rolcheck built."""

    def test(text: str) -> bool:
        if together.pattern not in _disabled:
            found = together.search(text)
            if together.pattern not in _disabled:
                return found is not None
            _timed_out.remove(together.pattern)
        return any(pattern.search(text) for pattern in each)

    return test


@lru_cache(maxsize=4096)
def compile(pattern: str, flags: int = 0) -> Bounded:  # noqa: A001 - the name says what it replaces
    """The bounded form of ``pattern`` (raises ``regex.error`` if it does not compile: validate with ``problem`` first)."""
    return Bounded(pattern, flags)


def begin_report() -> None:
    """Forget the timeouts of the previous report: every pattern gets its chance on each report."""
    _disabled.clear()
    _timed_out.clear()
    _spent[0] = 0.0


def over_budget() -> bool:
    """Whether this report's checklist searches used up ``REPORT_SECONDS`` (the rest were skipped)."""
    return _spent[0] > REPORT_SECONDS


def timed_out() -> list[str]:
    """The patterns that hit the time limit on this report, in the order they did."""
    return list(_timed_out)


def _probes(pattern: str) -> Iterator[str]:
    """Texts that make a backtracking pattern explode: runs of each of its literal characters, then a character it cannot end on."""
    seen = dict.fromkeys(char for char in pattern if char.isalnum() or ord(char) > 127)
    for char in list(seen)[:8] or ["a"]:
        yield char * PROBE_CHARS + "\x00"
        yield (char + " ") * (PROBE_CHARS // 2) + "\x00"


def problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot be a checklist regex (in Chinese, for the checklist author), or None."""
    if len(pattern) > MAX_PATTERN_CHARS:
        return f"正则表达式过长（{len(pattern)} 个字符，上限 {MAX_PATTERN_CHARS}）"
    try:
        # The checklist dialect is Python's ``re`` (docs/checklist-format.md): ``regex`` alone would
        # also accept, say, variable-width lookbehind, which other tools reading a checklist refuse.
        re.compile(sample_years(pattern))
        compiled = _regex().compile(sample_years(pattern))
    except (re.error, _regex().error, ValueError, OverflowError, RecursionError) as exc:
        return f"正则表达式无效（{exc}）"
    for probe in _probes(pattern):
        try:
            compiled.search(probe, timeout=PROBE_SECONDS)
        except TimeoutError:
            return "正则表达式会灾难性回溯（如 (a+)+ 这类嵌套重复），在长句上无法在限定时间内完成；请改写为不嵌套的重复"
    return None
