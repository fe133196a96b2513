"""The reported year is the same in the title, the body, the plan and the signature.

Reports are often written by editing last year's: a plan still headed with the reported year,
a body that opens with last year, or a date from another year are the traces a reviewer spots.
The report's year (from its title) is compared with the years that open the body's paragraphs
and top-level headings (a different year and never the report's own), with the plan (it must
speak of the next year: a plan heading naming another year, or a plan sentence "2023年，我县将…"
in a 2023 report), and with the signature date (in the reported year or the next).

PASS:
    青溪县人民政府关于2025年度法治政府建设情况的报告
    云岭市人民政府：
    一、2025年度推进法治政府建设的主要举措和成效
    （一）优化营商环境。取消、下放行政权力事项27项，“一网通办”率达到97.6%。
    （二）规范执法。评查案卷320卷，下发整改通知书14份。
    二、存在的不足及原因
    一是执法文书不规范。二是基层力量薄弱。究其原因，乡镇审核人员多为兼职，培训不足。
    三、2026年工作安排
    （一）压实责任。2026年县政府常务会议会前学法不少于12次。
    （二）提升执法水平。年底前实现乡镇执法文书统一模板全覆盖。
    青溪县人民政府
    2026年2月12日

FAIL:
    青溪县人民政府关于2025年度法治政府建设情况的报告
    云岭市人民政府：
    一、2025年度推进法治政府建设的主要举措和成效
    （一）优化营商环境。取消、下放行政权力事项27项，“一网通办”率达到97.6%。
    （二）规范执法。评查案卷320卷，下发整改通知书14份。
    二、存在的不足及原因
    一是执法文书不规范。二是基层力量薄弱。究其原因，乡镇审核人员多为兼职，培训不足。
    三、2025年工作计划
    （一）压实责任。2026年县政府常务会议会前学法不少于12次。
    （二）提升执法水平。年底前实现乡镇执法文书统一模板全覆盖。
    青溪县人民政府
    2026年2月12日
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.analysis import evidence
from checker.common import re_cache
from checker.common.chinese import parse_date
from checker.result import Evidence
from checker.rules.parts import part
from checker.rules.registry import Context, Flag, Param
from checker.structure.outline import Sentence

TITLE = "标题、正文、下一年度安排和落款的年度一致"
COMPARES = False
PARAMS = {"plan": Param("element", "下一年度安排的要素 id：其标题和句子应写下一年度")}
DEFAULTS: dict[str, Any] = {}
_OPENING_YEAR = re_cache.compile(r"^((?:19|20)\d{2})年")
_ANY_YEAR = re_cache.compile(r"(?<![\d—\-－~～至到])((?:19|20)\d{2})年(?![\d—\-－~～至到])")
_PLAN_SENTENCE = re_cache.compile(r"^((?:19|20)\d{2})年[，,]?[^。；]{0,20}将")


def _body_years(context: Context) -> list[tuple[int, Sentence]]:
    """Years that open a reported-year paragraph or name a reported-year top-level heading."""
    found = []
    for sentence in context.outline.sentences:
        if sentence.scope != "reported_year":
            continue
        top_heading = sentence.is_heading and sentence.section.parent is context.outline.root
        opens_paragraph = sentence.start == 0 and not sentence.is_heading
        if top_heading and (match := _ANY_YEAR.search(sentence.text)):
            found.append((int(match.group(1)), sentence))
        elif opens_paragraph and (match := _OPENING_YEAR.match(sentence.text)):
            found.append((int(match.group(1)), sentence))
    return found


def _plan_years(context: Context, plan_id: str) -> list[tuple[int, Sentence]]:
    """Years the plan's heading names, and years that open a plan sentence about what "will" be done."""
    plan = part(context, plan_id)
    if plan is None or plan.section is None:
        return []
    found = []
    if plan.section.heading is not None and (match := _ANY_YEAR.search(plan.section.heading.text)):
        found.append((int(match.group(1)), plan.section.heading))
    for sentence in plan.section.all_sentences():
        if (match := _PLAN_SENTENCE.match(sentence.text)) and not sentence.is_heading:
            found.append((int(match.group(1)), sentence))
    return found


def check(context: Context, params: dict[str, Any]) -> Iterator[Flag]:
    year = context.year
    body = _body_years(context)
    if body and all(found != year for found, _ in body):
        others = sorted({found for found, _ in body})
        where: tuple[Evidence, ...] = tuple(evidence.of_sentence(sentence) for _, sentence in body[:3])
        yield Flag(f"报告年度为{year}年，但正文写的是{'、'.join(map(str, others))}年的工作", where)
    wrong_plan = [(found, sentence) for found, sentence in _plan_years(context, params["plan"]) if found != year + 1]
    if wrong_plan:
        years = "、".join(sorted({str(found) for found, _ in wrong_plan}))
        where = tuple(evidence.of_sentence(sentence, "heading" if sentence.is_heading else "sentence") for _, sentence in wrong_plan[:3])
        yield Flag(f"下一年度安排写的是{years}年，{year}年度报告的安排应是{year + 1}年", where)
    signed = context.metadata.date
    if signed and not year <= int(signed[:4]) <= year + 1:
        line = next((paragraph for paragraph in context.outline.back if parse_date(paragraph.text) == signed), None)
        where = (evidence.of_paragraph(line),) if line is not None else ()
        yield Flag(f"落款日期 {signed} 与报告年度{year}年不符（应在{year}年底或{year + 1}年）", where)
