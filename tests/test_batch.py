"""Batch runs: parallel workers, the dashboard, summary.csv, accepted gaps and project settings."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE, SAMPLES

from checker.cli import main


@pytest.fixture
def reports(tmp_path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for sample in sorted(SAMPLES.iterdir()):
        shutil.copy(sample, folder / sample.name)
    (folder / "broken.txt").write_bytes(b"\x00\x01binary")
    return folder


def test_parallel_batch_matches_sequential_and_writes_the_dashboard(reports, tmp_path, capsys):
    outputs = {}
    for jobs in ("1", "2"):
        out_dir = tmp_path / f"out{jobs}"
        code = main(["check", str(reports), "--jobs", jobs, "--out", str(out_dir), "--format", "json,html", "-q"])
        assert code == 2  # broken.txt is an error row; the others are still checked
        outputs[jobs] = {p.name: json.loads(p.read_text("utf-8"))["elements"] for p in out_dir.glob("*.json")}
    assert outputs["1"] == outputs["2"] and len(outputs["1"]) == len(list(SAMPLES.iterdir()))
    err = capsys.readouterr().err
    assert err.count("broken.txt") == 2 and "Traceback" not in err

    index = (tmp_path / "out2" / "index.html").read_text("utf-8")
    assert index.count('<tr data-score=') == len(outputs["2"]) and 'class="error"' in index
    assert 'href="./aside_only.html"' in index
    rows = list(csv.DictReader((tmp_path / "out2" / "summary.csv").open(encoding="utf-8")))
    assert len(rows) == len(outputs["2"]) + 1
    aside = next(row for row in rows if row["path"].endswith("aside_only.txt"))
    assert (aside["problems"], aside["problem_causes"], aside["verdict"]) == ("weak", "missing", "fail")


def test_baseline_accepts_known_gaps_without_silencing_new_ones(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "report.txt"
    shutil.copy(SAMPLES / "aside_only.txt", report)
    assert main(["check", "report.txt", "-q"]) == 1
    assert main(["baseline", "report.txt"]) == 0
    baseline = (tmp_path / "rolcheck-baseline.yaml").read_text("utf-8")
    entries = yaml.safe_load(baseline)["accepted"]
    assert {(e["report"], e["element"]) for e in entries} == {("report.txt", "problems"), ("report.txt", "problem_causes")}
    assert all(set(e) == {"report", "element", "reason"} for e in entries)  # keyed by element, never by line
    (tmp_path / "rolcheck-baseline.yaml").write_text(baseline.replace("已知差距，暂予接受（请填写原因）", "县委已决定明年补写原因分析", 1), "utf-8")

    capsys.readouterr()
    assert main(["check", "report.txt", "--format", "json", "--output", "-"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["verdict"] == "pass"

    # A new gap is not silenced: remove the plan, which the baseline does not cover.
    text = report.read_text("utf-8")
    report.write_text(text[: text.index("二、下步工作打算")], "utf-8")
    assert main(["check", "report.txt", "-q"]) == 1

    # `baseline` again: the edited reason survives, the new gap is added, nothing else changes.
    report.write_text(text, "utf-8")
    assert main(["baseline", "report.txt"]) == 0
    assert "县委已决定明年补写原因分析" in (tmp_path / "rolcheck-baseline.yaml").read_text("utf-8")


def test_baseline_prunes_gaps_that_were_fixed(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "report.txt"
    shutil.copy(SAMPLES / "aside_only.txt", report)
    main(["baseline", "report.txt"])
    shutil.copy(EXAMPLE, report)  # the fixed report has no gaps
    main(["baseline", "report.txt"])
    assert "已接受" not in capsys.readouterr().err
    assert "report.txt" not in (tmp_path / "rolcheck-baseline.yaml").read_text("utf-8")


def test_accepted_gaps_are_shown_as_accepted(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(SAMPLES / "hollow_problems.txt", tmp_path / "r.txt")
    main(["baseline", "r.txt"])
    main(["check", "r.txt", "--format", "html,md", "-q"])
    assert "已接受" in (tmp_path / "reports_out" / "r.html").read_text("utf-8")
    assert "☑️ 已接受" in (tmp_path / "reports_out" / "r.md").read_text("utf-8")


def test_project_settings_from_rolcheck_toml_and_flags_win(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(SAMPLES / "formula_only.txt", tmp_path / "r.txt")
    (tmp_path / "rolcheck.toml").write_text('fail_on = "missing"\nformat = ["json", "md"]\nout = "gaps"\n', "utf-8")
    assert main(["check", "r.txt", "-q"]) == 0  # only a weak element: not a failure with fail_on = missing
    assert {p.name for p in (tmp_path / "gaps").iterdir()} == {"r.json", "r.md"}
    assert main(["check", "r.txt", "-q", "--fail-on", "weak"]) == 1


def test_project_settings_in_pyproject_and_exclude(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "final.txt")
    shutil.copy(SAMPLES / "hollow_problems.txt", tmp_path / "drafts" / "draft.txt")
    (tmp_path / "pyproject.toml").write_text('[tool.rolcheck]\nexclude = ["drafts/*"]\n', "utf-8")
    assert main(["check", ".", "-q"]) == 0


def test_unknown_setting_is_one_line_with_a_suggestion(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rolcheck.toml").write_text('fail_undr = 80\n', "utf-8")
    assert main(["check", str(EXAMPLE)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "fail_undr" in err and "fail_under" in err
