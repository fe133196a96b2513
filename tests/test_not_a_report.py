"""A file that is not an annual rule-of-law report at all is refused (exit 2), not scored 0."""

from __future__ import annotations

import pytest
from conftest import ROOT

from checker.cli import main
from checker.common.errors import InputError
from checker.run.checklists import load
from checker.run.pipeline import check

NOTICE = """关于召开青溪县2026年春季森林防火工作会议的通知

各乡镇人民政府，县直各有关单位：
经县人民政府同意，定于2026年3月5日上午9时在县政府三楼会议室召开全县春季森林防火工作会议。
请各单位主要负责同志准时参会，并于3月3日前将参会人员名单报县应急管理局。

青溪县应急管理局
2026年2月27日
"""
THIN_REPORT = """青溪县农业农村局2025年度法治政府建设情况报告

今年我局认真学习法治思想，工作取得一定进展。明年将继续努力。

青溪县农业农村局
2026年1月20日
"""


def test_a_readme_and_a_meeting_notice_are_refused_with_one_clear_line(tmp_path, capsys):
    readme = tmp_path / "README.md"
    readme.write_text("# 青溪县报告仓库\n报送前请先运行检查。\n", "utf-8")
    notice = tmp_path / "森林防火会议通知.txt"
    notice.write_text(NOTICE, "utf-8")
    for path in (readme, notice):
        assert main(["check", str(path), "--out", str(tmp_path / "out")]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith(f"rolcheck: 错误：{path}: 看起来不是法治政府建设年度报告") and "\n" not in err
    assert not (tmp_path / "out").exists()


def test_a_thin_report_on_the_subject_is_scored_not_refused(tmp_path):
    report = tmp_path / "青溪县农业农村局2025年度法治政府建设情况报告.txt"
    report.write_text(THIN_REPORT, "utf-8")
    result = check(report, load("national"))
    assert result.verdict == "fail"  # a bad report is still a report


def test_the_subject_is_checklist_data(tmp_path):
    notice = tmp_path / "通知.txt"
    notice.write_text(NOTICE, "utf-8")
    with pytest.raises(InputError):
        check(notice, load("national"))
    child = tmp_path / "fire.yaml"
    child.write_text(
        "schema_version: 1\nid: fire\ntitle: 森林防火会议清单\nversion: '1'\nextends: national\n"
        "subject: {name: 森林防火工作文件, words: [森林防火]}\n",
        "utf-8",
    )
    assert check(notice, load(str(child))).verdict == "fail"  # about its subject: checked, not refused
    assert load(str(ROOT / "checklists" / "shenzhen.yaml")).subject == load("national").subject  # inherited
