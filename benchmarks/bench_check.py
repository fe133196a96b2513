"""Benchmark: how long one report takes, from the command line and in process.

Run from the repository root:  .venv/bin/python benchmarks/bench_check.py
Prints a Markdown table for docs/performance.md. Timings are medians of several runs; they
are reported, never asserted in tests (machines differ, and CI must not flake on load).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "青溪县2025年度法治政府建设情况报告.txt"
RUNS = 7


def make_report(target_bytes: int, folder: Path) -> Path:
    """A report of about ``target_bytes``: the example with its measures section repeated."""
    text = EXAMPLE.read_text("utf-8")
    start, end = text.index("二、"), text.index("三、")
    measures = text[start:end]
    body = text[:end]
    while len(body.encode("utf-8")) + len(text[end:].encode("utf-8")) < target_bytes:
        body += measures.replace("二、", "（补充）", 1)
    path = folder / f"report_{target_bytes // 1000}kb.txt"
    path.write_text(body + text[end:], "utf-8")
    return path


def median_seconds(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process_seconds(path: Path) -> float:
    from checker.run.checklists import load
    from checker.run.pipeline import check

    checklist = load("national")
    check(path, checklist)  # warm caches (schema, compiled patterns)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        check(path, checklist)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in (10_000, 20_000, 100_000):
            report = make_report(size, Path(folder))
            cli = median_seconds([sys.executable, "-m", "checker", "check", str(report), "--output", "-"])
            rows.append((report.stat().st_size, cli, in_process_seconds(report)))
        startup = median_seconds([sys.executable, "-m", "checker", "--version"])
    print(f"Python {sys.version.split()[0]}, {RUNS} runs each, median.\n")
    print("| report size | command line (`rolcheck check R --output -`) | in process (`pipeline.check`) |")
    print("|---|---|---|")
    for size, cli, inner in rows:
        print(f"| {size / 1000:.0f} KB | {cli * 1000:.0f} ms | {inner * 1000:.0f} ms |")
    print(f"\nStart-up alone (`rolcheck --version`): {startup * 1000:.0f} ms")


if __name__ == "__main__":
    main()
