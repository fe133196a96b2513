"""The Chinese summary a drafting team reads on the terminal: verdict first, then each element, then findings.

Gaps get their reason, legal basis and what a compliant section contains, so the reader
knows what to add without opening the checklist. Findings (发现) follow, each with the lines
it is about.
"""

from __future__ import annotations

from checker.output.labels import place
from checker.result import (
    MISSING,
    PRESENT,
    SEVERITIES,
    SEVERITY_LABELS,
    STATUS_LABELS,
    VERDICT_LABELS,
    ElementResult,
    Finding,
    ReportResult,
)

MARKS = {PRESENT: "✓", "weak": "△", MISSING: "✗"}
FINDING_MARKS = {"error": "✗", "warning": "!", "info": "·"}


def finding_lines(finding: Finding) -> list[str]:
    """One finding and its evidence lines ("上年第 N 行" for a line of last year's report)."""
    lines = [f"  {FINDING_MARKS[finding.severity]} {SEVERITY_LABELS[finding.severity]}  {finding.message} [{finding.id}]"]
    for item in finding.evidence:
        where = f"上年第 {item.line} 行" if item.kind == "previous_year" else place("zh", item, "line")
        lines.append(f"      {where} “{item.quote}”")
    return lines


def findings_section(findings: tuple[Finding, ...]) -> list[str]:
    """The 发现 section: a count by severity, then each finding."""
    if not findings:
        return ["", "发现：各项检查均未发现问题"]
    counts = "、".join(
        f"{sum(1 for f in findings if f.severity == severity)} 条{SEVERITY_LABELS[severity]}"
        for severity in SEVERITIES
        if any(f.severity == severity for f in findings)
    )
    lines = ["", f"发现（{counts}）"]
    for finding in findings:
        lines.extend(finding_lines(finding))
    return lines


def _element_lines(result: ElementResult) -> list[str]:
    element = result.element
    where = f"  第 {result.evidence[0].line} 行" if result.evidence and result.status != MISSING else ""
    lines = [f"  {MARKS[result.status]} {STATUS_LABELS[result.status]}  {element.title} [{element.id}]{where}"]
    lines.append(f"      {result.reason}")
    if result.status != PRESENT:
        if result.evidence:
            first = result.evidence[0]
            lines.append(f"      证据：第 {first.line} 行 “{first.quote}”")
        basis = "；".join(basis.label for basis in element.basis)
        lines.append(f"      依据：{basis}")
        lines.append(f"      要求：{element.description}")
    return lines


# Where the issuer was read, said beside it: web copies make it a guess worth checking.
ISSUER_SOURCES = {"title": "据标题", "signature": "据落款", "issuer_line": "据标题上方一行", "page_meta": "据网页发布机构"}


def render(result: ReportResult, lang: str = "zh") -> str:
    """The summary as plain text (no colour codes, so it is also the ``text`` file format); always Chinese."""
    meta = result.metadata
    facts = [
        f"年度：{meta.year or '未识别'}",
        f"发文机关：{meta.issuer or '未识别'}" + (f"（{ISSUER_SOURCES[meta.issuer_source]}）" if meta.issuer_source else ""),
        f"落款日期：{meta.date or '无'}",
    ]
    if meta.recipient:
        facts.append(f"报送：{meta.recipient}")
    if meta.published:
        facts.append(f"发布日期：{meta.published}")
    checklist = result.checklist
    lines = [
        meta.title or result.path,
        f"  文件：{result.path}",
        "  " + "　".join(facts),
        f"  清单：{checklist.id} {checklist.version}（{checklist.title}）",
        *([f"  选用：{result.checklist_reason}"] if result.checklist_reason else []),
        f"  结论：{VERDICT_LABELS[result.verdict]}　总分：{result.score}/100",
    ]
    lines.extend(f"  注意：{warning}" for warning in result.warnings)
    for required, heading in ((True, "必备要素"), (False, "建议要素")):
        group = [element for element in result.elements if element.element.required == required]
        if group:
            lines.append("")
            lines.append(heading)
            for element in group:
                lines.extend(_element_lines(element))
    lines.extend(findings_section(result.findings))
    return "\n".join(lines) + "\n"
