"""Inheritance: `extends`, the merge rules, their errors, and a user's checklist used everywhere by path."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SAMPLES

from checker.checklist import model as checklist
from checker.checklist.inheritance import resolve
from checker.cli import main
from checker.common.errors import ChecklistError
from checker.run import checklists
from checker.run.pipeline import check

HEADER = 'schema_version: 1\nid: {id}\ntitle: 测试清单\nversion: "1"\nextends: {extends}\n'

# A county's own checklist: national without the digital-government area, plus a required
# element of a (fictional) provincial rule.
QINGXI = """\
schema_version: 1
id: qingxi
title: 青溪县法治政府建设年度报告要素清单
version: "2026.1"
extends: national
sources:
  - {id: 云岭省办法, title: 《云岭省法治政府建设年度报告办法》, issuer: 云岭省人民政府, date: "2024"}
remove_elements: [area.digital_government]
elements:
  - id: province.legal_advisers
    title: 政府法律顾问和公职律师工作
    severity: required
    description: 写明法律顾问、公职律师参与决策和审查合同的情况，并有数据。
    basis:
      - {source: 云岭省办法, article: 第十条, confirmed: false}
    scope: reported_year
    match:
      headings: [法律顾问, 公职律师]
      evidence:
        - {phrase: 法律顾问, synonyms: [公职律师]}
        - {phrase: 法律意见, synonyms: [法律意见书, 审查合同]}
    present: {sentences: 1, groups: 2, figures: 1}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), "utf-8")
    return path


def child(tmp_path: Path, body: str, extends: str = "national", name: str = "child.yaml") -> Path:
    return write(tmp_path, name, HEADER.format(id="child", extends=extends) + textwrap.dedent(body))


def load_error(path: Path) -> str:
    with pytest.raises(ChecklistError) as caught:
        checklists.load(str(path))
    message = str(caught.value)
    assert "\n" not in message
    return message


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# ---------------------------------------------------------------- a user's checklist, by path, everywhere


@pytest.fixture
def qingxi(tmp_path) -> Path:
    return write(tmp_path / "county", "qingxi.yaml", QINGXI)


def test_user_checklist_drops_and_adds_elements(qingxi):
    loaded = checklists.load(str(qingxi))
    ids = [element.id for element in loaded.elements]
    assert "area.digital_government" not in ids
    assert ids[-1] == "province.legal_advisers" and loaded.element("province.legal_advisers").required
    assert len(ids) == 13
    assert [layer.name for layer in loaded.layers] == ["national", str(qingxi)]
    assert loaded.layers[-1].added == ("province.legal_advisers",)
    assert loaded.layers[-1].removed == ("area.digital_government",)
    assert {source.id for source in loaded.sources} == {"督察规定", "责任人规定", "纲要", "云岭省办法"}
    assert loaded.reporting == checklists.load("national").reporting  # inherited untouched


def test_user_checklist_in_check_changes_the_verdict(qingxi, capsys):
    code, out, _ = run_cli(capsys, "check", str(SAMPLES / "department.txt"), "--checklist", str(qingxi), "--output", "-")
    document = json.loads(out)
    statuses = {element["id"]: element["status"] for element in document["elements"]}
    assert statuses["province.legal_advisers"] == "missing"  # the department's report has no legal advisers
    assert "area.digital_government" not in statuses
    assert document["verdict"] == "fail" and code == 1
    # the same report passes the parent
    assert check(SAMPLES / "department.txt", checklists.load("national")).verdict == "pass"
    code, out, _ = run_cli(capsys, "check", str(SAMPLES / "complete.txt"), "--checklist", str(qingxi), "--output", "-")
    advisers = next(e for e in json.loads(out)["elements"] if e["id"] == "province.legal_advisers")
    assert advisers["status"] == "present" and "法律顾问" in advisers["evidence"][0]["quote"] and code == 0


def test_user_checklist_in_explain(qingxi, capsys):
    code, out, _ = run_cli(capsys, "explain", "province.legal_advisers", "--checklist", str(qingxi))
    assert code == 0
    assert "政府法律顾问和公职律师工作" in out and "必备" in out
    assert "云岭省办法 第十条（条号待核）" in out and "《云岭省法治政府建设年度报告办法》" in out
    assert f"定义于 {qingxi}" in out and "national → " in out
    assert "一、法律顾问" in out  # an example heading it accepts
    code, _, err = run_cli(capsys, "explain", "area.digital_government", "--checklist", str(qingxi))
    assert code == 2 and "area.digital_government" in err and len(err.strip().splitlines()) == 1


def test_user_checklist_in_show_resolved_is_itself_a_valid_checklist(qingxi, capsys, tmp_path):
    code, out, _ = run_cli(capsys, "checklist", "show", str(qingxi), "--resolved")
    assert code == 0
    assert out.startswith("# 清单 qingxi 合并继承后的完整内容（national → ")
    document = yaml.safe_load(out)
    assert "extends" not in document and "remove_elements" not in document
    ids = [element["id"] for element in document["elements"]]
    assert "province.legal_advisers" in ids and "area.digital_government" not in ids
    assert "&id" not in out and "*id" not in out  # no YAML anchors in the merged text
    reparsed = checklists.parse(out, str(tmp_path / "resolved.yaml"))
    assert [element.id for element in reparsed.elements] == [element.id for element in checklists.load(str(qingxi)).elements]
    code, out, _ = run_cli(capsys, "checklist", "show", str(qingxi))
    assert out == qingxi.read_text("utf-8")


# ---------------------------------------------------------------- merge rules


def test_changing_an_element_merges_key_by_key(tmp_path):
    path = child(
        tmp_path,
        """\
        elements:
          - id: problems
            severity: recommended
            match:
              headings: [不足和短板]
              evidence:
                remove: [不够]
                add:
                  - {phrase: 短板弱项, synonyms: [弱项]}
              patterns: {add: ['一是[^。]*不']}
            present: {items: 3}
            basis:
              add:
                - {source: 纲要, article: 第十部分}
        """,
    )
    national = checklists.load("national").element("problems")
    changed = checklists.load(str(path)).element("problems")
    assert changed.severity == "recommended"
    assert changed.headings == ("不足和短板",)  # a list replaces
    assert [group.phrase for group in changed.evidence] == ["存在的不足", "有待提升", "短板弱项"]
    assert changed.patterns == (*national.patterns, "一是[^。]*不")  # added after the national one
    assert changed.present.items == 3 and changed.present.sentences == national.present.sentences  # key by key
    assert changed.basis == (*national.basis, checklist.Basis("纲要", "第十部分"))
    assert changed.title == national.title and changed.description == national.description


def test_a_change_never_leaks_into_elements_sharing_a_yaml_anchor(tmp_path):
    """national's task areas share one `present` mapping through a YAML anchor."""
    path = child(tmp_path, "elements:\n  - id: area.rulemaking\n    present: {figures: 4}\n")
    loaded = checklists.load(str(path))
    assert loaded.element("area.rulemaking").present.figures == 4
    assert loaded.element("area.law_enforcement").present.figures == 1
    assert checklists.load("national").element("area.rulemaking").present.figures == 1


def test_top_level_fields(tmp_path):
    path = child(
        tmp_path,
        """\
        applies_to: {from: 2024}
        time_scope:
          next_year_cues: ['下一步']
        sources:
          - {id: 纲要, title: 《法治政府建设实施纲要（2021—2025年）》（新版）}
        reporting:
          body: department
          deadlines:
            report: {date: "03-01"}
        """,
    )
    loaded = checklists.load(str(path))
    national = checklists.load("national")
    assert (loaded.applies_to.first, loaded.applies_to.last) == (2024, None)  # replaced whole
    assert loaded.time_scope.next_year_cues == ("下一步",)
    assert loaded.time_scope.next_year_headings == national.time_scope.next_year_headings  # key by key
    assert [source.id for source in loaded.sources] == [source.id for source in national.sources]
    assert loaded.sources[-1].title.endswith("（新版）")
    assert loaded.reporting.body == "department" and loaded.reporting.recipients == national.reporting.recipients
    assert loaded.reporting.deadlines.report == checklist.Deadline("03-01")  # a deadline is replaced whole: no stale note
    assert loaded.reporting.deadlines.publish == national.reporting.deadlines.publish
    assert loaded.description == "" and loaded.title == "测试清单" and loaded.id == "child"  # never inherited


def test_relative_extends_resolves_against_the_extending_file(tmp_path, qingxi, monkeypatch):
    grandchild = child(tmp_path / "towns", "elements:\n  - id: province.legal_advisers\n    severity: recommended\n", "../county/qingxi.yaml")
    monkeypatch.chdir(tmp_path / "county")  # not where the relative path starts
    loaded = checklists.load(str(grandchild))
    assert [layer.name for layer in loaded.layers][0] == "national"
    assert loaded.layers[1].name == str(qingxi)
    assert not loaded.element("province.legal_advisers").required
    assert "area.digital_government" not in [element.id for element in loaded.elements]


def test_bundled_variants_extend_each_other():
    assert [layer.name for layer in checklists.load("guizhou.department").layers] == ["national", "department", "guizhou.department"]
    assert resolve("guizhou.demonstration").layers[-1].reporting == ("body_label", "deadlines.report")


# ---------------------------------------------------------------- errors name the files


def test_cycle_names_every_file(tmp_path):
    a = tmp_path / "a.yaml"
    child(tmp_path, "", "b.yaml", "a.yaml")
    child(tmp_path, "", "a.yaml", "b.yaml")
    message = load_error(a)
    assert "循环" in message
    assert f"{a} → {tmp_path / 'b.yaml'} → {a}" in message


def test_extending_itself_is_a_cycle(tmp_path):
    path = child(tmp_path, "", "self.yaml", "self.yaml")
    assert f"{path} → {path}" in load_error(path)


def test_unknown_parent_id_names_the_file_and_suggests(tmp_path):
    path = child(tmp_path, "", "nationl")
    message = load_error(path)
    assert message.startswith(f"{path}: extends: ")
    assert "'nationl'" in message and "'national'" in message


def test_missing_parent_file_names_both_files(tmp_path):
    path = child(tmp_path, "", "parents/base.yaml")
    message = load_error(path)
    assert str(path) in message and str(tmp_path / "parents" / "base.yaml") in message and "不存在" in message


def test_broken_parent_is_reported_with_its_own_name(tmp_path):
    write(tmp_path, "base.yaml", HEADER.format(id="base", extends="national") + "elements:\n  - id: problems\n    severity: must\n")
    path = child(tmp_path, "", "base.yaml")
    message = load_error(path)
    assert message.startswith(f"{tmp_path / 'base.yaml'}: elements[0].severity: ")


@pytest.mark.parametrize(
    ("body", "fragments"),
    [
        ("remove_elements: [area.digital_govt]\n", ["remove_elements[0]", "'area.digital_govt'", "national", "'area.digital_government'"]),
        (
            "remove_elements: [problems]\nelements:\n  - id: problems\n    severity: recommended\n",
            ["elements[0]", "'problems'", "remove_elements"],
        ),
        ("elements:\n  - id: problems\n    match:\n      headings: {remove: [存在问题啊]}\n", ["elements[0].match.headings.remove[0]", "'存在问题啊'"]),
        ("elements:\n  - id: problems\n    match:\n      evidence: {remove: [不足够]}\n", ["evidence.remove[0]", "'不足够'", "'不够'"]),
        ("elements:\n  - id: problems\n    match:\n      headings: 存在的不足\n", ["elements[0].match.headings", "{add: [...], remove: [...]}"]),
        ("elements:\n  - id: problems\n  - id: problems\n", ["elements[1]", "重复"]),
        ("elements:\n  - id: province.new\n    title: 新要素\n", ["elements[province.new]", "缺少必填字段"]),
        ("elements:\n  - id: problems\n    severty: recommended\n", ["elements[0]", "'severty'", "是不是 'severity'"]),
        ("remove_elements: [problems]\n", ["problem_causes.match.within", "'problems'"]),
    ],
)
def test_merge_errors_are_one_line_and_name_the_place(tmp_path, body, fragments):
    path = child(tmp_path, body)
    message = load_error(path)
    assert message.startswith(str(path))
    for fragment in fragments:
        assert fragment in message, message


def test_remove_elements_without_extends_is_refused(tmp_path):
    text = (ROOT / "checklists" / "national.yaml").read_text("utf-8")
    path = write(tmp_path, "copy.yaml", text + "remove_elements: [problems]\n")
    message = load_error(path)
    assert "remove_elements" in message and "extends" in message


def test_bundled_checklist_may_only_extend_bundled_ones():
    from checker.checklist import loading as checklist_file

    with pytest.raises(ChecklistError) as caught:
        checklist_file.locate("base.yaml", None, "checklists/mine.yaml")
    message = str(caught.value)
    assert message.startswith("checklists/mine.yaml: extends: ") and "内置清单" in message
