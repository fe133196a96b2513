"""Normalisation: canonical characters, furniture, page metadata, rejoined lines and the line map."""

from __future__ import annotations

import pytest

from checker.common.chinese import fold_width as normalise_chars
from checker.reading.normalise import LineMap, Paragraph, normalise
from checker.reading.readers.text import lines as split_lines
from checker.reading.source import SourceLine


def paragraphs(text: str) -> list[str]:
    return [paragraph.text for paragraph in normalise(split_lines(text)).paragraphs]


def only(text: str) -> str:
    found = paragraphs(text)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- characters


def test_fullwidth_digits_and_letters_become_halfwidth():
    assert only("青溪县全年办理ＡＢＣ类案件１２３件，占比４５．６％。") == "青溪县全年办理ABC类案件123件，占比45.6%。"


def test_normalise_chars_keeps_length_and_chinese_punctuation():
    source = "（一）全年受理ｘｙｚ案件３件；(二)结案率100%!"
    result = normalise_chars(source)
    assert len(result) == len(source)
    assert result == "（一）全年受理xyz案件3件；（二）结案率100%！"


def test_halfwidth_parentheses_become_fullwidth():
    assert only("(一)加强组织领导") == "（一）加强组织领导"
    assert only("(3)开展执法监督检查") == "（3）开展执法监督检查"


def test_halfwidth_sentence_punctuation_becomes_fullwidth():
    assert only("全年开展培训3次,覆盖执法人员420人次;群众满意:高!是否达标?是") == "全年开展培训3次，覆盖执法人员420人次；群众满意：高！是否达标？是"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2023 年，全县开展普法活动 36 次。", "2023年，全县开展普法活动36次。"),
        ("全县共有执法人员　560　名。", "全县共有执法人员560名。"),
        ("\u3000\u3000全年化解矛盾纠纷 1,448 件。", "全年化解矛盾纠纷1,448件。"),
        ("全年办理\t行政复议案件\t45\t件。", "全年办理行政复议案件45件。"),
    ],
)
def test_spaces_next_to_chinese_are_removed(raw, expected):
    assert only(raw) == expected


def test_spaces_between_latin_words_are_kept():
    assert only("青溪县引入 Legal Aid Center 模式开展法律援助。") == "青溪县引入Legal Aid Center模式开展法律援助。"
    assert only("完成 ISO 9001 质量管理体系认证。") == "完成ISO 9001质量管理体系认证。"


def test_thousands_separator_is_kept():
    assert only("全年办理政务服务事项1,448件，同比增长12%。") == "全年办理政务服务事项1,448件，同比增长12%。"
    assert only("全年办理政务服务事项1,448,000件。") == "全年办理政务服务事项1,448,000件。"


def test_comma_not_between_digits_becomes_fullwidth():
    assert only("审查文件12件,纠正3件。") == "审查文件12件，纠正3件。"


def test_markdown_emphasis_is_removed():
    assert only("**二是**强化行政执法监督，开展案卷评查2次。") == "二是强化行政执法监督，开展案卷评查2次。"


def test_zero_width_space_and_stray_bom_are_removed():
    assert only("\ufeff全年开展\u200b普法宣传活动86场。") == "全年开展普法宣传活动86场。"


# ---------------------------------------------------------------- furniture and metadata


@pytest.mark.parametrize(
    "furniture",
    [
        "附件下载：",
        "附件下载",
        "扫一扫在手机上查看当前页面",
        "|",
        "｜",
        "【打印本页】【关闭窗口】",
        "【打印本页】 【关闭窗口】",
        "打印本页 | 关闭窗口",
        "分享到：微信 微博",
        "【字体：大 中 小】",
    ],
)
def test_furniture_lines_are_dropped(furniture):
    text = f"全年开展普法宣传活动86场。\n{furniture}\n群众满意度持续提升。\n"
    assert paragraphs(text) == ["全年开展普法宣传活动86场。", "群众满意度持续提升。"]


def test_sentence_mentioning_attachments_is_not_furniture():
    text = "附件下载：青溪县2023年度行政复议案件统计表已同步公开。\n"
    assert paragraphs(text) == ["附件下载：青溪县2023年度行政复议案件统计表已同步公开。"]


WEB_PAGE = """【打印本页】【关闭窗口】
索引号：QX-00123-2024-000045
发布机构：青溪县人民政府办公室
文号：青政发〔2024〕6号
发布日期：2024-03-15
青溪县人民政府关于2023年度法治政府建设工作情况的报告
市政府：
2023年，青溪县全面推进依法行政，全年办理行政复议案件45件，纠错率8.9%。
扫一扫在手机上查看当前页面
附件下载：
|
"""


def test_page_metadata_is_captured_and_not_a_paragraph():
    result = normalise(split_lines(WEB_PAGE))
    assert result.page_meta == {
        "索引号": "QX-00123-2024-000045",
        "发布机构": "青溪县人民政府办公室",
        "文号": "青政发〔2024〕6号",
        "发布日期": "2024-03-15",
    }
    assert [paragraph.text for paragraph in result.paragraphs] == [
        "青溪县人民政府关于2023年度法治政府建设工作情况的报告",
        "市政府：",
        "2023年，青溪县全面推进依法行政，全年办理行政复议案件45件，纠错率8.9%。",
    ]
    assert [paragraph.first_line for paragraph in result.paragraphs] == [6, 7, 8]


def test_page_metadata_with_halfwidth_colon_is_captured():
    result = normalise(split_lines("发布机构:青溪县司法局\n全年开展普法宣传活动86场。\n"))
    assert result.page_meta == {"发布机构": "青溪县司法局"}
    assert [paragraph.text for paragraph in result.paragraphs] == ["全年开展普法宣传活动86场。"]


def test_metadata_like_line_after_the_text_starts_stays_text():
    text = "青溪县人民政府关于2023年度法治政府建设工作情况的报告\n2023年，全县办结行政复议案件41件。\n发布日期：2024年3月15日\n"
    result = normalise(split_lines(text))
    assert result.page_meta == {}
    assert [paragraph.text for paragraph in result.paragraphs][-1] == "发布日期：2024年3月15日"


def test_metadata_line_just_below_the_title_is_page_metadata():
    """Portals put "来源：… 发布时间：…" under the title (issue 16): several keys to a line, aliases folded."""
    text = "青溪县2023年度法治政府建设情况报告\n来源:青溪县人民政府办公室 发布时间:2024-03-28 09:18\n2023年，全县办结行政复议案件41件。\n"
    result = normalise(split_lines(text))
    assert result.page_meta == {"发布日期": "2024-03-28 09：18"}  # width-folded; 来源 names the drafting office, not kept
    assert [paragraph.text for paragraph in result.paragraphs][0] == "青溪县2023年度法治政府建设情况报告"


def test_no_metadata_gives_empty_page_meta():
    assert normalise(split_lines("全年开展普法宣传活动86场。\n")).page_meta == {}


# ---------------------------------------------------------------- joining lines


def test_sentence_broken_by_a_page_break_is_rejoined():
    text = (
        "2023年，青溪县人民政府坚持以习近平法治思想为指导，全面推进依法行政，持续深化\n"
        "\n"
        "\f\n"
        "\n"
        "“放管服”改革，全年精简行政许可事项12项。\n"
    )
    result = normalise(split_lines(text)).paragraphs
    assert [paragraph.text for paragraph in result] == [
        "2023年，青溪县人民政府坚持以习近平法治思想为指导，全面推进依法行政，持续深化“放管服”改革，全年精简行政许可事项12项。"
    ]
    first = "2023年，青溪县人民政府坚持以习近平法治思想为指导，全面推进依法行政，持续深化"
    assert list(result[0].lines) == [1] * len(first) + [5] * len("“放管服”改革，全年精简行政许可事项12项。")


def test_hard_wrapped_paragraph_is_rejoined():
    text = (
        "全县各级行政机关认真落实重大行政决策程序规定，严格履行公众参与、专家\n"
        "论证、风险评估、合法性审查和集体讨论决定程序，全年作出重大行政决策\n"
        "6项，未发生因决策失误引发的群体性事件。\n"
    )
    result = normalise(split_lines(text)).paragraphs
    assert len(result) == 1
    assert result[0].text.startswith("全县各级行政机关")
    assert "专家论证" in result[0].text and "决策6项" in result[0].text
    assert sorted(set(result[0].lines)) == [1, 2, 3]


def test_line_ending_with_sentence_punctuation_is_not_joined():
    text = "全年办理行政复议案件45件，依法纠错4件，纠错率为8.9%。\n全年办理行政应诉案件32件，行政机关负责人出庭应诉率100%。\n"
    assert len(paragraphs(text)) == 2


@pytest.mark.parametrize(
    "heading",
    [
        "一、主要举措和成效",
        "（一）坚持依法全面履行政府职能持续优化法治化营商环境",
        "健全制度机制，不断提升行政决策水平",
    ],
)
def test_heading_line_is_not_joined_with_body(heading):
    body = "全年制定行政规范性文件11件，均经合法性审核后按规定报送备案审查。"
    assert paragraphs(f"{heading}\n{body}\n") == [heading, body]


def test_long_body_line_is_not_joined_with_next_numbered_heading():
    text = "全年制定行政规范性文件11件，均经合法性审核后按规定报送备案审查，做到有件必备\n（二）规范行政执法\n"
    assert paragraphs(text) == ["全年制定行政规范性文件11件，均经合法性审核后按规定报送备案审查，做到有件必备", "（二）规范行政执法"]


def test_title_ending_with_report_is_not_joined_with_salutation():
    text = "青溪县人民政府关于2023年度法治政府建设工作情况的报告\n市政府：\n"
    assert paragraphs(text) == ["青溪县人民政府关于2023年度法治政府建设工作情况的报告", "市政府："]


def test_title_ending_with_report_is_not_joined_with_a_following_long_line():
    text = "青溪县人民政府关于2023年度法治政府建设工作情况的报告\n根据县人大常委会年度监督工作计划安排现将有关情况报告如下\n"
    assert len(paragraphs(text)) == 2


def test_salutation_is_not_joined_even_after_a_long_unfinished_line():
    text = "青溪县人民政府关于2023年度法治政府建设工作情况的报告（征求意见稿）\n县人大常委会：\n"
    assert paragraphs(text) == ["青溪县人民政府关于2023年度法治政府建设工作情况的报告（征求意见稿）", "县人大常委会："]


def test_markdown_heading_line_is_never_joined():
    source = [
        SourceLine(1, "全年制定行政规范性文件11件，均经合法性审核后按规定报送备案审查，做到有件必备"),
        SourceLine(2, "二、存在的不足", heading_level=2),
    ]
    result = normalise(source).paragraphs
    assert [(paragraph.text, paragraph.heading_level) for paragraph in result] == [
        ("全年制定行政规范性文件11件，均经合法性审核后按规定报送备案审查，做到有件必备", None),
        ("二、存在的不足", 2),
    ]


# ---------------------------------------------------------------- the character → line map

REALISTIC = """索引号：QX-00123-2024-000045
发布机构：青溪县人民政府办公室
发布日期：2024-03-15
【打印本页】【关闭窗口】

青溪县人民政府关于2023年度法治政府建设工作情况的报告

市政府：
\u3000\u30002023 年，青溪县人民政府在市委、市政府的坚强领导下，坚持以习近平法治思想为指导，全面推进
依法行政，加快建设职能科学、权责法定、执法严明、公开公正、智能高效、廉洁诚信、人民满意的法治
政府。现将有关情况报告如下。
一、２０２３年主要举措和成效
(一)深化“放管服”改革。全年精简行政许可事项 １２ 项，新增“一件事”集成服务 15 项，政务服务事项
网上可办率达到 98.6%，

\f

全年办理各类政务服务事项 1,448,000 件，群众满意度持续提升。
（二）规范行政执法。组织执法人员参加 Legal English 培训 3 期，开展行政执法案卷评查
\t2 次，评查案卷 186 卷，发现并整改问题 23 个；**二是**落实行政执法公示制度，公示执法信息 2,315 条，
重大执法决定法制审核 112 件。
（三）化解矛盾纠纷。全年受理行政复议案件 45 件，审结 43 件，依法纠错 4 件，纠错率 ９.３％；行政机关

负责人出庭应诉 28 次，出庭应诉率 100％。
二、存在的不足
一是部分执法人员运用法治思维和法治方式解决问题的能力还不够强，基层执法力量较为薄弱；二是规范性
文件备案审查工作的及时性有待进一步提高。
扫一扫在手机上查看当前页面
青溪县人民政府
2024年2月28日
"""


def cleaned_source_line(text: str) -> str:
    return normalise_chars(text).replace(" ", "")


def test_every_character_maps_to_a_source_line_containing_it():
    source = split_lines(REALISTIC)
    by_number = {line.number: line.text for line in source}
    result = normalise(source)
    assert len(result.paragraphs) >= 10
    checked = 0
    for paragraph in result.paragraphs:
        assert len(paragraph.lines) == len(paragraph.text)
        for index, char in enumerate(paragraph.text):
            if char == " ":
                continue
            origin = cleaned_source_line(by_number[paragraph.lines[index]])
            assert char in origin, (paragraph.text, index, paragraph.lines[index])
            checked += 1
    assert checked > 400


def test_runs_of_characters_from_one_line_appear_in_that_line_in_order():
    source = split_lines(REALISTIC)
    by_number = {line.number: line.text for line in source}
    for paragraph in normalise(source).paragraphs:
        assert list(paragraph.lines) == sorted(paragraph.lines)  # lines only move forward
        runs: dict[int, str] = {}
        for char, number in zip(paragraph.text, paragraph.lines):
            runs[number] = runs.get(number, "") + char
        for number, run in runs.items():
            assert run.replace(" ", "") in cleaned_source_line(by_number[number]).replace("*", ""), (number, run)


def test_realistic_text_paragraphs_and_their_lines():
    result = normalise(split_lines(REALISTIC))
    assert result.page_meta["发布机构"] == "青溪县人民政府办公室"
    spans = [(paragraph.text[:8], paragraph.lines[0], paragraph.lines[-1]) for paragraph in result.paragraphs]
    assert spans == [
        ("青溪县人民政府关", 6, 6),
        ("市政府：", 8, 8),
        ("2023年，青溪", 9, 11),
        ("一、2023年主", 12, 12),
        ("（一）深化“放管", 13, 18),
        ("（二）规范行政执", 19, 21),
        ("（三）化解矛盾纠", 22, 24),
        ("二、存在的不足", 25, 25),
        ("一是部分执法人员", 26, 27),
        ("青溪县人民政府", 29, 29),
        ("2024年2月2", 30, 30),
    ]
    by_start = {paragraph.text[:3]: paragraph for paragraph in result.paragraphs}
    assert "1,448,000件" in by_start["（一）"].text
    assert "二是落实行政执法公示制度，公示执法信息2,315条" in by_start["（二）"].text
    assert "Legal English培训3期" in by_start["（二）"].text
    assert "纠错率9.3%；行政机关负责人出庭应诉28次" in by_start["（三）"].text


def test_line_of_a_character_after_a_page_break():
    result = normalise(split_lines(REALISTIC))
    paragraph = next(p for p in result.paragraphs if p.text.startswith("（一）"))
    assert paragraph.line_at(paragraph.text.index("网上可办率")) == 14
    assert paragraph.line_at(paragraph.text.index("1,448,000")) == 18
    assert paragraph.line_at(paragraph.text.index("群众满意度")) == 18


def test_line_at_clamps_to_the_paragraph():
    lines = LineMap(3, 4)
    lines.extend(LineMap(4, 4))
    paragraph = Paragraph("全年开展普法活动", lines)
    assert list(paragraph.lines) == [3, 3, 3, 3, 4, 4, 4, 4]
    assert paragraph.first_line == 3
    assert paragraph.line_at(-5) == 3
    assert paragraph.line_at(4) == 4
    assert paragraph.line_at(100) == 4


def test_hard_wrapped_yishi_item_is_rejoined():
    # 一是 starts an item, never a heading line, so a 28-character wrapped line continues.
    text = "一是部分执法人员运用法治思维和法治方式解决问题的\n能力还不够强；二是规范性文件备案审查不够及时。\n"
    assert only(text) == "一是部分执法人员运用法治思维和法治方式解决问题的能力还不够强；二是规范性文件备案审查不够及时。"


def test_en_dash_becomes_the_chinese_range_dash():
    assert normalise_chars("（2021–2024年）") == "（2021—2024年）"
