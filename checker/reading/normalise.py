"""Normalisation: from source lines to clean paragraphs, keeping every character's original line.

Matching Chinese text fuzzily only works on a canonical form: one width for digits and
punctuation, no spaces inside Chinese ("2023 年"), no Markdown emphasis (``**二是**``), no
web-page furniture, and sentences rejoined where a page break or hard wrap cut them.
``rapidfuzz.utils.default_process`` would do part of this but shifts offsets, so we do it
here, carrying for each output character the number of the line it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.reading.readers import SourceLine

# Full-width ASCII letters, digits and signs become half-width; the sentence punctuation that
# Chinese writes full-width becomes full-width, so "(一)" and "（一）" compare equal.
_TO_FULLWIDTH = {"(": "（", ")": "）", ",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_KEEP_FULLWIDTH = set("（），；：！？")
# Figure, en and horizontal-bar dashes (Word's auto-format) become the Chinese range dash "—".
_DASHES = {"\u2012": "—", "\u2013": "—", "\u2015": "—"}

TERMINAL = "。！？；：…」』”"
_HEADING_NUMBER = r"[一二三四五六七八九十]+[、．.]|（[一二三四五六七八九十]+）|\d{1,2}[、．.](?!\d)|（\d{1,2}）"
# A line starting like this begins something new (a heading or a 一是 item), so it never continues the line before.
_OUTLINE_START = re.compile(rf"^(?:{_HEADING_NUMBER}|[一二三四五六七八九十]+是|[•●▪◆])")
# A 一是 item is never a heading line, so only these numbers can make a short line a heading.
_HEADING_START = re.compile(rf"^(?:{_HEADING_NUMBER})")

# Lines that web pages wrap around an article; they are not part of the report.
_FURNITURE = re.compile(
    r"^(?:[|｜]+|附件下载[：]?|扫一扫在手机上查看当前页面|分享到[：]?.*|(?:首页|当前位置[：]?.*?)\s*[>＞›»].*|"
    r"(?:\s*(?:【[^】]*】|打印本页|关闭窗口|返回顶部|无障碍|简体|繁体|长者模式|[|｜/]))+)$"
)
PAGE_META_KEYS = ("索引号", "发布机构", "文号", "发布日期", "成文日期", "主题分类", "有效性", "信息来源")
_PAGE_META = re.compile(r"^(" + "|".join(PAGE_META_KEYS) + r")[：]\s*(.*)$")

# Below this many characters, a line with no closing punctuation is a heading, title or
# signature, not half of a sentence broken by a page break.
JOIN_MIN_CHARS = 20
# A line starting with outline numbering and no sentence punctuation is a heading up to this length.
HEADING_MAX_CHARS = 40


@dataclass
class Paragraph:
    """A paragraph of normalised text; ``lines[i]`` is the original line of ``text[i]``."""

    text: str
    lines: list[int]
    heading_level: int | None = None
    list_item: bool = False

    @property
    def first_line(self) -> int:
        return self.lines[0]

    def line_at(self, offset: int) -> int:
        """The original line of the character at ``offset`` (clamped to the paragraph)."""
        return self.lines[max(0, min(offset, len(self.lines) - 1))]


@dataclass
class NormalisedText:
    """The report as paragraphs, plus the web page's metadata block if it had one."""

    paragraphs: list[Paragraph]
    page_meta: dict[str, str] = field(default_factory=dict)


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x3000 <= code <= 0x303F  # CJK punctuation 、。〔〕「」
        or 0xFF00 <= code <= 0xFFEF  # full-width forms （），：；
        or code in (0x201C, 0x201D, 0x2018, 0x2019, 0x2014, 0x2026)  # “ ” ‘ ’ — …
    )


def normalise_chars(text: str) -> str:
    """Canonical width for one string; one character out per character in, so offsets stay put."""
    out = []
    for index, char in enumerate(text):
        code = ord(char)
        if char == "\u3000" or char == "\t" or char == "\xa0":
            char = " "
        elif char in _DASHES:
            char = _DASHES[char]
        elif 0xFF01 <= code <= 0xFF5E and char not in _KEEP_FULLWIDTH:
            char = chr(code - 0xFEE0)
        if char in _TO_FULLWIDTH:
            between_digits = (
                char == "," and 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()
            )
            if not between_digits:
                char = _TO_FULLWIDTH[char]
        out.append(char)
    return "".join(out)


def _clean_line(source: SourceLine) -> tuple[str, list[int]]:
    """Normalise one line: width, emphasis, and spaces that sit next to Chinese text."""
    text = normalise_chars(source.text.replace("**", "").replace("\u200b", "").replace("\ufeff", ""))
    chars: list[str] = []
    for index, char in enumerate(text):
        if char == " ":
            left = chars[-1] if chars else ""
            right = text[index + 1 : index + 2]
            if not left or not right or right == " " or _is_cjk(left) or _is_cjk(right):
                continue
        chars.append(char)
    cleaned = "".join(chars).strip()
    return cleaned, [source.number] * len(cleaned)


def _looks_like_heading(paragraph: Paragraph) -> bool:
    text = paragraph.text
    if paragraph.heading_level is not None:
        return True
    if len(text) < JOIN_MIN_CHARS:
        return True
    return bool(_HEADING_START.match(text)) and len(text) <= HEADING_MAX_CHARS and not re.search("[。；！？]", text)


def _continues(paragraph: Paragraph, next_text: str, next_heading: int | None, next_list_item: bool = False) -> bool:
    """Whether the next line is the rest of a sentence that a page break or hard wrap cut."""
    if next_heading is not None or next_list_item or paragraph.text[-1] in TERMINAL or paragraph.text.endswith("报告"):
        return False
    if next_text[-1] in "：:" and len(next_text) < JOIN_MIN_CHARS:  # a salutation such as "市政府："
        return False
    if _OUTLINE_START.match(next_text) or _looks_like_heading(paragraph):
        return False
    return True


def normalise(lines: list[SourceLine]) -> NormalisedText:
    """Turn source lines into paragraphs: drop furniture, capture page metadata, rejoin broken sentences."""
    paragraphs: list[Paragraph] = []
    page_meta: dict[str, str] = {}
    for source in lines:
        text, mapping = _clean_line(source)
        if not text or _FURNITURE.match(text):
            continue
        meta = _PAGE_META.match(text)
        if meta and not paragraphs:
            page_meta[meta.group(1)] = meta.group(2).strip()
            continue
        if paragraphs and _continues(paragraphs[-1], text, source.heading_level, source.list_item):
            paragraphs[-1].text += text
            paragraphs[-1].lines.extend(mapping)
            continue
        paragraphs.append(Paragraph(text, mapping, source.heading_level, source.list_item))
    return NormalisedText(paragraphs, page_meta)
