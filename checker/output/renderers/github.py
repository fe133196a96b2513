"""GitHub Actions workflow commands: ``::error``/``::warning``/``::notice`` annotations on the report's lines.

Element gaps are errors (required) or warnings (recommended); findings keep their severity,
info becoming a notice.

Chosen automatically when ``GITHUB_ACTIONS`` is set. GitHub shows only ten errors and ten
warnings per step, so the runner also appends the full Markdown gap table to
``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

from checker.output.renderers.sarif import repo_relative
from checker.result import ReportResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: ReportResult, lang: str = "zh") -> str:
    """One workflow command per gap: error for a required element, warning for a recommended one."""
    path = repo_relative(result.path)
    lines = []
    if result.ocr:  # before the gaps: their quotes were recognised from page images
        lines.append(f"::notice file={_property(path)},title=OCR::{_data('正文由文字识别（OCR）得到，引文可能有识别错误')}")
    for element in result.elements:
        if not element.is_gap:
            continue
        command = "error" if element.element.required else "warning"
        title = f"{element.element.title}（{element.status}）"
        message = f"{element.reason}。要求：{element.element.description}"
        lines.append(f"::{command} file={_property(path)},line={element.line},title={_property(title)}::{_data(message)}")
    for finding in result.findings:
        if finding.accepted is not None:
            continue  # accepted in the baseline, like accepted gaps
        command = COMMANDS[finding.severity]
        lines.append(f"::{command} file={_property(path)},line={finding.line},title={_property(finding.id)}::{_data(finding.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
