"""No institutions, plans or campaigns named as current after their time.

Evaluators find reports that name 政府法制办 as acting years after the 2018 institutional reform
merged it into the 司法局, or cite the previous 纲要 period as the plan in force. Which names went
stale when is data, not code: ``entries`` lists each as a ``name`` (a regex), ``until`` (the last
reported year in which it may still be named as current) and ``suggest`` (the current wording).
A report for a later year naming it is flagged with the line and the suggested wording. A name
written as history — after 原 or in a sentence about the reform that abolished it (``history``) —
is not flagged. A province extends the list with a second ``stale_references`` check of its own
entries (the bundled one keeps working), or replaces ``entries`` in its own copy.

PASS:
    青溪县人民政府关于2025年度法治政府建设情况的报告
    云岭市人民政府：
    一、2025年度推进法治政府建设的主要举措和成效
    （一）完善制度。县司法局审核规范性文件21件，原县政府法制办的备案审查职责已全部移交。
    （二）规范执法。对照《法治政府建设实施纲要（2021—2025年）》，评查案卷320卷。
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
    （一）完善制度。县政府法制办审核规范性文件21件，县工商局开展合同行政指导。
    （二）规范执法。对照《法治政府建设实施纲要（2015—2020年）》，评查案卷320卷。
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

from checker.analysis import evidence
from checker.common import patterns as bounded
from checker.common.chinese import fill_years
from checker.rules.registry import Context, Flag, Param

TITLE = "没有已撤并的机构、已到期的规划被当作现行"
COMPARES = False
PARAMS = {
    "entries": Param(
        "records",
        "已过时的名称：name（正则）、until（最后一个可作为现行名称的报告年度）、suggest（现行写法）、note（说明，可选）",
        fields=(("name", "regex"), ("until", "integer"), ("suggest", "string"), ("note", "string?")),
    ),
    "history": Param("regex", "句中有这些词时，名称是在讲历史（机构改革、更名），不报告"),
}
DEFAULTS: dict[str, Any] = {
    "entries": [
        {"name": "(?:人民)?政府法制(?:办公室|办)|(?<![依法治])法制办(?:公室)?", "until": 2018, "suggest": "司法局（政府法制办的职责已于2018年机构改革并入司法行政部门）"},
        {"name": "工商(?:行政管理)?局", "until": 2019, "suggest": "市场监督管理局"},
        {"name": "食品药品监督管理局|食药监局|质量技术监督局|质监局", "until": 2019, "suggest": "市场监督管理局"},
        {"name": "安全生产监督管理局|安监局", "until": 2019, "suggest": "应急管理局"},
        {"name": "国土资源局", "until": 2019, "suggest": "自然资源局（或自然资源和规划局）"},
        {"name": "环境保护局|环保局", "until": 2019, "suggest": "生态环境局（或生态环境分局）"},
        {"name": "卫生和计划生育委员会|卫计委|卫计局", "until": 2019, "suggest": "卫生健康委员会（卫生健康局）"},
        {"name": "纲要（2015[—–\\-－~～至]2020年?）", "until": 2021, "suggest": "《法治政府建设实施纲要（2021—2025年）》"},
        {"name": "“?七五”?普法(?:规划)?", "until": 2020, "suggest": "“八五”普法规划（2021—2025年）"},
    ],
    "history": "原(?![因则始本])|更名|撤销|撤并|整合|划入|并入|划转|机构改革|组建|挂牌|收官|总结|回顾",
}


def check(context: Context, params: dict[str, Any]) -> Iterator[Flag]:
    history = bounded.compile(params["history"])
    names = [(fill_years(entry["name"], context.year), entry) for entry in params["entries"] if context.year > entry["until"]]
    if not names:
        return
    stale = [(bounded.compile(name), entry) for name, entry in names]
    any_stale = bounded.any_of([name for name, _ in names])  # most sentences name none: one search tells
    for sentence in context.outline.sentences:
        if not any_stale(sentence.text):
            continue
        for pattern, entry in stale:
            found = pattern.search(sentence.text)
            if found is None or history.search(sentence.text):
                continue
            note = f"（{entry['note']}）" if entry.get("note") else ""
            yield Flag(
                f"{context.year}年度的报告仍把“{found.group(0)}”写作现行名称（{entry['until']}年以后已不适用）{note}，建议改为：{entry['suggest']}",
                (evidence.of_sentence(sentence, start=found.start(), end=found.end()),),
            )
