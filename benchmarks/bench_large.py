"""Benchmark: a 5 MB report costs at most 5× a 1 MB one, and a report within --max-size stays under 300 MB.

Run from the repository root:

    .venv/bin/python benchmarks/bench_large.py [--sizes 1,5,20] [--formats txt,md,html,docx] [--outputs json,html]

Builds reports of the given sizes in MB from the bundled example (its measures section repeated,
as bench_check.py does), as plain text and, with ``--formats``, as Markdown, a web page and a Word
document (tests/formats_build.py, the builders the format tests use). A web page is built from a
text cut so that the page itself has the size asked for (its tags add a few per cent); a Word file
is built from the text of that size (it compresses to about a quarter: a .docx of 20 MB would
hold a report four times the limit). Each is checked by ``rolcheck check R --format OUTPUTS --out
DIR --max-size 25`` in a fresh process (best of ``--runs``); the table gives wall time, CPU time
and peak resident memory (the child's own, from ``wait4``) for docs/performance.md. Reported,
never asserted in tests.
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
sys.path.insert(0, str(ROOT / "tests"))
EXAMPLE = ROOT / "examples" / "青溪县2025年度法治政府建设情况报告.txt"


def make_report(target_bytes: int, folder: Path, name: str = "") -> Path:
    """A report of about ``target_bytes``: the example with its measures section repeated (figures varied)."""
    text = EXAMPLE.read_text("utf-8")
    start, end = text.index("二、"), text.index("三、")
    measures = text[start:end].replace("二、", "（补充）", 1)
    need = target_bytes - len(text.encode("utf-8"))
    copies = max(0, need // len(measures.encode("utf-8")))
    extra = "".join(measures.replace("1", str(number % 10)) for number in range(copies))
    path = folder / (name or f"report_{target_bytes // 1000}kb.txt")
    path.write_text(text[:end] + extra + text[end:], "utf-8")
    return path


def make_format(target_bytes: int, folder: Path, suffix: str) -> Path:
    """The report of about ``target_bytes`` as ``suffix`` (txt, md, html or docx)."""
    text = make_report(target_bytes, folder, f"report_{target_bytes // 1000}kb.txt")
    if suffix == "txt":
        return text
    import formats_build

    build = {"md": formats_build.write_markdown, "html": formats_build.write_html, "docx": formats_build.write_docx}[suffix]
    out = folder / f"report_{target_bytes // 1000}kb.{suffix}"
    build(text, out)
    if suffix == "html" and out.stat().st_size > target_bytes:  # the page's tags: cut the text so the page fits
        smaller = make_report(int(target_bytes * target_bytes / out.stat().st_size), folder, f"cut_{target_bytes // 1000}kb.txt")
        build(smaller, out)
    return out


def measure(report: Path, out: Path, outputs: str = "json") -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak MB of one check in a fresh process (wait4 gives the child's own usage)."""
    command = [sys.executable, "-m", "checker", "check", str(report), "--format", outputs, "--out", str(out), "-q", "--max-size", "25"]
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
    parser.add_argument("--formats", default="txt", help="input formats, comma-separated: txt, md, html, docx")
    parser.add_argument("--outputs", default="json", help="the --format of each check (json; json,html renders the page too)")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for suffix in args.formats.split(","):
            for size in [float(value) for value in args.sizes.split(",")]:
                report = make_format(int(size * 1024 * 1024), Path(folder), suffix)
                best = min((measure(report, Path(folder) / "out", args.outputs) for _ in range(args.runs)), key=lambda row: row[0])
                rows.append((suffix, report.stat().st_size, *best))
                print(f"measured {suffix} {report.stat().st_size / 1048576:.1f} MB: {best}", file=sys.stderr, flush=True)
    print(f"outputs: {args.outputs}\n")
    print("| format | file | wall time | CPU time | peak memory |")
    print("|---|---|---|---|---|")
    for suffix, actual, wall, cpu, peak in rows:
        print(f"| {suffix} | {actual / 1048576:.1f} MB | {wall:.1f} s | {cpu:.1f} s | {peak:.0f} MB |")
    for suffix in args.formats.split(","):
        of = [row for row in rows if row[0] == suffix]
        if len(of) >= 2:
            print(f"\n{suffix}: {of[1][1] / 1048576:.1f} MB ÷ {of[0][1] / 1048576:.1f} MB: wall {of[1][2] / of[0][2]:.2f}×, CPU {of[1][3] / of[0][3]:.2f}×")


if __name__ == "__main__":
    main()
