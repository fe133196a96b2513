"""The bundled checklists: their lineage and reporting data, the example reports each ships, the
generated index page, and the wheel that installs them."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SAMPLES

from checker.checklist.inheritance import resolve
from checker.checklist.lint import lint
from checker.checklist.model import bundled_ids
from checker.common.chinese import fill_years
from checker.result import PRESENT, ReportResult
from checker.run.checklists import build, load
from checker.run.pipeline import check

EXAMPLES = ROOT / "checklists" / "examples"
VARIANTS = ["national", "department", "township", "outline2015", "guizhou", "guizhou.demonstration", "guizhou.department", "shenzhen"]


def examples(kind: str) -> list[tuple[str, Path]]:
    return [(folder.name, path) for folder in sorted(EXAMPLES.iterdir()) for path in sorted((folder / kind).glob("*.txt"))]


def statuses(result: ReportResult) -> dict[str, str]:
    return {element.element.id: element.status for element in result.elements}


def broken_reporting_rules(result: ReportResult) -> set[str]:
    """The declared reporting rules (title, deadlines.report…) the report breaks, as its findings say."""
    return {finding.rule for finding in result.findings if finding.rule}


# ---------------------------------------------------------------- the bundled set


def test_bundled_variants_are_the_documented_ones():
    assert bundled_ids() == sorted(VARIANTS)


@pytest.mark.parametrize("checklist_id", VARIANTS)
def test_bundled_file_name_is_its_id_and_it_declares_its_years_and_body(checklist_id):
    loaded = load(checklist_id)
    assert loaded.id == checklist_id == loaded.layers[-1].name
    assert loaded.applies_to.first is not None and loaded.applies_to.last is not None
    assert loaded.reporting.body in ("government", "department") and loaded.reporting.body_label
    assert loaded.reporting.deadlines.publish.label == "4月1日之前" and loaded.reporting.deadlines.publish.confirmed


@pytest.mark.parametrize("checklist_id", VARIANTS)
def test_bundled_checklists_lint_clean(checklist_id):
    resolved = resolve(checklist_id)
    assert lint(build(resolved), resolved.document) == []


def test_national_keeps_its_public_element_ids_in_every_government_variant():
    national_ids = {element.id for element in load("national").elements}
    for checklist_id in ("guizhou", "guizhou.demonstration", "shenzhen", "department", "guizhou.department"):
        assert national_ids <= {element.id for element in load(checklist_id).elements}, checklist_id


def test_department_variant():
    department = load("department")
    head = department.element("first_responsible_person")
    assert "部门主要负责人" in head.title
    terms = {term for group in head.evidence for term in group.terms}
    assert {"局长", "主任", "党组书记", "党组会议学法"} <= terms
    assert "县长" not in terms and "市长" not in terms
    assert head.basis[0].source == "督察规定" and all(basis.source != "责任人规定" for basis in head.basis)
    assert not department.element("department.enforcement_and_licensing").required
    assert department.reporting.body == "department"
    names = [recipient.name for recipient in department.reporting.recipients]
    assert "上一级政府有关部门" in names
    assert [r.name for r in department.reporting.recipients if r.copy] == ["本级党委法治建设议事协调机构"]
    report = department.reporting.deadlines.report
    assert (report.date, report.confirmed) == ("03-01", False)  # national date unconfirmed: advice only


def test_guizhou_variants_declare_the_guides_deadlines():
    demonstration = load("guizhou.demonstration").reporting.deadlines.report
    assert (demonstration.date, demonstration.inclusive, demonstration.confirmed) == ("01-31", True, True)
    departments = load("guizhou.department").reporting.deadlines.report
    assert (departments.date, departments.confirmed) == ("03-01", True)
    assert "贵州指引" in {basis.source for basis in departments.basis}
    for checklist_id in ("guizhou", "guizhou.department"):
        title = load(checklist_id).reporting.title
        assert title is not None and not title.confirmed  # the guide's exact wording is not yet read
        for example in title.examples:
            assert re.search(fill_years(title.pattern, 2025), example), example
        assert not re.search(fill_years(title.pattern, 2025), "青溪县人民政府关于2025年法治政府建设工作总结的报告")


def test_shenzhen_items_are_recommended_and_unconfirmed():
    shenzhen = load("shenzhen")
    for element in shenzhen.elements:
        if any(basis.source == "深圳指引" for basis in element.basis):
            assert not element.required
            assert not next(basis for basis in element.basis if basis.source == "深圳指引").confirmed
    assert shenzhen.element("area.rulemaking").present.figures == 2
    assert shenzhen.layers[-1].added == ("area.leadership",)


def test_report_outside_applies_to_gets_a_warning(tmp_path):
    text = (SAMPLES / "complete.txt").read_text("utf-8").replace("2026", "2028").replace("2025", "2027")
    future = tmp_path / "future.txt"
    future.write_text(text, "utf-8")
    result = check(future, load("national"))
    assert result.metadata.year == 2027
    assert any("2027" in warning and "national" in warning and "2021—2025" in warning for warning in result.warnings)
    assert not check(SAMPLES / "complete.txt", load("national")).warnings
    guizhou_2022 = tmp_path / "old.txt"
    guizhou_2022.write_text((SAMPLES / "complete.txt").read_text("utf-8").replace("2026", "2023").replace("2025", "2022"), "utf-8")
    assert not check(guizhou_2022, load("national")).warnings
    assert any("guizhou" in warning for warning in check(guizhou_2022, load("guizhou")).warnings)


# ---------------------------------------------------------------- example reports


def test_every_bundled_checklist_ships_passing_and_failing_examples():
    assert sorted(folder.name for folder in EXAMPLES.iterdir() if folder.is_dir()) == sorted(VARIANTS)
    for checklist_id in VARIANTS:
        fails = sorted((EXAMPLES / checklist_id / "fail").glob("*.txt"))
        assert list((EXAMPLES / checklist_id / "pass").glob("*.txt")) and fails, checklist_id
        for report in fails:
            assert report.with_suffix(".yaml").exists(), f"{report} needs a sidecar naming what must fail"


@pytest.mark.parametrize(("checklist_id", "report"), examples("pass"), ids=lambda value: getattr(value, "name", value))
def test_passing_example(checklist_id, report):
    checklist = load(checklist_id)
    result = check(report, checklist)
    assert {key: value for key, value in statuses(result).items() if value != PRESENT} == {}
    assert result.verdict == "pass" and not result.warnings
    assert result.findings == ()  # no reporting rule broken, nothing else for a reviewer to flag


@pytest.mark.parametrize(("checklist_id", "report"), examples("fail"), ids=lambda value: getattr(value, "name", value))
def test_failing_example_fails_for_the_variants_own_reasons(checklist_id, report):
    expected = yaml.safe_load(report.with_suffix(".yaml").read_text("utf-8"))
    assert expected["why"] and (expected["not_present"] or expected.get("reporting"))
    checklist = load(checklist_id)
    result = check(report, checklist)
    assert {key for key, value in statuses(result).items() if value != PRESENT} == set(expected["not_present"])
    assert result.verdict == expected["verdict"] and not result.warnings
    assert broken_reporting_rules(result) == set(expected.get("reporting", []))
    assert {finding.id for finding in result.findings} == set(expected.get("findings", []))
    if len(checklist.layers) > 1:  # the parent accepts at least one thing this variant rejects
        parent = load(checklist.layers[-2].name)
        under_parent = check(report, parent)
        parent_statuses = statuses(under_parent)
        own = {element for element in expected["not_present"] if parent_statuses.get(element, PRESENT) == PRESENT}
        own |= set(expected.get("reporting", [])) - broken_reporting_rules(under_parent)
        assert own, f"{report.name} fails {checklist_id} only for reasons its parent {parent.id} already has"


# ---------------------------------------------------------------- generated docs and packaging


def test_checklist_docs_index_is_generated_and_lists_every_page():
    from checker.docgen.catalogue import DOCS_DIR, INDEX, MARKER, pages

    generated = pages()
    assert set(generated) == {f"{checklist_id}.md" for checklist_id in VARIANTS} | {INDEX}
    folder = ROOT / DOCS_DIR
    stale = [name for name, text in generated.items() if not (folder / name).exists() or (folder / name).read_text("utf-8") != text]
    assert not stale, f"run python scripts/generate_docs.py: {stale}"
    leftovers = {path.name for path in folder.glob("*.md") if MARKER in path.read_text("utf-8")} - set(generated)
    assert not leftovers
    index = generated[INDEX]
    for checklist_id in VARIANTS:
        assert f"[`{checklist_id}`]({checklist_id}.md)" in index
    assert "    - [`guizhou.department`](guizhou.department.md)" in index  # national → department → guizhou.department
    page = generated["guizhou.department.md"]
    assert "继承：[`national`](national.md) → [`department`](department.md) → **`guizhou.department`**" in page
    assert "不晚于3月1日" in page and "贵州指引 报送时限（条号待核）" in page


def test_pages_of_checklists_that_are_gone_are_retired(tmp_path):
    from checker.docgen.catalogue import MARKER, retired

    (tmp_path / "retired.md").write_text(f"# old\n\n{MARKER}\n", "utf-8")
    (tmp_path / "notes.md").write_text("# hand-written\n", "utf-8")
    (tmp_path / "national.md").write_text(f"{MARKER}\n", "utf-8")  # still generated: stale, not retired
    assert [path.name for path in retired(tmp_path)] == ["retired.md"]


def test_installed_wheel_resolves_bundled_inheritance(tmp_path):
    """`pip install .` puts every checklist into the package; inheritance between them works from there."""
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, check=False,
    )
    assert built.returncode == 0, built.stderr
    wheel = next(tmp_path.glob("rolcheck-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert {f"checker/checklists/{checklist_id}.yaml" for checklist_id in VARIANTS} <= set(names)
    assert not [name for name in names if "/examples/" in name]  # examples are for the tests, not the package
    site = tmp_path / "site"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
        capture_output=True, text=True, check=False,
    )
    assert installed.returncode == 0, installed.stderr
    script = (
        "import checker, sys; from checker.cli import main; print(checker.__file__);"
        "sys.exit(main(['checklist', 'show', 'guizhou.department', '--resolved']))"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", check=False,
        env={"PYTHONPATH": str(site), "PATH": ""},
    )
    assert run.returncode == 0, run.stderr
    first, rest = run.stdout.split("\n", 1)
    assert first.startswith(str(site))
    assert "national → department → guizhou.department" in rest and "department.enforcement_and_licensing" in rest
