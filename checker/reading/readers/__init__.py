"""Readers turn a report file into ``SourceLine`` objects, the one input the rest of the pipeline knows.

A reader is chosen by what the bytes are, then by the file's extension: reports arrive as
saved web pages named ``.txt``, Word files renamed by a mail client, PDFs with the wrong
suffix. Each reader keeps the original location of every line it yields (a line of the file,
a Word paragraph, a PDF page), so evidence can point where the user looks.

The readers for HTML, Word and PDF import their libraries only when such a file arrives, so
checking a text report never pays for lxml, python-docx or pdfminer.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import replace
from pathlib import Path

from checker.common.errors import InputError
from checker.reading.source import DEFAULT_MAX_BYTES, SourceText

MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
# Every extension a reader accepts: what a folder search looks for (checker.run.discovery).
STDIN = "-"  # the path that means standard input
REPORT_SUFFIXES = frozenset({".txt", ".text", ".docx", ".pdf", *MARKDOWN_SUFFIXES, *HTML_SUFFIXES})

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc and .wps from older Word and WPS
# A saved web page starts (after a BOM, blank lines and comments) with one of these tags.
_HTML_START = re.compile(rb"^(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_TAG = re.compile(rb"<[a-zA-Z!/]")


def detect(data: bytes, path: Path) -> str:
    """The format of ``data``: ``pdf``, ``docx``, ``html``, ``markdown`` or ``text``.

    The content decides first, because the extension is often wrong for files saved from a
    browser or a mail client; the extension decides only between the text formats. A file
    whose extension promises a format its bytes do not have is refused rather than read as
    garbage text.
    """
    suffix = path.suffix.lower()
    if data.startswith(PDF_MAGIC) or (suffix == ".pdf" and PDF_MAGIC in data[:1024]):
        return "pdf"  # the spec allows junk before the header; readers look in the first KB
    if data.startswith(ZIP_MAGIC):
        return "docx"  # the Word reader refuses ZIP files that are not Word documents
    if data.startswith(OLE_MAGIC):
        raise InputError(f"{path}: 是旧版 Word/WPS 二进制文档（.doc/.wps），无法直接读取；请用 Word 或 WPS 另存为 .docx 后再检查")
    if suffix == ".pdf":
        raise InputError(f"{path}: 扩展名是 .pdf，但内容不是 PDF（缺少 %PDF 文件头）；请确认文件是否下载完整或被改了扩展名")
    if suffix == ".docx":
        raise InputError(f"{path}: 扩展名是 .docx，但内容不是 Word 文档（不是 ZIP 格式）；请确认文件是否完整或被改了扩展名")
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head) or _HTML_START.match(_utf16_head(head)):
        return "html"
    if suffix in HTML_SUFFIXES and _TAG.search(head + _utf16_head(head)):
        return "html"  # a fragment saved as .html; without any tag it is plain text, whatever its name
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


def _utf16_head(head: bytes) -> bytes:
    """The start of a UTF-16 file as ASCII-compatible bytes, so a page saved as Unicode by Windows is still seen as HTML."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
    return b""


def read_report(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read ``path`` into lines, raising ``InputError`` with a one-line message for anything unreadable.

    Files over ``max_bytes`` are refused before they are read, so one stray archive in a batch
    cannot exhaust memory. ``-`` is standard input (``type 报告.txt | rolcheck check -``), read
    up to the same limit.
    """
    if str(path) == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"标准输入：内容超过上限 {max_bytes / 1048576:.0f} MB；如确需检查，请用 --max-size 调高上限")
        if not data.strip():
            raise InputError("标准输入：没有读到任何文字（请用管道或重定向提供报告，如 rolcheck check - < 报告.txt）")
        return _checked(_read(data, path, detect(data, path)), path, data)
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
    if not data.strip():
        raise InputError(f"{path}: 文件为空，没有可检查的文字")
    return _checked(_read(data, path, detect(data, path)), path, data)


def _checked(source: SourceText, path: Path, data: bytes) -> SourceText:
    if not any(line.text.strip() for line in source.lines):
        raise InputError(f"{path}: 文件为空，没有可检查的文字")
    return replace(source, digest=hashlib.sha256(data).hexdigest())


def _read(data: bytes, path: Path, kind: str) -> SourceText:
    """Hand ``data`` to the reader for ``kind``; each import stays inside its branch (start-up time)."""
    if kind == "pdf":
        from checker.reading.readers import pdf

        return SourceText(path, "pdf", pdf.lines(data, path))
    if kind == "docx":
        from checker.reading.readers import docx

        return SourceText(path, "docx", docx.lines(data, path), line_unit="paragraph")
    from checker.reading.readers import text

    decoded = text.decode(data, path)
    if kind == "html":
        from checker.reading.readers import html

        return SourceText(path, "html", html.lines(decoded, path))
    if kind == "markdown":
        from checker.reading.readers import markdown

        return SourceText(path, "markdown", markdown.lines(decoded))
    return SourceText(path, "text", text.lines(decoded))
