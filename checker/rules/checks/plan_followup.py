"""Last year's plan items with no follow-up in this year's report (``rolcheck diff`` only).

Last year's plan is what this year's report should account for. From each item of last year's
plan (``element``) the key phrases are taken: titles in 《》, terms in “”, and what follows an
action verb (``verbs``: 制定, 建立, 开展…) up to the end of its clause, without leading adverbs.
An item none of whose key phrases appears in this year's reported-year text (fuzzy matching,
exact for phrases of up to five characters) is flagged with its line in last year's report.
Items without any key phrase are not judged.

LAST YEAR:
    青溪县人民政府关于2024年度法治政府建设情况的报告
    云岭市人民政府：
    一、2024年度推进法治政府建设的主要举措和成效
    （一）深化改革。承接上级下放行政许可事项14项，精简申请材料312份。
    （二）加强监督。办理县人大代表建议141件、县政协提案166件。
    二、存在的不足及原因
    一是规范性文件起草论证不充分。二是行政争议化解力度不够。究其原因，部门法治力量不足。
    三、2025年工作安排
    （一）提升决策质量。制定重大行政决策后评估办法，年内对2项决策开展后评估。
    （二）加强执法监督。开展乡镇执法案卷集中评查。
    青溪县人民政府
    2025年2月14日

PASS:
    青溪县人民政府关于2025年度法治政府建设情况的报告
    云岭市人民政府：
    一、2025年度推进法治政府建设的主要举措和成效
    （一）优化营商环境。取消、下放行政权力事项27项，“一网通办”率达到97.6%。
    （二）规范执法。评查案卷320卷，其中乡镇执法案卷集中评查120卷；印发重大行政决策后评估办法。
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
    （二）规范执法。评查案卷320卷，印发重大行政决策后评估办法。
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
from checker.analysis import evidence, fuzzy
from checker.common import re_cache
from checker.rules.parts import part
from checker.rules.registry import Context, Flag, Param

TITLE = "上年安排在本年度有下文"
COMPARES = True
PARAMS = {
    "element": Param("element", "下一年度安排的要素 id（在上年报告中查）"),
    "verbs": Param("regex", "行动动词（正则）：其后直到分句结束的短语是关键短语"),
    "adverbs": Param("regex", "关键短语开头要去掉的修饰词（正则）"),
    "min_chars": Param("integer", "关键短语至少多少字"),
    "max_chars": Param("integer", "关键短语最多取多少字"),
}
DEFAULTS: dict[str, Any] = {
    "verbs": "制定|出台|修订|编制|建立|建成|建设|开展|推行|推广|实施|实现|完成|设立|组建|举办|创建|打造|印发|启动|试点",
    "adverbs": "全面|深入|持续|进一步|加快|着力|严格|切实|不断|积极|扎实|大力|探索|研究|逐步",
    "min_chars": 4,
    "max_chars": 16,
}
_QUOTED = re_cache.compile(r"《([^》]{2,40})》|“([^”]{2,20})”")
# "完成后评估不少于3项": the target's wording is not part of the thing to look for.
_TARGET_TAIL = re_cache.compile(r"(?:不少于|不低于|不超过|达到|至少|超过|力争)$")


def key_phrases(text: str, params: dict[str, Any]) -> list[str]:
    """The phrases that would show an item was followed up: named documents, quoted terms, objects of action verbs."""
    phrases = [title or term for title, term in _QUOTED.findall(text)]
    adverbs = patterns.compile(rf"^(?:{params['adverbs']})+")
    for found in patterns.compile(rf"(?:{params['verbs']})([^，。；、：“”《》（）\d]+)").finditer(text):
        phrase = _TARGET_TAIL.sub("", adverbs.sub("", found.group(1)))[: params["max_chars"]]
        if len(phrase) >= params["min_chars"]:
            phrases.append(phrase)
    return list(dict.fromkeys(phrases))


def check(context: Context, params: dict[str, Any]) -> Iterator[Flag]:
    if context.previous is None:
        return
    plan = part(context.previous, params["element"])
    if plan is None:
        return
    reported = [sentence.text for sentence in context.outline.sentences if sentence.scope == "reported_year"]
    for item in plan.items:
        phrases = key_phrases(item.text, params)
        if not phrases or any(fuzzy.find(phrase, text) for phrase in phrases for text in reported):
            continue
        first = item.sentences[0]
        shown = "、".join(f"“{phrase}”" for phrase in phrases[:4])
        yield Flag(
            f"上年报告第 {first.line} 行的安排在本年度的工作情况中没有下文（未见：{shown}）",
            (evidence.of_sentence(first, "previous_year"),),
        )
