"""Normalisation: from source lines to clean paragraphs, keeping every character's original line.

Matching Chinese text fuzzily only works on a canonical form: one width for digits and
punctuation, no spaces inside Chinese ("2023 年"), no Markdown emphasis (``**二是**``), no
web-page furniture, and sentences rejoined where a page break or hard wrap cut them.
``rapidfuzz.utils.default_process`` would do part of this but shifts offsets, so we do it
here, carrying for each output character the number of the line it came from.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import repeat

from checker.common import re_cache
from checker.common.chinese import (
    HEADING_MAX_CHARS,
    HEADING_START,
    MASTHEAD_DATE,
    OUTLINE_START,
    PAGE_META_ALIASES,
    PAGE_META_KEYS,
    PAGE_META_STOPS,
    fold_traditional,
    fold_width,
    is_cjk,
)
from checker.reading.source import SourceLine

TERMINAL = "。！？；：…」』”"
# A line starting with heading numbering (a 一是 item is never a heading line) may be a short heading.

# Lines that web pages wrap around an article; they are not part of the report.
_FURNITURE = re_cache.compile(
    r"^(?:[|｜]+|附件下载[：]?|扫一扫在手机上查看当前页面|分享到[：]?.*|(?:首页|当前位置[：]?.*?)\s*[>＞›»].*|"
    r"(?:\s*(?:【[^】]*】|打印本页|关闭窗口|返回顶部|无障碍|简体|繁体|长者模式|[|｜/]))+)$"
)
# Breadcrumbs ("您所在的位置：首页 > …"), "今天是" and weekday mastheads, copyright notices.
_FURNITURE_LINE = re_cache.compile(r"^(?:您?(?:当前|现在|所在)的?位置[：:]|版权(?:声明|所有)|免责声明|今天是[：:])")
# A metadata block, also as a Markdown list ("- 发布机构：…") or a pipe table ("| 发文机关: | … |"),
# several keys to a line ("来源：… 发布时间：…"). Keys are matched with the spaces tables put between
# their characters already removed by ``_clean_line``.
_META_NAMES = sorted((*PAGE_META_KEYS, *PAGE_META_ALIASES, *PAGE_META_STOPS), key=len, reverse=True)
_META_KEY = re_cache.compile("(" + "|".join(_META_NAMES) + ")[：]")
_META_LEAD = re_cache.compile(r"^[-*•·|｜\s]*")
# A mirror site's watermark glued to the front of a line: its name, then its web address.
_WATERMARK = re_cache.compile(r"^[^。，；：]{0,30}?(?:https?://|www\.)[A-Za-z0-9.\-/]+\.[A-Za-z]{2,}(?=[\u4e00-\u9fff])")

# Below this many characters, a line with no closing punctuation is a heading, title or
# signature, not half of a sentence broken by a page break.
JOIN_MIN_CHARS = 20


_FIRST_RUN = (0,)


class LineMap:
    """The original line of every character of a paragraph, stored as runs: one (first offset, line)
    pair per original line the paragraph spans, not one entry per character.

    A list with one line number per character cost 8 bytes a character, the largest part of the
    memory a 20 MB report took (docs/performance.md); a paragraph spans a few lines, so runs are
    a few pairs. Reads as a sequence (``lines[i]``, ``len``, iteration), as the list did.
    """

    __slots__ = ("_starts", "_numbers", "_length")

    def __init__(self, number: int, length: int) -> None:
        """``length`` characters, all from line ``number``."""
        # Tuples, one shared for the first start: most paragraphs are one line, and a tuple is
        # smaller than a list; a paragraph rejoined from several lines gets lists.
        self._starts: tuple[int, ...] | list[int] = _FIRST_RUN
        self._numbers: tuple[int, ...] | list[int] = (number,)
        self._length = length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, offset: int) -> int:
        if offset < 0:
            offset += self._length
        if not 0 <= offset < self._length:
            raise IndexError("line map offset out of range")
        return self._numbers[bisect_right(self._starts, offset) - 1]

    def at(self, offset: int) -> int:
        """The line of the character at ``offset``, clamped to the map (an empty map: its one line).

        Most paragraphs are one line, and every quote, evidence line and annotation asks this: a map
        of one run answers without clamping or bisecting."""
        numbers = self._numbers
        if len(numbers) == 1:
            return numbers[0]
        return numbers[bisect_right(self._starts, max(0, min(offset, self._length - 1))) - 1]

    def __iter__(self) -> Iterator[int]:
        ends = [*self._starts[1:], self._length]
        for start, end, number in zip(self._starts, ends, self._numbers):
            yield from repeat(number, end - start)

    def __repr__(self) -> str:
        return f"LineMap({list(zip(self._starts, self._numbers))}, length={self._length})"

    @property
    def numbers(self) -> list[int]:
        """The lines of the runs, in order (a line appears once per run)."""
        return list(self._numbers)

    def extend(self, other: LineMap) -> None:
        """Append ``other``'s characters (the next line's, when a broken sentence is rejoined)."""
        # (lists from the first join on, appended to in place: a paragraph rejoined from many lines stays linear)
        starts = self._starts if isinstance(self._starts, list) else list(self._starts)
        numbers = self._numbers if isinstance(self._numbers, list) else list(self._numbers)
        for start, number in zip(other._starts, other._numbers):
            if number != numbers[-1]:
                starts.append(self._length + start)
                numbers.append(number)
        self._starts, self._numbers = starts, numbers
        self._length += other._length

    def after(self, offset: int) -> LineMap:
        """The map of the characters from ``offset`` on (a watermark cut off the front)."""
        rest = LineMap(self[offset] if offset < self._length else self._numbers[-1], max(0, self._length - offset))
        later = [(start - offset, number) for start, number in zip(self._starts, self._numbers) if start > offset]
        if later:
            rest._starts = (0, *(start for start, _ in later))
            rest._numbers = (*rest._numbers, *(number for _, number in later))
        return rest

    def span(self, line: int, begin: int, end: int) -> tuple[int, int]:
        """Offsets, relative to ``begin``, of the first character of ``[begin, end)`` on ``line`` and one
        past its last; offsets past the map count as its last line (``ValueError`` if none is on it)."""
        if len(self._numbers) == 1:  # most paragraphs are one line: every quote asks this
            if self._numbers[0] == line and begin < end:
                return 0, end - begin
            raise ValueError(f"line {line} is not in the span")
        first = last = None
        position = max(0, bisect_right(self._starts, begin) - 1)
        while position < len(self._starts):
            low = max(begin, self._starts[position])
            if low >= end:
                break
            high = end if position + 1 == len(self._starts) else min(end, self._starts[position + 1])
            if self._numbers[position] == line and low < high:
                first = low if first is None else first
                last = high
            position += 1
        if first is None or last is None:
            raise ValueError(f"line {line} is not in the span")
        return first - begin, last - begin


@dataclass(slots=True)
class Paragraph:
    """A paragraph of normalised text; ``lines[i]`` is the original line of ``text[i]``."""

    text: str
    lines: LineMap
    heading_level: int | None = None
    list_item: bool = False
    # Line number → page, shared by every paragraph of a report whose format has pages (PDF), so
    # evidence gets its page where it is made.
    pages: dict[int, int] = field(default_factory=dict, repr=False, compare=False)

    def page(self, line: int) -> int | None:
        """The page of original line ``line``, for formats that have pages."""
        return self.pages.get(line)

    @property
    def first_line(self) -> int:
        return self.lines[0]

    def line_at(self, offset: int) -> int:
        """The original line of the character at ``offset`` (clamped to the paragraph)."""
        return self.lines.at(offset)


@dataclass
class NormalisedText:
    """The report as paragraphs, plus the web page's metadata block if it had one."""

    paragraphs: list[Paragraph]
    page_meta: dict[str, str] = field(default_factory=dict)


def _clean_line(source: SourceLine) -> tuple[str, LineMap]:
    """Normalise one line: script, width, emphasis, and spaces that sit next to Chinese text."""
    text = fold_width(fold_traditional(source.text.replace("**", "").replace("\u200b", "").replace("\ufeff", "")))
    if " " in text:
        text = _SPACES.sub(lambda run: _space_kept(text, run.start(), run.end()), text)
    cleaned = text.strip()
    return cleaned, LineMap(source.number, len(cleaned))


_SPACES = re_cache.compile(" +")
_SENTENCE_MARK = re_cache.compile("[。；！？]")  # a sentence ends here: not a heading
_PIPE = re_cache.compile("[|｜]")


def _space_kept(text: str, start: int, end: int) -> str:
    """A run of spaces becomes one space between two non-Chinese characters ("Windows 10"), else nothing."""
    if start == 0 or end == len(text) or is_cjk(text[start - 1]) or is_cjk(text[end]):
        return ""
    return " "


def _looks_like_heading(paragraph: Paragraph) -> bool:
    text = paragraph.text
    if paragraph.heading_level is not None:
        return True
    if len(text) < JOIN_MIN_CHARS:
        return True
    return bool(HEADING_START.match(text)) and len(text) <= HEADING_MAX_CHARS and not _SENTENCE_MARK.search(text)


def _continues(
    paragraph: Paragraph, next_text: str, next_heading: int | None, next_list_item: bool = False, page_break: bool = False
) -> bool:
    """Whether the next line is the rest of a sentence that a page break or hard wrap cut."""
    if next_heading is not None or next_list_item or paragraph.text[-1] in TERMINAL or paragraph.text.endswith("报告"):
        return False
    if next_text[-1] in "：:" and len(next_text) < JOIN_MIN_CHARS:  # a salutation such as "市政府："
        return False
    if OUTLINE_START.match(next_text) or _looks_like_heading(paragraph):
        return False
    if not page_break and _heading_shaped(paragraph) and len(next_text) > len(paragraph.text) + WRAP_SLACK:
        return False  # a hard wrap cuts lines to one width: a short line before a longer one was not cut
    # (across a page break the line before is the page's last, cut wherever the page ended)
    return True


# Lines cut by a hard wrap differ in length by a few characters (indents, punctuation); a line
# this much shorter than the next was ended by its writer, not by the wrap.
WRAP_SLACK = 5


def _heading_shaped(paragraph: Paragraph) -> bool:
    """One line, heading length, no sentence punctuation, not ending mid-phrase (，、 or an open quote)."""
    text = paragraph.text
    return (
        len(set(paragraph.lines.numbers)) == 1
        and len(text) <= HEADING_MAX_CHARS
        and not _SENTENCE_MARK.search(text)
        and text[-1] not in "，、（“《‘"
    )


def _page_meta(text: str) -> dict[str, str] | None:
    """The key–value pairs of a metadata line, or None if the line is not one."""
    if text.count("|") + text.count("｜") >= 2:  # a pipe-table row: key and value cells alternate
        cells = [cell.strip().rstrip("：") for cell in _PIPE.split(text.strip(" |｜"))]
        if cells and cells[0] in _META_NAMES:
            pairs: dict[str, str] = {}
            for key, value in zip(cells[::2], cells[1::2]):
                name = PAGE_META_ALIASES.get(key, key)
                if name in PAGE_META_KEYS and value:
                    pairs.setdefault(name, value)
            return pairs
    lead = _META_LEAD.match(text)
    body = text[lead.end() if lead else 0 :]
    keys = list(_META_KEY.finditer(body))
    if not keys or keys[0].start() != 0:
        return None
    found: dict[str, str] = {}
    for key, following in zip(keys, [*keys[1:], None]):
        value = body[key.end() : following.start() if following else len(body)].strip(" |｜")
        name = PAGE_META_ALIASES.get(key.group(1), key.group(1))
        if name in PAGE_META_KEYS and value and name not in found:
            found[name] = value
    return found


def _in_title_block(paragraphs: list[Paragraph]) -> bool:
    """Nothing but short lines so far: a metadata block may still come (above or just below the title)."""
    return all(len(p.text) <= HEADING_MAX_CHARS * 2 and not _SENTENCE_MARK.search(p.text) for p in paragraphs)


def normalise(lines: list[SourceLine]) -> NormalisedText:
    """Turn source lines into paragraphs: drop furniture, capture page metadata, rejoin broken sentences."""
    paragraphs: list[Paragraph] = []
    page_meta: dict[str, str] = {}
    pages = {line.number: line.page for line in lines if line.page is not None}
    # Paragraphs only grow and are only appended to: once the title block has ended, it stays ended.
    title_block = True
    for source in lines:
        text, mapping = _clean_line(source)
        if not text or _FURNITURE.match(text) or _FURNITURE_LINE.match(text) or MASTHEAD_DATE.match(text):
            continue
        if (watermark := _WATERMARK.match(text)) is not None:
            text, mapping = text[watermark.end() :], mapping.after(watermark.end())
        title_block = title_block and _in_title_block(paragraphs)
        meta = _page_meta(text) if title_block else None
        if meta is not None:
            for key, value in meta.items():
                page_meta.setdefault(key, value)
            continue
        page_break = bool(paragraphs) and source.page is not None and paragraphs[-1].page(paragraphs[-1].lines[-1]) != source.page
        if paragraphs and _continues(paragraphs[-1], text, source.heading_level, source.list_item, page_break):
            paragraphs[-1].text += text
            paragraphs[-1].lines.extend(mapping)
            continue
        paragraphs.append(Paragraph(text, mapping, source.heading_level, source.list_item, pages))
    return NormalisedText(paragraphs, page_meta)
