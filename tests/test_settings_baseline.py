"""Settings found from any folder of a repository, ``rolcheck config``, and a baseline that accepts findings."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT

from checker.cli import main

DRAFT = ROOT / "examples" / "青溪县2025年度法治政府建设情况报告（征求意见稿）.txt"


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "reports-repo"
    (root / ".git").mkdir(parents=True)
    (root / "reports" / "2025").mkdir(parents=True)
    shutil.copy(DRAFT, root / "reports" / "2025" / "青溪县2025年度法治政府建设情况报告.txt")
    (root / "rolcheck.toml").write_text('checklist = "guizhou"\nout = "gap-reports"\nfail_on = "missing"\n', "utf-8")
    return root


def test_settings_are_found_above_the_working_directory_and_config_says_where(repo, monkeypatch, capsys):
    monkeypatch.chdir(repo / "reports" / "2025")
    assert main(["config", "--fail-on", "weak"]) == 0
    shown = capsys.readouterr().out
    settings_file = str(repo / "rolcheck.toml")
    assert f"设置文件：{settings_file}" in shown
    assert f'checklist        = "guizhou"  # {settings_file}' in shown
    assert f'out              = "{repo / "gap-reports"}"  # {settings_file}' in shown  # relative to the settings file
    assert 'fail_on          = "weak"  # 命令行' in shown
    assert 'format           = "json"  # 默认' in shown
    main(["check", ".", "-q"])
    assert (repo / "gap-reports" / "青溪县2025年度法治政府建设情况报告.json").is_file()
    assert not (repo / "reports" / "2025" / "gap-reports").exists()


def test_settings_stop_at_the_repository_root(repo, tmp_path, monkeypatch, capsys):
    (tmp_path / "rolcheck.toml").write_text('checklist = "shenzhen"\n', "utf-8")  # outside the repository
    (repo / "rolcheck.toml").unlink()
    monkeypatch.chdir(repo / "reports")
    assert main(["config"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("设置文件：无") and "checklist        = null  # 默认" in shown and "shenzhen" not in shown


def test_a_baseline_accepts_findings_and_the_summary_counts_them(repo, monkeypatch, capsys):
    monkeypatch.chdir(repo)
    (repo / "rolcheck.toml").write_text('fail_on_findings = "warning"\n', "utf-8")
    report = "reports/2025/青溪县2025年度法治政府建设情况报告.txt"
    assert main(["check", report, "-q"]) == 1
    capsys.readouterr()
    assert main(["baseline", report, "--findings"]) == 0
    baseline = (repo / "rolcheck-baseline.yaml").read_text("utf-8")
    assert "finding: content.causes" in baseline and "element: problem_causes" in baseline
    assert main(["baseline", report, "--findings"]) == 0  # idempotent: nothing new the second time
    assert "新增 0 项，删除 0 项" in capsys.readouterr().out
    assert main(["check", report, "--format", "json,lint"]) == 0
    shown = capsys.readouterr().out
    assert "（基线已接受 2 项差距、2 条发现）" in shown
    assert "☑ 已接受（缺失）  不足的原因 [problem_causes]" in shown
    assert "☑ 已接受（警告）" in shown and "接受原因：已知差距" in shown
    assert f"{report}:" not in shown  # lint prints nothing accepted
    # A finding that is no longer accepted fails the run again.
    (repo / "rolcheck-baseline.yaml").write_text(baseline.replace("finding: content.causes", "finding: content.other"), "utf-8")
    assert main(["check", report, "-q", "--format", "lint"]) == 1
    assert "[content.causes]" in capsys.readouterr().out


def test_accepted_findings_are_marked_in_every_format(repo, monkeypatch):
    import json

    from jsonschema import Draft202012Validator

    from checker.output.renderers import get
    from checker.run import baseline
    from checker.run.checklists import load
    from checker.run.pipeline import check

    monkeypatch.chdir(repo)
    report = repo / "reports" / "2025" / "青溪县2025年度法治政府建设情况报告.txt"
    (repo / "rolcheck-baseline.yaml").write_text(
        "accepted:\n- report: reports/2025/青溪县2025年度法治政府建设情况报告.txt\n  finding: content.causes\n  reason: 原因已在整改报告中分析\n",
        "utf-8",
    )
    result = baseline.load(repo / "rolcheck-baseline.yaml").apply(check(report, load("national")))
    document = json.loads(get("json").render(result))
    schema = json.loads((ROOT / "checker" / "schemas" / "result.schema.json").read_text("utf-8"))
    Draft202012Validator(schema).validate(document)
    by_id = {finding["id"]: finding for finding in document["findings"]}
    assert by_id["content.causes"]["accepted"] == "原因已在整改报告中分析" and by_id["content.problem_items"]["accepted"] is None
    sarif = json.loads(get("sarif").render(result))["runs"][0]["results"]
    suppressed = {entry["ruleId"] for entry in sarif if entry.get("suppressions")}
    assert suppressed == {"content.causes"}
    assert "已接受：原因已在整改报告中分析" in get("md").render(result)
    assert "content.causes" not in get("github").render(result) and "content.problem_items" in get("github").render(result)
    junit = get("junit").render(result)
    assert '<skipped message="已接受：原因已在整改报告中分析"' in junit
