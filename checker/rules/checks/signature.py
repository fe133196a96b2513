"""The report ends with a signature: the issuer and the date (落款).

The signature date is the only date most reports carry, and the deadline checks fall back on
it. No source found so far prescribes a signature for published reports, so unless the
checklist turns on ``reporting.form.signature`` a missing one is advice (``info``): it says
which deadlines can then not be verified.

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
    二、存在的不足及原因
    一是执法文书不规范。二是基层力量薄弱。究其原因，乡镇审核人员多为兼职，培训不足。
    三、2026年工作安排
    （一）压实责任。2026年县政府常务会议会前学法不少于12次。
    （二）提升执法水平。年底前实现乡镇执法文书统一模板全覆盖。
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.analysis import evidence
from checker.common.chinese import ISSUER_END, parse_date
from checker.result import Evidence
from checker.rules.registry import Context, Flag

TITLE = "报告末尾有落款（发文机关和日期）"
COMPARES = False
PARAMS: dict = {}
DEFAULTS: dict[str, Any] = {}


def _last_line(context: Context) -> tuple[Evidence, ...]:
    sentences = context.outline.sentences
    if not sentences:
        return ()
    return (evidence.of_sentence(sentences[-1]),)


def check(context: Context, params: dict[str, Any]) -> Iterator[Flag]:
    back = [paragraph.text for paragraph in context.outline.back]
    dated = any(parse_date(text) for text in back)
    signed = any(parse_date(text) is None and ISSUER_END.search(text) for text in back)
    if dated and signed:
        return
    missing = "报告末尾没有落款（发文机关和日期）" if not (dated or signed) else "落款没有" + ("日期" if signed else "发文机关")
    consequence = "" if dated else "；没有落款日期，无法核对报送时限" + ("" if context.metadata.published else "和公开时限")
    required = context.checklist.reporting.form.signature
    hint = "" if required else "（清单未要求落款，仅作提示）"
    yield Flag(f"{missing}{consequence}{hint}", _last_line(context), rule="form.signature", advisory=not required)
