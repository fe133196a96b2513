"""Linter lines (``path:line: 缺失 …``), one per gap or failing finding: what the pre-commit hook prints.

A blocked commit must say why, briefly, in the form editors and terminals already link
(``file:line:``): each weak or missing required element, each gap in a recommended one marked
as advice, and each finding at error or warning level. A report with nothing to say prints
nothing, like any linter; gaps accepted in the baseline are left out.
"""

from __future__ import annotations

from checker.result import SEVERITY_LABELS, STATUS_LABELS, ReportResult


def render(result: ReportResult, lang: str = "zh") -> str:
    """The report's gaps and serious findings, one line each, required elements first."""
    lines = []
    if result.ocr:  # said first, like the other formats: quotes and line numbers come from page images
        lines.append(f"{result.path}:1: 提示 正文由文字识别（OCR）从页面图像得到，引文和行号可能有识别错误")
    for element in result.elements:
        if not element.is_gap:
            continue
        kind = "必备要素" if element.element.required else "建议要素"
        lines.append(
            f"{result.path}:{element.line}: {STATUS_LABELS[element.status]} {kind}「{element.element.title}」"
            f"[{element.element.id}]：{element.reason}"
        )
    for finding in result.findings:
        if finding.severity in ("error", "warning") and finding.accepted is None:
            lines.append(f"{result.path}:{finding.line}: {SEVERITY_LABELS[finding.severity]} {finding.message} [{finding.id}]")
    return "\n".join(lines) + ("\n" if lines else "")
