"""The result of checking one report: the one object every renderer takes.

Renderers never look at the outline or the matcher; everything a gap report shows is here,
already decided. ``SCHEMA_VERSION`` versions the JSON form of this object
(``checker/schemas/result.schema.json``); bump it when a field changes meaning or goes away.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol, runtime_checkable

from checker.checklist.model import Checklist, Element
from checker.structure.metadata import Metadata

SCHEMA_VERSION = "1.2"  # 1.1 added ``findings``; 1.2 findings' ``table`` and ``other_report`` evidence

PRESENT, WEAK, MISSING = "present", "weak", "missing"
STATUS_LABELS = {PRESENT: "具备", WEAK: "薄弱", MISSING: "缺失"}
VERDICT_LABELS = {
    "pass": "合格：必备要素齐全",
    "weak": "待完善：有必备要素薄弱",
    "fail": "不合格：缺少必备要素",
}


class Evidence(NamedTuple):  # a NamedTuple: cheap to create at start-up (see checker/checklist/model.py)
    """A place in the original file that supports a verdict."""

    line: int
    section: tuple[str, ...]
    quote: str
    matched: str
    kind: str  # elements: "heading", "phrase", "pattern"; findings also "sentence", "metadata", "previous_year", "other_report"
    page: int | None = None
    clipped_start: bool = False  # the quote starts after the start of its line
    clipped_end: bool = False  # the quote stops before the end of its line

    @property
    def shown(self) -> str:
        """The quote as readers see it: "…" where the line goes on beyond it."""
        return ("…" if self.clipped_start else "") + self.quote + ("…" if self.clipped_end else "")

    @property
    def elsewhere(self) -> bool:
        """A line of another file: last year's report, or another report of the batch (its path is ``section[0]``)."""
        return self.kind in ("previous_year", "other_report")


@dataclass(frozen=True)
class ElementResult:
    """The verdict on one checklist element."""

    element: Element
    status: str
    score: float
    reason: str
    evidence: tuple[Evidence, ...]
    anchor_line: int
    anchor_section: tuple[str, ...] = ()
    accepted: str | None = None  # the baseline's reason, when a team has accepted this gap

    @property
    def line(self) -> int:
        """Where to point a reader or an annotation: the first evidence, else the anchor."""
        return self.evidence[0].line if self.evidence else self.anchor_line

    @property
    def is_gap(self) -> bool:
        """Weak or missing and not accepted in the baseline."""
        return self.status != PRESENT and self.accepted is None


SEVERITIES = ("error", "warning", "info")  # most severe first
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True)
class Finding:
    """What one check of the checklist found: a reviewer's remark with the lines it is about.

    ``rule`` names the ``reporting`` rule the finding enforces ("deadlines.report"), so a
    finding can be traced back to the declared requirement; None for checks of the content.
    """

    id: str
    type: str
    severity: str
    message: str
    evidence: tuple[Evidence, ...] = ()
    rule: str | None = None
    table: tuple[tuple[str, str], ...] = ()  # a pairing the check made (each problem → the plan items answering it)
    accepted: str | None = None  # the baseline's reason, when a team has accepted this finding

    @property
    def line(self) -> int:
        """Where an annotation goes: the first evidence line of this report, else line 1."""
        return next((item.line for item in self.evidence if not item.elsewhere), 1)


class CheckRun(NamedTuple):
    """A check that ran on the report, as the CI formats list it (a JUnit test case, a SARIF rule)."""

    id: str
    type: str
    title: str  # what the check type makes sure of, in Chinese
    severity: str
    note: str = ""


def at_or_above(findings: tuple[Finding, ...] | list[Finding], threshold: str, accepted: bool = True) -> list[Finding]:
    """The findings at least as severe as ``threshold`` (error, warning or info); none for ``never``.

    ``accepted=False`` leaves out the findings a baseline accepts (what decides the exit code)."""
    if threshold not in SEVERITIES:
        return []
    return [
        finding
        for finding in findings
        if SEVERITIES.index(finding.severity) <= SEVERITIES.index(threshold) and (accepted or finding.accepted is None)
    ]


@dataclass(frozen=True)
class ReportResult:
    """A checked report: metadata, per-element verdicts, overall score and verdict."""

    path: str
    format: str
    checklist: Checklist
    metadata: Metadata
    elements: tuple[ElementResult, ...]
    score: int
    verdict: str
    line_count: int
    line_unit: str = "line"
    warnings: tuple[str, ...] = field(default_factory=tuple)
    ocr: bool = False  # the text was recognised from page images: every output says so
    source_lines: tuple[str, ...] = ()  # the original lines (paragraphs for Word), for renderers that show the text
    findings: tuple[Finding, ...] = ()  # what the checklist's checks found, most severe first
    checks: tuple[CheckRun, ...] = ()  # the checks that ran, in checklist order
    source_digest: str = ""  # SHA-256 of the file as checked (see SourceText.digest)
    checklist_reason: str = ""  # why this checklist: "按发文机关“…局”（政府部门）和报告年度 2025 选用 department"

    def required_statuses(self) -> set[str]:
        """Statuses of the required elements, accepted gaps counting as present."""
        return {PRESENT if result.accepted else result.status for result in self.elements if result.element.required}


def verdict_of(elements: tuple[ElementResult, ...]) -> str:
    """pass: every required element present (or accepted); fail: one missing; weak otherwise."""
    required = {PRESENT if e.accepted else e.status for e in elements if e.element.required}
    return "fail" if MISSING in required else "pass" if required <= {PRESENT} else "weak"


class DiffResult(NamedTuple):
    """Two checked reports and what the year-over-year checks found in the later one."""

    previous: ReportResult
    current: ReportResult
    checklist: Checklist
    findings: tuple[Finding, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class SummaryRow:
    """One report's line in the dashboard: its verdict and per-element statuses, or its error."""

    path: str
    title: str = ""
    score: int | None = None
    verdict: str = ""
    statuses: dict[str, str] = field(default_factory=dict)  # element id -> present/weak/missing/accepted
    link: str | None = None  # the report's own gap report, relative to the output folder
    error: str | None = None
    recipient: str | None = None  # 报送: to whom the report is addressed, as the terminal shows it
    checklist: str = ""  # the id of the checklist the report was checked against
    similar: tuple[str, ...] = ()  # the other reports it shares passages with (the dashboard's 相似 column)


def summarise(result: ReportResult, link: str | None) -> SummaryRow:
    """The dashboard row of a checked report; ``link`` is its gap report relative to the output folder."""
    statuses = {
        e.element.id: "accepted" if e.accepted and e.status != "present" else e.status for e in result.elements
    }
    return SummaryRow(
        result.path, result.metadata.title or "", result.score, result.verdict, statuses, link,
        checklist=result.checklist.id, recipient=result.metadata.recipient,
    )


class SimilarPair(NamedTuple):
    """Two reports that share passages: how much, and what share of each one's text that is."""

    a: str
    b: str
    chars: int
    passages: int
    sentences: int
    share_a: float
    share_b: float
    reference: bool = False  # one of them is from the reference folder


def dashboard_order(row: SummaryRow) -> tuple[bool, int]:
    """How the dashboard lists reports: those that could not be read first, then by score, lowest first."""
    return (row.error is None, row.score if row.score is not None else -1)


@runtime_checkable
class RankedRows(Protocol):
    """Rows that come in dashboard order by themselves (a large batch's rows kept on disk, sorted there)."""

    def ranked(self) -> Iterable[SummaryRow]: ...


@dataclass(frozen=True)
class BatchResult:
    """A checked batch, as the batch formats (dashboard, summary CSV, pairs page) take it: one row per report.

    ``rows`` and ``links`` may live on disk (a batch of thousands, ``checker.run.ledger``): renderers
    iterate them and look links up, never copy them.
    """

    rows: Collection[SummaryRow]  # in input order
    checklist: Checklist
    # Elements of the other checklists some reports were checked against (chosen per report), after the main one's.
    other_elements: tuple[Element, ...] = ()
    total: int | None = None  # reports the run set out to check; more than the rows when interrupted
    pairs: Collection[SimilarPair] = ()  # most shared first; may live on disk (``checker.run.similar.Pairs``)
    compared: bool = False  # reports were compared with each other: the dashboard shows the 相似 column
    links: Mapping[str, str] = field(default_factory=dict)  # report path -> its gap report, for the pairs page

    @property
    def elements(self) -> tuple[Element, ...]:
        """The dashboard's columns: the main checklist's elements, then the others' not already among them."""
        return (*self.checklist.elements, *self.other_elements)

    @property
    def complete(self) -> bool:
        return self.total is None or len(self.rows) >= self.total

    def ranked(self) -> Iterable[SummaryRow]:
        """The rows in dashboard order (``dashboard_order``; input order within a score)."""
        if isinstance(self.rows, RankedRows):
            return self.rows.ranked()
        return sorted(self.rows, key=dashboard_order)
