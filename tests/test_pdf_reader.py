"""The PDF reader on PDFium's character boxes: what it reads that pdfminer.six could not, and what it must keep.

The layout rules (lines, furniture, joins) are tested on reportlab PDFs in test_formats.py;
here: text that depends on the backend — characters beyond the Basic Multilingual Plane, a
glyph missing from a partial Unicode map, characters and boxes equal to pypdfium2's own typed
calls, fonts of a file encrypted with an empty password, the order of a Word export's mixed-font
lines (LibreOffice, when installed), and the type size of text drawn through a scaled matrix —,
PDFium used from several threads, and a PDF that PDFium alone would parse without end.
"""

from __future__ import annotations

import shutil
import subprocess

import formats_build
import pytest
from conftest import SAMPLES

from checker.common import bounded
from checker.common.errors import InputError
from checker.reading.readers import read_report
from checker.reading.readers.docx import lines as docx_lines


def compact(text: str) -> str:
    return "".join(text.split())


def _serialise(objects: list[str]) -> bytes:
    """A PDF file of ``objects`` (numbered from 1, the catalogue first) with its cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def handmade_pdf(lines: list[list[tuple[int, str]]], unmapped: frozenset[int] = frozenset()) -> bytes:
    """One A4 page of 16 pt lines in a Type0 font whose ToUnicode map we write: each line is a list of (glyph code, text).

    The font is not embedded (PDFium substitutes one for the boxes), so the map is the only way
    to the text: we can give a glyph a character outside the Basic Multilingual Plane, which
    reportlab's fonts cannot draw, or leave the glyphs ``unmapped`` out of the map.
    """
    codes = {code: text for line in lines for code, text in line if code not in unmapped}
    entries = "".join(f"<{code:04X}> <{text.encode('utf-16-be').hex().upper()}>\n" for code, text in sorted(codes.items()))
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Handmade def "
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{len(codes)} beginbfchar\n{entries}endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")
    content = "".join(f"BT /F1 16 Tf 80 {760 - 30 * row} Td <{''.join(f'{code:04X}' for code, _ in line)}> Tj ET\n"
                      for row, line in enumerate(lines))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        f"<< /Length {len(content.encode())} >>\nstream\n{content}endstream",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
        "/Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 /CIDToGIDMap /Identity >>",
        f"<< /Length {len(cmap.encode())} >>\nstream\n{cmap}\nendstream",
        "<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 "
        "/Descent -141 /CapHeight 700 /StemV 80 >>",
    ]
    return _serialise(objects)


def test_characters_beyond_the_basic_plane_keep_their_place(tmp_path):
    # 𠮷 (U+20BB7) is one character of four UTF-16 bytes: the text after it must not shift by one.
    title = [(1, "青"), (2, "溪"), (3, "县"), (4, "𠮷"), (5, "祥"), (6, "村"), (7, "法"), (8, "治"), (9, "建"), (10, "设"), (11, "情"), (12, "况")]
    body = [(13, "全"), (14, "年"), (15, "办"), (16, "结"), (17, "案"), (18, "件"), (19, "八"), (20, "十"), (21, "九"), (22, "件"), (23, "。")]
    path = tmp_path / "ext_b.pdf"
    path.write_bytes(handmade_pdf([title, body]))
    assert [(line.number, line.text, line.page) for line in read_report(path).lines] == [
        (1, "青溪县𠮷祥村法治建设情况", 1), (2, "全年办结案件八十九件。", 1),
    ]


def test_a_glyph_left_out_of_a_partial_unicode_map_alone_reads_as_unmapped(tmp_path):
    # The map is asked per character, not per text-showing operation: one line, one font, one glyph without Unicode.
    line = [(1, "全"), (2, "年"), (3, "办"), (4, "结"), (5, "案"), (6, "件"), (7, "八"), (8, "十"), (9, "九"), (10, "件"), (11, "。")]
    path = tmp_path / "partial_map.pdf"
    path.write_bytes(handmade_pdf([line], unmapped=frozenset({7})))
    assert [(line.number, line.text, line.page) for line in read_report(path).lines] == [(1, "全年办结案件\ufffd十九件。", 1)]


def test_the_characters_and_boxes_are_those_of_pypdfium2s_own_typed_calls(tmp_path):
    # The reader calls PDFium's functions through bare pointers and reads the box as raw floats: the same as the bindings.
    import pypdfium2
    import pypdfium2.raw as pdfium

    from checker.reading.readers import pdf_chars

    path = formats_build.write_pdf(SAMPLES / "department.txt", tmp_path / "department.pdf").path
    with pdf_chars.TextLayer(path.read_bytes(), path) as layer:
        ours = [[(char.text, char.x0, char.x1, char.y0, char.y1) for char in page.chars] for page in layer.pages()]
    document = pypdfium2.PdfDocument(path)
    expected = []
    for page in document:
        textpage = page.get_textpage()
        chars = []
        for index in range(textpage.count_chars()):
            text = chr(pdfium.FPDFText_GetUnicode(textpage.raw, index))
            if not text.isspace():
                left, bottom, right, top = textpage.get_charbox(index, loose=True)
                chars.append((text, left, right, bottom, top))
        expected.append(chars)
    document.close()
    assert len(ours) == len(expected) > 1 and sum(map(len, ours)) > 1000
    assert ours == expected


def test_an_empty_password_pdf_that_pdfminer_could_not_decode_reads_like_the_plain_one(tmp_path):
    # reportlab encrypts its CID font's CIDSystemInfo strings with the wrong key: pdfminer.six then had no Unicode
    # for any glyph ("已加密（空密码可以打开），但……无法还原为汉字"); PDFium maps them by the font's encoding name.
    from reportlab.lib.pdfencrypt import StandardEncryption

    source = SAMPLES / "complete.txt"
    plain = formats_build.write_pdf(source, tmp_path / "plain.pdf")
    locked = formats_build.write_pdf(source, tmp_path / "locked.pdf", encrypt=StandardEncryption("", ownerPassword="owner"))
    assert b"/Encrypt" in locked.path.read_bytes()
    read = [[(line.number, line.text, line.page) for line in read_report(built.path).lines] for built in (plain, locked)]
    assert read[0] == read[1] and len(read[0]) > 20


def test_text_drawn_through_a_scaled_matrix_has_its_drawn_size(tmp_path):
    # A title set in 11 pt under a 2× matrix is 22 pt on the page: large type, so its two lines are one title.
    from reportlab.pdfgen import canvas

    from checker.reading.readers import pdf_chars

    font = formats_build.cjk_font()
    path = tmp_path / "scaled.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(formats_build.PAGE_WIDTH, formats_build.PAGE_HEIGHT))
    for y, text in ((740, "关于2025年度法治政府建设"), (710, "情况的报告")):
        pdf.saveState()
        pdf.translate(120, y)
        pdf.scale(2, 2)
        pdf.setFont(font, 11)
        pdf.drawString(0, 0, text)
        pdf.restoreState()
    pdf.setFont(font, 16)
    body = ["县人大常委会：", "全年办理行政复议案件89件，纠错13件。", "发生行政诉讼案件64件，败诉4件。"]
    for index, text in enumerate(body):
        pdf.drawString(80, 650 - 30 * index, text)
    pdf.save()
    with pdf_chars.TextLayer(path.read_bytes(), path) as layer:
        sizes = {char.text: char.size for char in layer.pages()[0].chars}
    assert sizes["关"] == 22 and sizes["县"] == 16
    assert [line.text for line in read_report(path).lines] == ["关于2025年度法治政府建设情况的报告", *body]


SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui")
def test_a_word_export_reads_like_its_word_version(tmp_path):
    # LibreOffice draws quotation marks and digits in a Western font, in an order of its own: PDFium's text
    # in index order moves them; the characters regrouped by position keep them where they were drawn.
    word = formats_build.write_docx(SAMPLES / "complete.txt", tmp_path / "complete.docx").path
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(word)], check=True, capture_output=True, timeout=300)
    read = read_report(tmp_path / "complete.pdf")
    expected = compact("".join(line.text for line in docx_lines(word.read_bytes(), word)))
    assert compact("".join(line.text for line in read.lines)) == expected
    assert any("深入推进“放管服”改革" in line.text for line in read.lines)
    assert {line.page for line in read.lines} == {1, 2}


def test_pdfs_read_in_several_threads_at_once_read_as_one_at_a_time(tmp_path):
    # rolcheck serve checks uploads in a thread pool, and PDFium is not thread-safe: the reader holds it alone.
    from concurrent.futures import ThreadPoolExecutor

    def read(path):
        return [(line.number, line.text, line.page) for line in read_report(path).lines]

    paths = [formats_build.write_pdf(SAMPLES / name, tmp_path / f"{name}.pdf").path for name in ("complete.txt", "department.txt")]
    alone = {path: read(path) for path in paths}
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(read, paths * 4))
    assert together == [alone[path] for path in paths * 4]


def _form_drawing_itself_twice() -> bytes:
    """A 700-byte page whose Form XObject draws itself twice: PDFium expands it 2⁴⁰ times (its nesting limit is 40)."""
    form = "/X Do /X Do"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X 5 0 R >> >> /Contents 4 0 R >>",
        "<< /Length 6 >>\nstream\n/X Do\nendstream",
        f"<< /Type /XObject /Subtype /Form /BBox [0 0 9 9] /Resources << /XObject << /X 5 0 R >> >> /Length {len(form)} >>\n"
        f"stream\n{form}\nendstream",
    ]
    return _serialise(objects)


@pytest.mark.skipif(not bounded.AVAILABLE, reason="the text layer is read in a forked child on Linux only")
@pytest.mark.parametrize(("seconds", "memory", "said"), [(2, 8 << 30, "超过 2 秒仍未完成"), (120, 200 << 20, "内存超过上限（200 MB）")])
def test_a_pdf_whose_forms_never_end_is_stopped_at_the_deadline_or_the_memory_ceiling(tmp_path, monkeypatch, seconds, memory, said):
    # Unbounded, this file took 5.5 GB in two minutes (pdfminer.six caught the self-reference; PDFium only limits depth).
    from checker.reading.readers import pdf

    monkeypatch.setattr(pdf, "READ_SECONDS", seconds)
    monkeypatch.setattr(pdf, "READ_MEMORY", memory)
    path = tmp_path / "forms.pdf"
    path.write_bytes(_form_drawing_itself_twice())
    with pytest.raises(InputError) as refused:
        read_report(path)
    assert str(refused.value).startswith(f"{path}: 读取 PDF 文字层") and said in str(refused.value)
    assert "\n" not in str(refused.value)
