"""End-to-end verdicts on whole reports: our labelled samples, section deletions, and the real reports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import EXAMPLE, SAMPLES

from checker.run.pipeline import check

REQUIRED = ["first_responsible_person", "measures_and_results", "problems", "problem_causes", "next_year_plan"]

# Ground truth written with the samples: the status a reviewer gives each required element.
LABELS = {
    "complete.txt": dict.fromkeys(REQUIRED, "present"),
    "unnumbered.txt": dict.fromkeys(REQUIRED, "present"),
    "markdown.md": dict.fromkeys(REQUIRED, "present"),
    "web_page.txt": dict.fromkeys(REQUIRED, "present"),
    "department.txt": dict.fromkeys(REQUIRED, "present"),
    "aside_only.txt": {**dict.fromkeys(REQUIRED, "present"), "problems": "weak", "problem_causes": "missing"},
    "formula_only.txt": {**dict.fromkeys(REQUIRED, "present"), "first_responsible_person": "weak"},
    "hollow_problems.txt": {**dict.fromkeys(REQUIRED, "present"), "problems": "weak", "problem_causes": "missing"},
    "generic_plan.txt": {**dict.fromkeys(REQUIRED, "present"), "next_year_plan": "weak"},
}


def statuses(result) -> dict[str, str]:
    return {element.element.id: element.status for element in result.elements}


@pytest.mark.parametrize("name", sorted(LABELS))
def test_sample_verdicts_match_labels(name, national):
    result = check(SAMPLES / name, national)
    got = {key: value for key, value in statuses(result).items() if key in REQUIRED}
    assert got == LABELS[name]


def test_every_verdict_has_line_evidence_that_points_at_the_quoted_text(national):
    from checker.common.chinese import fold_width as normalise_chars

    for path in [EXAMPLE, *sorted(SAMPLES.iterdir())]:
        original = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").split("\n")
        result = check(path, national)
        for element in result.elements:
            if element.status != "missing":
                assert element.evidence, (path.name, element.element.id)
            for evidence in element.evidence:
                line = normalise_chars(original[evidence.line - 1].replace("**", "")).replace(" ", "")
                assert evidence.quote.replace(" ", "") in line, (path.name, element.element.id, evidence)


def test_weak_reason_says_a_hollow_heading_is_empty(national):
    problems = next(e for e in check(SAMPLES / "hollow_problems.txt", national).elements if e.element.id == "problems")
    assert "没有内容" in problems.reason
    assert problems.anchor_line == problems.evidence[0].line


def test_pledge_in_next_years_plan_is_not_evidence_of_this_year(national):
    result = check(SAMPLES / "formula_only.txt", national)
    duty = next(e for e in result.elements if e.element.id == "first_responsible_person")
    assert duty.status == "weak"
    assert "下一年度安排" in duty.reason
    plan_lines = {e.line for e in next(x for x in result.elements if x.element.id == "next_year_plan").evidence}
    assert not plan_lines & {e.line for e in duty.evidence}


_TOP = re.compile(r"^[一二三四五六七八九十]+、")
_SUB = re.compile(r"^（[一二三四五六七八九十]+）")


def _delete_section(text: str, heading: str) -> str:
    """Remove a section: from its heading line up to the next heading of the same or a higher level."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    stops = (_TOP,) if _TOP.match(heading) else (_TOP, _SUB)
    end = next((i for i in range(start + 1, len(lines)) if any(stop.match(lines[i]) for stop in stops)), len(lines))
    assert end > start + 1
    return "\n".join(lines[:start] + lines[end:])


@pytest.mark.parametrize(
    ("heading", "element", "allowed"),
    [
        ("（一）存在的不足", "problems", {"weak", "missing"}),
        ("四、2026年度", "next_year_plan", {"missing"}),
        ("一、党政主要负责人", "first_responsible_person", {"weak", "missing"}),
    ],
)
def test_deleting_a_section_flips_only_its_element(tmp_path: Path, national, heading, element, allowed):
    before = statuses(check(EXAMPLE, national))
    assert before[element] == "present"
    mutated = tmp_path / "mutated.txt"
    mutated.write_text(_delete_section(EXAMPLE.read_text("utf-8"), heading), "utf-8")
    after = statuses(check(mutated, national))
    assert after[element] in allowed
    changed = {key for key in before if before[key] != after[key]}
    assert changed == {element}


def test_real_reports_verdicts(shared_reports, national):
    """What a careful reviewer says of the three published reports (see the closing note of issue 2)."""
    expected = {
        "000_304a4630589c0e9d.txt": {"problem_causes": "missing", "area.emergency_response": "missing", "area.digital_government": "weak"},
        "001_4d08be111e600d4c.txt": {"problem_causes": "missing", "area.emergency_response": "missing", "area.digital_government": "missing"},
        "003_e4762b63c45e50c0.txt": {"problems": "weak", "problem_causes": "missing", "area.emergency_response": "missing"},
    }
    for name, gaps in expected.items():
        result = check(shared_reports / name, national)
        got = {key: value for key, value in statuses(result).items() if value != "present"}
        assert got == gaps, name
        assert result.verdict == "fail"


def test_real_report_metadata(shared_reports, national):
    meta = check(shared_reports / "000_304a4630589c0e9d.txt", national).metadata
    assert (meta.year, meta.date, meta.recipient, meta.issuer) == (2023, "2023-12-27", "市政府", "米易县人民政府")
    meta = check(shared_reports / "001_4d08be111e600d4c.txt", national).metadata
    assert meta.date is None and meta.year == 2023


def test_sample_metadata(national):
    meta = check(SAMPLES / "web_page.txt", national).metadata
    assert meta.title == "青溪县人民政府关于2025年度法治政府建设情况的报告"
    assert (meta.year, meta.date, meta.published, meta.recipient) == (2025, "2026-02-12", "2026-03-05", "云岭市人民政府")
    meta = check(SAMPLES / "department.txt", national).metadata
    assert meta.issuer == "青溪县市场监督管理局"

