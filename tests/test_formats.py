"""Reports as they really arrive: web pages, Word documents and PDFs give the verdicts of the text version.

Each sample report is built here as Markdown, a government web page, a Word document and a
PDF (tests/formats_build.py); the builders record where every text line went, so evidence
locations are checked against the builder's record, not against numbers written here.
"""

from __future__ import annotations

import html
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import formats_build
import pytest
from conftest import EXAMPLE, ROOT, SAMPLES

from checker.cli import main
from checker.common.chinese import fold_width as normalise_chars
from checker.common.errors import InputError
from checker.reading.readers import read_report
from checker.reading.readers.docx_numbering import chinese_number, format_number
from checker.run.pipeline import check
from checker.run.runner import expand_inputs

# Our own fictional reports: four that pass (one with weak and missing task areas) and one that fails.
SOURCES = {
    "example": EXAMPLE,
    "complete": SAMPLES / "complete.txt",
    "department": SAMPLES / "department.txt",
    "hollow": SAMPLES / "hollow_problems.txt",
    "unnumbered": SAMPLES / "unnumbered.txt",  # headings without numbers: what a wrapped line must not turn into
}
LONG_PARAGRAPH = "全年组织县政府常务会议会前学法12次，县政府常务会议研究部署法治政府建设工作5次，听取专题汇报4次。"
PDF_FOOTERS = {"example": "dash", "complete": "chinese", "department": "bare", "hollow": "dash", "unnumbered": "chinese"}
FORMATS = ("md", "html", "docx", "pdf")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[tuple[str, str], formats_build.Built]:
    """Every source in every format, built once for the module."""
    folder = tmp_path_factory.mktemp("formats")
    result = {}
    for name, source in SOURCES.items():
        result[name, "md"] = formats_build.write_markdown(source, folder / f"{name}.md")
        result[name, "html"] = formats_build.write_html(source, folder / f"{name}.html")
        result[name, "docx"] = formats_build.write_docx(source, folder / f"{name}.docx")
        result[name, "pdf"] = formats_build.write_pdf(source, folder / f"{name}.pdf", footer=PDF_FOOTERS[name])
    return result


@pytest.fixture(scope="module")
def results(built, national) -> dict[tuple[str, str], object]:
    """The check of every built file, and of each text source under the format "txt"."""
    checked = {(name, "txt"): check(source, national) for name, source in SOURCES.items()}
    checked.update({key: check(item.path, national) for key, item in built.items()})
    return checked


def statuses(result) -> dict[str, str]:
    return {element.element.id: element.status for element in result.elements}


def evidence(result, element_id: str):
    return next(element for element in result.elements if element.element.id == element_id).evidence


def compact(text: str) -> str:
    return re.sub(r"\s", "", text)


# ---------------------------------------------------------------- the same verdicts everywhere


def test_sources_cover_every_status(results):
    # Guard for the parity tests: they mean little if every element of every source were present.
    seen = {status for name in SOURCES for status in statuses(results[name, "txt"]).values()}
    assert seen == {"present", "weak", "missing"}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", SOURCES)
def test_every_format_gives_the_text_versions_verdicts(results, name, fmt):
    text, other = results[name, "txt"], results[name, fmt]
    assert statuses(other) == statuses(text)
    assert (other.verdict, other.score) == (text.verdict, text.score)
    assert other.metadata.year == text.metadata.year and other.metadata.date == text.metadata.date
    assert other.metadata.title == text.metadata.title and other.metadata.issuer == text.metadata.issuer


@pytest.mark.parametrize("fmt", ("md", "html", "docx"))
@pytest.mark.parametrize("name", SOURCES)
def test_evidence_points_at_the_same_text_in_the_built_file(results, built, name, fmt):
    text, other, where = results[name, "txt"], results[name, fmt], built[name, fmt].where
    for element in text.elements:
        found = evidence(other, element.element.id)
        assert len(found) == len(element.evidence)
        for expected, got in zip(element.evidence, found):
            assert got.line == where[expected.line], (element.element.id, expected.quote)
            assert (got.quote, got.matched, got.kind, got.page) == (expected.quote, expected.matched, expected.kind, None)


@pytest.mark.parametrize("name", SOURCES)
def test_pdf_evidence_is_on_the_page_where_its_text_was_drawn(results, built, name):
    text, pdf, item = results[name, "txt"], results[name, "pdf"], built[name, "pdf"]
    pages = item.pages
    drawn = {page: compact(normalise_chars("".join(t for p, t in item.drawn if p == page))) for page, _ in item.drawn}
    for element in text.elements:
        found = evidence(pdf, element.element.id)
        assert len(found) == len(element.evidence)
        for expected, got in zip(element.evidence, found):
            assert (got.matched, got.kind) == (expected.matched, expected.kind)
            assert compact(got.quote) in drawn[got.page]  # the quote stands on the page the evidence names
            if expected.kind == "heading":
                assert got.page == pages[expected.line][0]
            else:
                assert got.page in pages[expected.line]


@pytest.mark.parametrize("name", ("example", "complete"))
def test_problems_evidence_names_the_page_and_paragraph_of_its_heading(results, built, name):
    heading = evidence(results[name, "txt"], "problems")[0]
    assert heading.kind == "heading" and "存在的" in heading.quote
    pdf_heading = evidence(results[name, "pdf"], "problems")[0]
    assert pdf_heading.page == built[name, "pdf"].pages[heading.line][0] > 1
    docx_heading = evidence(results[name, "docx"], "problems")[0]
    assert docx_heading.line == built[name, "docx"].where[heading.line]
    assert results[name, "docx"].line_unit == "paragraph" and results[name, "pdf"].line_unit == "line"


# ---------------------------------------------------------------- HTML


def test_html_keeps_the_article_and_the_metadata_table_and_drops_the_site(built):
    source = read_report(built["complete", "html"].path)
    assert source.format == "html"
    texts = [line.text for line in source.lines]
    assert texts[:4] == [
        "索引号：11530000MB0000000X/2026-00012",
        "发布机构：青溪县人民政府",
        "文号：青政报〔2026〕3号",
        "发布日期：2026-03-05",
    ]
    page = "\n".join(texts)
    for furniture in ("无障碍", "首页", "当前位置", "分享到", "微信", "shareTitle", "扫码", "打印本页", "相关文章", "2024年度", "网站标识码", "统计代码", "浏览次数", "搜索"):
        assert furniture not in page
    body = [line.text for line in formats_build.parse(SOURCES["complete"])]
    assert [compact(text) for text in texts if not re.match("^(索引号|发布机构|文号|发布日期|有效性|主题分类)：", text)] == [
        compact(text) for text in body
    ]


def test_html_publication_date_reaches_the_metadata(results):
    assert results["complete", "html"].metadata.published == "2026-03-05"
    assert results["complete", "txt"].metadata.published is None


def test_html_line_numbers_are_source_lines_where_each_block_starts(built):
    item = built["example", "html"]
    source_lines = item.path.read_text("utf-8").splitlines()
    by_number = {}
    for line in read_report(item.path).lines:
        by_number.setdefault(line.number, []).append(line.text)
    for line in formats_build.parse(SOURCES["example"]):
        number = item.where[line.number]
        assert line.text in by_number[number]
        shown = html.unescape(re.sub("<[^>]*>", "", source_lines[number - 1]))  # the source line as a browser shows it
        assert compact(shown).startswith(compact(line.text)[:8])


def test_html_title_outside_the_article_is_taken_from_the_heading(tmp_path, national):
    item = formats_build.write_html(SOURCES["complete"], tmp_path / "page.html", with_title_in_body=False)
    title = formats_build.title_of(formats_build.parse(SOURCES["complete"]))
    first_body_line = next(line for line in read_report(item.path).lines if not line.text.startswith(("索引号", "发布", "文号", "有效性", "主题")))
    assert first_body_line.text == title
    assert item.path.read_text("utf-8").splitlines()[first_body_line.number - 1].strip().startswith('<h1 class="article-title">')
    result = check(item.path, national)
    assert result.metadata.title == title
    assert statuses(result) == statuses(check(SOURCES["complete"], national))


def test_html_in_gbk_minified_and_named_txt_gives_the_same_verdicts(tmp_path, national):
    expected = statuses(check(SOURCES["department"], national))
    page = formats_build.write_html(SOURCES["department"], tmp_path / "page.html", encoding="gbk").path
    assert b"charset=gbk" in page.read_bytes()
    minified = tmp_path / "minified.htm"
    minified.write_bytes(page.read_bytes().replace(b"\n", b""))
    saved_as_txt = tmp_path / "保存的网页.txt"
    saved_as_txt.write_bytes(page.read_bytes())
    for path in (page, minified, saved_as_txt):
        result = check(path, national)
        assert result.format == "html" and statuses(result) == expected and result.metadata.published == "2026-03-05"
    assert {line.number for line in read_report(minified).lines} == {1}


def test_html_metadata_table_inside_the_article_is_read_once(tmp_path, national):
    lines = formats_build.parse(SOURCES["complete"])
    paragraphs = "\n".join(f"<p>{line.text}</p>" for line in lines)
    page = tmp_path / "table_in_article.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>报告</title></head><body>\n<td class=\"main\">\n"
        "<table><tr><td>索引号：</td><td>11530000MB0000000X/2026-00012</td></tr>\n"
        "<tr><td><b>发文字号：</b></td><td>青政报〔2026〕3号</td><td>发布时间：2026-03-05 10:21 来源：县司法局</td></tr></table>\n"
        f"{paragraphs}\n</td></body></html>",
        "utf-8",
    )
    texts = [line.text for line in read_report(page).lines]
    assert texts[:3] == ["索引号：11530000MB0000000X/2026-00012", "文号：青政报〔2026〕3号", "发布日期：2026-03-05 10:21"]  # 来源 ends the value
    assert texts[3:] == [line.text for line in lines]
    result = check(page, national)
    assert result.metadata.published == "2026-03-05" and statuses(result) == statuses(check(SOURCES["complete"], national))


def test_html_without_any_tag_is_plain_text(tmp_path):
    path = tmp_path / "report.html"
    path.write_text("青溪县人民政府\n关于2025年度法治政府建设情况的报告\n", "utf-8")
    source = read_report(path)
    assert source.format == "text" and [line.number for line in source.lines] == [1, 2]


# ---------------------------------------------------------------- Word


def test_docx_heading_styles_and_list_numbers_become_levels_and_labels(built):
    item = built["example", "docx"]
    source = read_report(item.path)
    assert source.format == "docx" and source.line_unit == "paragraph"
    with zipfile.ZipFile(item.path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    by_number = {line.number: line for line in source.lines}
    for line in formats_build.parse(SOURCES["example"]):
        got = by_number[item.where[line.number]]
        assert got.text == line.text
        assert got.heading_level == {"title": 1, "heading": 2, "subheading": 3}.get(line.kind)
        if line.kind == "heading":
            assert line.text not in xml and line.text[2:] in xml  # "一、" is drawn by Word, not stored
    title = next(line.number for line in formats_build.parse(SOURCES["example"]) if line.kind == "title")
    assert [line.number for line in source.lines if not line.text] == [item.where[title] + 1]  # empty paragraphs count


def test_docx_table_cells_soft_breaks_and_tracked_changes(tmp_path, national):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("青溪县人民政府关于2025年度法治政府建设情况的报告")
    table = document.add_table(rows=1, cols=2)  # a report's figures often sit in a table
    table.rows[0].cells[0].paragraphs[0].text = "行政复议"
    table.rows[0].cells[1].paragraphs[0].text = "全年办理行政复议案件"
    table.rows[0].cells[1].add_paragraph("第二段")
    paragraph = table.rows[0].cells[1].paragraphs[0]
    paragraph._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="审核"><w:r><w:t>89件</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="审核"><w:r><w:delText>98件</w:delText></w:r></w:del>'))
    document.add_paragraph(LONG_PARAGRAPH)
    signature = document.add_paragraph("青溪县人民政府")
    signature.add_run().add_break()  # Shift+Enter: one paragraph, two lines
    signature.add_run("2026年2月12日")
    path = tmp_path / "table.docx"
    document.save(path)
    assert [(line.number, line.text) for line in read_report(path).lines] == [
        (1, "青溪县人民政府关于2025年度法治政府建设情况的报告"),
        (2, "行政复议"),
        (3, "全年办理行政复议案件89件"),
        (4, "第二段"),
        (5, LONG_PARAGRAPH),
        (6, "青溪县人民政府"),
        (6, "2026年2月12日"),
    ]
    assert check(path, national).metadata.date == "2026-02-12"


def test_docx_nested_list_numbers_restart_under_each_item(tmp_path):
    import docx

    document = docx.Document()
    num_id = formats_build.add_list(document, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")])
    for ilvl, text in [(0, "主要举措"), (1, "优化营商环境"), (2, "精简事项"), (2, "压缩时限"), (1, "规范执法"),
                       (0, "存在的不足"), (1, "决策程序"), (2, "公众参与")]:
        formats_build.number_paragraph(document.add_paragraph(text), num_id, ilvl)
    path = tmp_path / "list.docx"
    document.save(path)
    assert [line.text for line in read_report(path).lines] == [
        "一、主要举措", "（一）优化营商环境", "1.精简事项", "2.压缩时限", "（二）规范执法",
        "二、存在的不足", "（一）决策程序", "1.公众参与",
    ]


@pytest.mark.parametrize(
    ("value", "fmt", "label"),
    [(1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (12, "chineseCounting", "十二"),
     (20, "chineseCounting", "二十"), (35, "chineseCountingThousand", "三十五"), (3, "chineseLegalSimplified", "叁"),
     (2, "ideographTraditional", "乙"), (4, "decimalEnclosedCircle", "④"), (7, "decimalFullWidth", "７"),
     (14, "upperRoman", "XIV"), (28, "lowerLetter", "bb"), (5, "decimalZero", "05"), (9, "unknownFormat", "9")],
)
def test_word_number_formats(value, fmt, label):
    assert format_number(value, fmt) == label


def test_chinese_counting_matches_the_outline_numbering():
    from checker.common.chinese import numbering_rank

    for value in range(1, 31):
        assert numbering_rank(chinese_number(value) + "、主要举措") == (10, chinese_number(value) + "、")


# ---------------------------------------------------------------- PDF


@pytest.mark.parametrize("name", SOURCES)
def test_pdf_text_survives_whole_without_page_furniture(built, name):
    item = built[name, "pdf"]
    source = read_report(item.path)
    assert source.format == "pdf"
    numbers = [line.number for line in source.lines]
    assert numbers == sorted(set(numbers))
    assert compact("".join(line.text for line in source.lines)) == compact("".join(text for _, text in item.drawn))
    assert {line.page for line in source.lines} == {page for page, _ in item.drawn}
    for line in source.lines:  # each line's text was drawn on the page it names
        assert compact(line.text) in compact("".join(text for page, text in item.drawn if page == line.page))


def test_pdf_drops_running_headers_and_page_numbers_but_keeps_numbers_in_the_body(tmp_path):
    from reportlab.pdfgen import canvas

    font = formats_build.cjk_font()
    path = tmp_path / "furniture.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(formats_build.PAGE_WIDTH, formats_build.PAGE_HEIGHT))
    body = {1: ["一、主要举措和成效", "全年办理行政复议案件89件，纠错13件。"], 2: ["全年受理案件数：", "128", "二、存在的不足"], 3: ["三、下一步工作安排"]}
    for page, texts in body.items():
        pdf.setFont(font, 10.5)
        pdf.drawString(80, 800, "青溪县司法局文件")
        pdf.drawCentredString(297, 40, f"第 {page} 页 共 3 页")
        pdf.setFont(font, 16)
        for index, text in enumerate(texts):
            pdf.drawString(80, 700 - 30 * index, text)
        pdf.saveState()
        pdf.translate(300, 400)
        pdf.rotate(45)
        pdf.drawCentredString(0, 0, "内部资料注意保密")  # a watermark, not the report
        pdf.restoreState()
        pdf.showPage()
    pdf.save()
    source = read_report(path)
    assert [(line.page, line.text) for line in source.lines] == [(page, text) for page, texts in body.items() for text in texts]


def test_pdf_joins_a_title_over_two_lines_and_lines_cut_by_the_margin_but_not_separate_headings(tmp_path):
    from reportlab.pdfgen import canvas

    font = formats_build.cjk_font()
    path = tmp_path / "layout.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(formats_build.PAGE_WIDTH, formats_build.PAGE_HEIGHT))
    y = 740.0

    def draw(text: str, size: float, x: float = formats_build.LEFT, after: float = 1.8) -> None:
        nonlocal y
        pdf.setFont(font, size)
        pdf.drawString(x, y, text)
        y -= after * size

    draw("关于2025年度法治政府建设情况的", 22, after=1.3)
    draw("报告", 22, x=280, after=2.5)
    paragraph = "全年办理行政复议案件89件，纠错13件；发生行政诉讼案件64件，败诉4件。" * 4 + "对照上级要求和群众期盼，我县仍存在一些不足："
    for index, piece in enumerate(formats_build.wrap(paragraph, font, 16, 440)):
        draw(piece, 16, x=formats_build.LEFT + (32 if index == 0 else 0))
    draw("存在的不足", 20, after=3)
    draw("原因分析", 20)
    pdf.save()
    assert [line.text for line in read_report(path).lines] == [
        "关于2025年度法治政府建设情况的报告", paragraph, "存在的不足", "原因分析",
    ]
    assert formats_build.wrap(paragraph, font, 16, 440)[-1].endswith("：")  # the tail the normaliser would keep apart


def test_pdf_restricted_by_its_owner_only_is_read(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))  # shipped with reportlab, embedded with a Unicode map
    path = tmp_path / "restricted.pdf"
    pdf = canvas.Canvas(str(path), encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0, canModify=0))
    pdf.setFont("Vera", 12)
    pdf.drawString(72, 700, "Annual report on law-based government, 2025")
    pdf.drawString(72, 680, "Measures and results of the year.")
    pdf.save()
    assert [line.text for line in read_report(path).lines] == [
        "Annual report on law-based government, 2025",
        "Measures and results of the year.",
    ]


# ---------------------------------------------------------------- bad input: one line, exit 2


def _image_only_pdf(path: Path) -> None:
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    scan = Image.new("L", (600, 840), 255)
    draw = ImageDraw.Draw(scan)
    for top in range(100, 760, 28):
        draw.rectangle((60, top, 540, top + 12), fill=0)  # lines of "text" as a scanner sees them
    pdf = canvas.Canvas(str(path))
    for _ in range(2):
        pdf.drawImage(ImageReader(scan), 0, 0, 595, 842)
        pdf.showPage()
    pdf.save()


def _bad_inputs(folder: Path, built) -> dict[str, tuple[Path, str]]:
    """Files that cannot be checked, each with a fragment its one-line message must contain."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    pdf = built["complete", "pdf"].path.read_bytes()
    word = built["complete", "docx"].path.read_bytes()
    cases: dict[str, tuple[bytes | None, str]] = {
        "empty.docx": (b"", "为空"),
        "empty.pdf": (b"", "为空"),
        "binary.txt": (bytes(range(256)) * 8, "二进制"),
        "truncated.docx": (word[: len(word) // 2], "不完整"),
        "truncated.pdf": (pdf[: len(pdf) // 2], "不完整"),
        "not_a_pdf.pdf": ("青溪县人民政府关于2025年度法治政府建设情况的报告".encode("utf-8"), "不是 PDF"),
        "not_a_docx.docx": ("青溪县人民政府关于2025年度法治政府建设情况的报告".encode("utf-8"), "不是 Word"),
        "old_word.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "已损坏"),  # a .doc header and nothing else
        "encrypted.pdf": (None, "加密"),
        "scanned.pdf": (None, "扫描件"),
        "garbled.pdf": (None, "已加密（空密码可以打开）"),
        "unmapped.pdf": (None, "文字层无法还原为汉字"),
        "zip_not_word.docx": (None, "不是 Word"),
        "spreadsheet.docx": (None, "不是 Word"),
        "broken_xml.docx": (None, "已损坏"),
    }
    paths = {}
    for name, (data, fragment) in cases.items():
        path = folder / name
        if data is not None:
            path.write_bytes(data)
        paths[name] = (path, fragment)
    formats_build.write_pdf(SOURCES["complete"], folder / "encrypted.pdf", encrypt=StandardEncryption("123456", ownerPassword="owner"))
    # Glyph codes without a Unicode map: the font's encoding renamed Identity-H (same length, so offsets hold) leaves
    # only the CIDSystemInfo to map them; reportlab encrypts that with the wrong key, and "(GB1)" renamed leaves nothing.
    for name, password, renames in (("garbled.pdf", "", [(b"/UniGB-UCS2-H", b"/Identity-H  ")]),
                                    ("unmapped.pdf", None, [(b"/UniGB-UCS2-H", b"/Identity-H  "), (b"(GB1)", b"(XYZ)")])):
        options = {} if password is None else {"encrypt": StandardEncryption(password, ownerPassword="owner")}
        data = formats_build.write_pdf(SOURCES["complete"], folder / name, **options).path.read_bytes()
        for before, after in renames:
            assert before in data
            data = data.replace(before, after)
        (folder / name).write_bytes(data)
    _image_only_pdf(folder / "scanned.pdf")
    with zipfile.ZipFile(folder / "zip_not_word.docx", "w") as archive:
        archive.writestr("report.txt", "青溪县人民政府")
    with zipfile.ZipFile(folder / "spreadsheet.docx", "w") as archive:  # an .xlsx renamed
        archive.writestr("[Content_Types].xml", '<Types><Override PartName="/xl/workbook.xml" '
                         'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with zipfile.ZipFile(io.BytesIO(word)) as source, zipfile.ZipFile(folder / "broken_xml.docx", "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, data[: len(data) // 2] if info.filename == "word/document.xml" else data)
    return paths


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory, built) -> dict[str, tuple[Path, str]]:
    return _bad_inputs(tmp_path_factory.mktemp("bad"), built)


def test_bad_inputs_are_really_bad(bad_inputs):
    # Guard: each case fails in the reader, not because the file is missing.
    for path, _ in bad_inputs.values():
        assert path.is_file()
        with pytest.raises(InputError):
            read_report(path)


@pytest.mark.parametrize(
    "name",
    ["empty.docx", "empty.pdf", "binary.txt", "truncated.docx", "truncated.pdf", "not_a_pdf.pdf", "not_a_docx.docx",
     "old_word.doc", "encrypted.pdf", "scanned.pdf", "garbled.pdf", "unmapped.pdf", "zip_not_word.docx", "spreadsheet.docx",
     "broken_xml.docx"],
)
def test_bad_input_exits_2_with_one_chinese_line(bad_inputs, tmp_path, capsys, name):
    path, fragment = bad_inputs[name]
    code = main(["check", str(path), "--out", str(tmp_path)])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    assert str(path) in lines[0] and fragment in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_a_batch_reports_bad_files_and_checks_the_rest(bad_inputs, built, tmp_path, capsys):
    good = [SOURCES["complete"], built["complete", "html"].path, built["example", "docx"].path, built["example", "pdf"].path]
    bad = [path for path, _ in bad_inputs.values()]
    out = tmp_path / "out"
    code = main(["check", str(good[0]), *map(str, bad[:7]), *map(str, good[1:]), *map(str, bad[7:]), "--out", str(out), "-q"])
    captured = capsys.readouterr()
    assert code == 2
    errors = captured.err.strip().splitlines()
    assert len(errors) == len(bad) and "Traceback" not in captured.err
    assert all(any(str(path) in line for line in errors) for path in bad)
    assert len(list(out.glob("*.json"))) == len(good)  # same-named reports get their folder's name prepended


def test_word_package_that_unpacks_too_big_is_refused(built, monkeypatch):
    from checker.reading import archive as archive_module

    path = built["complete", "docx"].path
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    monkeypatch.setattr(archive_module, "MAX_UNPACKED_BYTES", unpacked - 1)
    with pytest.raises(InputError, match="解压后过大"):
        read_report(path)
    monkeypatch.setattr(archive_module, "MAX_UNPACKED_BYTES", unpacked)
    assert read_report(path).format == "docx"


def test_size_limit_is_checked_before_the_format(tmp_path, capsys):
    path = tmp_path / "huge.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(2 * 1024 * 1024))
    code = main(["check", str(path), "--max-size", "1", "--out", str(tmp_path / "out")])
    assert code == 2 and "文件过大" in capsys.readouterr().err


def test_pdf_repairs_are_not_printed(built, tmp_path, capfd):
    path = tmp_path / "no_mediabox.pdf"
    path.write_bytes(built["complete", "pdf"].path.read_bytes().replace(b"/MediaBox", b"/MediaBok"))  # same length: offsets hold
    assert main(["check", str(path), "--out", str(tmp_path / "out"), "-q"]) == 0
    assert capfd.readouterr().err == ""  # the file descriptor: PDFium is C, it would write past sys.stderr


# ---------------------------------------------------------------- detection and wiring


@pytest.mark.parametrize(("fmt", "suffix"), [("pdf", ".txt"), ("docx", ".txt"), ("html", ".md"), ("pdf", ".docx")])
def test_content_decides_the_format_not_the_name(built, tmp_path, fmt, suffix):
    path = tmp_path / f"renamed{suffix}"
    path.write_bytes(built["complete", fmt].path.read_bytes())
    assert read_report(path).format == fmt


def test_directories_include_every_report_format(built):
    folder = built["complete", "md"].path.parent
    found = {path.suffix for path in expand_inputs([str(folder)])}
    assert found == {".md", ".html", ".docx", ".pdf"}


def test_checking_text_does_not_import_the_format_libraries(tmp_path):
    code = (
        "import sys; from checker.cli import main; "
        f"main(['check', {str(EXAMPLE)!r}, '--out', {str(tmp_path)!r}, '-q']); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'docx', 'pypdfium2', 'lxml', 'reportlab', 'PIL'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr
