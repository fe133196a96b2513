"""``rolcheck check .`` in a checkout: reports found, the checkout's other contents left alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT

from checker.cli import main
from checker.run.discovery import expand

DRAFT = ROOT / "examples" / "青溪县2025年度法治政府建设情况报告（征求意见稿）.txt"


@pytest.fixture
def checkout(tmp_path):
    """A report repository as users have it: reports, a venv, last run's output, ignored drafts, Word lock files."""
    root = tmp_path / "reports-repo"
    (root / ".git").mkdir(parents=True)
    (root / "2025").mkdir()
    shutil.copy(EXAMPLE, root / "2025" / "青溪县2025年度法治政府建设情况报告.txt")
    shutil.copy(DRAFT, root / "2025" / "交通运输局2025年度法治政府建设情况报告.shtml")
    (root / "2025" / "~$溪县2025年度法治政府建设情况报告.docx").write_bytes(b"\x00lock")
    (root / "2025" / ".~lock.青溪县2025年度报告.docx#").write_text("lock", "utf-8")
    (root / "2025" / "~WRL0003.tmp").write_bytes(b"\x00")
    for venv in (".venv", "env"):  # a virtual environment is skipped whatever it is called
        site = root / venv / "lib" / "python3.11" / "site-packages" / "pkg"
        site.mkdir(parents=True)
        (root / venv / "pyvenv.cfg").write_text("home = /usr/bin\n", "utf-8")
        (site / "README.md").write_text("# a package\n", "utf-8")
    (root / "reports_out").mkdir()
    (root / "reports_out" / "index.html").write_text("<html><body>总览</body></html>", "utf-8")
    (root / "drafts").mkdir()
    (root / "drafts" / "初稿.txt").write_text("草稿\n", "utf-8")
    (root / "2025" / "备忘.txt").write_text("不上交\n", "utf-8")
    (root / "2025" / "必须检查.txt").write_text("保留\n", "utf-8")
    (root / ".gitignore").write_text("drafts/\n*.txt\n!青溪县*.txt\n!必须检查.txt\n", "utf-8")
    (root / "2025" / ".gitignore").write_text("备忘.txt\n", "utf-8")
    return root


def test_a_folder_search_finds_the_reports_and_nothing_else(checkout, monkeypatch):
    monkeypatch.chdir(checkout)
    found = [path.as_posix() for path in expand(["."], out_dir=checkout / "reports_out")]
    assert found == [
        "2025/交通运输局2025年度法治政府建设情况报告.shtml",  # every suffix a reader accepts
        "2025/必须检查.txt",  # re-included by a negated .gitignore pattern
        "2025/青溪县2025年度法治政府建设情况报告.txt",
    ]


def test_explicit_files_are_always_checked_and_exclude_include_apply(checkout, monkeypatch):
    monkeypatch.chdir(checkout)
    assert list(expand(["drafts/初稿.txt"])) == [checkout.relative_to(checkout) / "drafts" / "初稿.txt"]
    assert [p.name for p in expand(["."], exclude=["*.shtml"], out_dir=checkout / "reports_out")] == ["必须检查.txt", "青溪县2025年度法治政府建设情况报告.txt"]
    assert [p.name for p in expand(["."], include=["2025/青溪县*"], out_dir=checkout / "reports_out")] == ["青溪县2025年度法治政府建设情况报告.txt"]
    # The hook's filter: names like annual reports, plus include globs.
    assert [p.name for p in expand(["README.md", "2025/必须检查.txt", "2025/青溪县2025年度法治政府建设情况报告.txt"], reports_only=True)] == [
        "青溪县2025年度法治政府建设情况报告.txt"
    ]


def test_a_subfolder_still_obeys_the_repository_gitignore(checkout, monkeypatch):
    monkeypatch.chdir(checkout / "2025")
    assert [p.as_posix() for p in expand(["."])] == [
        "交通运输局2025年度法治政府建设情况报告.shtml", "必须检查.txt", "青溪县2025年度法治政府建设情况报告.txt"
    ]


def test_running_twice_in_a_checkout_checks_the_same_files(checkout, monkeypatch, capsys):
    monkeypatch.chdir(checkout)
    (checkout / "2025" / "必须检查.txt").unlink()
    for _ in range(2):
        assert main(["check", ".", "--format", "json,html", "--jobs", "1"]) == 1  # the draft has gaps
        printed = capsys.readouterr()
        assert "（2 份报告）" in printed.out and "错误" not in printed.err
    written = sorted(path.name for path in (checkout / "reports_out").iterdir())
    assert not any(".rolcheck." in name for name in written)
    assert "交通运输局2025年度法治政府建设情况报告.html" in written


def test_standard_input_is_a_report(tmp_path):
    outcome = subprocess.run(
        [sys.executable, "-m", "checker", "check", "-", "--format", "json", "--out", str(tmp_path)],
        input=DRAFT.read_bytes(), capture_output=True, timeout=120, cwd=tmp_path,
    )
    assert outcome.returncode == 1, outcome.stderr.decode()
    assert "不足的原因" in outcome.stdout.decode("utf-8")
    assert (tmp_path / "stdin.json").is_file()
    empty = subprocess.run([sys.executable, "-m", "checker", "check", "-"], input=b"", capture_output=True, timeout=120, cwd=tmp_path)
    assert empty.returncode == 2 and "标准输入" in empty.stderr.decode("utf-8") and b"Traceback" not in empty.stderr


def test_gitignore_rules_match_git_itself(tmp_path, monkeypatch):
    """pathspec against git's own answer: negations, anchored and directory patterns, ``**``, nested files."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    names = ["2025/a.txt", "2025/b.md", "2025/drafts/c.txt", "archive/old/d.txt", "archive/keep.txt", "docs/x.html",
             "build/y.pdf", "2025/z.docx", "2025/备忘.txt", "2025/必须检查.txt", "top.txt", "sub/top.txt"]
    for name in names:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("x\n", "utf-8")
    (repo / ".gitignore").write_text("drafts/\n*.txt\n!必须检查.txt\n!archive/keep.txt\nbuild\n/top.txt\narchive/**/d.txt\n", "utf-8")
    (repo / "2025" / ".gitignore").write_text("!a.txt\n", "utf-8")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, timeout=60)
    listed = subprocess.run(["git", "-c", "core.quotepath=off", "ls-files", "--others", "--exclude-standard"],
                            cwd=repo, capture_output=True, text=True, check=True, timeout=60).stdout.split()
    monkeypatch.chdir(repo)
    assert sorted(p.as_posix() for p in expand(["."])) == sorted(name for name in listed if not name.endswith(".gitignore"))


def test_the_input_list_keeps_names_the_file_system_cannot_decode_and_the_order(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "报告"
    folder.mkdir()
    undecodable = "青溪".encode() + b"\xff.txt"  # a name from a GBK machine, say: not UTF-8
    for name in (undecodable, "青溪县司法局.txt".encode(), "乙.md".encode()):
        with open(os.fsencode(folder) + b"/" + name, "w"):
            pass
    found = expand(["报告", "报告/乙.md", "-"])
    assert len(found) == 5
    in_order = ["乙.md".encode(), "青溪县司法局.txt".encode(), undecodable]
    assert [os.fsencode(path) for path in found] == ["报告/".encode() + name for name in in_order] + ["报告/乙.md".encode(), b"-"]
    assert all(isinstance(path, Path) for path in found)
