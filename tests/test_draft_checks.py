"""Draft hygiene and problems without remedies: residue, stale references, unanswered problems.

Each check fires on our own 青溪县 text where a reviewer would object and stays silent on text
that only looks similar (Markdown bold, a government site's address, a footnote, a merged office
named as history, a problem the plan answers in other words). The real reports in ../shared
are checked at the end (skipped when absent).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from checker.docgen import checks_doc
from checker.output.renderers import get
from checker.run.checklists import load
from checker.run.pipeline import check

BASE = checks_doc.examples("title")["PASS"]
MEASURE = "（二）规范执法。评查案卷320卷，下发整改通知书14份。"


@pytest.fixture(scope="module")
def national():
    return load("national")


def findings(tmp_path: Path, text: str, type_name: str, checklist, name: str = "report.txt"):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return [finding for finding in check(path, checklist).findings if finding.type == type_name]


def with_measure(extra: str) -> str:
    assert MEASURE in BASE
    return BASE.replace(MEASURE, MEASURE[:-1] + "，" + extra)


# ---------------------------------------------------------------- template residue and site furniture


@pytest.mark.parametrize(
    "residue, shown",
    [
        ("全年评查XX县直部门执法案卷。", "XX"),
        ("××乡镇完成执法文书规范化改造。", "××"),
        ("组织专题培训＊次。", "*"),
        ("某某局按期完成整改。", "某某"),
        ("典型案例：【请填写本单位典型案例】。", "【请填写本单位典型案例】"),
        ("此处填写年度重点工作。", "此处填写"),
        ("行政复议案件（可选，无则删除）办理情况良好。", "（可选，无则删除）"),
        ("详见www.wenku-free.com下载。", "www.wenku-free.com"),
        ("全年受理复议案件{count}件。", "{count}"),
        ("202X年完成执法证件换发。", "X"),
        ("【打印本页】【关闭窗口】", "【打印本页】"),
    ],
)
def test_residue_is_flagged_with_its_line_and_what_was_left(tmp_path, national, residue, shown):
    [finding] = findings(tmp_path, with_measure(residue), "residue", national)
    assert finding.severity == "error" and f"“{shown}”" in finding.message
    assert finding.evidence[0].line == 5 and shown in finding.evidence[0].quote


def test_a_watermark_line_of_a_copy_site_is_flagged_once(tmp_path, national):
    text = BASE.replace("三、2026年工作安排", "精品范文 全网资源每日更新\n三、2026年工作安排")
    [finding] = findings(tmp_path, text, "residue", national)
    assert finding.evidence[0].line == 8 and "精品范文全网资源" in finding.message  # spaces between Chinese are not kept


@pytest.mark.parametrize(
    "lookalike",
    [
        "**二是**年内开展执法案卷评查。",  # Markdown bold around 二是
        "群众可登录www.qingxi.gov.cn查询执法公示信息。",  # a government site
        "（注：数据截至2025年11月底）",  # a footnote, not an instruction
        "配备X射线安检机2台。",  # a real X
        "某公司违法排污案已移送公安机关。",  # 某 once is how reports anonymise
        "3×4米的公示栏全部更新。",
    ],
)
def test_residue_is_silent_on_text_that_only_looks_like_it(tmp_path, national, lookalike):
    assert findings(tmp_path, with_measure(lookalike), "residue", national) == []


def test_residue_patterns_are_checklist_data(tmp_path, national):
    child = tmp_path / "strict.yaml"
    child.write_text(
        'schema_version: 1\nid: strict\ntitle: 测试\nversion: "1"\nextends: national\n'
        "checks:\n  - {id: draft.residue, params: {patterns: ['仅供参考']}}\n",
        "utf-8",
    )
    strict = load(str(child))
    assert findings(tmp_path, with_measure("本文仅供参考。"), "residue", strict)
    assert findings(tmp_path, with_measure("全年评查XX县直部门执法案卷。"), "residue", strict) == []  # replaced, not added


# ---------------------------------------------------------------- stale references


def test_a_merged_office_named_as_acting_is_flagged_with_the_current_name(tmp_path, national):
    [finding] = findings(tmp_path, with_measure("县政府法制办审核规范性文件21件。"), "stale_references", national)
    assert "“政府法制办”" in finding.message and "建议改为：司法局" in finding.message
    assert finding.evidence[0].line == 5 and finding.evidence[0].matched == "政府法制办"


def test_stale_names_depend_on_the_report_year(tmp_path, national):
    text = with_measure("县政府法制办审核规范性文件21件。")
    earlier = text.replace("2025", "2018").replace("2026", "2019")
    assert findings(tmp_path, earlier, "stale_references", national) == []  # 2018: the office still existed
    later = text.replace("2025", "2019").replace("2026", "2020")
    assert findings(tmp_path, later, "stale_references", national)


@pytest.mark.parametrize(
    "history",
    [
        "原县政府法制办的备案审查档案已全部移交县司法局。",
        "机构改革后，县工商局、县质监局的执法职责整合划入县市场监管局。",
        "县委依法治县办召开会议3次。",  # 依法治县办 is not 法制办
        "县工商联组织民营企业开展法治体检。",  # 工商联 still exists
    ],
)
def test_names_written_as_history_or_that_only_look_alike_are_not_flagged(tmp_path, national, history):
    assert findings(tmp_path, with_measure(history), "stale_references", national) == []


def test_the_previous_plan_period_cited_as_current_is_flagged(tmp_path, national):
    [finding] = findings(tmp_path, with_measure("对照《法治政府建设实施纲要（2015—2020年）》查摆问题。"), "stale_references", national)
    assert "2021—2025" in finding.message


def test_a_province_extends_the_list_with_its_own_check(tmp_path, national):
    child = tmp_path / "province.yaml"
    child.write_text(
        'schema_version: 1\nid: province\ntitle: 测试\nversion: "1"\nextends: national\n'
        "checks:\n  - id: draft.stale_province\n    type: stale_references\n    severity: warning\n"
        "    params: {entries: [{name: '云岭市法治政府建设规划（2018—2022年）', until: 2022, suggest: 云岭市法治政府建设规划（2023—2027年）}]}\n",
        "utf-8",
    )
    province = load(str(child))
    text = with_measure("落实《云岭市法治政府建设规划（2018—2022年）》，县政府法制办审核规范性文件21件。")
    found = findings(tmp_path, text, "stale_references", province)
    assert sorted(finding.id for finding in found) == ["draft.stale_province", "draft.stale_references"]  # both lists apply


def test_bad_entries_are_a_checklist_error_naming_the_field(tmp_path):
    from checker.common.errors import ChecklistError

    child = tmp_path / "bad.yaml"
    child.write_text(
        'schema_version: 1\nid: bad\ntitle: 测试\nversion: "1"\nextends: national\n'
        "checks:\n  - {id: draft.stale_references, params: {entries: [{name: 法制办, suggest: 司法局}]}}\n",
        "utf-8",
    )
    with pytest.raises(ChecklistError, match="缺少字段 'until'"):
        load(str(child))


# ---------------------------------------------------------------- problems without remedies

PROBLEMS = "一是执法文书不规范。二是基层力量薄弱。究其原因，乡镇审核人员多为兼职，培训不足。"
PLAN = "（一）压实责任。2026年县政府常务会议会前学法不少于12次。\n（二）提升执法水平。年底前实现乡镇执法文书统一模板全覆盖。"


def with_parts(problems: str, plan: str) -> str:
    assert PROBLEMS in BASE and PLAN in BASE
    return BASE.replace(PROBLEMS, problems).replace(PLAN, plan)


def test_a_problem_no_plan_item_answers_is_named_and_the_html_pairs_them(tmp_path, national):
    text = with_parts(
        "一是执法文书不规范。二是行政复议案件办理超期较多，全年超期9件。三是公职律师数量少，12个部门中仅4个配备公职律师。",
        PLAN,
    )
    [finding] = findings(tmp_path, text, "unanswered_problems", national)
    assert "3 项不足中有 2 项" in finding.message and "行政复议案件办理超期" in finding.message and "公职律师" in finding.message
    assert [row[1] for row in finding.table][1:] == ["（未见对应措施）", "（未见对应措施）"]
    assert "执法文书统一模板" in finding.table[0][1]
    path = tmp_path / "report.txt"
    html = get("html").render(check(path, national))
    assert '<table class="pairing">' in html and "（未见对应措施）" in html


@pytest.mark.parametrize(
    "problems, plan",
    [
        # answered in other words: 法治宣传 → 普法, 人员不足 → 配备专职人员
        (
            "一是法治宣传形式单一。二是乡镇法制审核人员不足。",
            "（一）创新普法方式。年内建成普法短视频平台。\n（二）充实审核力量。为每个乡镇配备1名专职法制审核人员。",
        ),
        # the problem's causes are not what the plan must answer
        (
            "一是执法文书不规范。究其原因，部分执法人员对新修订的行政处罚法学习不深。",
            "（一）规范执法文书。年底前实现执法文书统一模板全覆盖。\n（二）压实责任。会前学法不少于12次。",
        ),
    ],
)
def test_problems_answered_in_the_plan_are_not_flagged(tmp_path, national, problems, plan):
    assert findings(tmp_path, with_parts(problems, plan), "unanswered_problems", national) == []


def test_nothing_is_judged_without_listed_problems_or_plan_items(tmp_path, national):
    one_sentence = with_parts("我县法治政府建设仍存在一些薄弱环节。", PLAN)
    assert findings(tmp_path, one_sentence, "unanswered_problems", national) == []
    plan_paragraph = with_parts("一是行政复议案件办理超期较多。二是公职律师数量少。", "2026年，我县将持续深化法治政府建设。")
    assert findings(tmp_path, plan_paragraph, "unanswered_problems", national) == []


# ---------------------------------------------------------------- the real reports and the corpus


def test_on_the_corpus_no_residue_no_stale_names_and_no_unanswered_problems(national):
    reports = sorted((ROOT / "corpus" / "reports").iterdir())
    assert len(reports) >= 20
    found = [(path.name, finding.type) for path in reports for finding in check(path, national).findings
             if finding.type in ("residue", "stale_references", "unanswered_problems")]
    assert found == []


def test_on_the_real_reports_only_the_unanswered_lawyer_shortage(shared_reports, national):
    found = {path.name: [f for f in check(path, national).findings if f.type in ("residue", "stale_references", "unanswered_problems")]
             for path in sorted(shared_reports.glob("*.txt"))}
    first, second, third = (found[name] for name in sorted(found))
    assert [finding.type for finding in first] == ["unanswered_problems"] and second == [] and third == []
