"""A share or a rate is never above 100 %.

"出庭应诉率105%" or "覆盖率达120%" is a typing or counting error. Changes are not shares:
"提高13.8%" and "增长150%" may exceed 100, and so may rates that measure growth or fulfilment
(``exempt``). A percentage is a share when a rate word (``rates``: 率, 占比, 比例…) stands
before it in the same clause and no change verb (``changes``) comes right before the number.

PASS:
    青溪县人民政府关于2025年度法治政府建设情况的报告
    云岭市人民政府：
    一、2025年度推进法治政府建设的主要举措和成效
    （一）优化营商环境。取消、下放行政权力事项27项，“一网通办”率达到97.6%。
    （二）规范执法。评查案卷320卷，行政机关负责人出庭应诉率100%，新增经营主体同比增长150%。
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
    （二）规范执法。评查案卷320卷，行政机关负责人出庭应诉率达到105%。
    二、存在的不足及原因
    一是执法文书不规范。二是基层力量薄弱。究其原因，乡镇审核人员多为兼职，培训不足。
    三、2026年工作安排
    （一）压实责任。2026年县政府常务会议会前学法不少于12次。
    （二）提升执法水平。年底前实现乡镇执法文书统一模板全覆盖。
    青溪县人民政府
    2026年2月12日
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.common import patterns
from checker.analysis import evidence
from checker.common import re_cache
from checker.rules.registry import Context, Flag, Param

TITLE = "占比和比率不超过100%"
COMPARES = False
PARAMS = {
    "max": Param("number", "占比和比率的上限"),
    "rates": Param("regex", "表示占比或比率的词（正则）"),
    "exempt": Param("regex", "可以超过上限的比率（正则），如增长率、完成率"),
    "changes": Param("regex", "表示变化的词（正则）：紧挨在数字前时，数字是变化幅度而不是占比"),
}
DEFAULTS: dict[str, Any] = {
    "max": 100,
    "rates": "率|占比|比例|比重|覆盖面",
    "exempt": "增长率|增速|完成率|超额|同比|环比|增幅|降幅",
    "changes": "提高|提升|增长|增加|上升|下降|降低|减少|压减|压缩|缩短|提速|增幅|降幅",
}
_PERCENT = re_cache.compile(r"(?<!\d)(\d+(?:\.\d+)?)%")  # from the start of a number only: linear on long digit runs
_CLAUSE_START = re_cache.compile(r".*[，；：（]")


def check(context: Context, params: dict[str, Any]) -> Iterator[Flag]:
    rates, exempt = patterns.compile(params["rates"]), patterns.compile(params["exempt"])
    change = patterns.compile(rf"(?:{params['changes']})了?$")
    for sentence in context.outline.sentences:
        if "%" not in sentence.text:  # every match holds it
            continue
        for found in _PERCENT.finditer(sentence.text):
            if float(found.group(1)) <= params["max"]:
                continue
            before = sentence.text[: found.start()]
            opening = _CLAUSE_START.match(before)
            clause = before[opening.end() if opening else 0 :]
            if not rates.search(clause) or exempt.search(clause) or change.search(clause):
                continue
            quoted = clause[-12:] + found.group(0)
            yield Flag(
                f"比例超过{params['max']:g}%：“{quoted}”——占比或比率不可能超过{params['max']:g}%，请核对数据",
                (evidence.of_sentence(sentence, start=max(0, found.start() - 20), end=found.end()),),
            )
