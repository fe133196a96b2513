"""Benchmark: the worst Word file within both of the Word reader's limits, checked in a fresh process.

Run from the repository root:

    .venv/bin/python benchmarks/bench_word_limits.py [--runs 3] [--outputs json,html]

Builds our sample as Word (tests/formats_build.py) and appends to its body the sample's
paragraphs repeated (figures varied) up to 9 MB of XML, then empty paragraphs up to the
reader's 100,000 (``checker.reading.readers.docx.MAX_PARAGRAPHS``): the most a .docx can
make the check hold without being refused, since ``--max-size`` counts compressed bytes and
this file is 0.2 MB. Each run is ``rolcheck check F --format OUTPUTS`` in a fresh process;
prints the median CPU time and peak resident memory (the child's own, from ``wait4``) for
docs/performance.md. Reported, never asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "examples" / "青溪县2025年度法治政府建设情况报告.txt"
TEXT_XML_BYTES = 9_000_000


def build(folder: Path) -> Path:
    """The worst file: the sample's body followed by its paragraphs to 9 MB of XML, then empty paragraphs to the limit."""
    import formats_build

    from checker.reading.readers.docx import _PARAGRAPH_TAG, MAX_PARAGRAPHS

    base, out = folder / "base.docx", folder / "worst.docx"
    formats_build.write_docx(EXAMPLE, base)
    texts = [line for line in EXAMPLE.read_text("utf-8").splitlines() if line.strip()]
    with zipfile.ZipFile(base) as source:
        have = sum(1 for _ in _PARAGRAPH_TAG.finditer(source.read("word/document.xml")))
    pieces, size = [], 0
    while size < TEXT_XML_BYTES:
        text = texts[len(pieces) % len(texts)].replace("1", str(len(pieces) % 10))
        pieces.append(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode())
        size += len(pieces[-1])
    extra = b"".join(pieces) + b"<w:p/>" * (MAX_PARAGRAPHS - have - len(pieces))
    formats_build.append_to_body(base, out, extra)
    with zipfile.ZipFile(out) as built:
        print(f"body: {built.getinfo('word/document.xml').file_size / 1048576:.1f} MB of XML, {MAX_PARAGRAPHS} paragraphs", file=sys.stderr)
    return out


def measure(report: Path, out: Path, outputs: str) -> tuple[float, float]:
    """CPU seconds and peak MB of one check in a fresh process (wait4 gives the child's own usage)."""
    command = [sys.executable, "-m", "checker", "check", str(report), "--format", outputs, "--out", str(out), "-q"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    if status not in (0, 256):  # exit 0 or 1: a verdict
        raise SystemExit(f"{report.name}: exit status {status}: {process.stderr.read().decode() if process.stderr else ''}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--outputs", default="json,html", help="the --format of each check")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        report = build(Path(folder))
        size = report.stat().st_size
        rows = [measure(report, Path(folder) / "out", args.outputs) for _ in range(args.runs)]
    cpu, peak = statistics.median(row[0] for row in rows), statistics.median(row[1] for row in rows)
    print(f"| worst Word file ({size / 1048576:.1f} MB, {args.outputs}) | {cpu:.1f} s | {peak:.0f} MB |")


if __name__ == "__main__":
    main()
