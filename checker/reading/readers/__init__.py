"""Readers turn a report file into ``SourceLine`` objects, the one input the rest of the pipeline knows.

A reader is chosen by what the bytes are, then by the file's extension: reports arrive as
saved web pages named ``.txt``, Word files renamed by a mail client, PDFs with the wrong
suffix. Each reader keeps the original location of every line it yields (a line of the file,
a Word paragraph, a PDF page), so evidence can point where the user looks.

The readers for HTML, Word, WPS, OFD and PDF import their libraries only when such a file
arrives, so checking a text report never pays for lxml, python-docx, wps2md or PDFium.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import replace
from pathlib import Path

from checker.common import files
from checker.common.errors import InputError
from checker.common.memory import return_freed_memory
from checker.reading.source import DEFAULT_MAX_BYTES, SourceText

MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
# Every extension a reader accepts: what a folder search looks for (checker.run.discovery).
STDIN = "-"  # the path that means standard input
# What a folder search picks up; images (.png, .jpg) are read when named, never picked up: report folders hold logos too.
REPORT_SUFFIXES = frozenset({".txt", ".text", ".docx", ".doc", ".wps", ".ofd", ".pdf", *MARKDOWN_SUFFIXES, *HTML_SUFFIXES})

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc and .wps from older Word and WPS
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # photographs and scans of pages
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg"}
# A saved web page starts (after a BOM, blank lines and comments) with one of these tags.
_HTML_START = re.compile(rb"^(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_TAG = re.compile(rb"<[a-zA-Z!/]")


def detect(data: bytes, path: Path) -> str:
    """The format of ``data``: ``pdf``, ``docx``, ``ofd``, ``doc``, ``wps``, ``image``, ``html``, ``markdown`` or ``text``.

    The content decides first, because the extension is often wrong for files saved from a
    browser or a mail client; the extension decides only between the text formats. A file
    whose extension promises a format its bytes do not have is refused rather than read as
    garbage text.
    """
    suffix = path.suffix.lower()
    if data.startswith(PDF_MAGIC) or (suffix == ".pdf" and PDF_MAGIC in data[:1024]):
        return "pdf"  # the spec allows junk before the header; readers look in the first KB
    if data.startswith(ZIP_MAGIC):
        return "ofd" if _zip_holds(data, "OFD.xml") else "docx"  # the Word reader refuses other ZIP files
    if data.startswith(OLE_MAGIC):
        return "wps" if suffix == ".wps" else "doc"  # one binary format; the name only says which program wrote it
    if data.startswith(IMAGE_MAGIC) and suffix in IMAGE_SUFFIXES:
        return "image"  # an image under a text name is binary data to refuse, not a page to recognise
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


def _zip_holds(data: bytes, name: str) -> bool:
    """Whether the ZIP archive ``data`` lists a member ``name`` (its directory only: nothing is inflated)."""
    import io
    import zipfile

    try:
        return name in zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, NotImplementedError):
        return False


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
        data = files.read_limited(path, max_bytes)  # regular files only: a FIFO or /dev/zero would never end
    except FileNotFoundError:
        raise InputError(f"{path}: 文件不存在") from None
    except files.NotReadable as why:
        hint = "；如确需检查，请用 --max-size 调高上限" if str(why).startswith("文件过大") else ""
        raise InputError(f"{path}: {why}{hint}") from None
    if not data.strip():
        raise InputError(f"{path}: 文件为空，没有可检查的文字")
    return _checked(_read(data, path, detect(data, path)), path, data)


def _checked(source: SourceText, path: Path, data: bytes) -> SourceText:
    if source.format not in ("text", "markdown"):
        return_freed_memory()
    if not any(line.text.strip() for line in source.lines):
        raise InputError(f"{path}: 文件为空，没有可检查的文字")
    return replace(source, digest=hashlib.sha256(data).hexdigest())


def _read(data: bytes, path: Path, kind: str) -> SourceText:
    """Hand ``data`` to the reader for ``kind``; each import stays inside its branch (start-up time)."""
    if kind == "pdf":
        from checker.reading.readers import pdf

        try:
            return SourceText(path, "pdf", pdf.lines(data, path))
        except pdf.ScannedPDF:
            from checker.reading.readers import ocr

            pdf.release()
            return SourceText(path, "pdf", ocr.pdf_lines(data, path), ocr=True, notes=(ocr.NOTE,))
    if kind == "docx":
        from checker.reading.readers import docx

        lines, drafts = docx.read(data, path)
        return SourceText(path, "docx", lines, line_unit="paragraph", drafts=drafts, checked_text="accepted" if drafts else None)
    if kind in ("doc", "wps"):
        from checker.reading.readers import legacy_word

        lines, drafts = legacy_word.read(data, path)
        return SourceText(path, kind, lines, line_unit="paragraph", drafts=drafts, checked_text="accepted" if drafts else None)
    if kind == "ofd":
        from checker.reading.readers import ofd

        document = ofd.read(data, path)
        return SourceText(path, "ofd", document.lines, title=document.title)
    if kind == "image":
        from checker.reading.readers import ocr

        return SourceText(path, "image", ocr.image_lines(data, path), ocr=True, notes=(ocr.NOTE,))
    from checker.reading.readers import text

    decoded = text.decode(data, path)
    if kind == "html":
        from checker.reading.readers import html

        lines, drafts, notes = html.read(decoded, path)
        return SourceText(path, "html", lines, drafts=drafts, checked_text="accepted" if drafts else None, notes=notes)
    if kind == "markdown":
        from checker.reading.readers import markdown

        return SourceText(path, "markdown", markdown.lines(decoded))
    return SourceText(path, "text", text.lines(decoded))
