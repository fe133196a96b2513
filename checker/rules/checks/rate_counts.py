"""A rate agrees with the counts stated beside it.

"受理21件，办结20件，办结率100%" contradicts itself: 20 of 21 is 95.2 %. In one sentence, a
rate ("办结率") is compared with the last count of its own act before it ("办结20件", the
numerator) and the counts before that in the same unit ("受理21件", a denominator); the rate is
flagged when it matches numerator ÷ denominator for none of them, allowing rounding and
``tolerance`` percentage points. A rate without a numerator and a larger count beside it is
left alone, and so is a rate whose base is ambiguous: a count in its unit between its numerator
and the rate opens another kind ("法人用户1200个，认证1150个，个人用户3500个，认证率97.1%"). Rates
listed with 分别 go with the numerators in order, each against the counts of its own kind.

PASS:
    青溪县人民政府关于2025年度法治政府建设情况的报告
    云岭市人民政府：
    一、2025年度推进法治政府建设的主要举措和成效
    （一）优化营商环境。取消、下放行政权力事项27项，“一网通办”率达到97.6%。
    （二）化解争议。接收委托化解案件37件，化解成功19件，化解率达51.35%。
    （三）政务服务。注册法人用户1200个、认证1150个，个人用户3500个、认证3400个，认证率分别为95.8%、97.1%。
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
from checker.common import re_cache
from checker.rules.registry import Context, Flag, Param
from checker.structure.outline import Sentence

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
_RATE = re_cache.compile(
    rf"([\u4e00-\u9fff]{{1,{NAME_MAX_CHARS}}})率(?:、[\u4e00-\u9fff]{{1,{NAME_MAX_CHARS}}}率)*[^，。；%\d]{{0,6}}?(\d+(?:\.\d+)?)%"
)
STEM_CHARS = 4  # "行政机关负责人出庭应诉率" is about 出庭应诉, not every 应诉 count before it


def _counts(text: str, units: str, stem: str = "") -> list[re.Match[str]]:
    prefix = re.escape(stem) + r"[^\d，。；]{0,8}?" if stem else r"(?<![\d.])"
    return list(patterns.compile(rf"{prefix}(\d+)({units})").finditer(text))


# "认证率分别为95.8%、97.1%": one rate word for several listed figures, one per kind counted before.
_LISTED = re_cache.compile(r"(?:[、和及与，]\s*(\d+(?:\.\d+)?)%)")


def _attributed(before: str, rate: re.Match[str], text: str, units: str, stem: str) -> list[tuple[re.Match[str], str, str]]:
    """Each stated rate with its own numerator and the text where its base may stand.

    Attribution is what keeps this check precise on real text: a sentence that counts two kinds
    ("企业用户1200个，认证1150个，个人用户3500个，认证率97.1%") gives the second rate no numerator of
    its own, and a rate listed with 分别 goes with the numerators in order. Where the attribution
    is not clear the rate is left alone: an error finding must be one a reviewer would raise.
    """
    numerators = _counts(before, units, stem)
    if not numerators:
        return []
    figures = [rate.group(2)]
    if "分别" in text[rate.start() : rate.end()]:
        at = rate.end()
        while (listed := _LISTED.match(text, at)) is not None:
            figures.append(listed.group(1))
            at = listed.end()
        if len(figures) < 2 or len(numerators) < len(figures):
            return []
        numerators = numerators[-len(figures) :]
    else:
        numerators = numerators[-1:]
    pairs = []
    start = 0
    for numerator, figure in zip(numerators, figures):
        unit = re.escape(numerator.group(2))
        # A count in the rate's unit between its numerator and the rate opens a new base: the
        # rate's own numerator is not stated.
        if len(figures) == 1 and any(int(c.group(1)) >= int(numerator.group(1)) for c in _counts(before[numerator.end() :], unit)):
            return []
        pairs.append((numerator, figure, before[start : numerator.start()]))
        start = numerator.end()
    return pairs


def check(context: Context, params: dict[str, Any]) -> Iterator[Flag]:
    units = params["units"]
    for sentence in context.outline.sentences:
        if "率" not in sentence.text or "%" not in sentence.text:  # every match holds both; the pattern tries 16 characters at each
            continue
        for rate in _RATE.finditer(sentence.text):
            stem = rate.group(1)[-STEM_CHARS:]
            before = sentence.text[: rate.start()]
            yield from _judge(sentence, rate, _attributed(before, rate, sentence.text, units, stem), stem, params)


def _judge(
    sentence: Sentence, rate: re.Match[str], pairs: list[tuple[re.Match[str], str, str]], stem: str, params: dict[str, Any]
) -> Iterator[Flag]:
    for numerator, figure, base_text in pairs:
        unit, part, stated = numerator.group(2), int(numerator.group(1)), float(figure)
        wholes = [int(count.group(1)) for count in _counts(base_text, re.escape(unit))]
        wholes = [whole for whole in wholes if whole >= part and whole > 0]
        if not wholes:
            continue
        allowed = max(params["tolerance"], 0.5 * 10 ** -len(figure.partition(".")[2]))
        if any(abs(100 * part / whole - stated) <= allowed for whole in wholes):
            continue  # some count before it is the rate's base
        whole = wholes[-1]
        yield Flag(
            f"{stem}率与前文数字不符：{whole}{unit}中{stem}{part}{unit}，应为{100 * part / whole:.1f}%，报告写的是{figure}%",
            (evidence.of_sentence(sentence, start=max(0, numerator.start() - 20), end=rate.end()),),
        )
