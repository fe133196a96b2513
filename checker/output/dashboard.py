"""Batch outputs: ``index.html`` (a reports × elements matrix coloured by status) and ``summary.csv``.

A 依法治县办 checking dozens of reports starts here: which reports fail, on which elements,
sorted by score, each row linking to the report's own gap report. Reports that could not be
read are error rows. Only a small summary of each result is kept, so memory stays flat however
large the batch.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from checker import __version__

from checker.output import templates
from checker.checklist.model import Checklist
from checker.output.labels import labels, verdict_label
from checker.result import ReportResult


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


def summarise(result: ReportResult, link: str | None) -> SummaryRow:
    statuses = {
        e.element.id: "accepted" if e.accepted and e.status != "present" else e.status for e in result.elements
    }
    return SummaryRow(result.path, result.metadata.title or "", result.score, result.verdict, statuses, link)


MARKS = {"present": "✓", "weak": "△", "missing": "✗", "accepted": "☑"}


def render_index(rows: list[SummaryRow], checklist: Checklist, lang: str = "zh") -> Iterator[str]:
    """The dashboard page, in chunks; rows sorted by score, lowest (most in need of work) first."""
    table = labels(lang)
    template, css = templates.load("dashboard.html.j2")
    ordered = sorted(rows, key=lambda row: (row.error is None, row.score if row.score is not None else -1))
    return template.generate(
        rows=ordered,
        elements=checklist.elements,
        checklist=checklist,
        t=table,
        lang=lang,
        css=css,
        marks=MARKS,
        verdicts={row.path: verdict_label(row.verdict, lang) if row.verdict else "" for row in rows},
        generated_by=table["generated_by"].format(version=__version__),
    )


def render_csv(rows: list[SummaryRow], checklist: Checklist) -> Iterator[str]:
    """One row per report: path, title, score, verdict, error, then one column per element id."""
    ids = [element.id for element in checklist.elements]
    yield _csv_line(["path", "title", "score", "verdict", "error", *ids])
    for row in rows:
        yield _csv_line([row.path, row.title, "" if row.score is None else row.score, row.verdict, row.error or "", *(row.statuses.get(i, "") for i in ids)])


def _csv_line(values: list) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(values)
    return buffer.getvalue()
