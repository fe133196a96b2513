"""Page images of a PDF, for OCR: rendered by PDFium (pypdfium2, whose wheel bundles it; the text layer is read with it too).

Kept apart from the text-layer reader (readers/pdf_chars.py) and from the recogniser (ocr.py):
rendering is one job, only scans need it.

Rendering is PDFium's C code drawing a page's content, so it is bounded like the text layer
(checker/common/bounded.py, docs/security.md): each page is rendered in a helper process with
a deadline and a memory ceiling, and comes back as a PIL image for the recogniser, which runs
here. A page is asked for on its own so that at most one page's pixels are in either process
at once, and a page that cannot be drawn in time or memory is refused by its number. The helper
is ended after each page: recognition, which follows, is the checker's memory peak, and a
helper kept beside it would add to it. Each scan has its own helper, whose child is forked with
the scan in its memory (``bounded.Helper``'s ``inherit``), so the PDF is never sent through the
pipe, and two scans read at once (``rolcheck serve`` checks uploads in threads) never meet.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from checker.common import bounded
from checker.common.errors import InputError
from checker.reading.readers.pdf_chars import PDFIUM

# Scans are read at this resolution: enough for 16 pt body text (about 30 px a character).
DPI = 150
# A scan with more pages than this is not one report.
MAX_PAGES = 60
# A page larger than this at DPI is not a report's page (A4 is 2.2 million pixels, A0 26 million): refused before
# it is drawn, with its number, rather than left to the memory ceiling.
MAX_PAGE_PIXELS = 20_000_000
# Each request to the helper: this deadline, and this much memory beyond the checker's (as for the text layer,
# readers/pdf.py: a 20 MB scan's page is decoded and drawn in well under half of it).
RENDER_SECONDS = 30
RENDER_MEMORY = 160 << 20


def render(data: bytes, path: Path) -> Iterator[object]:
    """Each page as a PIL image, in order, drawn in the helper; the recogniser works on one while no other is held."""
    helper = bounded.Helper(hold=PDFIUM, preload=("pypdfium2", "PIL.Image"), inherit=(data,))
    try:
        pages = helper.call(_count, (path,), RENDER_SECONDS, RENDER_MEMORY, f"{path}: 打开 PDF 扫描件")
        if pages > MAX_PAGES:
            raise InputError(f"{path}: PDF 扫描件有 {pages} 页，超过 OCR 上限 {MAX_PAGES} 页，拒绝识别")
        for index in range(pages):
            yield _page(helper, path, index)  # not bound to a name here: the recogniser alone holds the page
    finally:
        helper.close()


def _page(helper: bounded.Helper, path: Path, index: int) -> object:
    """Page ``index`` drawn by the helper's child, which is then ended: recognising the page is the checker's memory
    peak, and a fork for the next page costs milliseconds."""
    image = helper.call(_render, (path, index), RENDER_SECONDS, RENDER_MEMORY, f"{path}: 渲染第 {index + 1} 页以识别文字")
    helper.close()
    return image


def _count(data: bytes, path: Path) -> int:
    """In the helper: how many pages the scan has."""
    with _opened(data, path) as document:
        return len(document)


def _render(data: bytes, path: Path, index: int) -> object:
    """In the helper: page ``index`` as a PIL image (pickled back: its pixels, copied out of PDFium's bitmap)."""
    import pypdfium2

    with _opened(data, path) as document:
        page = document[index]
        try:
            width, height = (side * DPI / 72 for side in page.get_size())
            if width * height > MAX_PAGE_PIXELS:
                raise InputError(f"{path}: PDF 扫描件第 {index + 1} 页过大（按 {DPI} dpi 为 {width:.0f}×{height:.0f} 像素），"
                                 "不像报告的一页，拒绝识别")
            return page.render(scale=DPI / 72).to_pil()
        except pypdfium2.PdfiumError:
            raise InputError(f"{path}: PDF 扫描件第 {index + 1} 页无法渲染，文件可能已损坏") from None
        finally:
            page.close()


@contextmanager
def _opened(data: bytes, path: Path) -> Iterator[Any]:  # Any: pypdfium2.PdfDocument, imported only for scans
    """The PDF opened by PDFium with the empty password, PDFium held (``PDFIUM``) until it is closed."""
    import pypdfium2

    with PDFIUM:
        try:
            document = pypdfium2.PdfDocument(data, password="")
        except pypdfium2.PdfiumError:
            raise InputError(f"{path}: PDF 扫描件已加密或已损坏，无法渲染页面以识别文字") from None
        try:
            yield document
        finally:
            document.close()
