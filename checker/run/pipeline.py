"""The check of one report, as one straight pipeline: read → normalise → outline → match → score → findings.

Each stage is its own module; this one only wires them in order, so the data flows one way
and every stage can be tested on its own. ``analyse`` also returns the context the checks
saw, which ``rolcheck diff`` needs to compare two years.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from checker.common import patterns
from checker.analysis import scoring, timescope
from checker.analysis.matching import ElementMatch, SentenceIndex, match_element
from checker.checklist.model import Checklist
from checker.common.errors import InputError
from checker.reading import readers
from checker.reading.normalise import normalise
from checker.reading.source import DEFAULT_MAX_BYTES, SourceLine, SourceText
from checker.result import PRESENT, ElementResult, ReportResult, verdict_of
from checker.rules import findings
from checker.rules.registry import Context
from checker.run.choice import Choice, Selection
from checker.run.choice import fixed as fixed_choice
from checker.structure import metadata, outline

if TYPE_CHECKING:  # only batches compare reports: similarity is imported where they do
    from checker.analysis.similarity import SharedPassage


def _refuse_off_subject(path: Path, checklist: Checklist, mentioned: bool, results: Iterable[ElementResult]) -> None:
    """Refuse a file that is not a report on the checklist's subject at all (a README, a meeting notice).

    Decided from what was checked, not from any element: no element present, and none of the
    checklist's ``subject`` words anywhere in the text (a notice about fire prevention may still
    touch an element weakly; it never says 法治). Such a file would otherwise get a
    score of 0, which reads as "a very bad report" rather than "wrong file".
    """
    subject = checklist.subject
    if subject is None or mentioned or any(result.status == PRESENT for result in results):
        return
    words = "、".join(f"“{word}”" for word in subject.words[:4])
    raise InputError(f"{path}: 看起来不是{subject.name}：全文没有{words}等字样，也没有一项要素具备；请确认选择的文件")


def mentions_subject(checklist: Checklist, lines: Iterable[SourceLine]) -> bool:
    """Whether the text names the checklist's subject (or the checklist has none): such a file is never refused as off-subject.

    The half of the refusal that needs no matching, so a batch's first look (``checker.run.similar``)
    checks in full only the rare file that names it nowhere.
    """
    subject = checklist.subject
    if subject is None:
        return True
    text = "".join(line.text for line in lines)
    return any(word in text for word in subject.words)


def check(
    path: Path,
    checklist: Checklist | Selection,
    max_bytes: int = DEFAULT_MAX_BYTES,
    shared: tuple[SharedPassage, ...] = (),
    prepared: Prepared | None = None,
) -> ReportResult:
    """Check the report at ``path`` against ``checklist`` (or the one a ``Selection`` picks for it);
    raises ``RolcheckError`` for unreadable input. ``shared`` and ``prepared`` as for ``analyse``.

    The context is not kept, so the outline's cycles are broken before the collector runs again
    (``Outline.release``): the tree is freed by reference counting, not found and traversed by the collector.
    """
    with collector_paused():
        result, context = _analyse(path, checklist, max_bytes, shared, prepared)
        context.outline.release()
        return result


def analyse(
    path: Path,
    checklist: Checklist | Selection,
    max_bytes: int = DEFAULT_MAX_BYTES,
    shared: tuple[SharedPassage, ...] = (),
    prepared: Prepared | None = None,
) -> tuple[ReportResult, Context]:
    """The checked report and the context its checks ran in (outline, matches, verdicts).

    ``shared`` are the passages a batch found this report shares with others (``checker.run.similar``);
    ``prepared`` is the report as the batch's first look prepared it (``prepare``), so it is not read and outlined twice.
    """
    with collector_paused():
        return _analyse(path, checklist, max_bytes, shared, prepared)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while one report is prepared or checked.

    The check builds a tree of objects that all stay alive until it ends, and the collector's
    repeated passes over them were what made a 5 MB report cost more than five times a 1 MB one
    (docs/performance.md). Reference counting still frees everything acyclic at once; cycles (a
    section and its parent) are collected after the check, as before.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


@dataclasses.dataclass(frozen=True)
class Prepared:
    """A report read, normalised, outlined and its metadata taken: all that comes before choosing a checklist and matching."""

    source: SourceText
    outline: outline.Outline
    metadata: metadata.Metadata
    year: int  # the report's year, or last year when neither its title nor its text says


def prepare(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, source: SourceText | None = None) -> Prepared:
    """The stages before matching (``source``: the report already read); a batch's first look (``checker.run.similar``) stops here."""
    if source is None:
        source = readers.read_report(path, max_bytes)
    normalised = normalise(source.lines)
    tree = outline.build(normalised.paragraphs)
    meta = metadata.extract(normalised, tree)
    if meta.title is None and source.title:  # a title only the file's own metadata gives (OFD DocInfo)
        meta = dataclasses.replace(meta, title=source.title)
    year = meta.year if meta.year is not None else date.today().year - 1
    return Prepared(source, tree, meta, year)


def choose(path: Path, checklist: Checklist | Selection, prepared: Prepared) -> Choice:
    """The checklist the report is checked against: the one given, or the one a ``Selection`` picks for it."""
    selection = checklist if isinstance(checklist, Selection) else fixed_choice(checklist, "按调用方指定")
    return selection.choose(path, prepared.metadata, prepared.year)


def _analyse(
    path: Path, checklist: Checklist | Selection, max_bytes: int, shared: tuple[SharedPassage, ...], prepared: Prepared | None
) -> tuple[ReportResult, Context]:
    if prepared is None:
        prepared = prepare(path, max_bytes)
    patterns.begin_report()
    choice = choose(path, checklist, prepared)
    source, tree, meta, year = prepared.source, prepared.outline, prepared.metadata, prepared.year
    # The lines live on as their texts (in the result) and as paragraphs: the line objects go now
    # (unless a batch keeps the prepared report for a second look).
    source_lines = tuple(line.text for line in source.lines)
    line_count = max((line.number for line in source.lines), default=0)  # lines, or Word paragraphs
    mentioned = mentions_subject(choice.checklist, source.lines)
    source = dataclasses.replace(source, lines=[])
    del prepared
    warnings = list(source.notes)
    if meta.year is None:
        warnings.append(f"未能从标题或正文识别报告年度，按 {year} 年检查")
    checklist = choice.checklist
    if (outside := checklist.year_warning(year)) is not None:  # the checklist's applies_to
        warnings.append(outside)
    if tree.cut_lines:
        where = "、".join(str(line) for line in tree.cut_lines[:5]) + ("等" if len(tree.cut_lines) > 5 else "")
        warnings.append(
            f"{len(tree.cut_lines)} 处长句超过 {outline.SENTENCE_MAX_CHARS} 字且没有句末标点（第 {where} 行），"
            f"已按每 {outline.PIECE_CHARS} 字切分检查：跨切分处的词语可能查不到"
        )
    timescope.assign(tree, year, checklist.time_scope)
    figures = patterns.Remembered(patterns.compile(checklist.figures))  # one search per sentence for this report
    matches: dict[str, ElementMatch] = {}
    anchors: dict[str, tuple[int, tuple[str, ...]]] = {}
    results = {}
    index = SentenceIndex.build(checklist.elements, tree, year)  # every evidence term searched once per sentence
    for element in checklist.elements:  # ordered so that `within` targets come first
        matches[element.id] = match_element(element, tree, year, matches, index)
        results[element.id] = scoring.evaluate(matches[element.id], figures, anchors)
        anchors[element.id] = (results[element.id].anchor_line, results[element.id].anchor_section)
    del index  # its per-sentence phrase sets and fuzzy scores are the largest thing matching leaves: not kept through the checks
    _refuse_off_subject(path, checklist, mentioned, results.values())
    context = Context(
        checklist, year, meta, tree, matches, results, figures,
        drafts=source.drafts, line_unit=source.line_unit, checked_text=source.checked_text, shared=shared,
    )
    found = findings.run(context, checklist.checks)
    if patterns.over_budget():
        warnings.append(f"清单中的正则表达式在本报告上累计用时超过 {patterns.REPORT_SECONDS:g} 秒，其余搜索已停用：要素和检查结论可能不完整")
    for pattern in patterns.timed_out():
        warnings.append(f"清单中的正则表达式 {pattern!r} 在本报告上超过 {patterns.SEARCH_SECONDS:g} 秒未完成，已停用：用到它的要素和检查结论可能不完整")
    ordered = tuple(sorted(results.values(), key=lambda result: not result.element.required))
    result = ReportResult(
        path=str(path),
        format=source.format,
        checklist=checklist,
        metadata=meta,
        elements=ordered,
        score=scoring.overall(ordered),
        verdict=verdict_of(ordered),
        line_count=line_count,
        line_unit=source.line_unit,
        ocr=source.ocr,
        warnings=tuple(warnings),
        source_lines=source_lines,
        findings=found,
        checks=findings.runs(checklist.checks),
        checklist_reason=choice.reason,
        source_digest=source.digest,
    )
    return result, context

