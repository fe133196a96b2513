"""Batch outputs: ``index.html`` (a reports × elements matrix coloured by status) and ``summary.csv``.

A 依法治县办 checking dozens of reports starts here: which reports fail, on which elements,
sorted by score, each row linking to the report's own gap report and each cell to that element
in it. Columns carry the checklist's short names (the id in the tooltip), required elements
first and set apart from the recommended ones; each report shows its recipient (报送). Reports that could not be
read are error rows. Only a small summary of each result is kept, so memory stays flat however
large the batch.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from checker import __version__
from checker.output import links, templates
from checker.output.labels import labels, verdict_label
from checker.result import BatchResult

MARKS = {"present": "✓", "weak": "△", "missing": "✗", "accepted": "☑"}


def render_index(batch: BatchResult, lang: str = "zh") -> Iterator[str]:
    """The dashboard page, in chunks; rows sorted by score, lowest (most in need of work) first.

    The rows are read one at a time as the page is written (``batch.ranked()``): a batch of
    thousands, kept on disk, never sits in memory as a list.
    """
    checklist = batch.checklist
    table = labels(lang)
    template, css = templates.load("dashboard.html.j2")
    required = [element for element in batch.elements if element.required]
    recommended = [element for element in batch.elements if not element.required]
    # Each column's classes worked out once, not in every cell of every row: the two kinds apart,
    # required first, and a rule before the first recommended column.
    kinds = ["required"] * len(required) + ["recommended first-recommended"] * bool(recommended) + ["recommended"] * (len(recommended) - 1)
    return template.generate(
        rows=batch.ranked(),
        count=len(batch.rows),
        elements=required + recommended,
        columns=list(zip(required + recommended, kinds)),
        required=required,
        recommended=recommended,
        checklist=checklist,
        t=table,
        lang=lang,
        css=css,
        compared=batch.compared,
        marks=MARKS,
        verdict=lambda verdict: verdict_label(verdict, lang) if verdict else "",
        href=links.file_href,
        incomplete=None if batch.complete else table["incomplete"].format(done=len(batch.rows), total=batch.total),
        generated_by=table["generated_by"].format(version=__version__),
    )


def render_csv(batch: BatchResult, lang: str = "zh") -> Iterator[str]:
    """One row per report: path, title, score, verdict, error, then one column per element id (the same in every language)."""
    rows = batch.rows
    ids = [element.id for element in batch.elements]
    yield _csv_line(["path", "title", "score", "verdict", "error", *ids])
    for row in rows:
        yield _csv_line([row.path, row.title, "" if row.score is None else row.score, row.verdict, row.error or "", *(row.statuses.get(i, "") for i in ids)])


def _csv_line(values: list) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(values)
    return buffer.getvalue()
