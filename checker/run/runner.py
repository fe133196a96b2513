"""``run()``: check every input, write every requested format, and return the exit code.

Built once by the CLI (check-jsonschema's build-then-run shape) so it can be tested without a
subprocess. Exit codes: 0 every required element present and no finding at or above
``--fail-on-findings`` (default: error); 1 a finding at or above it, or a required element at or below
``--fail-on`` (or the score under ``--fail-under``); 2 an input, checklist or usage error.
A bad file is reported on its own line and the run goes on; the code reflects the worst report.
Writing output files never changes the exit code.

A batch (more than one report) is checked in ``jobs`` worker processes, shows a progress bar
on a terminal (never in CI logs), and adds ``index.html`` and ``summary.csv`` to the output.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TextIO

from checker.checklist.model import Checklist
from checker.common.errors import RolcheckError, UsageError
from checker.output import renderers
from checker.reading.readers import STDIN
from checker.reading.source import DEFAULT_MAX_BYTES
from checker.result import (
    MISSING,
    PRESENT,
    BatchResult,
    ReportResult,
    SummaryRow,
    at_or_above,
    summarise,
)
from checker.run import discovery, step_outputs
from checker.run.baseline import Baseline
from checker.run.choice import Selection
from checker.run.pipeline import check

EXIT_OK, EXIT_GAPS, EXIT_ERROR = 0, 1, 2


@dataclass
class Options:
    """What to check and where results go; built by the CLI, or directly by tests and tools."""

    inputs: list[str]
    checklist: Checklist | Selection  # a Selection picks each report's checklist (run/choice.py)
    formats: list[str] = field(default_factory=lambda: ["json"])
    out_dir: Path = Path("reports_out")
    output: str | None = None  # "-" writes the single format to stdout
    fail_on: str = "weak"
    fail_on_findings: str = "error"  # error | warning | never
    fail_under: int | None = None
    quiet: bool = False
    verbose: bool = False  # the single-report summary also lists the present elements' reasons
    colour: bool | None = None  # None: colour on a terminal, honouring NO_COLOR / FORCE_COLOR
    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int = 1
    lang: str = "zh"
    baseline: Baseline | None = None
    exclude: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=list)
    reports_only: bool = False  # the pre-commit hook: only files named like annual reports (or matching include)
    github_output: Path | None = None  # append step outputs here ($GITHUB_OUTPUT; checker.run.step_outputs)


def expand_inputs(
    inputs: list[str],
    exclude: Sequence[str] = (),
    include: Sequence[str] = (),
    out_dir: Path | None = None,
    reports_only: bool = False,
) -> list[Path]:
    """Files, folders and glob patterns as the files to check; the rules are ``checker.run.discovery``'s."""
    return discovery.expand(inputs, exclude, include, out_dir, reports_only)


def exit_code_for(result: ReportResult, fail_on: str, fail_under: int | None, fail_on_findings: str = "error") -> int:
    """1 if a required element is missing (or weak, with ``fail_on='weak'``), the score is too low,
    or a check found something at least as severe as ``fail_on_findings`` (``never``: findings never fail)."""
    statuses = result.required_statuses()
    failing = {MISSING} if fail_on == "missing" else statuses - {PRESENT}
    if statuses & failing or (fail_under is not None and result.score < fail_under):
        return EXIT_GAPS
    if at_or_above(result.findings, fail_on_findings, accepted=False):
        return EXIT_GAPS
    return EXIT_OK


def _output_names(paths: list[Path]) -> dict[Path, str]:
    """A file stem per report, unique within the run (same-named reports get their folder prepended)."""
    names: dict[Path, str] = {}
    taken: set[str] = set()
    for path in paths:
        if str(path) == STDIN:
            names[path] = "stdin"
            taken.add("stdin")
            continue
        stem, parent = path.stem, path.resolve().parent
        while stem in taken and parent != parent.parent:
            stem, parent = f"{parent.name}__{stem}", parent.parent
        taken.add(stem)
        names[path] = stem
    return names


def write_atomically(target: Path, text: str | bytes | Iterable[str]) -> None:
    """Write via a temporary file and rename, so an interrupted run never leaves half a report.

    ``text`` may be an iterable of chunks (the dashboard of a large batch), written as it comes
    so the whole page never sits in memory, or the bytes of a binary format (an annotated .docx).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        if isinstance(text, bytes):
            with os.fdopen(handle, "wb") as binary:
                binary.write(text)
        else:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.writelines([text] if isinstance(text, str) else text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write(target: Path, text: str | bytes | Iterable[str], err: TextIO) -> bool:
    try:
        write_atomically(target, text)
    except OSError as exc:
        print(f"rolcheck: 警告：无法写入 {target}（{exc.strerror}）", file=err)
        return False
    return True


# Worker processes get the checklist once, not with every report.
_worker_checklist: Checklist | Selection | None = None
_worker_max_bytes = DEFAULT_MAX_BYTES


def _init_worker(checklist: Checklist | Selection, max_bytes: int) -> None:
    global _worker_checklist, _worker_max_bytes
    _worker_checklist, _worker_max_bytes = checklist, max_bytes


def _check_or_error(path: Path, checklist: Checklist | Selection, max_bytes: int) -> ReportResult | str:
    try:
        return check(path, checklist, max_bytes)
    except RolcheckError as error:
        return str(error)


def _check_in_worker(path: Path) -> ReportResult | str:
    assert _worker_checklist is not None
    return _check_or_error(path, _worker_checklist, _worker_max_bytes)


# Reports in flight per worker: enough to keep workers busy, few enough that finished results
# (each holding its report's text) never pile up in memory on a large batch.
WINDOW_PER_JOB = 8


def _check_all(paths: list[Path], options: Options) -> Iterator[tuple[Path, ReportResult | str]]:
    """Results in input order; in worker processes when there is more than one report and job."""
    if options.jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield path, _check_or_error(path, options.checklist, options.max_bytes)
        return
    with ProcessPoolExecutor(options.jobs, initializer=_init_worker, initargs=(options.checklist, options.max_bytes)) as pool:
        waiting = iter(paths)
        in_flight = deque((path, pool.submit(_check_in_worker, path)) for path in islice(waiting, options.jobs * WINDOW_PER_JOB))
        while in_flight:
            path, future = in_flight.popleft()
            following = next(waiting, None)
            if following is not None:
                in_flight.append((following, pool.submit(_check_in_worker, following)))
            yield path, future.result()


def _progress(total: int, out: TextIO):
    """A rich progress bar on an interactive terminal; nothing in CI logs or pipes."""
    if total <= 1 or not out.isatty() or os.environ.get("CI"):
        return nullcontext(None)
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    # The bar and the per-report lines share one console, so lines print above the bar.
    return Progress(
        TextColumn("检查报告"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=Console(file=out), transient=True
    )


BATCH_MARKS = {"pass": "✓", "weak": "△", "fail": "✗"}


class _Run:
    """The state of one run: where outputs go and what the batch outputs will summarise."""

    def __init__(self, options: Options, paths: list[Path], out: TextIO, err: TextIO) -> None:
        self.options, self.out, self.err = options, out, err
        self.batch = len(paths) > 1
        self.progress = None  # a rich Progress while a bar is shown: lines then go through its console
        self.names = _output_names(paths)
        self.inputs = {path.resolve() for path in paths}
        self.rows: list[SummaryRow] = []
        self.used: Counter[str] = Counter()  # checklist ids the reports were checked against
        self.checklists: dict[str, Checklist] = {}
        self.summary_markdown: list[str] = []
        self.written: list[Path] = []  # every file written, for the step outputs
        self.summary_csv: Path | None = None

    def report(self, path: Path, result: ReportResult) -> None:
        options = self.options
        self.used[result.checklist.id] += 1
        self.checklists.setdefault(result.checklist.id, result.checklist)
        if options.output == "-":
            self.out.write(renderers.get(options.formats[0]).render(result, options.lang))
            return
        written = []
        for name in options.formats:
            renderer = renderers.get(name)
            if renderer.to_stdout:
                self.out.write(renderer.render(result, options.lang))
                continue
            target = options.out_dir / f"{self.names[path]}.{renderer.extension}"
            if target.resolve() in self.inputs:
                target = options.out_dir / f"{self.names[path]}.rolcheck.{renderer.extension}"
            output = renderer.render_bytes(result, options.lang) if renderer.binary else renderer.render(result, options.lang)
            if _write(target, output, self.err):
                written.append(target)
        self.written.extend(written)
        if "github" in options.formats and os.environ.get("GITHUB_STEP_SUMMARY"):
            self.summary_markdown.append(renderers.get("md").render(result, options.lang))
        link = next((t for t in written if t.suffix == ".html"), written[0] if written else None)
        self.rows.append(summarise(result, link.name if link else None))
        if options.quiet:
            return
        if self.batch:  # one line per report; the dashboard has the rest
            self.say(f"{BATCH_MARKS[result.verdict]} {result.score:3d} {result.path}")
            return
        from checker.output.console import write_summary
        from checker.output.renderers import terminal

        write_summary(terminal.render(result, verbose=options.verbose), self.out, result.verdict, options.colour)
        for target in written:
            self.out.write(f"  已写入：{target}\n")
        self.out.write("\n")

    def batch_checklist(self) -> Checklist:
        """The checklist the dashboard's columns come from: the one named, else the one most reports used."""
        if isinstance(self.options.checklist, Checklist):
            return self.options.checklist
        if self.used:
            return self.checklists[self.used.most_common(1)[0][0]]
        from checker.run.choice import candidates

        return candidates()[0]

    def say(self, line: str) -> None:
        if self.progress is not None:
            self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            self.out.write(line + "\n")

    def error(self, path: Path, message: str) -> None:
        line = f"rolcheck: 错误：{message}"
        if self.progress is not None:  # through the bar's console, so the bar is redrawn below the line
            from rich.text import Text

            self.progress.console.print(Text(line, style="red"), soft_wrap=True)
        else:
            print(line, file=self.err)
        self.rows.append(SummaryRow(str(path), error=message))

    def finish(self) -> None:
        options = self.options
        writes_files = any(not renderers.get(name).to_stdout for name in options.formats)
        if self.batch and options.output != "-" and writes_files:  # stdout-only runs (the hook) write nothing
            index = options.out_dir / "index.html"
            main = self.batch_checklist()
            seen = {element.id for element in main.elements}
            others = []
            for checklist in self.checklists.values():
                for element in checklist.elements:
                    if element.id not in seen:
                        seen.add(element.id)
                        others.append(element)
            batch = BatchResult(self.rows, main, tuple(others))
            _write(index, renderers.get("index", renderers.BATCH).chunks(batch, options.lang), self.err)
            if _write(options.out_dir / "summary.csv", renderers.get("summary", renderers.BATCH).chunks(batch, options.lang), self.err):
                self.summary_csv = options.out_dir / "summary.csv"
            if not options.quiet:
                self.out.write(f"总览：{index}（{len(self.rows)} 份报告）\n")
        if self.summary_markdown:
            try:
                with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary:
                    summary.write("\n".join(self.summary_markdown))
            except OSError as exc:
                print(f"rolcheck: 警告：无法写入 GITHUB_STEP_SUMMARY（{exc.strerror}）", file=self.err)
        if options.github_output is not None:
            try:
                step_outputs.append(options.github_output, step_outputs.outputs(self.rows, self.written, options.out_dir, self.summary_csv))
            except OSError as exc:
                print(f"rolcheck: 警告：无法写入 {options.github_output}（{exc.strerror}）", file=self.err)


def run(options: Options, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Check every input and return the exit code (see the module docstring)."""
    out = out or sys.stdout
    err = err or sys.stderr
    for name in options.formats:
        renderers.get(name)  # unknown formats fail before any work
    paths = expand_inputs(options.inputs, options.exclude, options.include, options.out_dir, options.reports_only)
    if not paths:
        if options.reports_only:
            return EXIT_OK  # the hook got only files that are not reports (README.md …): nothing to check
        raise UsageError("没有找到要检查的报告文件（" + "、".join(options.inputs) + "）")
    if options.output == "-" and (len(paths) > 1 or len(options.formats) != 1):
        raise UsageError("--output - 只能用于单个报告和单一格式")
    if options.output == "-" and renderers.get(options.formats[0]).binary:
        raise UsageError(f"--output - 不能用于二进制格式 {options.formats[0]}；请用 --out DIR 写入文件")
    state = _Run(options, paths, out, err)
    worst = EXIT_OK
    with _progress(len(paths), out) as progress:
        state.progress = progress
        task = progress.add_task("", total=len(paths)) if progress else None
        for path, outcome in _check_all(paths, options):
            if isinstance(outcome, str):
                state.error(path, outcome)
                worst = max(worst, EXIT_ERROR)
            else:
                result = options.baseline.apply(outcome) if options.baseline else outcome
                worst = max(worst, exit_code_for(result, options.fail_on, options.fail_under, options.fail_on_findings))
                state.report(path, result)
            if progress:
                progress.advance(task)
    state.progress = None
    state.finish()
    return worst
