"""The checks beyond presence: each rule fires when it should and stays silent when it should not.

Reports here are our own fictional 青溪县 text, written into ``tmp_path``; the real reports in
../shared are checked at the end (skipped when absent).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT, SAMPLES
from jsonschema import Draft202012Validator

from checker.common.chinese import fold_width as normalise_chars
from checker.docgen import checks_doc
from checker.output.renderers.json_report import to_dict
from checker.result import Finding, ReportResult
from checker.rules import registry as rules
from checker.run.checklists import load, parse
from checker.reading.source import DEFAULT_MAX_BYTES
from checker.run.pipeline import check
from checker.run.similar import check_together
from checker.run.yoy import compare

BASE = checks_doc.examples("title")["PASS"]  # the mini report every example starts from
NATIONAL_TEXT = (ROOT / "checklists" / "national.yaml").read_text("utf-8")


def run(tmp_path: Path, text: str, checklist=None, name: str = "report.txt") -> ReportResult:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return check(path, checklist or load("national"))


def of_type(result: ReportResult, type_name: str) -> list[Finding]:
    return [finding for finding in result.findings if finding.type == type_name]


def with_lines(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


# ---------------------------------------------------------------- every rule module and its documented examples


@pytest.mark.parametrize("type_name", rules.types())
def test_rule_module_declares_its_contract(type_name):
    module = rules.module(type_name)
    assert module.TITLE and re.search("[\u4e00-\u9fff]", module.TITLE)
    assert set(module.DEFAULTS) <= set(module.PARAMS)
    # The engine knows no element by name: a param that names an element has no default.
    assert not [name for name in module.DEFAULTS if module.PARAMS[name].kind == "element"]
    for name, value in module.DEFAULTS.items():  # the defaults are valid values of their own params
        rules.validate(type_name, {name: value}, "defaults", None)
    assert isinstance(module.COMPARES, bool) and callable(module.check)
    examples = checks_doc.examples(type_name)
    assert {"PASS", "FAIL"} <= set(examples) and ("LAST YEAR" in examples) == module.COMPARES
    assert not ("LAST YEAR" in examples and "OTHER REPORT" in examples)
    assert checks_doc.description(type_name)


@pytest.mark.parametrize("type_name", rules.types())
@pytest.mark.parametrize("label", ["PASS", "FAIL"])
def test_documented_examples_do_what_the_docs_say(tmp_path, type_name, label):
    examples = checks_doc.examples(type_name)
    national = load("national")
    current = tmp_path / "this.txt"
    current.write_text(examples[label], "utf-8")
    if rules.module(type_name).COMPARES:
        last = tmp_path / "last.txt"
        last.write_text(examples["LAST YEAR"], "utf-8")
        found = compare(last, current, national).findings
    elif "OTHER REPORT" in examples:  # a check across a batch: the example and the other report checked together
        other = tmp_path / "other.txt"
        other.write_text(examples["OTHER REPORT"], "utf-8")
        found = check_together([other, current], national, DEFAULT_MAX_BYTES)[1].findings
    else:
        found = check(current, national).findings
    mine = [finding for finding in found if finding.type == type_name]
    assert bool(mine) == (label == "FAIL"), [finding.message for finding in mine]


def test_every_bundled_check_type_is_documented_and_every_type_used():
    page = (ROOT / "docs" / "checks.md").read_text("utf-8")
    used = {check.type for check in load("national").checks}
    assert used == set(rules.types())
    for type_name in rules.types():
        assert f'<a id="{type_name}"></a>' in page


# ---------------------------------------------------------------- metadata and deadlines


def test_title_with_issuer_line_above_passes_and_a_work_summary_fails(tmp_path):
    split = with_lines(BASE, "青溪县人民政府关于2025年度法治政府建设情况的报告", "青溪县人民政府\n关于2025年度法治政府建设情况的报告")
    assert of_type(run(tmp_path, split), "title") == []
    summary = with_lines(BASE, "青溪县人民政府关于2025年度法治政府建设情况的报告", "青溪县人民政府关于2025年法治政府建设工作总结")
    [finding] = of_type(run(tmp_path, summary), "title")
    assert finding.severity == "warning" and "没有写明文种“报告”" in finding.message
    assert finding.evidence[0].line == 1 and finding.rule is None


def test_title_pattern_of_the_checklist_gives_advice_when_unconfirmed_and_fails_when_confirmed(tmp_path):
    summary = with_lines(BASE, "关于2025年度法治政府建设情况的报告", "关于2025年法治政府建设工作总结的报告")
    [advice] = of_type(run(tmp_path, summary, load("guizhou")), "title")
    assert (advice.severity, advice.rule) == ("info", "title") and "待核实" in advice.message
    confirmed = tmp_path / "confirmed.yaml"
    confirmed.write_text(
        'schema_version: 1\nid: strict\ntitle: 测试\nversion: "1"\nextends: guizhou\n'
        "reporting:\n  title: {pattern: '^.{0,40}?{year}年度?法治政府建设情况的?报告$'}\n",
        "utf-8",
    )
    [failure] = of_type(run(tmp_path, summary, load(str(confirmed))), "title")
    assert (failure.severity, failure.rule) == ("warning", "title")
    assert of_type(run(tmp_path, BASE, load(str(confirmed))), "title") == []


def test_report_year_plan_body_and_signature(tmp_path):
    plan = with_lines(BASE, "三、2026年工作安排", "三、2025年工作计划")
    [finding] = of_type(run(tmp_path, plan), "report_year")
    assert finding.severity == "error" and "2025年" in finding.message and finding.evidence[0].line == 8
    will = with_lines(BASE, "（一）压实责任。2026年县政府", "（一）压实责任。2025年，我县将推动县政府")
    assert of_type(run(tmp_path, will), "report_year")
    body = with_lines(BASE, "一、2025年度推进法治政府建设的主要举措和成效", "一、2024年度推进法治政府建设的主要举措和成效")
    assert "正文写的是2024年" in of_type(run(tmp_path, body), "report_year")[0].message
    dated = with_lines(BASE, "2026年2月12日", "2028年2月12日")
    assert "落款日期 2028-02-12" in of_type(run(tmp_path, dated), "report_year")[0].message
    december = with_lines(BASE, "2026年2月12日", "2025年12月27日")  # signed before the year ended: allowed
    assert of_type(run(tmp_path, december), "report_year") == []
    problems_in_plan = with_lines(BASE, "三、2026年工作安排\n", "三、2026年工作安排\n2025年，我县法治政府建设取得成效，但仍存在一些薄弱环节。\n")
    assert of_type(run(tmp_path, problems_in_plan), "report_year") == []  # the reported year inside the plan is not a plan year


def test_signature_is_advice_unless_the_checklist_requires_it(tmp_path):
    unsigned = BASE.rsplit("\n", 3)[0] + "\n"
    [advice] = of_type(run(tmp_path, unsigned), "signature")
    assert (advice.severity, advice.rule) == ("info", "form.signature") and "无法核对" in advice.message
    strict = tmp_path / "strict.yaml"
    strict.write_text('schema_version: 1\nid: strict\ntitle: 测试\nversion: "1"\nextends: national\nreporting:\n  form: {signature: true}\n', "utf-8")
    [required] = of_type(run(tmp_path, unsigned, load(str(strict))), "signature")
    assert required.severity == "warning"
    undated = BASE.rsplit("\n", 2)[0] + "\n"
    assert "落款没有日期" in of_type(run(tmp_path, undated), "signature")[0].message


def test_recipient_wrong_flagged_missing_only_when_required(tmp_path):
    [wrong] = of_type(run(tmp_path, with_lines(BASE, "云岭市人民政府：", "县司法局：")), "recipient")
    assert "县司法局" in wrong.message and wrong.evidence[0].line == 2 and wrong.rule == "recipients"
    assert of_type(run(tmp_path, with_lines(BASE, "云岭市人民政府：", "县人大常委会：")), "recipient") == []
    missing = with_lines(BASE, "云岭市人民政府：\n", "")
    assert of_type(run(tmp_path, missing), "recipient") == []
    strict = tmp_path / "strict.yaml"
    strict.write_text(
        'schema_version: 1\nid: strict\ntitle: 测试\nversion: "1"\nextends: national\n'
        "checks:\n  - {id: metadata.recipient, params: {required: true}}\n",
        "utf-8",
    )
    [required] = of_type(run(tmp_path, missing, load(str(strict))), "recipient")
    assert "没有主送机关" in required.message


def test_publication_deadline_by_signature_date_or_web_page_date(tmp_path):
    late = with_lines(BASE, "2026年2月12日", "2026年4月15日")
    found = {finding.rule: finding for finding in of_type(run(tmp_path, late), "deadline")}
    assert found["deadlines.publish"].severity == "error" and "落款日期" in found["deadlines.publish"].message
    assert found["deadlines.report"].severity == "info"  # national's submission date is unconfirmed
    assert found["deadlines.publish"].evidence[0].quote == "2026年4月15日"
    web = "发布机构：青溪县人民政府办公室\n发布日期：2026-04-08\n" + BASE
    [published] = [f for f in of_type(run(tmp_path, web), "deadline") if f.rule == "deadlines.publish"]
    assert "网页发布日期为 2026-04-08" in published.message
    on_time = "发布日期：2026-03-30\n" + late  # signed late but the page says it was published in time
    assert [f for f in of_type(run(tmp_path, on_time), "deadline") if f.rule == "deadlines.publish"] == []
    assert of_type(run(tmp_path, BASE), "deadline") == []


def test_deadline_day_itself_depends_on_inclusive(tmp_path):
    demonstration = load("guizhou.demonstration")  # 01-31, inclusive, confirmed
    on_the_day = with_lines(BASE, "2026年2月12日", "2026年1月31日")
    assert of_type(run(tmp_path, on_the_day, demonstration), "deadline") == []
    assert [f.severity for f in of_type(run(tmp_path, with_lines(BASE, "2026年2月12日", "2026年2月1日"), demonstration), "deadline")] == ["error"]
    on_april_first = with_lines(BASE, "2026年2月12日", "2026年4月1日")  # 4月1日之前: not inclusive
    assert [f.rule for f in of_type(run(tmp_path, on_april_first), "deadline") if f.severity == "error"] == ["deadlines.publish"]


def test_department_reports_against_the_department_deadline(tmp_path):
    march = with_lines(BASE, "2026年2月12日", "2026年3月10日")
    assert of_type(run(tmp_path, march), "deadline") == []  # a government: 4月1日
    [department] = of_type(run(tmp_path, march, load("guizhou.department")), "deadline")
    assert (department.rule, department.severity) == ("deadlines.report", "error") and "2026年3月1日" in department.message


# ---------------------------------------------------------------- causes and concreteness


def test_causes_missing_quotes_every_problem_item(tmp_path):
    text = with_lines(BASE, "一是执法文书不规范。二是基层力量薄弱。究其原因，乡镇审核人员多为兼职，培训不足。", "一是执法文书不规范。\n二是基层力量薄弱。\n三是数据共享不充分。")
    [finding] = of_type(run(tmp_path, text), "causes")
    assert "列出了 3 项不足" in finding.message
    assert [item.line for item in finding.evidence] == [7, 8, 9] and finding.evidence[2].quote == "三是数据共享不充分。"
    assert of_type(run(tmp_path, BASE), "causes") == []


def test_causes_silent_when_problems_are_missing_altogether(tmp_path):
    text = with_lines(BASE, "二、存在的不足及原因\n一是执法文书不规范。二是基层力量薄弱。究其原因，乡镇审核人员多为兼职，培训不足。\n", "")
    result = run(tmp_path, text)
    assert next(e for e in result.elements if e.element.id == "problems").status == "missing"
    assert of_type(result, "causes") == []


def test_problems_as_one_generic_sentence(tmp_path):
    text = with_lines(BASE, "一是执法文书不规范。二是基层力量薄弱。究其原因，乡镇审核人员多为兼职，培训不足。", "我县法治政府建设仍存在一些薄弱环节。")
    found = {finding.id: finding for finding in run(tmp_path, text).findings}
    assert "只有一句概括性表述" in found["content.problem_items"].message
    assert found["content.problem_items"].evidence[0].line == 7
    assert "content.problem_items" not in {finding.id for finding in run(tmp_path, BASE).findings}


def test_plan_without_targets_dates_or_actions(tmp_path):
    vague = with_lines(
        BASE,
        "（一）压实责任。2026年县政府常务会议会前学法不少于12次。\n（二）提升执法水平。年底前实现乡镇执法文书统一模板全覆盖。",
        "（一）压实责任。持续深入学习贯彻习近平法治思想，不断提高思想认识。\n（二）提升执法水平。进一步规范执法行为，推动严格规范公正文明执法。",
    )
    [finding] = [f for f in run(tmp_path, vague).findings if f.id == "content.plan_items"]
    assert "2 项中有 0 项" in finding.message and len(finding.evidence) == 2
    one_action = with_lines(vague, "进一步规范执法行为", "开展乡镇执法规范化试点")
    assert not [f for f in run(tmp_path, one_action).findings if f.id == "content.plan_items"]


def test_substance_names_slogan_heavy_sections(tmp_path):
    slogans = with_lines(
        BASE,
        "（二）规范执法。评查案卷320卷，下发整改通知书14份。",
        "（二）提高政治站位。坚持以习近平法治思想为指导。不断提升法治意识。持续强化责任担当。推动工作落地落实。",
    )
    [finding] = of_type(run(tmp_path, slogans), "substance")
    assert "（二）提高政治站位（有实据的句子 0/4）" in finding.message and finding.evidence[0].kind == "heading"
    assert of_type(run(tmp_path, BASE), "substance") == []


# ---------------------------------------------------------------- data sanity


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        ("行政机关负责人出庭应诉率达到105%。", True),
        ("政务服务事项网上可办覆盖率120%。", True),
        ("执法证件考试通过率为88.8%，较上一年提高13.8%。", False),
        ("新增经营主体同比增长150%。", False),
        ("重点任务完成率112%。", False),
        ("审批时限压缩169.9%。", False),
    ],
)
def test_percent_range_only_for_shares(tmp_path, sentence, fires):
    text = with_lines(BASE, "下发整改通知书14份。", sentence)
    assert bool(of_type(run(tmp_path, text), "percent_range")) == fires


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        ("受理行政复议案件21件，已办结20件，办结率100%。", True),
        ("接收委托化解案件37件，化解成功19件，化解率达51.35%。", False),
        ("受理复议申请91件，审结86件，其中调解和解24件、纠错13件，复议案件调解和解率26.4%。", False),
        ("受理行政复议案件50件，办理行政应诉案件34件，行政机关负责人出庭应诉率100%。", False),
        ("全年办理18件，办结率达100%。", False),
        ("调解矛盾纠纷3688件，调解成功3600件，调解成功率99.86%。", True),
    ],
)
def test_rate_against_counts(tmp_path, sentence, fires):
    text = with_lines(BASE, "下发整改通知书14份。", sentence)
    found = of_type(run(tmp_path, text), "rate_counts")
    assert bool(found) == fires
    if fires:
        assert found[0].severity == "error" and found[0].evidence[0].line == 5


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        ("办理行政复议案件30件，其中维持18件、撤销15件。", True),
        ("办理行政复议案件30件，其中维持18件、撤销12件。", False),
        ("办理行政处罚案件1286件，其中适用简易程序1043件、普通程序243件，重大执法决定法制审核31件。", False),
        ("主动公开信息16233件（其中政务新媒体12085条，视频480条）。", False),
        ("办理行政复议案件30件，其中纠错40件。", True),
    ],
)
def test_parts_against_their_total(tmp_path, sentence, fires):
    text = with_lines(BASE, "下发整改通知书14份。", sentence)
    assert bool(of_type(run(tmp_path, text), "parts_total")) == fires


# ---------------------------------------------------------------- evidence, outputs and exit codes


def test_finding_evidence_quotes_lie_on_their_lines(national):
    reports = [EXAMPLE, *sorted(SAMPLES.iterdir()), *sorted((ROOT / "tests" / "data" / "yoy").iterdir())]
    reports += sorted((ROOT / "checklists" / "examples").glob("*/*/*.txt")) + sorted((ROOT / "corpus" / "reports").glob("*.txt"))
    checked = 0
    for path in reports:
        try:
            original = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").split("\n")
        except UnicodeDecodeError:
            continue  # a GBK web page: its lines are checked by the readers' tests
        if path.read_text("utf-8-sig").lstrip().startswith("<"):
            continue  # HTML source lines are not the text
        for finding in check(path, national).findings:
            for item in finding.evidence:
                line = normalise_chars(original[item.line - 1].replace("**", "")).replace(" ", "")
                assert item.quote.replace(" ", "") in line, (path.name, finding.id, item)
                checked += 1
    assert checked > 30


def test_json_findings_validate_against_the_schema(tmp_path):
    schema = json.loads(resources.files("checker.schemas").joinpath("result.schema.json").read_text("utf-8"))
    text = with_lines(BASE, "下发整改通知书14份。", "受理行政复议案件21件，已办结20件，办结率100%。")
    document = to_dict(run(tmp_path, text))
    Draft202012Validator(schema).validate(document)
    assert document["schema_version"] == "1.2"
    [finding] = [item for item in document["findings"] if item["id"] == "data.rate_counts"]
    assert set(finding) == {"id", "type", "severity", "severity_label", "message", "rule", "accepted", "evidence"}
    assert set(finding["evidence"][0]) == {"line", "section", "quote", "matched", "kind", "page"}


def test_check_exit_code_follows_fail_on_findings(tmp_path, capsys):
    from checker.cli import main

    complete = SAMPLES / "complete.txt"
    late = tmp_path / "late.txt"
    late.write_text(complete.read_text("utf-8").replace("2026年1月20日", "2026年4月20日"), "utf-8")
    out = ["--out", str(tmp_path / "out"), "-q"]
    assert main(["check", str(complete), *out]) == 0
    assert main(["check", str(late), *out]) == 1  # a late publication is an error
    assert main(["check", str(late), *out, "--fail-on-findings", "never"]) == 0
    warned = tmp_path / "warned.txt"  # only a warning: a rate of shares is fine, the plan is fine, causes missing
    warned.write_text(complete.read_text("utf-8").replace("办理人大代表建议146件、政协提案172件", "办理人大代表建议146件、政协提案172件，其中纠错200件"), "utf-8")
    assert [f.severity for f in check(warned, load("national")).findings] == ["warning"]
    assert main(["check", str(warned), *out]) == 0
    assert main(["check", str(warned), *out, "--fail-on-findings", "warning"]) == 1
    (tmp_path / "rolcheck.toml").write_text('fail_on_findings = "warn"\n', "utf-8")
    import os

    previous = Path.cwd()
    os.chdir(tmp_path)
    try:
        assert main(["check", str(complete), *out]) == 2
    finally:
        os.chdir(previous)
    assert "fail_on_findings" in capsys.readouterr().err


def test_text_html_and_markdown_show_findings(tmp_path):
    from checker.output.renderers import get

    text = with_lines(BASE, "下发整改通知书14份。", "受理行政复议案件21件，已办结20件，办结率<b>100%</b>。")
    result = run(tmp_path, text)
    terminal = get("text").render(result)
    assert "发现（1 条错误）" in terminal and "[data.rate_counts]" in terminal and "第 5 行" in terminal
    html = get("html").render(result)
    assert 'id="finding-1"' in html and 'href="#L5"' in html and "<b>100%" not in html and "&lt;b&gt;" in html
    assert 'href="#finding-1"' in html  # the source line links back to its finding
    markdown = get("md").render(result)
    assert "| ❌ 错误 | `data.rate_counts` |" in markdown


# ---------------------------------------------------------------- the checklist language


def national_with(checks_yaml: str) -> str:
    start = NATIONAL_TEXT.index("\nchecks:\n")
    end = NATIONAL_TEXT.index("\nelements:\n")
    return NATIONAL_TEXT[:start] + "\nchecks:\n" + checks_yaml + NATIONAL_TEXT[end:]


@pytest.mark.parametrize(
    ("checks_yaml", "message"),
    [
        ("  - {id: a.b, type: percnet_range, severity: error}\n", "没有名为 'percnet_range' 的检查类型（是不是 'percent_range'？）"),
        ("  - {id: a.b, type: items, severity: error, params: {element: problems, min_itmes: 2}}\n", "没有参数 'min_itmes'（是不是 'min_items'？）"),
        ("  - {id: a.b, type: items, severity: error, params: {element: problemz}}\n", "checks[a.b].params.element: 没有 id 为 'problemz' 的要素"),
        ("  - {id: a.b, type: items, severity: error, params: {element: problems, min_items: two}}\n", "应为不小于 0 的整数"),
        ("  - {id: a.b, type: deadline, severity: error, params: {deadline: submit}}\n", "'submit' 不是允许的值（可选：report, publish）"),
        ("  - {id: a.b, type: items, severity: error, params: {element: problems, concrete: ['(']}}\n", "正则表达式无效"),
        ("  - {id: a.b, type: percent_range, severity: fatal}\n", "'fatal' 不是允许的值"),
        ("  - {id: a.b, type: percent_range}\n", "缺少必填字段 'severity'"),
        ("  - {id: a.b, type: percent_range, severity: error}\n  - {id: a.b, type: parts_total, severity: error}\n", "检查 id 'a.b' 重复"),
    ],
)
def test_bad_checks_are_one_line_errors(checks_yaml, message):
    from checker.common.errors import ChecklistError

    with pytest.raises(ChecklistError) as error:
        parse(national_with(checks_yaml), "mine.yaml")
    assert message in str(error.value) and "\n" not in str(error.value)


def test_a_disabled_check_does_not_run(tmp_path):
    checklist = parse(national_with("  - {id: data.rate_counts, type: rate_counts, severity: error, enabled: false}\n"), "mine.yaml")
    text = with_lines(BASE, "下发整改通知书14份。", "受理行政复议案件21件，已办结20件，办结率100%。")
    assert run(tmp_path, text, checklist).findings == ()


def child(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "child.yaml"
    path.write_text('schema_version: 1\nid: child\ntitle: 测试\nversion: "1"\nextends: national\n' + body, "utf-8")
    return path


def test_inheritance_changes_removes_and_adds_checks(tmp_path):
    path = child(
        tmp_path,
        "remove_checks: [data.parts_total]\n"
        "remove_elements: [area.digital_government]\n"
        "checks:\n"
        "  - {id: content.substance, severity: error, params: {min_share: 0.9}}\n"
        "  - {id: content.plan_items, enabled: false}\n"
        "  - {id: local.causes, type: causes, severity: info, params: {problems: problems, causes: problem_causes}}\n",
    )
    checklist = load(str(path))
    by_id = {check.id: check for check in checklist.checks}
    assert "data.parts_total" not in by_id and list(by_id)[-1] == "local.causes"
    substance = by_id["content.substance"]
    assert substance.severity == "error" and substance.params["min_share"] == 0.9 and substance.params["min_substance"] == 0.2
    assert not by_id["content.plan_items"].enabled
    national = {check.id: check for check in load("national").checks}
    assert national["content.substance"].params["min_share"] == 0.5  # the parent is never changed
    assert checklist.layers[-1].checks == ("content.substance", "content.plan_items", "local.causes")


@pytest.mark.parametrize(
    ("body", "missing"),
    [
        # the checklist must name the elements: the engine has no default element ids
        ("checks:\n  - {id: local.causes, type: causes, severity: warning}\n", "缺少参数 'problems'"),
        # national's checks still point at an element the child removed
        ("remove_elements: [problems, problem_causes]\n", "没有 id 为 'problems' 的要素"),
        ("remove_elements: [next_year_plan]\n", "没有 id 为 'next_year_plan' 的要素"),
    ],
)
def test_a_check_naming_a_missing_element_is_one_line_and_exit_2(tmp_path, body, missing):
    """From the command line: exit 2, one line naming the checklist file, the check and the id, no traceback."""
    path = child(tmp_path, body)
    report = tmp_path / "r.txt"
    report.write_text("青溪县人民政府关于2025年度法治政府建设情况的报告\n一、主要举措\n开展执法检查12次。\n", "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", str(report), "--checklist", str(path), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert str(path) in lines[0] and "checks[" in lines[0] and missing in lines[0]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("remove_checks: [data.part_total]\n", "父清单 national 中没有 id 为 'data.part_total' 的检查（是不是 'data.parts_total'？）"),
        ("checks:\n  - {id: data.parts_total, type: percent_range}\n", "不能把继承的检查从 parts_total 改为 percent_range"),
        ("checks:\n  - {id: local.new, severity: error}\n", "缺少必填字段 'type'"),
        ("remove_checks: [data.parts_total]\nchecks:\n  - {id: data.parts_total, severity: info}\n", "已在 remove_checks 中删除"),
        ("remove_elements: [problem_causes]\n", "没有 id 为 'problem_causes' 的要素"),
    ],
)
def test_inheritance_errors_for_checks(tmp_path, body, message):
    from checker.common.errors import ChecklistError

    with pytest.raises(ChecklistError) as error:
        load(str(child(tmp_path, body)))
    assert message in str(error.value)


def test_removing_an_element_and_disabling_its_check_loads(tmp_path):
    path = child(tmp_path, "remove_elements: [problem_causes]\nchecks:\n  - {id: content.causes, enabled: false}\n")
    assert not {check.id: check for check in load(str(path)).checks}["content.causes"].enabled


def test_remove_checks_needs_extends():
    from checker.common.errors import ChecklistError

    with pytest.raises(ChecklistError, match="extends"):
        parse(NATIONAL_TEXT + "remove_checks: [data.parts_total]\n", "mine.yaml")


def test_lint_warns_about_a_chinese_word_boundary_in_a_check_regex():
    from checker.checklist.inheritance import resolve_text
    from checker.checklist.lint import lint
    from checker.rules.registry import check_patterns
    from checker.run.checklists import build

    text = national_with("  - {id: a.b, type: items, severity: warning, params: {element: next_year_plan, concrete: ['\\\\b年底前\\\\b']}}\n")
    resolved = resolve_text(text, "mine.yaml")
    checklist = build(resolved)
    warnings = lint(checklist, resolved.document, check_patterns(checklist))
    assert any(warning.startswith("checks[a.b].params.concrete[0]") for warning in warnings)


# ---------------------------------------------------------------- the real reports


def test_real_reports_get_the_findings_a_reviewer_would_give(shared_reports, national):
    found = {path.name: {finding.id: finding for finding in check(path, national).findings} for path in sorted(shared_reports.glob("*.txt"))}
    mi_yi, ping_luo, you_yang = (found[name] for name in sorted(found))
    # None of the three analyses the causes of its shortcomings (requirements.md says so too).
    for findings in (mi_yi, ping_luo, you_yang):
        assert findings["content.causes"].severity == "warning"
    assert [item.line for item in mi_yi["content.causes"].evidence] == [41, 41, 41]
    # 米易's plan says nothing about its first shortcoming, the shortage of 公职律师 (the others are answered).
    assert set(mi_yi) == {"content.causes", "content.unanswered_problems"}
    unanswered = mi_yi["content.unanswered_problems"]
    assert "3 项不足中有 1 项" in unanswered.message and "公职律师" in unanswered.message
    assert [row[1] == "（未见对应措施）" for row in unanswered.table] == [True, False, False]
    # 平罗: no signature (date), and a first section of formulas.
    assert set(ping_luo) == {"content.causes", "content.substance", "metadata.signature"}
    assert ping_luo["metadata.signature"].severity == "info"
    assert "（一）以习近平法治思想为指引" in ping_luo["content.substance"].message
    # 酉阳: the shortcomings are one sentence hidden in the plan.
    assert set(you_yang) == {"content.causes", "content.problem_items", "content.substance"}
    assert you_yang["content.problem_items"].evidence[0].line == 35
    # The data checks stay silent: 37件/19件/51.35% is consistent, 提高13.8% is a change, 受理21件、办结20件 has no 办结率.
    assert not any(finding_id.startswith("data.") for findings in found.values() for finding_id in findings)
