"""An element lists distinct, specific items, and enough of them are concrete.

A single generic sentence ("仍存在一些薄弱环节") or a plan that is one paragraph of pledges
cannot be checked next year. The element's part (its matched section, else the sentences of
its evidence) must list at least ``min_items`` items (sub-sections or 一是/二是); with
``concrete`` patterns, at least ``min_concrete`` items must also contain one of them or a
figure (the checklist's ``figures``): a number to reach, a date to meet, a document to issue.
``{year}`` and ``{next_year}`` in the patterns are the report's years.

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
    下一步，我县将继续深入推进法治政府建设，不断提升依法行政水平。
    青溪县人民政府
    2026年2月12日
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.common import patterns as bounded
from checker.common.chinese import fill_years
from checker.rules.parts import part, quoted
from checker.rules.registry import Context, Flag, Param

TITLE = "分条列出具体事项，且有可核对的内容"
COMPARES = False
PARAMS = {
    "element": Param("element", "要数条目的要素 id"),
    "min_items": Param("integer", "至少列出的条目数"),
    "concrete": Param("regexes", "具体目标、时限或成果的写法（正则）；为空则不查具体性"),
    "min_concrete": Param("integer", "至少有几条写得具体"),
}
DEFAULTS: dict[str, Any] = {"min_items": 2, "concrete": [], "min_concrete": 1}
MAX_QUOTED = 5


def check(context: Context, params: dict[str, Any]) -> Iterator[Flag]:
    written = part(context, params["element"])
    if written is None:
        return
    title = context.checklist.element(params["element"]).title
    problems = []
    if len(written.items) < params["min_items"]:
        if all(sentence.is_heading for sentence in written.statement):
            shape = "只有标题，其下没有内容"
        elif written.items:
            shape = f"只列了 {len(written.items)} 项"
        else:
            shape = "只有一句概括性表述" if len(written.statement) <= 1 else "只有一段概括性表述"
        problems.append(f"{shape}，没有分条写出具体事项（至少 {params['min_items']} 项）")
    texts = [(item.text, item.sentences[0]) for item in written.items] or [(sentence.text, sentence) for sentence in written.statement]
    if params["concrete"] and not all(sentence.is_heading for sentence in written.statement):
        patterns = [bounded.compile(fill_years(pattern, context.year)) for pattern in params["concrete"]] + [context.figures]
        concrete = sum(1 for text, _ in texts if any(pattern.search(text) for pattern in patterns))
        if concrete < params["min_concrete"]:
            counted = f"{len(texts)} 项中有 {concrete} 项" if written.items else "其中没有一处"
            problems.append(f"{counted}写明可核对的数量、目标、时限或具体成果（至少 {params['min_concrete']} 项）")
    if problems:
        where = tuple(quoted(context, params["element"], first) for _, first in texts[:MAX_QUOTED])
        yield Flag(f"“{title}”" + "；".join(problems), where)
