"""Text from scanned PDFs and photographed pages: RapidOCR on onnxruntime, the optional ``ocr`` extra.

The recogniser's detection and recognition models ship inside the ``rapidocr`` wheel; we pass
their paths explicitly, so nothing is ever fetched at run time (rapidocr would otherwise look
for them in its download cache). Without the extra the error says how to install it.

Each recognised text box is a line, read top to bottom and left to right, numbered over the
whole document with its page, so evidence names page and line as for a PDF text layer. Boxes
the recogniser is unsure of (below ``MIN_SCORE``) are dropped: a red seal or a signature scrawl
gives such boxes. Every output marks OCR text (``SourceText.ocr``): quotes may hold recognition
errors.

Memory is what shapes how a page is read (docs/security.md, "Scanned PDFs"). Given a whole A4
page, RapidOCR's detector peaked near 0.9 GB: its activations grow with the pixels it sees at
once, and recognising six lines in one batch multiplies the recogniser's (its output alone is
18,710 scores for every step of every line). So detection runs on overlapping horizontal strips
of the page, recognition one line at a time, and the memory each step freed is handed back
before the next (glibc keeps it in onnxruntime's thread arenas otherwise). The same text comes
out, or better: one line at a time no longer pads short lines to the batch's longest, which
had cost characters (measured on our samples' pages: 云岭市 read as 云市, 部门 as 部内).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from checker.common.errors import InputError
from checker.reading.source import SourceLine

INSTALL = "pip install 'rolcheck[ocr]'"
NOTE = "正文由文字识别（OCR）从页面图像得到，引文可能有识别错误；请以原件核对"
MIN_SCORE = 0.6
# Fewer characters than this, recognised in a whole document, are marks read as text (rules, bars, a seal's rim),
# not a report: said as such, rather than as a report that lacks every element.
MIN_CHARS = 30
# Boxes whose vertical middles are closer than this share of their height are on one line.
SAME_LINE = 0.5
# Red ink exceeds green and blue by at least this much (of 255): seals, not black text or grey paper.
SEAL_MARGIN = 60
MAX_IMAGE_PIXELS = 40_000_000  # a photo of a page is at most a few tens of megapixels
# RapidOCR's own bounds on the page it reads (its Global.max_side_len and Det.limit_side_len): a longer side is
# scaled down to MAX_SIDE, and detection scales a page whose short side is below DETECT_MIN_SIDE up to it.
MAX_SIDE = 2000
DETECT_MIN_SIDE = 736
# A page whose shorter side, once the longer is scaled to MAX_SIDE, is under this many pixels holds no line of
# text (RapidOCR rounds sides to multiples of 32 and fails on a side of 0: a 6000×40 strip was a traceback).
MIN_SHORT_SIDE = 32
# Detection sees the page in strips this tall, each overlapping the next by OVERLAP pixels. A line is taken from
# the strip whose middle band holds its middle, where it lies whole if it is at most OVERLAP tall (a report's title
# at 150 dpi is about 55; a page is at most MAX_SIDE tall). Measured (docs/performance.md): 192 rows keep the
# detector's peak about 90 MB above its models, against 380 MB for a whole A4 page, for 1.7 times its work.
STRIP_ROWS = 192
OVERLAP = 80
# A text line is at most this many times as wide as it is tall (a full line of a 150-dpi page is about 31); a wider
# crop, a hairline box or a hostile image, is recognised in pieces, since the recogniser's memory grows with it.
MAX_LINE_RATIO = 48
# The wheel's models each stage loads, in its ``models`` folder (the angle classifier is never used).
MODELS = {"Det": "PP-OCRv6_det_small.onnx", "Rec": "PP-OCRv6_rec_small.onnx"}


def available() -> bool:
    try:
        import onnxruntime  # noqa: F401
        import rapidocr  # noqa: F401
    except ImportError:
        return False
    return True


def _missing(path: Path, what: str) -> InputError:
    return InputError(f"{path}: {what}，需要文字识别（OCR）才能检查；请先安装 OCR 扩展：{INSTALL}（或提供 Word、文本版本）")


class _ModelUnusable(Exception):
    """A model of the installed extra could not be loaded: the install is at fault, not the page."""


def _models() -> Path:
    import rapidocr

    return Path(rapidocr.__file__).parent / "models"


def _engine(part: str):  # -> rapidocr.RapidOCR
    """RapidOCR with the session of one model, "Det" (detection) or "Rec" (recognition), loaded.

    Each stage of a page builds its own and drops it when done (``_dropped``), so that one model at most is in
    memory, and none while the next page is drawn: building one costs about 0.1 s, against several seconds to
    read a page, and keeping both throughout held 65 MB beside every stage.
    """
    from omegaconf import flag_override
    from rapidocr import RapidOCR

    models = _models()
    paths = {stage: models / name for stage, name in MODELS.items()}
    engine = RapidOCR(
        params={
            "Global.log_level": "error",
            "Global.use_cls": False,  # pages are upright; the angle classifier only costs time
            "Det.model_path": str(paths["Det"]),
            "Rec.model_path": str(paths["Rec"]),
            "Cls.model_path": str(models / "ch_ppocr_mobile_v2.0_cls_mobile.onnx"),
            # _detect scales the page itself; each strip is detected as it is
            "Det.limit_type": "max",
            "Det.limit_side_len": MAX_SIDE,
            "Rec.rec_batch_num": 1,
        }
    )
    # rapidocr takes a ready session from its config ("session"), the only way to set the options below;
    # the other model is never loaded (RapidOCR loads a model when it is first used)
    try:
        session = _session(paths[part])
    except Exception as exc:  # onnxruntime's own kinds (NoSuchFile, InvalidProtobuf, …) for a missing or damaged model
        raise _ModelUnusable(f"{paths[part].name}: {type(exc).__name__}") from None
    with flag_override(engine.cfg[part], "allow_objects", True):
        engine.cfg[part].session = session
    return engine


def _session(model: Path):  # -> onnxruntime.InferenceSession
    """A session that plans no memory ahead: measured on our pages, each of these options lowered the peak.

    ``enable_mem_pattern`` keeps a plan per input shape, and every strip's end and every line differs (without it
    the peak grew page after page: 446, 574, 605, 730 MB); the "extended" graph optimisations leave out the layout
    changes of "all", which need about half as much memory again for the detector's activations (a 192-row strip:
    58 against 88 MB) for no measurable speed here.
    """
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 4
    options.enable_cpu_mem_arena = False
    options.enable_mem_pattern = False
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    return onnxruntime.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])


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
        # A JPEG is decoded at a half, a quarter or an eighth of its size where that still gives MAX_SIDE on its
        # longer side, all the recogniser reads (a 20-megapixel photo: 383 MB decoded whole, docs/performance.md).
        longer = max(image.size)
        if longer > MAX_SIDE:  # the smallest size whose longer side is still MAX_SIDE (draft never goes below it)
            width, height = image.size
            image.draft("RGB", (-(-width * MAX_SIDE // longer), -(-height * MAX_SIDE // longer)))
        image.load()
    except Exception as exc:  # Pillow raises a dozen kinds on broken or oversized images
        raise InputError(f"{path}: 图片已损坏或过大，无法识别（{type(exc).__name__}）") from None
    pages = [image]
    del image  # the list is the only reference, and _recognise takes the image out of it
    return _recognise(_taken(pages), path, "图片")


def _taken(images: list[Any]) -> Iterator[Any]:
    """The images, each removed from the list as it is handed on: none is kept here while it is recognised."""
    while images:
        yield images.pop(0)


def _recognise(pages, path: Path, what: str) -> list[SourceLine]:
    import numpy

    from checker.common.memory import return_freed_memory

    result: list[SourceLine] = []
    number = 0
    page_number = 0
    for image in pages:  # not enumerate(): it keeps the last (number, image) pair for reuse, and the page at full size
        page_number += 1
        width, height = image.size
        if min(width, height) * MAX_SIDE / max(width, height, MAX_SIDE) < MIN_SHORT_SIDE:
            raise InputError(f"{path}: {what}第 {page_number} 页过于狭长（{width}×{height} 像素），缩放后放不下一行文字，拒绝识别")
        image = _reduced(image)
        held = [numpy.array(image if image.mode == "RGB" else image.convert("RGB"))]  # our own copy: the seal goes in place
        del image
        return_freed_memory()  # what fetching the page took (the PDF sent to the renderer, the image sent back)
        try:
            texts = _lines(_read_page(held))
        except _ModelUnusable as exc:
            raise InputError(f"{path}: OCR 扩展的模型无法载入（{exc}），安装可能不完整；请重新安装：{INSTALL}") from None
        except Exception as exc:  # onnxruntime, OpenCV, NumPy and RapidOCR raise a dozen kinds of their own
            raise InputError(f"{path}: {what}第 {page_number} 页文字识别（OCR）失败（{type(exc).__name__}）；请提供更清晰的扫描件或 Word、文本版本") from None
        for text in texts:
            number += 1
            result.append(SourceLine(number, text, page=page_number))
    if not result:
        raise InputError(f"{path}: {what}经文字识别（OCR）没有识别出文字；请提供更清晰的扫描件或 Word、文本版本")
    recognised = sum(len(line.text) for line in result)
    if recognised < MIN_CHARS:
        raise InputError(f"{path}: {what}经文字识别（OCR）只识别出 {recognised} 个字，不像一份报告；请提供更清晰的扫描件或 Word、文本版本")
    return result


def _reduced(image: Any) -> Any:
    """The image shrunk by a whole factor while its longer side stays at least MAX_SIDE, which is all RapidOCR reads:
    a 40-megapixel PNG (no JPEG draft to decode it smaller) took the check to 454 MB as a whole array."""
    factor = max(image.size) // MAX_SIDE
    return image.reduce(factor) if factor >= 2 else image


def _read_page(held: list[Any]) -> list[tuple[Any, str]]:
    """The boxes and texts recognised on the page taken out of ``held`` (its only reference, so that at its original
    size it is freed once scaled), those the recogniser is sure of."""
    from rapidocr.utils.process_img import get_rotate_crop_image, resize_image_within_bounds

    from checker.common.memory import return_freed_memory

    page, _, _ = resize_image_within_bounds(held.pop(), 30, MAX_SIDE)  # as RapidOCR bounds the page it is given
    _remove_seal(page)
    boxes = _detect(page)
    recogniser = _engine("Rec")
    found = []
    for box in boxes:
        text, score = _recognise_line(recogniser, get_rotate_crop_image(page, box))
        return_freed_memory()
        if score >= MIN_SCORE and text.strip():
            found.append((box, text))
    del recogniser
    _dropped()
    return found


def _dropped() -> None:
    """Free the engine just let go: RapidOCR's objects hold each other in cycles, which only the collector frees."""
    import gc

    from checker.common.memory import return_freed_memory

    gc.collect()
    return_freed_memory()


def _detect(page) -> list[Any]:  # Any: numpy arrays, numpy imported only for scans
    """The text boxes on the page, found strip by strip (``STRIP_ROWS``), in the page's coordinates."""
    import cv2

    from checker.common.memory import return_freed_memory

    scale = max(1.0, DETECT_MIN_SIDE / min(page.shape[:2]))
    image = page if scale == 1.0 else cv2.resize(page, (round(page.shape[1] * scale), round(page.shape[0] * scale)))
    height = image.shape[0]
    detector = _engine("Det")
    boxes = []
    for top in range(0, max(height - OVERLAP, 1), STRIP_ROWS - OVERLAP):
        found = detector(image[top : top + STRIP_ROWS], use_det=True, use_rec=False, use_cls=False)
        return_freed_memory()
        if getattr(found, "boxes", None) is None:
            continue
        low = top + OVERLAP / 2 if top else 0
        high = top + STRIP_ROWS - OVERLAP / 2 if top + STRIP_ROWS < height else height
        for box in found.boxes:
            middle = top + float(box[:, 1].mean())
            if low <= middle < high:
                placed = box.astype("float32")
                placed[:, 1] += top
                boxes.append(placed / scale)
    del detector
    _dropped()
    return boxes


def _recognise_line(recogniser, crop) -> tuple[str, float]:
    """The text of one line's crop and the recogniser's confidence; a crop too wide for one pass in pieces."""
    height, width = crop.shape[:2]
    pieces = -(-width // (MAX_LINE_RATIO * max(height, 1)))
    cuts = [0] + [_gap(crop, index * width // pieces, height) for index in range(1, pieces)] + [width]
    texts, scores = [], []
    for start, end in zip(cuts, cuts[1:]):
        found = recogniser.recognize_txt([crop[:, start:end]])
        texts.append(found.txts[0])
        scores.append(found.scores[0])
    return "".join(texts), min(scores)


def _gap(crop, near: int, reach: int) -> int:
    """The column within ``reach`` of ``near`` with the least ink: where a wide line is cut between two characters."""
    low, high = max(1, near - reach), min(crop.shape[1] - 1, near + reach)
    ink = (255 - crop[:, low:high].min(axis=2).astype("int32")).sum(axis=0)
    return low + int(ink.argmin())


def _remove_seal(pixels) -> None:
    """Red ink turned white, in place: a seal stamped over the signature would otherwise be read into the
    signature's lines (its rim text, "青溪县人民政府", arrives as a stray line)."""
    red, green, blue = (pixels[..., channel].astype("int16") for channel in range(3))
    pixels[(red > 120) & (red - green > SEAL_MARGIN) & (red - blue > SEAL_MARGIN)] = 255


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
