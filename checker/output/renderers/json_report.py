"""JSON gap report: the machine-readable form, described by ``checker/schemas/result.schema.json``.

Users build CI jobs and dashboards on this; its shape changes only with ``SCHEMA_VERSION``.
"""

from __future__ import annotations

from typing import Any

from checker import __version__
from checker.output import jsontext
from checker.result import (
    SCHEMA_VERSION,
    SEVERITY_LABELS,
    STATUS_LABELS,
    VERDICT_LABELS,
    ElementResult,
    Evidence,
    Finding,
    ReportResult,
)


def evidence_item(evidence: Evidence) -> dict[str, Any]:
    """One evidence item, the same shape for elements and findings."""
    return {
        "line": evidence.line,
        "section": list(evidence.section),
        "quote": evidence.quote,
        "matched": evidence.matched,
        "kind": evidence.kind,
        "page": evidence.page,
    }


def finding_item(finding: Finding) -> dict[str, Any]:
    """One finding of a check: id, type, severity, message, the reporting rule it enforces and its evidence."""
    item: dict[str, Any] = {
        "id": finding.id,
        "type": finding.type,
        "severity": finding.severity,
        "severity_label": SEVERITY_LABELS[finding.severity],
        "message": finding.message,
        "rule": finding.rule,
        "accepted": finding.accepted,
        "evidence": [evidence_item(item) for item in finding.evidence],
    }
    if finding.table:
        item["table"] = [list(row) for row in finding.table]
    return item


def _element(result: ElementResult) -> dict[str, Any]:
    element = result.element
    return {
        "id": element.id,
        "title": element.title,
        "severity": element.severity,
        "status": result.status,
        "status_label": STATUS_LABELS[result.status],
        "score": result.score,
        "reason": result.reason,
        "description": element.description,
        "basis": [
            {"source": basis.source, "article": basis.article, "confirmed": basis.confirmed} for basis in element.basis
        ],
        "anchor": {"line": result.anchor_line, "section": list(result.anchor_section)},
        "accepted": result.accepted if result.status != "present" else None,
        "evidence": [evidence_item(evidence) for evidence in result.evidence],
    }


def to_dict(result: ReportResult) -> dict[str, Any]:
    """The JSON document for one checked report, as Python data."""
    counts = {status: 0 for status in STATUS_LABELS}
    for element in result.elements:
        counts[element.status] += 1
    meta = result.metadata
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "rolcheck", "version": __version__},
        "report": {"path": result.path, "format": result.format, "lines": result.line_count, "line_unit": result.line_unit, **({"ocr": True} if result.ocr else {})},
        "checklist": {
            "id": result.checklist.id,
            "title": result.checklist.title,
            "version": result.checklist.version,
            "reason": result.checklist_reason,
        },
        "metadata": {
            "title": meta.title,
            "issuer": meta.issuer,
            "issuer_source": meta.issuer_source,
            "year": meta.year,
            "date": meta.date,
            "recipient": meta.recipient,
            "published": meta.published,
        },
        "score": result.score,
        "verdict": result.verdict,
        "verdict_label": VERDICT_LABELS[result.verdict],
        "summary": counts,
        "elements": [_element(element) for element in result.elements],
        "findings": [finding_item(finding) for finding in result.findings],
        "warnings": list(result.warnings),
    }


def render(result: ReportResult, lang: str = "zh") -> str:
    """Pretty-printed UTF-8 JSON (Chinese kept readable, not \\u-escaped)."""
    return jsontext.pretty(to_dict(result))
