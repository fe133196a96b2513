"""Metadata: title, issuer, year, recipient and dates, read from the title block and signature.

Reports put these in predictable places: an issuer line and a title ("…关于2023年度…的报告",
sometimes split over two lines) at the top, a salutation ("市政府：") before the body, and the
issuer and date at the end. Web pages add a metadata block whose 发布日期 is the publication
date, which matters for the 4月1日 deadline.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from checker.common import re_cache
from checker.common.chinese import ISSUER_END, YEAR, parse_date
from checker.reading.normalise import NormalisedText
from checker.structure.outline import Outline

# The first line of a title split over two ("…关于2023年度" / "法治政府建设情况的报告").
_TITLE_OPENING = re_cache.compile(r"关于|\d{4}年度?$")
# What a title holds before its subject: the issuer ("青溪县人民政府关于…", "青溪县2025年度…").
_BEFORE_SUBJECT = re_cache.compile(r"关于|\d{4}\s*年")


@dataclass(frozen=True)
class Metadata:
    """What the report says about itself."""

    title: str | None
    issuer: str | None
    year: int | None
    date: str | None
    recipient: str | None
    published: str | None = None
    issuer_lines: tuple[str, ...] = ()  # every issuer-like line of the title block and the signature, in order
    # Where the issuer was read: "title", "signature", "issuer_line" (above the title) or "page_meta".
    issuer_source: str | None = None


def _issuer_lines(front: list[str], back: list[str], title: str | None) -> tuple[str, ...]:
    """Lines naming an issuing body: a joint report names 中共…委 and …人民政府 on two lines."""
    return tuple(
        line
        for line in (*front, *back)
        if line != title and len(line) <= 40 and ISSUER_END.search(line) and parse_date(line) is None and not line.endswith(("：", ":"))
    )


def _title(front: list[str]) -> str | None:
    for index, line in enumerate(front):
        if "报告" in line or "法治政府建设" in line:
            previous = front[index - 1] if index else ""
            # A title split over two lines: "…关于2023年度" / "法治政府建设情况的报告".
            if previous and "报告" not in previous and _TITLE_OPENING.search(previous):
                return previous + line
            return line
    return None


def _issuer(front: list[str], back: list[str], title: str | None, page_meta: dict[str, str]) -> tuple[str | None, str | None]:
    """The issuing body and where it was read.

    A title that opens with a full body name ("青溪县人民政府关于…", "中共青溪县委　青溪县人民政府…")
    is the surest source: web copies drop signatures and put furniture above the title. Then the
    signature, an issuer line in the title block, the page's metadata block (发布机构/发文机关),
    and last a short name before the year ("青溪县2025年度…报告" → 青溪县).
    """
    prefix = _BEFORE_SUBJECT.split(title, maxsplit=1)[0].strip() if title else ""
    if prefix and ISSUER_END.search(prefix):
        return prefix, "title"
    for line in reversed(back):
        if parse_date(line) is None and ISSUER_END.search(line):
            return line, "signature"
    for line in front:
        if line != title and ISSUER_END.search(line) and not line.endswith("："):
            return line, "issuer_line"
    if page_meta.get("发布机构"):
        return page_meta["发布机构"], "page_meta"
    if prefix:
        return prefix, "title"
    return None, None


def extract(normalised: NormalisedText, outline: Outline) -> Metadata:
    """Read the report's metadata from its front and back matter and any web-page metadata block."""
    front = [paragraph.text for paragraph in outline.front]
    back = [paragraph.text for paragraph in outline.back]
    title = _title(front)
    signed = next((parsed for line in reversed(back) if (parsed := parse_date(line))), None)
    recipient = next((line.rstrip("：:") for line in front if line.endswith(("：", ":"))), None)
    year = None
    if title and (found := YEAR.search(title)):
        year = int(found.group(1))
    else:
        body_years = Counter(int(y) for sentence in outline.sentences[:40] for y in YEAR.findall(sentence.text))
        if body_years:
            year = body_years.most_common(1)[0][0]
    published = parse_date(normalised.page_meta.get("发布日期", ""))
    issuer, issuer_source = _issuer(front, back, title, normalised.page_meta)
    return Metadata(
        title=title,
        issuer=issuer,
        issuer_source=issuer_source,
        year=year,
        date=signed,
        recipient=recipient,
        published=published,
        issuer_lines=_issuer_lines(front, back, title),
    )
