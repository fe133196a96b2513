"""Machine formats for CI: JUnit for GitLab, SARIF for code scanning, GitHub workflow commands, Markdown."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLE, ROOT, SAMPLES
from jsonschema import Draft4Validator

from checker.cli import main
from checker.output.renderers import get
from checker.rules.findings import checks_run
from checker.run.pipeline import check

SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))


@pytest.fixture
def gaps(national):
    return check(SAMPLES / "aside_only.txt", national)


def test_junit_has_one_testcase_per_element_and_failures_for_gaps(gaps):
    junitparser = pytest.importorskip("junitparser")
    xml = junitparser.JUnitXml.fromstring(get("junit").render(gaps).encode("utf-8"))
    suites = list(xml) if isinstance(xml, junitparser.JUnitXml) else [xml]
    cases = [case for suite in suites for case in suite]
    checks = [check.id for check in checks_run(gaps.checklist.checks)]
    assert len(cases) == len(gaps.elements) + len(checks)  # one per element, then one per check
    assert {case.classname for case in cases} == {gaps.path}
    failed = {case.name.split()[0] for case in cases if not case.is_passed}
    fired = {finding.id for finding in gaps.findings if finding.severity != "info"}
    assert fired == {"content.causes", "content.problem_items"}
    assert failed == {e.element.id for e in gaps.elements if e.status != "present"} | fired
    causes = next(case for case in cases if case.name.startswith("problem_causes "))
    assert "未找到" in causes.result[0].message and "督察规定" in causes.result[0].text


def test_sarif_validates_against_the_published_schema(gaps, monkeypatch):
    monkeypatch.chdir(ROOT)
    log = json.loads(get("sarif").render(gaps))
    Draft4Validator(SARIF_SCHEMA).validate(log)
    run = log["runs"][0]
    checks = [check.id for check in checks_run(gaps.checklist.checks)]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == [e.element.id for e in gaps.elements] + checks
    results = {result["ruleId"]: result for result in run["results"]}
    assert set(results) == {"problems", "problem_causes"} | {finding.id for finding in gaps.findings}
    for result in run["results"]:  # every result points at its rule
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    location = results["problems"]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "tests/samples/aside_only.txt"
    problems = next(e for e in gaps.elements if e.element.id == "problems")
    assert location["region"]["startLine"] == problems.evidence[0].line
    assert results["problem_causes"]["level"] == "error" and results["problems"]["level"] == "warning"
    assert "依据" in run["tool"]["driver"]["rules"][3]["help"]["text"]


def test_missing_element_is_anchored_at_the_section_where_it_belongs(national):
    result = check(SAMPLES / "hollow_problems.txt", national)
    causes = next(e for e in result.elements if e.element.id == "problem_causes")
    problems = next(e for e in result.elements if e.element.id == "problems")
    assert causes.status == "missing" and causes.anchor_line == problems.anchor_line > 1
    assert f",line={causes.anchor_line}," in get("github").render(result)


def test_github_commands_escape_and_cover_every_gap(gaps, monkeypatch):
    monkeypatch.chdir(ROOT)
    text = get("github").render(gaps)
    lines = text.strip().splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    assert len(errors) == 2 and all(line.startswith("::error file=tests/samples/aside_only.txt,line=") for line in errors)
    assert len(lines) == len(errors) + len(gaps.findings)  # and one annotation per finding, as a warning here
    assert all(line.startswith("::warning file=tests/samples/aside_only.txt,line=") for line in lines[len(errors):])
    title = lines[0].split("title=", 1)[1].split("::", 1)[0]
    assert "," not in title and ":" not in title


def test_github_format_is_chosen_in_actions_and_fills_the_step_summary(tmp_path, capsys, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code = main(["check", str(SAMPLES / "aside_only.txt"), str(EXAMPLE), "--out", str(tmp_path / "out"), "-q"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.count("::error ") == 2
    table = summary.read_text("utf-8")
    assert table.count("| 状态 | 要素 |") == 2 and "❌ 缺失" in table


def test_markdown_table_has_a_row_per_element(gaps):
    table = get("md").render(gaps, "en")
    rows = [line for line in table.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) == len(gaps.elements) + len(gaps.findings)  # the element table, then the findings table
    assert "| Severity | Check | Finding | Where |" in table
    assert "❌ missing" in table and "Fail" in table


def test_several_formats_in_one_run_write_one_file_each(tmp_path, capsys):
    code = main(["check", str(EXAMPLE), "--out", str(tmp_path), "--format", "html,json,junit,sarif,md", "-q"])
    assert code == 0
    assert sorted(p.name.split(".", 1)[1] for p in tmp_path.iterdir()) == ["html", "json", "junit.xml", "md", "sarif"]
