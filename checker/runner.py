"""``run()``: check every input, write every requested format, and return the exit code.

Built once by the CLI (check-jsonschema's build-then-run shape) so it can be tested without a
subprocess. Exit codes: 0 every required element present; 1 a required element at or below
``--fail-on`` (or the score under ``--fail-under``); 2 an input, checklist or usage error.
A bad file is reported on its own line and the run goes on; the code reflects the worst report.
Writing output files never changes the exit code.
"""

from __future__ import annotations

import glob
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from checker import renderers
from checker.checklist import Checklist
from checker.errors import RolcheckError, UsageError
from checker.pipeline import check
from checker.renderers import terminal
from checker.result import MISSING, PRESENT, ReportResult

EXIT_OK, EXIT_GAPS, EXIT_ERROR = 0, 1, 2
REPORT_SUFFIXES = (".txt", ".md", ".markdown")


@dataclass
class Options:
    """What to check and where results go; built by the CLI, or directly by tests and tools."""

    inputs: list[str]
    checklist: Checklist
    formats: list[str] = field(default_factory=lambda: ["json"])
    out_dir: Path = Path("reports_out")
    output: str | None = None  # "-" writes the single format to stdout
    fail_on: str = "weak"
    fail_under: int | None = None
    quiet: bool = False
    max_bytes: int = 20 * 1024 * 1024


def expand_inputs(inputs: list[str]) -> list[Path]:
    """Files, directories (searched for report files) and glob patterns, in a stable order."""
    paths: list[Path] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            paths.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES))
        elif not path.exists() and any(char in name for char in "*?["):
            paths.extend(sorted(Path(p) for p in glob.glob(name, recursive=True) if Path(p).is_file()))
        else:
            paths.append(path)  # a missing file is reported by the reader, in its turn
    return paths


def exit_code_for(result: ReportResult, fail_on: str, fail_under: int | None) -> int:
    """1 if a required element is missing (or weak, with ``fail_on='weak'``) or the score is too low."""
    statuses = result.required_statuses()
    failing = {MISSING} if fail_on == "missing" else statuses - {PRESENT}
    if statuses & failing or (fail_under is not None and result.score < fail_under):
        return EXIT_GAPS
    return EXIT_OK


def _output_names(paths: list[Path]) -> dict[Path, str]:
    """A file stem per report, unique within the run (same-named reports get their folder prepended)."""
    names: dict[Path, str] = {}
    taken: set[str] = set()
    for path in paths:
        stem, parent = path.stem, path.resolve().parent
        while stem in taken and parent != parent.parent:
            stem, parent = f"{parent.name}__{stem}", parent.parent
        taken.add(stem)
        names[path] = stem
    return names


def write_atomically(target: Path, text: str) -> None:
    """Write via a temporary file and rename, so an interrupted run never leaves half a report."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_outputs(result: ReportResult, stem: str, options: Options, inputs: set[Path], err: TextIO) -> list[Path]:
    written = []
    for name in options.formats:
        renderer = renderers.get(name)
        target = options.out_dir / f"{stem}.{renderer.extension}"
        if target.resolve() in inputs:
            target = options.out_dir / f"{stem}.rolcheck.{renderer.extension}"
        try:
            write_atomically(target, renderer.render(result))
        except OSError as exc:
            print(f"rolcheck: 警告：无法写入 {target}（{exc.strerror}）", file=err)
            continue
        written.append(target)
    return written


def run(options: Options, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Check every input and return the exit code (see the module docstring)."""
    out = out or sys.stdout
    err = err or sys.stderr
    for name in options.formats:
        renderers.get(name)  # unknown formats fail before any work
    paths = expand_inputs(options.inputs)
    if not paths:
        raise UsageError("没有找到要检查的报告文件（" + "、".join(options.inputs) + "）")
    if options.output == "-" and (len(paths) > 1 or len(options.formats) != 1):
        raise UsageError("--output - 只能用于单个报告和单一格式")
    names = _output_names(paths)
    inputs = {path.resolve() for path in paths}
    worst = EXIT_OK
    for path in paths:
        try:
            result = check(path, options.checklist, options.max_bytes)
        except RolcheckError as error:
            print(f"rolcheck: 错误：{error}", file=err)
            worst = max(worst, EXIT_ERROR)
            continue
        worst = max(worst, exit_code_for(result, options.fail_on, options.fail_under))
        if options.output == "-":
            out.write(renderers.get(options.formats[0]).render(result))
            continue
        written = _write_outputs(result, names[path], options, inputs, err)
        if not options.quiet:
            out.write(terminal.render(result))
            for target in written:
                out.write(f"  已写入：{target}\n")
            out.write("\n")
    return worst
