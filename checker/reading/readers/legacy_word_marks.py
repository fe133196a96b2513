"""Tracked changes and hidden text in Word 97–2003 / WPS binaries, from their character properties.

wps2md reads the text stream as stored, where a binary .doc keeps deleted text (marked, not removed)
beside inserted text. Which runs are which is told by the character properties: the PlcfBteChpx
(FIB pair 12) points at 512-byte CHPX pages, each mapping text ranges (file offsets) to a list of
sprms; ``sprmCFRMarkDel`` (0x0800) marks a tracked deletion, ``sprmCFRMarkIns`` (0x0801) a tracked
insertion and ``sprmCFVanish`` (0x083C) hidden text (MS-DOC 2.6.1). Adjacent runs of one kind are
joined, so "另清理规章" "2" "件。" is one insertion.
"""

from __future__ import annotations

import struct

_FIB_RGFCLCB = 0x9A
_PLCFBTECHPX = 12
_PAGE = 512
_KINDS = {0x0800: "deletion", 0x0801: "insertion", 0x083C: "hidden"}
_ON = (0x01, 0x81)  # a toggle set on, or to the opposite of its style's (off in every style we meet)
# Operand sizes by the sprm's spra (its top three bits); 6 means the size is the first operand byte.
_SIZES = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}
MAX_MARKS = 1000


def marks(word_document: bytes, table: bytes) -> list[tuple[str, str]]:
    """(kind, text) of every tracked insertion, deletion and hidden run, in file order; [] when unreadable."""
    try:
        return _marks(word_document, table)
    except (struct.error, IndexError):
        return []


def _marks(wd: bytes, table: bytes) -> list[tuple[str, str]]:
    fc, lcb = struct.unpack_from("<II", wd, _FIB_RGFCLCB + _PLCFBTECHPX * 8)
    if lcb < 12 or fc + lcb > len(table):
        return []
    count = (lcb - 4) // 8
    pages = struct.unpack_from(f"<{count}I", table, fc + (count + 1) * 4)
    runs: list[tuple[int, int, str]] = []
    for page_number in pages:
        page = wd[page_number * _PAGE : (page_number + 1) * _PAGE]
        if len(page) < _PAGE:
            continue
        crun = page[_PAGE - 1]
        bounds = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for index in range(crun):
            offset = page[(crun + 1) * 4 + index] * 2
            if not offset:
                continue
            kind = _kind(page[offset + 1 : offset + 1 + page[offset]])
            if kind is not None:
                runs.append((bounds[index], bounds[index + 1], kind))
    found: list[tuple[str, str]] = []
    last_end, last_kind = -1, ""
    for start, end, kind in sorted(runs):
        text = wd[start:end].decode("utf-16-le", errors="replace").replace("\r", "").replace("\x07", "")
        if found and start == last_end and kind == last_kind:
            found[-1] = (kind, found[-1][1] + text)
        elif text.strip():
            if len(found) >= MAX_MARKS:
                break
            found.append((kind, text))
        last_end, last_kind = end, kind
    return found


def _kind(grpprl: bytes) -> str | None:
    position = 0
    while position + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, position)[0]
        spra = sprm >> 13
        size = grpprl[position + 2] + 1 if spra == 6 else _SIZES[spra]
        operand = grpprl[position + 2 : position + 2 + size]
        if sprm in _KINDS and operand and operand[0] in _ON:
            return _KINDS[sprm]
        position += 2 + size
    return None
