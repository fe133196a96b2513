"""Giving freed memory back to the system, for the processes that keep running after a large read."""

from __future__ import annotations

import sys


def return_freed_memory() -> None:
    """Hand the memory a C parser freed back to the system (glibc's ``malloc_trim``; nothing elsewhere).

    libxml2 (web pages, Word, OFD) builds its tree with ``malloc``; freed, those pages stay in the
    process, where Python's own allocator, which takes its memory in separate blocks, never reuses
    them. On a 20 MB web page that was 100 MB kept for nothing through the whole check, enough to
    take its peak past 300 MB (docs/performance.md). The PDF helper (bounded.py) trims after a call
    that left it holding more than ``TRIM_ABOVE``, for the same reason: it is kept alive while the checker
    works on its answer.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)  # the C library the interpreter runs on
    if trim is not None:
        trim(0)
