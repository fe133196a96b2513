"""The parts listed after 其中 do not add up to more than their total.

"共办理行政复议案件30件，其中维持18件、撤销15件" counts 33 of 30. The total is the count just
before 其中; the parts are the counts in the same unit after it, up to the end of the clause
(；。）), or up to the first comma of a list written with 、. Any single part above the total, or parts that add up to more than it, is flagged;
categories that overlap should say so in the text.

PASS:
    青溪县人民政府关于2025年度法治政府建设情况的报告
    云岭市人民政府：
    一、2025年度推进法治政府建设的主要举措和成效
    （一）优化营商环境。取消、下放行政权力事项27项，“一网通办”率达到97.6%。
    （二）化解争议。办理行政复议案件30件，其中维持18件、撤销12件。
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
    （二）化解争议。办理行政复议案件30件，其中维持18件、撤销15件。
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
from checker.rules.registry import Context, Flag, Param

TITLE = "分项之和不超过总数"
COMPARES = False
PARAMS = {"units": Param("regex", "计数单位（正则）")}
DEFAULTS: dict[str, Any] = {"units": "件次|人次|件|人|次|个|项|户|家|起|条|份|卷|场|所"}


def check(context: Context, params: dict[str, Any]) -> Iterator[Flag]:
    total_then_parts = patterns.compile(rf"(?<![\d.])(\d+)(万|亿)?({params['units']})[，]?（?其中([^；。）]*)")
    for sentence in context.outline.sentences:
        if "其中" not in sentence.text:  # every match holds it
            continue
        for found in total_then_parts.finditer(sentence.text):
            total, scale, unit = int(found.group(1)), found.group(2) or "", found.group(3)
            listed = found.group(4)
            if "、" in listed.partition("，")[0]:
                listed = listed.partition("，")[0]  # "其中A件、B件，另…": the list ends at its first comma
            parts = [int(number) for number in re.findall(rf"(?<![\d.])(\d+){re.escape(scale)}{re.escape(unit)}", listed)]
            if not parts or (max(parts) <= total and (len(parts) < 2 or sum(parts) <= total)):
                continue
            added = "+".join(map(str, parts))
            yield Flag(
                f"分项超过总数：共{total}{scale}{unit}，其中各项合计{added}={sum(parts)}{scale}{unit}；请核对数据（如各项有交叉，请写明）",
                (evidence.of_sentence(sentence, start=found.start(), end=found.end()),),
            )
