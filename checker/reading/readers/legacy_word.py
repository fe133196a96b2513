"""Word 97–2003 (.doc) and Kingsoft WPS Writer (.wps) binaries, read with wps2md (pure Python, on olefile).

Both are OLE2 compound files holding a ``WordDocument`` stream (WPS writes the same binary
format as Word). wps2md walks the paragraph properties (PAPX) in document order and gives each
paragraph its text and style index; we number paragraphs from 1 as the .docx reader does, so a
location is again "第 N 段". Style indexes 1–9 are Word's built-in Heading 1–9 (标题 1–9) and
become levels 2–10 on the Markdown scale exactly as in .docx (Heading N → N + 1).

Automatic list numbers are rendered from the list tables (legacy_word_numbering.py), as for
.docx. What is lost compared with .docx (docs/input-formats.md): numbering that comes from a
paragraph's style rather than the paragraph itself; text boxes, headers and footers are not read. Tracked insertions and deletions and hidden text are
found from the character properties (legacy_word_marks.py) and exposed as draft marks, with the
paragraph they stand in; the text read is the accepted one (deleted runs removed). Comments (批注)
are draft marks without a paragraph.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

from checker.common.errors import InputError
from checker.reading.readers.legacy_word_marks import marks as run_marks
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
    word, table = _streams(data)
    numbering = LegacyNumbering(word, table)
    paragraphs = document.paragraphs or [wps2md.Paragraph(0, text) for text in document.main_text.split("\n")]
    texts = [paragraph.text for paragraph in paragraphs]
    marks: list[DraftMark] = []
    at = 0
    for kind, text in run_marks(word, table):
        snippet = _clean(text)
        found = next((i for i in range(at, len(texts)) if snippet and snippet in texts[i]), None)
        if found is None:
            marks.append(DraftMark(kind, _short(snippet), None))
            continue
        at = found
        marks.append(DraftMark(kind, _short(snippet), found + 1))
        if kind == "deletion":  # the accepted text: what a tracked deletion struck out is not read
            texts[found] = texts[found].replace(snippet, "", 1)
    result: list[SourceLine] = []
    for number, (paragraph, text) in enumerate(zip(paragraphs, texts), start=1):
        if paragraph.is_row_end:
            continue  # the row terminator repeats the row's cells
        level = paragraph.istd + 1 if paragraph.istd in _HEADING_ISTD and not paragraph.in_table else None
        label = numbering.label(paragraph.ilfo, paragraph.ilvl) if paragraph.ilfo and not paragraph.in_table and text else ""
        for piece in (label + text).replace("\t", "\n" if paragraph.in_table else "\t").split("\n"):
            result.append(SourceLine(number, piece, level if piece.strip() else None))
    if document.annotations.strip():
        marks.append(DraftMark("comment", _short(document.annotations), None))
    return result, tuple(marks)


def _clean(text: str) -> str:
    """A run's text as wps2md cleans paragraph text (spaces collapsed, field marks removed), to find it there."""
    return " ".join(re.sub(r"[\x00-\x08\x13-\x15\x0b\x0c\x0e-\x1f]", "", text).split())


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

def _streams(data: bytes) -> tuple[bytes, bytes]:
    """The WordDocument and table streams (wps2md reads them but does not hand them on): lists and run properties."""
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
    except Exception:  # the text was read; tables olefile cannot open only cost the labels and the marks
        return b"", b""
    return word, table
