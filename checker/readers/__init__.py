"""Readers turn a report file into ``SourceLine`` objects, the one input the rest of the pipeline knows.

A reader is chosen by what the bytes are, then by the file's extension. Each reader keeps
the original line number of every line it yields, so evidence can point where the user looks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.errors import InputError


@dataclass(frozen=True)
class SourceLine:
    """One line of the original file (a paragraph for Word), its page where the format has pages,
    and a heading level where the format declares one (Markdown ``#``, Word heading styles)."""

    number: int
    text: str
    heading_level: int | None = None
    page: int | None = None


@dataclass(frozen=True)
class SourceText:
    """A whole report as read: its path, its format name, what its line numbers count, and its lines."""

    path: Path
    format: str
    lines: list[SourceLine]
    line_unit: str = "line"  # "line", or "paragraph" for formats without lines (Word)

    def page_of(self) -> dict[int, int]:
        """Page of each line number, for formats that have pages."""
        return {line.number: line.page for line in self.lines if line.page is not None}


MARKDOWN_SUFFIXES = {".md", ".markdown"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def read_report(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read ``path`` into lines, raising ``InputError`` with a one-line message for anything unreadable.

    Files over ``max_bytes`` are refused before they are read, so one stray archive in a batch
    cannot exhaust memory.
    """
    from checker.readers import text

    try:
        size = path.stat().st_size
        if size > max_bytes and path.is_file():
            raise InputError(
                f"{path}: 文件过大（{size / 1048576:.1f} MB，上限 {max_bytes / 1048576:.0f} MB）；如确需检查，请用 --max-size 调高上限"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: 文件不存在") from None
    except IsADirectoryError:
        raise InputError(f"{path}: 是目录，不是报告文件") from None
    except OSError as exc:
        raise InputError(f"{path}: 无法读取（{exc.strerror}）") from None
    decoded = text.decode(data, path)
    if not decoded.strip():
        raise InputError(f"{path}: 文件为空，没有可检查的文字")
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        from checker.readers import markdown  # markdown-it-py is imported only for Markdown input

        return SourceText(path, "markdown", markdown.lines(decoded))
    return SourceText(path, "text", text.lines(decoded))
