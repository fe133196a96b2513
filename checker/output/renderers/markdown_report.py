"""Markdown gap table: for a pull-request comment or GitHub's step summary; findings in a second table."""

from __future__ import annotations

from checker.output.labels import labels, location, verdict_label
from checker.output.labels import place as evidence_place
from checker.result import ElementResult, Finding, ReportResult

ICONS = {"present": "✅", "weak": "⚠️", "missing": "❌"}
OCR_NOTE = "⚠️ 正文由文字识别（OCR）从页面图像得到，引文可能有识别错误"
FINDING_ICONS = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}


def table_cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no pipe ends the cell, no newline ends the row."""
    return text.replace("|", "\\|").replace("\n", " ")


def _status(result: ElementResult, table: dict[str, str]) -> str:
    if result.accepted and result.status != "present":
        return f"☑️ {table['accepted']}（{table[result.status]}）"
    return f"{ICONS[result.status]} {table[result.status]}"


def render(result: ReportResult, lang: str = "zh") -> str:
    """A heading with the verdict, then one table row per element, gaps with basis and evidence location."""
    table = labels(lang)
    meta = result.metadata
    lines = [
        f"### {table_cell(meta.title or result.path)}",
        "",
        f"**{verdict_label(result.verdict, lang)}** · {table['overall']} {result.score}/100 · "
        f"{table['checklist']} `{result.checklist.id}` {result.checklist.version} · `{result.path}`",
        *(["", f"{table['chosen']}：{table_cell(result.checklist_reason)}"] if result.checklist_reason else []),
        "",
        *([f"> {table_cell(OCR_NOTE)}", ""] if result.ocr else []),
        f"| {table['status']} | {table['element']} | {table['severity']} | {table['score']} | {table['reason']} | {table['where']} |",
        "|---|---|---|---|---|---|",
    ]
    for element in result.elements:
        place = location(lang, element.line, result.line_unit, element.evidence[0].page if element.evidence else None)
        reason = element.reason
        if element.accepted:
            reason = table["accepted_reason"].format(reason=element.accepted) + "；" + reason
        elif element.status != "present":
            reason += "。" + table["basis"] + "：" + "；".join(basis.named for basis in element.element.basis)
        lines.append(
            f"| {_status(element, table)} | {table_cell(element.element.title)} `{element.element.id}` | "
            f"{table[element.element.severity]} | {element.score:.2f} | {table_cell(reason)} | {place} |"
        )
    lines += ["", f"#### {table['findings']}", ""]
    if not result.findings:
        return "\n".join([*lines, table["no_findings"]]) + "\n"
    lines += [f"| {table['severity']} | {table['check']} | {table['message']} | {table['where']} |", "|---|---|---|---|"]
    for finding in result.findings:
        places = "、".join(
            evidence_place(lang, item, result.line_unit)
            for item in finding.evidence
        )
        lines.append(
            f"| {FINDING_ICONS[finding.severity]} {table[finding.severity]} | `{finding.id}` | {table_cell(_finding_message(finding, table))} | {places or '—'} |"
        )
    return "\n".join(lines) + "\n"


def _finding_message(finding: Finding, table: dict[str, str]) -> str:
    """The finding's message, led by the baseline's reason when the team accepted it."""
    if finding.accepted is None:
        return finding.message
    return "☑️ " + table["accepted_reason"].format(reason=finding.accepted) + "；" + finding.message
