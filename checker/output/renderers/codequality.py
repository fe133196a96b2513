"""GitLab Code Quality: the Code Climate JSON that ``artifacts:reports:codequality`` shows in merge requests.

GitLab reads a JSON array of issues, each with ``description``, ``check_name``,
``fingerprint``, ``severity`` (info, minor, major, critical, blocker) and
``location.path`` + ``location.lines.begin``; it shows them in the merge request widget and
on the changed lines of the diff. One issue per gap (a missing required element is critical,
a weak one major, a recommended element's gap minor) and per finding. Accepted gaps and
findings are left out, as GitLab has no "suppressed" state. The fingerprint hashes the report
path and the element or check id, never the line, so an issue stays "the same" across edits
and GitLab can tell new ones from fixed ones.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from checker.output.renderers.sarif import repo_relative
from checker.result import MISSING, STATUS_LABELS, ReportResult

FINDING_SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


def _issue(path: str, check_name: str, description: str, severity: str, line: int) -> dict[str, Any]:
    return {
        "type": "issue",
        "check_name": check_name,
        "description": description,
        "categories": ["Style"],
        "severity": severity,
        "fingerprint": _fingerprint(path, check_name),
        "location": {"path": path, "lines": {"begin": max(line, 1)}},
    }


def issues(result: ReportResult) -> list[dict[str, Any]]:
    """The Code Quality issues of one report."""
    path = repo_relative(result.path)
    found = []
    if result.ocr:  # an info issue first: the quotes of the others were recognised from page images
        found.append(_issue(path, "rolcheck.ocr", "正文由文字识别（OCR）从页面图像得到，引文和行号可能有识别错误", "info", 1))
    for element in result.elements:
        if not element.is_gap:
            continue
        if element.element.required:
            severity = "critical" if element.status == MISSING else "major"
        else:
            severity = "minor"
        description = f"{STATUS_LABELS[element.status]}：{element.element.title}（{element.reason}）"
        found.append(_issue(path, element.element.id, description, severity, element.line))
    for finding in result.findings:
        if finding.accepted is None:
            found.append(_issue(path, finding.id, finding.message, FINDING_SEVERITIES[finding.severity], finding.line))
    return found


def render(result: ReportResult, lang: str = "zh") -> str:
    """A JSON array, as GitLab expects (several reports' files are merged by GitLab itself)."""
    return json.dumps(issues(result), ensure_ascii=False, indent=2) + "\n"
