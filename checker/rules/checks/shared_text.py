"""Passages shared with another report of the batch, or of the reference folder (``--against``).

Evaluators keep finding reports copied from each other or from template sites. When more than
one report is checked (or ``--against DIR`` names a folder of earlier or other reports), every
report is fingerprinted before it is checked, the batch is indexed once
(``checker/analysis/similarity.py``), and each report is then checked once with the passages it
shares: a run of at least ``min_sentences`` consecutive sentences and
``min_chars`` characters that another report also has — word for word, or with only figures,
punctuation and the place name changed — is a finding in both reports, naming the other report
and quoting both places. Not compared: headings, sentences shorter than ``min_sentence_chars``,
sentences that are mostly the checklist's own wording, and sentences found in ``common_share``
of the batch's reports (at least ``common_min`` of them): the wording every report shares, learned
from the batch itself. A single report checked on its own has nothing to compare with and is not
judged. Turn the check off with ``enabled: false``; the batch then skips the fingerprints.

OTHER REPORT:
    青溪县司法局关于2025年度法治政府建设情况的报告
    青溪县人民政府：
    一、2025年度推进法治政府建设的主要举措和成效
    （一）规范行政执法。组织执法人员参加全县行政执法资格考试，考试合格率达到96%。建立行政执法人员电子台账，对持证人员实行动态管理。对群众反映强烈的执法不规范问题开展专项整治，整改问题线索23条。
    （二）推进普法。开展“法律进乡村”活动46场。
    二、存在的不足及原因
    一是执法人员专业素质参差不齐。二是普法形式较单一。究其原因，培训经费不足。
    三、2026年工作安排
    （一）加强培训。年内举办执法人员培训班3期。
    （二）创新普法。年底前建成普法短视频平台。
    青溪县司法局
    2026年2月10日

PASS:
    青溪县市场监管局关于2025年度法治政府建设情况的报告
    青溪县人民政府：
    一、2025年度推进法治政府建设的主要举措和成效
    （一）规范行政执法。全年办理市场监管行政处罚案件188件，罚没款312万元。
    （二）推进普法。举办食品安全法律知识讲座12场。
    二、存在的不足及原因
    一是基层所执法装备不足。二是网络交易监管手段滞后。究其原因，技术投入不够。
    三、2026年工作安排
    （一）加强培训。年内组织执法骨干轮训2次。
    （二）创新普法。年底前在全县农贸市场设置普法宣传栏。
    青溪县市场监管局
    2026年2月11日

FAIL:
    青溪县市场监管局关于2025年度法治政府建设情况的报告
    青溪县人民政府：
    一、2025年度推进法治政府建设的主要举措和成效
    （一）规范行政执法。组织执法人员参加全县行政执法资格考试，考试合格率达到98%。建立行政执法人员电子台账，对持证人员实行动态管理。对群众反映强烈的执法不规范问题开展专项整治，整改问题线索17条。
    （二）推进普法。举办食品安全法律知识讲座12场。
    二、存在的不足及原因
    一是基层所执法装备不足。二是网络交易监管手段滞后。究其原因，技术投入不够。
    三、2026年工作安排
    （一）加强培训。年内组织执法骨干轮训2次。
    （二）创新普法。年底前在全县农贸市场设置普法宣传栏。
    青溪县市场监管局
    2026年2月11日
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.result import Evidence
from checker.rules.registry import Context, Flag, Param

TITLE = "没有与其他报告雷同的段落"
COMPARES = False
BATCH = True  # reads only the passages, which carry both sides' quotes: runs once the batch is indexed
PARAMS = {
    "min_sentences": Param("integer", "连续多少句相同才算雷同段落"),
    "min_chars": Param("integer", "雷同段落至少多少字（不计标点）"),
    "min_sentence_chars": Param("integer", "参与比较的句子至少多少字；更短的句子不比较"),
    "common_share": Param("number", "一句话出现在批次中多大比例（0–1）的报告里就算通用表述，不比较"),
    "common_min": Param("integer", "通用表述至少出现在多少份报告里（批次很小时防止把雷同误当通用）"),
}
DEFAULTS: dict[str, Any] = {"min_sentences": 2, "min_chars": 50, "min_sentence_chars": 12, "common_share": 0.3, "common_min": 3}


def _lines(first: int, last: int) -> str:
    return f"第 {first} 行" if first == last else f"第 {first}–{last} 行"


def check(context: Context, params: dict[str, Any]) -> Iterator[Flag]:
    for passage in context.shared:  # (none for a report checked on its own)
        where = "参照报告" if passage.reference else "报告"
        found: list[Evidence] = [passage.own_evidence] if passage.own_evidence is not None else []
        found.append(Evidence(passage.other_lines[0], (passage.other,), passage.other_quote, passage.other_quote, "other_report"))
        yield Flag(
            f"本报告{_lines(*passage.own_lines)}的 {passage.sentences} 句（约 {passage.chars} 字）"
            f"与{where} {passage.other} {_lines(*passage.other_lines)}雷同（除数字、标点、地名外逐字相同）",
            tuple(found),
        )
