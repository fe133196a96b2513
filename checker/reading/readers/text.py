"""Plain-text reading: byte decoding and line splitting.

Reports arrive in UTF-8 (with or without BOM), UTF-16 from Windows tools, and GB18030/GBK
from older Chinese office software. We try the strict decoders in that order and refuse
anything that decodes in none of them or looks binary, rather than guess and check garbage.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from checker.common.errors import InputError
from checker.reading.source import SourceLine


def decode(data: bytes, path: Path) -> str:
    """Decode report bytes, or raise ``InputError`` naming why they are not a text report."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{path}: 以 UTF-16 BOM 开头但内容无法解码") from None
    if b"\x00" in data:
        raise InputError(f"{path}: 含有二进制数据（NUL 字节），不是文本报告")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path}: 无法解码：既不是 UTF-8 也不是 GB18030/GBK 编码的文本")


_NEWLINE = re.compile(r"\r\n|\r|\n")


def lines(decoded: str) -> list[SourceLine]:
    """Split on LF, CRLF or CR only, numbering lines from 1 as editors do.

    ``str.splitlines`` would also split on form feeds and other separators that editors
    do not count, and every evidence line number after one would be off.
    """
    pieces = _NEWLINE.split(decoded)
    if pieces and pieces[-1] == "":
        pieces.pop()
    return [SourceLine(number, line) for number, line in enumerate(pieces, start=1)]
