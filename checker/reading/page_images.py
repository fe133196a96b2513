"""Page images of a PDF, for OCR: rendered by PDFium (pypdfium2, whose wheel bundles it; the text layer is read with it too).

Kept apart from the text-layer reader (readers/pdf_chars.py) and from the recogniser (ocr.py):
rendering is one job, only scans need it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from checker.common.errors import InputError

# Scans are read at this resolution: enough for 16 pt body text (about 30 px a character).
DPI = 150
# A scan with more pages than this is not one report.
MAX_PAGES = 60


def render(data: bytes, path: Path) -> Iterator[object]:
    """Each page as a PIL image, in order; PDFium is held (``PDFIUM``) while it works, not while a page is recognised."""
    import pypdfium2

    from checker.reading.readers.pdf_chars import PDFIUM

    with PDFIUM:
        try:
            document = pypdfium2.PdfDocument(data, password="")
        except pypdfium2.PdfiumError:
            raise InputError(f"{path}: PDF 扫描件已加密或已损坏，无法渲染页面以识别文字") from None
        pages = len(document)
    try:
        if pages > MAX_PAGES:
            raise InputError(f"{path}: PDF 扫描件有 {pages} 页，超过 OCR 上限 {MAX_PAGES} 页，拒绝识别")
        for index in range(pages):
            with PDFIUM:
                page = document[index]
                image = page.render(scale=DPI / 72).to_pil()
                page.close()
            yield image
    finally:
        with PDFIUM:
            document.close()
