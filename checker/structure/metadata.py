"""Metadata: title, issuer, year, recipient and dates, read from the title block and signature.

Reports put these in predictable places: an issuer line and a title ("…关于2023年度…的报告",
sometimes split over two lines) at the top, a salutation ("市政府：") before the body, and the
issuer and date at the end. Web pages add a metadata block whose 发布日期 is the publication
date, which matters for the 4月1日 deadline.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from checker.reading.normalise import NormalisedText
from checker.structure.outline import Outline
from checker.result import Metadata

ISSUER_END = re.compile(r"(?:人民政府|政府|委员会|局|厅|委|办公室|办|中心|管委会|县委|市委)$")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_CN_DATE = re.compile(r"^([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$")
_ISO_LIKE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")


def _cn_number(text: str) -> int:
    """二十八 → 28, 十二 → 12, 十 → 10."""
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[char]) for char in text))
    tens, _, units = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """A signature or publication date as ISO ``YYYY-MM-DD``, or None if ``text`` is not one."""
    text = text.strip()
    if found := _DATE.match(text):
        return _iso(*map(int, found.groups()))
    if found := _CN_DATE.match(text):
        return _iso(int("".join(str(_CN_DIGITS[c]) for c in found.group(1))), _cn_number(found.group(2)), _cn_number(found.group(3)))
    if found := _ISO_LIKE.match(text):
        return _iso(*map(int, found.groups()))
    return None


def _title(front: list[str]) -> str | None:
    for index, line in enumerate(front):
        if "报告" in line or "法治政府建设" in line:
            previous = front[index - 1] if index else ""
            # A title split over two lines: "…关于2023年度" / "法治政府建设情况的报告".
            if previous and "报告" not in previous and re.search(r"关于|\d{4}年度?$", previous):
                return previous + line
            return line
    return None


def _issuer(front: list[str], back: list[str], title: str | None, page_meta: dict[str, str]) -> str | None:
    for line in reversed(back):
        if parse_date(line) is None and ISSUER_END.search(line):
            return line
    for line in front:
        if line != title and ISSUER_END.search(line) and not line.endswith("："):
            return line
    if title:
        prefix = re.split(r"关于|\d{4}年", title, maxsplit=1)[0]
        if prefix:
            return prefix
    return page_meta.get("发布机构")


def extract(normalised: NormalisedText, outline: Outline) -> Metadata:
    """Read the report's metadata from its front and back matter and any web-page metadata block."""
    front = [paragraph.text for paragraph in outline.front]
    back = [paragraph.text for paragraph in outline.back]
    title = _title(front)
    signed = next((parsed for line in reversed(back) if (parsed := parse_date(line))), None)
    recipient = next((line.rstrip("：:") for line in front if line.endswith(("：", ":"))), None)
    year = None
    if title and (found := _YEAR.search(title)):
        year = int(found.group(1))
    else:
        body_years = Counter(int(y) for sentence in outline.sentences[:40] for y in _YEAR.findall(sentence.text))
        if body_years:
            year = body_years.most_common(1)[0][0]
    published = parse_date(normalised.page_meta.get("发布日期", ""))
    return Metadata(
        title=title,
        issuer=_issuer(front, back, title, normalised.page_meta),
        year=year,
        date=signed,
        recipient=recipient,
        published=published,
    )
