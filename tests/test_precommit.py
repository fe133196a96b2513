"""The pre-commit hook as a user meets it: pre-commit from PyPI, a throwaway repository, ``try-repo`` this checkout.

pre-commit builds the hook's own virtual environment with pip (from the package index this
machine can reach), so the test runs the hook exactly as a report repository would. try-repo
builds that environment afresh on every run (about a minute), so pre-commit runs once, on a
commit holding all three files; the passing commit then runs the hook's own ``entry`` and
``files`` from ``.pre-commit-hooks.yaml`` on the files pre-commit would pass it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE, ROOT

DRAFT = ROOT / "examples" / "青溪县2025年度法治政府建设情况报告（征求意见稿）.txt"
README = "# 青溪县年度报告\n报送前请先运行检查。\n"


def _pre_commit() -> list[str]:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install -e '.[test]')")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return [sys.executable, "-m", "pre_commit"]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    """A report repository with a failing report, a passing one and a README staged for commit."""
    command = _pre_commit()
    repo = tmp_path_factory.mktemp("reports-repo")
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "sifaju@qingxi.example")
    _git(repo, "config", "user.name", "青溪县司法局")
    (repo / "2025").mkdir()
    shutil.copy(DRAFT, repo / "2025" / "青溪县2025年度法治政府建设情况报告（征求意见稿）.txt")
    shutil.copy(EXAMPLE, repo / "2025" / "青溪县2025年度法治政府建设情况报告.txt")
    (repo / "README.md").write_text(README, "utf-8")
    _git(repo, "add", ".")
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return repo, command, env


def _try_repo(repository) -> subprocess.CompletedProcess:
    repo, command, env = repository
    return subprocess.run(
        [*command, "try-repo", str(ROOT), "rolcheck", "--color", "never"],
        cwd=repo, env=env, capture_output=True, text=True, encoding="utf-8", timeout=900,
    )


def test_a_failing_report_blocks_the_commit_and_says_why(repository):
    repo = repository[0]
    outcome = _try_repo(repository)
    output = outcome.stdout + outcome.stderr
    assert outcome.returncode == 1, output
    assert "Failed" in output
    draft = "2025/青溪县2025年度法治政府建设情况报告（征求意见稿）.txt"
    # One linter line per gap of the failing report, with its line number and the element.
    assert f"{draft}:21: 缺失 必备要素「不足的原因」[problem_causes]" in output
    assert f"{draft}:23: 薄弱 必备要素「存在的不足」[problems]" in output
    # The passing report and the README are not complained about; nothing is written into the repository.
    assert "2025/青溪县2025年度法治政府建设情况报告.txt:" not in output
    assert "README" not in output
    assert not (repo / "reports_out").exists()
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=repo, capture_output=True, text=True, check=True)
    assert all(line.startswith("A ") for line in status.stdout.splitlines()), status.stdout


def test_the_passing_report_and_the_readme_commit(repository):
    repo, _, env = repository
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))[0]
    staged = ["2025/青溪县2025年度法治政府建设情况报告.txt", "README.md"]
    files = [name for name in staged if re.search(hook["files"], name)]
    assert files == staged  # README.md reaches the hook; the hook itself must leave it alone
    rolcheck = Path(sys.executable).parent / "rolcheck"
    entry = shlex.split(hook["entry"])
    outcome = subprocess.run(
        [str(rolcheck), *entry[1:], *files], cwd=repo, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert outcome.returncode == 0, outcome.stdout + outcome.stderr
    assert outcome.stdout == "" and outcome.stderr == ""  # a linter that passes says nothing
    assert not (repo / "reports_out").exists()
    _git(repo, "rm", "-q", "--cached", "2025/青溪县2025年度法治政府建设情况报告（征求意见稿）.txt")
    _git(repo, "commit", "-q", "-m", "2025年度报告定稿")


def test_a_readme_alone_is_not_a_report(repository):
    repo, _, env = repository
    rolcheck = Path(sys.executable).parent / "rolcheck"
    entry = shlex.split(yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))[0]["entry"])
    outcome = subprocess.run([str(rolcheck), *entry[1:], "README.md"], cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    assert (outcome.returncode, outcome.stdout, outcome.stderr) == (0, "", "")
    # A project's settings can make other names count as reports.
    (repo / "rolcheck.toml").write_text('include = ["*.md"]\n', "utf-8")
    try:
        outcome = subprocess.run([str(rolcheck), *entry[1:], "README.md"], cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    finally:
        (repo / "rolcheck.toml").unlink()
    # …and a file that is no report at all is then refused as such, not scored 0.
    assert outcome.returncode == 2 and "README.md: 看起来不是法治政府建设年度报告" in outcome.stderr
