"""The helper process (checker/common/bounded.py): what it refuses, and in how many lines.

The hostile PDFs themselves (forms that never end) are in test_pdf_reader.py; here, what any
call meets: a call whose Python allocations reach the ceiling, and a library loaded under a
tight one.
"""

from __future__ import annotations

import gc
import os

import formats_build
import pytest
from conftest import SAMPLES

from checker.common import bounded
from checker.common.errors import InputError
from checker.reading.readers import read_report

pytestmark = pytest.mark.skipif(not bounded.AVAILABLE, reason="calls run in a forked child on Linux only")


def _allocate(megabytes: int) -> int:
    """Hold ``megabytes`` at once (module level: the helper is sent the function by name)."""
    return len(bytearray(megabytes << 20))


class _Finalised:
    """Cyclic garbage with a destructor, as an onnxruntime session inside RapidOCR's objects is: it says who freed it."""

    def __init__(self, marker):
        self.marker, self.cycle = marker, self

    def __del__(self):
        with self.marker.open("a") as marker:
            marker.write(f"{os.getpid()}\n")


def _collect() -> int:
    """In the helper: a collection (any allocation may start one), and the helper's pid."""
    gc.collect()
    return os.getpid()


def test_the_helper_never_finalises_what_it_inherited_from_the_checker(tmp_path):
    # A collection in the child ran the destructor of a session the checker had dropped; the destructor waited for
    # the checker's threads, which do not exist in the child, and the page's rendering ran into its deadline.
    marker = tmp_path / "freed_by"
    gc.disable()  # the cycle must still be garbage, not yet collected, when the helper is forked
    try:
        _Finalised(marker)
        helper = bounded.Helper()
        child = helper.call(_collect, (), 60, 64 << 20, "测试")
        helper.close()
    finally:
        gc.enable()
    gc.collect()
    assert child != os.getpid() and marker.read_text().split() == [str(os.getpid())]  # freed here, once


def test_a_call_whose_python_allocations_pass_the_ceiling_is_refused_in_one_line_and_the_next_call_works():
    # Python raises MemoryError there (C libraries abort instead): it used to come back as a bare MemoryError, a traceback.
    helper = bounded.Helper()
    with pytest.raises(bounded.Overrun) as refused:
        helper.call(_allocate, (400,), 60, 64 << 20, "读取测试文件")
    said = str(refused.value)
    assert said.startswith("读取测试文件时内存超过上限（64 MB）") and "\n" not in said
    assert helper.call(_allocate, (8,), 60, 64 << 20, "读取测试文件") == 8 << 20  # a fresh child, not the exhausted one


@pytest.mark.parametrize("megabytes", [8, 16, 24, 32, 48])
def test_a_pdf_under_any_ceiling_gives_its_lines_or_one_line_never_a_traceback(tmp_path, monkeypatch, megabytes):
    # Before, PDFium's own mapping was loaded after the cap and Python's MemoryError came back bare: under 8 MB a
    # bare MemoryError, under 48 MB for a larger PDF "OSError: failed to map segment from shared object".
    from checker.reading.readers import pdf

    monkeypatch.setattr(pdf, "READ_MEMORY", megabytes << 20)
    path = formats_build.write_pdf(SAMPLES / "complete.txt", tmp_path / "complete.pdf").path
    try:
        lines = read_report(path).lines
    except InputError as refused:
        assert str(refused).startswith(f"{path}: 读取 PDF 文字层时内存超过上限（{megabytes} MB）") and "\n" not in str(refused)
    else:
        assert any("法治政府建设" in line.text for line in lines)


# ---------------------------------------------------------------- rendering a scan's pages for OCR (page_images.py)

@pytest.mark.parametrize(("seconds", "memory", "said"), [(2, 8 << 30, "超过 2 秒仍未完成"), (120, 160 << 20, "时内存超过上限（160 MB）")])
def test_rendering_a_page_for_ocr_that_never_ends_is_stopped_at_the_deadline_or_the_ceiling(tmp_path, monkeypatch, seconds, memory, said):
    # The form that draws itself twice is expanded when a page is drawn too; rendering ran in the checker, unbounded.
    from test_pdf_reader import _form_drawing_itself_twice

    from checker.reading import page_images

    monkeypatch.setattr(page_images, "RENDER_SECONDS", seconds)
    monkeypatch.setattr(page_images, "RENDER_MEMORY", memory)
    path = tmp_path / "forms.pdf"
    path.write_bytes(_form_drawing_itself_twice())
    with pytest.raises(InputError) as refused:
        list(page_images.render(path.read_bytes(), path))
    assert str(refused.value).startswith(f"{path}: 渲染第 1 页以识别文字{said}") and "\n" not in str(refused.value)


def test_two_scans_drawn_at_once_each_get_their_own_pages(tmp_path):
    # `rolcheck serve` checks uploads in threads, so two scans can be drawn at once; each page's helper is forked
    # with its scan in memory, and a scan must never be drawn from another's bytes.
    from reportlab.pdfgen import canvas

    from checker.reading import page_images

    def scan(name, size):
        path = tmp_path / name
        pdf = canvas.Canvas(str(path), pagesize=size)
        pdf.showPage()
        pdf.showPage()
        pdf.save()
        return page_images.render(path.read_bytes(), path)

    portrait, landscape = scan("portrait.pdf", (595, 842)), scan("landscape.pdf", (842, 595))
    sizes = [next(portrait).size, next(landscape).size, next(portrait).size, next(landscape).size]
    assert sizes == [(1240, 1755), (1755, 1240)] * 2
    assert next(portrait, None) is None and next(landscape, None) is None


def test_a_scan_page_too_large_to_be_a_reports_is_refused_by_its_number_before_it_is_drawn(tmp_path):
    from reportlab.pdfgen import canvas

    from checker.reading import page_images

    path = tmp_path / "poster.pdf"
    poster = canvas.Canvas(str(path), pagesize=(595, 842))
    poster.showPage()
    poster.setPageSize((14400, 14400))  # PDF's largest page: 30,000 × 30,000 pixels at 150 dpi, 2.7 GB to draw
    poster.showPage()
    poster.save()
    pages = page_images.render(path.read_bytes(), path)
    assert next(pages).size == (1240, 1755)  # A4 at 150 dpi
    with pytest.raises(InputError) as refused:
        next(pages)
    said = str(refused.value)
    assert said.startswith(f"{path}: PDF 扫描件第 2 页过大（按 150 dpi 为 30000×30000 像素）") and "\n" not in said
