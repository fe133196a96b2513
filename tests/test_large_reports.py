"""What keeps a large report within memory (issue 11): compact line maps, and an HTML page that grows with the report.

The 20 MB figures themselves are measured by benchmarks/bench_large.py (docs/performance.md), never here.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLE

from checker.output.renderers import html_report
from checker.reading.normalise import LineMap, normalise
from checker.reading.readers.text import lines as split_lines
from checker.result import Evidence, Finding
from checker.run.checklists import load
from checker.run.pipeline import check
from checker.structure import outline

# A hard-wrapped paragraph (three lines, one sentence running over two of them), a second
# paragraph on one line, and a mirror site's watermark glued to the front of a line.
WRAPPED = (
    "青溪县司法局关于2025年度法治政府建设情况的报告\n"
    "县政府：\n"
    "2025年，县司法局围绕行政执法监督开展专项检查，全年评查行政执法案卷三百\n"
    "二十卷，发现问题四十六个，已全部督促整改到位；组织执法人员培训五期，\n"
    "参训人员达到六百余人次。\n"
    "全县行政复议案件受理量同比增长百分之十二，纠错率为百分之八。\n"
    "政务公开网 www.example.gov.cn青溪县持续推进政务公开标准化规范化建设工作。\n"
)


def _per_character(text: str) -> tuple[list[str], list[list[int]]]:
    """The paragraphs' texts and the line of each character, computed the old way: one entry per character."""
    paragraphs = normalise(split_lines(text)).paragraphs
    return [p.text for p in paragraphs], [list(p.lines) for p in paragraphs]


def test_line_map_of_a_rejoined_paragraph_names_each_characters_line():
    texts, maps = _per_character(WRAPPED)
    joined = next(index for index, text in enumerate(texts) if text.startswith("2025年，县司法局"))
    assert texts[joined].endswith("六百余人次。")
    first, second = len("2025年，县司法局围绕行政执法监督开展专项检查，全年评查行政执法案卷三百"), len("二十卷，发现问题四十六个，已全部督促整改到位；组织执法人员培训五期，")
    assert maps[joined] == [3] * first + [4] * second + [5] * len("参训人员达到六百余人次。")
    watermarked = next(index for index, text in enumerate(texts) if "政务公开标准化" in text)
    assert texts[watermarked].startswith("青溪县持续推进") and set(maps[watermarked]) == {7}


def test_a_quote_spans_only_its_own_line_of_a_rejoined_sentence():
    paragraphs = normalise(split_lines(WRAPPED)).paragraphs
    tree = outline.build(paragraphs)
    sentence = next(s for s in tree.sentences if "三百" in s.text)
    every = list(sentence.paragraph.lines)[sentence.start : sentence.start + len(sentence.text)]
    for line in sorted(set(every)):
        expected = (every.index(line), len(every) - every[::-1].index(line))
        assert sentence.paragraph.lines.span(line, sentence.start, sentence.start + len(sentence.text)) == expected
    start, end = sentence.paragraph.lines.span(4, sentence.start, sentence.start + len(sentence.text))
    assert sentence.text[start:end] == "二十卷，发现问题四十六个，已全部督促整改到位；"


def test_line_map_runs_behave_as_the_per_character_list():
    lines = LineMap(12, 5)
    lines.extend(LineMap(13, 3))
    lines.extend(LineMap(13, 2))  # the same line again continues its run
    lines.extend(LineMap(15, 4))
    expected = [12] * 5 + [13] * 5 + [15] * 4
    assert list(lines) == expected and len(lines) == len(expected)
    assert [lines[offset] for offset in range(-len(expected), len(expected))] == expected * 2
    assert lines.numbers == [12, 13, 15]
    assert list(lines.after(7)) == expected[7:] and list(lines.after(10)) == expected[10:]
    assert lines.span(13, 3, 12) == (2, 7) and lines.span(15, 0, 20) == (10, 20)  # past the end: the last line
    one = LineMap(7, 10)  # one line, as most paragraphs are: answered without walking the runs, the same way
    assert one.span(7, 2, 9) == (0, 7) and one.span(7, 8, 15) == (0, 7)
    for line, begin, end in [(8, 0, 10), (7, 5, 5)]:
        with pytest.raises(ValueError):
            one.span(line, begin, end)


def test_a_finding_on_thousands_of_lines_keeps_the_page_linear():
    """A finding naming every section links each of their lines: its tooltip is cut, its message shown once."""
    result = check(EXAMPLE, load("national"))
    sections = [f"（{number}）第{number}项工作" for number in range(1, 401)]
    message = "以下小节以表态为主，缺少数据和事例：" + "；".join(sections)
    lines = range(1, min(400, len(result.source_lines)) + 1)
    finding = Finding("content.substance", "substance", "warning", message, tuple(Evidence(n, (), "表态", "表态", "sentence") for n in lines))
    page = "".join(html_report.render(dataclasses.replace(result, findings=(finding,))))
    titles = re.findall(r'class="back-link" href="#finding-1" title="([^"]*)"', page)
    assert len(titles) == len(lines)
    assert all(len(title) <= html_report.TAG_TITLE_MAX_CHARS and title.endswith("…") for title in titles)
    assert page.count(message) == 1  # in the finding's card, in full


def _inflated_docx(tmp_path, extra: bytes):
    """Our sample as Word with ``extra`` XML appended to its body: a tiny file that inflates far."""
    pytest.importorskip("docx", reason="python-docx is not installed (pip install '.[test]')")
    import formats_build  # tests/ is on the path (conftest)

    base, out = tmp_path / "base.docx", tmp_path / "青溪县2025年度法治政府建设情况报告.docx"
    formats_build.write_docx(EXAMPLE, base)
    return formats_build.append_to_body(base, out, extra)


def _check_line(path) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-m", "checker", "check", str(path), "--output", "-", "-q"], capture_output=True, text=True, timeout=120)
    return done.returncode, done.stderr.strip()


def test_a_word_file_whose_xml_inflates_past_the_limit_is_refused_in_one_line(tmp_path):
    paragraph = "<w:p><w:r><w:t>全县共办理行政复议案件36件，依法纠错5件。</w:t></w:r></w:p>".encode()
    path = _inflated_docx(tmp_path, paragraph * (11 * 1024 * 1024 // len(paragraph)))
    assert path.stat().st_size < 1024 * 1024  # a small file: its size says nothing about its cost
    code, message = _check_line(path)
    assert code == 2 and "\n" not in message and "文字部分解压后有" in message and "上限 10 MB" in message, message


@pytest.mark.parametrize("empty", [b"<w:p/>", b'<p xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'])
def test_a_word_file_of_empty_paragraphs_past_the_limit_is_refused_in_one_line(tmp_path, empty):
    """Counted whatever prefix Word's namespace is given (python-docx reads them all the same)."""
    code, message = _check_line(_inflated_docx(tmp_path, empty * 100_001))
    assert code == 2 and "\n" not in message and "个段落（上限 100000）" in message, message


def test_a_long_word_report_within_the_limits_is_checked(tmp_path):
    paragraph = "<w:p><w:r><w:t>全县共办理行政复议案件36件，依法纠错5件。</w:t></w:r></w:p>".encode()
    code, message = _check_line(_inflated_docx(tmp_path, paragraph * 2000))
    assert code in (0, 1), message


def _dense_ofd(path: Path, pages: int, codes_per_page: int) -> Path:
    """An OFD of ``pages`` pages each drawing ``codes_per_page`` long text codes: a small file whose XML inflates far."""
    import formats_build

    ns = formats_build.OFD_NS
    code = (f'<ofd:TextObject ID="1" Boundary="0 0 100 10" Size="3.5"><ofd:TextCode X="0" Y="3.5">'
            f'{"全县共办理行政复议案件36件，依法纠错5件。" * 20}</ofd:TextCode></ofd:TextObject>')
    page_list = "".join(f'<ofd:Page ID="{n}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(pages))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("OFD.xml", f'<ofd:OFD xmlns:ofd="{ns}"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        package.writestr("Doc_0/Document.xml", f'<ofd:Document xmlns:ofd="{ns}"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297'
                         f"</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>{page_list}</ofd:Pages></ofd:Document>")
        content = f'<ofd:Page xmlns:ofd="{ns}"><ofd:Content><ofd:Layer ID="2">{code * codes_per_page}</ofd:Layer></ofd:Content></ofd:Page>'
        for number in range(pages):
            package.writestr(f"Doc_0/Pages/Page_{number}/Content.xml", content)
    return path


def test_an_ofd_page_whose_xml_inflates_past_the_limit_is_refused_before_it_is_parsed(tmp_path):
    # Before, this small file's one 43 MB page was parsed whole; a 137 MB page took 670 MB (docs/performance.md).
    path = _dense_ofd(tmp_path / "一页.ofd", 1, 30_000)
    assert path.stat().st_size < 1024 * 1024
    code, message = _check_line(path)
    assert code == 2 and "\n" not in message and "Page_0/Content.xml 解压后有" in message and "上限 8 MB" in message, message


def test_an_ofd_holding_more_text_than_the_limit_is_refused_in_one_line(tmp_path):
    # 10 pages of 2.9 MB XML each (within the part limit and the package's 200 MB): 8.8 million characters, more than
    # a 20 MB .txt holds. Before, such a file was read whole: 46 million characters peaked at 734 MB.
    path = _dense_ofd(tmp_path / "多页.ofd", 10, 2_000)
    code, message = _check_line(path)
    assert code == 2 and "\n" not in message and "文字超过 500 万字" in message, message


# Word XML as Word writes it (w: prefix, properties whose tag starts with p) and as another
# tool may (the namespace unprefixed), with DrawingML's a:p inside: every kind of start tag.
_BODY_XML = (
    '<w:body><w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>一、主要工作</w:t></w:r></w:p>'
    '<w:p/><p xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><r><t>全县共办理行政复议案件36件。</t></r></p>'
    '<w:p w:rsidR="00AB"><w:r><w:drawing><a:p><a:r><a:t>图</a:t></a:r></a:p></w:drawing></w:r></w:p>'
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>青溪县人民政府</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body>'
).encode()


def test_word_paragraphs_are_counted_the_same_whatever_the_chunk_edges():
    """The body is counted as it is inflated: a tag cut anywhere by a chunk's edge counts once, a w:pPr never."""
    from checker.reading.readers import docx

    whole = sum(1 for _ in docx._PARAGRAPH_TAG.finditer(_BODY_XML))
    assert whole == 6
    for size in range(1, len(_BODY_XML) + 1):
        counted = docx._ParagraphCount()
        for start in range(0, len(_BODY_XML), size):
            counted.feed(_BODY_XML[start : start + size])
        assert counted.count == whole, size


def test_a_word_body_that_inflates_past_its_declared_size_is_refused_while_counted(tmp_path):
    """The count reads the body as it is inflated, so a body declaring less than it holds stops there, in one line."""
    base = _inflated_docx(tmp_path, b"<w:p/>" * 10)
    forged = tmp_path / "forged.docx"
    with zipfile.ZipFile(base) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    with zipfile.ZipFile(forged, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    raw = bytearray(forged.read_bytes())
    body = parts["word/document.xml"]
    # Declare 100 bytes for the body in both headers (local and central): a bomb's lie about its size.
    for header, size_offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := raw.find(header, at)) >= 0:
            name_at = at + (30 if header == b"PK\x03\x04" else 46)
            if raw[name_at : name_at + len("word/document.xml")] == b"word/document.xml":
                raw[at + size_offset : at + size_offset + 4] = (100).to_bytes(4, "little")
            at += 4
    forged.write_bytes(bytes(raw))
    assert len(body) > 100
    code, message = _check_line(forged)
    assert code == 2 and "\n" not in message and "word/document.xml" in message and "不符" in message, message


# Headings in every place the block parser nests them, and setext underlines after a paragraph
# that found none (markdown-it-py then leaves its parent type at "paragraph").
_TRICKY_MARKDOWN = """# 青溪县2025年度法治政府建设情况报告

全县共办理行政复议案件36件，
依法纠错5件。

一、主要工作
==========

> ## 引用中的标题
> 正文

- # 列表项中的标题
  继续

  二级小节
  --------

1. 项目

   ### 有序列表中的标题

```
# 代码块中的井号不是标题
```

    # 缩进代码也不是

<div>

## 网页块之后的标题
</div>

二、存在的问题
--------
"""


def test_markdown_headings_read_block_by_block_are_those_of_a_whole_parse():
    """The reader drops markdown-it-py's tokens as each top-level block ends; it must see every heading a whole parse does."""
    from markdown_it import MarkdownIt

    from checker.reading.readers.markdown import lines as markdown_lines

    text = _TRICKY_MARKDOWN * 3
    expected = {}
    for token in MarkdownIt("commonmark").parse(text):
        if token.type == "heading_open":
            start, end = token.map
            expected[end - 2 if token.markup.startswith(("=", "-")) else start] = int(token.tag[1])
    got = {index: line.heading_level for index, line in enumerate(markdown_lines(text)) if line.heading_level is not None}
    assert got == expected
    assert len(expected) == 3 * 8  # the code block and the indented line are no headings
