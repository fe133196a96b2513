"""What a reader hands on: numbered source lines, the one input every later stage knows.

Kept apart from the readers so that the normaliser and the readers themselves import these types
without importing the dispatcher (``readers``), which imports every reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

# Files over this size are refused before they are read (``--max-size`` changes it).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class SourceLine(NamedTuple):  # a NamedTuple: cheap to create at start-up (see checker/checklist/model.py)
    """One line of the original file (a paragraph for Word), its page where the format has pages,
    and a heading level where the format declares one (Markdown ``#``, HTML ``<h2>``, Word heading styles)."""

    number: int
    text: str
    heading_level: int | None = None
    page: int | None = None
    list_item: bool = False  # a Markdown bullet: the outline counts it as an item, like 一是


# The kinds of draft mark a reader can find in a word-processor file.
DRAFT_KINDS = {
    "insertion": "未接受的修订（插入）",
    "deletion": "未接受的修订（删除）",
    "comment": "批注",
    "hidden": "隐藏文字",
}


class DraftMark(NamedTuple):
    """Something a draft still holds that the sent copy should not: a tracked change, a comment, hidden text.

    Readers only say what they found and where (``line`` in the unit of the text's line numbers,
    None when the format does not tell); a rule turns the marks into findings.
    """

    kind: str  # a key of DRAFT_KINDS
    text: str  # the changed, commented or hidden text (cut short)
    line: int | None


@dataclass(frozen=True)
class SourceText:
    """A whole report as read: its path, its format name, what its line numbers count, and its lines.

    ``checked_text`` says which version of a document with tracked changes the lines are
    ("accepted": insertions kept, deletions dropped); ``ocr`` is set when the lines were
    recognised from page images, so every output can say its quotes may hold recognition errors.
    """

    path: Path
    format: str
    lines: list[SourceLine]
    line_unit: str = "line"  # "line", or "paragraph" for formats without lines (Word)
    drafts: tuple[DraftMark, ...] = ()
    checked_text: str | None = None
    ocr: bool = False
    title: str | None = None  # a title the file's own metadata declares (OFD), when it has one
    notes: tuple[str, ...] = ()  # how the file was read, when the user should know (OCR, a fallback): shown as warnings
    digest: str = ""  # SHA-256 of the file as read: a renderer that reopens the file knows it is the same one
