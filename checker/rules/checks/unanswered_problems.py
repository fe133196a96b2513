"""Every listed shortcoming has a next-year plan item that addresses it.

A list of problems is only worth writing if next year's plan answers it; evaluators flag
reports whose 不足 and 安排 do not meet. Each listed item of the problems part (``problems``;
一是/二是 or numbered; a problem stated in one sentence is not judged) is reduced to what it is
about (up to where its causes begin, ``causes``): its words without the generic wording of shortcomings (``generic``: 存在, 不够, 薄弱,
有待…), as pairs of adjacent characters (less those most plan items share), and with the words of each ``topics`` group
(普法 = 法治宣传, 基层 = 乡镇…) counted as one topic. A plan item (``plan``) answers it when
they share ``min_shared`` of these features, or when the problem is about a single topic and the
item takes it up (a reviewer reads "法治宣传形式单一" as answered by a plan for 法律明白人), or when
the item names what the problem names in quotation marks or 《》 (“法律明白人”). Problems no item answers are named in one finding,
whose table pairs every problem with the plan items answering it (the HTML shows it). When the
plan lists no items, or the problems part is missing, nothing is judged: the presence checks
say so already.

PASS:
    青溪县人民政府关于2025年度法治政府建设情况的报告
    云岭市人民政府：
    一、2025年度推进法治政府建设的主要举措和成效
    （一）优化营商环境。取消、下放行政权力事项27项，“一网通办”率达到97.6%。
    （二）规范执法。评查案卷320卷，下发整改通知书14份。
    二、存在的不足及原因
    一是执法文书不规范。二是基层审核力量薄弱。究其原因，乡镇审核人员多为兼职，培训不足。
    三、2026年工作安排
    （一）规范执法文书。年底前实现乡镇执法文书统一模板全覆盖。
    （二）充实基层力量。为每个乡镇配备1名专职法制审核人员。
    青溪县人民政府
    2026年2月12日

FAIL:
    青溪县人民政府关于2025年度法治政府建设情况的报告
    云岭市人民政府：
    一、2025年度推进法治政府建设的主要举措和成效
    （一）优化营商环境。取消、下放行政权力事项27项，“一网通办”率达到97.6%。
    （二）规范执法。评查案卷320卷，下发整改通知书14份。
    二、存在的不足及原因
    一是执法文书不规范。二是行政复议案件办理超期较多。究其原因，办案人员不足。
    三、2026年工作安排
    （一）规范执法文书。年底前实现乡镇执法文书统一模板全覆盖。
    （二）压实责任。2026年县政府常务会议会前学法不少于12次。
    青溪县人民政府
    2026年2月12日
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.analysis import evidence
from checker.common import patterns as bounded
from checker.common import re_cache
from checker.rules.parts import Item, part
from checker.rules.registry import Context, Flag, Param

TITLE = "每项不足在下一年度安排中都有对应措施"
COMPARES = False
PARAMS = {
    "problems": Param("element", "存在的不足的要素 id"),
    "plan": Param("element", "下一年度安排的要素 id"),
    "generic": Param("regex", "描述不足的通用词（正则）：比较前去掉"),
    "topics": Param("regexes", "同一话题的不同说法，每条一组（正则）：组内的词算同一特征"),
    "causes": Param("regex", "原因从这些词开始（正则）：其后是原因而不是不足，不参与比较"),
    "min_shared": Param("integer", "不足与安排至少共有多少个特征（相邻两字或话题）才算对应"),
}
DEFAULTS: dict[str, Any] = {
    "generic": (
        "[一二三四五六七八九十]+是|存在|仍然|仍|还|尚|有待|亟需|亟待|需要|仍需|不够|不足|不高|不强|不深|不细|不到位|不充分|不规范|不平衡|"
        "不完善|不健全|不及时|薄弱|欠缺|较为|较|比较|一定|一些|部分|个别|少数|问题|方面|情况|现象|工作|进一步|有效|"
        "提高|提升|加强|强化|能力|水平|意识|程度|有的|主要|表现|在于|以及|难以|适应|要求|行政|全面|推进|推动|落实|深入|持续|"
        "健全|完善|机制|制度|全县|全市|全区|全镇|我县|我市|我区|我镇|我局|部门|单位|相关|覆盖|和|与|及|的|了|等|个|是"
    ),
    "topics": [
        "普法|法治宣传|宣传教育|法律进|以案释法|法律明白人",
        "基层|乡镇|街道|村级|村（社区）|社区",
        "队伍|人员|队员|人才|专职|编制|配备",
        "培训|轮训|学法|业务能力|专业",
        "执法|行政处罚|案卷|办案|案件质量",
        "监管|监控|巡查|检查|非现场",
        "复议|应诉|出庭|行政争议",
        "审核|审查|合法性",
        "规范性文件|文件起草|备案",
        "决策|听证|论证|风险评估",
        "信息化|数字|平台|系统|智慧|网上",
        "政务公开|信息公开|公开",
        "监督|督察|考核|问责",
        "调解|矛盾纠纷|信访",
        "营商环境|放管服|审批|政务服务",
        "法律顾问|公职律师|律师|法律服务",
    ],
    "causes": "究其原因|原因(?:在于|是|主要|有)|主要原因|其原因|这主要是|主要是由于",
    "min_shared": 2,
}
_CJK_RUN = re_cache.compile(r"[\u4e00-\u9fff]+")
_QUOTED = re_cache.compile(r"《([^》]{2,40})》|“([^”]{2,20})”")


def features(text: str, generic: bounded.Bounded, topics: list[bounded.Bounded]) -> set[str]:
    """What a problem or plan item is about: its topics, and pairs of adjacent characters of its own words."""
    found = {f"#{index}" for index, topic in enumerate(topics) if topic.search(text)}
    for topic in topics:
        text = topic.sub("，", text)
    for run in _CJK_RUN.findall(generic.sub("，", text)):
        found.update(run[index : index + 2] for index in range(len(run) - 1))
    return found


def _label(item: Item) -> str:
    text = item.bare
    return text if len(text) <= 30 else text[:29] + "…"


def check(context: Context, params: dict[str, Any]) -> Iterator[Flag]:
    problems, plan = part(context, params["problems"]), part(context, params["plan"])
    if problems is None or plan is None or not problems.items or not plan.items:
        return
    generic = bounded.compile(params["generic"])
    topics = [bounded.compile(pattern) for pattern in params["topics"]]
    answers = [features(item.bare, generic, topics) for item in plan.items]
    # A pair of characters most plan items share says nothing about which item answers what.
    everywhere = {feature for feature in set().union(*answers) if not feature.startswith("#") and sum(feature in answer for answer in answers) * 2 > len(answers)} if len(answers) >= 3 else set()
    table: list[tuple[str, str]] = []
    unanswered: list[Item] = []
    causes = bounded.compile(params["causes"])
    for problem in problems.items:
        about = features(causes.split(problem.bare, 1)[0], generic, topics) - everywhere
        if not about:
            continue
        single = {feature for feature in about if feature.startswith("#")} if len([f for f in about if f.startswith("#")]) == 1 else set()
        quoted = {title or term for title, term in _QUOTED.findall(problem.bare)}  # “法律明白人”, 《…》: named in the plan, answered
        matching = [
            item
            for item, answer in zip(plan.items, answers)
            if len(about & answer) >= params["min_shared"] or single & answer or any(name in item.bare for name in quoted)
        ]
        table.append((f"第 {problem.sentences[0].line} 行：{_label(problem)}", "；".join(f"第 {item.sentences[0].line} 行：{_label(item)}" for item in matching) or "（未见对应措施）"))
        if not matching:
            unanswered.append(problem)
    if not unanswered:
        return
    named = "、".join(f"第 {problem.sentences[0].line} 行“{_label(problem)}”" for problem in unanswered)
    yield Flag(
        f"{len(problems.items)} 项不足中有 {len(unanswered)} 项在下一年度安排中没有对应措施：{named}",
        tuple(evidence.of_sentence(problem.sentences[0]) for problem in unanswered),
        table=tuple(table),
    )
