"""Year over year: compare this year's report with last year's (``rolcheck diff``).

Both reports go through the same pipeline and checklist; then the checklist's year-over-year
checks (``COMPARES`` rules: reused paragraphs, repeated shortcomings, last year's plan without
follow-up) run on this year's context with last year's beside it. Their evidence points at
this year's lines, and at last year's with kind ``previous_year``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from checker.checklist.model import Checklist
from checker.common.errors import UsageError
from checker.reading.source import DEFAULT_MAX_BYTES
from checker.result import DiffResult
from checker.rules import findings
from checker.run.pipeline import analyse


def compare(previous: Path, current: Path, checklist: Checklist, max_bytes: int = DEFAULT_MAX_BYTES) -> DiffResult:
    """Check both reports and run the year-over-year checks; raises ``RolcheckError`` for bad input."""
    if previous.resolve() == current.resolve():
        raise UsageError(f"上年和本年是同一个文件：{current}")
    last_result, last_context = analyse(previous, checklist, max_bytes)
    this_result, this_context = analyse(current, checklist, max_bytes)
    found = findings.run(dataclasses.replace(this_context, previous=last_context), checklist.checks, compares=True)
    warnings = []
    if last_context.year != this_context.year - 1:
        warnings.append(f"上年报告为{last_context.year}年度，本年报告为{this_context.year}年度，不是相邻的两个年度")
    return DiffResult(last_result, this_result, checklist, found, tuple(warnings))
