"""Benchmark: a batch of generated reports through `rolcheck check DIR`, against a raw scan of the same files.

Run from the repository root:  .venv/bin/python benchmarks/bench_batch.py
Options: --sizes 250,500,1000 (batch sizes), --repeat 3 (runs per batch; the fastest is shown,
as timeit does: other work on a shared machine only ever slows a run down), --check-arg ARG (repeatable:
extra arguments for `check`, e.g. --check-arg=--jobs=1), --profile (where in-process time goes).

Reports are generated from our own samples and corpus (never from ../shared): top-level sections
shuffled, figures changed, county and township names swapped, with a fixed seed so every run
checks the same text. Each batch runs `python -m checker check DIR --quiet --out TMP` in a fresh
process, through a small wrapper whose getrusage(RUSAGE_CHILDREN) gives that batch's peak RSS
alone. The raw scan is the floor any checker pays: read, decode and one compiled regular
expression (the alternation of every evidence and heading phrase of the checklist) over each
file, in this process. Timings are printed for docs/performance.md, never asserted in tests.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(
    path
    for path in [*ROOT.glob("tests/samples/*"), *ROOT.glob("corpus/reports/*"), ROOT / "examples" / "青溪县2025年度法治政府建设情况报告.txt"]
    if path.suffix in (".txt", ".md")
)
SEED = 20260301
COUNTIES = ["青溪县", "岚溪县", "枫岭县", "云岭市云台区", "松涧县", "石岚县", "白溪县", "柳川县"]
TOWNS = ["白沙镇", "柳湾镇", "石桥镇", "云台乡", "杉林镇", "凤溪乡", "竹坪镇", "梨川乡"]
_TOP = re.compile(r"^[一二三四五六七八九十]+、")
_FIGURE = re.compile(r"(?<![\d年])\d{1,4}(?![\d年月日])")
LATENCY_RUNS = 7
# Run by the wrapper process: check the batch, then print its wall time, CPU time (which other
# load on the machine does not inflate) and the largest peak RSS of its processes.
_WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code)
"""


def _decode(path: Path) -> str:
    from checker.reading.readers.text import decode

    return decode(path.read_bytes(), path)


def vary(text: str, rng: random.Random) -> str:
    """One new report from a sample: sections shuffled, figures changed, places renamed."""
    lines = text.split("\n")
    starts = [index for index, line in enumerate(lines) if _TOP.match(line)]
    if len(starts) > 1:
        end = len(lines) - 3  # keep the signature block last
        bounds = [*starts, end]
        sections = [lines[a:b] for a, b in zip(bounds, bounds[1:])]
        rng.shuffle(sections)
        lines = lines[: starts[0]] + [line for section in sections for line in section] + lines[end:]
    text = "\n".join(lines)
    text = _FIGURE.sub(lambda found: _new_figure(found.group(0), rng), text)
    for names in (COUNTIES, TOWNS):
        for name in names:
            text = text.replace(name, rng.choice(names))
    return text


def _new_figure(figure: str, rng: random.Random) -> str:
    """A random number of the same length; years (2021—2025) stay as they are."""
    if len(figure) == 4 and figure.startswith(("19", "20")):
        return figure
    return str(rng.randint(1, 10 ** len(figure) - 1))


def generate(folder: Path, count: int) -> list[Path]:
    rng = random.Random(SEED)
    texts = [(path.suffix, _decode(path)) for path in SOURCES]
    paths = []
    for number in range(count):
        suffix, text = texts[number % len(texts)]
        path = folder / f"report_{number:04d}{suffix}"
        path.write_text(vary(text, rng), "utf-8")
        paths.append(path)
    return paths


def raw_pattern() -> re.Pattern[str]:
    """One alternation of every evidence and heading phrase of the national checklist."""
    from checker.run.checklists import load

    phrases = set()
    for element in load("national").elements:
        phrases.update(element.headings)
        phrases.update(term for group in element.evidence for term in group.terms)
    escaped = (re.escape(phrase).replace(r"\{year\}", r"\d{4}").replace(r"\{next_year\}", r"\d{4}") for phrase in phrases)
    return re.compile("|".join(sorted(escaped, key=len, reverse=True)))


def raw_scan(paths: list[Path], pattern: re.Pattern[str]) -> tuple[float, int]:
    """Seconds to read, decode and scan every file once, and the number of hits (so none is skipped)."""
    start = time.perf_counter()
    hits = 0
    for path in paths:
        hits += len(pattern.findall(path.read_bytes().decode("utf-8")))
    return time.perf_counter() - start, hits


def batch_check(folder: Path, out: Path, extra: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (KB) of one `check DIR` run."""
    command = [sys.executable, "-m", "checker", "check", str(folder), "--quiet", "--out", str(out), *extra]
    printed = subprocess.run([sys.executable, "-c", _WRAPPER, *command], capture_output=True, text=True, check=True, cwd=ROOT)
    wall, cpu, rss, code = printed.stdout.split()
    if int(code) not in (0, 1):
        raise SystemExit(f"check failed with exit code {code}")
    return float(wall), float(cpu), int(rss)


def latency(report: Path) -> float:
    """Median wall seconds of `check R --output -` for one report, a fresh process each time."""
    command = [sys.executable, "-m", "checker", "check", str(report), "--output", "-"]
    times = []
    for _ in range(LATENCY_RUNS):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def profile(paths: list[Path]) -> str:
    """The functions where an in-process check of ``paths`` spends its time, by own time."""
    from checker.run.checklists import load
    from checker.run.pipeline import check

    checklist = load("national")
    profiler = cProfile.Profile()
    profiler.enable()
    for path in paths:
        check(path, checklist)
    profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(15)
    return stream.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250,500,1000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check-arg", action="append", default=[], dest="extra")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    pattern = raw_pattern()
    rows = []
    with tempfile.TemporaryDirectory(prefix="rolcheck-bench-") as temporary:
        folder = Path(temporary)
        (folder / "all").mkdir()
        everything = generate(folder / "all", max(sizes))
        for size in sizes:
            batch = folder / f"batch_{size}"
            batch.mkdir()
            for path in everything[:size]:
                (batch / path.name).symlink_to(path)
            paths = sorted(batch.iterdir())
            megabytes = sum(path.stat().st_size for path in paths) / 1e6
            raw_seconds = min(raw_scan(paths, pattern)[0] for _ in range(args.repeat))
            runs = [batch_check(batch, folder / f"out_{size}_{run}", args.extra) for run in range(args.repeat)]
            wall = min(run[0] for run in runs)
            cpu = min(run[1] for run in runs)
            rows.append((size, megabytes, wall, cpu, max(run[2] for run in runs), raw_seconds))
        single = latency(everything[0])
        profiled = profile(everything[:200]) if args.profile else ""
    print(
        f"Python {sys.version.split()[0]}, {len(SOURCES)} source reports, seed {SEED}, best of {args.repeat} runs, "
        f"extra check args: {' '.join(args.extra) or 'none'}\n"
    )
    print("| reports | MB | wall | CPU | reports/s | MB/s | peak RSS | raw scan | check ÷ raw scan |")
    print("|---|---|---|---|---|---|---|---|---|")
    for size, megabytes, wall, cpu, rss, raw_seconds in rows:
        print(
            f"| {size} | {megabytes:.1f} | {wall:.1f} s | {cpu:.1f} s | {size / wall:.0f} | {megabytes / wall:.2f} "
            f"| {rss / 1024:.0f} MB | {raw_seconds * 1000:.0f} ms | {wall / raw_seconds:.0f}× |"
        )
    print(f"\nSingle report from the command line (`check R --output -`, median of {LATENCY_RUNS}): {single * 1000:.0f} ms")
    if profiled:
        print("\n" + profiled)


if __name__ == "__main__":
    main()
