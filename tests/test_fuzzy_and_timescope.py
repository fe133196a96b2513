"""Fuzzy phrase search and the reported-year / next-year split."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from checker.analysis import fuzzy, timescope
from checker.checklist import model as checklist
from checker.reading.normalise import normalise
from checker.reading.readers.text import lines as split_lines
from checker.run import checklists
from checker.structure import outline

# ---------------------------------------------------------------- fuzzy.find


def test_exact_substring_is_found_with_its_span():
    text = "县政府主要负责人带头学法，全年组织常务会议会前学法12次。"
    hit = fuzzy.find("会前学法", text)
    assert hit == fuzzy.Hit(text.index("会前学法"), text.index("会前学法") + 4, 100.0)
    assert text[hit.start : hit.end] == "会前学法"


def test_exact_search_finds_the_first_occurrence():
    text = "开展述法评议，主要负责人现场述法。"
    assert fuzzy.find("述法", text).start == 2


@pytest.mark.parametrize(
    "phrase, text",
    [
        ("会前学法", "县政府常务会议会前习法12次。"),  # 4 chars, one substituted
        ("第一责任人", "主要负责人切实履行第一负责人职责。"),  # 5 chars, one substituted
        ("述法", "主要负责人述职述评。"),
        ("放管服", "深化放管理改革。"),
    ],
)
def test_short_phrase_with_one_wrong_character_is_not_matched(phrase, text):
    assert fuzzy.find(phrase, text) is None


def test_twelve_character_phrase_with_one_substituted_character_is_matched():
    phrase = "主要负责人履行第一责任人"
    assert len(phrase) == 12
    text = "2023年，县政府主要负责人履行第一负责人职责情况良好。"
    hit = fuzzy.find(phrase, text)
    assert hit is not None
    assert text[hit.start : hit.end] == "主要负责人履行第一负责人"
    assert fuzzy.cutoff(12) <= hit.score < 100.0


def test_six_character_phrase_tolerates_one_substitution():
    text = "全部决策事项经集体讨论决议后实施。"
    hit = fuzzy.find("集体讨论决定", text)
    assert hit is not None and text[hit.start : hit.end] == "集体讨论决议"


def test_twelve_character_phrase_with_too_many_differences_is_not_matched():
    # three differences in twelve characters: more than 12 // 6 = 2 edits
    assert fuzzy.find("主要负责人履行第一责任人", "县政府主要领导人切实履职第一负责人职责。") is None


def test_partial_ratio_trap_short_haystack_is_not_a_match():
    # rapidfuzz scores the needle against a shorter haystack as if the haystack were a window of it.
    assert fuzz.partial_ratio("总体情况及主要工作", "总体情况") == 100
    assert fuzzy.find("总体情况及主要工作", "总体情况") is None
    assert fuzzy.find("总体情况及主要工作", "一、总体情况") is None


def test_phrase_half_present_in_a_long_text_is_not_a_match():
    assert fuzzy.find("总体情况及主要工作", "现将本县法治政府建设总体情况报告如下请予审议。") is None
    assert fuzzy.find("总体情况及主要工作", "主要工作总体情况如下。") is None


def test_cutoff_is_exact_for_short_phrases_and_tolerant_for_long_ones():
    assert [fuzzy.cutoff(n) for n in range(1, fuzzy.EXACT_MAX_CHARS + 1)] == [100.0] * fuzzy.EXACT_MAX_CHARS
    assert fuzzy.cutoff(fuzzy.EXACT_MAX_CHARS) > fuzzy.cutoff(fuzzy.EXACT_MAX_CHARS + 1)
    for length in range(fuzzy.EXACT_MAX_CHARS + 1, 40):
        assert fuzzy.cutoff(length) < 100.0
        assert fuzzy.cutoff(length) >= 100.0 * (1 - 1 / fuzzy.CHARS_PER_EDIT) - 1e-9


def test_cutoff_allows_more_edits_only_as_phrases_get_longer():
    allowed = [round(length * (1 - fuzzy.cutoff(length) / 100)) for length in range(1, 40)]
    assert allowed == sorted(allowed)
    assert allowed[:5] == [0, 0, 0, 0, 0]
    assert allowed[5] == 1 and allowed[11] == 2  # 6 and 12 characters
    # Shorter phrases within the same edit budget are held to a stricter standard per character.
    assert fuzzy.cutoff(6) < fuzzy.cutoff(11)
    assert fuzzy.cutoff(12) < fuzzy.cutoff(17)


# ---------------------------------------------------------------- timescope.assign

REPORT = """青溪县人民政府关于2023年度法治政府建设工作情况的报告
市政府：
2023年，青溪县人民政府深入学习贯彻习近平法治思想，全面推进依法行政，法治政府建设取得新进展。现将有关情况报告如下。
一、2023年度推进法治政府建设的主要举措和成效
（一）加强法治宣传教育。全年开展“八五”普法宣传活动86场，覆盖群众3.2万人次。按照《青溪县“八五”普法规划（2021—2024年）》要求，完成规划中期评估。
（二）规范行政执法。全年办理行政处罚案件312件，同比下降8%。下一步，将继续深化综合行政执法改革。力争执法案卷合格率达到98%以上。
全县执法人员持证率达到100%，全年组织执法培训8期。
（三）化解行政争议。全年受理行政复议案件45件，纠错率8.9%。2024年，我县将推进行政复议规范化建设。同步完善行政应诉工作机制。
二、存在的不足
一是执法人员培训覆盖面不够。二是规范性文件清理不够及时。
三、下一步工作打算
坚持把法治政府建设摆在突出位置，持续用力推进各项工作。
四、2024年度推进法治政府建设的主要安排
（一）深化行政复议体制改革。2023年，我县行政复议案件纠错率偏高，但仍存在应诉能力不足的问题。
（二）强化执法监督。全年计划开展案卷评查2次，评查案卷300卷。
1.健全执法监督机制。建立执法监督员队伍。
青溪县人民政府
2024年2月28日
"""


@pytest.fixture(scope="module")
def national_checklist():
    return checklists.load("national")


def scoped(text: str, year: int, config) -> outline.Outline:
    doc = outline.build(normalise(split_lines(text)).paragraphs)
    timescope.assign(doc, year, config)
    return doc


@pytest.fixture(scope="module")
def doc(national_checklist):
    return scoped(REPORT, 2023, national_checklist.time_scope)


def find_section(doc, marker: str, title_start: str) -> outline.Section:
    found = [s for s in doc.sections if s.marker == marker and s.title.startswith(title_start)]
    assert len(found) == 1
    return found[0]


def scope_of(doc, start: str) -> str:
    found = [s for s in doc.sentences if s.text.startswith(start)]
    assert len(found) == 1, start
    return found[0].scope


def test_fill_years():
    assert timescope.fill_years("{next_year}年", 2023) == "2024年"
    assert timescope.fill_years("^{year}年", 2023) == "^2023年"
    assert timescope.fill_years("{year}—{next_year}", 2030) == "2030—2031"


def test_plan_section_and_its_children_are_next_year(doc):
    plan = find_section(doc, "四、", "2024年度推进法治政府建设的主要安排")
    assert plan.scope == timescope.NEXT
    assert plan.heading.scope == timescope.NEXT
    descendants = list(plan.walk())
    assert len(descendants) == 4
    assert all(s.scope == timescope.NEXT for s in descendants)
    assert scope_of(doc, "全年计划开展案卷评查2次") == timescope.NEXT
    assert scope_of(doc, "建立执法监督员队伍") == timescope.NEXT


def test_heading_phrase_without_a_year_makes_a_plan_section(doc):
    section = find_section(doc, "三、", "下一步工作打算")
    assert section.scope == timescope.NEXT
    assert scope_of(doc, "坚持把法治政府建设摆在突出位置") == timescope.NEXT


def test_reported_year_sections_stay_reported(doc):
    for marker, title in (("一、", "2023年度"), ("（一）", "加强法治宣传"), ("二、", "存在的不足"), ("一是", "执法人员")):
        assert find_section(doc, marker, title).scope == timescope.REPORTED
    assert scope_of(doc, "一是执法人员培训覆盖面不够") == timescope.REPORTED
    assert all(s.scope == timescope.REPORTED for s in doc.root.sentences)


def test_reported_year_sentence_inside_plan_section(doc):
    assert scope_of(doc, "2023年，我县行政复议案件纠错率偏高，但仍存在应诉能力不足的问题") == timescope.REPORTED


def test_next_year_sentence_switches_the_rest_of_its_paragraph(doc):
    assert scope_of(doc, "全年受理行政复议案件45件") == timescope.REPORTED
    assert scope_of(doc, "2024年，我县将推进行政复议规范化建设") == timescope.NEXT
    assert scope_of(doc, "同步完善行政应诉工作机制") == timescope.NEXT


def test_xiayibu_switches_the_rest_of_its_paragraph_only(doc):
    execution = find_section(doc, "（二）", "规范行政执法")
    assert execution.scope == timescope.REPORTED
    assert [(s.text[:6], s.scope) for s in execution.sentences] == [
        ("全年办理行政", timescope.REPORTED),
        ("下一步，将继", timescope.NEXT),
        ("力争执法案卷", timescope.NEXT),
        ("全县执法人员", timescope.REPORTED),  # a new paragraph starts again from the section's scope
    ]


def test_year_range_ending_next_year_does_not_switch(doc):
    assert scope_of(doc, "按照《青溪县“八五”普法规划（2021—2024年）》要求") == timescope.REPORTED
    publicity = find_section(doc, "（一）", "加强法治宣传")
    assert all(s.scope == timescope.REPORTED for s in publicity.sentences)


@pytest.mark.parametrize(
    "span", ["（2021—2024年）", "（2021-2024年）", "（2021－2024年）", "（2021～2024年）", "（2021至2024年）", "（2021年—2024年）", "（2021–2024年）"]
)
def test_year_range_forms_do_not_switch(national_checklist, span):
    text = (
        "青溪县人民政府关于2023年度法治政府建设工作情况的报告\n市政府：\n一、主要举措和成效\n"
        f"（一）加强法治宣传教育。按照《青溪县普法规划{span}》要求完成规划中期评估。全年开展普法活动86场。\n"
        "二、存在的不足\n一是执法人员培训覆盖面不够。二是规范性文件清理不够及时。\n"
    )
    result = scoped(text, 2023, national_checklist.time_scope)
    publicity = find_section(result, "（一）", "加强法治宣传")
    assert [s.scope for s in publicity.sentences] == [timescope.REPORTED, timescope.REPORTED]


def test_same_text_checked_as_a_different_year(national_checklist):
    # The cues depend on the report's year: for a 2024 report, "2024年" is the reported year.
    result = scoped(REPORT.replace("2023年度法治政府建设工作情况", "2024年度法治政府建设工作情况"), 2024, national_checklist.time_scope)
    assert scope_of(result, "2024年，我县将推进行政复议规范化建设") == timescope.REPORTED
    assert scope_of(result, "同步完善行政应诉工作机制") == timescope.REPORTED
    assert find_section(result, "四、", "2024年度").scope == timescope.NEXT  # still named a plan: 主要安排
    assert scope_of(result, "下一步，将继续深化综合行政执法改革") == timescope.NEXT


def test_assign_uses_only_the_given_cues():
    config = checklist.TimeScope(next_year_headings=("工作打算",), next_year_cues=("明年",), reported_year_cues=())
    result = scoped(REPORT, 2023, config)
    assert find_section(result, "三、", "下一步工作打算").scope == timescope.NEXT
    assert find_section(result, "四、", "2024年度").scope == timescope.REPORTED
    assert scope_of(result, "下一步，将继续深化综合行政执法改革") == timescope.REPORTED


def test_heading_citing_a_period_that_ends_next_year_is_not_a_plan_section(national_checklist):
    text = (
        "青溪县人民政府关于2024年度法治政府建设工作情况的报告\n市政府：\n一、主要举措和成效\n"
        "（一）深入实施《法治政府建设实施纲要（2021—2025年）》\n全年完成纲要年度任务26项，完成率92%。\n"
        "二、2025年工作计划\n（一）持续推进依法行政。\n"
    )
    result = scoped(text, 2024, national_checklist.time_scope)
    cited = find_section(result, "（一）", "深入实施")
    assert cited.scope == timescope.REPORTED
    assert [s.scope for s in cited.sentences] == [timescope.REPORTED]
    assert find_section(result, "二、", "2025年工作计划").scope == timescope.NEXT
