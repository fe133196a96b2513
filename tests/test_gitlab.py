"""GitLab: the Code Quality report merge requests show inline, and JUnit test cases that name their file."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from conftest import ROOT

from checker.cli import main

DRAFT = ROOT / "examples" / "青溪县2025年度法治政府建设情况报告（征求意见稿）.txt"
# The Code Climate issue fields GitLab reads (docs.gitlab.com, "Code Quality report format").
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    with pytest.MonkeyPatch.context() as patch:  # paths in the reports are relative to the working directory
        patch.chdir(ROOT)
        assert main(["check", str(DRAFT.relative_to(ROOT)), "--format", "codequality,junit", "--out", str(out), "-q"]) == 1
    return out


def test_code_quality_issues_point_at_the_lines_of_each_gap(written):
    issues = json.loads(next(written.glob("*.codequality.json")).read_text("utf-8"))
    by_check = {issue["check_name"]: issue for issue in issues}
    assert set(by_check) == {"problems", "problem_causes", "content.causes", "content.problem_items"}
    for issue in issues:
        assert issue["type"] == "issue" and issue["severity"] in GITLAB_SEVERITIES
        assert issue["location"]["path"] == "examples/青溪县2025年度法治政府建设情况报告（征求意见稿）.txt"
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    assert by_check["problem_causes"]["severity"] == "critical" and by_check["problem_causes"]["location"]["lines"]["begin"] == 21
    assert by_check["problems"]["severity"] == "major" and by_check["problems"]["location"]["lines"]["begin"] == 23
    assert by_check["content.causes"]["severity"] == "minor"
    assert "不足的原因" in by_check["problem_causes"]["description"]
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


def test_junit_testcases_carry_the_file(written):
    junitparser = pytest.importorskip("junitparser")
    xml = junitparser.JUnitXml.fromfile(str(next(written.glob("*.junit.xml"))))
    cases = [case for suite in xml for case in suite]
    assert cases and {case._elem.get("file") for case in cases} == {"examples/青溪县2025年度法治政府建设情况报告（征求意见稿）.txt"}


def test_the_documented_gitlab_job_reads_what_rolcheck_writes(written):
    text = (ROOT / "docs" / "ci.md").read_text("utf-8")
    job = yaml.safe_load(re.search(r"`\.gitlab-ci\.yml`:\n\n```yaml\n(.*?)```", text, re.S).group(1))["rolcheck"]
    command = next(line for line in job["script"] if line.startswith("rolcheck check"))
    formats = command.split("--format ")[1].split()[0].split(",")
    assert {"junit", "codequality"} <= set(formats)
    reports = job["artifacts"]["reports"]
    assert list(written.glob(reports["codequality"].removeprefix("reports_out/")))
    assert list(written.glob(reports["junit"].removeprefix("reports_out/")))
