"""A rate agrees with the counts stated beside it.

"受理21件，办结20件，办结率100%" contradicts itself: 20 of 21 is 95.2 %. In one sentence, a
rate ("办结率") is compared with the last count of its own act before it ("办结20件", the
numerator) and the counts before that in the same unit ("受理21件", a denominator); the rate is
flagged when it matches numerator ÷ denominator for none of them, allowing rounding and
``tolerance`` percentage points. A rate without a numerator and a larger count beside it is
left alone.

PASS:
    青溪县人民政府关于2025年度法治政府建设情况的报告
    云岭市人民政府：
    一、2025年度推进法治政府建设的主要举措和成效
    （一）优化营商环境。取消、下放行政权力事项27项，“一网通办”率达到97.6%。
    （二）化解争议。接收委托化解案件37件，化解成功19件，化解率达51.35%。
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
    （二）化解争议。受理行政复议案件21件，已办结20件，办结率100%。
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

TITLE = "比率与同句的数字相符"
COMPARES = False
PARAMS = {
    "tolerance": Param("number", "允许的误差（百分点），舍入误差之外"),
    "units": Param("regex", "计数单位（正则）"),
}
DEFAULTS: dict[str, Any] = {"tolerance": 1.0, "units": "件次|人次|件|人|次|个|项|户|家|起|条|份|卷|场"}
# The name before 率 is bounded: an unbounded run ("[\u4e00-\u9fff]+率") is retried from every
# character of a long run without 率, quadratic in the sentence (1 MB never ended). Only the last
# STEM_CHARS of the name are used, and a count never sits inside a run of characters.
NAME_MAX_CHARS = 16
_RATE = re.compile(
    rf"([\u4e00-\u9fff]{{1,{NAME_MAX_CHARS}}})率(?:、[\u4e00-\u9fff]{{1,{NAME_MAX_CHARS}}}率)*[^，。；%\d]{{0,6}}?(\d+(?:\.\d+)?)%"
)
STEM_CHARS = 4  # "行政机关负责人出庭应诉率" is about 出庭应诉, not every 应诉 count before it


def _counts(text: str, units: str, stem: str = "") -> list[re.Match[str]]:
    prefix = re.escape(stem) + r"[^\d，。；]{0,8}?" if stem else r"(?<![\d.])"
    return list(patterns.compile(rf"{prefix}(\d+)({units})").finditer(text))


def check(context: Context, params: dict[str, Any]) -> Iterator[Flag]:
    units = params["units"]
    for sentence in context.outline.sentences:
        for rate in _RATE.finditer(sentence.text):
            stem = rate.group(1)[-STEM_CHARS:]
            before = sentence.text[: rate.start()]
            numerators = _counts(before, units, stem)
            if not numerators:
                continue
            numerator = numerators[-1]
            unit, part, stated = numerator.group(2), int(numerator.group(1)), float(rate.group(2))
            wholes = [int(count.group(1)) for count in _counts(before[: numerator.start()], re.escape(unit))]
            wholes = [whole for whole in wholes if whole >= part and whole > 0]
            if not wholes:
                continue
            allowed = max(params["tolerance"], 0.5 * 10 ** -len(rate.group(2).partition(".")[2]))
            if any(abs(100 * part / whole - stated) <= allowed for whole in wholes):
                continue  # some count before it is the rate's base
            whole = wholes[-1]
            yield Flag(
                f"{stem}率与前文数字不符：{whole}{unit}中{stem}{part}{unit}，应为{100 * part / whole:.1f}%，报告写的是{rate.group(2)}%",
                (evidence.of_sentence(sentence, start=max(0, numerator.start() - 20), end=rate.end()),),
            )
