"""Measure PDF text extraction on Chinese PDFs made from our own sample reports: PDFium, pdfminer.six, pypdf.

Run from the repository root: ``.venv/bin/python tests/formats_measure_pdf.py``. It prints
the Markdown tables recorded in docs/input-formats.md. pdfminer.six and pypdf are not
dependencies: their rows appear when they are installed (``pip install pdfminer.six pypdf``). Three producers: reportlab with its
built-in CID font STSong-Light (not embedded), reportlab with an embedded TrueType font
(WenQuanYi Micro Hei, Debian package fonts-wqy-microhei), and LibreOffice exporting the
Word version of the report (as Word and WPS exports look: embedded subset fonts with a
ToUnicode map). Producers whose tools are missing are skipped with a note.

Measured per library: character accuracy (1 − normalised edit distance between the drawn
text and the extracted text, whitespace and the running header/footer removed), line
fidelity (share of drawn lines that come out as a line of their own, which the reader
needs for page numbers and header removal), and extraction time. Then, per producer, on how
many PDFs rolcheck's lines (after furniture and joins, with their numbers and pages) are the
same whether the characters come from PDFium (the reader) or from pdfminer.six (the reader
before it), and on how many the element verdicts equal the .txt version's.
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
REPORTS = sorted(ROOT.glob("examples/*.txt")) + [
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


def pdfium_chars(data: bytes) -> list[tuple[list, float]]:
    """Each page's characters and height as rolcheck's reader takes them from PDFium."""
    from checker.reading.readers.pdf_chars import TextLayer

    with TextLayer(data, Path("measure.pdf")) as layer:
        return [(page.chars, page.height) for page in layer.pages()]


def pdfminer_chars(data: bytes) -> list[tuple[list, float]]:
    """The same from pdfminer.six, as rolcheck's reader took them before PDFium: upright characters, Form XObjects included."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTContainer
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    from checker.reading.readers.pdf_chars import SKEW_TOLERANCE, Char

    def chars(container) -> list[Char]:
        found = []
        for item in container:
            if isinstance(item, LTChar):
                a, b, c, d, _, _ = item.matrix
                if a > 0 and d > 0 and abs(b) + abs(c) < SKEW_TOLERANCE * (a + d) and item.get_text().strip():
                    found.append(Char(item.get_text(), item.x0, item.x1, item.y0, item.y1, max(item.size, 1.0)))
            elif isinstance(item, LTContainer):
                found.extend(chars(item))
        return found

    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    pages = []
    for page in PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data)), password="")):
        interpreter.process_page(page)
        layout = device.get_result()
        pages.append((chars(layout), layout.height or 1.0))
    return pages


def grouped(pages: list[tuple[list, float]]) -> list[str]:
    """rolcheck's lines of each page, before furniture is dropped and wrapped lines are joined."""
    from checker.reading.readers.pdf import _page_lines

    return ["\n".join(line.text for line in _page_lines(chars, number, height)) for number, (chars, height) in enumerate(pages, start=1)]


LIBRARIES = {
    "pdfminer.six, its layout analysis (`extract_pages`)": pdfminer_pages,
    "pypdf (`extract_text`)": pypdf_pages,
    "pypdf (`extract_text(extraction_mode=\"layout\")`)": pypdf_layout_pages,
    "pypdfium2 (`get_text_range`)": pdfium_pages,
    "pdfminer.six characters regrouped by position (rolcheck's reader before)": lambda data: grouped(pdfminer_chars(data)),
    "PDFium characters regrouped by position (rolcheck's reader)": lambda data: grouped(pdfium_chars(data)),
}
OPTIONAL = {"pdfminer.six": "pdfminer", "pypdf": "pypdf"}  # a library's rows need its module


def installed(library: str) -> bool:
    import importlib.util

    return all(importlib.util.find_spec(module) is not None for name, module in OPTIONAL.items() if library.startswith(name))


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
    from checker.reading.readers.pdf import arrange

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        rows, verdicts = [], []
        for producer, documents in producers(work).items():
            for library, extract in LIBRARIES.items():
                if not installed(library):
                    continue
                accuracy, lines_found, lines_total, seconds, pages = 0.0, 0, 0, 0.0, 0
                for data, drawn, truth, _ in documents:
                    start = time.process_time()
                    extracted = extract(data)
                    seconds += time.process_time() - start
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
            same = "—"
            if installed("pdfminer.six"):
                read = [[(line.number, line.text, line.page) for line in arrange(chars(data))]
                        for data, _, _, _ in documents for chars in (pdfium_chars, pdfminer_chars)]
                same = f"{sum(read[i] == read[i + 1] for i in range(0, len(read), 2))} of {len(documents)}"
            verdicts.append(f"| {producer} | {same} | {same_verdicts(documents, work)} of {len(documents)} |")
    print(f"{len(REPORTS)} reports per producer; CPU time.\n")
    print("| producer | library | character accuracy | line fidelity | time per page |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))
    print("\n| producer | reports whose lines are the same from PDFium's and pdfminer.six's characters "
          "| reports whose element verdicts equal the .txt version's |")
    print("|---|---|---|")
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
