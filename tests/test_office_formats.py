"""Every file an office sends: .doc and .wps binaries, OFD, scans, legacy encodings, and what a draft still hides.

The .doc/.wps/.ofd fixtures are built from our own sample reports by tests/fixtures/build_fixtures.py
(LibreOffice for the Word binaries, formats_build.write_ofd for OFD) and committed; each must give the
verdicts of the text version. Hostile packages (a ZIP bomb that lies about its size) are generated here
and checked in a subprocess with a hang guard; no large file is committed.
"""

from __future__ import annotations

import io
import json
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import formats_build
import pytest
from conftest import EXAMPLE, ROOT, SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.common.errors import InputError, RolcheckError
from checker.reading.readers import ocr, read_report
from checker.run.pipeline import check

FIXTURES = ROOT / "tests" / "fixtures"
SOURCES = {
    "example": EXAMPLE,
    "complete": SAMPLES / "complete.txt",
    "department": SAMPLES / "department.txt",
    "hollow": SAMPLES / "hollow_problems.txt",
    "unnumbered": SAMPLES / "unnumbered.txt",
}
HANG_GUARD = 120  # seconds: a guard against hanging, not a speed assertion


def statuses(result) -> dict[str, str]:
    return {element.element.id: element.status for element in result.elements}


@pytest.fixture(scope="module")
def text_results(national):
    return {name: check(source, national) for name, source in SOURCES.items()}


# ---------------------------------------------------------------- the same verdicts as the text


@pytest.mark.parametrize("fmt", ["doc", "wps", "ofd"])
@pytest.mark.parametrize("name", SOURCES)
def test_office_formats_give_the_text_versions_verdicts(text_results, national, name, fmt):
    text, other = text_results[name], check(FIXTURES / f"{name}.{fmt}", national)
    assert other.format == fmt
    assert statuses(other) == statuses(text)
    assert (other.verdict, other.score) == (text.verdict, text.score)
    for field in ("title", "issuer", "year", "date"):
        assert getattr(other.metadata, field) == getattr(text.metadata, field), field


def test_the_parity_samples_cover_every_status(text_results):
    assert {status for result in text_results.values() for status in statuses(result).values()} == {"present", "weak", "missing"}


def test_doc_paragraphs_are_numbered_and_headings_keep_their_style_level():
    source = read_report(FIXTURES / "complete.doc")
    assert source.format == "doc" and source.line_unit == "paragraph"
    headings = [line for line in source.lines if line.heading_level == 2]  # Heading 1 (标题 1) → level 2, as for .docx
    # the automatic 一、 numbering is computed from the list tables, as Word draws it
    assert [line.text for line in headings][:2] == ["一、2025年法治政府建设主要举措和成效", "二、党政主要负责人履行推进法治建设第一责任人职责情况"]
    numbers = [line.number for line in source.lines]
    assert numbers == sorted(numbers) and numbers[0] == 1
    assert source.lines[-1].text == "2026年1月20日"  # the signature table's cells are read, in order


@pytest.mark.parametrize("fmt", ["doc", "ofd"])
def test_evidence_quotes_are_the_text_versions(text_results, national, fmt):
    text, other = text_results["example"], check(FIXTURES / f"example.{fmt}", national)
    for element in text.elements:
        mine = next(e for e in other.elements if e.element.id == element.element.id)
        assert [(item.kind, item.matched) for item in mine.evidence] == [(item.kind, item.matched) for item in element.evidence]
        headings = [item.quote for item in element.evidence if item.kind == "heading"]
        assert headings == [item.quote for item in mine.evidence if item.kind == "heading"], element.element.id


def test_ofd_reads_pages_drops_template_header_and_page_numbers_and_takes_its_metadata(national):
    source = read_report(FIXTURES / "complete.ofd")
    texts = [line.text for line in source.lines]
    assert source.format == "ofd" and source.title == formats_build.title_of(formats_build.parse(SOURCES["complete"]))
    assert texts[:2] == ["发布机构：青溪县人民政府", "发布日期：2026-03-05"]  # CustomData 发文机关 named as the web pages name it
    assert "青溪县人民政府文件" not in texts and not any(text.startswith("- ") for text in texts)
    assert max(line.page or 0 for line in source.lines) >= 2
    result = check(FIXTURES / "complete.ofd", national)
    assert result.metadata.published == "2026-03-05"
    problems = next(element for element in result.elements if element.element.id == "problems")
    assert problems.evidence and all(item.page for item in problems.evidence)


def test_ofd_title_in_docinfo_stands_in_when_the_body_has_none(tmp_path, national):
    body = tmp_path / "untitled.txt"  # a report whose first page lost its title block
    lines = SOURCES["complete"].read_text("utf-8").splitlines()
    body.write_text("\n".join(lines[2:]), "utf-8")
    declared = "青溪县人民政府关于2025年法治政府建设工作情况的报告"
    built = formats_build.write_ofd(body, tmp_path / "untitled.ofd", title=declared)
    assert read_report(built.path).title == declared and check(body, national).metadata.title is None
    assert check(built.path, national).metadata.title == declared


def test_ofd_builder_records_pages_that_the_reader_gives(tmp_path):
    built = formats_build.write_ofd(SOURCES["department"], tmp_path / "d.ofd")
    pages = {line.page for line in read_report(built.path).lines if line.page}
    assert pages == {page for page, _ in built.drawn}


@pytest.mark.parametrize(
    ("source", "suffix", "fmt"),
    [("complete.doc", ".docx", "doc"), ("complete.wps", ".txt", "wps"), ("complete.ofd", ".docx", "ofd")],
)
def test_content_decides_the_reader_not_the_name(tmp_path, source, suffix, fmt):
    path = tmp_path / f"renamed{suffix}"
    shutil.copyfile(FIXTURES / source, path)
    assert read_report(path).format in ({fmt, "doc"} if fmt == "wps" else {fmt})


def test_a_doc_that_is_really_a_docx_and_a_wps_that_is_a_zip_are_read_as_docx(tmp_path):
    built = formats_build.write_docx(SOURCES["complete"], tmp_path / "real.docx")
    for name in ("saved.doc", "saved.wps"):
        (tmp_path / name).write_bytes(built.path.read_bytes())
        assert read_report(tmp_path / name).format == "docx"


def test_ole_file_that_is_not_a_word_document_is_refused(tmp_path):
    olefile = pytest.importorskip("olefile")
    del olefile
    data = (FIXTURES / "complete.doc").read_bytes().replace("WordDocument".encode("utf-16-le"), "WorkDocument".encode("utf-16-le"))
    path = tmp_path / "sheet.doc"
    path.write_bytes(data)
    with pytest.raises(InputError, match="不是 Word/WPS 文字文档") as excinfo:
        read_report(path)
    assert "\n" not in str(excinfo.value)


# ---------------------------------------------------------------- compressed files that lie


def _zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A ZIP archive written by hand, so a member can declare any size and CRC: (name, deflated, declared, crc)."""
    out, central = bytearray(), bytearray()
    for name, deflated, declared, crc in members:
        raw = name.encode()
        offset = len(out)
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(deflated), declared, len(raw), 0) + raw + deflated
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(deflated), declared, len(raw), 0, 0, 0, 0, 0, offset) + raw
    start = len(out)
    out += central + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), start, 0)
    return bytes(out)


def _deflate(chunks) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_RLE)
    return b"".join(packer.compress(chunk) for chunk in chunks) + packer.flush()


WORD_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
              b'wordprocessingml.document.main+xml"/></Types>')


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> dict[str, Path]:
    """A 1 MB .docx and .ofd whose XML inflates to 1 GiB while declaring 100 bytes (CRC of those 100 forged to match)."""
    folder = tmp_path_factory.mktemp("bombs")
    zeros = bytes(1 << 20)
    gigabyte = _deflate(zeros for _ in range(1024))
    lie = ("", gigabyte, 100, zlib.crc32(zeros[:100]))
    docx = _zip([("[Content_Types].xml", _deflate([WORD_TYPES]), len(WORD_TYPES), zlib.crc32(WORD_TYPES)), ("word/document.xml",) + lie[1:]])
    ofd_xml = b'<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>'
    ofd = _zip([("OFD.xml", _deflate([ofd_xml]), len(ofd_xml), zlib.crc32(ofd_xml)), ("Doc_0/Document.xml",) + lie[1:]])
    paths = {"bomb.docx": folder / "bomb.docx", "bomb.ofd": folder / "bomb.ofd"}
    paths["bomb.docx"].write_bytes(docx)
    paths["bomb.ofd"].write_bytes(ofd)
    return paths


# Peak memory from /proc (VmHWM starts afresh at exec; getrusage's ru_maxrss would carry pytest's own size over).
_MEASURE = (
    "import re, sys; from checker.cli import main; code = main(['check', sys.argv[1], '--out', sys.argv[2], '-q']); "
    "print(int(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read()).group(1)) // 1024); sys.exit(code)"
)


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="peak memory is read from /proc (Linux)")
@pytest.mark.parametrize("name", ["bomb.docx", "bomb.ofd"])
def test_a_package_that_lies_about_its_size_fails_with_one_line_and_little_memory(bombs, tmp_path, name):
    path = bombs[name]
    assert path.stat().st_size < 1.2 * 1024 * 1024
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(path), str(tmp_path / "out")], cwd=ROOT,
                          capture_output=True, text=True, timeout=HANG_GUARD)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "不符" in lines[0], done.stderr
    assert int(done.stdout.strip()) < 300  # MB of peak memory; inflating the member whole would take over 1 GB


def test_a_package_over_the_budget_is_refused_by_the_bytes_really_inflated(tmp_path, monkeypatch):
    from checker.reading import archive

    built = formats_build.write_docx(SOURCES["complete"], tmp_path / "r.docx")
    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", 20_000)
    with pytest.raises(InputError, match="解压后过大"):
        read_report(built.path)


def test_a_truncated_deflate_stream_is_refused(tmp_path):
    document = b"<w:document/>" * 100
    deflated = _deflate([document])
    path = tmp_path / "cut.docx"
    path.write_bytes(_zip([("[Content_Types].xml", _deflate([WORD_TYPES]), len(WORD_TYPES), zlib.crc32(WORD_TYPES)),
                           ("word/document.xml", deflated[: len(deflated) // 2], len(document), zlib.crc32(document))]))
    with pytest.raises(InputError, match="不符"):
        read_report(path)


# ---------------------------------------------------------------- encodings

TRADITIONAL = (
    "青溪縣人民政府關於2025年度法治政府建設情況的報告\n縣人大常委會：\n"
    "現將青溪縣人民政府2025年度法治政府建設情況報告如下。\n一、主要舉措和成效\n"
    "全年制定行政規範性文件11件，均經合法性審核、集體討論決定。公示執法資訊8742條。\n"
)


def test_big5_is_detected_not_decoded_as_gbk_mojibake(tmp_path):
    path = tmp_path / "big5.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    assert TRADITIONAL.encode("big5").decode("gb18030")  # guard: GB18030 alone would "succeed"
    assert [line.text for line in read_report(path).lines] == TRADITIONAL.splitlines()


def test_gbk_report_is_still_read_as_gbk(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(SOURCES["complete"].read_text("utf-8").encode("gbk"))
    assert [line.text for line in read_report(path).lines] == SOURCES["complete"].read_text("utf-8").splitlines()


def test_a_low_confidence_guess_is_an_error_naming_the_guess(tmp_path):
    path = tmp_path / "cyrillic.txt"
    path.write_bytes("Отчёт о работе правительства за 2025 год. Исполнено 12 задач.\n".encode("cp1251") * 3)
    with pytest.raises(InputError) as excinfo:
        read_report(path)
    message = str(excinfo.value)
    assert "\n" not in message and "猜测是" in message and "把握不足" in message


def test_utf16_without_bom_gives_the_text_versions_verdicts(tmp_path, text_results, national):
    path = tmp_path / "utf16.txt"
    path.write_bytes(SOURCES["department"].read_text("utf-8").encode("utf-16-le"))
    assert statuses(check(path, national)) == statuses(text_results["department"])


# ---------------------------------------------------------------- draft hygiene


def _draft_docx(path: Path) -> Path:
    """A report with a tracked insertion and deletion, a comment and a hidden run (python-docx plus raw XML)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    built = formats_build.write_docx(SOURCES["complete"], path)
    document = docx.Document(str(built.path))
    body = [p for p in document.paragraphs if p.text.startswith("(二)完善制度体系")][0]
    body._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="县司法局" w:date="2026-01-10T09:00:00Z"><w:r><w:t>另清理规章2件。</w:t></w:r></w:ins>'))
    body._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="2" w:author="县司法局" w:date="2026-01-10T09:00:00Z"><w:r><w:delText>此句待删除。</w:delText></w:r></w:del>'))
    body._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:vanish/></w:rPr><w:t>内部备注：数字待核。</w:t></w:r>'))
    signature = [p for p in document.paragraphs if p.text.startswith("县人大常委会")][0]
    document.add_comment(signature.runs, text="请核对报送对象", author="办公室")
    document.save(str(path))
    return path


def test_tracked_changes_comments_and_hidden_text_are_findings_naming_the_paragraph(tmp_path, national):
    path = _draft_docx(tmp_path / "draft.docx")
    source = read_report(path)
    kinds = {mark.kind: mark for mark in source.drafts}
    assert set(kinds) == {"insertion", "deletion", "hidden", "comment"}
    assert kinds["comment"].text == "请核对报送对象"
    paragraph = next(line.number for line in source.lines if line.text.startswith("(二)完善制度体系"))
    assert kinds["insertion"].line == kinds["deletion"].line == kinds["hidden"].line == paragraph
    text = next(line.text for line in source.lines if line.number == paragraph)
    assert "另清理规章2件。" in text and "此句待删除" not in text  # the accepted text is what is checked
    result = check(path, national)
    found = [finding for finding in result.findings if finding.type == "draft_marks"]
    assert len(found) == 4 and all(f.severity == "warning" for f in found)
    insertion = next(f for f in found if "插入" in f.message)
    assert f"第 {paragraph} 段" in insertion.message and "按接受全部修订后的文字检查" in insertion.message
    assert insertion.evidence[0].line == paragraph and insertion.evidence[0].kind == "draft"


def test_draft_marks_reach_the_json_and_the_clean_report_has_none(tmp_path):
    from checker.cli import main

    path = _draft_docx(tmp_path / "draft.docx")
    out = tmp_path / "out"
    assert main(["check", str(path), str(SOURCES["complete"]), "--format", "json", "--out", str(out), "-q"]) in (0, 1)
    reports = {p.stem: json.loads(p.read_text("utf-8")) for p in out.glob("*.json")}
    draft = next(r for name, r in reports.items() if "draft" in name)
    clean = next(r for name, r in reports.items() if "complete" in name)
    assert sum(f["type"] == "draft_marks" for f in draft["findings"]) == 4
    assert not [f for f in clean["findings"] if f["type"] == "draft_marks"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is needed to write a .doc with tracked changes")
def test_doc_tracked_changes_hidden_text_and_comments_are_draft_marks_and_clean_fixtures_have_none(tmp_path, national):
    assert not read_report(FIXTURES / "complete.doc").drafts  # our fixtures are clean copies
    draft = _draft_docx(tmp_path / "draft.docx")
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "doc:MS Word 97",
         "--outdir", str(tmp_path), str(draft)],
        check=True, capture_output=True, timeout=HANG_GUARD,
    )
    source = read_report(tmp_path / "draft.doc")
    kinds = {mark.kind: mark for mark in source.drafts}
    assert set(kinds) == {"insertion", "deletion", "hidden", "comment"}
    assert (kinds["insertion"].text, kinds["deletion"].text, kinds["hidden"].text) == ("另清理规章2件。", "此句待删除。", "内部备注：数字待核。")
    paragraph = next(line for line in source.lines if line.text.startswith("(二)完善制度体系"))
    assert kinds["insertion"].line == kinds["deletion"].line == paragraph.number
    assert "另清理规章2件。" in paragraph.text and "此句待删除" not in paragraph.text  # the accepted text
    assert "请核对报送对象" in kinds["comment"].text and kinds["comment"].line is None
    found = [finding for finding in check(tmp_path / "draft.doc", national).findings if finding.type == "draft_marks"]
    assert len(found) == 4 and any("批注 1 处" in f.message and "位置未知" in f.message for f in found)


# ---------------------------------------------------------------- misleading messages (issue 11, class 9)


def test_a_report_inside_100k_nested_divs_is_read_with_a_warning(tmp_path, text_results, national):
    text = SOURCES["complete"].read_text("utf-8")
    paragraphs = "\n".join(f"<p>{line}</p>" for line in text.splitlines())
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 100_000 + paragraphs + "</div>" * 100_000 + "</body></html>", "utf-8")
    result = check(path, national)
    assert statuses(result) == statuses(text_results["complete"])
    assert any("嵌套超过" in warning for warning in result.warnings)


# ---------------------------------------------------------------- OCR


def test_without_the_ocr_extra_a_scan_says_how_to_install_it(tmp_path, monkeypatch):
    pytest.importorskip("PIL")
    import ocr_build

    if ocr_build.font_path() is None:
        pytest.skip("no CJK font (fonts-noto-cjk) to render a scan")
    monkeypatch.setattr(ocr, "available", lambda: False)
    scan = ocr_build.scanned_pdf(SOURCES["hollow"], tmp_path / "scan.pdf")
    photo = ocr_build.photo(SOURCES["hollow"], tmp_path / "page.png")
    for path in (scan, photo):
        with pytest.raises(InputError) as excinfo:
            read_report(path)
        assert "pip install 'rolcheck[ocr]'" in str(excinfo.value) and "\n" not in str(excinfo.value)


def test_every_report_format_marks_ocr_text(national):
    import dataclasses

    from checker.output import renderers

    def rendered(name: str, result) -> str:
        out = renderers.get(name).chunks(result)
        if isinstance(out, bytes):  # a Word file with comments: its XML parts, as text
            with zipfile.ZipFile(io.BytesIO(out)) as package:
                return "".join(package.read(member).decode("utf-8", "replace") for member in package.namelist() if member.endswith(".xml"))
        return out if isinstance(out, str) else "".join(out)

    result = dataclasses.replace(check(SOURCES["complete"], national), ocr=True, warnings=(ocr.NOTE,))
    plain = check(SOURCES["complete"], national)
    for name in renderers.names():
        assert "OCR" in rendered(name, result), name
        assert "OCR" not in rendered(name, plain), name


@pytest.mark.skipif(not ocr.available(), reason="the OCR extra is not installed (pip install -e '.[ocr]')")
def test_a_photographed_page_with_a_red_seal_is_recognised_with_page_and_line(tmp_path):
    import ocr_build

    if ocr_build.font_path() is None:
        pytest.skip("no CJK font (fonts-noto-cjk) to render a page")
    photo = ocr_build.photo(SOURCES["hollow"], tmp_path / "page1.png")
    source = read_report(photo)
    assert source.format == "image" and source.ocr and source.notes == (ocr.NOTE,)
    texts = [line.text for line in source.lines]
    title = formats_build.title_of(formats_build.parse(SOURCES["hollow"]))
    assert "".join(texts).startswith(title[:12])
    assert all(line.page == 1 for line in source.lines) and [line.number for line in source.lines] == list(range(1, len(texts) + 1))


@pytest.mark.skipif(not ocr.available(), reason="the OCR extra is not installed (pip install -e '.[ocr]')")
def test_an_image_too_narrow_to_hold_a_line_is_refused_in_one_line(tmp_path):
    # Scaled to RapidOCR's 2,000 pixels, a 6000×40 strip has a shorter side that RapidOCR rounds to 0: a traceback.
    from PIL import Image

    strip = tmp_path / "strip.png"
    Image.new("RGB", (6000, 40), "white").save(strip)
    with pytest.raises(InputError) as refused:
        read_report(strip)
    assert str(refused.value) == f"{strip}: 图片第 1 页过于狭长（6000×40 像素），缩放后放不下一行文字，拒绝识别"


def _refused_with_models(tmp_path: Path, monkeypatch, **instead: str) -> str:
    """The line a one-line image is refused with when the extra's models folder holds, for the stages named ("Det",
    "Rec"), another file of the wheel's folder, or bytes that are no model for the value "garbage"."""
    import ocr_build
    from PIL import Image, ImageDraw

    if ocr_build.font_path() is None:
        pytest.skip("no CJK font (fonts-noto-cjk) to render a page")
    image = Image.new("RGB", (1240, 200), "white")
    ImageDraw.Draw(image).text((160, 100), "青溪县人民政府坚持依法行政", font=ocr_build._font(ocr_build.BODY_PX), fill="black", anchor="lm")
    path = tmp_path / "line.png"
    image.save(path)
    real, folder = ocr._models(), tmp_path / "models"
    folder.mkdir()
    for stage, name in ocr.MODELS.items():
        if instead.get(stage) == "garbage":
            (folder / name).write_bytes(b"\x08\x07not a model" * 64)
        else:
            (folder / name).symlink_to(real / instead.get(stage, name))
    monkeypatch.setattr(ocr, "_models", lambda: folder)
    with pytest.raises(InputError) as refused:
        read_report(path)
    return str(refused.value)


@pytest.mark.skipif(not ocr.available(), reason="the OCR extra is not installed (pip install -e '.[ocr]')")
def test_a_damaged_ocr_model_is_one_line_that_says_to_reinstall(tmp_path, monkeypatch):
    # onnxruntime raises its own kinds (InvalidProtobuf here), each derived from Exception directly: the install is
    # at fault, not the page, and the line says so.
    message = _refused_with_models(tmp_path, monkeypatch, Det="garbage")
    assert message == (f"{tmp_path / 'line.png'}: OCR 扩展的模型无法载入（PP-OCRv6_det_small.onnx: InvalidProtobuf），安装可能不完整；"
                       "请重新安装：pip install 'rolcheck[ocr]'")


@pytest.mark.skipif(not ocr.available(), reason="the OCR extra is not installed (pip install -e '.[ocr]')")
def test_a_failure_inside_recognition_is_one_line_naming_the_page(tmp_path, monkeypatch):
    # The angle classifier's model in the recogniser's place loads, then fails inside RapidOCR on the first line:
    # whatever the library raises while a page is read ends the check in one line that names the page.
    message = _refused_with_models(tmp_path, monkeypatch, Rec="ch_ppocr_mobile_v2.0_cls_mobile.onnx")
    assert message.startswith(f"{tmp_path / 'line.png'}: 图片第 1 页文字识别（OCR）失败（") and "\n" not in message
    assert message.endswith("）；请提供更清晰的扫描件或 Word、文本版本")


@pytest.mark.skipif(not ocr.available(), reason="the OCR extra is not installed (pip install -e '.[ocr]')")
def test_a_line_across_the_edge_of_a_detection_strip_is_read_once_and_whole():
    # Detection sees the page in overlapping strips; a line is taken from the strip whose middle band holds its
    # middle. Lines drawn with their middles on a band edge, just above one and just below one, with lines between,
    # must each come out once, whole, in order: none cut in two, none read twice.
    import numpy
    import ocr_build
    from PIL import Image, ImageDraw

    if ocr_build.font_path() is None:
        pytest.skip("no CJK font (fonts-noto-cjk) to render a page")
    step = ocr.STRIP_ROWS - ocr.OVERLAP
    edges = [step * k + ocr.OVERLAP // 2 for k in range(1, 4)]
    middles = [edges[0], edges[0] + step // 2, edges[1] - 10, edges[1] + step // 2, edges[2] + 10, edges[2] + step // 2,
               edges[2] + step]
    sentences = ["青溪县人民政府坚持依法行政", "全面推行行政执法三项制度", "县司法局开展案卷评查工作", "重大行政决策严格履行法定程序",
                 "行政复议案件全部按期办结", "政府法律顾问实现全覆盖", "镇街综合执法队伍持续加强"]
    page = Image.new("RGB", (1240, middles[-1] + 100), "white")
    draw, font = ImageDraw.Draw(page), ocr_build._font(ocr_build.BODY_PX)
    for middle, sentence in zip(middles, sentences):
        draw.text((160, middle), sentence, font=font, fill="black", anchor="lm")
    assert ocr._lines(ocr._read_page([numpy.array(page)])) == sentences


@pytest.mark.skipif(not ocr.available(), reason="the OCR extra is not installed (pip install -e '.[ocr]')")
def test_a_line_too_wide_for_one_pass_is_cut_between_characters_and_read_whole():
    # The recogniser's memory grows with a crop's width; a crop wider than MAX_LINE_RATIO times its height is read
    # in pieces, cut where the line has least ink, and the pieces joined.
    import numpy
    import ocr_build
    from PIL import Image, ImageDraw

    if ocr_build.font_path() is None:
        pytest.skip("no CJK font (fonts-noto-cjk) to render a page")
    text = "青溪县人民政府坚持依法行政全面推进法治政府建设" * 5
    image = Image.new("RGB", (ocr_build.BODY_PX * len(text) + 40, 44), "white")
    ImageDraw.Draw(image).text((20, 6), text, font=ocr_build._font(ocr_build.BODY_PX), fill="black")
    crop = numpy.array(image)
    assert crop.shape[1] > 1.5 * ocr.MAX_LINE_RATIO * crop.shape[0]  # at least two pieces
    assert ocr._recognise_line(ocr._engine("Rec"), crop)[0] == text


# ---------------------------------------------------------------- damaged files: a result or one line, never a traceback

@settings(max_examples=60, deadline=None, database=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.sampled_from(["complete.doc", "complete.wps", "complete.ofd"]),
    damage=st.sampled_from(["cut", "overwrite", "zero"]),
    at=st.floats(0, 1),
    length=st.integers(1, 4096),
    junk=st.binary(min_size=1, max_size=64),
)
def test_damaged_office_files_give_lines_or_one_line(tmp_path_factory, name, damage, at, length, junk):
    data = bytearray((FIXTURES / name).read_bytes())
    start = int(at * (len(data) - 1))
    if damage == "cut":
        data = data[: max(start, 8)]
    elif damage == "overwrite":
        data[start : start + len(junk)] = junk
    else:
        data[start : start + length] = bytes(min(length, len(data) - start))
    path = tmp_path_factory.mktemp("damaged") / name
    path.write_bytes(bytes(data))
    try:
        source = read_report(path)
    except RolcheckError as error:
        assert "\n" not in str(error) and str(path) in str(error)
        return
    assert source.lines and all(isinstance(line.text, str) for line in source.lines)


@pytest.mark.skipif(not ocr.available(), reason="the OCR extra is not installed (pip install -e '.[ocr]')")
def test_a_scanned_page_under_a_red_seal_keeps_its_signature_lines(tmp_path):
    import ocr_build

    if ocr_build.font_path() is None:
        pytest.skip("no CJK font (fonts-noto-cjk) to render a page")
    last = ocr_build.pages(SOURCES["complete"])[-1]  # the page with the signature and the seal over it
    scan = tmp_path / "last_page.pdf"
    last.save(scan, "PDF", resolution=ocr_build.DPI)
    source = read_report(scan)
    assert source.format == "pdf" and source.ocr
    signature = [line.text for line in formats_build.parse(SOURCES["complete"]) if line.kind == "signature"]
    assert [line.text for line in source.lines][-2:] == signature  # the seal's rim text is not read into them
    assert {line.page for line in source.lines} == {1}
