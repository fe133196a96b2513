"""What a reader hands on: numbered source lines, the one input every later stage knows.

Kept apart from the readers so that the normaliser and the readers themselves import these types
without importing the dispatcher (``readers``), which imports every reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Files over this size are refused before they are read (``--max-size`` changes it).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class SourceLine:
    """One line of the original file (a paragraph for Word), its page where the format has pages,
    and a heading level where the format declares one (Markdown ``#``, HTML ``<h2>``, Word heading styles)."""

    number: int
    text: str
    heading_level: int | None = None
    page: int | None = None
    list_item: bool = False  # a Markdown bullet: the outline counts it as an item, like 一是


@dataclass(frozen=True)
class SourceText:
    """A whole report as read: its path, its format name, what its line numbers count, and its lines."""

    path: Path
    format: str
    lines: list[SourceLine]
    line_unit: str = "line"  # "line", or "paragraph" for formats without lines (Word)
    digest: str = ""  # SHA-256 of the file as read: a renderer that reopens the file knows it is the same one
