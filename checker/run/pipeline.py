"""The check of one report, as one straight pipeline: read → normalise → outline → match → score → findings.

Each stage is its own module; this one only wires them in order, so the data flows one way
and every stage can be tested on its own. ``analyse`` also returns the context the checks
saw, which ``rolcheck diff`` needs to compare two years.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

from checker.rules import findings

from checker.structure import metadata

from checker.structure import outline

from checker.reading import readers

from checker.analysis import scoring

from checker.analysis import timescope
from checker.checklist.model import Checklist
from checker.analysis.matching import ElementMatch, match_element
from checker.reading.normalise import normalise
from checker.result import ElementResult, Evidence, Finding, ReportResult, verdict_of
from checker.rules.registry import Context

REQUIRED_WEIGHT, RECOMMENDED_WEIGHT = 3, 1


def check(path: Path, checklist: Checklist, max_bytes: int = readers.DEFAULT_MAX_BYTES) -> ReportResult:
    """Check the report at ``path`` against ``checklist``; raises ``RolcheckError`` for unreadable input."""
    return analyse(path, checklist, max_bytes)[0]


def analyse(path: Path, checklist: Checklist, max_bytes: int = readers.DEFAULT_MAX_BYTES) -> tuple[ReportResult, Context]:
    """The checked report and the context its checks ran in (outline, matches, verdicts)."""
    source = readers.read_report(path, max_bytes)
    normalised = normalise(source.lines)
    tree = outline.build(normalised.paragraphs)
    meta = metadata.extract(normalised, tree)
    warnings = []
    year = meta.year
    if year is None:
        year = date.today().year - 1
        warnings.append(f"未能从标题或正文识别报告年度，按 {year} 年检查")
    if (outside := checklist.year_warning(year)) is not None:  # the checklist's applies_to
        warnings.append(outside)
    timescope.assign(tree, year, checklist.time_scope)
    figures = re.compile(checklist.figures)
    matches: dict[str, ElementMatch] = {}
    anchors: dict[str, tuple[int, tuple[str, ...]]] = {}
    results = {}
    for element in checklist.elements:  # ordered so that `within` targets come first
        matches[element.id] = match_element(element, tree, year, matches)
        results[element.id] = scoring.evaluate(matches[element.id], figures, anchors)
        anchors[element.id] = (results[element.id].anchor_line, results[element.id].anchor_section)
    context = Context(checklist, year, meta, tree, matches, results, figures)
    found = findings.run(context, checklist.checks)
    page_of = source.page_of()
    if page_of:
        results = {key: _with_pages(result, page_of) for key, result in results.items()}
        found = tuple(_finding_with_pages(finding, page_of) for finding in found)
    ordered = sorted(results.values(), key=lambda result: not result.element.required)
    total = sum((REQUIRED_WEIGHT if r.element.required else RECOMMENDED_WEIGHT) for r in ordered)
    earned = sum((REQUIRED_WEIGHT if r.element.required else RECOMMENDED_WEIGHT) * r.score for r in ordered)
    result = ReportResult(
        path=str(path),
        format=source.format,
        checklist=checklist,
        metadata=meta,
        elements=tuple(ordered),
        score=round(100 * earned / total) if total else 0,
        verdict=verdict_of(tuple(ordered)),
        line_count=max((line.number for line in source.lines), default=0),  # lines, or Word paragraphs
        line_unit=source.line_unit,
        warnings=tuple(warnings),
        source_lines=tuple(line.text for line in source.lines),
        findings=found,
    )
    return result, context


def _paged(evidence: tuple[Evidence, ...], page_of: dict[int, int]) -> tuple[Evidence, ...]:
    return tuple(dataclasses.replace(item, page=page_of.get(item.line)) for item in evidence)


def _with_pages(result: ElementResult, page_of: dict[int, int]) -> ElementResult:
    """Add the page of each evidence line, for formats that have pages (PDF)."""
    return dataclasses.replace(result, evidence=_paged(result.evidence, page_of))


def _finding_with_pages(finding: Finding, page_of: dict[int, int]) -> Finding:
    return dataclasses.replace(finding, evidence=_paged(finding.evidence, page_of))
