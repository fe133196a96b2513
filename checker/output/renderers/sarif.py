"""SARIF 2.1.0 for code scanning: one rule per element (basis as help), one result per gap;
one rule per check of the checklist, one result per finding.

Code scanning shows alerts only on changed lines in pull requests, so this is an extra, not the
default. Locations are repository-relative; a missing element is anchored at the heading of the
section where it belongs, else line 1. Accepted gaps carry an external suppression.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from checker import __version__
from checker.output import jsontext
from checker.result import ReportResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _check_rules_and_results(result: ReportResult, uri: str, first_index: int) -> tuple[list[dict], list[dict]]:
    """A SARIF rule per check that ran, and a result per finding."""
    checks = result.checks
    index_of = {check.id: first_index + number for number, check in enumerate(checks)}
    sarif_rules = [
        {
            "id": check.id,
            "name": check.id.replace(".", "_"),
            "shortDescription": {"text": check.title},
            "help": {"text": f"检查类型 {check.type}，见 docs/checks.md" + (f"；{check.note}" if check.note else "")},
            "defaultConfiguration": {"level": LEVELS[check.severity]},
            "properties": {"type": check.type},
        }
        for check in checks
    ]
    results: list[dict] = []
    for finding in result.findings:
        quote = next((item.quote for item in finding.evidence if not item.elsewhere), "")
        entry: dict = {}
        if finding.accepted is not None:
            entry["suppressions"] = [{"kind": "external", "justification": finding.accepted}]
        results.append(
            entry | {
                "ruleId": finding.id,
                "ruleIndex": index_of[finding.id],
                "level": LEVELS[finding.severity],
                "message": {"text": finding.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": {"startLine": finding.line}}}],
                "partialFingerprints": {
                    "rolcheckFinding/v1": hashlib.sha256(f"{uri}\0{finding.id}\0{quote}".encode()).hexdigest()[:32]
                },
            }
        )
    return sarif_rules, results


def repo_relative(path: str) -> str:
    """The report's path relative to the working directory (the repository root in CI), with / separators."""
    absolute = Path(path).resolve()
    try:
        return absolute.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return Path(os.path.relpath(absolute)).as_posix()


def render(result: ReportResult, lang: str = "zh") -> str:
    uri = repo_relative(result.path)
    rules = [
        {
            "id": element.element.id,
            "name": element.element.id.replace(".", "_"),
            "shortDescription": {"text": element.element.title},
            "fullDescription": {"text": element.element.description},
            "help": {"text": "依据：" + "；".join(basis.named for basis in element.element.basis) + "\n" + element.element.description},
            "defaultConfiguration": {"level": "error" if element.element.required else "warning"},
            "properties": {"severity": element.element.severity},
        }
        for element in result.elements
    ]
    results = []
    for index, element in enumerate(result.elements):
        if element.status == "present":
            continue
        entry = {
            "ruleId": element.element.id,
            "ruleIndex": index,
            "level": "error" if element.element.required and element.status == "missing" else "warning",
            "message": {"text": f"{element.element.title}：{element.reason}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": {"startLine": element.line}}}],
            "partialFingerprints": {
                "rolcheckElement/v1": hashlib.sha256(f"{uri}\0{element.element.id}".encode()).hexdigest()[:32]
            },
        }
        if element.accepted:
            entry["suppressions"] = [{"kind": "external", "justification": element.accepted}]
        results.append(entry)
    check_rules, check_results = _check_rules_and_results(result, uri, len(rules))
    rules += check_rules
    results += check_results
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "rolcheck", "semanticVersion": __version__, "version": __version__, "rules": rules}},
                "results": results,
                "properties": {
                    "checklist": result.checklist.id,
                    "checklistReason": result.checklist_reason,
                    **({"ocr": True, "note": "正文由文字识别（OCR）得到，引文可能有识别错误"} if result.ocr else {}),
                },
            }
        ],
    }
    return jsontext.pretty(log)
