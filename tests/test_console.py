"""The terminal as users have it: a GBK console on Chinese Windows, colour or not, pipes, Chinese messages."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pytest
from conftest import EXAMPLE, ROOT

from checker.cli import main
from checker.run.checklists import load
from checker.run.runner import Options, run

DRAFT = ROOT / "examples" / "青溪县2025年度法治政府建设情况报告（征求意见稿）.txt"


def _rolcheck(*args: str, env: dict[str, str] | None = None, cwd=None) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", "CI")}
    return subprocess.run(
        [sys.executable, "-m", "checker", *args], env={**clean, **(env or {})}, capture_output=True, timeout=120, cwd=cwd
    )


def test_a_gbk_console_gets_the_summary_with_look_alike_marks(tmp_path):
    outcome = _rolcheck("check", str(DRAFT), "--format", "json", "--out", str(tmp_path), env={"PYTHONIOENCODING": "gbk"})
    assert outcome.returncode == 1, outcome.stderr.decode("gbk", "replace")
    text = outcome.stdout.decode("gbk")  # strictly GBK: decoding fails if anything else slipped through
    assert "√ 具备" in text and "× 缺失  不足的原因 [problem_causes]" in text
    assert "UnicodeEncodeError" not in outcome.stderr.decode("gbk")


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
def test_any_stdout_encoding_degrades_and_never_crashes(tmp_path, encoding):
    outcome = _rolcheck("check", str(DRAFT), "--format", "json", "--out", str(tmp_path), env={"PYTHONIOENCODING": encoding})
    assert outcome.returncode == 1 and b"Traceback" not in outcome.stderr
    assert "problem_causes" in outcome.stdout.decode(encoding)


def test_colour_follows_force_color_and_no_color(tmp_path):
    forced = _rolcheck("check", str(DRAFT), "--format", "json", "--out", str(tmp_path), env={"FORCE_COLOR": "1"})
    assert b"\x1b[" in forced.stdout  # coloured although stdout is a pipe
    assert "不足的原因" in forced.stdout.decode("utf-8")
    plain = _rolcheck("check", str(DRAFT), "--format", "json", "--out", str(tmp_path), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert b"\x1b[" not in plain.stdout and "不足的原因" in plain.stdout.decode("utf-8")
    piped = _rolcheck("check", str(DRAFT), "--format", "json", "--out", str(tmp_path))
    assert b"\x1b[" not in piped.stdout  # a pipe gets no colour by default


def test_quiet_and_verbose(tmp_path, capsys):
    assert main(["check", str(EXAMPLE), "--out", str(tmp_path), "-q"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["check", str(EXAMPLE), "--out", str(tmp_path)]) == 0
    normal = capsys.readouterr().out
    assert main(["check", str(EXAMPLE), "--out", str(tmp_path), "-v"]) == 0
    verbose = capsys.readouterr().out
    assert "证据：第 9 行" not in normal and "证据：第 9 行 “一、党政主要负责人履行推进法治建设第一责任人职责情况”" in verbose
    assert main(["check", str(EXAMPLE), "-q", "-v"]) == 2
    assert "不能与参数 -q/--quiet 同时使用" in capsys.readouterr().err


def test_argparse_speaks_chinese_and_an_unknown_format_suggests_the_nearest(capsys):
    assert main(["check"]) == 2
    assert "缺少必需的参数：REPORT" in capsys.readouterr().err
    assert main(["check", str(EXAMPLE), "--fail-on", "often"]) == 2
    assert "无效的选项 'often'（可选：'weak', 'missing'）" in capsys.readouterr().err
    assert main(["check", str(EXAMPLE), "--format", "jsno"]) == 2
    assert "未知的输出格式 'jsno'（是不是 'json'？）" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    helptext = capsys.readouterr().out
    assert helptext.startswith("用法：rolcheck check") and "显示此帮助并退出" in helptext


class _Terminal(io.StringIO):
    """A stdout that says it is a terminal, so the batch shows its progress bar."""

    def isatty(self) -> bool:
        return True


def test_errors_in_a_batch_print_above_the_progress_bar(tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    broken = tmp_path / "青溪县2025年度法治政府建设情况报告（损坏）.docx"
    broken.write_bytes(b"not a zip")
    out, err = _Terminal(), io.StringIO()
    options = Options(inputs=[str(EXAMPLE), str(broken), str(DRAFT)], checklist=load("national"), out_dir=tmp_path / "out", jobs=1)
    assert run(options, out, err) == 2
    lines = out.getvalue().splitlines()
    error = next(line for line in lines if "损坏" in line and "错误" in line)
    # What the terminal shows of that line after the bar's carriage return and erase codes:
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", error).split("\r")[-1]
    assert shown.startswith("rolcheck: 错误：") and shown.endswith("被改了扩展名")  # a line of its own, not glued to the bar
    assert err.getvalue() == ""
