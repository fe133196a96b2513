"""The report was submitted, or published, by the deadline the checklist declares.

``reporting.deadlines`` sets a date in the year after the reported year for submission
(``report``) and publication (``publish``: 督察规定第二十四条, before 4月1日); governments,
departments and demonstration areas differ, so the date is checklist data. Submission is judged
by the signature date. Publication is judged by the web page's 发布日期 when the page gave one,
else by the signature date (a report cannot be published before it is signed); the finding says
which date it used. A deadline marked ``confirmed: false`` only gives advice (``info``). Without
any date nothing is said here (the signature check says it).

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
    三、2026年工作安排
    （一）压实责任。2026年县政府常务会议会前学法不少于12次。
    （二）提升执法水平。年底前实现乡镇执法文书统一模板全覆盖。
    青溪县人民政府
    2026年4月15日
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from checker.analysis import evidence
from checker.common.chinese import parse_date
from checker.rules.registry import Context, Flag, Param

TITLE = "按时报送、按时公开"
COMPARES = False
PARAMS = {"deadline": Param("choice", "核对哪一个时限：报送（report）或公开（publish）", ("report", "publish"))}
DEFAULTS: dict[str, Any] = {"deadline": "publish"}
_WHAT = {"report": "报送", "publish": "公开"}


def check(context: Context, params: dict[str, Any]) -> Iterator[Flag]:
    which = params["deadline"]
    rule = getattr(context.checklist.reporting.deadlines, which)
    meta = context.metadata
    if rule is None:
        return
    note = ""
    if which == "publish" and meta.published:
        when, source = meta.published, "网页发布日期"
    elif meta.date:
        when, source = meta.date, "落款日期"
        note = "（网页未给出发布日期，按落款日期计：公开不会早于落款）" if which == "publish" else ""
    else:
        return
    month, day = (int(part) for part in rule.date.split("-"))
    due = date(context.year + 1, month, day)
    actual = date.fromisoformat(when)
    if actual < due or (actual == due and rule.inclusive):
        return
    line = next((paragraph for paragraph in context.outline.back if parse_date(paragraph.text) == when), None)
    where = (evidence.of_paragraph(line),) if line is not None and source == "落款日期" else ()
    hint = "（该时限待核实，仅作提示）" if not rule.confirmed else ""
    limit = f"{due.year}年{month}月{day}日" + ("（含当日）" if rule.inclusive else "之前")
    message = f"{_WHAT[which]}晚于时限：{source}为 {when}，而{_WHAT[which]}时限为{limit}{note}{hint}"
    yield Flag(message, where, rule=f"deadlines.{which}", advisory=not rule.confirmed)
