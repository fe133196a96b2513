"""Paragraphs reused verbatim, or nearly so, from last year's report (``rolcheck diff`` only).

A report copied forward with a few figures changed tells a reviewer nothing new. Each body
paragraph of at least ``min_chars`` characters is compared with last year's by rapidfuzz's
``ratio`` (the whole paragraph against the whole paragraph, with an explicit scorer and cut-off). The threshold depends on length,
because one changed character weighs more in a short paragraph: a paragraph of ``long_chars``
or more may differ in ``max_changed`` of its characters, a shorter one proportionally less
(a 40-character paragraph in about one). A paragraph whose words are last year's and only
its figures changed is reused whatever the figures.

LAST YEAR:
    青溪县人民政府关于2024年度法治政府建设情况的报告
    云岭市人民政府：
    一、2024年度推进法治政府建设的主要举措和成效
    （一）优化营商环境。深化“放管服”改革，取消、下放行政权力事项22项，“一网通办”率达到95.1%。
    （二）加强监督。办理县人大代表建议141件、县政协提案166件。
    二、存在的不足及原因
    一是规范性文件起草论证不充分。二是行政争议化解力度不够。究其原因，部门法治力量不足。
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
    （一）优化营商环境。深化“放管服”改革，取消、下放行政权力事项27项，“一网通办”率达到97.6%。
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

from collections.abc import Iterator
from typing import Any

from rapidfuzz import fuzz, process

from checker.analysis import evidence
from checker.common import re_cache
from checker.reading.normalise import Paragraph
from checker.rules.registry import Context, Flag, Param
from checker.structure.outline import Outline, Sentence

TITLE = "段落没有照搬上年报告"
COMPARES = True
PARAMS = {
    "min_chars": Param("integer", "比较的段落至少多少字"),
    "max_changed": Param("number", "长段落最多可以有多少比例的字不同（0–1）"),
    "long_chars": Param("integer", "多少字以上算长段落；短段落允许的差异按比例减少"),
}
DEFAULTS: dict[str, Any] = {"min_chars": 40, "max_changed": 0.15, "long_chars": 200}
_DIGITS = re_cache.compile(r"\d+(?:\.\d+)?")


def paragraphs(outline: Outline, min_chars: int) -> list[tuple[Paragraph, Sentence]]:
    """Body paragraphs long enough to compare, each with its first sentence (for quoting)."""
    found: dict[int, tuple[Paragraph, Sentence]] = {}
    for sentence in outline.sentences:
        if len(sentence.paragraph.text) >= min_chars and id(sentence.paragraph) not in found:
            found[id(sentence.paragraph)] = (sentence.paragraph, sentence)
    return list(found.values())


def threshold(length: int, params: dict[str, Any]) -> float:
    """The ratio a paragraph of ``length`` characters must reach to count as reused."""
    return 100 * (1 - params["max_changed"] * min(1.0, length / params["long_chars"]))


def check(context: Context, params: dict[str, Any]) -> Iterator[Flag]:
    if context.previous is None:
        return
    current = paragraphs(context.outline, params["min_chars"])
    previous = paragraphs(context.previous.outline, params["min_chars"])
    if not current or not previous:
        return
    texts = [paragraph.text for paragraph, _ in previous]
    by_shape = {_DIGITS.sub("#", text): index for index, text in enumerate(texts)}
    for paragraph, first in current:
        shape = _DIGITS.sub("#", paragraph.text)
        if shape in by_shape:  # the same words, only figures updated: reused however many figures changed
            column = by_shape[shape]
            how = "完全相同" if texts[column] == paragraph.text else "只改了数字"
        else:
            best = process.extractOne(paragraph.text, texts, scorer=fuzz.ratio, score_cutoff=threshold(len(paragraph.text), params))
            if best is None:
                continue
            _, score, column = best
            how = f"几乎相同（相似度 {score:.0f}）"
        old, old_first = previous[column]
        yield Flag(
            f"本段与上年报告第 {old.first_line} 行的段落{how}",
            (evidence.of_sentence(first), evidence.of_sentence(old_first, "previous_year")),
        )
