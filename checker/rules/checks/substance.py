"""The measures are backed by figures and facts, section by section, not by slogans.

Evaluators' most common criticism is "事例少": sections of formulas (坚持以……为指导, 进一步提升……)
with no count, share or named result. The sections listed under the element (``element``; its
sub-sections, else the top-level parts holding its evidence) are measured: the share of
sections with at least one figure (the checklist's ``figures``) must reach ``min_share``, and
each section with ``min_sentences`` or more sentences must have a substance of at least
``min_substance``: the share of its sentences that carry a figure or a fact (``facts``: a named
document, a date, a named award). Sections below it are named as slogan-heavy.

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
    （一）提高政治站位。坚持以习近平法治思想为指导。不断提升法治意识。持续强化责任担当。
    （二）强化工作举措。进一步完善制度机制。推动各项工作落地落实。
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
from checker.rules.registry import Context, Flag, Param
from checker.structure.outline import Section

TITLE = "举措和成效有数据和事例，而非表态"
COMPARES = False
PARAMS = {
    "element": Param("element", "主要举措和成效的要素 id"),
    "min_share": Param("number", "有数据的小节至少占多少（0–1）"),
    "min_substance": Param("number", "每个小节有数据或事实的句子至少占多少（0–1）"),
    "min_sentences": Param("integer", "至少多少句的小节才计算实据比例"),
    "facts": Param("regexes", "算作具体事实的写法（正则），数据之外"),
}
DEFAULTS: dict[str, Any] = {
    "min_share": 0.5,
    "min_substance": 0.2,
    "min_sentences": 3,
    "facts": ["《[^》]{2,40}》", r"\d{1,2}月\d{1,2}日", "荣获|入选|命名为|被评为|获评"],
}


def sections(context: Context, element_id: str) -> list[Section]:
    """The sections the element's measures are written in: sub-sections of its outermost matched sections."""
    match = context.matches[element_id]
    matched = [heading.section for heading in match.headings if heading.section.heading is not None]
    outermost = [section for section in matched if not _below_any(section, {id(other) for other in matched})]
    if not outermost:
        outermost = list(dict.fromkeys(hit.sentence.section.top for hit in match.hits if hit.sentence.section.top.parent is not None))
    found: list[Section] = []
    for section in outermost:
        found.extend(section.children or [section])
    return found


def _below_any(section: Section, ids: set[int]) -> bool:
    """Whether one of ``section``'s ancestors is among ``ids`` (up the parent chain: no walk of the tree per pair)."""
    node = section.parent
    while node is not None:
        if id(node) in ids:
            return True
        node = node.parent
    return False


def check(context: Context, params: dict[str, Any]) -> Iterator[Flag]:
    parts = sections(context, params["element"])
    if not parts:
        return
    title = context.checklist.element(params["element"]).title
    facts = [patterns.compile(pattern) for pattern in params["facts"]]
    with_figures, thin = 0, []
    for section in parts:
        body = section.written("reported_year", subheadings=False)
        figures = sum(1 for sentence in body if context.figures.search(sentence.text))
        backed = sum(1 for sentence in body if context.figures.search(sentence.text) or any(f.search(sentence.text) for f in facts))
        with_figures += figures > 0
        if len(body) >= params["min_sentences"] and backed / len(body) < params["min_substance"]:
            thin.append((section, backed, len(body)))
    if with_figures / len(parts) < params["min_share"]:
        where = tuple(item for section in parts if (item := evidence.of_section(section)) is not None)
        yield Flag(f"“{title}”{len(parts)} 个小节中只有 {with_figures} 个有数据（至少应占 {params['min_share']:.0%}）", where[:8])
    if thin:
        named = "；".join(f"{section.label}（有实据的句子 {backed}/{count}）" for section, backed, count in thin)
        where = tuple(item for section, _, _ in thin if (item := evidence.of_section(section)) is not None)
        yield Flag(f"以下小节以表态为主，缺少数据和事例：{named}", where)
