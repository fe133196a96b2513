"""The salutation names a recipient the checklist declares (主送机关).

A government reports to 同级党委, 人大常委会 or 上一级党委和政府; a department to its own
government and the department above. ``reporting.recipients`` lists them with regexes for the
salutation line ("市政府："). A salutation naming anyone else is flagged. Reports published
on the web often drop the salutation, so a missing one is flagged only with ``required: true``.

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
    县司法局：
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
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.common import patterns
from checker.analysis import evidence
from checker.rules.registry import Context, Flag, Param

TITLE = "主送机关是清单规定的报送对象"
COMPARES = False
PARAMS = {"required": Param("boolean", "没有主送机关（称谓行）时是否也报告")}
DEFAULTS: dict[str, Any] = {"required": False}


def check(context: Context, params: dict[str, Any]) -> Iterator[Flag]:
    recipients = [recipient for recipient in context.checklist.reporting.recipients if not recipient.copy and recipient.salutations]
    if not recipients:
        return
    names = "、".join(recipient.name for recipient in recipients)
    advisory = not any(recipient.confirmed for recipient in recipients)
    salutation = context.metadata.recipient
    if salutation is None:
        if params["required"]:
            yield Flag(f"报告没有主送机关（如“市政府：”）；应报送：{names}", rule="recipients", advisory=advisory)
        return
    if any(patterns.compile(pattern).search(salutation) for recipient in recipients for pattern in recipient.salutations):
        return
    line = next((paragraph for paragraph in context.outline.front if paragraph.text.rstrip("：:") == salutation), None)
    where = (evidence.of_paragraph(line),) if line is not None else ()
    yield Flag(f"主送机关“{salutation}”不是清单规定的报送对象（{names}）", where, rule="recipients", advisory=advisory)
