"""The year-over-year comparison (``rolcheck diff``) as a Chinese summary, JSON or a side-by-side HTML page.

A diff has two reports, so it is not a ``ReportResult`` and has its own three renderers here.
The JSON is described by ``checker/schemas/diff.schema.json``; its findings have the same
shape as a gap report's. The HTML page shows, for each finding, last year's lines beside this
year's with the changed characters marked, and like the gap report it is self-contained and
autoescaped.
"""

from __future__ import annotations

import difflib
from typing import Any

from checker import __version__
from checker.output import jsontext, templates
from checker.output.labels import labels
from checker.output.renderers.json_report import finding_item
from checker.output.renderers.terminal import findings_section
from checker.result import SCHEMA_VERSION, DiffResult, Finding, ReportResult


def _report(result: ReportResult) -> dict[str, Any]:
    meta = result.metadata
    return {
        "path": result.path,
        "format": result.format,
        "lines": result.line_count,
        "line_unit": result.line_unit,
        "title": meta.title,
        "issuer": meta.issuer,
        "year": meta.year,
        "date": meta.date,
    }


def to_dict(diff: DiffResult) -> dict[str, Any]:
    """The JSON document of a comparison, as Python data."""
    checklist = diff.checklist
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "rolcheck", "version": __version__},
        "checklist": {"id": checklist.id, "title": checklist.title, "version": checklist.version},
        "previous": _report(diff.previous),
        "current": _report(diff.current),
        "findings": [finding_item(finding) for finding in diff.findings],
        "warnings": list(diff.warnings),
    }


def _text(diff: DiffResult) -> str:
    previous, current = diff.previous, diff.current
    lines = [
        f"年度对比：{previous.metadata.year or '未识别'}年度 → {current.metadata.year or '未识别'}年度",
        f"  上年：{previous.path}（{previous.metadata.title or '未识别标题'}）",
        f"  本年：{current.path}（{current.metadata.title or '未识别标题'}）",
        f"  清单：{diff.checklist.id} {diff.checklist.version}",
    ]
    lines += [f"  注意：{warning}" for warning in diff.warnings]
    lines += findings_section(diff.findings)
    return "\n".join(lines) + "\n"


def _segments(text: str, other: str) -> list[dict[str, Any]]:
    """``text`` cut into runs that ``other`` shares and runs it does not, for marking changes."""
    matcher = difflib.SequenceMatcher(None, other, text, autojunk=False)
    return [{"text": text[j1:j2], "changed": tag != "equal"} for tag, _, _, j1, j2 in matcher.get_opcodes() if j2 > j1]


def _side(diff: DiffResult, finding: Finding, previous: bool) -> list[dict[str, Any]]:
    source = diff.previous if previous else diff.current
    other = diff.current if previous else diff.previous
    own = [item.line for item in finding.evidence if (item.kind == "previous_year") == previous]
    theirs = [item.line for item in finding.evidence if (item.kind == "previous_year") != previous]
    compare_with = "".join(other.source_lines[line - 1] for line in theirs if 0 < line <= len(other.source_lines))
    rows = []
    for line in dict.fromkeys(own):
        text = source.source_lines[line - 1] if 0 < line <= len(source.source_lines) else ""
        segments = _segments(text, compare_with) if compare_with else [{"text": text, "changed": False}]
        rows.append({"line": line, "segments": segments})
    return rows


def _html(diff: DiffResult) -> str:
    table = labels("zh")
    template, css = templates.load("diff.html.j2")
    cards = [
        {
            "anchor": f"finding-{index}",
            "id": finding.id,
            "severity": finding.severity,
            "severity_label": table[finding.severity],
            "message": finding.message,
            "previous": _side(diff, finding, previous=True),
            "current": _side(diff, finding, previous=False),
        }
        for index, finding in enumerate(diff.findings, 1)
    ]
    return template.render(diff=diff, cards=cards, css=css, t=table, generated_by=table["generated_by"].format(version=__version__))


def render_text(diff: DiffResult, lang: str = "zh") -> str:
    """The Chinese summary of a comparison (the terminal's)."""
    return _text(diff)


def render_json(diff: DiffResult, lang: str = "zh") -> str:
    """The comparison as JSON, described by ``checker/schemas/diff.schema.json``."""
    return jsontext.pretty(to_dict(diff))


def render_html(diff: DiffResult, lang: str = "zh") -> str:
    """Last year's and this year's lines side by side, changed characters marked."""
    return _html(diff)
