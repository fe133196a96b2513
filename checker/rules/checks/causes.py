"""The shortcomings come with an analysis of why, not only a list of what.

督察规定 asks for "存在的不足和原因". The causes element (``causes``) is looked for where the
problems (``problems``) are written; when it is not present, this check says so and quotes each
listed problem, so the drafter sees exactly which shortcomings still need a cause (主观上、
客观上, 究其原因……). Nothing is said when the problems themselves are missing: the element
verdict already reports that.

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
    （一）优化营商环境。取消、下放行政权力事项27项，“一网通办”率达到97.6%。
    （二）规范执法。评查案卷320卷，下发整改通知书14份。
    二、存在的不足
    一是执法文书不规范。二是基层力量薄弱。
    三、2026年工作安排
    （一）压实责任。2026年县政府常务会议会前学法不少于12次。
    （二）提升执法水平。年底前实现乡镇执法文书统一模板全覆盖。
    青溪县人民政府
    2026年2月12日
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.result import MISSING, PRESENT
from checker.rules.parts import part, quoted
from checker.rules.registry import Context, Flag, Param

TITLE = "不足之后有原因分析"
COMPARES = False
PARAMS = {
    "problems": Param("element", "列出不足的要素 id"),
    "causes": Param("element", "分析原因的要素 id"),
}
DEFAULTS: dict[str, Any] = {}
MAX_QUOTED = 8


def check(context: Context, params: dict[str, Any]) -> Iterator[Flag]:
    problems, causes = context.results[params["problems"]], context.results[params["causes"]]
    if problems.status == MISSING or causes.status == PRESENT:
        return
    written = part(context, params["problems"])
    if written is None or all(sentence.is_heading for sentence in written.statement):
        return  # nothing written under the problems' heading: the element verdict says so
    firsts = [item.sentences[0] for item in written.items] or list(written.statement)
    where = tuple(quoted(context, params["problems"], sentence) for sentence in firsts[:MAX_QUOTED])
    listed = f"列出了 {len(written.items)} 项不足" if written.items else "写了不足"
    found = "" if causes.status == MISSING else f"（只有零星的原因表述：{causes.reason}）"
    yield Flag(f"{listed}，但没有分析产生不足的原因{found}；应逐项说明原因（如主观上、客观上，究其原因……）", where)
