"""Word list numbering: the labels ("一、", "（二）", "3.") that Word draws but does not store as text.

A report typed with automatic numbering holds "主要举措和成效" in its XML, while the reader
of the document sees "一、主要举措和成效". The outline finds sections by that numbering,
so we compute each label from ``word/numbering.xml`` (format, level text, start value and
restarts) and put it in front of the paragraph text, as if it had been typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _val(element: etree._Element | None, child: str, default: str | None = None) -> str | None:
    found = element.find(W + child) if element is not None else None
    return found.get(W + "val", default) if found is not None else default


def chinese_number(value: int, digits: str = _CN_DIGITS, ten: str = "十") -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十: Word's chineseCounting (reports never count to a hundred)."""
    if value < 10:
        return digits[value]
    if value < 20:
        return ten + (digits[value % 10] if value % 10 else "")
    if value < 100:
        return digits[value // 10] + ten + (digits[value % 10] if value % 10 else "")
    return str(value)


def _roman(value: int) -> str:
    numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for amount, numeral in numerals:
        count, value = divmod(value, amount)
        out.append(numeral * count)
    return "".join(out)


def _letter(value: int) -> str:
    """Word's letter numbering: A…Z, then AA…ZZ."""
    return chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def format_number(value: int, fmt: str) -> str:
    """One counter in one of Word's number formats (unknown formats fall back to decimal, as Word does)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese_number(value)
    if fmt == "chineseLegalSimplified":
        return chinese_number(value, _CN_LEGAL, "拾")
    if fmt == "ideographTraditional" and 1 <= value <= len(_HEAVENLY_STEMS):
        return _HEAVENLY_STEMS[value - 1]
    if fmt == "ideographZodiac" and 1 <= value <= len(_EARTHLY_BRANCHES):
        return _EARTHLY_BRANCHES[value - 1]
    if fmt.startswith("decimalEnclosedCircle") and 1 <= value <= len(_CIRCLED):
        return _CIRCLED[value - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(digit) + 0xFEE0) for digit in str(value))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(value) if fmt == "upperRoman" else _roman(value).lower()
    if fmt in ("upperLetter", "lowerLetter"):
        return _letter(value) if fmt == "upperLetter" else _letter(value).lower()
    return str(value)


@dataclass(frozen=True)
class Level:
    """One level of a list definition: where it starts, how it is written and what follows the label."""

    start: int
    fmt: str
    text: str
    suffix: str


class Numbering:
    """Counts list items in document order and renders their labels."""

    def __init__(self, numbering: etree._Element | None) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstractNumId, start overrides)
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if numbering is None:
            return
        for abstract in numbering.iter(W + "abstractNum"):
            levels = {}
            for lvl in abstract.iter(W + "lvl"):
                levels[int(lvl.get(W + "ilvl", "0"))] = Level(
                    start=int(_val(lvl, "start", "1") or 1),
                    fmt=_val(lvl, "numFmt", "decimal") or "decimal",
                    text=_val(lvl, "lvlText", "") or "",
                    suffix=_val(lvl, "suff", "tab") or "tab",
                )
            self.abstract[abstract.get(W + "abstractNumId", "")] = levels
        for num in numbering.iter(W + "num"):
            overrides = {}
            for override in num.iter(W + "lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    overrides[int(override.get(W + "ilvl", "0"))] = int(start)
            self.nums[num.get(W + "numId", "")] = (_val(num, "abstractNumId", "") or "", overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        """The label of the next item at ``ilvl`` of list ``num_id`` (with the space or tab after it), or ""."""
        if num_id not in self.nums:
            return ""  # numId 0 means "no numbering"; unknown ids draw nothing in Word either
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:  # a list instance with a start override restarts the list
            self.started.add(num_id)
            for level, start in overrides.items():
                counters[level] = start - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]  # a higher-level item restarts the levels below it
        this = levels[ilvl]
        if this.fmt in ("bullet", "none"):
            return ""
        text = this.text
        for index in range(9):
            if f"%{index + 1}" in text:
                value = counters.get(index, levels[index].start if index in levels else 1)
                fmt = levels[index].fmt if index in levels else "decimal"
                text = text.replace(f"%{index + 1}", format_number(value, fmt))
        return text + ("" if this.suffix == "nothing" else " ")
