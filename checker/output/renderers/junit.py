"""JUnit XML: one testcase per report × element, so GitLab shows the filled checklist in a merge request.

Passing elements are passed tests; gaps are failures (message = the finding, text = basis and
requirement); gaps accepted in the baseline are skipped with the team's reason. Every testcase
carries ``file`` (the repository-relative path), which GitLab uses to link the test to the file. Then one
testcase per check of the checklist: it fails when the check found an error or a warning,
and passes when it found nothing or only advice (info, kept as the test's output).
"""

from __future__ import annotations

from xml.etree import ElementTree

from checker.output.labels import location
from checker.output.renderers.sarif import repo_relative
from checker.result import Finding, ReportResult, at_or_above


def _finding_text(result: ReportResult, lang: str, found: list[Finding]) -> str:
    lines = []
    for finding in found:
        lines.append(f"[{finding.severity}] {finding.message}")
        lines += [f"  {location(lang, item.line, result.line_unit, item.page)}：{item.shown}" for item in finding.evidence if not item.elsewhere]
    return "\n".join(lines)


def _add_checks(suite: ElementTree.Element, result: ReportResult, lang: str) -> int:
    """One testcase per check that ran; returns how many failed."""
    failed = 0
    for check in result.checks:
        case = ElementTree.SubElement(
            suite, "testcase", classname=result.path, name=f"{check.id} {check.title}", file=repo_relative(result.path), time="0"
        )
        found = [finding for finding in result.findings if finding.id == check.id]
        serious = at_or_above(found, "warning", accepted=False)
        if at_or_above(found, "warning") and not serious:  # everything serious is accepted in the baseline
            ElementTree.SubElement(case, "skipped", message=f"已接受：{found[0].accepted}")
        elif serious:
            failed += 1
            failure = ElementTree.SubElement(case, "failure", message=serious[0].message, type=f"finding/{serious[0].severity}")
            failure.text = _finding_text(result, lang, found)
        elif found:
            ElementTree.SubElement(case, "system-out").text = _finding_text(result, lang, found)
    return failed


def render(result: ReportResult, lang: str = "zh") -> str:
    gaps = [e for e in result.elements if e.is_gap]
    accepted = [e for e in result.elements if e.accepted and e.status != "present"]
    suite = ElementTree.Element(
        "testsuite",
        name=f"rolcheck {result.checklist.id}: {result.path}",
        tests=str(len(result.elements)),
        failures=str(len(gaps)),
        errors="0",
        skipped=str(len(accepted)),
    )
    properties = ElementTree.SubElement(suite, "properties")
    ElementTree.SubElement(properties, "property", name="checklist", value=result.checklist.id)
    ElementTree.SubElement(properties, "property", name="checklist_reason", value=result.checklist_reason)
    if result.ocr:  # CI shows suite properties: the quotes below were recognised from page images
        ElementTree.SubElement(properties, "property", name="ocr", value="正文由文字识别（OCR）得到，引文可能有识别错误")
    for element in result.elements:
        case = ElementTree.SubElement(
            suite, "testcase", classname=result.path, name=f"{element.element.id} {element.element.title}", file=repo_relative(result.path), time="0"
        )
        if element.accepted and element.status != "present":
            ElementTree.SubElement(case, "skipped", message=f"已接受：{element.accepted}")
        elif element.status != "present":
            failure = ElementTree.SubElement(case, "failure", message=element.reason, type=f"{element.status}/{element.element.severity}")
            where = location(lang, element.line, result.line_unit)
            basis = "；".join(basis.named for basis in element.element.basis)
            failure.text = f"{where}\n依据：{basis}\n要求：{element.element.description}"
    failed = _add_checks(suite, result, lang)
    suite.set("tests", str(len(result.elements) + len(result.checks)))
    suite.set("failures", str(len(gaps) + failed))
    root = ElementTree.Element("testsuites", name="rolcheck", tests=suite.get("tests", "0"), failures=suite.get("failures", "0"))
    root.append(suite)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
