"""Measure pdfminer.six against pypdf and pypdfium2 on Chinese PDFs made from our own sample reports.

Run from the repository root: ``.venv/bin/python tests/formats_measure_pdf.py``. It prints
the Markdown table recorded in docs/input-formats.md. Three producers: reportlab with its
built-in CID font STSong-Light (not embedded), reportlab with an embedded TrueType font
(WenQuanYi Micro Hei, Debian package fonts-wqy-microhei), and LibreOffice exporting the
Word version of the report (as Word and WPS exports look: embedded subset fonts with a
ToUnicode map). Producers whose tools are missing are skipped with a note.

Measured per library: character accuracy (1 − normalised edit distance between the drawn
text and the extracted text, whitespace and the running header/footer removed), line
fidelity (share of drawn lines that come out as a line of their own, which the reader
needs for page numbers and header removal), and extraction time.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent))
import formats_build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REPORTS = [ROOT / "examples" / "青溪县2025年度法治政府建设情况报告.txt"] + [
    path for path in sorted((ROOT / "tests" / "samples").glob("*.txt")) if path.name != "web_page.txt"  # a page dump, not a report
]
WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
HEADER = "青溪县人民政府文件"


def pdfminer_pages(data: bytes) -> list[str]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    return ["".join(box.get_text() for box in page if isinstance(box, LTTextContainer)) for page in extract_pages(io.BytesIO(data))]


def pypdf_pages(data: bytes) -> list[str]:
    import pypdf

    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def pypdf_layout_pages(data: bytes) -> list[str]:
    import pypdf

    return [page.extract_text(extraction_mode="layout") for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def pdfium_pages(data: bytes) -> list[str]:
    """PDFium (Chrome's PDF engine, bundled in the pypdfium2 wheel): each page's text in reading order."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return [page.get_textpage().get_text_range().replace("\r\n", "\n") for page in document]
    finally:
        document.close()


def reader_pages(data: bytes) -> list[str]:
    """rolcheck's reader, before it drops furniture and joins wrapped lines: pdfminer.six characters grouped by position."""
    from checker.reading.readers.pdf import _extract

    pages, _ = _extract(data, Path("measure.pdf"))
    return ["\n".join(line.text for line in page) for page in pages]


LIBRARIES = {
    "pdfminer.six, its layout analysis (`extract_pages`)": pdfminer_pages,
    "pypdf (`extract_text`)": pypdf_pages,
    "pypdf (`extract_text(extraction_mode=\"layout\")`)": pypdf_layout_pages,
    "pdfminer.six characters regrouped by position (rolcheck's reader)": reader_pages,
    "pypdfium2 (`get_text_range`)": pdfium_pages,
}


def compact(text: str) -> str:
    return "".join(text.split())


def body_of(pages: list[str]) -> str:
    """Extracted text without the running header and the page numbers the producers drew."""
    kept = []
    for number, page in enumerate(pages, start=1):
        furniture = {HEADER, compact(formats_build.page_footer("dash", number))}
        kept.extend(line for line in page.splitlines() if compact(line) not in furniture)
    return compact("".join(kept))


def reportlab_ttf_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", str(WQY), subfontIndex=0))
    return "WQY"


def producers(work: Path):
    """(producer name, [(pdf bytes, drawn lines or None, ground-truth text, text report)]) for each producer available here."""
    made = {"reportlab + STSong-Light (CID, not embedded)": []}
    for report in REPORTS:
        built = formats_build.write_pdf(report, work / f"{report.stem}.pdf")
        made["reportlab + STSong-Light (CID, not embedded)"].append(
            (built.path.read_bytes(), [text for _, text in built.drawn], compact("".join(t for _, t in built.drawn)), report)
        )
    if WQY.exists():
        original = formats_build.cjk_font
        formats_build.cjk_font = reportlab_ttf_font
        made["reportlab + WenQuanYi Micro Hei (TrueType, embedded)"] = []
        for report in REPORTS:
            built = formats_build.write_pdf(report, work / f"{report.stem}.ttf.pdf")
            made["reportlab + WenQuanYi Micro Hei (TrueType, embedded)"].append(
                (built.path.read_bytes(), [text for _, text in built.drawn], compact("".join(t for _, t in built.drawn)), report)
            )
        formats_build.cjk_font = original
    soffice = shutil.which("soffice")
    if soffice:
        from checker.reading.readers.docx import lines as docx_lines

        made["LibreOffice 7 export of the .docx (embedded subset, ToUnicode)"] = []
        for report in REPORTS:
            built = formats_build.write_docx(report, work / f"{report.stem}.docx")
            subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(work / "lo"), str(built.path)],
                           check=True, capture_output=True, timeout=300)
            truth = compact("".join(line.text for line in docx_lines(built.path.read_bytes(), built.path)))
            made["LibreOffice 7 export of the .docx (embedded subset, ToUnicode)"].append(
                ((work / "lo" / f"{report.stem}.pdf").read_bytes(), None, truth, report)
            )
    return made


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        rows, verdicts = [], []
        for producer, documents in producers(work).items():
            for library, extract in LIBRARIES.items():
                accuracy, lines_found, lines_total, seconds, pages = 0.0, 0, 0, 0.0, 0
                for data, drawn, truth, _ in documents:
                    start = time.perf_counter()
                    extracted = extract(data)
                    seconds += time.perf_counter() - start
                    pages += len(extracted)
                    accuracy += Levenshtein.normalized_similarity(truth, body_of(extracted))
                    if drawn is not None:
                        out_lines = {compact(line) for page in extracted for line in page.splitlines()}
                        lines_found += sum(compact(line) in out_lines for line in drawn)
                        lines_total += len(drawn)
                fidelity = f"{100 * lines_found / lines_total:.1f} %" if lines_total else "—"
                rows.append(
                    f"| {producer} | {library} | {100 * accuracy / len(documents):.2f} % | {fidelity} | "
                    f"{1000 * seconds / pages:.0f} ms |"
                )
            verdicts.append(f"| {producer} | {same_verdicts(documents, work)} of {len(documents)} |")
    print(f"{len(REPORTS)} reports per producer.\n")
    print("| producer | library | character accuracy | line fidelity | time per page |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))
    print("\n| producer | reports whose element verdicts (rolcheck's reader) equal the .txt version's |")
    print("|---|---|")
    print("\n".join(verdicts))


def same_verdicts(documents, work: Path) -> int:
    """How many PDFs get, through the whole pipeline, the element statuses of their text version."""
    from checker.run.checklists import load
    from checker.run.pipeline import check

    national = load("national")
    same = 0
    for index, (data, _, _, report) in enumerate(documents):
        path = work / f"verdict-{index}.pdf"
        path.write_bytes(data)
        statuses = [[(e.element.id, e.status) for e in check(p, national).elements] for p in (path, report)]
        same += statuses[0] == statuses[1]
    return same


if __name__ == "__main__":
    main()
