"""Outline: the section tree recovered from Chinese numbering, Markdown headings and unnumbered headings."""

from __future__ import annotations

import pytest

from checker.reading.normalise import normalise
from checker.reading.readers import markdown
from checker.reading.readers.text import lines as split_lines
from checker.structure import outline

TITLE = "青溪县人民政府关于2023年度法治政府建设工作情况的报告\n市政府：\n"
INTRO = "2023年，青溪县人民政府深入学习贯彻习近平法治思想，全面推进依法行政，法治政府建设取得新进展。现将有关情况报告如下。\n"


def build(text: str) -> outline.Outline:
    return outline.build(normalise(split_lines(text)).paragraphs)


def build_markdown(text: str) -> outline.Outline:
    return outline.build(normalise(markdown.lines(text)).paragraphs)


def tree(node: outline.Section) -> list:
    """The outline as nested (marker, title, children) tuples."""
    return [(child.marker, child.title, tree(child)) for child in node.children]


def section(doc: outline.Outline, marker: str, title_start: str = "") -> outline.Section:
    found = [s for s in doc.sections if s.marker == marker and s.title.startswith(title_start)]
    assert len(found) == 1, [(s.marker, s.title) for s in doc.sections]
    return found[0]


# ---------------------------------------------------------------- numbering styles


def test_numbering_rank_of_each_style():
    assert outline.numbering_rank("一、主要举措和成效") == (10, "一、")
    assert outline.numbering_rank("十二．其他工作") == (10, "十二．")
    assert outline.numbering_rank("（三）规范行政执法") == (20, "（三）")
    assert outline.numbering_rank("1.优化营商环境") == (30, "1.")
    assert outline.numbering_rank("12、规范涉企检查") == (30, "12、")
    assert outline.numbering_rank("（2）推行信用监管") == (40, "（2）")
    assert outline.numbering_rank("3.2万人次参加普法活动。") is None  # a decimal, not a number
    assert outline.numbering_rank("2023年，全县开展普法活动86场。") is None
    assert outline.numbering_rank("一是完善决策程序。") is None  # items are not headings


def test_top_level_chinese_numbers():
    doc = build(
        TITLE
        + INTRO
        + "一、主要举措和成效\n全年办理行政复议案件45件，纠错率8.9%。\n"
        + "二、存在的不足\n部分执法人员法治意识还不够强，基层执法力量较为薄弱。\n"
    )
    assert tree(doc.root) == [("一、", "主要举措和成效", []), ("二、", "存在的不足", [])]
    first = section(doc, "一、")
    assert first.rank == 10
    assert [s.text for s in first.sentences] == ["全年办理行政复议案件45件，纠错率8.9%。"]
    assert first.heading is not None and first.heading.is_heading
    assert first.heading.text == "一、主要举措和成效"


def test_fullwidth_parenthesised_numbers_with_inline_body():
    doc = build(
        TITLE
        + "一、主要举措和成效\n"
        + "（一）深化放管服改革。全年取消行政许可事项6项，新增“一件事”集成服务15项。\n"
        + "（二）规范行政决策。全年6项重大行政决策全部履行法定程序。\n"
    )
    first = section(doc, "（一）")
    assert first.rank == 20
    assert first.title == "深化放管服改革"
    assert first.heading.text == "（一）深化放管服改革"
    assert [s.text for s in first.sentences] == ["全年取消行政许可事项6项，新增“一件事”集成服务15项。"]
    assert section(doc, "（二）").parent is section(doc, "一、")


def test_halfwidth_parenthesised_numbers_are_normalised():
    doc = build(
        TITLE
        + "一、主要举措和成效\n"
        + "(一)深化放管服改革。全年取消行政许可事项6项。\n"
        + "(二)规范行政执法。全年开展案卷评查2次，评查案卷300卷。\n"
    )
    assert tree(section(doc, "一、")) == [("（一）", "深化放管服改革", []), ("（二）", "规范行政执法", [])]


def test_arabic_numbers_with_dot_and_comma():
    doc = build(
        TITLE
        + "一、主要举措和成效\n"
        + "1.优化营商环境。出台惠企政策12条，兑现资金3200万元。\n"
        + "2、规范涉企检查。开展联合检查24次，减少入企检查频次40%。\n"
        + "3．推行信用监管。完成企业信用评价1200家。\n"
    )
    assert tree(section(doc, "一、")) == [
        ("1.", "优化营商环境", []),
        ("2、", "规范涉企检查", []),
        ("3.", "推行信用监管", []),  # full-width ． normalised
    ]
    assert all(child.rank == 30 for child in section(doc, "一、").children)


def test_parenthesised_arabic_numbers():
    doc = build(
        TITLE
        + "一、主要举措和成效\n"
        + "（1）推行信用监管。完成企业信用评价1200家。\n"
        + "(2)强化协同监管。开展跨部门联合检查24次。\n"
    )
    children = section(doc, "一、").children
    assert [(child.marker, child.title, child.rank) for child in children] == [
        ("（1）", "推行信用监管", 40),
        ("（2）", "强化协同监管", 40),
    ]


def test_items_at_the_start_of_paragraphs():
    doc = build(
        TITLE
        + "一、主要举措和成效\n全年办理行政复议案件45件。\n"
        + "二、存在的不足\n"
        + "一是部分执法人员运用法治思维和法治方式解决问题的能力还不够强。\n"
        + "二是规范性文件备案审查工作的及时性有待进一步提高。\n"
    )
    problems = section(doc, "二、")
    assert [(child.marker, child.title, child.rank) for child in problems.children] == [
        ("一是", "部分执法人员运用法治思维和法治方式解决问题的能力还不够强", outline.ITEM_RANK),
        ("二是", "规范性文件备案审查工作的及时性有待进一步提高", outline.ITEM_RANK),
    ]
    item = problems.children[0]
    assert item.heading is None  # the item's first sentence is body text
    assert [s.text for s in item.sentences] == ["一是部分执法人员运用法治思维和法治方式解决问题的能力还不够强。"]
    assert not item.sentences[0].is_heading


def test_items_inline_after_full_stop_and_semicolon():
    doc = build(
        TITLE
        + "一、主要举措和成效\n"
        + "（一）规范行政决策。一是完善决策程序，制定重大行政决策程序规定；二是强化合法性审查，审查决策事项18件。"
        + "三是落实法律顾问制度，法律顾问列席会议30次。\n"
    )
    parent = section(doc, "（一）")
    assert [(child.marker, child.title) for child in parent.children] == [
        ("一是", "完善决策程序，制定重大行政决策程序规定"),
        ("二是", "强化合法性审查，审查决策事项18件"),
        ("三是", "落实法律顾问制度，法律顾问列席会议30次"),
    ]
    assert [s.text for s in parent.children[1].sentences] == ["二是强化合法性审查，审查决策事项18件。"]
    assert parent.sentences == []  # everything after the heading belongs to the items


def test_text_before_the_first_inline_item_stays_with_the_parent():
    doc = build(
        TITLE
        + "一、主要举措和成效\n"
        + "（一）规范行政执法。全县严格落实行政执法三项制度。一是开展案卷评查2次；二是组织执法培训8期。\n"
    )
    parent = section(doc, "（一）")
    assert [s.text for s in parent.sentences] == ["全县严格落实行政执法三项制度。"]
    assert parent.items == 2


def test_tongyishi_is_not_an_item():
    doc = build(
        TITLE
        + "一、主要举措和成效\n"
        + "（一）推进标准化建设。全县行政执法文书格式统一是规范执法的基础，全年统一执法文书样式36种。"
        + "执法标准统一是群众的期待，全县已实现同类事项同一标准。\n"
    )
    parent = section(doc, "（一）")
    assert parent.children == []
    assert len(parent.sentences) == 2
    assert all(s.section is parent for s in parent.sentences)


def test_ordinary_words_ending_in_shi_are_not_items():
    doc = build(TITLE + "一、主要举措和成效\n（一）深化改革。唯一是指唯一的办事窗口，群众只进一扇门。\n")
    assert section(doc, "（一）").children == []


# ---------------------------------------------------------------- nesting

NESTED = (
    "青溪县人民政府\n"
    + TITLE
    + INTRO
    + """一、主要举措和成效
（一）深化放管服改革。全年取消行政许可事项6项，新增“一件事”集成服务15项。
1.优化营商环境。出台惠企政策12条，兑现资金3200万元。
2、规范涉企检查。开展联合检查24次，减少入企检查频次40%。
（1）推行信用监管。完成企业信用评价1200家。
（二）规范行政决策。一是完善决策程序，制定重大行政决策程序规定；二是强化合法性审查，审查决策事项18件。
（三）加强行政执法监督
全年开展案卷评查2次，评查案卷300卷，发现并整改问题23个。
二、存在的不足
一是行政执法人员专业素质有待提升，部分乡镇执法力量薄弱。
二是规范性文件备案审查还不够及时。
三、2024年工作安排
2024年，我县将继续深化法治政府建设，持续推进依法行政。
青溪县人民政府
2024年2月28日
"""
)


def test_nesting_follows_the_numbering_hierarchy():
    doc = build(NESTED)
    assert tree(doc.root) == [
        (
            "一、",
            "主要举措和成效",
            [
                (
                    "（一）",
                    "深化放管服改革",
                    [("1.", "优化营商环境", []), ("2、", "规范涉企检查", [("（1）", "推行信用监管", [])])],
                ),
                (
                    "（二）",
                    "规范行政决策",
                    [("一是", "完善决策程序，制定重大行政决策程序规定", []), ("二是", "强化合法性审查，审查决策事项18件", [])],
                ),
                ("（三）", "加强行政执法监督", []),
            ],
        ),
        (
            "二、",
            "存在的不足",
            [("一是", "行政执法人员专业素质有待提升，部分乡镇执法力量薄弱", []), ("二是", "规范性文件备案审查还不够及时", [])],
        ),
        ("三、", "2024年工作安排", []),
    ]


def test_items_counts_children():
    doc = build(NESTED)
    assert section(doc, "一、").items == 3
    assert section(doc, "（一）").items == 2
    assert section(doc, "（二）").items == 2
    assert section(doc, "（三）").items == 0
    assert section(doc, "二、").items == 2
    assert section(doc, "三、").items == 0


def test_section_path_top_and_walk():
    doc = build(NESTED)
    credit = section(doc, "（1）")
    assert credit.path == ("一、主要举措和成效", "（一）深化放管服改革", "2、规范涉企检查", "（1）推行信用监管")
    assert credit.path is credit.path  # made once: every evidence quoted in the section shares it
    assert credit.top is section(doc, "一、")
    item = section(doc, "二是", "规范性文件")
    assert item.path == ("二、存在的不足", "二是规范性文件备案审查还不够及时")
    assert section(doc, "一、").path == ("一、主要举措和成效",)
    assert section(doc, "一、").top is section(doc, "一、")
    assert doc.root.path == ()
    assert [s.marker for s in section(doc, "（一）").walk()] == ["（一）", "1.", "2、", "（1）"]
    assert doc.sections == list(doc.root.walk())[1:]


def test_heading_without_body_takes_the_next_paragraph():
    doc = build(NESTED)
    supervision = section(doc, "（三）")
    assert supervision.heading.text == "（三）加强行政执法监督"
    assert [s.text for s in supervision.sentences] == ["全年开展案卷评查2次，评查案卷300卷，发现并整改问题23个。"]


def test_written_includes_sub_sections_and_their_headings_unless_asked_not_to():
    doc = build(NESTED)
    part = section(doc, "（一）")
    body = [s.text for s in part.written(subheadings=False)]
    assert body == [
        "全年取消行政许可事项6项，新增“一件事”集成服务15项。",
        "出台惠企政策12条，兑现资金3200万元。",
        "开展联合检查24次，减少入企检查频次40%。",
        "完成企业信用评价1200家。",
    ]
    assert all(not s.is_heading for s in part.written(subheadings=False))
    with_headings = part.written()
    assert part.heading not in with_headings  # never the section's own heading
    assert [s.text for s in with_headings if not s.is_heading] == body and any(s.is_heading for s in with_headings)
    assert part.written("next_year") == []  # everything in NESTED is about the reported year


def test_intro_paragraph_sits_on_the_root():
    doc = build(NESTED)
    assert [s.text for s in doc.root.sentences] == [
        "2023年，青溪县人民政府深入学习贯彻习近平法治思想，全面推进依法行政，法治政府建设取得新进展。",
        "现将有关情况报告如下。",
    ]


# ---------------------------------------------------------------- front and back matter


def test_title_block_goes_to_front_and_signature_to_back():
    doc = build(NESTED)
    assert [p.text for p in doc.front] == [
        "青溪县人民政府",
        "青溪县人民政府关于2023年度法治政府建设工作情况的报告",
        "市政府：",
    ]
    assert [p.text for p in doc.back] == ["青溪县人民政府", "2024年2月28日"]
    titles = [s.marker + s.title for s in doc.sections]
    assert not any("报告" in title for title in titles)
    assert not any("2024年2月28日" in s.text for s in doc.sentences)


def test_chinese_numeral_date_signature_goes_to_back():
    doc = build(TITLE + "一、主要举措和成效\n全年办理行政复议案件45件，纠错率8.9%。\n青溪县人民政府\n二〇二四年二月二十八日\n")
    assert [p.text for p in doc.back] == ["青溪县人民政府", "二〇二四年二月二十八日"]


# ---------------------------------------------------------------- Markdown and unnumbered headings

MARKDOWN = """# 青溪县2023年度法治政府建设情况报告

青溪县人民政府

## 一、党政主要负责人履行第一责任人职责情况

### （一）带头学法用法

县政府主要负责人带头学习习近平法治思想，全年组织县政府常务会议会前学法12次。

### （二）研究部署法治工作

县政府常务会议专题研究法治政府建设工作4次，听取行政复议工作汇报2次。

1. 印发年度法治政府建设工作要点。
2. 开展法治政府建设督察。

## 二、存在的不足

- 一是执法人员培训覆盖面不够，部分乡镇执法人员参训不足。
- 二是规范性文件清理不够及时。
"""


def test_markdown_headings_nest_by_level():
    doc = build_markdown(MARKDOWN)
    assert [p.text for p in doc.front] == ["青溪县2023年度法治政府建设情况报告", "青溪县人民政府"]
    assert tree(doc.root) == [
        (
            "一、",
            "党政主要负责人履行第一责任人职责情况",
            [
                ("（一）", "带头学法用法", []),
                ("（二）", "研究部署法治工作", [("1.", "印发年度法治政府建设工作要点", []), ("2.", "开展法治政府建设督察", [])]),
            ],
        ),
        (
            "二、",
            "存在的不足",
            [("一是", "执法人员培训覆盖面不够，部分乡镇执法人员参训不足", []), ("二是", "规范性文件清理不够及时", [])],
        ),
    ]
    assert [s.rank for s in doc.sections[:3]] == [2, 3, 3]


def test_markdown_heading_level_beats_numbering():
    text = "# 青溪县2023年度法治政府建设情况报告\n\n## 主要举措\n\n### 一、行政执法\n\n全年开展案卷评查2次，评查案卷300卷。\n\n## 存在的不足\n\n基层执法力量较为薄弱，执法人员专业素质有待提升。\n"
    doc = build_markdown(text)
    assert tree(doc.root) == [("", "主要举措", [("一、", "行政执法", [])]), ("", "存在的不足", [])]


UNNUMBERED = (
    TITLE
    + INTRO
    + """健全制度机制，不断提升行政决策水平
严格落实重大行政决策程序规定，全年6项重大行政决策全部履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。
规范执法行为，持续提升执法质效
全面推行行政执法三项制度，组织执法人员培训8期，培训执法人员560人次，开展行政执法案卷评查2次。
正视存在的不足和问题
一是部分执法人员法治意识还不够强。二是基层法治力量仍较薄弱。
青溪县人民政府
2024年2月28日
"""
)


def test_short_unnumbered_lines_become_top_level_sections():
    doc = build(UNNUMBERED)
    assert tree(doc.root) == [
        ("", "健全制度机制，不断提升行政决策水平", []),
        ("", "规范执法行为，持续提升执法质效", []),
        ("", "正视存在的不足和问题", [("一是", "部分执法人员法治意识还不够强", []), ("二是", "基层法治力量仍较薄弱", [])]),
    ]
    assert all(s.rank == outline.UNNUMBERED_RANK for s in doc.root.children)
    assert [p.text for p in doc.front] == ["青溪县人民政府关于2023年度法治政府建设工作情况的报告", "市政府："]
    assert [p.text for p in doc.back] == ["青溪县人民政府", "2024年2月28日"]
    decisions = doc.root.children[0]
    assert decisions.items == 0
    assert len(decisions.sentences) == 1 and decisions.sentences[0].text.startswith("严格落实重大行政决策程序规定")


def test_short_lines_are_not_headings_when_the_report_has_numbered_sections():
    doc = build(
        TITLE
        + "一、主要举措和成效\n"
        + "规范执法行为，持续提升执法质效\n"
        + "全面推行行政执法三项制度，组织执法人员培训8期，培训执法人员560人次，开展行政执法案卷评查2次。\n"
    )
    assert tree(doc.root) == [("一、", "主要举措和成效", [])]
    assert section(doc, "一、").sentences[0].text == "规范执法行为，持续提升执法质效"


# ---------------------------------------------------------------- line numbers


def test_sentences_carry_original_line_numbers():
    doc = build(NESTED)
    lines = {s.text: s.line for s in doc.sentences}
    source = {index: text for index, text in enumerate(NESTED.splitlines(), start=1)}
    for sentence in doc.sentences:
        assert sentence.text[:6] in source[sentence.line], (sentence.text, sentence.line)
    assert lines["出台惠企政策12条，兑现资金3200万元。"] == 7
    assert lines["二是强化合法性审查，审查决策事项18件。"] == 10
    assert lines["（三）加强行政执法监督"] == 11
    assert lines["全年开展案卷评查2次，评查案卷300卷，发现并整改问题23个。"] == 12
    assert lines["二是规范性文件备案审查还不够及时。"] == 15


def test_sentence_line_after_a_page_break_inside_a_paragraph():
    text = (
        TITLE  # lines 1-2
        + "一、主要举措和成效\n"  # 3
        + "（一）深化放管服改革。全年取消行政许可事项6项，新增“一件事”集成服务15项，政务服务事项网上可办率\n"  # 4
        + "\n"  # 5
        + "\f\n"  # 6
        + "\n"  # 7
        + "达到98.6%。全年办理各类政务服务事项14480件，群众满意度持续提升。\n"  # 8
    )
    doc = build(text)
    reform = section(doc, "（一）")
    assert [(s.text, s.line) for s in reform.sentences] == [
        ("全年取消行政许可事项6项，新增“一件事”集成服务15项，政务服务事项网上可办率达到98.6%。", 4),
        ("全年办理各类政务服务事项14480件，群众满意度持续提升。", 8),
    ]
    first = reform.sentences[0]
    assert first.line_of(first.text.index("达到")) == 8
    assert reform.line_start == 4
    assert reform.line_end == 8


def test_section_line_range_covers_its_sub_sections():
    doc = build(NESTED)
    assert section(doc, "一、").line_start == 5
    assert section(doc, "一、").line_end == 12
    assert section(doc, "二、").line_start == 13
    assert section(doc, "二、").line_end == 15


@pytest.mark.parametrize("style", ["text", "markdown"])
def test_every_sentence_belongs_to_its_section(style):
    doc = build(NESTED) if style == "text" else build_markdown(MARKDOWN)
    for node in doc.root.walk():
        for sentence in node.sentences:
            assert sentence.section is node
        if node.heading is not None:
            assert node.heading.section is node
