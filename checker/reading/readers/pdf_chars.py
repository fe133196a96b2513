"""The characters of a PDF's text layer, each with its box, from PDFium (the pypdfium2 wheel bundles it).

PDFium is Chrome's PDF engine: it decodes the fonts (CID fonts that are not embedded, subset
fonts with a ToUnicode map, fonts of files encrypted with an empty password) into Unicode and
places every glyph. A report has thousands of characters and each question to PDFium is a
ctypes call, so we ask as few as the reader needs: the page's text in one call
(``FPDFText_GetText``, about thirty times cheaper than each character's Unicode on its own); for
each character its loose box (advance width by the font's ascent and descent) and whether its
glyph has Unicode; the matrix and type size once per text-showing operation, which they belong
to. The raw ``FPDFText_*`` functions are called as bare C function pointers (``_Calls``). The grouping
into lines is the reader's job (pdf.py); this module alone knows PDFium. Measured against
pdfminer.six, the library before it, in docs/input-formats.md.
"""

from __future__ import annotations

import ctypes
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import cast

from checker.common import re_cache
from checker.common.errors import InputError

# A character whose matrix turns it by more than this share is rotated (a watermark or a stamp).
SKEW_TOLERANCE = 0.05
# What a glyph whose font gives no Unicode for it becomes in the text: visibly not a character of the report.
UNMAPPED = "\ufffd"
# Form XObjects are searched for images this deep (a form drawing itself would never end).
FORM_DEPTH = 15
_SURROGATE = re_cache.compile("[\ud800-\udfff]")
# An ``FS_RECTF`` as PDFium writes it: left, top, right, bottom (read in one call, not four attribute look-ups).
_BOX = struct.Struct("=4f")
# PDFium is not thread-safe and ``rolcheck serve`` checks uploads in a thread pool: every use of it, from
# opening a document to closing it, holds this lock (page_images.py's rendering for OCR too).
PDFIUM = threading.Lock()


@dataclass(slots=True)
class Char:
    """One drawn character: its text and box in points from the bottom left of the page, and its type size."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float


@dataclass(slots=True)
class Page:
    chars: list[Char]  # upright characters that are not white space, in PDFium's order
    height: float
    unmapped: int  # glyphs among them whose font gives no Unicode


class TextLayer:
    """An open PDF: its pages' characters, and on request how many images it draws (a scan's sign).

    Use as a context manager: PDFium's document is closed on leaving it, and until then no other
    thread uses PDFium (``PDFIUM``). Every failure of PDFium becomes an ``InputError`` with one
    Chinese line.
    """

    def __init__(self, data: bytes, path: Path) -> None:
        import pypdfium2

        self._path = path
        PDFIUM.acquire()
        try:
            # The empty password opens every PDF that is restricted only by its owner (no copying, no printing).
            self._document = pypdfium2.PdfDocument(data, password="")
        except pypdfium2.PdfiumError as error:
            PDFIUM.release()
            raise _refusal(error, path) from None
        except BaseException:
            PDFIUM.release()
            raise

    def __enter__(self) -> TextLayer:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None) -> None:
        try:
            self._document.close()
        finally:
            PDFIUM.release()

    @property
    def encrypted(self) -> bool:
        import pypdfium2.raw as pdfium

        return bool(pdfium.FPDF_GetSecurityHandlerRevision(self._document.raw) != -1)

    def pages(self) -> list[Page]:
        import pypdfium2

        result = []
        try:
            for index in range(len(self._document)):
                page = self._document[index]
                textpage = page.get_textpage()
                chars, unmapped = _chars(textpage.raw)
                result.append(Page(chars, page.get_height() or 1.0, unmapped))
                textpage.close()
                page.close()
        except pypdfium2.PdfiumError as error:
            raise _refusal(error, self._path) from None
        return result

    def images(self) -> int:
        """How many images the pages draw, Form XObjects included (a walk of every page object: ask only when it matters)."""
        import pypdfium2
        import pypdfium2.raw as pdfium

        count = 0
        try:
            for index in range(len(self._document)):
                page = self._document[index]
                count += sum(1 for _ in page.get_objects(filter=(pdfium.FPDF_PAGEOBJ_IMAGE,), max_depth=FORM_DEPTH))
                page.close()
        except pypdfium2.PdfiumError as error:
            raise _refusal(error, self._path) from None
        return count


def _chars(textpage) -> tuple[list[Char], int]:  # textpage: pypdfium2.raw.FPDF_TEXTPAGE
    """The upright characters of one page that are not white space, and how many of them have no Unicode.

    White space is left out, PDFium's own (the spaces and line breaks it infers) and the file's:
    the reader puts spaces where the positions show gaps. Rotated or slanted characters are left
    out too: on report pages they are a watermark or a stamp, not the report. A character's
    matrix and type size are those of the text-showing operation that drew it, so they are asked
    once per operation; its box and whether its glyph has Unicode, once per character.
    """
    import pypdfium2.raw as pdfium

    calls = _calls()
    page = ctypes.c_void_p(ctypes.cast(textpage, ctypes.c_void_p).value)  # made once: the calls take it as it is
    count = calls.count(page)
    if count <= 0:
        return [], 0
    buffer = (ctypes.c_ushort * (count + 1))()
    calls.text(page, 0, count, buffer)
    decoded = ctypes.string_at(buffer, 2 * count).decode("utf-16-le", errors="surrogatepass")
    text: str | list[str] = decoded
    if len(decoded) != count or _SURROGATE.search(decoded):
        text = _by_index(buffer[:count])
    matrix, box = pdfium.FS_MATRIX(), pdfium.FS_RECTF()
    matrix_at, box_at = ctypes.byref(matrix), ctypes.byref(box)
    text_object, get_box, map_error, read_box = calls.text_object, calls.box, calls.map_error, _BOX.unpack_from
    chars: list[Char] = []
    unmapped = 0
    drawn_by: int | None = -1  # the text-showing operation of the character before
    upright, size = False, 0.0
    for index, char in enumerate(text):
        missing = char == "\x00" or map_error(page, index) != 0
        if char.isspace() and not missing:  # an unmapped glyph's code may read as a space
            continue
        operation = text_object(page, index)
        if operation != drawn_by:
            drawn_by = operation
            calls.matrix(page, index, matrix_at)
            a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
            upright = a > 0 and d > 0 and abs(b) + abs(c) < SKEW_TOLERANCE * (a + d)
            size = max(calls.size(page, index) * d, 1.0)  # the type size as drawn: Tf's size scaled by the matrix
        if not upright:
            continue
        if missing:
            char = UNMAPPED
            unmapped += 1
        get_box(page, index, box_at)
        left, top, right, bottom = read_box(box)
        chars.append(Char(char, left, right, bottom, top, size))
    return chars, unmapped


def _by_index(units: list[int]) -> list[str]:
    """The character at each index, when some are beyond the Basic Multilingual Plane.

    PDFium gives such a character two indices, one for each half of its UTF-16 surrogate pair:
    the first gets the character, the second a space (left out as white space). A half without
    its other half becomes NUL, which is counted as a glyph without Unicode.
    """
    chars = [chr(unit) for unit in units]
    index = 0
    while index < len(chars):
        if 0xD800 <= units[index] < 0xDC00 and index + 1 < len(units) and 0xDC00 <= units[index + 1] < 0xE000:
            chars[index] = chr(0x10000 + ((units[index] - 0xD800) << 10) + (units[index + 1] - 0xDC00))
            chars[index + 1] = " "
            index += 2
            continue
        if 0xD800 <= units[index] < 0xE000:
            chars[index] = "\x00"
        index += 1
    return chars


@dataclass(frozen=True)
class _Calls:
    """The ``FPDFText_*`` functions as bare C function pointers, called a few times for every character of a report.

    They declare no argument types, so ctypes passes each argument as it is (the text page as one
    ``c_void_p`` made per page, indices as C ints, structures by reference) instead of checking
    and converting it: 0.13–0.18 µs a call against 0.22–0.26 µs with declared types and 0.29 µs
    through pypdfium2's bindings (measured in docs/performance.md, Target 5).
    """

    count: Callable[..., int]
    text: Callable[..., int]
    text_object: Callable[..., int | None]
    matrix: Callable[..., int]
    size: Callable[..., float]
    box: Callable[..., int]
    map_error: Callable[..., int]


@lru_cache(maxsize=1)
def _calls() -> _Calls:
    import pypdfium2.raw as pdfium

    def bare(function, result):  # the same C function, at the same address, with only its result type declared
        return ctypes.CFUNCTYPE(result)(cast(int, ctypes.cast(function, ctypes.c_void_p).value))

    number = ctypes.c_int
    return _Calls(
        count=bare(pdfium.FPDFText_CountChars, number),
        text=bare(pdfium.FPDFText_GetText, number),
        text_object=bare(pdfium.FPDFText_GetTextObject, ctypes.c_void_p),
        matrix=bare(pdfium.FPDFText_GetMatrix, number),
        size=bare(pdfium.FPDFText_GetFontSize, ctypes.c_double),
        box=bare(pdfium.FPDFText_GetLooseCharBox, number),
        map_error=bare(pdfium.FPDFText_HasUnicodeMapError, number),
    )


def _refusal(error, path: Path) -> InputError:  # error: pypdfium2.PdfiumError
    import pypdfium2.raw as pdfium

    code = int(getattr(error, "err_code", None) or pdfium.FPDF_ERR_UNKNOWN)
    if code in (pdfium.FPDF_ERR_PASSWORD, pdfium.FPDF_ERR_SECURITY):
        return InputError(f"{path}: PDF 已加密，需要密码才能打开；请提供未加密的版本（或在 PDF 阅读器中输入密码后另存为无密码文件）")
    return InputError(f"{path}: PDF 文件已损坏，无法读取（{_REASONS.get(code, '无法解析')}）；请重新导出或下载后再检查")


_REASONS = {2: "文件无法打开", 3: "格式错误", 6: "页面无法读取"}  # FPDF_ERR_FILE, FPDF_ERR_FORMAT, FPDF_ERR_PAGE
