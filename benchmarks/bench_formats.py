"""Time the check of one report per input format: the committed .doc/.wps/.ofd fixtures against their .txt.

    .venv/bin/python benchmarks/bench_formats.py

In process (``checker.run.pipeline.check``), median of 5 runs per file, averaged over the five
samples the fixtures were built from (tests/fixtures/build_fixtures.py). Reported in
docs/performance.md, never asserted.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from checker.run.checklists import load
from checker.run.pipeline import check

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
TEXTS = {
    "example": ROOT / "examples" / "青溪县2025年度法治政府建设情况报告.txt",
    "complete": ROOT / "tests" / "samples" / "complete.txt",
    "department": ROOT / "tests" / "samples" / "department.txt",
    "hollow": ROOT / "tests" / "samples" / "hollow_problems.txt",
    "unnumbered": ROOT / "tests" / "samples" / "unnumbered.txt",
}


def median_ms(path: Path, checklist) -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        check(path, checklist)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main() -> None:
    national = load("national")
    check(TEXTS["complete"], national)  # warm the imports
    for fmt in ("txt", "doc", "wps", "ofd"):
        paths = list(TEXTS.values()) if fmt == "txt" else [FIXTURES / f"{name}.{fmt}" for name in TEXTS]
        for path in paths:
            check(path, national)  # each reader's imports once
        print(f"| {fmt} | {statistics.mean(median_ms(path, national) for path in paths):.0f} ms |")


if __name__ == "__main__":
    main()
