"""``run()``: check every input, write every requested format, and return the exit code.

Built once by the CLI (check-jsonschema's build-then-run shape) so it can be tested without a
subprocess. Exit codes: 0 every required element present and no finding at or above
``--fail-on-findings`` (default: error); 1 a finding at or above it, or a required element at or below
``--fail-on`` (or the score under ``--fail-under``); 2 an input, checklist or usage error.
A bad file is reported on its own line and the run goes on; the code reflects the worst report.
Writing output files never changes the exit code.

A batch (more than one report) is checked in ``jobs`` worker processes, shows a progress bar
on a terminal (never in CI logs), and adds ``index.html`` and ``summary.csv`` to the output.
With the checklist's ``shared_text`` check, a batch (or any run with ``against``, a reference
folder) also looks for passages reports share and writes ``similar.html``: a first pass surveys
every report (``checker.run.similar``), then each is checked once with the passages it shares.
"""

from __future__ import annotations

import os
import sys
from collections import Counter, deque
from collections.abc import Callable, Collection, Container, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO, TypeVar

from checker.checklist.model import Checklist
from checker.common.errors import RolcheckError, UsageError
from checker.output import renderers
from checker.reading.source import DEFAULT_MAX_BYTES
from checker.result import (
    MISSING,
    PRESENT,
    BatchResult,
    ReportResult,
    SimilarPair,
    SummaryRow,
    at_or_above,
)
from checker.run import discovery, ledger, outputs, pipeline, report_outputs, similar, step_outputs
from checker.run.baseline import Baseline
from checker.run.choice import Selection

if TYPE_CHECKING:  # a single check never fingerprints: similarity is imported where a batch needs it
    from checker.analysis.similarity import Fingerprint, SharedPassage

EXIT_OK, EXIT_GAPS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
T = TypeVar("T")


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
    against: list[str] = field(default_factory=list)  # reference folders (or files) to compare every report with
    include: list[str] = field(default_factory=list)
    reports_only: bool = False  # the pre-commit hook: only files named like annual reports (or matching include)
    github_output: Path | None = None  # append step outputs here ($GITHUB_OUTPUT; checker.run.step_outputs)


def expand_inputs(
    inputs: list[str],
    exclude: Sequence[str] = (),
    include: Sequence[str] = (),
    out_dir: Path | None = None,
    reports_only: bool = False,
    skipped: list[str] | None = None,
) -> Collection[Path]:
    """Files, folders and glob patterns as the files to check; the rules are ``checker.run.discovery``'s
    (links out of a searched folder are skipped and named in ``skipped``)."""
    return discovery.expand(inputs, exclude, include, out_dir, reports_only, skipped)


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


def _write(target: Path, text: str | bytes | Iterable[str], err: TextIO) -> bool:
    try:
        outputs.write_atomically(target, text)
    except OSError as exc:
        print(f"rolcheck: 警告：无法写入 {target}（{exc.strerror}）", file=err)
        return False
    return True


@dataclass(frozen=True)
class Reported:
    """A batch's report checked and its outputs written where it was checked: all the main process still needs of it."""

    written: report_outputs.Written
    code: int  # its exit code (``exit_code_for``)
    checklist: str  # the id of the checklist it was checked against
    first_use: Checklist | None = None  # that checklist itself, the first time this process sends its id
    notes: tuple[str, ...] = ()  # warnings about the baseline's entries for it


# Worker processes get the options once, not with every report.
_worker_options: Options | None = None
_worker_checklist: Checklist | Selection | None = None
_worker_max_bytes = DEFAULT_MAX_BYTES
_worker_step_summary = False
_worker_sent: set[str] = set()  # checklist ids this worker has sent the main process


def _init_worker(options: Options, step_summary: bool, parent: int) -> None:
    from checker.run.lifetime import die_with_parent  # in the worker: a single check starts none

    global _worker_options, _worker_checklist, _worker_max_bytes, _worker_step_summary
    _worker_options, _worker_step_summary = options, step_summary
    _worker_checklist, _worker_max_bytes = options.checklist, options.max_bytes
    die_with_parent(parent)


def _in_worker(function: Callable[..., T], *arguments: Any) -> T:
    """``function(checklist, max_bytes, *arguments)`` with the worker's checklist and size limit."""
    assert _worker_checklist is not None
    return function(_worker_checklist, _worker_max_bytes, *arguments)


def _in_worker_writing(function: Callable[..., ReportResult | str], path: Path, where: report_outputs.Targets, *arguments: Any) -> Reported | str:
    """``_in_worker``, then the report's outputs written here: what comes back is ``Reported``, not the result."""
    assert _worker_checklist is not None and _worker_options is not None
    outcome = function(_worker_checklist, _worker_max_bytes, path, *arguments)
    return _write_checked(outcome, where, _worker_options, _worker_step_summary, _worker_sent)


def _write_checked(outcome: ReportResult | str, where: report_outputs.Targets, options: Options, step_summary: bool, sent: set[str]) -> Reported | str:
    """Apply the baseline to a checked report of a batch and write its outputs to ``where``; errors pass through."""
    if isinstance(outcome, str):
        return outcome
    result, notes = outcome, ()  # type: tuple[ReportResult, tuple[str, ...]]
    if options.baseline:
        result, notes = options.baseline.apply(outcome), tuple(options.baseline.unknown_elements(outcome))
    code = exit_code_for(result, options.fail_on, options.fail_under, options.fail_on_findings)
    written = report_outputs.write(result, where, options.lang, step_summary)
    checklist = result.checklist
    first_use = None if checklist.id in sent else checklist
    sent.add(checklist.id)
    return Reported(written, code, checklist.id, first_use, notes)


def _check_or_error(checklist: Checklist | Selection, max_bytes: int, path: Path) -> ReportResult | str:
    """The checked report, or the error's message."""
    try:
        return pipeline.check(path, checklist, max_bytes)
    except RolcheckError as error:
        return str(error)


def _survey_or_error(checklist: Checklist | Selection, max_bytes: int, path: Path, kept: similar.Scratch) -> Fingerprint | None | str:
    """A compared run's first look at a report: its fingerprint, or the error's message."""
    try:
        return similar.survey(path, checklist, max_bytes, kept)
    except RolcheckError as error:
        return str(error)


def _check_surveyed(
    checklist: Checklist | Selection, max_bytes: int, path: Path, shared: tuple[SharedPassage, ...], kept: similar.Scratch, failed: str | None
) -> ReportResult | str:
    """A compared run's one check of a report, with the passages it shares; ``failed``: why its first look refused it."""
    if failed is not None:
        return failed
    try:
        return similar.check(path, checklist, max_bytes, shared, kept)
    except RolcheckError as error:  # the file changed since the first look
        return str(error)


# Reports in flight per worker: enough to keep workers busy, few enough that finished results
# never pile up in memory on a large batch.
WINDOW_PER_JOB = 8


def _each(function: Callable[..., T], work: Iterable[tuple[Any, ...]], count: int, options: Options) -> Iterator[tuple[Path, T]]:
    """``function(checklist, max_bytes, *item)`` for each of the ``count`` items of ``work`` (each a report path first), in input order;
    in worker processes when there is more than one report and job."""
    if options.jobs <= 1 or count <= 1:
        for item in work:
            yield item[0], function(options.checklist, options.max_bytes, *item)
        return
    yield from _in_workers(_in_worker, function, work, options)


def _each_written(
    function: Callable[..., ReportResult | str], work: Iterable[tuple[Any, ...]], count: int, options: Options, state: _Run
) -> Iterator[tuple[Path, ReportResult | Reported | str]]:
    """``_each`` for the checks of a run: a single report comes back whole; a batch's reports are written where they
    are checked (in worker processes when there is more than one job) and come back as ``Reported``."""
    if not state.batch:
        yield from _each(function, work, count, options)
        return
    # Output paths are handed out in input order as reports are sent off, so names never depend on timing.
    placed = ((item[0], state.targets(item[0]), *item[1:]) for item in work)
    if options.jobs <= 1:
        sent: set[str] = set()
        for path, where, *arguments in placed:
            outcome = function(options.checklist, options.max_bytes, path, *arguments)
            yield path, _write_checked(outcome, where, options, state.step_summary, sent)
        return
    yield from _in_workers(_in_worker_writing, function, placed, options, state.step_summary)


def _in_workers(
    runner: Callable[..., Any], function: Callable[..., Any], work: Iterable[tuple[Any, ...]], options: Options, step_summary: bool = False
) -> Iterator[tuple[Path, Any]]:
    """``runner(function, *item)`` (``_in_worker``: ``function(checklist, max_bytes, *item)``) for each item of ``work``
    (its first a report path) in worker processes,
    in input order, at most ``WINDOW_PER_JOB`` items per worker in flight (``work`` is read only as items are sent).
    Workers die with this process.

    Ctrl-C is taken at the next report's boundary: queued items are never started, those being
    checked finish, and every item done (its outputs written by the worker) still comes out before
    the ``KeyboardInterrupt``, so an interrupted dashboard lists every report that has outputs.
    A second Ctrl-C interrupts at once.
    """
    from concurrent.futures import ProcessPoolExecutor  # only batches pay for importing multiprocessing

    initargs = (options, step_summary, os.getpid())
    with ProcessPoolExecutor(options.jobs, initializer=_init_worker, initargs=initargs) as pool, _deferred_interrupt() as pressed:
        waiting = iter(work)
        in_flight = deque((item[0], pool.submit(runner, function, *item)) for item in islice(waiting, options.jobs * WINDOW_PER_JOB))
        try:
            while in_flight:
                if pressed:
                    raise KeyboardInterrupt
                path, future = in_flight[0]
                result = future.result()
                in_flight.popleft()
                following = next(waiting, None)
                if following is not None:
                    in_flight.append((following[0], pool.submit(runner, function, *following)))
                yield path, result
            if pressed:  # pressed while the last report was taken in: the run still ends as interrupted
                raise KeyboardInterrupt
        except KeyboardInterrupt:
            pool.shutdown(wait=True, cancel_futures=True)
            for path, future in in_flight:
                if future.done() and not future.cancelled() and future.exception() is None:
                    yield path, future.result()
            raise
        except BaseException:  # the caller stopped, or a worker failed: queued reports are never started
            pool.shutdown(wait=True, cancel_futures=True)
            raise


@contextmanager
def _deferred_interrupt() -> Iterator[list[bool]]:
    """While in the block, a first SIGINT is only noted (the list becomes true); a second raises ``KeyboardInterrupt``.
    Off the main thread (where handlers cannot be set), SIGINT keeps its usual effect."""
    import signal

    pressed: list[bool] = []

    def note(signum: int, frame: object) -> None:
        if pressed:
            raise KeyboardInterrupt
        pressed.append(True)

    try:
        previous = signal.signal(signal.SIGINT, note)
    except ValueError:  # not the main thread
        yield pressed
        return
    try:
        yield pressed
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)


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
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=Console(file=out), transient=True
    )


BATCH_MARKS = {"pass": "✓", "weak": "△", "fail": "✗"}


class _Run:
    """The state of one run: where outputs go and what the batch outputs will summarise.

    A batch keeps its per-report state — the rows, the names handed out, the files written, the
    step summary — on disk (``checker.run.ledger``, a temporary file), so its memory does not
    grow with the number of reports.
    """

    def __init__(self, options: Options, paths: Collection[Path], out: TextIO, err: TextIO) -> None:
        self.options, self.out, self.err = options, out, err
        self.batch = len(paths) > 1
        self.progress = None  # a rich Progress while a bar is shown: lines then go through its console
        disk = ledger.Ledger() if self.batch else None
        self.rows: ledger.Rows | ledger.OneRow = ledger.Rows(disk) if disk is not None else ledger.OneRow()
        self.plan = outputs.Plan(options.out_dir, paths, self.batch, disk)
        self.total = len(paths)
        self.interrupted = False
        self.attempted = self.written = 0  # output files, to tell CI when nothing could be written
        self.used: Counter[str] = Counter()  # checklist ids the reports were checked against
        self.checklists: dict[str, Checklist] = {}
        # The Markdown gap tables for $GITHUB_STEP_SUMMARY, spooled to a temporary file until the end.
        self.step_summary = "github" in options.formats and bool(os.environ.get("GITHUB_STEP_SUMMARY"))
        self.summary_markdown: IO[bytes] | None = None
        # Every report output written, for the step outputs (only kept when they are asked for).
        self.files: ledger.Files | list[Path] = ledger.Files(disk) if disk is not None else []
        self.summary_csv: Path | None = None

    def targets(self, path: Path) -> report_outputs.Targets:
        """Where each format of the report at ``path`` goes (the plan hands the same paths out each time)."""
        return report_outputs.targets(self.plan, path, self.options.formats)

    def reported(self, reported: Reported) -> int:
        """Take in a batch report whose outputs were written where it was checked; its exit code."""
        for note in reported.notes:
            print(f"rolcheck: 警告：{note}", file=self.err)
        self.used[reported.checklist] += 1
        if reported.first_use is not None:
            self.checklists.setdefault(reported.checklist, reported.first_use)
        self._record(reported.written)
        return reported.code

    def report(self, path: Path, result: ReportResult) -> None:
        """Write ``result``'s outputs, and say so on the terminal."""
        options = self.options
        self.used[result.checklist.id] += 1
        self.checklists.setdefault(result.checklist.id, result.checklist)
        if options.output == "-":
            self.out.write(renderers.get(options.formats[0]).render(result, options.lang))
            return
        written = report_outputs.write(result, self.targets(path), options.lang, self.step_summary)
        self._record(written)
        if options.quiet or self.batch:
            return
        from checker.output.console import write_summary
        from checker.output.renderers import terminal

        write_summary(terminal.render(result, verbose=options.verbose), self.out, result.verdict, options.colour)
        for target in written.files:
            self.out.write(f"  已写入：{target}\n")
        self.out.write("\n")

    def _record(self, written: report_outputs.Written) -> None:
        """Print what writing the report's outputs said, keep its row, and say its one line in a batch."""
        for to_err, text in written.said:
            (self.err if to_err else self.out).write(text)
        self.attempted += written.attempted
        self.written += len(written.files)
        if self.options.github_output is not None or not self.batch:
            self.files.extend(written.files)
        if written.markdown is not None:
            self._spool_markdown(written.markdown)
        row = written.row
        self.rows.put(row)
        if self.options.quiet:
            return
        if self.batch:  # one line per report (and one for its copies); the dashboard has the rest
            self.say(f"{BATCH_MARKS[row.verdict]} {row.score:3d} {row.path}")
            if row.similar:
                self.say(f"≈ {row.path} 与 {len(row.similar)} 份报告有雷同段落")

    def _spool_markdown(self, markdown: str) -> None:
        """Keep one report's Markdown for $GITHUB_STEP_SUMMARY, in a temporary file (written in one append at the end)."""
        if not self.step_summary:
            return
        try:
            if self.summary_markdown is None:
                import tempfile

                self.summary_markdown = tempfile.TemporaryFile()
            else:
                self.summary_markdown.write(b"\n")  # the tables joined by line breaks
            self.summary_markdown.write(markdown.encode("utf-8"))
        except OSError as exc:
            print(f"rolcheck: 警告：无法写入 GITHUB_STEP_SUMMARY（临时文件：{exc.strerror}）", file=self.err)
            self.step_summary = False  # the tables already kept would be incomplete: none is written
            if self.summary_markdown is not None:
                self.summary_markdown.close()
                self.summary_markdown = None

    def write(self, target: Path, text: str | bytes | Iterable[str]) -> bool:
        self.attempted += 1
        written = _write(target, text, self.err)
        self.written += written
        return written

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
        self.rows.put(SummaryRow(str(path), error=message))

    def finish(self, pairs: Collection[SimilarPair] | None = None) -> None:
        """The batch outputs; ``pairs`` (None when reports were not compared) also writes the pairs page."""
        options = self.options
        batch = BatchResult(
            self.rows, self.batch_checklist(), total=self.total, pairs=pairs or [], links=self.rows.links, compared=pairs is not None
        )
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
            batch = replace(batch, checklist=main, other_elements=tuple(others))
            self.write(index, renderers.get("index", renderers.BATCH).chunks(batch, options.lang))
            if self.write(options.out_dir / "summary.csv", renderers.get("summary", renderers.BATCH).chunks(batch, options.lang)):
                self.summary_csv = options.out_dir / "summary.csv"
            if not options.quiet:
                done = f"{len(self.rows)} 份报告" if len(self.rows) == self.total else f"已完成 {len(self.rows)}/{self.total} 份报告，检查被中断"
                self.out.write(f"总览：{index}（{done}）\n")
        if pairs is not None and options.output != "-" and writes_files:
            page = options.out_dir / "similar.html"
            self.write(page, renderers.get("pairs", renderers.BATCH).chunks(batch, options.lang))
            if not options.quiet:
                self.out.write(f"相似报告：{page}（{len(pairs)} 对）\n")
        if self.summary_markdown is not None:
            import shutil

            self.summary_markdown.seek(0)
            try:
                with open(os.environ["GITHUB_STEP_SUMMARY"], "ab") as summary:
                    shutil.copyfileobj(self.summary_markdown, summary)
            except OSError as exc:
                print(f"rolcheck: 警告：无法写入 GITHUB_STEP_SUMMARY（{exc.strerror}）", file=self.err)
            self.summary_markdown.close()
        if options.github_output is not None:
            try:
                step_outputs.append(options.github_output, step_outputs.outputs(self.rows, list(self.files), options.out_dir, self.summary_csv))
            except OSError as exc:
                print(f"rolcheck: 警告：无法写入 {options.github_output}（{exc.strerror}）", file=self.err)


def run(options: Options, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Check every input and return the exit code (see the module docstring)."""
    out = out or sys.stdout
    err = err or sys.stderr
    for name in options.formats:
        renderers.get(name)  # unknown formats fail before any work
    skipped: list[str] = []
    paths = expand_inputs(options.inputs, options.exclude, options.include, options.out_dir, options.reports_only, skipped)
    if options.baseline is not None:
        skipped += options.baseline.stale()
    for note in skipped:
        print(f"rolcheck: 警告：{note}", file=err)
    if not paths:
        if options.reports_only:
            return EXIT_OK  # the hook got only files that are not reports (README.md …): nothing to check
        raise UsageError("没有找到要检查的报告文件（" + "、".join(options.inputs) + "）")
    if options.output == "-" and (len(paths) > 1 or len(options.formats) != 1):
        raise UsageError("--output - 只能用于单个报告和单一格式")
    if options.output == "-" and renderers.get(options.formats[0]).binary:
        raise UsageError(f"--output - 不能用于二进制格式 {options.formats[0]}；请用 --out DIR 写入文件")
    writes_files = options.output != "-" and any(not renderers.get(name).to_stdout for name in options.formats)
    if writes_files and (unusable := outputs.usable_folder(options.out_dir)) is not None:
        raise UsageError(f"{unusable}：没有可写出输出的位置（--out 指定其他目录）")
    if options.against and similar.params(options.checklist) is None:
        raise UsageError("--against 需要清单中启用 shared_text 检查（本清单没有或已关闭）")
    state = _Run(options, paths, out, err)
    compared = similar.Batch.start(options.checklist) if len(paths) > 1 or options.against else None
    worst = EXIT_OK
    pairs = None
    try:
        with _progress(len(paths), out) as progress, similar.scratch() if compared is not None else nullcontext(None) as kept:
            state.progress = progress
            function: Callable[..., ReportResult | str] = _check_or_error
            work: Iterable[tuple[Any, ...]] = ((path,) for path in paths)
            if compared is not None and kept is not None:
                shared, pairs, failed = _compare(paths, compared, options, state, kept)
                function = _check_surveyed
                work = ((path, compared.quoted(shared.get(str(path), ())), kept, failed.get(path)) for path in paths)
            task = progress.add_task("检查报告", total=len(paths)) if progress else None
            for path, outcome in _each_written(function, work, len(paths), options, state):
                if isinstance(outcome, str):
                    state.error(path, outcome)
                    worst = max(worst, EXIT_ERROR)
                elif isinstance(outcome, Reported):  # a batch's report, written where it was checked
                    worst = max(worst, state.reported(outcome))
                else:
                    result = outcome
                    if options.baseline:
                        result = options.baseline.apply(outcome)
                        for note in options.baseline.unknown_elements(outcome):
                            print(f"rolcheck: 警告：{note}", file=err)
                    worst = max(worst, exit_code_for(result, options.fail_on, options.fail_under, options.fail_on_findings))
                    state.report(path, result)
                if progress:
                    progress.advance(task)
    except KeyboardInterrupt:
        # Ctrl-C: what was checked is kept, and the dashboard says the batch is incomplete.
        state.interrupted, worst = True, EXIT_INTERRUPTED
        print(f"rolcheck: 已中断（已检查 {len(state.rows)}/{len(paths)} 份报告）", file=err)
        pairs = None
    state.progress = None
    state.finish(pairs)
    if state.attempted and not state.written:
        print("rolcheck: 错误：没有写出任何输出文件", file=err)
        return max(worst, EXIT_ERROR)
    return worst


def _compare(
    paths: Collection[Path], compared: similar.Batch, options: Options, state: _Run, kept: similar.Scratch
) -> tuple[similar.Shared, similar.Pairs, dict[Path, str]]:
    """A compared run's first pass: the references and every report surveyed and indexed.

    The passages each report shares (by path), the pairs for ``similar.html``, and the reports
    their first look refused (path → message), reported in their turn by the one check.
    """
    _add_references(compared, options, state.plan.inputs, state.err, kept)
    progress = state.progress
    task = progress.add_task("查找雷同段落", total=len(paths)) if progress else None
    failed: dict[Path, str] = {}
    for path, found in _each(_survey_or_error, ((path, kept) for path in paths), len(paths), options):
        if isinstance(found, str):
            failed[path] = found
        else:
            compared.add(found)
        if progress:
            progress.advance(task)
    if progress:
        progress.remove_task(task)
    shared, pairs = compared.shared()
    return shared, pairs, failed


def _add_references(compared: similar.Batch, options: Options, inputs: Container[Path], err: TextIO, kept: similar.Scratch) -> None:
    """Survey the reference reports (``against``), leaving out any that are also being checked."""
    for path in expand_inputs(options.against):
        if path.resolve() in inputs:
            continue
        try:
            compared.add(similar.survey(path, options.checklist, options.max_bytes, kept), reference=True)
        except RolcheckError as error:
            print(f"rolcheck: 警告：参照报告无法读取，已跳过：{error}", file=err)
