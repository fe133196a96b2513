"""Time the automatic checklist choice and the ``--format docx`` renderer (docs/performance.md).

Usage, from the repository root: ``python benchmarks/bench_choice_docx.py [REPORT.docx ...]``.
Without arguments it times the draft example, as text and as a Word file built from it.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.output import renderers  # noqa: E402
from checker.run import checklists, choice  # noqa: E402
from checker.run.pipeline import check  # noqa: E402

DRAFT = ROOT / "examples" / "青溪县2025年度法治政府建设情况报告（征求意见稿）.txt"


def _median_ms(action, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(paths: list[str]) -> None:
    checklists.load("national")  # imports and the YAML loader warm
    for name in ("national", "department", "township", "outline2015"):
        print(f"load {name}: {min(timeit.repeat(lambda: checklists.load(name), number=5, repeat=3)) / 5 * 1000:.1f} ms")
    scan = min(timeit.repeat(lambda: (choice._declared.cache_clear(), choice._declared()), number=5, repeat=3)) / 5 * 1000
    print(f"read chosen_for/applies_to of every bundled file: {scan:.1f} ms")
    with tempfile.TemporaryDirectory() as folder:
        reports = [Path(path) for path in paths]
        if not reports:
            import docx

            document = docx.Document()
            for line in DRAFT.read_text("utf-8").splitlines():
                if line.strip():
                    document.add_paragraph(line.strip())
            built = Path(folder) / "draft.docx"
            document.save(built)
            reports = [DRAFT, built]
        for report in reports:
            result = check(report, choice.Selection(), 64 * 1024 * 1024)
            rendered = _median_ms(lambda: renderers.get("docx").render_bytes(result))
            checked = _median_ms(lambda: check(report, choice.Selection(), 64 * 1024 * 1024))
            print(f"{report.name} ({report.stat().st_size // 1024} KB): check {checked:.0f} ms, docx {rendered:.0f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])
