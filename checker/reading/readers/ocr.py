"""Text from scanned PDFs and photographed pages: RapidOCR on onnxruntime, the optional ``ocr`` extra.

The recogniser's detection and recognition models ship inside the ``rapidocr`` wheel; we pass
their paths explicitly, so nothing is ever fetched at run time (rapidocr would otherwise look
for them in its download cache). Without the extra the error says how to install it.

Each recognised text box is a line, read top to bottom and left to right, numbered over the
whole document with its page, so evidence names page and line as for a PDF text layer. Boxes
the recogniser is unsure of (below ``MIN_SCORE``) are dropped: a red seal or a signature scrawl
gives such boxes. Every output marks OCR text (``SourceText.ocr``): quotes may hold recognition
errors.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from checker.common.errors import InputError
from checker.reading.source import SourceLine

INSTALL = "pip install 'rolcheck[ocr]'"
NOTE = "正文由文字识别（OCR）从页面图像得到，引文可能有识别错误；请以原件核对"
MIN_SCORE = 0.6
# Boxes whose vertical middles are closer than this share of their height are on one line.
SAME_LINE = 0.5
# Red ink exceeds green and blue by at least this much (of 255): seals, not black text or grey paper.
SEAL_MARGIN = 60
MAX_IMAGE_PIXELS = 40_000_000  # a photo of a page is at most a few tens of megapixels


def available() -> bool:
    try:
        import onnxruntime  # noqa: F401
        import rapidocr  # noqa: F401
    except ImportError:
        return False
    return True


def _missing(path: Path, what: str) -> InputError:
    return InputError(f"{path}: {what}，需要文字识别（OCR）才能检查；请先安装 OCR 扩展：{INSTALL}（或提供 Word、文本版本）")


@lru_cache(maxsize=1)
def _engine():  # -> rapidocr.RapidOCR
    from rapidocr import RapidOCR
    import rapidocr

    models = Path(rapidocr.__file__).parent / "models"
    return RapidOCR(
        params={
            "Global.log_level": "error",
            "Global.use_cls": False,  # pages are upright; the angle classifier only costs time
            "Det.model_path": str(models / "PP-OCRv6_det_small.onnx"),
            "Rec.model_path": str(models / "PP-OCRv6_rec_small.onnx"),
            "Cls.model_path": str(models / "ch_ppocr_mobile_v2.0_cls_mobile.onnx"),
        }
    )


def pdf_lines(data: bytes, path: Path) -> list[SourceLine]:
    """The lines recognised on every page of a scanned PDF."""
    if not available():
        raise _missing(path, "PDF 没有文字层（扫描件或图片）")
    from checker.reading import page_images

    return _recognise(page_images.render(data, path), path, "PDF 扫描件（没有文字层）")


def image_lines(data: bytes, path: Path) -> list[SourceLine]:
    """The lines recognised on a photographed or scanned page (.png, .jpg)."""
    if not available():
        raise _missing(path, "是图片")
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS  # a decompression bomb raises instead of filling memory
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except Exception as exc:  # Pillow raises a dozen kinds on broken or oversized images
        raise InputError(f"{path}: 图片已损坏或过大，无法识别（{type(exc).__name__}）") from None
    return _recognise(iter([image]), path, "图片")


def _recognise(pages, path: Path, what: str) -> list[SourceLine]:
    import numpy

    result: list[SourceLine] = []
    number = 0
    for page_number, image in enumerate(pages, start=1):
        found = _engine()(_without_seal(numpy.array(image.convert("RGB"))))
        boxes = [
            (box, text)
            for box, text, score in zip(found.boxes if found.boxes is not None else [], found.txts or (), found.scores or ())
            if score >= MIN_SCORE and text.strip()
        ]
        for text in _lines(boxes):
            number += 1
            result.append(SourceLine(number, text, page=page_number))
    if not result:
        raise InputError(f"{path}: {what}经文字识别（OCR）没有识别出文字；请提供更清晰的扫描件或 Word、文本版本")
    return result


def _without_seal(pixels):
    """The page with red ink turned white: a seal stamped over the signature would otherwise be read
    into the signature's lines (its rim text, "青溪县人民政府", arrives as a stray line)."""
    red, green, blue = (pixels[..., channel].astype("int16") for channel in range(3))
    seal = (red > 120) & (red - green > SEAL_MARGIN) & (red - blue > SEAL_MARGIN)
    cleaned = pixels.copy()
    cleaned[seal] = 255
    return cleaned


def _lines(boxes) -> list[str]:
    """Boxes grouped into lines by their vertical middle, each line read left to right."""
    placed = sorted(
        ((float(sum(p[1] for p in box) / 4), float(min(p[0] for p in box)), float(max(p[1] for p in box) - min(p[1] for p in box)), text)
         for box, text in boxes),
    )
    rows: list[list[tuple[float, float, float, str]]] = []
    for item in placed:
        if rows and abs(item[0] - rows[-1][0][0]) < SAME_LINE * max(item[2], rows[-1][0][2], 1.0):
            rows[-1].append(item)
        else:
            rows.append([item])
    return ["".join(text for _, _, _, text in sorted(row, key=lambda item: item[1])) for row in rows]
