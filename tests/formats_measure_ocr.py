"""OCR's verdict agreement with the text version, and its time per page (slow: about half a minute a page on 2 cores).

    .venv/bin/python tests/formats_measure_ocr.py [name ...]     # needs pip install -e '.[ocr]' and fonts-noto-cjk

Each sample is rendered to an image-only PDF with a red seal over the signature (tests/ocr_build.py),
read through rolcheck's OCR path and checked; the element verdicts are compared with the .txt's.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import ocr_build  # noqa: E402

from checker.run.checklists import load  # noqa: E402
from checker.run.pipeline import check  # noqa: E402

SOURCES = {
    "example": HERE.parent / "examples" / "青溪县2025年度法治政府建设情况报告.txt",
    "complete": HERE / "samples" / "complete.txt",
    "department": HERE / "samples" / "department.txt",
    "hollow": HERE / "samples" / "hollow_problems.txt",
    "unnumbered": HERE / "samples" / "unnumbered.txt",
}


def main(names: list[str]) -> int:
    national = load("national")
    with tempfile.TemporaryDirectory() as work:
        for name in names or list(SOURCES):
            scan = ocr_build.scanned_pdf(SOURCES[name], Path(work) / f"{name}.pdf")
            pages = len(ocr_build.pages(SOURCES[name]))
            start = time.perf_counter()
            result = check(scan, national)
            seconds = time.perf_counter() - start
            text = check(SOURCES[name], national)
            mine = {e.element.id: e.status for e in result.elements}
            theirs = {e.element.id: e.status for e in text.elements}
            differ = {key: (theirs[key], mine[key]) for key in theirs if mine[key] != theirs[key]}
            print(f"{name}: {len(theirs) - len(differ)}/{len(theirs)} element verdicts as the .txt; verdict {result.verdict}/{text.verdict}; "
                  f"{pages} pages, {seconds:.1f} s ({seconds / pages:.1f} s a page); differ: {differ}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
