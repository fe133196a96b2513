"""`rolcheck diff`: paragraphs copied from last year, repeated shortcomings, last year's plan without follow-up."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT
from jsonschema import Draft202012Validator

from checker.cli import main
from checker.output import renderers
from checker.run.checklists import load
from checker.run.yoy import compare

DATA = ROOT / "tests" / "data" / "yoy"
LAST = DATA / "青溪县2024年度法治政府建设情况报告.txt"
COPIED = DATA / "青溪县2025年度法治政府建设情况报告（照搬上年）.txt"


@pytest.fixture(scope="module")
def copied():
    return compare(LAST, COPIED, load("national"))


def by_id(diff) -> dict[str, list]:
    found: dict[str, list] = {}
    for finding in diff.findings:
        found.setdefault(finding.id, []).append(finding)
    return found


def test_reused_paragraphs_are_found_with_both_lines(copied):
    reused = {finding.evidence[0].line: finding for finding in by_id(copied)["yoy.reuse"]}
    assert set(reused) == {7, 11, 13}  # the opening, the duty paragraph (figures changed), 营商环境 (verbatim)
    assert "完全相同" in reused[13].message and "只改了数字" in reused[11].message
    previous = reused[13].evidence[1]
    assert previous.kind == "previous_year" and previous.line == 13
    assert not any(finding.evidence[0].line in (15, 17) for finding in by_id(copied)["yoy.reuse"])  # rewritten paragraphs


def test_repeated_shortcoming_is_flagged_and_a_new_one_is_not(copied):
    [repeated] = by_id(copied)["yoy.repeated_problems"]
    assert repeated.evidence[0].line == 21 and repeated.evidence[0].quote.startswith("一是乡镇执法人员专业能力不足")
    assert repeated.evidence[1].kind == "previous_year" and "上年报告第 21 行" in repeated.message


def test_plan_item_without_follow_up(copied):
    [missing] = by_id(copied)["yoy.plan_followup"]
    assert missing.evidence[0].kind == "previous_year" and missing.evidence[0].line == 33
    assert "县级电子证照共享平台" in missing.message
    # (一) 案卷集中评查 and (二) 后评估办法 were reported in 2025: not flagged.
    assert len(by_id(copied)["yoy.plan_followup"]) == 1


def test_an_unrelated_report_reuses_nothing(tmp_path):
    diff = compare(LAST, EXAMPLE, load("national"))
    assert {finding.id for finding in diff.findings} <= {"yoy.plan_followup"}
    assert diff.warnings == ()


def test_diff_warns_about_years_that_are_not_adjacent(tmp_path):
    older = tmp_path / "2023.txt"
    older.write_text(LAST.read_text("utf-8").replace("2025", "2024").replace("2024年度", "2023年度"), "utf-8")
    assert any("不是相邻" in warning for warning in compare(older, COPIED, load("national")).warnings)


def test_a_checklist_can_turn_a_year_over_year_check_off(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        'schema_version: 1\nid: mine\ntitle: 测试\nversion: "1"\nextends: national\n'
        "checks:\n  - {id: yoy.reuse, enabled: false}\n  - {id: yoy.repeated_problems, params: {min_similarity: 99.5}}\n",
        "utf-8",
    )
    diff = compare(LAST, COPIED, load(str(mine)))
    assert set(by_id(diff)) == {"yoy.plan_followup"}


def test_check_does_not_run_year_over_year_checks():
    from checker.run.pipeline import check

    assert not [finding for finding in check(COPIED, load("national")).findings if finding.id.startswith("yoy.")]


def test_json_output_validates_and_html_is_side_by_side(copied):
    schema = json.loads(resources.files("checker.schemas").joinpath("diff.schema.json").read_text("utf-8"))
    document = json.loads(renderers.get("json", renderers.DIFF).render(copied))
    Draft202012Validator(schema).validate(document)
    assert document["previous"]["year"] == 2024 and document["current"]["year"] == 2025
    html = renderers.get("html", renderers.DIFF).render(copied)
    assert html.count('<div class="previous">') == len(copied.findings) and "<mark>" in html
    assert "<script" not in html and "http" not in html.split("</style>")[1].split("由 rolcheck")[0]


def test_html_escapes_report_text(tmp_path):
    last = tmp_path / "last.txt"
    this = tmp_path / "this.txt"
    paragraph = "（一）规范执法。全面落实行政执法三项制度，公示执法信息8742条，<script>alert(1)</script>重大执法决定法制审核112件。"
    last.write_text(LAST.read_text("utf-8").replace("（三）规范行政执法。", paragraph + "\n\n（三）规范行政执法。"), "utf-8")
    this.write_text(COPIED.read_text("utf-8").replace("（三）规范行政执法。", paragraph + "\n\n（三）规范行政执法。"), "utf-8")
    html = renderers.get("html", renderers.DIFF).render(compare(last, this, load("national")))
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_cli_formats_outputs_and_exit_codes(tmp_path, capsys):
    assert main(["diff", str(LAST), str(COPIED)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("年度对比：2024年度 → 2025年度") and "[yoy.reuse]" in out and "上年第 13 行" in out
    assert main(["diff", str(LAST), str(COPIED), "--format", "json", "--output", "-"]) == 1
    assert json.loads(capsys.readouterr().out)["findings"]
    assert main(["diff", str(LAST), str(COPIED), "--format", "html", "--out", str(tmp_path)]) == 1
    written = tmp_path / f"{COPIED.stem}.diff.html"
    assert written.exists() and str(written) in capsys.readouterr().out
    assert main(["diff", str(LAST), str(COPIED), "--fail-on-findings", "error"]) == 0  # only warnings
    capsys.readouterr()
    assert main(["diff", str(LAST), str(EXAMPLE), "--fail-on-findings", "never", "--output", "-"]) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt", "COPIED"], "missing.txt"),
        (["COPIED", "COPIED"], "同一个文件"),
        (["LAST", "COPIED", "--output", "x.json"], "--output 只接受 '-'"),
        (["LAST", "COPIED", "--checklist", "nope"], "没有名为 'nope' 的内置清单"),
        (["LAST", "COPIED", "--format", "pdf"], "无效的选项 'pdf'"),
    ],
)
def test_cli_input_errors_exit_2_with_one_line(capsys, args, message):
    names = {"LAST": str(LAST), "COPIED": str(COPIED)}
    assert main(["diff", *(names.get(arg, arg) for arg in args)]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err and err.startswith("rolcheck: 错误：")


def test_inputs_are_never_modified(tmp_path):
    before = {path: path.read_bytes() for path in (LAST, COPIED)}
    main(["diff", str(LAST), str(COPIED), "--format", "html", "--out", str(tmp_path)])
    assert {path: path.read_bytes() for path in before} == before


def test_diff_of_a_word_file_against_a_text_file(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in LAST.read_text("utf-8").splitlines():
        if line.strip():
            document.add_paragraph(line)
    last = tmp_path / "2024.docx"
    document.save(last)
    diff = compare(Path(last), COPIED, load("national"))
    assert {"yoy.reuse", "yoy.repeated_problems"} <= {finding.id for finding in diff.findings}
    assert diff.previous.line_unit == "paragraph"
