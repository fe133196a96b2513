"""Authoring checklists: the `checklist` and `explain` commands, format versions, misspelt fields,
and the warnings about matchers that can never match."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from checker.checklist import model as checklist
from checker.cli import main
from checker.common.errors import ChecklistError
from checker.run import checklists

NATIONAL_TEXT = (ROOT / "checklists" / "national.yaml").read_text("utf-8")
CHILD = 'schema_version: 1\nid: child\ntitle: 测试清单\nversion: "1"\nextends: national\napplies_to: {from: 2021, to: 2025}\n'


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def write_child(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "child.yaml"
    path.write_text(CHILD + textwrap.dedent(body), "utf-8")
    return path


# ---------------------------------------------------------------- format versions and misspelt fields


@pytest.mark.parametrize(
    ("version", "fragments"),
    [(2, ["schema_version", "格式 2", "只认识格式 1", "升级 rolcheck"]), (0, ["schema_version", "没有清单格式 0", "当前格式为 1"])],
)
def test_other_format_versions_get_a_clear_message(version, fragments):
    with pytest.raises(ChecklistError) as caught:
        checklists.parse(NATIONAL_TEXT.replace("schema_version: 1", f"schema_version: {version}", 1), "mine.yaml")
    message = str(caught.value)
    assert message.startswith("mine.yaml: schema_version: ")
    for fragment in fragments:
        assert fragment in message


@pytest.mark.parametrize(
    ("wrong", "right", "where"),
    [
        ("severity: required", "severty: required", "elements[0]"),
        ("  headings: [存在的不足", "  heading: [存在的不足", "match"),
        ("time_scope:", "timescope:", "（顶层）"),
    ],
)
def test_unknown_field_suggests_the_known_one(wrong, right, where):
    with pytest.raises(ChecklistError) as caught:
        checklists.parse(NATIONAL_TEXT.replace(wrong, right, 1), "mine.yaml")
    message = str(caught.value)
    misspelt, meant = right.split(":")[0].strip(), wrong.split(":")[0].strip()
    assert where in message and f"'{misspelt}'" in message and f"是不是 '{meant}'" in message


def test_unknown_field_far_from_any_known_one_gets_no_guess():
    with pytest.raises(ChecklistError) as caught:
        checklists.parse(NATIONAL_TEXT + "maintainer: 青溪县司法局\n", "mine.yaml")
    assert "'maintainer'" in str(caught.value) and "是不是" not in str(caught.value)


@pytest.mark.parametrize(
    ("body", "fragments"),
    [
        ("reporting:\n  deadlines:\n    report: {date: '3-1'}\n", ["reporting.deadlines.report.date", "'3-1'"]),
        ("reporting:\n  deadlines:\n    report: {date: '02-30'}\n", ["reporting.deadlines.report.date", "'02-30'", "不是有效日期"]),
        ("reporting:\n  body: ministry\n", ["reporting.body", "'ministry'", "government"]),
        ("reporting:\n  title: {pattern: '(?:关于'}\n", ["reporting.title.pattern", "正则表达式无效"]),
        ("applies_to: {from: 2026, to: 2021}\n", ["applies_to", "2026", "2021"]),
        ("applies_to: {since: 2021}\n", ["applies_to", "'since'"]),
    ],
)
def test_reporting_and_applies_to_are_validated(tmp_path, body, fragments):
    path = tmp_path / "child.yaml"
    path.write_text(CHILD.replace("applies_to: {from: 2021, to: 2025}\n", "") + body, "utf-8")
    with pytest.raises(ChecklistError) as caught:
        checklists.load(str(path))
    message = str(caught.value)
    assert message.startswith(str(path)) and "\n" not in message
    for fragment in fragments:
        assert fragment in message, message


# ---------------------------------------------------------------- checklist list / show / validate


def test_list_names_every_bundled_checklist_with_its_parent(capsys):
    code, out, _ = run_cli(capsys, "checklist", "list")
    assert code == 0
    for checklist_id in checklist.bundled_ids():
        assert f"  {checklist_id}  " in out
    assert "继承 department" in out and "基础清单" in out and "2023—2025年度" in out


def test_show_prints_the_file_as_written(capsys):
    code, out, _ = run_cli(capsys, "checklist", "show", "guizhou.demonstration")
    assert code == 0
    assert out == (ROOT / "checklists" / "guizhou.demonstration.yaml").read_text("utf-8")


def test_show_resolved_of_a_bundled_variant(capsys):
    code, out, _ = run_cli(capsys, "checklist", "show", "guizhou.demonstration", "--resolved")
    document = yaml.safe_load(out)
    assert code == 0 and document["id"] == "guizhou.demonstration"
    assert document["reporting"]["deadlines"]["report"]["date"] == "01-31"
    assert document["reporting"]["title"]["confirmed"] is False  # from guizhou
    assert len(document["elements"]) == 13  # from national


@pytest.mark.parametrize("action", ["show", "validate"])
def test_unknown_checklist_is_one_line_exit_2(capsys, action):
    code, _, err = run_cli(capsys, "checklist", action, "guizhou.departmnet")
    assert code == 2
    assert "'guizhou.departmnet'" in one_line(err) and "'guizhou.department'" in err


def test_validate_a_bundled_checklist(capsys):
    code, out, _ = run_cli(capsys, "checklist", "validate", "guizhou.department")
    assert code == 0
    assert "有效" in out and "national → department → guizhou.department" in out and "警告" not in out


def test_validate_a_broken_checklist_is_one_line_exit_2(tmp_path, capsys):
    path = write_child(tmp_path, "elements:\n  - id: problems\n    severity: must\n")
    code, out, err = run_cli(capsys, "checklist", "validate", str(path))
    assert code == 2 and out == ""
    assert "elements[0].severity" in one_line(err) and str(path) in err


@pytest.mark.parametrize(
    ("body", "fragments"),
    [
        ("elements:\n  - id: problems\n    match:\n      patterns: ['\\b存在\\b']\n", ["problems.match.patterns[0]", "\\b"]),
        ("elements:\n  - id: problems\n    match:\n      evidence: {add: [{phrase: 短板, synonyms: []}]}\n", ["problems.match.evidence[3].synonyms", "同义词列表为空"]),
        (
            "elements:\n  - id: problems\n    match:\n      headings: [关于本年度法治政府建设工作中存在的各方面不足以及下一步需要重点加以研究解决的若干主要问题和原因]\n",
            ["problems.match.headings[0]", "超过任何常见标题"],
        ),
        ("elements:\n  - id: problems\n    match:\n      headings: ['存在(?:的)?问题']\n", ["problems.match.headings[0]", "像正则表达式"]),
        ("elements:\n  - id: problems\n    match:\n      headings: [存在问题(2025)]\n", ["problems.match.headings[0]", "半角标点"]),
        ("elements:\n  - id: problems\n    match:\n      headings: ['{yaer}年存在的问题']\n", ["problems.match.headings[0]", "{yaer}"]),
        ("elements:\n  - id: problems\n    present: {groups: 5}\n", ["problems.present.groups", "5 类", "4 组"]),
        (
            "elements:\n  - id: problems\n    basis: [{source: 省办法, article: 第三条}]\n",
            ["problems.basis", "'省办法'", "sources"],
        ),
    ],
)
def test_validate_warns_about_matchers_that_can_never_match(tmp_path, capsys, body, fragments):
    path = write_child(tmp_path, body)
    code, out, _ = run_cli(capsys, "checklist", "validate", str(path))
    assert code == 1, out
    warnings = [line for line in out.splitlines() if "警告" in line]
    assert warnings
    for fragment in fragments:
        assert any(fragment in line for line in warnings), (fragment, warnings)


TINY = """\
schema_version: 1
id: tiny
title: 小清单
version: "1"
applies_to: {from: 2021, to: 2025}
sources: [{id: 督察规定, title: 《法治政府建设与责任落实督察工作规定》}]
elements:
  - id: problems
    title: 存在的不足
    severity: required
    description: 列出不足。
    basis: [{source: 督察规定, article: 年度报告内容第（二）项}]
    scope: reported_year
    match: {headings: [], evidence: []}
    present: {}
  - id: problem_causes
    title: 不足的原因
    severity: required
    description: 分析原因。
    basis: [{source: 督察规定, article: 年度报告内容第（二）项}]
    scope: reported_year
    match: {evidence: [{phrase: 究其原因}], within: [problems]}
    present: {}
"""


def test_validate_warns_about_an_element_with_nothing_to_match_and_what_lies_within_it(tmp_path, capsys):
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY, "utf-8")
    code, out, _ = run_cli(capsys, "checklist", "validate", str(path))
    assert code == 1
    assert "警告：problems.match.headings: 列表为空" in out and "警告：problems.match.evidence: 列表为空" in out
    assert "警告：problems.present: " in out and "永远不会判为“具备”" in out
    assert "警告：problem_causes.match.within: 要素 'problems' 没有任何标题" in out


def test_an_element_whose_lists_a_child_empties_must_still_match_something(tmp_path):
    path = write_child(tmp_path, "elements:\n  - id: problems\n    match:\n      headings: []\n      evidence: {remove: [存在的不足, 有待提升, 不够]}\n      patterns: []\n")
    with pytest.raises(ChecklistError) as caught:
        checklists.load(str(path))
    assert "elements[problems].match" in str(caught.value) and "至少要有" in str(caught.value)


def test_validate_warns_when_a_base_checklist_declares_no_years(tmp_path, capsys):
    path = tmp_path / "base.yaml"
    path.write_text(re.sub(r"\napplies_to:\n(?:  .*\n)+", "\n", NATIONAL_TEXT), "utf-8")
    assert "applies_to" not in path.read_text("utf-8")
    code, out, _ = run_cli(capsys, "checklist", "validate", str(path))
    assert code == 1 and "警告：applies_to" in out
    code, out, _ = run_cli(capsys, "checklist", "validate", str(write_child(tmp_path, "")))  # a child inherits the years
    assert code == 0, out


# ---------------------------------------------------------------- checklist init


def test_init_writes_a_valid_commented_starter(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(capsys, "checklist", "init", "qingxi-county.yaml", "--extends", "department")
    assert code == 0 and "qingxi-county.yaml" in out
    text = (tmp_path / "qingxi-county.yaml").read_text("utf-8")
    assert "extends: \"department\"" in text and "id: qingxi_county" in text
    assert "# remove_elements: [area.government_functions]" in text  # a real element of the parent, commented out
    assert "#   first_responsible_person（必备）部门主要负责人履行推进法治建设第一责任人职责情况" in text
    loaded = checklists.load("qingxi-county.yaml")
    assert [element.id for element in loaded.elements] == [element.id for element in checklists.load("department").elements]
    code, out, _ = run_cli(capsys, "checklist", "validate", "qingxi-county.yaml")
    assert code == 0, out


def test_init_refuses_to_overwrite(tmp_path, capsys):
    target = tmp_path / "mine.yaml"
    target.write_text("# 已有的清单\n", "utf-8")
    code, _, err = run_cli(capsys, "checklist", "init", str(target))
    assert code == 2 and "不会覆盖" in one_line(err)
    assert target.read_text("utf-8") == "# 已有的清单\n"


def test_init_extending_a_path_writes_it_relative_to_the_new_file(tmp_path, capsys):
    base = tmp_path / "province" / "base.yaml"
    base.parent.mkdir()
    base.write_text(CHILD.replace("id: child", "id: province"), "utf-8")
    target = tmp_path / "counties" / "qingxi.yaml"
    code, _, err = run_cli(capsys, "checklist", "init", str(target), "--extends", str(base))
    assert code == 0, err
    assert 'extends: "../province/base.yaml"' in target.read_text("utf-8")
    assert [layer.id for layer in checklists.load(str(target)).layers] == ["national", "province", "qingxi"]


def test_init_with_an_unknown_parent_writes_nothing(tmp_path, capsys):
    code, _, err = run_cli(capsys, "checklist", "init", str(tmp_path / "x.yaml"), "--extends", "nationl")
    assert code == 2 and "'national'" in one_line(err)
    assert not (tmp_path / "x.yaml").exists()


def test_checklist_without_action_is_a_usage_error(capsys):
    code, _, err = run_cli(capsys, "checklist")
    assert code == 2 and "ACTION" in one_line(err)


# ---------------------------------------------------------------- explain


def test_explain_a_national_element(capsys):
    code, out, _ = run_cli(capsys, "explain", "problem_causes")
    assert code == 0
    assert out.startswith("problem_causes　不足的原因")
    assert "必备" in out and "督察规定 年度报告内容第（二）项（条号待核）" in out
    assert "《法治政府建设与责任落实督察工作规定》" in out and "上一年度推进法治政府建设存在的不足和原因" in out
    assert "究其原因／原因是" in out and "只在这些要素所在部分查找：problems" in out
    assert "（二）原因分析" in out  # an example heading
    assert "定义于 national" in out


def test_explain_shows_what_a_variant_changed(capsys):
    code, out, _ = run_cli(capsys, "explain", "first_responsible_person", "--checklist", "guizhou.department")
    assert code == 0
    assert "部门主要负责人履行推进法治建设第一责任人职责情况" in out
    assert "定义于 national，department 修改" in out and "national → department → guizhou.department" in out
    assert "党组书记／局长／主任" in out and "县长" not in out
    assert "至少 2 项、1 句含数据、2 句证据" in out


def test_explain_unknown_element_suggests(capsys):
    code, _, err = run_cli(capsys, "explain", "problem_cause")
    assert code == 2 and "是不是 'problem_causes'" in one_line(err)


def test_explain_uses_the_projects_checklist(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rolcheck.toml").write_text('checklist = "department"\n', "utf-8")
    code, out, _ = run_cli(capsys, "explain", "department.enforcement_and_licensing")
    assert code == 0 and "本部门行政许可和行政执法工作" in out
