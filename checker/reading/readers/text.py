"""Plain-text reading: byte decoding and line splitting.

Reports arrive in UTF-8 (with or without BOM), UTF-16 from Windows tools (with or without a
BOM), GB18030/GBK from older Chinese office software, and now and then Big5 from a traditional
Chinese system. Strict decoders come first, in that order; a strict decode is only trusted when
the text reads as Chinese (GB18030 decodes almost any byte pairs, a Big5 file included, into
mojibake). What none of them reads is handed to charset-normalizer, whose guess is used only when
it too gives text that reads as Chinese; otherwise the file is refused naming the guess, never
checked as garbage.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from checker.common import re_cache
from checker.common.errors import InputError
from checker.reading.source import SourceLine

# At least this share of the visible characters must be ones a Chinese report is written in.
PLAUSIBLE_SHARE = 0.9
# Characters every report uses besides ideographs: ASCII, Latin-1 signs (×, ·), general punctuation
# (“”—…), letterlike and number forms (Ⅰ), enclosed numbers (①), CJK and full-width punctuation.
_SIGNS = re_cache.compile(r"[\x21-\x7e\u00a0-\u00ff\u2000-\u206f\u2100-\u218f\u2460-\u24ff\u3000-\u303f\ufe30-\ufe4f\uff00-\uffef]")
_IDEOGRAPH = re_cache.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_VISIBLE = re_cache.compile(r"\S")
# The part of a file looked at to judge an encoding: enough for a verdict, bounded for big files.
_SAMPLE_CHARS = 200_000


def decode(data: bytes, path: Path) -> str:
    """Decode report bytes, or raise ``InputError`` naming why they are not a text report."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{path}: 以 UTF-16 BOM 开头但内容无法解码") from None
    if b"\x00" in data:
        if (text := _utf16_without_bom(data)) is not None:
            return text
        raise InputError(f"{path}: 含有二进制数据（NUL 字节），不是文本报告")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if plausible(text, simplified=True):
            return text
    except UnicodeDecodeError:
        pass
    guess, text = _detect(data)
    if guess is not None and text is not None and plausible(text):
        return text
    named = f"；编码检测最接近的猜测是 {guess}，但按它解码后不像中文文字，把握不足" if guess else ""
    raise InputError(f"{path}: 无法解码：不是 UTF-8、UTF-16 或 GB18030/GBK 编码的文本{named}；请用编辑器另存为 UTF-8 后再检查")


def plausible(text: str, simplified: bool = False) -> bool:
    """Whether ``text`` reads as a Chinese report: nearly all its visible characters are ideographs or signs.

    With ``simplified``, an ideograph counts only when GB2312 has it (the 6,763 characters of
    everyday simplified Chinese), which is what tells a GBK report from Big5 bytes decoded as GBK.
    """
    sample = text[:_SAMPLE_CHARS]
    visible = len(_VISIBLE.findall(sample))
    if visible == 0:
        return True  # blank: the caller refuses it as empty
    ideographs = _IDEOGRAPH.findall(sample)
    if simplified:
        ideographs = [char for char in ideographs if _in_gb2312(char)]
    return (len(_SIGNS.findall(sample)) + len(ideographs)) >= PLAUSIBLE_SHARE * visible


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM (some Windows tools do): the byte order under which the text reads as Chinese."""
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and plausible(text):
            return text
    return None


def _detect(data: bytes) -> tuple[str | None, str | None]:
    """charset-normalizer's best guess for ``data`` and the text it gives, or (None, None)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 4 * _SAMPLE_CHARS]).best()
    if best is None:
        return None, None
    try:
        return best.encoding, data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return best.encoding, None


_NEWLINE = re_cache.compile(r"\r\n|\r|\n")


def lines(decoded: str) -> list[SourceLine]:
    """Split on LF, CRLF or CR only, numbering lines from 1 as editors do.

    ``str.splitlines`` would also split on form feeds and other separators that editors
    do not count, and every evidence line number after one would be off.
    """
    pieces = _NEWLINE.split(decoded)
    if pieces and pieces[-1] == "":
        pieces.pop()
    return [SourceLine(number, line) for number, line in enumerate(pieces, start=1)]
