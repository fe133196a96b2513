"""List numbering of Word 97–2003 / WPS binaries: the labels ("一、", "（二）") Word draws but does not store.

wps2md gives each paragraph its list reference (``ilfo``, 1-based into PlfLfo) and level, but not
the label; the outline finds sections by that numbering, so as for .docx we compute it. The table
stream holds PlfLst (LSTF records, then each list's LVLs: LVLF with the start value, number format
``nfc`` and what follows the label, then the level text ``xst`` whose characters 0–8 stand for the
counters of levels 1–9) and PlfLfo (LFO records naming a list by ``lsid``) — MS-DOC 2.9.131, 2.9.150.
Any structure that does not parse leaves the document without labels, as wps2md reads it.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from checker.reading.readers.docx_numbering import format_number

_FIB_RGFCLCB = 0x9A  # FibRgFcLcb97 starts here in a Word 97+ FIB
_PLFLST, _PLFLFO = 73, 74  # their indexes among the fc/lcb pairs
_LSTF, _LVLF, _LFO = 28, 28, 16
# nfc codes (MS-DOC 2.9.166, the order of OOXML's ST_NumberFormat) to the names format_number knows.
_NFC = {
    0: "decimal", 1: "upperRoman", 2: "lowerRoman", 3: "upperLetter", 4: "lowerLetter", 14: "decimalFullWidth",
    18: "decimalEnclosedCircle", 22: "decimalZero", 23: "bullet", 30: "ideographTraditional", 31: "ideographZodiac",
    33: "taiwaneseCounting", 35: "taiwaneseCountingThousand", 37: "chineseCounting", 38: "chineseLegalSimplified",
    39: "chineseCountingThousand", 255: "none",
}


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str  # the level text, characters "\x00"–"\x08" standing for the counters
    follow: str  # what comes after the label: " " for a tab or a space, "" for nothing


class LegacyNumbering:
    """Counts list items in document order and renders their labels."""

    def __init__(self, word_document: bytes, table: bytes) -> None:
        self.lists: dict[int, list[_Level]] = {}  # lsid → its levels
        self.lfo: dict[int, int] = {}  # ilfo → lsid
        self.counters: dict[int, dict[int, int]] = {}
        try:
            self._parse(word_document, table)
        except (struct.error, IndexError, UnicodeDecodeError):
            self.lists, self.lfo = {}, {}

    def _parse(self, wd: bytes, table: bytes) -> None:
        fc_lst, lcb_lst = struct.unpack_from("<II", wd, _FIB_RGFCLCB + _PLFLST * 8)
        fc_lfo, lcb_lfo = struct.unpack_from("<II", wd, _FIB_RGFCLCB + _PLFLFO * 8)
        if lcb_lst < 2 or lcb_lfo < 4 or fc_lst + lcb_lst > len(table) or fc_lfo + lcb_lfo > len(table):
            return
        lists = table[fc_lst : fc_lst + lcb_lst]
        count = struct.unpack_from("<H", lists, 0)[0]
        cursor = fc_lst + lcb_lst  # the LVLs follow PlfLst
        for index in range(count):
            lsid = struct.unpack_from("<i", lists, 2 + index * _LSTF)[0]
            simple = lists[2 + index * _LSTF + 26] & 0x01
            levels = []
            for _ in range(1 if simple else 9):
                start = struct.unpack_from("<i", table, cursor)[0]
                nfc, follow = table[cursor + 4], table[cursor + 15]
                chpx, papx = table[cursor + 24], table[cursor + 25]
                text_at = cursor + _LVLF + papx + chpx
                length = struct.unpack_from("<H", table, text_at)[0]
                text = table[text_at + 2 : text_at + 2 + 2 * length].decode("utf-16-le")
                cursor = text_at + 2 + 2 * length
                levels.append(_Level(start, _NFC.get(nfc, "decimal"), text, "" if follow == 2 else " "))
            self.lists[lsid] = levels
        lfos = table[fc_lfo : fc_lfo + lcb_lfo]
        for index in range(struct.unpack_from("<I", lfos, 0)[0]):
            self.lfo[index + 1] = struct.unpack_from("<i", lfos, 4 + index * _LFO)[0]

    def label(self, ilfo: int, ilvl: int) -> str:
        """The label of the next item at ``ilvl`` of the list ``ilfo`` points at (with what follows it), or ""."""
        lsid = self.lfo.get(ilfo)
        levels = self.lists.get(lsid) if lsid is not None else None
        if not levels or ilvl >= len(levels):
            return ""
        counters = self.counters.setdefault(lsid, {})  # type: ignore[arg-type]
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]  # a higher-level item restarts the levels below it
        this = levels[ilvl]
        if this.fmt in ("bullet", "none"):
            return ""
        out = []
        for char in this.text:
            level = ord(char)
            if level < len(levels):
                out.append(format_number(counters.get(level, levels[level].start), levels[level].fmt))
            else:
                out.append(char)
        return "".join(out) + this.follow
