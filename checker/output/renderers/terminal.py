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
ACCEPTED_MARK = "☑"


def finding_lines(finding: Finding) -> list[str]:
    """One finding and its evidence lines ("上年第 N 行" for a line of last year's report)."""
    if finding.accepted is not None:
        lines = [f"  {ACCEPTED_MARK} 已接受（{SEVERITY_LABELS[finding.severity]}）  {finding.message} [{finding.id}]", f"      接受原因：{finding.accepted}"]
    else:
        lines = [f"  {FINDING_MARKS[finding.severity]} {SEVERITY_LABELS[finding.severity]}  {finding.message} [{finding.id}]"]
    for item in finding.evidence:
        where = f"上年第 {item.line} 行" if item.kind == "previous_year" else place("zh", item, "line")
        lines.append(f"      {where} “{item.shown}”")
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


def _element_lines(result: ElementResult, verbose: bool = False) -> list[str]:
    element = result.element
    where = f"  第 {result.evidence[0].line} 行" if result.evidence and result.status != MISSING else ""
    if result.accepted and result.status != PRESENT:
        status = f"{ACCEPTED_MARK} 已接受（{STATUS_LABELS[result.status]}）"
    else:
        status = f"{MARKS[result.status]} {STATUS_LABELS[result.status]}"
    lines = [f"  {status}  {element.title} [{element.id}]{where}"]
    lines.append(f"      {result.reason}")
    if result.accepted and result.status != PRESENT:
        lines.append(f"      接受原因：{result.accepted}")
    elif verbose and result.status == PRESENT:
        lines.extend(f"      证据：第 {item.line} 行 “{item.shown}”" for item in result.evidence)
    if result.status != PRESENT and not result.accepted:
        if result.evidence:
            first = result.evidence[0]
            lines.append(f"      证据：第 {first.line} 行 “{first.shown}”")
        basis = "；".join(basis.named for basis in element.basis)
        lines.append(f"      依据：{basis}")
        lines.append(f"      要求：{element.description}")
    return lines


# Where the issuer was read, said beside it: web copies make it a guess worth checking.
ISSUER_SOURCES = {"title": "据标题", "signature": "据落款", "issuer_line": "据标题上方一行", "page_meta": "据网页发布机构"}


def verdict_line(result: ReportResult) -> str:
    """"结论：… 总分：…", saying how many gaps and findings the baseline accepted, if any."""
    gaps = sum(1 for element in result.elements if element.accepted and element.status != PRESENT)
    found = sum(1 for finding in result.findings if finding.accepted is not None)
    accepted = "、".join(part for part in (f"{gaps} 项差距" if gaps else "", f"{found} 条发现" if found else "") if part)
    note = f"（基线已接受 {accepted}）" if accepted else ""
    return f"  结论：{VERDICT_LABELS[result.verdict]}{note}　总分：{result.score}/100"


def render(result: ReportResult, lang: str = "zh", verbose: bool = False) -> str:
    """The summary as plain text (no colour codes, so it is also the ``text`` file format); always Chinese.

    ``verbose`` (``-v``) also quotes the evidence of present elements."""
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
        verdict_line(result),
    ]
    lines.extend(f"  注意：{warning}" for warning in result.warnings)
    for required, heading in ((True, "必备要素"), (False, "建议要素")):
        group = [element for element in result.elements if element.element.required == required]
        if group:
            lines.append("")
            lines.append(heading)
            for element in group:
                lines.extend(_element_lines(element, verbose))
    lines.extend(findings_section(result.findings))
    return "\n".join(lines) + "\n"
