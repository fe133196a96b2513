"""The file sent is the final copy: no unaccepted tracked changes (修订), comments (批注) or hidden text left in.

A drafting team passes the report round for comments in Word or WPS; a copy sent with the
revisions still marked, comments in the margin or text formatted hidden shows readers what was
struck out and said about it. The readers find these marks in .docx (``w:ins``, ``w:del``,
``w:commentReference``, runs with ``w:vanish``), the same in .doc/.wps (from their character
properties; comments without a paragraph), and ``<ins>``/``<del>`` in
a web page saved from a word processor; each gets a finding naming its paragraph (or source line)
and the text. With tracked changes the report is checked as it reads with every change accepted
(insertions kept, deletions dropped), and the finding says so. Plain text has no such marks.

PASS:
    <html><body><h1>青溪县人民政府关于2025年度法治政府建设情况的报告</h1>
    <p>一、2025年度推进法治政府建设的主要举措和成效</p>
    <p>全年制定行政规范性文件11件，均经合法性审核。</p>
    <p>青溪县人民政府</p><p>2026年2月12日</p></body></html>

FAIL:
    <html><body><h1>青溪县人民政府关于2025年度法治政府建设情况的报告</h1>
    <p>一、2025年度推进法治政府建设的主要举措和成效</p>
    <p>全年制定行政规范性文件<del>9</del><ins>11</ins>件，均经合法性审核。</p>
    <p>青溪县人民政府</p><p>2026年2月12日</p></body></html>
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from checker.reading.source import DRAFT_KINDS, DraftMark
from checker.result import Evidence
from checker.rules.registry import Context, Flag, Param

TITLE = "报送文件中没有未处理的修订、批注和隐藏文字"
COMPARES = False
PARAMS: dict = {
    "kinds": Param("regexes", "要报告的痕迹种类（insertion、deletion、comment、hidden 中的若干个，按名称匹配）"),
}
DEFAULTS: dict[str, Any] = {"kinds": ["insertion", "deletion", "comment", "hidden"]}
# One finding per kind lists at most this many places; the count says how many there are.
MAX_PLACES = 5


def check(context: Context, params: dict[str, Any]) -> Iterator[Flag]:
    wanted = set(params["kinds"])
    by_kind: dict[str, list[DraftMark]] = defaultdict(list)
    for mark in context.drafts:
        if mark.kind in wanted:
            by_kind[mark.kind].append(mark)
    tracked = any(kind in by_kind for kind in ("insertion", "deletion"))
    for kind in DRAFT_KINDS:
        marks = by_kind.get(kind)
        if not marks:
            continue
        places = "、".join(_place(mark, context.line_unit) for mark in marks[:MAX_PLACES]) + ("等" if len(marks) > MAX_PLACES else "")
        checked = "；本次按接受全部修订后的文字检查" if tracked and kind in ("insertion", "deletion") and context.checked_text == "accepted" else ""
        yield Flag(
            f"文件中仍有{DRAFT_KINDS[kind]} {len(marks)} 处（{places}），报送前请处理{checked}",
            tuple(_evidence(mark) for mark in marks[:MAX_PLACES] if mark.line is not None),
        )


def _place(mark: DraftMark, unit: str) -> str:
    where = f"第 {mark.line} {'段' if unit == 'paragraph' else '行'}" if mark.line is not None else "位置未知"
    return f"{where}“{mark.text}”" if mark.text else where


def _evidence(mark: DraftMark) -> Evidence:
    return Evidence(line=mark.line or 1, section=(), quote=mark.text, matched=DRAFT_KINDS[mark.kind], kind="draft")
