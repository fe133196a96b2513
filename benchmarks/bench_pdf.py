"""Benchmark: the whole check of a report as PDF against the same report as text (issue 17, target 5).

Run from the repository root:

    .venv/bin/python benchmarks/bench_pdf.py [--repeat 7] [--before DIR]

The 9-report set is the two examples and the seven sample reports of tests/samples (the web
page dump left out), each typeset as PDF by tests/formats_build.py (reportlab, CID font) and,
when LibreOffice is installed, exported to PDF from its Word version (embedded subset fonts,
as Word and WPS exports are). Each report is checked in one process through
``checker.run.pipeline.check`` with the national checklist, text and PDF interleaved, after one
warm-up check of every file (imports and caches); the CPU time of each check (user + system:
getrusage for the process; /proc/PID/schedstat, in nanoseconds, for the live helper process that
reads PDFs) is summed per round, ``--repeat`` rounds, each in a fresh process. Printed: per
producer, the median over the rounds of the mean per report, PDF and text, and of the ratio of
their sums. ``--before DIR`` (a tree unpacked with ``git archive COMMIT | tar -x -C DIR``) times
that rolcheck on the same files in the same run, rounds alternating between the two trees. The
machine is shared: figures are reported in docs/performance.md, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted(ROOT.glob("examples/*.txt")) + [
    path for path in sorted((ROOT / "tests" / "samples").glob("*.txt")) if path.name != "web_page.txt"
]

_WORKER = """
import json, os, resource, sys
from pathlib import Path
from checker.run.checklists import load
from checker.run.pipeline import check

TICK = os.sysconf("SC_CLK_TCK")

def cpu():
    # This process, its reaped children, and the live ones: the PDF text layer is read in a helper process
    # (checker/common/bounded.py), whose CPU time only /proc shows while it lives: schedstat in nanoseconds
    # (stat's clock ticks are 10 ms, as much as the helper spends on a whole report).
    total = sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))
    for task in Path("/proc/self/task").iterdir():
        for pid in (task / "children").read_text().split():
            try:
                total += int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9
            except (OSError, IndexError, ValueError):  # a kernel without scheduler statistics: clock ticks
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / TICK
    return total

pairs = json.loads(sys.argv[1])
national = load("national")
for text, pdf in pairs:
    check(Path(text), national), check(Path(pdf), national)
sums = {"text": 0.0, "pdf": 0.0}
for text, pdf in pairs:
    for kind, path in (("text", text), ("pdf", pdf)):
        start = cpu()
        check(Path(path), national)
        sums[kind] += cpu() - start
print(json.dumps(sums))
"""


def build(work: Path) -> dict[str, list[tuple[Path, Path]]]:
    """(text, pdf) pairs per producer: reportlab always, LibreOffice when ``soffice`` is installed."""
    sys.path.insert(0, str(ROOT / "tests"))
    import formats_build

    sets = {"reportlab, CID font (STSong-Light)": [(report, formats_build.write_pdf(report, work / f"{report.stem}.pdf").path)
                                                    for report in REPORTS]}
    soffice = shutil.which("soffice")
    if soffice:
        (work / "docx").mkdir()
        words = [formats_build.write_docx(report, work / "docx" / f"{report.stem}.docx").path for report in REPORTS]
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(work / "lo"), *map(str, words)],
                       check=True, capture_output=True, timeout=900)
        sets["LibreOffice export of the .docx (embedded subset fonts)"] = [(report, work / "lo" / f"{report.stem}.pdf") for report in REPORTS]
    return sets


def timed(pairs: list[tuple[Path, Path]], tree: Path) -> dict[str, float]:
    """CPU seconds of one round (every text and every PDF checked once), from a fresh process running the rolcheck in ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run([sys.executable, "-c", _WORKER, json.dumps([[str(a), str(b)] for a, b in pairs])],
                          capture_output=True, text=True, check=True, cwd=tree, env=env, timeout=3600)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--before", type=Path, default=None)
    args = parser.parse_args()
    trees = [("after", ROOT)] + ([("before", args.before.resolve())] if args.before else [])
    with tempfile.TemporaryDirectory() as folder:
        sets = build(Path(folder))
        print(f"{len(REPORTS)} reports, {args.repeat} rounds; CPU per check (user + system), mean of a round, median of the rounds\n")
        print("| producer | tree | PDF, per report | text, per report | PDF ÷ text |")
        print("|---|---|---|---|---|")
        for producer, pairs in sets.items():
            rounds: dict[str, list[dict[str, float]]] = {name: [] for name, _ in trees}
            for _ in range(args.repeat):  # trees alternate round by round, so load changes hit both alike
                for name, tree in trees:
                    rounds[name].append(timed(pairs, tree))
            for name, tree in trees:
                pdf = statistics.median(sums["pdf"] for sums in rounds[name]) / len(pairs)
                text = statistics.median(sums["text"] for sums in rounds[name]) / len(pairs)
                ratio = statistics.median(sums["pdf"] / sums["text"] for sums in rounds[name])
                label = name if name == "after" else f"before ({tree.name})"
                print(f"| {producer} | {label} | {1000 * pdf:.1f} ms | {1000 * text:.1f} ms | {ratio:.2f}× |")


if __name__ == "__main__":
    main()
