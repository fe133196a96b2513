"""The command line as users and CI run it: exit codes, one-line errors, outputs, encodings."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
import zipfile
from importlib import resources

import pytest
from conftest import EXAMPLE, ROOT, SAMPLES
from jsonschema import Draft202012Validator

from checker.cli import main


@pytest.fixture(scope="module")
def result_schema() -> Draft202012Validator:
    text = resources.files("checker.schemas").joinpath("result.schema.json").read_text("utf-8")
    schema = json.loads(text)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_one_line_error(err: str, *fragments: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0]


def test_complete_report_exits_0_and_writes_json(tmp_path, capsys, result_schema):
    code, out, _ = run_cli(capsys, "check", str(EXAMPLE), "--out", str(tmp_path))
    assert code == 0
    assert "合格：必备要素齐全" in out
    written = tmp_path / f"{EXAMPLE.stem}.json"
    document = json.loads(written.read_text("utf-8"))
    result_schema.validate(document)
    assert document["verdict"] == "pass" and document["metadata"]["date"] == "2026-02-12"


@pytest.mark.parametrize(
    ("name", "flags", "expected"),
    [
        ("aside_only.txt", [], 1),
        ("formula_only.txt", [], 1),
        ("formula_only.txt", ["--fail-on", "missing"], 0),
        ("aside_only.txt", ["--fail-on", "missing"], 1),
        ("complete.txt", ["--fail-under", "99"], 0),
        ("department.txt", ["--fail-under", "95"], 1),
    ],
)
def test_exit_code_reflects_required_elements_and_score(tmp_path, capsys, name, flags, expected):
    code, _, _ = run_cli(capsys, "check", str(SAMPLES / name), "--out", str(tmp_path), *flags)
    assert code == expected


def test_json_to_stdout_validates_against_published_schema(capsys, result_schema):
    code, out, err = run_cli(capsys, "check", str(SAMPLES / "aside_only.txt"), "--format", "json", "--output", "-")
    assert code == 1 and err == ""
    document = json.loads(out)
    result_schema.validate(document)
    problems = next(e for e in document["elements"] if e["id"] == "problems")
    assert problems["status"] == "weak" and problems["evidence"][0]["line"] > 1


def test_every_sample_json_validates(tmp_path, capsys, result_schema):
    run_cli(capsys, "check", str(SAMPLES), "--out", str(tmp_path), "--quiet")
    outputs = sorted(tmp_path.glob("*.json"))
    assert len(outputs) == len(list(SAMPLES.iterdir()))
    for output in outputs:
        result_schema.validate(json.loads(output.read_text("utf-8")))


def test_several_formats_in_one_run(tmp_path, capsys):
    code, _, _ = run_cli(capsys, "check", str(EXAMPLE), "--out", str(tmp_path), "--format", "json,text")
    assert code == 0
    assert (tmp_path / f"{EXAMPLE.stem}.json").exists()
    assert "必备要素" in (tmp_path / f"{EXAMPLE.stem}.txt").read_text("utf-8")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "文件为空"),
        (b"  \n\r\n ", "文件为空"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "二进制"),
        ("法治政府".encode("utf-8") + b"\xff\xfe\xff\xfe\x80", "无法解码"),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path, capsys, content, fragment):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    code, _, err = run_cli(capsys, "check", str(bad), "--out", str(tmp_path / "out"))
    assert code == 2
    assert_one_line_error(err, str(bad), fragment)


def test_missing_file_is_one_line_exit_2(tmp_path, capsys):
    code, _, err = run_cli(capsys, "check", str(tmp_path / "none.txt"))
    assert code == 2
    assert_one_line_error(err, "none.txt", "不存在")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["check", "{example}", "--checklist", "no_such_checklist"], "no_such_checklist"),
        (["check", "{example}", "--checklist", "{tmp}/missing.yaml"], "missing.yaml"),
        (["check", "{example}", "--format", "pdf"], "pdf"),
        (["check", "{example}", "--output", "result.json"], "--output"),
        (["check", "{example}", "--fail-on", "sometimes"], "sometimes"),
        (["check", "{example}", "--fail-under", "120"], "120"),
        (["check"], "REPORT"),
        (["frobnicate"], "frobnicate"),
    ],
)
def test_usage_and_checklist_errors_are_one_line_exit_2(tmp_path, capsys, args, fragment):
    filled = [arg.format(example=EXAMPLE, tmp=tmp_path) for arg in args]
    code, _, err = run_cli(capsys, *filled)
    assert code == 2
    assert_one_line_error(err, fragment)


def test_broken_checklist_file_names_file_and_place(tmp_path, capsys):
    broken = tmp_path / "mine.yaml"
    broken.write_text((ROOT / "checklists" / "national.yaml").read_text("utf-8").replace("severity: required", "severity: must", 1), "utf-8")
    code, _, err = run_cli(capsys, "check", str(EXAMPLE), "--checklist", str(broken))
    assert code == 2
    assert_one_line_error(err, "mine.yaml", "elements[0].severity", "must")


def test_batch_reports_bad_file_and_goes_on(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out_dir = tmp_path / "out"
    code, out, err = run_cli(capsys, "check", str(SAMPLES / "complete.txt"), str(empty), str(SAMPLES / "markdown.md"), "--out", str(out_dir))
    assert code == 2
    assert_one_line_error(err, "empty.txt")
    assert {p.name for p in out_dir.iterdir()} == {"complete.json", "markdown.json", "index.html", "summary.csv", "similar.html"}
    assert out.splitlines()[:2] == [f"✓ 100 {SAMPLES / 'complete.txt'}", f"✓ 100 {SAMPLES / 'markdown.md'}"]
    rows = {row["path"]: row for row in csv.DictReader((out_dir / "summary.csv").open(encoding="utf-8"))}
    assert rows[str(empty)]["error"] and rows[str(empty)]["score"] == ""
    assert rows[str(SAMPLES / "complete.txt")]["verdict"] == "pass"


def test_inputs_are_never_modified_even_when_out_is_their_folder(tmp_path, capsys):
    report = tmp_path / "report.txt"
    report.write_bytes(EXAMPLE.read_bytes())
    before = hashlib.sha256(report.read_bytes()).hexdigest()
    code, _, _ = run_cli(capsys, "check", str(report), "--out", str(tmp_path), "--format", "text,json")
    assert code == 0
    assert hashlib.sha256(report.read_bytes()).hexdigest() == before
    assert (tmp_path / "report.rolcheck.txt").exists() and (tmp_path / "report.json").exists()


def test_same_named_reports_get_distinct_outputs(tmp_path, capsys):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_bytes(EXAMPLE.read_bytes())
    run_cli(capsys, "check", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(tmp_path / "out"), "-q")
    assert len(list((tmp_path / "out").glob("*.json"))) == 2


def test_glob_input(tmp_path, capsys):
    code, out, _ = run_cli(capsys, "check", str(SAMPLES / "*.md"), "--out", str(tmp_path))
    assert code == 0 and "markdown.md" in out


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings_and_crlf_give_identical_verdicts(tmp_path, capsys, encoding):
    text = EXAMPLE.read_text("utf-8")
    converted = tmp_path / "converted.txt"
    converted.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    outputs = []
    for path in (EXAMPLE, converted):
        code, out, _ = run_cli(capsys, "check", str(path), "--output", "-")
        outputs.append((code, json.loads(out)))
    (code_a, a), (code_b, b) = outputs
    assert code_a == code_b == 0
    assert [(e["id"], e["status"], [v["line"] for v in e["evidence"]]) for e in a["elements"]] == [
        (e["id"], e["status"], [v["line"] for v in e["evidence"]]) for e in b["elements"]
    ]


def test_python_dash_m_checker_runs_the_same_cli():
    completed = subprocess.run(
        [sys.executable, "-m", "checker", "check", str(SAMPLES / "hollow_problems.txt"), "--output", "-"],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert completed.returncode == 1
    assert json.loads(completed.stdout)["verdict"] == "fail"


def test_wheel_contains_checklists_and_schemas(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, check=False,
    )
    assert completed.returncode == 0, completed.stderr
    names = zipfile.ZipFile(next(tmp_path.glob("rolcheck-*.whl"))).namelist()
    assert "checker/checklists/national.yaml" in names
    assert {"checker/schemas/checklist.schema.json", "checker/schemas/result.schema.json"} <= set(names)


def test_help_lists_every_registered_format_and_the_automatic_checklist():
    from checker import cli
    from checker.output import renderers
    from checker.run import runner

    done = subprocess.run([sys.executable, "-m", "checker", "check", "--help"], capture_output=True, text=True, timeout=120, check=False)
    listed = " ".join(done.stdout.split())  # argparse wraps the help text
    assert f"可用：{', '.join(renderers.names())}；" in listed, done.stdout
    assert "默认按发文机关类型和报告年度自动选择" in listed, done.stdout
    assert cli.EXIT_ERROR == runner.EXIT_ERROR


def test_file_over_max_size_is_refused_in_one_line(tmp_path, capsys):
    big = tmp_path / "big.txt"
    big.write_bytes(EXAMPLE.read_bytes() * 200)  # about 1.8 MB
    code, _, err = run_cli(capsys, "check", str(big), "--max-size", "1", "--out", str(tmp_path / "out"))
    assert code == 2
    assert_one_line_error(err, "big.txt", "文件过大", "--max-size")
    code, _, _ = run_cli(capsys, "check", str(big), "--max-size", "5", "--out", str(tmp_path / "out"), "-q")
    assert code in (0, 1)
