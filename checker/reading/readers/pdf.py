"""PDF reading: the text layer, as lines in reading order, without page furniture.

We take each character with its box from PDFium (pdf_chars.py; no layout analysis) and build
the lines ourselves: characters whose vertical extents overlap form a line, ordered left to
right. Word and WPS exports draw quotation marks and digits in a Western font, in an order of
their own; a library's reading order then tears them out of their line or moves them to the
wrong place, while positions keep them where they were drawn (measured in docs/input-formats.md).

Page numbers ("- 3 -", "第3页", "3/12", a bare number) at the top or bottom of a page,
and running headers or footers repeated on most pages, are dropped. A line cut by the right
margin is joined with its continuation on the same page, and a title set over two lines is
joined, because there the layout is certain; across pages the normaliser rejoins a line that
does not end its sentence with the next. Line numbers count the lines of the extracted text
over the whole document, dropped furniture included (a joined line has the number of its
first part); each line also carries its page.

PDFium is C and cannot be stopped from Python, so on Linux the reading runs in a helper process
with a deadline and a memory ceiling (checker/common/bounded.py, docs/security.md).
"""

from __future__ import annotations

import re
from collections import Counter
from operator import attrgetter
from dataclasses import dataclass
from pathlib import Path

from checker.common import bounded
from checker.common import re_cache
from checker.common.chinese import fold_width, numbering_rank
from checker.common.errors import InputError
from checker.reading.readers.pdf_chars import PDFIUM, Char, TextLayer
from checker.reading.source import SourceLine

# Characters at least this far apart (in character sizes) on one baseline are separate pieces of text…
PIECE_GAP = 2.0
# …and a gap of at least this much between two characters of a piece is a space (PDFs often draw none).
WORD_GAP = 0.25
# Only the outermost lines of a page within this share of its height can be a running header or footer.
MARGIN_SHARE = 0.15
OUTER_LINES = 2
# A line repeated (digits aside) on at least this share of the pages is a running header or footer.
REPEAT_SHARE = 0.6
# Below this many characters per page on average, a PDF with images is a scan.
SCANNED_CHARS_PER_PAGE = 20
# A line within this many character sizes of the right margin touches it: line breaking leaves up to a
# character free, and punctuation kept off the next line's start can hang up to a character past it.
WRAP_SLACK = 2.5
# …and a line starting within this many character sizes of the left margin starts there.
INDENT_SLACK = 0.5
# A right margin is only trusted when at least this many (and this share of) long lines run to it.
MARGIN_LINES, MARGIN_LINES_SHARE = 3, 0.2
# Type this much larger than the body's is a title's.
TITLE_SCALE = 1.2
SENTENCE_END = ("。", "！", "？")
# Lines further apart than this many character sizes (baseline to baseline) are separate paragraphs.
LINE_GAP = 2.2
# Past this share of glyphs whose font gives no Unicode for them, the text layer is unreadable.
UNMAPPED_SHARE = 0.3
# The text layer is read in a child process with this deadline and this much more memory (checker/common/bounded.py):
# a 500-page report reads in seconds, a Form XObject that draws itself twice would never end.
READ_SECONDS = 30
READ_MEMORY = 160 << 20
_HELPER = bounded.Helper(hold=PDFIUM, preload=("pypdfium2",))
_LEFT = attrgetter("x0")
_PAGE_NUMBER = re_cache.compile(
    r"^(?:[-—–－·•]*\d{1,4}[-—–－·•]*|第\d{1,4}页(?:[，,/]?共\d{1,4}页)?|\d{1,4}/\d{1,4}|(?:page)?\d{1,4}(?:of\d{1,4})?)$",
    re.I,
)


class ScannedPDF(InputError):
    """A PDF without a text layer: the dispatcher hands it to OCR when the ``ocr`` extra is installed."""


@dataclass
class _Line:
    page: int
    text: str
    y: float  # the line's middle, in points from the bottom of the page
    page_height: float
    x0: float
    x1: float
    size: float  # the median character size

    @property
    def top(self) -> float:
        """Distance from the top of the page to the line's middle, as a share of the page height."""
        return 1 - self.y / self.page_height


def lines(data: bytes, path: Path) -> list[SourceLine]:
    """The text layer as numbered lines with their pages, page numbers and running headers/footers removed."""
    if b"%%EOF" not in data[-4096:]:
        raise InputError(f"{path}: PDF 文件不完整（缺少文件结尾标记 %%EOF），可能下载中断；请重新下载或导出后再检查")
    return _HELPER.call(_lines, (data, path), READ_SECONDS, READ_MEMORY, f"{path}: 读取 PDF 文字层")


def release() -> None:
    """End the text-layer helper: after a scan is found, its recognition needs the memory more than the next PDF
    needs a warm helper (docs/security.md, "Scanned PDFs")."""
    _HELPER.close()


def _lines(data: bytes, path: Path) -> list[SourceLine]:
    with TextLayer(data, path) as layer:
        read = layer.pages()
        unmapped = sum(page.unmapped for page in read)
        chars = sum(len(page.chars) for page in read) - unmapped
        if chars < SCANNED_CHARS_PER_PAGE * max(len(read), 1) and layer.images():
            raise ScannedPDF(f"{path}: PDF 没有文字层（扫描件或图片），无法检查；请提供 Word 或文本版本，或先用 OCR 软件识别为文字")
        if unmapped > UNMAPPED_SHARE * (chars + 1):
            if layer.encrypted:  # opened with the empty password, yet its font data did not decrypt into a Unicode map
                raise InputError(f"{path}: PDF 已加密（空密码可以打开），但解密后的文字层无法还原为汉字，无法检查；请提供未加密的 PDF 或 Word、文本版本")
            raise InputError(f"{path}: PDF 的文字层无法还原为汉字（字体缺少编码映射），无法检查；请提供 Word 或文本版本")
    if chars == 0:
        raise InputError(f"{path}: PDF 中没有可提取的文字；请提供 Word 或文本版本")
    return arrange([(page.chars, page.height) for page in read])


def arrange(pages: list[tuple[list[Char], float]]) -> list[SourceLine]:
    """Lines from each page's characters and height: grouped by position, furniture dropped, wrapped lines joined.

    Knows nothing of the PDF library: tests/formats_measure_pdf.py feeds it another one's characters.
    """
    grouped = [_page_lines(chars, number, height) for number, (chars, height) in enumerate(pages, start=1)]
    extracted = [line for page in grouped for line in page]
    furniture = _furniture(grouped)
    body = [(number, line) for number, line in enumerate(extracted, start=1) if id(line) not in furniture]
    return [SourceLine(number, line.text, page=line.page) for number, line in _rejoin(body)]


def _page_lines(chars: list[Char], page: int, height: float) -> list[_Line]:
    """Group characters into lines by vertical overlap, top to bottom, each read left to right.

    Run for every character of a report, so written for speed: comparisons instead of calls to
    ``min`` and ``max`` (the same values, ties and all), sort keys as ``attrgetter``.
    """
    rows: list[list[Char]] = []
    row: list[Char] = []
    bottom = top = 0.0  # the vertical extent of the row being filled
    for char in sorted(chars, key=lambda c: -(c.y0 + c.y1) / 2):
        if rows and bottom <= (char.y0 + char.y1) / 2 <= top:
            row.append(char)
            if char.y0 < bottom:
                bottom = char.y0
            if char.y1 > top:
                top = char.y1
        else:
            row = [char]
            rows.append(row)
            bottom, top = char.y0, char.y1
    result = []
    for row in rows:
        row.sort(key=_LEFT)
        middle = sum([c.y0 + c.y1 for c in row]) / (2 * len(row))
        last = row[0]
        piece = [last]
        for char in row[1:]:
            if char.x0 - last.x1 > PIECE_GAP * (last.size if last.size > char.size else char.size):  # max(char.size, last.size)
                result.append(_piece(piece, page, middle, height))
                piece = []
            piece.append(char)
            last = char
        result.append(_piece(piece, page, middle, height))
    return result


def _piece(chars: list[Char], page: int, middle: float, height: float) -> _Line:
    sizes = sorted([char.size for char in chars])
    return _Line(page, _join(chars), middle, height, chars[0].x0, chars[-1].x1, sizes[len(sizes) // 2])


def _join(chars: list[Char]) -> str:
    """The text of one piece of a line, with a space where a word gap was drawn rather than written."""
    out = [chars[0].text]
    spaced = out[0].endswith(" ")  # whether the text so far ends in a space (then no gap adds another)
    before = chars[0]
    for char in chars[1:]:
        if not spaced and char.x0 - before.x1 > WORD_GAP * char.size:
            out.append(" ")
        out.append(char.text)
        spaced = char.text.endswith(" ")
        before = char
    return "".join(out)


def _furniture(pages: list[list[_Line]]) -> set[int]:
    """Page numbers and running headers/footers: outermost lines in the margins that say a page number or repeat."""
    candidates: list[_Line] = []
    for page in pages:
        outer = {id(line): line for line in page[:OUTER_LINES] + page[-OUTER_LINES:]}  # a short page's lines only once
        candidates.extend(line for line in outer.values() if line.top < MARGIN_SHARE or line.top > 1 - MARGIN_SHARE)
    repeats = Counter(shape for shape, _ in {(_shape(line.text), line.page) for line in candidates})
    needed = max(2, REPEAT_SHARE * len(pages))
    return {
        id(line)
        for line in candidates
        if _PAGE_NUMBER.match(re.sub(r"\s", "", line.text)) or repeats[_shape(line.text)] >= needed
    }


def _rejoin(body: list[tuple[int, _Line]]) -> list[tuple[int, _Line]]:
    """Join the lines that the layout shows to be one, within a page; the joined line keeps the first one's number.

    The normaliser rejoins lines by punctuation alone and, for good reasons in text files,
    keeps apart a short line ending in "：" (a salutation) or a line starting "一是"; in a PDF
    these are often just the tail of a line cut by the margin. Two layouts are certain: a
    line that runs to the right margin without ending its sentence, followed closely by one
    starting at the left margin without a number; and a title set in large type over two
    lines with no space between them.
    """
    if not body:
        return body
    weights: Counter[float] = Counter()
    for _, line in body:
        weights[round(line.size, 1)] += len(line.text)
    body_size = weights.most_common(1)[0][0]
    long_lines = [line for _, line in body if len(line.text) >= 10] or [line for _, line in body]
    right = _percentile([line.x1 for line in long_lines], 0.9)
    left = _percentile([line.x0 for line in long_lines], 0.1)
    touching = sum(line.x1 >= right - WRAP_SLACK * line.size for line in long_lines)
    if touching < max(MARGIN_LINES, MARGIN_LINES_SHARE * len(long_lines)):
        right = float("inf")  # too few lines run to one right edge to call it a margin
    joined = [body[0]]
    for number, line in body[1:]:
        first, last = joined[-1]
        if (
            last.page == line.page
            and not last.text.endswith(SENTENCE_END)
            and last.y - line.y <= LINE_GAP * last.size
            and numbering_rank(fold_width(line.text.strip())) is None
            and (_wrapped(last, line, left, right) or _title_continues(last, line, body_size))
        ):
            joined[-1] = (first, _Line(last.page, last.text + line.text, line.y, last.page_height, last.x0, line.x1, last.size))
        else:
            joined.append((number, line))
    return joined


def _wrapped(last: _Line, line: _Line, left: float, right: float) -> bool:
    """``line`` continues ``last``: same type, ``last`` reaches the right margin, ``line`` starts at the left one."""
    return abs(last.size - line.size) < 1 and last.x1 >= right - WRAP_SLACK * last.size and line.x0 <= left + INDENT_SLACK * line.size


def _title_continues(last: _Line, line: _Line, body_size: float) -> bool:
    """Both lines are set in the same type, clearly larger than the body's: a title broken over two lines."""
    return last.size >= TITLE_SCALE * body_size and abs(last.size - line.size) < 0.5


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _shape(text: str) -> str:
    """A line with its digits blurred, so "第3页" and "第4页" repeat."""
    return re.sub(r"\d+", "#", re.sub(r"\s", "", text))
