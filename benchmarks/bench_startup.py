"""Benchmark: what a single check's start-up is made of (issue 17, target 3; docs/performance.md).

Run from the repository root:

    .venv/bin/python benchmarks/bench_startup.py classes   # creating a record class: frozen dataclass, dataclass, NamedTuple, plain class
    .venv/bin/python benchmarks/bench_startup.py profile   # `-X importtime` of `check R --output -`, grouped: rolcheck, each library, the standard library
    .venv/bin/python benchmarks/bench_startup.py phases    # CPU of the imports, of the record classes and regexes they create, and of the check itself
    .venv/bin/python benchmarks/bench_startup.py floor     # what a check cannot do without: the interpreter, the libraries, every module, a warm check
    .venv/bin/python benchmarks/bench_startup.py instructions --before DIR   # the same in instructions (valgrind callgrind), and DIR's check

The whole-process figure (CPU of ``check R --output -`` against ``python -c pass``) is
``bench_floor.py latency``'s. These say where that time goes, so the next step is chosen by
measurement. Timings are CPU time (``time.process_time``), medians of ``--repeat`` fresh
processes; the machine is shared, so read them as proportions, never as limits.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "青溪县2025年度法治政府建设情况报告.txt"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}  # this tree's rolcheck, run from a folder without settings

# One class of six fields (two required), the shape of the checklist's records, created 30 times per kind.
_CLASSES = '''
import time
from dataclasses import dataclass
from typing import NamedTuple

def frozen():
    @dataclass(frozen=True)
    class C:
        a: str
        b: str
        c: int = 0
        d: tuple = ()
        e: str = ""
        f: bool = True

def mutable():
    @dataclass
    class C:
        a: str
        b: str
        c: int = 0
        d: tuple = ()
        e: str = ""
        f: bool = True

def named():
    class C(NamedTuple):
        a: str
        b: str
        c: int = 0
        d: tuple = ()
        e: str = ""
        f: bool = True

def plain():
    class C:
        __slots__ = ("a", "b", "c", "d", "e", "f")

        def __init__(self, a, b, c=0, d=(), e="", f=True):
            self.a, self.b, self.c, self.d, self.e, self.f = a, b, c, d, e, f

for make in (frozen, mutable, named, plain):
    started = time.process_time()
    for _ in range(30):
        make()
    print(make.__name__, (time.process_time() - started) / 30)
'''

_PHASES = '''
import contextlib, dataclasses, io, re, sys, time
import re._compiler as compiler

spent = {"classes": 0.0, "regexes": 0.0}
real_process, real_optimise = dataclasses._process_class, compiler.compile

def process(*args, **kwargs):
    started = time.process_time()
    try:
        return real_process(*args, **kwargs)
    finally:
        spent["classes"] += time.process_time() - started

def compile(*args, **kwargs):
    started = time.process_time()
    try:
        return real_optimise(*args, **kwargs)
    finally:
        spent["regexes"] += time.process_time() - started

dataclasses._process_class, compiler.compile = process, compile
started = time.process_time()
from checker import cli
import checker.run.runner, checker.commands.check
imported = time.process_time()
at_import = dict(spent)
with contextlib.redirect_stdout(io.StringIO()):
    cli.main(["check", sys.argv[1], "--output", "-"])
done = time.process_time()
print(imported - started, at_import["classes"], at_import["regexes"], done - imported, spent["regexes"] - at_import["regexes"])
'''


# Imports what a check imports, then checks the report once (a first check) and once more in the
# same process (a warm check: every module imported and every pattern compiled, as in a resident process).
_FLOOR = '''
import contextlib, io, sys, time
from checker import cli
with contextlib.redirect_stdout(io.StringIO()):
    cli.main(["check", sys.argv[1], "--output", "-"])
    started = time.process_time()
    cli.main(["check", sys.argv[1], "--output", "-"])
    warm = time.process_time() - started
libraries = sorted({m.split(".")[0] for m in sys.modules} - set(sys.stdlib_module_names) - {"checker", "__main__"} - {m for m in sys.modules if m.startswith(("_", "cython"))})
print(warm, ",".join(libraries), ",".join(sorted(m for m in sys.modules if m.startswith("checker"))))
'''


def _cpu(command: list[str], cwd: str) -> float:
    """CPU seconds (user + system) of one fresh process, as bench_floor.py's latency counts them."""
    wrapper = "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); u = resource.getrusage(resource.RUSAGE_CHILDREN); print(u.ru_utime + u.ru_stime)"
    return float(subprocess.run([sys.executable, "-c", wrapper, *command], capture_output=True, text=True, check=True, cwd=cwd, env=ENV).stdout)


def floor(repeat: int) -> None:
    """The floor of a single check, in fresh processes interleaved: the interpreter, the libraries a check
    imports, every module it imports (module constants and record classes included), the whole command;
    and a warm check in a process that already checked once (what a resident process would pay)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "checker")], capture_output=True, check=False)
    with tempfile.TemporaryDirectory(prefix="rolcheck-startup-") as neutral:
        warm_env = {key: value for key, value in ENV.items() if key != "PYTHONDONTWRITEBYTECODE"}
        subprocess.run([sys.executable, "-m", "checker", "check", str(EXAMPLE), "--output", "-"], capture_output=True, check=False, cwd=neutral, env=warm_env)
        warm_run, libraries, modules = subprocess.run([sys.executable, "-c", _FLOOR, str(EXAMPLE)], capture_output=True, text=True, check=True, cwd=neutral, env=ENV).stdout.split()
        commands = {
            "`python -c pass`": [sys.executable, "-c", "pass"],
            f"import the libraries ({libraries.replace(',', ', ')})": [sys.executable, "-c", f"import {libraries}"],
            f"import every module a check imports ({modules.count(',') + 1} of rolcheck's, with their libraries)": [sys.executable, "-c", f"import {modules}"],
            "`rolcheck check R --output -`": [sys.executable, "-m", "checker", "check", str(EXAMPLE), "--output", "-"],
        }
        rows: dict[str, list[float]] = {name: [] for name in commands}
        warm = [float(warm_run)]
        for _ in range(repeat):
            for name, command in commands.items():
                rows[name].append(_cpu(command, neutral))
            warm.append(float(subprocess.run([sys.executable, "-c", _FLOOR, str(EXAMPLE)], capture_output=True, text=True, check=True, cwd=neutral, env=ENV).stdout.split()[0]))
    bare = statistics.median(rows["`python -c pass`"])
    print(f"Python {sys.version.split()[0]}, {EXAMPLE.name}, {repeat} runs, interleaved, medians (CPU of the process); load average {os.getloadavg()[0]:.1f}.\n")
    print("| what | CPU | × `python -c pass` |")
    print("|---|---|---|")
    for name, found in rows.items():
        print(f"| {name} | {statistics.median(found) * 1000:.0f} ms | {statistics.median(found) / bare:.1f}× |")
    print(f"| a warm check (in a process that checked it once) | {statistics.median(warm) * 1000:.1f} ms | — |")


def instructions(repeat: int, before: Path | None) -> None:
    """Instructions executed (``valgrind --tool=callgrind``) by ``python -c pass``, by a check with this tree and
    with ``before``'s: unlike CPU time they do not grow with the load of a shared machine. Each command runs
    once without ``PYTHONDONTWRITEBYTECODE`` first, so the bytecode and the compiled-pattern cache exist."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", *(str(tree / "checker") for tree in [ROOT] + ([before] if before else []))], capture_output=True, check=False)
    check = [sys.executable, "-m", "checker", "check", str(EXAMPLE), "--output", "-"]
    with tempfile.TemporaryDirectory(prefix="rolcheck-startup-") as neutral:
        _, libraries, modules = subprocess.run([sys.executable, "-c", _FLOOR, str(EXAMPLE)], capture_output=True, text=True, check=True, cwd=neutral, env=ENV).stdout.split()
    trees = {
        "`python -c pass`": ([sys.executable, "-c", "pass"], ROOT),
        f"import the libraries ({libraries.replace(',', ', ')})": ([sys.executable, "-c", f"import {libraries}"], ROOT),
        f"import every module a check imports ({modules.count(',') + 1} of rolcheck's, with the libraries)": ([sys.executable, "-c", f"import {modules}"], ROOT),
        "`rolcheck check R --output -`": (check, ROOT),
    }
    if before is not None:
        trees[f"before ({before.name})"] = (check, before)
    counts: dict[str, list[int]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory(prefix="rolcheck-startup-") as neutral:
        for command, tree in trees.values():
            env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
            subprocess.run(command, capture_output=True, check=False, cwd=neutral, env={**env, "PYTHONPATH": str(tree)})
        for _ in range(repeat):
            for name, (command, tree) in trees.items():
                env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
                done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command], capture_output=True, text=True, check=False, cwd=neutral, env=env)
                counts[name].append(int(re.search(r"Collected : (\d+)", done.stderr).group(1)))  # type: ignore[union-attr]
    bare = statistics.median(counts["`python -c pass`"])
    print(f"Python {sys.version.split()[0]}, {EXAMPLE.name}, {repeat} runs each, medians of instructions executed (callgrind).\n")
    print("| command | instructions | × `python -c pass` |")
    print("|---|---|---|")
    for name, found in counts.items():
        print(f"| {name} | {statistics.median(found) / 1e6:.0f} M | {statistics.median(found) / bare:.1f}× |")


def classes(repeat: int) -> None:
    runs: dict[str, list[float]] = collections.defaultdict(list)
    for _ in range(repeat):
        printed = subprocess.run([sys.executable, "-c", _CLASSES], capture_output=True, text=True, check=True).stdout
        for line in printed.splitlines():
            name, seconds = line.split()
            runs[name].append(float(seconds))
    labels = {"frozen": "`@dataclass(frozen=True)`", "mutable": "`@dataclass`", "named": "`typing.NamedTuple`", "plain": "plain class, `__slots__`, own `__init__`"}
    print(f"Python {sys.version.split()[0]}, one class of six fields, {repeat} processes, medians.\n")
    print("| class | CPU to create | vs frozen dataclass |")
    print("|---|---|---|")
    frozen = statistics.median(runs["frozen"])
    for name, label in labels.items():
        seconds = statistics.median(runs[name])
        print(f"| {label} | {seconds * 1000:.3f} ms | {seconds / frozen:.2f}× |")


def profile(repeat: int) -> None:
    """``-X importtime`` self times of a single check, grouped, medians over ``repeat`` runs."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "checker")], capture_output=True, check=False)
    runs = []
    with tempfile.TemporaryDirectory(prefix="rolcheck-startup-") as neutral:  # no settings file to read
        for _ in range(repeat):
            done = subprocess.run(
                [sys.executable, "-X", "importtime", "-m", "checker", "check", str(EXAMPLE), "--output", "-"],
                capture_output=True, text=True, check=False, cwd=neutral, env=ENV,
            )
            own = {}
            for line in done.stderr.splitlines():
                found = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", line)
                if found:
                    own[found.group(2)] = int(found.group(1)) / 1e6
            runs.append(own)
    modules = set().union(*runs)
    median = {name: statistics.median(run.get(name, 0.0) for run in runs) for name in modules}
    stdlib = set(sys.stdlib_module_names)
    groups: collections.Counter[str] = collections.Counter()
    for name, seconds in median.items():
        top = name.split(".")[0]
        group = "rolcheck (checker.*)" if top == "checker" else f"{top} (standard library)" if top.lstrip("_") in stdlib or top in stdlib else top
        groups[group] += seconds
    print(f"Python {sys.version.split()[0]}, `-X importtime` of `check R --output -`, {len(modules)} modules, {repeat} runs, medians of self time.\n")
    print(f"Total self time {sum(median.values()) * 1000:.0f} ms (importtime's own overhead included).\n")
    print("| group | self time |")
    print("|---|---|")
    for group, seconds in groups.most_common(14):
        print(f"| {group} | {seconds * 1000:.1f} ms |")
    print("\n| rolcheck module | self time |")
    print("|---|---|")
    for name, seconds in sorted(((n, s) for n, s in median.items() if n.startswith("checker")), key=lambda item: -item[1])[:12]:
        print(f"| {name} | {seconds * 1000:.1f} ms |")


def phases(repeat: int) -> None:
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "checker")], capture_output=True, check=False)
    rows = []
    with tempfile.TemporaryDirectory(prefix="rolcheck-startup-") as neutral:
        for _ in range(repeat):
            printed = subprocess.run([sys.executable, "-c", _PHASES, str(EXAMPLE)], capture_output=True, text=True, check=True, cwd=neutral, env=ENV).stdout
            rows.append([float(value) for value in printed.split()])
    imports, classes_at_import, regexes_at_import, check, regexes_in_check = (statistics.median(column) for column in zip(*rows))
    print(f"Python {sys.version.split()[0]}, in one process after interpreter start-up, {repeat} runs, medians (CPU).\n")
    print("| phase | CPU | of which: creating dataclasses | of which: compiling `re` patterns |")
    print("|---|---|---|---|")
    print(f"| imports (cli, runner, check command) | {imports * 1000:.0f} ms | {classes_at_import * 1000:.0f} ms | {regexes_at_import * 1000:.0f} ms |")
    print(f"| the check (`cli.main`) | {check * 1000:.0f} ms | — | {regexes_in_check * 1000:.0f} ms |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["classes", "profile", "phases", "floor", "instructions"])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--before", type=Path, help="instructions: also count the rolcheck in DIR (e.g. git archive COMMIT | tar -x -C DIR)")
    args = parser.parse_args()
    if args.what == "instructions":
        instructions(args.repeat, args.before)
    else:
        {"classes": classes, "profile": profile, "phases": phases, "floor": floor}[args.what](args.repeat)


if __name__ == "__main__":
    main()
