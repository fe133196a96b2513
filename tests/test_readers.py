"""Readers: byte decoding, line numbering and Markdown block structure."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from checker.common.errors import InputError
from checker.reading.readers import markdown as markdown_reader
from checker.reading.readers import read_report
from checker.reading.source import SourceLine

REPORT = (
    "青溪县人民政府关于2023年度法治政府建设工作情况的报告\n"
    "市政府：\n"
    "一、主要举措和成效\n"
    "全年办理行政复议案件45件，纠错率为8.9%。\n"
)
REPORT_LINES = REPORT.splitlines()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def texts(source) -> list[str]:
    return [line.text for line in source.lines]


def numbers(source) -> list[int]:
    return [line.number for line in source.lines]


def assert_one_line_error(excinfo: pytest.ExceptionInfo, path: Path) -> str:
    message = str(excinfo.value)
    assert "\n" not in message and "\r" not in message
    assert str(path) in message
    return message


# ---------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    "name, data",
    [
        ("utf8.txt", REPORT.encode("utf-8")),
        ("utf8_bom.txt", codecs.BOM_UTF8 + REPORT.encode("utf-8")),
        ("utf16.txt", REPORT.encode("utf-16")),  # writes a BOM in native order
        ("utf16_le.txt", codecs.BOM_UTF16_LE + REPORT.encode("utf-16-le")),
        ("utf16_be.txt", codecs.BOM_UTF16_BE + REPORT.encode("utf-16-be")),
        ("gb18030.txt", REPORT.encode("gb18030")),
        ("gbk.txt", REPORT.encode("gbk")),
    ],
)
def test_decodes_supported_encodings(tmp_path, name, data):
    source = read_report(write(tmp_path, name, data))
    assert source.format == "text"
    assert texts(source) == REPORT_LINES
    assert numbers(source) == [1, 2, 3, 4]


def test_utf8_bom_is_not_part_of_the_first_line(tmp_path):
    source = read_report(write(tmp_path, "bom.txt", codecs.BOM_UTF8 + REPORT.encode("utf-8")))
    assert source.lines[0].text.startswith("青溪县")
    assert "\ufeff" not in source.lines[0].text


def test_gbk_bytes_are_really_not_utf8():
    # Guard for the test above: the GBK case must exercise the fallback, not the UTF-8 path.
    with pytest.raises(UnicodeDecodeError):
        REPORT.encode("gbk").decode("utf-8")


def test_crlf_line_endings_keep_line_numbers(tmp_path):
    source = read_report(write(tmp_path, "crlf.txt", REPORT.replace("\n", "\r\n").encode("utf-8")))
    assert texts(source) == REPORT_LINES
    assert numbers(source) == [1, 2, 3, 4]
    assert all("\r" not in line.text for line in source.lines)


def test_lone_cr_line_endings_keep_line_numbers(tmp_path):
    source = read_report(write(tmp_path, "cr.txt", REPORT.replace("\n", "\r").encode("utf-8")))
    assert texts(source) == REPORT_LINES
    assert numbers(source) == [1, 2, 3, 4]


def test_mixed_line_endings_and_blank_lines_are_counted(tmp_path):
    data = "第一行内容\r\n\r\n第三行内容\r第四行内容\n\n第六行内容".encode("utf-8")
    source = read_report(write(tmp_path, "mixed.txt", data))
    by_number = {line.number: line.text for line in source.lines}
    assert by_number == {1: "第一行内容", 2: "", 3: "第三行内容", 4: "第四行内容", 5: "", 6: "第六行内容"}


def test_form_feed_does_not_start_a_new_line(tmp_path):
    data = "一、主要举措和成效\n全年开展普法活动86场，\f覆盖群众3.2万人次。\n二、存在的不足\n".encode("utf-8")
    source = read_report(write(tmp_path, "ff.txt", data))
    assert numbers(source) == [1, 2, 3]
    assert source.lines[1].text == "全年开展普法活动86场，\f覆盖群众3.2万人次。"
    assert source.lines[2].text == "二、存在的不足"


def test_form_feed_alone_on_a_line_is_one_line(tmp_path):
    data = "全年开展普法活动86场，\n\f\n覆盖群众3.2万人次。\n".encode("utf-8")
    source = read_report(write(tmp_path, "ff2.txt", data))
    assert [(line.number, line.text) for line in source.lines] == [
        (1, "全年开展普法活动86场，"),
        (2, "\f"),
        (3, "覆盖群众3.2万人次。"),
    ]


def test_other_unicode_separators_do_not_split_lines(tmp_path):
    # str.splitlines would split on these; editors do not.
    data = "青溪县\x0b人民政府\x1c报告\u2028全文\n第二行\n".encode("utf-8")
    source = read_report(write(tmp_path, "sep.txt", data))
    assert numbers(source) == [1, 2]
    assert source.lines[1].text == "第二行"


# ---------------------------------------------------------------- refusals


def test_nul_bytes_are_refused(tmp_path):
    path = write(tmp_path, "binary.txt", "青溪县人民政府".encode("utf-8") + b"\x00\x01\x02" + "报告".encode("utf-8"))
    with pytest.raises(InputError) as excinfo:
        read_report(path)
    assert "NUL" in assert_one_line_error(excinfo, path)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read_in_the_byte_order_that_gives_chinese(tmp_path, encoding):
    # Issue 13/11: this used to be refused as "binary data"; the byte order that reads as Chinese wins.
    source = read_report(write(tmp_path, "utf16_nobom.txt", REPORT.encode(encoding)))
    assert texts(source) == REPORT_LINES


def test_binary_with_nul_bytes_in_even_length_is_still_binary(tmp_path):
    data = bytes(range(256)) * 4  # decodes as UTF-16 in both orders, but not into Chinese text
    path = write(tmp_path, "blob.txt", data)
    with pytest.raises(InputError) as excinfo:
        read_report(path)
    assert "NUL" in assert_one_line_error(excinfo, path)


UNDECODABLE = [
    "青溪县人民政府".encode("utf-8") + b"\xff\xfd" + "报告".encode("utf-8"),
    b"report \x80\xff\xfe\xfd end",
    "法治政府".encode("gb18030") + b"\xff",
]


@pytest.mark.parametrize("data", UNDECODABLE)
def test_undecodable_bytes_really_fail_both_codecs(data):
    assert not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    assert b"\x00" not in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb18030")


@pytest.mark.parametrize("data", UNDECODABLE)
def test_undecodable_bytes_are_refused(tmp_path, data):
    path = write(tmp_path, "garbage.txt", data)
    with pytest.raises(InputError) as excinfo:
        read_report(path)
    message = assert_one_line_error(excinfo, path)
    assert "UTF-8" in message and "GB18030" in message


def test_utf16_bom_with_broken_content_is_refused(tmp_path):
    data = b"\xff\xfe\xfd"  # a UTF-16 LE BOM, then an odd trailing byte
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-16")
    path = write(tmp_path, "broken16.txt", data)
    with pytest.raises(InputError) as excinfo:
        read_report(path)
    assert "UTF-16" in assert_one_line_error(excinfo, path)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\t\r\n  \r",
        "\u3000\u3000\n\u3000\n".encode("utf-8"),
        codecs.BOM_UTF8,
        codecs.BOM_UTF8 + b"\n\n",
        "\n \n".encode("utf-16"),
        "\u3000 \n".encode("gb18030"),
    ],
)
def test_empty_or_whitespace_only_file_is_refused(tmp_path, data):
    path = write(tmp_path, "empty.txt", data)
    with pytest.raises(InputError) as excinfo:
        read_report(path)
    assert "为空" in assert_one_line_error(excinfo, path)


def test_missing_file_is_refused(tmp_path):
    path = tmp_path / "no_such_report.txt"
    with pytest.raises(InputError) as excinfo:
        read_report(path)
    assert "不存在" in assert_one_line_error(excinfo, path)


def test_missing_file_in_missing_directory_is_refused(tmp_path):
    path = tmp_path / "nowhere" / "report.md"
    with pytest.raises(InputError) as excinfo:
        read_report(path)
    assert_one_line_error(excinfo, path)


def test_directory_is_refused(tmp_path):
    folder = tmp_path / "reports.txt"
    folder.mkdir()
    with pytest.raises(InputError) as excinfo:
        read_report(folder)
    assert "目录" in assert_one_line_error(excinfo, folder)


# ---------------------------------------------------------------- Markdown

MARKDOWN = """# 青溪县2023年度法治政府建设情况报告

青溪县人民政府

## 一、主要举措和成效

### （一）深化“放管服”改革 ###

- 全年精简行政许可事项12项
* 新增“一件事”集成服务15项
+ 政务服务事项网上可办率达到98.6%

> 群众满意度持续提升。

存在的不足
==========

部分执法人员法治意识还不够强。

下一年度工作安排
----------------

```
# 这是代码块里的一行，不是标题
## 也不是
```

    # 缩进代码块也不是标题
"""


@pytest.fixture
def markdown_source(tmp_path):
    return read_report(write(tmp_path, "report.md", MARKDOWN.encode("utf-8")))


def line(source, number: int) -> SourceLine:
    found = [item for item in source.lines if item.number == number]
    assert len(found) == 1
    return found[0]


def test_markdown_suffix_selects_markdown_reader(tmp_path, markdown_source):
    assert markdown_source.format == "markdown"
    assert read_report(write(tmp_path, "report.markdown", MARKDOWN.encode("utf-8"))).format == "markdown"
    assert read_report(write(tmp_path, "REPORT.MD", MARKDOWN.encode("utf-8"))).format == "markdown"
    assert read_report(write(tmp_path, "report.txt", MARKDOWN.encode("utf-8"))).format == "text"


def test_markdown_keeps_every_line_number(markdown_source):
    assert numbers(markdown_source) == list(range(1, len(MARKDOWN.splitlines()) + 1))


def test_markdown_atx_headings_get_levels_and_lose_marks(markdown_source):
    assert line(markdown_source, 1) == SourceLine(1, "青溪县2023年度法治政府建设情况报告", 1)
    assert line(markdown_source, 5) == SourceLine(5, "一、主要举措和成效", 2)
    assert line(markdown_source, 7) == SourceLine(7, "（一）深化“放管服”改革", 3)  # closing ### removed


def test_markdown_plain_lines_have_no_heading_level(markdown_source):
    assert line(markdown_source, 3) == SourceLine(3, "青溪县人民政府", None)
    assert line(markdown_source, 18) == SourceLine(18, "部分执法人员法治意识还不够强。", None)


def test_markdown_setext_headings(markdown_source):
    assert line(markdown_source, 15) == SourceLine(15, "存在的不足", 1)
    assert line(markdown_source, 16).text == ""  # the ==== underline is not text
    assert line(markdown_source, 16).heading_level is None
    assert line(markdown_source, 20) == SourceLine(20, "下一年度工作安排", 2)
    assert line(markdown_source, 21).text == ""


def test_markdown_list_and_quote_markers_are_stripped(markdown_source):
    assert line(markdown_source, 9).text == "全年精简行政许可事项12项"
    assert line(markdown_source, 10).text == "新增“一件事”集成服务15项"
    assert line(markdown_source, 11).text == "政务服务事项网上可办率达到98.6%"
    assert line(markdown_source, 13).text == "群众满意度持续提升。"
    assert all(item.heading_level is None for item in markdown_source.lines[8:13])


def test_markdown_code_is_not_a_heading(markdown_source):
    fenced = line(markdown_source, 24)
    assert fenced.text == "# 这是代码块里的一行，不是标题"
    assert fenced.heading_level is None
    assert line(markdown_source, 25).heading_level is None
    indented = line(markdown_source, 28)
    assert indented.text.strip() == "# 缩进代码块也不是标题"
    assert indented.heading_level is None
    headed = [item.number for item in markdown_source.lines if item.heading_level is not None]
    assert headed == [1, 5, 7, 15, 20]


def test_markdown_heading_levels_survive_crlf_and_cr(tmp_path):
    text = "# 青溪县报告\n\n## 一、主要举措\n\n正文内容。\n\n### （一）带头学法\n"
    for name, newline in (("crlf.md", "\r\n"), ("cr.md", "\r")):
        source = read_report(write(tmp_path, name, text.replace("\n", newline).encode("utf-8")))
        assert [(item.number, item.heading_level) for item in source.lines if item.heading_level] == [
            (1, 1),
            (3, 2),
            (7, 3),
        ]
        assert line(source, 5) == SourceLine(5, "正文内容。", None)


def test_markdown_hash_without_space_is_text():
    lines = markdown_reader.lines("#青溪县 不是标题\n\n## 是标题\n")
    assert lines[0] == SourceLine(1, "#青溪县 不是标题", None)
    assert lines[2] == SourceLine(3, "是标题", 2)


def test_paragraph_directly_above_a_setext_heading_stays_body_text():
    from checker.reading.readers.markdown import lines as markdown_lines

    got = markdown_lines("## 一、主要举措\n\n全年开展执法培训3次，培训执法人员420人次。\n二、存在的不足\n--------\n")
    assert [(line.number, line.text, line.heading_level) for line in got] == [
        (1, "一、主要举措", 2),
        (2, "", None),
        (3, "全年开展执法培训3次，培训执法人员420人次。", None),
        (4, "二、存在的不足", 2),
        (5, "", None),
    ]
