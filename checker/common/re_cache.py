"""Compiled patterns (``re`` and ``regex``) kept once per machine instead of compiled once per process.

Why: ``re`` compiles in Python, and a class over the CJK ideographs is filled one code point at a
time (20,992 steps for ``[\\u4e00-\\u9fff]``), so a single check spent about a sixth of its CPU
compiling the 150-odd patterns it uses (docs/performance.md, Target 3). A compiled pattern cannot
be pickled (pickling compiles it again from its source), but what ``re`` hands to its C engine
is a plain list of integers, and ``_sre.compile`` takes that list back. The ``regex`` package,
which runs the checklist patterns not proven linear (under a timeout, checker/common/patterns.py),
compiles in Python too (0.5 ms a pattern); it pickles a pattern as the arguments of its C
constructor (registered with ``copyreg``), and those are kept the same way. This module keeps them
in a file beside its own bytecode, the way Python keeps ``.pyc`` files:

- the file is read on the first ``compile`` of a process and written at exit when something new
  was compiled, atomically (a temporary file, then ``os.replace``), never when Python was told
  not to write bytecode (``-B``, ``PYTHONDONTWRITEBYTECODE``) or where it cannot write;
- it is stamped with the interpreter's version and the engine's ``_sre.MAGIC``, and a ``regex``
  entry with the package's version; another stamp, an unreadable file or an entry the engine
  refuses (``_sre`` checks every program it is given) means compiling as usual;
- a pattern built from the cache equals the one ``re.compile`` builds (``Pattern.__eq__``
  compares the programs), and a ``regex`` one pickles to the same data as a fresh compile
  (tests/test_re_cache.py asserts both for every pattern a check uses). ``regex`` patterns that
  depend on the locale (``LOCALE``) are never kept;
- ``remembered`` keeps what a function reads off a pattern's parse tree (whether a checklist
  pattern is proven linear, which strings its matches hold), keyed by a digest of that
  function's module source.

It relies on the ``re`` package's private parser and code generator (``_parser.parse``,
``_compiler._code``, ``_sre.compile``), unchanged from Python 3.10 to 3.13; anything unexpected
falls back to ``re.compile``. Like a ``.pyc``, whoever can write the file can change what a
pattern matches: it lives where the package's bytecode lives (docs/security.md).
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import marshal
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import _sre  # type: ignore[import-not-found]  # re's C engine: no stubs

if sys.version_info >= (3, 11):
    from re import _compiler as _sre_compile, _parser as _sre_parse  # type: ignore[attr-defined]
else:  # pragma: no cover - Python 3.10
    import sre_compile as _sre_compile
    import sre_parse as _sre_parse

# What a file must have been written by: another interpreter or engine compiles differently.
STAMP = (1, sys.version, _sre.MAGIC)
# A checklist author's patterns accumulate; past this many, a run keeps only those it used.
MAX_ENTRIES = 2000

T = TypeVar("T")
Key = tuple[str, str, int]
# (engine, pattern, flags) → _sre.compile's other arguments ("re"), or regex's constructor's ("regex <version>")
_entries: dict[Key, tuple[Any, ...]] | None = None
_used: set[Key] = set()
_added = [False]


def location() -> Path | None:
    """The cache file, beside this module's bytecode (None where Python keeps no bytecode)."""
    import importlib.util

    try:
        return Path(importlib.util.cache_from_source(__file__)).with_suffix(".patterns")
    except NotImplementedError:  # sys.implementation.cache_tag is None
        return None


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - the name says what it replaces
    """``re.compile(pattern, flags)``, from the cache when an earlier run compiled it."""
    flags = int(flags)
    key = ("re", pattern, flags)
    entries = _loaded()
    _used.add(key)
    found = entries.get(key)
    if found is not None:
        try:
            compiled: re.Pattern[str] = _sre.compile(pattern, *found)
            return compiled
        except (TypeError, ValueError, RuntimeError, OverflowError):  # not a program this engine takes
            del entries[key]
    arguments = _arguments(pattern, flags)
    if arguments is None:
        return re.compile(pattern, flags)
    _add(key, arguments)
    compiled = _sre.compile(pattern, *arguments)
    return compiled


def compile_regex(pattern: str, flags: int = 0) -> Any:
    """``regex.compile(pattern, flags)`` (a ``regex.Pattern``), rebuilt from the cache when an earlier run compiled it."""
    import copyreg

    import regex
    from regex import _regex

    build = _regex.compile  # type: ignore[attr-defined]  # the constructor regex's pickling names; the stubs omit it
    flags = int(flags)
    key = (f"regex {regex.__version__}", pattern, flags)
    entries = _loaded()
    _used.add(key)
    found = entries.get(key)
    if found is not None:
        try:
            return build(*found)
        except Exception:  # noqa: BLE001 - arguments this build refuses, whatever it raises: compile as usual
            del entries[key]
    compiled = regex.compile(pattern, flags)
    reduced = copyreg.dispatch_table.get(type(compiled))
    if reduced is not None and not compiled.flags & regex.LOCALE:
        reduction: Any = reduced(compiled)
        constructor, arguments = reduction[:2]
        if constructor is build:
            _add(key, tuple(arguments))
    return compiled


def remembered(function: Callable[[str], T]) -> Callable[[str], T]:
    """``function`` of a pattern, kept with the compiled patterns: for what is read off a pattern's parse
    tree (``patterns.linear_bound``), which otherwise costs a parse per pattern and process.

    Its values are keyed by a digest of the source of the module that defines ``function``, so any
    edit to that module forgets them; a module without its source is not remembered.
    """
    try:
        source = Path(sys.modules[function.__module__].__file__ or "").read_bytes()
    except (OSError, KeyError):
        return function
    engine = f"{function.__module__}.{function.__qualname__} {hashlib.sha256(source).hexdigest()}"

    @functools.wraps(function)
    def lookup(pattern: str) -> T:
        key = (engine, pattern, 0)
        entries = _loaded()
        _used.add(key)
        if key in entries:
            value: T = entries[key][0]
            return value
        found = function(pattern)
        _add(key, (found,))
        return found

    return lookup


def _add(key: Key, arguments: tuple[Any, ...]) -> None:
    """Keep a newly compiled pattern, to be written at exit."""
    _loaded()[key] = arguments
    if not _added[0]:
        _added[0] = True
        atexit.register(save)


def _arguments(pattern: str, flags: int) -> tuple[Any, ...] | None:
    """What ``re``'s compiler passes to ``_sre.compile`` after the source (None: leave it to ``re``)."""
    if flags & re.DEBUG:
        return None
    try:
        parsed = _sre_parse.parse(pattern, flags)
        code = [int(word) for word in _sre_compile._code(parsed, flags)]  # type: ignore[attr-defined]  # opcodes: int subclasses marshal refuses
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - a private API changed shape: compile the ordinary way
        return None
    names = dict(parsed.state.groupdict)
    by_number: list[str | None] = [None] * parsed.state.groups
    for name, number in names.items():
        by_number[number] = name
    return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, names, tuple(by_number))


def _loaded() -> dict[Key, tuple[Any, ...]]:
    global _entries
    if _entries is None:
        _entries = read(location())
    return _entries


def read(path: Path | None) -> dict[Key, tuple[Any, ...]]:
    """The entries of the cache file at ``path``; empty when it is missing, unreadable or stamped otherwise."""
    if path is None:
        return {}
    try:
        stamp, entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if stamp == STAMP and isinstance(entries, dict) else {}


def save(path: Path | None = None) -> None:
    """Write what this process compiled (and what the file held) back, unless Python writes no bytecode."""
    target = path or location()
    if target is None or sys.dont_write_bytecode or _entries is None:
        return
    entries = {**read(target), **_entries}
    if len(entries) > MAX_ENTRIES:
        entries = {key: value for key, value in entries.items() if key in _used}
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(exist_ok=True)
        temporary.write_bytes(marshal.dumps((STAMP, entries)))
        os.replace(temporary, target)
    except (OSError, ValueError):  # a read-only install (or an entry marshal refuses): every run compiles, as before
        temporary.unlink(missing_ok=True)
