"""Benchmark: how close a check comes to the floor, on real-size reports (issue 17's targets).

Run from the repository root, one command per figure of docs/performance.md:

    .venv/bin/python benchmarks/bench_floor.py ratio      # 1 and 2: check DIR vs the floor, --jobs 1 and default; reports/s
    .venv/bin/python benchmarks/bench_floor.py latency    # 3: one report from the command line vs `python3 -c pass` (CPU)
    .venv/bin/python benchmarks/bench_floor.py scaling    # 4: a 5 MB report vs a 1 MB one (in process)
    .venv/bin/python benchmarks/bench_floor.py memory     # 4: peak RSS of a 6,400-report batch vs a 100-report one
                                                          #    (--sizes 100,1600,6400; the parent alone and the largest process)
    .venv/bin/python benchmarks/bench_floor.py stages     # 1, 2: where a batch's CPU goes, stage by stage, per report

Options: --reports N (ratio: corpus size, default 1000), --repeat N (default 3; medians are shown),
--before DIR (ratio, latency, memory: also run the rolcheck in DIR, e.g. an older commit unpacked with
``git archive COMMIT | tar -x -C DIR``, in the same run on the same files, for before/after figures),
--python PATH (latency: also time the rolcheck installed for that interpreter, e.g. after
``python3 -m venv /tmp/v && /tmp/v/bin/pip install .``, without the editable-install finder).
The corpus is benchmarks/corpus_real_size.py's (10–20 KB reports from our own samples, fixed
seed), generated in a temporary folder. The floor is one process that reads and decodes every
file and runs one compiled alternation of every literal heading and evidence phrase of the
resolved ``national`` checklist (bench_batch.raw_pattern), timed as a fresh process like the
check, so both pay Python's start-up. The machine is shared: ratios are taken in one run on the
same files, check and floor interleaved, and repeated; timings are reported, never asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus_real_size  # noqa: E402

_FLOOR = """
import re, sys
from pathlib import Path
sys.path.insert(0, {benchmarks!r})
pattern = re.compile(Path(sys.argv[1]).read_text("utf-8"))
hits = 0
for path in sorted(Path(sys.argv[2]).iterdir()):
    hits += len(pattern.findall(path.read_bytes().decode("utf-8")))
print(hits)
"""
_WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code)
"""


def _env(tree: Path | None) -> dict[str, str] | None:
    """The environment that makes ``python -m checker`` run the rolcheck in ``tree`` (None: this one)."""
    return None if tree is None else {**os.environ, "PYTHONPATH": str(tree)}


def _timed(command: list[str], tree: Path | None = None, cwd: Path | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (KB, the largest process) of one command (run in ``cwd``, else the tree)."""
    printed = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *command], capture_output=True, text=True, check=True, cwd=cwd or tree or ROOT, env=_env(tree)
    )
    wall, cpu, rss, code = printed.stdout.split()
    if int(code) not in (0, 1):
        raise SystemExit(f"{command[:4]} failed with exit code {code}")
    return float(wall), float(cpu), int(rss)


def _check(folder: Path, out: Path, extra: list[str], tree: Path | None = None) -> tuple[float, float, int]:
    return _timed([sys.executable, "-m", "checker", "check", str(folder), "--quiet", "--out", str(out), *extra], tree)


def _floor_command(folder: Path, pattern_file: Path) -> list[str]:
    return [sys.executable, "-c", _FLOOR.format(benchmarks=str(ROOT / "benchmarks")), str(pattern_file), str(folder)]


def ratio(reports: int, repeat: int, before: Path | None) -> None:
    from bench_batch import raw_pattern

    with tempfile.TemporaryDirectory(prefix="rolcheck-floor-") as temporary:
        folder = Path(temporary) / "reports"
        paths = corpus_real_size.generate(folder, reports)
        pattern_file = Path(temporary) / "pattern.txt"
        pattern_file.write_text(raw_pattern().pattern, "utf-8")
        rows: dict[str, list[tuple[float, float, int]]] = {"floor": [], "jobs1": [], "default": []}
        if before is not None:
            rows.update({"before_jobs1": [], "before_default": []})
        for run in range(repeat):  # interleaved, so load on the machine hits all of them alike
            rows["floor"].append(_timed(_floor_command(folder, pattern_file)))
            rows["jobs1"].append(_check(folder, Path(temporary) / f"out1_{run}", ["--jobs", "1"]))
            rows["default"].append(_check(folder, Path(temporary) / f"outd_{run}", []))
            if before is not None:
                rows["before_jobs1"].append(_check(folder, Path(temporary) / f"ob1_{run}", ["--jobs", "1"], before))
                rows["before_default"].append(_check(folder, Path(temporary) / f"obd_{run}", [], before))
        print(f"Python {sys.version.split()[0]}, {corpus_real_size.describe(paths)}; {repeat} runs, medians.\n")
    floor_wall = statistics.median(run[0] for run in rows["floor"])
    floor_cpu = statistics.median(run[1] for run in rows["floor"])
    print("| run | wall | CPU | reports/s | ratio to the floor (wall) | ratio (CPU) | peak RSS |")
    print("|---|---|---|---|---|---|---|")
    labels = [("floor", "floor (read, decode, one alternation)"), ("jobs1", "`check DIR --jobs 1`"), ("default", "`check DIR` (default jobs)")]
    if before is not None:
        labels += [("before_jobs1", f"before ({before.name}): `--jobs 1`"), ("before_default", f"before ({before.name}): default jobs")]
    for name, label in labels:
        wall = statistics.median(run[0] for run in rows[name])
        cpu = statistics.median(run[1] for run in rows[name])
        rss = max(run[2] for run in rows[name])
        print(
            f"| {label} | {wall:.2f} s | {cpu:.2f} s | {reports / wall:.0f} | {wall / floor_wall:.1f}× | {cpu / floor_cpu:.1f}× | {rss / 1024:.0f} MB |"
        )


def latency(repeat: int, before: Path | None, python: Path | None) -> None:
    """CPU (user + system, getrusage of the child) and wall time of one report from the command line, next to
    ``python -c pass`` of the same interpreter, interleaved; ``python`` also times an installed rolcheck
    (``pip install .`` into a throwaway venv), run from a folder without settings, next to its own ``-c pass``."""
    runs = max(repeat, 7)
    with tempfile.TemporaryDirectory(prefix="rolcheck-latency-") as temporary:
        report = corpus_real_size.generate(Path(temporary) / "report", 1)[0]
        neutral = Path(temporary) / "cwd"  # no rolcheck.toml or pyproject.toml: the settings reader has nothing to parse
        neutral.mkdir()
        # Installed packages have their bytecode cached; compile ours once the same way (even where
        # PYTHONDONTWRITEBYTECODE is set), so start-up is not timed as recompiling every module.
        trees = [ROOT] + ([before] if before is not None else [])
        subprocess.run([sys.executable, "-m", "compileall", "-q", *(str(tree / "checker") for tree in trees)], capture_output=True, check=False)
        check = [sys.executable, "-m", "checker", "check", str(report), "--output", "-"]
        # Likewise the compiled-pattern cache that sits beside the bytecode (checker/common/re_cache.py):
        # one run that may write it, as a user's first run does.
        for tree in trees:
            warm = {key: value for key, value in (_env(tree) or os.environ).items() if key != "PYTHONDONTWRITEBYTECODE"}
            subprocess.run(check, capture_output=True, check=False, cwd=neutral, env=warm)
        commands = {"bare": ([sys.executable, "-c", "pass"], None, neutral), "check": (check, ROOT, neutral)}
        if before is not None:
            commands["before"] = (check, before, neutral)
        if python is not None:
            commands["installed_bare"] = ([str(python), "-c", "pass"], None, neutral)
            commands["installed"] = ([str(python), "-m", "checker", "check", str(report), "--output", "-"], None, neutral)
            warm = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
            subprocess.run(commands["installed"][0], capture_output=True, check=False, cwd=neutral, env=warm)
        rows: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
        for _ in range(runs):  # interleaved, so load on the machine hits all of them alike
            for name, (command, tree, cwd) in commands.items():
                rows[name].append(_timed(command, tree, cwd))
        size = report.stat().st_size / 1000
    wall = {name: statistics.median(run[0] for run in found) for name, found in rows.items()}
    cpu = {name: statistics.median(run[1] for run in found) for name, found in rows.items()}
    print(f"Python {sys.version.split()[0]}, a {size:.1f} KB report, {runs} runs each, interleaved, medians; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.\n")
    print("| command | CPU | ratio (CPU) | wall | ratio (wall) |")
    print("|---|---|---|---|---|")
    labels = [("bare", "`python -c pass` (this venv)", "bare"), ("check", "`rolcheck check R --output -`", "bare")]
    if before is not None:
        labels.append(("before", f"before ({before.name})", "bare"))
    if python is not None:
        labels += [("installed_bare", "`python -c pass` (installed venv)", "installed_bare"), ("installed", "installed: `check R --output -`", "installed_bare")]
    for name, label, base in labels:
        print(f"| {label} | {cpu[name] * 1000:.0f} ms | {cpu[name] / cpu[base]:.1f}× | {wall[name] * 1000:.0f} ms | {wall[name] / wall[base]:.1f}× |")
    if python is not None:
        print(f"\nInstalled check vs this venv's `python -c pass`: {cpu['installed'] / cpu['bare']:.1f}× (CPU)")


def scaling(repeat: int) -> None:
    import random

    from checker.run.checklists import load
    from checker.run.pipeline import check

    checklist = load("national")
    rows = []
    with tempfile.TemporaryDirectory(prefix="rolcheck-scaling-") as temporary:
        texts = [(path.suffix, corpus_real_size._decode(path)) for path in corpus_real_size.SOURCES]
        pool = [paragraph for _, text in texts for paragraph in corpus_real_size._work_paragraphs(text)]
        base = corpus_real_size._decode(ROOT / "examples" / "青溪县2025年度法治政府建设情况报告.txt")
        for megabytes in (0.25, 1, 5):
            path = Path(temporary) / f"big_{megabytes}.txt"
            path.write_text(corpus_real_size.grow(base, pool, int(megabytes * 1_000_000), random.Random(7)), "utf-8")
            times = []
            for _ in range(repeat):
                start = time.process_time()
                check(path, checklist)
                times.append(time.process_time() - start)
            rows.append((path.stat().st_size / 1e6, statistics.median(times)))
    print(f"Python {sys.version.split()[0]}, in process (`pipeline.check`), CPU time, {repeat} runs, medians.\n")
    print("| report | CPU | per MB | vs 1 MB |")
    print("|---|---|---|---|")
    one = next(seconds for size, seconds in rows if 0.9 < size < 1.2)
    for size, seconds in rows:
        print(f"| {size:.2f} MB | {seconds:.2f} s | {seconds / size:.2f} s | {seconds / one:.1f}× |")


_PARENT = """
import atexit, resource, sys
def _peak():
    with open({report!r}, "w") as out:
        out.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
atexit.register(_peak)
from checker.cli import main
sys.argv[0] = "rolcheck"
sys.exit(main())
"""
_NO_SHARED_TEXT = """schema_version: 1
id: national.no_shared_text
title: national without the batch comparison (benchmark)
version: "1"
extends: national
checks:
  - {id: batch.shared_text, enabled: false}
"""


def _check_parent(folder: Path, out: Path, extra: list[str], temporary: Path, tree: Path | None = None) -> tuple[float, float, int, int]:
    """``_check``'s wall, CPU and largest-process RSS, and the parent's own peak RSS (KB; RUSAGE_SELF at exit)."""
    report = temporary / "parent_rss"
    command = [sys.executable, "-c", _PARENT.format(report=str(report)), "check", str(folder), "--quiet", "--out", str(out), *extra]
    wall, cpu, rss = _timed(command, tree)
    return wall, cpu, rss, int(report.read_text())


VARIANTS = {"default": [], "no shared_text": ["--checklist", "{plain}"]}


def memory(repeat: int, sizes: list[int], variants: list[str], before: Path | None) -> None:
    """Peak RSS by batch size, with the bundled checklist (automatic choice, reports compared with each other)
    and with ``national`` minus its ``shared_text`` check (no comparison: the batch runner alone);
    with ``before``, that tree's rolcheck too, on the same folders, run by run after this one's."""
    trees: list[tuple[str, Path | None]] = [("after" if before else "this tree", None)] + ([(f"before ({before.name})", before)] if before else [])
    with tempfile.TemporaryDirectory(prefix="rolcheck-memory-") as temporary:
        scratch = Path(temporary)
        everything = corpus_real_size.generate(scratch / "all", max(sizes))
        plain = scratch / "no_shared_text.yaml"
        plain.write_text(_NO_SHARED_TEXT, "utf-8")
        rows: list[tuple[int, str, str, float, float, int, int]] = []
        for size in sizes:
            batch = scratch / f"batch_{size}"
            batch.mkdir()
            for path in everything[:size]:
                os.link(path, batch / path.name)  # hard links: a folder's symlinks to files outside it are skipped
            for label in variants:
                extra = [argument.format(plain=plain) for argument in VARIANTS[label]]
                runs: dict[str, list[tuple[float, float, int, int]]] = {name: [] for name, _ in trees}
                for run in range(repeat):  # interleaved, so load on the machine hits both trees alike
                    for name, tree in trees:
                        out = scratch / f"out_{size}_{len(rows)}_{run}"
                        runs[name].append(_check_parent(batch, out, extra, scratch, tree))
                        shutil.rmtree(out, ignore_errors=True)
                for name, _ in trees:
                    found = runs[name]
                    rows.append((size, label, name, statistics.median(run[0] for run in found), statistics.median(run[1] for run in found),
                                 max(run[2] for run in found), max(run[3] for run in found)))
    print(f"Python {sys.version.split()[0]}, `check DIR --quiet --out TMP`, default jobs ({os.cpu_count()} CPUs), "
          f"{repeat} run(s) (wall and CPU median, RSS max).\n")
    print("| reports | checklist | tree | wall | CPU | peak RSS, largest process | peak RSS, parent |")
    print("|---|---|---|---|---|---|---|")
    for size, label, name, wall, cpu, rss, parent in rows:
        print(f"| {size} | {label} | {name} | {wall:.1f} s | {cpu:.1f} s | {rss / 1024:.1f} MB | {parent / 1024:.1f} MB |")
    for label in variants:
        for name, _ in trees:
            mine = [row for row in rows if row[1] == label and row[2] == name]
            print(f"\n{label}, {name}: peak RSS {mine[-1][0]:,} vs {mine[0][0]:,} reports: largest process {mine[-1][5] / mine[0][5]:.2f}×, "
                  f"parent {mine[-1][6] / mine[0][6]:.2f}×")


# (label, module, attribute, depth): the stages of a compared batch, each timed inclusive of those below it.
_STAGES = [
    ("whole run (`check DIR --jobs 1`)", "checker.cli", "main", 0),
    ("first look (`similar.survey`)", "checker.run.similar", "survey", 1),
    ("read the file", "checker.reading.readers", "read_report", 2),
    ("normalise", "checker.run.pipeline", "normalise", 2),
    ("outline", "checker.structure.outline", "build", 2),
    ("fingerprint", "checker.analysis.similarity", "fingerprint", 2),
    ("quotable sentences as evidence", "checker.run.similar", "_quotable", 2),
    ("the check after reading (`pipeline.check`)", "checker.run.pipeline", "_analyse", 2),
    ("time scopes", "checker.analysis.timescope", "assign", 3),
    ("phrase index (Aho–Corasick)", "checker.analysis.matching.SentenceIndex", "build", 3),
    ("matching", "checker.run.pipeline", "match_element", 3),
    ("scoring", "checker.analysis.scoring", "evaluate", 3),
    ("checks (findings)", "checker.rules.findings", "run", 3),
    ("result kept in the scratch folder", "checker.run.similar.Scratch", "keep", 2),
    ("fingerprints into the index", "checker.run.similar.Batch", "add", 1),
    ("passages found in the index", "checker.run.similar.Batch", "shared", 1),
    ("a report's passages looked up", "checker.run.similar.Shared", "get", 1),
    ("the other side's quotes (`Batch.quoted`)", "checker.run.similar.Batch", "quoted", 1),
    ("result loaded, batch checks (`similar.check`)", "checker.run.similar", "check", 1),
    ("outputs rendered and written", "checker.run.report_outputs", "write", 1),
    ("dashboard and pages (`finish`)", "checker.run.runner._Run", "finish", 1),
]


def stages(reports: int) -> None:
    """CPU (this thread's) of each stage of a compared batch checked in this process (``--jobs 1``), per report."""
    import importlib

    totals: dict[str, float] = {}

    def timed(label: str, function: Any) -> Any:
        def wrapper(*arguments: Any, **keywords: Any) -> Any:
            started = time.thread_time()
            try:
                return function(*arguments, **keywords)
            finally:
                totals[label] = totals.get(label, 0.0) + time.thread_time() - started

        return wrapper

    for label, module, attribute, _ in _STAGES:
        path = module.split(".")
        for split in range(len(path), 0, -1):  # the longest importable prefix; the rest are class names
            try:
                owner: Any = importlib.import_module(".".join(path[:split]))
                break
            except ImportError:
                continue
        for name in path[split:]:
            owner = getattr(owner, name)
        function = owner.__dict__[attribute] if isinstance(owner, type) else getattr(owner, attribute)
        if isinstance(function, classmethod):
            setattr(owner, attribute, classmethod(timed(label, function.__func__)))
        else:
            setattr(owner, attribute, timed(label, function))
    from checker.cli import main as cli_main

    with tempfile.TemporaryDirectory(prefix="rolcheck-stages-") as temporary:
        folder = Path(temporary) / "reports"
        paths = corpus_real_size.generate(folder, reports)
        cli_main(["check", str(folder), "--jobs", "1", "--quiet", "--out", str(Path(temporary) / "warm")])  # imports, caches
        totals.clear()
        cli_main(["check", str(folder), "--jobs", "1", "--quiet", "--out", str(Path(temporary) / "out")])
        print(f"Python {sys.version.split()[0]}, {corpus_real_size.describe(paths)}; one run after a warm-up run, in this process; "
              f"load average {os.getloadavg()[0]:.1f}.\n")
    whole = totals[_STAGES[0][0]]
    print("| stage | CPU per report | share of the run |")
    print("|---|---|---|")
    for label, _, _, depth in _STAGES:
        spent = totals.get(label, 0.0)
        print(f"| {'&nbsp;' * 4 * depth}{label} | {spent / reports * 1000:.2f} ms | {spent / whole:.0%} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["ratio", "latency", "scaling", "memory", "stages"])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--before", type=Path, default=None)
    parser.add_argument("--sizes", default="100,6400", help="memory: the batch sizes, comma-separated (default 100,6400)")
    parser.add_argument("--variants", default="default,no shared_text",
                        help="memory: 'default' (bundled checklists, reports compared) and/or 'no shared_text' (national without the comparison)")
    parser.add_argument("--python", type=Path, default=None, help="latency: also time the rolcheck installed for this interpreter")
    args = parser.parse_args()
    before = args.before.resolve() if args.before else None
    if args.what == "ratio":
        ratio(args.reports, args.repeat, before)
    elif args.what == "latency":
        latency(args.repeat, before, args.python)
    elif args.what == "scaling":
        scaling(args.repeat)
    elif args.what == "stages":
        stages(args.reports)
    else:
        memory(args.repeat, [int(size) for size in args.sizes.split(",")], args.variants.split(","), before)


if __name__ == "__main__":
    main()
