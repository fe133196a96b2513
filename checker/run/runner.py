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
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

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
    summarise,
)
from checker.run import discovery, outputs, pipeline, similar, step_outputs
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
) -> list[Path]:
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


# Worker processes get the checklist once, not with every report.
_worker_checklist: Checklist | Selection | None = None
_worker_max_bytes = DEFAULT_MAX_BYTES


def _init_worker(checklist: Checklist | Selection, max_bytes: int, parent: int) -> None:
    from checker.run.lifetime import die_with_parent  # in the worker: a single check starts none

    global _worker_checklist, _worker_max_bytes
    _worker_checklist, _worker_max_bytes = checklist, max_bytes
    die_with_parent(parent)


def _in_worker(function: Callable[..., T], *arguments: Any) -> T:
    """``function(checklist, max_bytes, *arguments)`` with the worker's checklist and size limit."""
    assert _worker_checklist is not None
    return function(_worker_checklist, _worker_max_bytes, *arguments)


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
# (each holding its report's text) never pile up in memory on a large batch.
WINDOW_PER_JOB = 8


def _each(function: Callable[..., T], work: Iterable[tuple[Any, ...]], count: int, options: Options) -> Iterator[tuple[Path, T]]:
    """``function(checklist, max_bytes, *item)`` for each of the ``count`` items of ``work`` (each a report path first), in input order;
    in worker processes when there is more than one report and job."""
    if options.jobs <= 1 or count <= 1:
        for item in work:
            yield item[0], function(options.checklist, options.max_bytes, *item)
        return
    yield from _in_workers(function, work, options)


def _in_workers(function: Callable[..., T], work: Iterable[tuple[Any, ...]], options: Options) -> Iterator[tuple[Path, T]]:
    """``function(checklist, max_bytes, *item)`` for each item of ``work`` (its first a report path) in worker processes,
    in input order, at most ``WINDOW_PER_JOB`` items per worker in flight. Workers die with this process."""
    from concurrent.futures import ProcessPoolExecutor  # only batches pay for importing multiprocessing

    initargs = (options.checklist, options.max_bytes, os.getpid())
    with ProcessPoolExecutor(options.jobs, initializer=_init_worker, initargs=initargs) as pool:
        try:
            waiting = iter(work)
            in_flight = deque((item[0], pool.submit(_in_worker, function, *item)) for item in islice(waiting, options.jobs * WINDOW_PER_JOB))
            while in_flight:
                path, future = in_flight.popleft()
                following = next(waiting, None)
                if following is not None:
                    in_flight.append((following[0], pool.submit(_in_worker, function, *following)))
                yield path, future.result()
        except BaseException:  # interrupted (or the caller stopped): queued reports are never started
            pool.shutdown(wait=True, cancel_futures=True)
            raise


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
    """The state of one run: where outputs go and what the batch outputs will summarise."""

    def __init__(self, options: Options, paths: list[Path], out: TextIO, err: TextIO) -> None:
        self.options, self.out, self.err = options, out, err
        self.batch = len(paths) > 1
        self.progress = None  # a rich Progress while a bar is shown: lines then go through its console
        self.plan = outputs.Plan(options.out_dir, paths, self.batch)
        self.total = len(paths)
        self.interrupted = False
        self.attempted = self.written = 0  # output files, to tell CI when nothing could be written
        self.rows: list[SummaryRow] = []
        self.row_of: dict[str, int] = {}  # report path -> its row, replaced when a report is checked again
        self.links: dict[str, str] = {}
        self.used: Counter[str] = Counter()  # checklist ids the reports were checked against
        self.checklists: dict[str, Checklist] = {}
        self.summary_markdown: list[str] = []
        self.files: list[Path] = []  # every report output written, for the step outputs
        self.summary_csv: Path | None = None

    def _row(self, row: SummaryRow) -> None:
        if row.path in self.row_of:
            self.rows[self.row_of[row.path]] = row
        else:
            self.row_of[row.path] = len(self.rows)
            self.rows.append(row)

    def report(self, path: Path, result: ReportResult) -> None:
        """Write ``result``'s outputs, and say so on the terminal."""
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
            target = self.plan.report(path, renderer.extension)
            # (chunks: a format that streams, the HTML report, is written as it is made)
            output = renderer.render_bytes(result, options.lang) if renderer.binary else renderer.chunks(result, options.lang)
            if self.write(target, output):
                written.append(target)
        self.files.extend(written)
        if "github" in options.formats and os.environ.get("GITHUB_STEP_SUMMARY"):
            self.summary_markdown.append(renderers.get("md").render(result, options.lang))
        link = next((t for t in written if t.suffix == ".html"), written[0] if written else None)
        row = summarise(result, link.name if link else None)
        others = tuple(dict.fromkeys(item.section[0] for f in result.findings for item in f.evidence if item.kind == "other_report" and item.section))
        self._row(replace(row, similar=others))
        if link:
            self.links[result.path] = link.name
        if options.quiet:
            return
        if self.batch:  # one line per report (and one for its copies); the dashboard has the rest
            self.say(f"{BATCH_MARKS[result.verdict]} {result.score:3d} {result.path}")
            if others:
                self.say(f"≈ {result.path} 与 {len(others)} 份报告有雷同段落")
            return
        from checker.output.console import write_summary
        from checker.output.renderers import terminal

        write_summary(terminal.render(result, verbose=options.verbose), self.out, result.verdict, options.colour)
        for target in written:
            self.out.write(f"  已写入：{target}\n")
        self.out.write("\n")

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
        self._row(SummaryRow(str(path), error=message))

    def finish(self, pairs: list[SimilarPair] | None = None) -> None:
        """The batch outputs; ``pairs`` (None when reports were not compared) also writes the pairs page."""
        options = self.options
        batch = BatchResult(self.rows, self.batch_checklist(), total=self.total, pairs=pairs or [], links=self.links, compared=pairs is not None)
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
        if self.summary_markdown:
            try:
                with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary:
                    summary.write("\n".join(self.summary_markdown))
            except OSError as exc:
                print(f"rolcheck: 警告：无法写入 GITHUB_STEP_SUMMARY（{exc.strerror}）", file=self.err)
        if options.github_output is not None:
            try:
                step_outputs.append(options.github_output, step_outputs.outputs(self.rows, self.files, options.out_dir, self.summary_csv))
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
            work: Iterable[tuple[Any, ...]] = [(path,) for path in paths]
            if compared is not None and kept is not None:
                shared, pairs, failed = _compare(paths, compared, options, state, kept)
                function = _check_surveyed
                work = ((path, similar.quoted(shared.get(str(path), ()), kept), kept, failed.get(path)) for path in paths)
            task = progress.add_task("检查报告", total=len(paths)) if progress else None
            for path, outcome in _each(function, work, len(paths), options):
                if isinstance(outcome, str):
                    state.error(path, outcome)
                    worst = max(worst, EXIT_ERROR)
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
    paths: list[Path], compared: similar.Batch, options: Options, state: _Run, kept: similar.Scratch
) -> tuple[dict[str, tuple[SharedPassage, ...]], list[SimilarPair], dict[Path, str]]:
    """A compared run's first pass: the references and every report surveyed and indexed.

    The passages each report shares (by path), the pairs for ``similar.html``, and the reports
    their first look refused (path → message), reported in their turn by the one check.
    """
    _add_references(compared, options, state.plan.inputs, state.err, kept)
    progress = state.progress
    task = progress.add_task("查找雷同段落", total=len(paths)) if progress else None
    failed: dict[Path, str] = {}
    for path, found in _each(_survey_or_error, [(path, kept) for path in paths], len(paths), options):
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


def _add_references(compared: similar.Batch, options: Options, inputs: set[Path], err: TextIO, kept: similar.Scratch) -> None:
    """Survey the reference reports (``against``), leaving out any that are also being checked."""
    for path in expand_inputs(options.against):
        if path.resolve() in inputs:
            continue
        try:
            compared.add(similar.survey(path, options.checklist, options.max_bytes, kept), reference=True)
        except RolcheckError as error:
            print(f"rolcheck: 警告：参照报告无法读取，已跳过：{error}", file=err)
