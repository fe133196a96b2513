"""Scans made from our own sample reports: pages rendered as images (Pillow + a CJK font), a red seal
stamped over the signature, saved as an image-only PDF (no text layer) or a PNG photo of page one.

Used by the OCR tests (tests/test_office_formats.py) and to measure OCR's verdict agreement with the
text version (docs/input-formats.md).
"""

from __future__ import annotations

import math
from pathlib import Path

import formats_build

FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
DPI = 150
WIDTH, HEIGHT = int(8.27 * DPI), int(11.69 * DPI)  # A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 160, 200, 180
BODY_PX, TITLE_PX, LEADING = 30, 40, 52  # about 16 pt body text at 150 dpi


def font_path() -> str | None:
    return next((font for font in FONTS if Path(font).is_file()), None)


def _font(size: int):
    from PIL import ImageFont

    path = font_path()
    assert path is not None, "a CJK font is needed (fonts-noto-cjk)"
    return ImageFont.truetype(path, size)


def pages(text_path: Path) -> list:
    """The report typeset on A4 page images, the signature under a red seal."""
    from PIL import Image, ImageDraw

    body, title = _font(BODY_PX), _font(TITLE_PX)
    per_line = (WIDTH - 2 * MARGIN_X) // BODY_PX
    result = [Image.new("RGB", (WIDTH, HEIGHT), "white")]
    draw = ImageDraw.Draw(result[0])
    y = MARGIN_TOP
    signature_at: tuple[int, int] | None = None
    for line in formats_build.parse(text_path):
        font = title if line.kind == "title" else body
        size = TITLE_PX if line.kind == "title" else BODY_PX
        width = (WIDTH - 2 * MARGIN_X) // size
        indent = 2 if line.kind in ("body", "heading", "subheading") else 0
        text = "　" * indent + line.text
        for start in range(0, len(text), width if line.kind == "title" else per_line):
            piece = text[start : start + (width if line.kind == "title" else per_line)]
            if y > HEIGHT - MARGIN_BOTTOM:
                result.append(Image.new("RGB", (WIDTH, HEIGHT), "white"))
                draw = ImageDraw.Draw(result[-1])
                y = MARGIN_TOP
            x = MARGIN_X
            if line.kind in ("title", "issuer"):
                x = (WIDTH - size * len(piece)) // 2
            elif line.kind == "signature":
                x = WIDTH - MARGIN_X - size * len(piece) - 2 * size
                signature_at = signature_at or (x + size * len(piece) // 2, y + size)
            draw.text((x, y), piece, font=font, fill="black")
            y += int(LEADING * (1.4 if line.kind == "title" else 1))
    if signature_at is not None:
        _seal(result[-1], signature_at)
    return result


def _seal(page, centre: tuple[int, int], radius: int = 110) -> None:
    """A round red seal with a star and the issuer's name around the rim, half transparent, as stamped."""
    from PIL import Image, ImageDraw

    layer = Image.new("RGBA", page.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    cx, cy = centre
    red = (220, 30, 30, 170)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=red, width=8)
    star = [(cx + 40 * math.cos(math.pi / 2 + k * 4 * math.pi / 5), cy - 40 * math.sin(math.pi / 2 + k * 4 * math.pi / 5)) for k in range(5)]
    draw.polygon(star, fill=red)
    font = _font(26)
    name = "青溪县人民政府"
    for index, char in enumerate(name):
        angle = math.pi * (0.85 - 0.7 * index / (len(name) - 1))
        draw.text((cx + 78 * math.cos(angle) - 13, cy - 78 * math.sin(angle) - 13), char, font=font, fill=red)
    page.paste(Image.alpha_composite(page.convert("RGBA"), layer).convert("RGB"))


def scanned_pdf(text_path: Path, out: Path) -> Path:
    """An image-only PDF of the report, as a scanner writes one."""
    images = pages(text_path)
    images[0].save(out, "PDF", resolution=DPI, save_all=True, append_images=images[1:])
    return out


def photo(text_path: Path, out: Path) -> Path:
    """Page one as a PNG, as a phone photo of the first page arrives (greyish paper)."""
    from PIL import ImageEnhance

    first = pages(text_path)[0]
    ImageEnhance.Brightness(first).enhance(0.92).save(out, "PNG")
    return out
