"""Mutation testing: take away the section a "present" verdict rests on, and see whether rolcheck notices.

Agreement with labels only shows that rolcheck finds what is there; it does not show that it
found it for the right reason. If deleting the section that made ``problems`` present leaves
``problems`` present, the verdict rested on something else — often a keyword elsewhere. So for
every element a reviewer labelled present and rolcheck found present, the section its verdict
is anchored at (the matched heading, or the one part where its evidence sits) is

- **removed**: heading and body deleted — the element should become weak or missing;
- **hollowed**: heading kept, body deleted — a heading with nothing under it is weak, not present.

Each mutant is written to a temporary file and checked like any report; inputs are never touched.
A verdict spread over the whole report (no single anchoring section) is skipped, with the reason,
and so are reports that are not plain text or Markdown, whose lines cannot be cut out of the file.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.evaluation.labelled import Evaluation
from checker.reading import readers
from checker.reading.normalise import normalise
from checker.reading.readers import text as text_reader
from checker.reading.source import DEFAULT_MAX_BYTES
from checker.result import PRESENT, ElementResult
from checker.run.pipeline import check
from checker.structure import outline

REMOVED, HOLLOWED = "removed", "hollowed"
LINE_FORMATS = ("text", "markdown")  # formats whose evidence lines are the file's own lines
_HEADING_END = "。！？；：，"


@dataclass(frozen=True)
class Mutant:
    """One mutated report and the element's verdict on it."""

    report: str
    element: str
    kind: str
    first_line: int
    last_line: int
    heading: str
    status: str
    reason: str

    @property
    def noticed(self) -> bool:
        return self.status != PRESENT


@dataclass(frozen=True)
class Skipped:
    """An element that could not be mutated, and why."""

    report: str
    element: str
    why: str


@dataclass(frozen=True)
class MutationRun:
    """Every mutant of a corpus and every element left alone; ``unnoticed`` are the findings."""

    mutants: tuple[Mutant, ...]
    skipped: tuple[Skipped, ...]

    def unnoticed(self) -> list[Mutant]:
        return [mutant for mutant in self.mutants if not mutant.noticed]

    def to_dict(self) -> dict[str, Any]:
        return {
            "mutants": len(self.mutants),
            "noticed": len(self.mutants) - len(self.unnoticed()),
            "unnoticed": [_mutant_dict(mutant) for mutant in self.unnoticed()],
            "skipped": [{"report": s.report, "element": s.element, "why": s.why} for s in self.skipped],
        }


def _mutant_dict(mutant: Mutant) -> dict[str, Any]:
    return {
        "report": mutant.report,
        "element": mutant.element,
        "kind": mutant.kind,
        "lines": [mutant.first_line, mutant.last_line],
        "heading": mutant.heading,
        "status": mutant.status,
        "reason": mutant.reason,
    }


def anchored_section(tree: outline.Outline, result: ElementResult) -> outline.Section | None:
    """The section the verdict is anchored at, if the anchor is a section heading."""
    for section in tree.sections:
        heading = section.heading
        if heading is not None and heading.line == result.anchor_line and tuple(section.path) == result.anchor_section:
            return section
    return None


def mutated_lines(lines: list[str], section: outline.Section, kind: str) -> list[str]:
    """The report's lines with ``section`` removed or hollowed (line numbers are the file's, from 1)."""
    heading = section.heading
    if heading is None:
        raise ValueError("only a section with a heading can be mutated")
    first, last = heading.line, section.line_end or heading.line
    if kind == REMOVED:
        return lines[: first - 1] + lines[last:]
    whole_paragraph = heading.paragraph.text.rstrip(_HEADING_END) == heading.text
    # A heading alone on its lines is kept as written (Markdown marks included); one that opens a
    # paragraph ("（一）存在的不足。一是……") is kept as its normalised text, without the body after it.
    kept = lines[first - 1 : heading.line_of(len(heading.text) - 1)] if whole_paragraph else [heading.text]
    return lines[: first - 1] + kept + lines[last:]


def mutate(evaluation: Evaluation, max_bytes: int = DEFAULT_MAX_BYTES) -> MutationRun:
    """Remove and hollow the anchoring section of every element labelled and found present."""
    mutants: list[Mutant] = []
    skipped: list[Skipped] = []
    targets: dict[str, list[ElementResult]] = {}
    for outcome in evaluation.outcomes:
        if outcome.label.accepted == (PRESENT,) and outcome.got == PRESENT:
            targets.setdefault(outcome.label.report, []).append(outcome.result)
    with tempfile.TemporaryDirectory(prefix="rolcheck-mutants-") as folder:
        for report, results in targets.items():
            path = evaluation.results[report].path
            source = readers.read_report(Path(path), max_bytes)
            if source.format not in LINE_FORMATS:
                skipped.extend(Skipped(report, r.element.id, f"{source.format} 格式的报告不能按行删改") for r in results)
                continue
            tree = outline.build(normalise(source.lines).paragraphs)
            raw = [line.text for line in text_reader.lines(text_reader.decode(Path(path).read_bytes(), Path(path)))]
            for result in results:
                section = anchored_section(tree, result)
                if section is None or section.heading is None:
                    why = "判断所依据的证据分散在全文，没有单一章节可删"
                    skipped.append(Skipped(report, result.element.id, why))
                    continue
                for kind in (REMOVED, HOLLOWED):
                    target = Path(folder) / f"mutant{Path(path).suffix}"
                    target.write_text("\n".join(mutated_lines(raw, section, kind)) + "\n", "utf-8")
                    after = next(e for e in check(target, evaluation.checklist, max_bytes).elements if e.element.id == result.element.id)
                    first = section.heading.line
                    last = section.line_end or first
                    title = section.marker + section.title
                    mutants.append(Mutant(report, result.element.id, kind, first, last, title, after.status, after.reason))
    return MutationRun(tuple(mutants), tuple(skipped))
