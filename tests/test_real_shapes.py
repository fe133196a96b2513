"""Issue 16: verdicts that hold on the ways real reports are written.

One test (or two) per class of failure seen on real material, on report-shaped text about our
fictional 青溪县: merged problems and plan, plan items that are problem items, slogans rescued by
pooled words, stray words, traditional script, 第X部分 and glued headings, rates over two bases,
and title, issuer and year among page furniture. The corpus reports named here were labelled
before rolcheck was run on them (corpus/labels.yaml).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from checker.common.chinese import fold_traditional, numbering_rank
from checker.reading.normalise import normalise
from checker.reading.readers.text import lines as split_lines
from checker.run.pipeline import check

CORPUS = ROOT / "corpus" / "reports"


def statuses(path: Path, national) -> dict[str, str]:
    return {element.element.id: element.status for element in check(path, national).elements}


def write(tmp_path: Path, text: str, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


HEAD = (
    "青溪县人民政府关于2025年度法治政府建设情况的报告\n云岭市人民政府：\n"
    "一、党政主要负责人履行推进法治建设第一责任人职责情况\n"
    "（一）带头学法。县长主持县政府常务会议会前学法12次，专题研究法治政府建设工作3次。\n"
    "（二）带头应诉。县长出庭应诉行政诉讼案件2件，对复议纠错案件批示督办6件次。\n"
    "二、2025年推进法治政府建设的主要举措和成效\n"
    "（一）优化营商环境。取消、下放行政权力事项27项，“一网通办”率达到97.6%。\n"
    "（二）规范执法。评查执法案卷300卷，发现问题案卷26卷，组织执法人员培训15期。\n"
    "（三）化解争议。办理行政复议案件88件，纠错9件；调解矛盾纠纷3100件。\n"
)
TAIL = "青溪县人民政府\n2026年2月12日\n"


# ---------------------------------------------------------------- 1, 2: problems and plan under one heading


def test_problems_listed_under_a_merged_heading_without_subheadings_are_present(national):
    result = statuses(CORPUS / "hexi_town_2023_merged_plain.txt", national)
    assert result["problems"] == "present" and result["next_year_plan"] == "present"


def test_problem_items_under_a_merged_heading_are_not_plan_items(tmp_path, national):
    text = HEAD + (
        "三、存在的问题及下一步工作打算\n"
        "（一）乡镇执法力量薄弱，9个乡镇中4个没有专职法制审核人员。\n"
        "（二）重大行政决策后评估开展不够，全年只评估1项。\n"
        "（三）行政复议纠错案件中程序违法的占比达到38%。\n"
        "下一步，我们将继续深入学习贯彻习近平法治思想，进一步压实责任，推动法治政府建设再上新台阶。\n"
    ) + TAIL
    result = check(write(tmp_path, text), national)
    by_id = {element.element.id: element for element in result.elements}
    assert by_id["problems"].status == "present"
    assert by_id["next_year_plan"].status == "weak"  # one generic pledge; the three items are problems


def test_an_empty_plan_subheading_under_a_merged_parent_is_not_a_plan(national):
    assert statuses(CORPUS / "minzheng_2024_empty_plan_subheading.txt", national)["next_year_plan"] != "present"


# ---------------------------------------------------------------- 3, 4: slogans and stray words


def test_a_slogan_under_the_duty_heading_is_not_rescued_by_loose_words_elsewhere_in_its_part(national):
    assert statuses(CORPUS / "huangtan_town_2021_slogan_duty.txt", national)["first_responsible_person"] != "present"


def test_acts_listed_with_counts_in_one_sentence_under_their_heading_are_present(tmp_path, national):
    text = HEAD.replace(
        "（一）带头学法。县长主持县政府常务会议会前学法12次，专题研究法治政府建设工作3次。\n（二）带头应诉。县长出庭应诉行政诉讼案件2件，对复议纠错案件批示督办6件次。\n",
        "县长主持县政府常务会议会前学法12次，专题听取法治政府建设工作汇报3次，带头出庭应诉行政诉讼案件2件，对复议纠错案件批示督办6件次。\n",
    ) + "三、存在的不足\n一是执法文书不规范。二是基层力量薄弱。\n三、2026年工作安排\n（一）2026年会前学法不少于12次。\n（二）年底前完成乡镇执法文书统一模板全覆盖。\n" + TAIL
    assert statuses(write(tmp_path, text), national)["first_responsible_person"] == "present"


def test_one_stray_word_in_a_measure_does_not_make_missing_problems_weak(national):
    result = check(CORPUS / "linye_2022_no_problems_stray_word.txt", national)
    problems = next(element for element in result.elements if element.element.id == "problems")
    assert problems.status == "missing"
    assert "顺带用词" in problems.reason  # the passing word is named, not silently dropped


def test_a_problem_stated_in_one_sentence_is_still_weak(national):
    assert statuses(CORPUS / "chengguan_2025_merged_final.txt", national)["problems"] == "weak"


# ---------------------------------------------------------------- 5: traditional script


@pytest.mark.parametrize(
    "text",
    ["楓嶺縣人民政府關於2024年度法治政府建設情況的報告", "縣政府常務會議會前學法12次，（一）規範執法。", "青溪县2025年（简体不变）", "乾隆皇后後來"],
)
def test_traditional_folding_keeps_one_character_per_character(text):
    folded = fold_traditional(text)
    assert len(folded) == len(text)
    assert "縣" not in folded and "會" not in folded


def test_a_report_in_traditional_script_gets_the_simplified_verdicts_and_issuer(national):
    result = check(CORPUS / "fengling_2024_traditional_mirror.txt", national)
    assert all(element.status == "present" for element in result.elements if element.element.required)
    assert result.metadata.issuer == "枫岭县人民政府" and result.metadata.year == 2024
    assert result.elements[0].evidence[0].line > 1  # evidence still points at the original lines


# ---------------------------------------------------------------- 6: 第X部分 and glued headings


def test_part_numbering_is_top_level_numbering():
    assert numbering_rank("第四部分2026年推进法治政府建设的主要安排") == (10, "第四部分")
    assert numbering_rank("第二次会议审议通过") is None


def test_a_heading_line_is_not_glued_to_the_paragraph_below_it():
    text = "坚持党的全面领导全面压实法治建设第一责任人职责情况\n县长主持县政府常务会议会前学法12次，专题研究法治政府建设工作3次，带头出庭应诉行政诉讼案件2件。\n"
    paragraphs = normalise(split_lines(text)).paragraphs
    assert [p.first_line for p in paragraphs] == [1, 2]


def test_a_hard_wrapped_sentence_is_still_rejoined():
    text = "县长主持县政府常务会议会前学法12次，专题研究法治政\n府建设工作3次，带头出庭应诉行政诉讼案件2件。\n"
    assert len(normalise(split_lines(text)).paragraphs) == 1


def test_a_report_numbered_by_parts_keeps_its_plan(national):
    assert statuses(CORPUS / "lanxi_2025_part_numbering.txt", national)["next_year_plan"] == "present"


# ---------------------------------------------------------------- 7: rates over two bases


def rate_findings(tmp_path: Path, national, sentence: str) -> list[str]:
    text = HEAD + f"（四）政务服务。{sentence}\n" + "三、存在的不足\n一是执法文书不规范。二是基层力量薄弱。\n四、2026年工作安排\n（一）2026年会前学法不少于12次。\n（二）年底前完成全覆盖。\n" + TAIL
    return [f.message for f in check(write(tmp_path, text), national).findings if f.id == "data.rate_counts"]


def test_two_rates_over_two_bases_are_not_a_data_error(tmp_path, national):
    assert rate_findings(tmp_path, national, "注册法人用户1200个，完成认证1150个，注册个人用户3500个，认证率97.1%。") == []
    listed = "注册法人用户1200个、完成认证1150个，注册个人用户3500个、完成认证3400个，认证率分别为95.8%、97.1%。"
    assert rate_findings(tmp_path, national, listed) == []


def test_a_listed_rate_that_contradicts_its_own_counts_is_still_an_error(tmp_path, national):
    listed = "注册法人用户1200个、完成认证1150个，注册个人用户3500个、完成认证3400个，认证率分别为95.8%、99.1%。"
    assert rate_findings(tmp_path, national, listed) == ["认证率与前文数字不符：3500个中认证3400个，应为97.1%，报告写的是99.1%"]


def test_no_error_finding_on_the_corpus(national):
    errors = [
        (path.name, finding.message)
        for path in sorted(CORPUS.iterdir())
        for finding in check(path, national).findings
        if finding.severity == "error"
    ]
    assert errors == []


# ---------------------------------------------------------------- 8: title, issuer and year among page furniture


def test_a_masthead_date_of_another_year_is_not_the_report_year(tmp_path, national):
    text = "青溪县人民政府 2019年12月3日星期二\n无障碍 简体| 繁体\n" + HEAD.replace("关于2025年度", "关于2025年度")
    result = check(write(tmp_path, text + TAIL), national)
    assert result.metadata.year == 2025 and result.metadata.issuer == "青溪县人民政府"


def test_breadcrumbs_and_today_lines_are_not_the_issuer(tmp_path, national):
    text = "今天是：2019年10月31日 星期四\n您所在的位置：首页 > 政务公开 > 工作报告\n关于2025年度法治政府建设情况的报告\n" + HEAD.split("\n", 2)[2]
    result = check(write(tmp_path, text), national)
    assert result.metadata.issuer is None and result.metadata.title == "关于2025年度法治政府建设情况的报告"


@pytest.mark.parametrize("name", ["yunling_sifa_2023_web_copy.txt", "qingxi_2019_web_table.txt"])
def test_web_copies_give_title_issuer_and_year_and_say_where_the_issuer_came_from(national, name):
    meta = check(CORPUS / name, national).metadata
    expected = {
        "yunling_sifa_2023_web_copy.txt": ("云岭市司法局2023年度法治政府建设情况报告", "云岭市司法局", "title", 2023),
        "qingxi_2019_web_table.txt": ("关于2019年度法治政府建设情况的报告", "青溪县人民政府", "page_meta", 2019),
    }[name]
    assert (meta.title, meta.issuer, meta.issuer_source, meta.year) == expected


def test_a_joint_party_government_title_names_both_bodies(national):
    meta = check(CORPUS / "qingxi_2019_party_gov_joint.txt", national).metadata
    assert meta.issuer == "中共青溪县委青溪县人民政府" and meta.issuer_source == "title"
