"""Shortcomings repeated unchanged from last year's report (``rolcheck diff`` only).

Evaluators single out "problems repeated from year to year without 整改". Each item of this
year's problems (``element``: its 一是/二是 items or sub-sections, else its sentences) is
compared with last year's items, numbering left out, by rapidfuzz's ``ratio``; an item at or
above ``min_similarity`` to one of last year's is flagged with both lines, so the drafter can
either report what was done about it or explain why it persists.

LAST YEAR:
    青溪县人民政府关于2024年度法治政府建设情况的报告
    云岭市人民政府：
    一、2024年度推进法治政府建设的主要举措和成效
    （一）深化改革。承接上级下放行政许可事项14项，精简申请材料312份。
    （二）加强监督。办理县人大代表建议141件、县政协提案166件。
    二、存在的不足及原因
    一是乡镇执法人员专业能力不足，执法文书不规范。二是数字法治政府建设推进较慢。究其原因，部门法治力量不足。
    三、2025年工作安排
    （一）完善制度。出台规范性文件起草论证工作指引。
    （二）强化化解。年内设立行政争议调解中心。
    青溪县人民政府
    2025年2月14日

PASS:
    青溪县人民政府关于2025年度法治政府建设情况的报告
    云岭市人民政府：
    一、2025年度推进法治政府建设的主要举措和成效
    （一）优化营商环境。取消、下放行政权力事项27项，“一网通办”率达到97.6%。
    （二）规范执法。评查案卷320卷，下发整改通知书14份。
    二、存在的不足及原因
    一是重大行政决策后评估开展较少。二是行政争议实质性化解力度不够。究其原因，乡镇审核人员多为兼职，培训不足。
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
    一是乡镇执法人员专业能力不足，执法文书不够规范。二是行政争议实质性化解力度不够。究其原因，乡镇审核人员多为兼职，培训不足。
    三、2026年工作安排
    （一）压实责任。2026年县政府常务会议会前学法不少于12次。
    （二）提升执法水平。年底前实现乡镇执法文书统一模板全覆盖。
    青溪县人民政府
    2026年2月12日
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rapidfuzz import fuzz

from checker.analysis import evidence
from checker.rules.parts import Item, part
from checker.rules.registry import Context, Flag, Param

TITLE = "不足没有原样重复上年"
COMPARES = True
PARAMS = {
    "element": Param("element", "列出不足的要素 id"),
    "min_similarity": Param("number", "与上年某项的相似度达到多少（0–100）算重复"),
    "min_chars": Param("integer", "比较的条目至少多少字"),
}
DEFAULTS: dict[str, Any] = {"min_similarity": 75, "min_chars": 10}


def _items(context: Context, element_id: str, min_chars: int) -> list[Item]:
    written = part(context, element_id)
    if written is None:
        return []
    items = list(written.items) or [Item(None, (sentence,)) for sentence in written.statement]
    return [item for item in items if len(item.bare) >= min_chars]


def check(context: Context, params: dict[str, Any]) -> Iterator[Flag]:
    if context.previous is None:
        return
    last_year = _items(context.previous, params["element"], params["min_chars"])
    for item in _items(context, params["element"], params["min_chars"]):
        scored = [(fuzz.ratio(item.bare, old.bare), old) for old in last_year]
        if not scored:
            return
        score, old = max(scored, key=lambda pair: pair[0])
        if score < params["min_similarity"]:
            continue
        line = old.sentences[0].line
        yield Flag(
            f"这项不足与上年报告第 {line} 行所列基本相同（相似度 {score:.0f}），请写明一年来的整改情况或仍未解决的原因",
            (evidence.of_sentence(item.sentences[0]), evidence.of_sentence(old.sentences[0], "previous_year")),
        )
