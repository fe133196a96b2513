"""JUnit XML: one testcase per report × element, so GitLab shows the filled checklist in a merge request.

Passing elements are passed tests; gaps are failures (message = the finding, text = basis and
requirement); gaps accepted in the baseline are skipped with the team's reason.
"""

from __future__ import annotations

from xml.etree import ElementTree

from checker.messages import location
from checker.result import ReportResult


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
    for element in result.elements:
        case = ElementTree.SubElement(
            suite, "testcase", classname=result.path, name=f"{element.element.id} {element.element.title}", time="0"
        )
        if element.accepted and element.status != "present":
            ElementTree.SubElement(case, "skipped", message=f"已接受：{element.accepted}")
        elif element.status != "present":
            failure = ElementTree.SubElement(case, "failure", message=element.reason, type=f"{element.status}/{element.element.severity}")
            where = location(lang, element.line, result.line_unit)
            basis = "；".join(basis.label for basis in element.element.basis)
            failure.text = f"{where}\n依据：{basis}\n要求：{element.element.description}"
    root = ElementTree.Element("testsuites", name="rolcheck", tests=suite.get("tests"), failures=suite.get("failures"))
    root.append(suite)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
