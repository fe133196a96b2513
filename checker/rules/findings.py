"""The findings stage: run the checklist's checks on a checked report and collect what they find.

Runs after scoring, so a check can build on the element verdicts (causes are only worth a
finding where the problems were found). The checklist decides which checks run, with which
params and at which severity; a flag resting on an unconfirmed rule is capped at ``info``.
Findings come out most severe first, in checklist order within a severity.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING

from checker.checklist.model import Check
from checker.result import SEVERITIES, CheckRun, Finding, ReportResult
from checker.rules import registry as rules

if TYPE_CHECKING:
    from checker.analysis.similarity import SharedPassage


def run(context: rules.Context, checks: Iterable[Check], compares: bool = False) -> tuple[Finding, ...]:
    """The findings of the enabled ``checks``: single-report checks, or with ``compares`` the year-over-year ones."""
    found: list[Finding] = []
    for check in checks_run(checks, compares):
        rule = rules.module(check.type)
        params = {**rule.DEFAULTS, **check.params}
        for flag in rule.check(context, params):
            severity = "info" if flag.advisory else check.severity
            found.append(Finding(check.id, check.type, severity, flag.message, flag.evidence, flag.rule, flag.table))
    return tuple(sorted(found, key=lambda finding: SEVERITIES.index(finding.severity)))


def with_batch(result: ReportResult, year: int, shared: tuple[SharedPassage, ...]) -> ReportResult:
    """``result`` (checked without the batch) with the findings of its checks that read the batch's passages.

    Those checks (``BATCH``: ``shared_text``) read only the report's metadata and the passages, which
    carry both sides' quotes, so a compared batch checks each report whole at its first look and
    runs them alone once the batch is indexed, instead of outlining and checking the report again.
    Their findings take the places a single run would have given them: by severity, then checklist order.
    """
    checklist = result.checklist
    ran = checks_run(checklist.checks)
    batch = [check for check in ran if rules.reads_batch(check.type)]
    if not batch:
        return result
    from checker.common import patterns
    from checker.structure.outline import Outline, Section

    context = rules.Context(
        checklist, year, result.metadata, Outline(Section("", "", 0), [], []), {}, {}, patterns.compile(checklist.figures), shared=shared
    )
    added = run(context, batch)
    order = {check.id: position for position, check in enumerate(ran)}
    merged = sorted([*result.findings, *added], key=lambda finding: (SEVERITIES.index(finding.severity), order[finding.id]))
    return dataclasses.replace(result, findings=tuple(merged))


def checks_run(checks: Iterable[Check], compares: bool = False) -> list[Check]:
    """The enabled checks ``run`` executes: single-report ones, or with ``compares`` the year-over-year ones."""
    return [check for check in checks if check.enabled and rules.module(check.type).COMPARES == compares]


def runs(checks: Iterable[Check], compares: bool = False) -> tuple[CheckRun, ...]:
    """What the result records of the checks that ran: id, type, the type's title and the severity."""
    return tuple(CheckRun(check.id, check.type, rules.module(check.type).TITLE, check.severity, check.note) for check in checks_run(checks, compares))
