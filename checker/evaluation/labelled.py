"""Evaluation: how far rolcheck agrees with a reviewer's labels on a corpus of reports.

The checker's rules were written against a handful of samples; a labelled corpus says whether
they carry over, and in which direction they fail. What users rely on is gap detection —
does rolcheck flag what a reviewer would flag? — so an element labelled weak or missing is a
*positive*, and precision, recall and F1 are computed on that, per element. The confusion table
and the list of disagreements show the finer errors (weak taken for missing and the reverse).

A label may accept several statuses (``problems: [weak, missing]``) for a close call; the first
is the reviewer's own reading. A label that accepts both present and a gap says "either is
fair": it counts as agreement either way and is left out of precision and recall.

Labels format: docs/evaluation.md. Everything here is pure logic over ``pipeline.check`` results,
so it is tested without the command line.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from checker.checklist.loading import yaml_loader
from checker.checklist.model import Checklist
from checker.common.errors import InputError
from checker.reading.source import DEFAULT_MAX_BYTES
from checker.result import MISSING, PRESENT, WEAK, ElementResult, ReportResult
from checker.run.pipeline import check

STATUSES = (PRESENT, WEAK, MISSING)


@dataclass(frozen=True)
class Label:
    """A reviewer's expectation for one element of one report."""

    report: str  # the path as written in the labels file, used in every message
    path: Path  # resolved against the labels file's folder
    element: str
    accepted: tuple[str, ...]  # the reviewer's own reading first

    @property
    def expects_gap(self) -> bool | None:
        """True if only gaps are accepted, False if only present is, None for a close call accepting both."""
        if PRESENT not in self.accepted:
            return True
        return False if self.accepted == (PRESENT,) else None


def _statuses(value: Any, where: str) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    if not values or any(item not in STATUSES for item in values) or len(set(values)) != len(values):
        raise InputError(f"{where}: 应为 present、weak、missing 之一，或由它们组成的不重复列表，实际为 {value!r}")
    return tuple(values)


def load_labels(path: Path, checklist: Checklist) -> list[Label]:
    """Read and validate a labels file; every problem is one ``InputError`` line naming the place."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: 标注文件不存在") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: 无法读取标注文件（{exc}）") from None
    try:
        document = yaml.load(text, Loader=yaml_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise InputError(f"{path}{where}: YAML 语法错误（{getattr(exc, 'problem', None) or exc}）") from None
    if not isinstance(document, dict) or not document:
        raise InputError(f"{path}: 标注文件应是“报告路径: {{要素 id: 状态}}”的映射，且至少有一份报告")
    known = {element.id for element in checklist.elements}
    labels = []
    for report, expectations in document.items():
        where = f"{path}: {report}"
        if not isinstance(report, str) or not isinstance(expectations, dict) or not expectations:
            raise InputError(f"{where}: 应为“要素 id: 状态”的映射")
        report_path = path.parent / report
        if not report_path.is_file():
            raise InputError(f"{where}: 报告文件不存在（{report_path}）")
        for element, value in expectations.items():
            if element not in known:
                raise InputError(f"{where}: 清单 {checklist.id} 中没有要素 '{element}'")
            labels.append(Label(report, report_path, element, _statuses(value, f"{where}.{element}")))
    return labels


@dataclass(frozen=True)
class Outcome:
    """A label side by side with what rolcheck said."""

    label: Label
    result: ElementResult

    @property
    def got(self) -> str:
        return self.result.status

    @property
    def agrees(self) -> bool:
        return self.got in self.label.accepted

    @property
    def expected(self) -> str:
        """The row of the confusion table: the status got when accepted, else the reviewer's own reading."""
        return self.got if self.agrees else self.label.accepted[0]


@dataclass(frozen=True)
class GapScores:
    """Counts and scores for gap detection (positive = weak or missing)."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    true_negatives: int = 0

    @classmethod
    def of(cls, outcomes: list[Outcome]) -> GapScores:
        counts: dict[tuple[bool, bool], int] = defaultdict(int)
        for outcome in outcomes:
            if outcome.label.expects_gap is not None:
                counts[(outcome.label.expects_gap, outcome.got != PRESENT)] += 1
        return cls(counts[(True, True)], counts[(False, True)], counts[(True, False)], counts[(False, False)])

    @property
    def positives(self) -> int:
        return self.true_positives + self.false_negatives

    @property
    def precision(self) -> float | None:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else None

    @property
    def recall(self) -> float | None:
        return self.true_positives / self.positives if self.positives else None

    @property
    def f1(self) -> float | None:
        precision, recall = self.precision, self.recall
        if precision is None or recall is None or precision + recall == 0:
            return None
        return 2 * precision * recall / (precision + recall)

    def to_dict(self) -> dict[str, Any]:
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 3)

        return {
            "positives": self.positives,
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
            "true_negatives": self.true_negatives,
            "precision": rounded(self.precision),
            "recall": rounded(self.recall),
            "f1": rounded(self.f1),
        }


@dataclass(frozen=True)
class Evaluation:
    """Every label with rolcheck's verdict, and the figures drawn from them."""

    labels_path: Path
    checklist: Checklist
    outcomes: tuple[Outcome, ...]
    results: dict[str, ReportResult]  # by the report's path as written in the labels file

    def element_ids(self) -> list[str]:
        """The labelled elements, required first, in the checklist's order."""
        labelled = {outcome.label.element for outcome in self.outcomes}
        ordered = sorted(self.checklist.elements, key=lambda element: not element.required)
        return [element.id for element in ordered if element.id in labelled]

    def per_element(self) -> dict[str, GapScores]:
        return {
            element: GapScores.of([o for o in self.outcomes if o.label.element == element]) for element in self.element_ids()
        }

    def required(self) -> GapScores:
        """Gap detection over the required elements together: the figure the corpus test holds to."""
        return GapScores.of([o for o in self.outcomes if o.result.element.required])

    def confusion(self) -> dict[str, dict[str, int]]:
        table = {expected: dict.fromkeys(STATUSES, 0) for expected in STATUSES}
        for outcome in self.outcomes:
            table[outcome.expected][outcome.got] += 1
        return table

    def disagreements(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if not outcome.agrees]

    def false_missing(self) -> list[Outcome]:
        """Required elements a reviewer calls present that rolcheck calls missing: the costliest error."""
        return [
            o for o in self.outcomes if o.result.element.required and o.label.accepted == (PRESENT,) and o.got == MISSING
        ]

    def to_dict(self) -> dict[str, Any]:
        """The evaluation as JSON-ready data (the ``--format json`` output)."""
        return {
            "labels": str(self.labels_path),
            "checklist": {"id": self.checklist.id, "version": self.checklist.version},
            "reports": len(self.results),
            "labelled": len(self.outcomes),
            "agreed": len(self.outcomes) - len(self.disagreements()),
            "gap_detection": {
                "required": self.required().to_dict(),
                "elements": {element: scores.to_dict() for element, scores in self.per_element().items()},
            },
            "false_missing_required": len(self.false_missing()),
            "confusion": self.confusion(),
            "disagreements": [_outcome_dict(outcome) for outcome in self.disagreements()],
        }


def _outcome_dict(outcome: Outcome) -> dict[str, Any]:
    result = outcome.result
    return {
        "report": outcome.label.report,
        "element": outcome.label.element,
        "expected": list(outcome.label.accepted),
        "got": outcome.got,
        "reason": result.reason,
        "anchor_line": result.anchor_line,
        "evidence": [{"line": evidence.line, "quote": evidence.quote} for evidence in result.evidence],
    }


def evaluate(labels_path: Path, labels: list[Label], checklist: Checklist, max_bytes: int = DEFAULT_MAX_BYTES) -> Evaluation:
    """Check each labelled report once and pair every label with the verdict on its element."""
    results: dict[str, ReportResult] = {}
    outcomes = []
    for label in labels:
        if label.report not in results:
            results[label.report] = check(label.path, checklist, max_bytes)
        element = next(e for e in results[label.report].elements if e.element.id == label.element)
        outcomes.append(Outcome(label, element))
    return Evaluation(labels_path, checklist, tuple(outcomes), results)
