"""Word 97–2003 (.doc) and Kingsoft WPS Writer (.wps) binaries, read with wps2md (pure Python, on olefile).

Both are OLE2 compound files holding a ``WordDocument`` stream (WPS writes the same binary
format as Word). wps2md walks the paragraph properties (PAPX) in document order and gives each
paragraph its text and style index; we number paragraphs from 1 as the .docx reader does, so a
location is again "第 N 段". Style indexes 1–9 are Word's built-in Heading 1–9 (标题 1–9) and
become levels 3–10… on the Markdown scale exactly as in .docx (Heading N → N + 1).

Automatic list numbers are rendered from the list tables (legacy_word_numbering.py), as for
.docx. What is lost compared with .docx (docs/input-formats.md): numbering that comes from a
paragraph's style rather than the paragraph itself; tracked deletions still stand in the text
stream; text boxes, headers and footers are not read. Comments (批注) are seen and exposed as a
draft mark.
"""

from __future__ import annotations

import struct
from pathlib import Path

from checker.common.errors import InputError
from checker.reading.readers.legacy_word_numbering import LegacyNumbering
from checker.reading.source import DraftMark, SourceLine

# The binary's style index of the Title style is not fixed; headings are (MS-DOC sti 1–9).
_HEADING_ISTD = range(1, 10)


def read(data: bytes, path: Path) -> tuple[list[SourceLine], tuple[DraftMark, ...]]:
    """The document's paragraphs as lines numbered by paragraph, and the draft marks found (comments)."""
    import wps2md

    try:
        document = wps2md.parse(data)
    except wps2md.WpsParseError as exc:
        reason = str(exc)
        if "encrypted" in reason or "password" in reason:
            raise InputError(f"{path}: Word/WPS 文档已加密，需要密码才能打开；请提供未加密的版本") from None
        if "No WordDocument" in reason:
            raise InputError(f"{path}: 是 OLE2 复合文档，但不是 Word/WPS 文字文档（可能是 Excel 或 PowerPoint 的旧格式）") from None
        raise InputError(f"{path}: Word/WPS 文档已损坏，无法读取；请用 Word 或 WPS 打开后另存为 .docx 再检查") from None
    except Exception as exc:  # olefile, struct and index errors on damaged streams, a handful of kinds
        raise InputError(f"{path}: Word/WPS 文档已损坏或不完整（{type(exc).__name__}），可能下载中断；请重新导出或下载后再检查") from None
    numbering = _numbering(data)
    result: list[SourceLine] = []
    paragraphs = document.paragraphs or [wps2md.Paragraph(0, text) for text in document.main_text.split("\n")]
    for number, paragraph in enumerate(paragraphs, start=1):
        if paragraph.is_row_end:
            continue  # the row terminator repeats the row's cells
        level = paragraph.istd + 1 if paragraph.istd in _HEADING_ISTD and not paragraph.in_table else None
        label = numbering.label(paragraph.ilfo, paragraph.ilvl) if paragraph.ilfo and not paragraph.in_table and paragraph.text else ""
        for piece in (label + paragraph.text).replace("\t", "\n" if paragraph.in_table else "\t").split("\n"):
            result.append(SourceLine(number, piece, level if piece.strip() else None))
    marks: list[DraftMark] = []
    if document.annotations.strip():
        marks.append(DraftMark("comment", document.annotations.strip()[:80], None))
    return result, tuple(marks)


def _numbering(data: bytes) -> LegacyNumbering:
    """The document's list definitions (the streams wps2md reads, opened once more: it does not hand them on)."""
    import io

    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
        try:
            word = ole.openstream("WordDocument").read()
            which = "1Table" if struct.unpack_from("<H", word, 0x0A)[0] & 0x0200 else "0Table"  # FIB fWhichTblStm
            table = ole.openstream(which).read() if ole.exists(which) else b""
        finally:
            ole.close()
    except Exception:  # the text was read; a list table olefile cannot open only costs the labels
        return LegacyNumbering(b"", b"")
    return LegacyNumbering(word, table)
