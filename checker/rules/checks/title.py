"""The title names the issuer, the reported year and 法治政府建设, and calls the document a report.

《党政机关公文处理工作条例》第九条: a title is 发文机关名称 + 事由 + 文种. A reviewer looks for
all three: who reports (the issuer, in the title or on the issuer line just above it, as web
versions set it), on what (the reported year's 法治政府建设) and that it is a 报告 rather than a
工作总结. Where the checklist declares ``reporting.title``, the title must also match its
pattern; a pattern marked ``confirmed: false`` only gives advice (an ``info`` finding).

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
    2025年法治政府建设工作总结
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
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checker.common import patterns
from checker.analysis import evidence
from checker.common.chinese import ISSUER_END, fill_years
from checker.reading.normalise import Paragraph
from checker.rules.registry import Context, Flag, Param

TITLE = "标题写明发文机关、年度、事由和文种"
COMPARES = False
PARAMS = {
    "subject": Param("string", "标题必须写明的事由"),
    "kind": Param("regex", "标题必须符合的文种写法（正则），用来区分“报告”和“工作总结”"),
    "issuer": Param("boolean", "标题（或紧接其上的发文机关行）是否必须写明发文机关"),
}
DEFAULTS: dict[str, Any] = {"subject": "法治政府建设", "kind": "报告$", "issuer": True}


def _title_paragraph(context: Context, title: str) -> tuple[Paragraph | None, Paragraph | None]:
    """The front-matter paragraph holding the title's last part, and the one above it."""
    front = context.outline.front
    for index, paragraph in enumerate(front):
        if paragraph.text and title.endswith(paragraph.text):
            return paragraph, front[index - 1] if index else None
    return None, None


def _names_issuer(title: str, above: Paragraph | None) -> bool:
    before_subject = re.split(r"\d{4}年度?|法治政府建设", re.sub(r"^关于", "", title))
    if any(re.search(r"[\u4e00-\u9fff]{2,}", part.replace("关于", "")) for part in before_subject[:2]):
        return True
    return above is not None and bool(ISSUER_END.search(above.text))  # the issuer line set above the title


def check(context: Context, params: dict[str, Any]) -> Iterator[Flag]:
    title = context.metadata.title
    if not title:
        yield Flag("没有识别到报告标题；标题应写明发文机关、年度和“法治政府建设”，并以“报告”为文种")
        return
    paragraph, above = _title_paragraph(context, title)
    where = (evidence.of_paragraph(paragraph),) if paragraph is not None else ()
    missing = []
    if params["issuer"] and not _names_issuer(title, above):
        missing.append("发文机关")
    if not re.search(rf"{context.year}\s*年", title):
        missing.append(f"报告年度（{context.year}年）")
    if params["subject"] not in title:
        missing.append(f"事由“{params['subject']}”")
    if not patterns.compile(params["kind"]).search(title):
        missing.append("文种“报告”")
    if missing:
        yield Flag(f"标题“{title}”没有写明{'、'.join(missing)}（标题应由发文机关、事由和文种组成）", where)
    rule = context.checklist.reporting.title
    if rule is not None and not patterns.compile(fill_years(rule.pattern, context.year)).search(title):
        example = f"，如“{fill_years(rule.examples[0], context.year)}”" if rule.examples else ""
        hint = "（该名称要求待核实，仅作提示）" if not rule.confirmed else ""
        yield Flag(f"标题“{title}”不是清单规定的报告名称{example}{hint}", where, rule="title", advisory=not rule.confirmed)
