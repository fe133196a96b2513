"""Benchmark: a 5 MB report costs at most 5× a 1 MB one, and a report within --max-size stays under 300 MB.

Run from the repository root:  .venv/bin/python benchmarks/bench_large.py [--sizes 1,5,20]
Builds reports of the given sizes in MB from the bundled example (its measures section repeated,
as bench_check.py does), runs ``rolcheck check R --format json --out DIR`` in a fresh process
for each (best of ``--runs``), and prints wall time, CPU time and peak resident memory (the
child's ru_maxrss) as a Markdown table for docs/performance.md. Reported, never asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "青溪县2025年度法治政府建设情况报告.txt"


def make_report(target_bytes: int, folder: Path) -> Path:
    """A report of about ``target_bytes``: the example with its measures section repeated (figures varied)."""
    text = EXAMPLE.read_text("utf-8")
    start, end = text.index("二、"), text.index("三、")
    measures = text[start:end].replace("二、", "（补充）", 1)
    need = target_bytes - len(text.encode("utf-8"))
    copies = max(0, need // len(measures.encode("utf-8")))
    extra = "".join(measures.replace("1", str(number % 10)) for number in range(copies))
    path = folder / f"report_{target_bytes // 1000}kb.txt"
    path.write_text(text[:end] + extra + text[end:], "utf-8")
    return path


def measure(report: Path, out: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak MB of one check in a fresh process (wait4 gives the child's own usage)."""
    command = [sys.executable, "-m", "checker", "check", str(report), "--format", "json", "--out", str(out), "-q", "--max-size", "25"]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status not in (0, 256):  # exit 0 or 1: a verdict
        raise SystemExit(f"{report.name}: exit status {status}: {process.stderr.read().decode() if process.stderr else ''}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1,5", help="report sizes in MB, comma-separated")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in [float(value) for value in args.sizes.split(",")]:
            report = make_report(int(size * 1024 * 1024), Path(folder))
            best = min((measure(report, Path(folder) / "out") for _ in range(args.runs)), key=lambda row: row[0])
            rows.append((size, report.stat().st_size, *best))
            print(f"measured {report.stat().st_size / 1048576:.1f} MB: {best}", file=sys.stderr, flush=True)
    print("| report | wall time | CPU time | peak memory |")
    print("|---|---|---|---|")
    for size, actual, wall, cpu, peak in rows:
        print(f"| {actual / 1048576:.1f} MB | {wall:.1f} s | {cpu:.1f} s | {peak:.0f} MB |")
    if len(rows) >= 2:
        print(f"\n{rows[1][1] / 1048576:.1f} MB ÷ {rows[0][1] / 1048576:.1f} MB: wall {rows[1][2] / rows[0][2]:.2f}×, CPU {rows[1][3] / rows[0][3]:.2f}×")


if __name__ == "__main__":
    main()
