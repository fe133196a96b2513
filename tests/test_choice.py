"""The checklist chosen for a report: from the issuer's kind and the year, shown in every output; --checklist and settings pins win."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from checker.checklist.model import parse
from checker.cli import main
from checker.common.chinese import issuer_kind
from checker.common.errors import ChecklistError
from checker.output import renderers
from checker.run import checklists
from checker.run.choice import candidates, fixed
from checker.run.pipeline import check
from checker.run.choice import Selection

ISSUERS = Path(__file__).resolve().parent / "data" / "issuers"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("青溪县人民政府", "government"),
        ("云岭市", "government"),
        ("青溪县市场监督管理局", "department"),
        ("青溪县发展和改革委员会", "department"),
        ("青溪县卫生健康委", "department"),
        ("青溪县人民政府办公室", "department"),
        ("青溪县白沙镇人民政府", "township"),
        ("青溪县城关街道办事处", "township"),
        ("中共青溪县委、青溪县人民政府", "joint"),
        ("中共青溪县委员会 青溪县人民政府", "joint"),
        ("县委 县政府", "joint"),
        ("青溪县乡村振兴局", "department"),
        ("法治政府建设", None),
    ],
)
def test_issuer_kinds(name, kind):
    assert issuer_kind(name) == kind


@pytest.fixture(scope="module")
def chosen():
    """Every issuer sample checked with no --checklist: (checklist id, reason, result)."""
    return {path.stem: check(path, Selection()) for path in sorted(ISSUERS.glob("*.txt"))}


@pytest.mark.parametrize(
    ("sample", "checklist", "because"),
    [
        ("government_2023", "national", ["发文机关“青溪县人民政府”（人民政府）", "报告年度 2023"]),
        ("department_2023", "department", ["发文机关“青溪县自然资源局”（政府部门）", "报告年度 2023"]),
        ("township_2023", "township", ["发文机关“青溪县白沙镇人民政府”（乡镇（街道））"]),
        ("joint_2023", "national", ["（党委和政府联合）", "中共青溪县委"]),
        ("government_2019", "outline2015", ["报告年度 2019", "适用2016—2020年度"]),
        ("government_2026", "national", ["最新的 national", "报告年度 2026", "尚未内置"]),
    ],
)
def test_the_report_chooses_its_checklist_and_says_why(chosen, sample, checklist, because):
    result = chosen[sample]
    assert result.checklist.id == checklist
    for fragment in because:
        assert fragment in result.checklist_reason, result.checklist_reason


def test_2019_is_checked_against_the_seven_areas_of_the_2015_outline(chosen):
    ids = [element.element.id for element in chosen["government_2019"].elements]
    areas = [i for i in ids if i.startswith("area")]
    assert len(areas) == 7 and all(i.startswith("area2015.") for i in areas)
    statuses = {e.element.id: e.status for e in chosen["government_2019"].elements}
    # The sample reports on each of the seven areas under the Outline's own headings.
    assert {statuses[i] for i in areas} == {"present"}, statuses
    # Against the 2021—2025 checklist the same report misses the areas that Outline added.
    against_national = {e.element.id: e.status for e in check(ISSUERS / "government_2019.txt", checklists.load("national")).elements}
    assert against_national["area.emergency_response"] == "missing"


def test_a_township_is_not_asked_for_rulemaking(chosen):
    township = chosen["township_2023"]
    ids = {element.element.id for element in township.elements}
    assert "area.rulemaking" not in ids and "township.enforcement_and_grassroots" in ids
    assert township.verdict == "pass"
    statuses = {e.element.id: e.status for e in township.elements}
    assert statuses["township.enforcement_and_grassroots"] == "present"
    assert statuses["area.administrative_decisions"] == "present"  # 合法性审查 and 法律顾问 are enough for a township
    national = {e.element.id: e.status for e in check(ISSUERS / "township_2023.txt", checklists.load("national")).elements}
    assert national["area.rulemaking"] != "present"


def test_the_checklists_declare_whom_they_are_for_and_children_do_not_inherit_it():
    declared = {checklist.id: set(checklist.chosen_for) for checklist in candidates()}
    assert declared == {
        "national": {"government", "joint"},
        "department": {"department"},
        "township": {"township"},
        "outline2015": {"government", "joint", "department", "township"},
    }
    assert checklists.load("guizhou").chosen_for == ()  # extends national, is never picked by itself


def test_an_unknown_issuer_kind_in_a_checklist_is_refused(tmp_path):
    text = (Path(__file__).resolve().parent.parent / "checklists" / "township.yaml").read_text("utf-8")
    with pytest.raises(ChecklistError, match="chosen_for"):
        parse(text.replace("issuers: [township]", "issuers: [village]"), str(tmp_path / "bad.yaml"))


def test_every_output_says_which_checklist_and_why(chosen):
    result = chosen["department_2023"]
    reason = result.checklist_reason
    for name in ("json", "text", "html", "md", "junit", "sarif"):
        out = renderers.get(name).render(result)
        assert reason in out, name
    assert json.loads(renderers.get("json").render(result))["checklist"]["reason"] == reason


def test_checklist_flag_always_wins(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rolcheck.toml").write_text('[checklists]\n"*" = "department"\n', "utf-8")
    code = main(["check", str(ISSUERS / "township_2023.txt"), "--checklist", "national", "--output", "-", "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert code == 0
    assert document["checklist"]["id"] == "national"
    assert document["checklist"]["reason"] == "按 --checklist 指定使用 national"


def test_settings_pin_a_checklist_per_folder_glob(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "departments").mkdir()
    shutil.copy(ISSUERS / "government_2023.txt", tmp_path / "departments" / "a.txt")
    shutil.copy(ISSUERS / "government_2023.txt", tmp_path / "b.txt")
    (tmp_path / "rolcheck.toml").write_text('[checklists]\n"departments/*" = "department"\n', "utf-8")
    code = main(["check", "departments/a.txt", "b.txt", "--format", "json", "--out", "out", "-q", "--jobs", "1"])
    assert code in (0, 1)
    pinned = json.loads((tmp_path / "out" / "a.json").read_text("utf-8"))["checklist"]
    chosen = json.loads((tmp_path / "out" / "b.json").read_text("utf-8"))["checklist"]
    assert pinned["id"] == "department" and "“departments/*”" in pinned["reason"]
    assert chosen["id"] == "national" and "发文机关" in chosen["reason"]


def test_a_bad_pin_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rolcheck.toml").write_text('[checklists]\n"departments/*" = "departmnet"\n', "utf-8")
    code = main(["check", str(ISSUERS / "government_2023.txt"), "--output", "-"])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and "department" in err


def test_a_named_checklist_is_used_as_is():
    result = check(ISSUERS / "township_2023.txt", fixed(checklists.load("department")))
    assert result.checklist.id == "department" and "--checklist" in result.checklist_reason


def test_a_mixed_batch_shows_every_checklists_elements_and_each_rows_checklist(tmp_path, capsys):
    code = main(["check", str(ISSUERS), "--format", "html", "--out", str(tmp_path), "-q", "--jobs", "1"])
    assert code in (0, 1)
    header = (tmp_path / "summary.csv").read_text("utf-8").splitlines()[0].split(",")
    # national's columns first (most reports use it), then those only the other checklists have.
    assert header[5:10] == ["first_responsible_person", "measures_and_results", "problems", "problem_causes", "next_year_plan"]
    assert {"department.enforcement_and_licensing", "township.enforcement_and_grassroots", "area2015.capacity"} <= set(header)
    assert len(header) == len(set(header))
    rows = {line.split(",")[0].rsplit("/", 1)[-1]: dict(zip(header, line.split(","))) for line in (tmp_path / "summary.csv").read_text("utf-8").splitlines()[1:]}
    assert rows["township_2023.txt"]["area.rulemaking"] == "" and rows["township_2023.txt"]["township.enforcement_and_grassroots"] == "present"
    index = (tmp_path / "index.html").read_text("utf-8")
    assert index.count('class="row-checklist"') == 3  # department, township, outline2015; national is the page's own
