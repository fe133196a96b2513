"""The findings stage: run the checklist's checks on a checked report and collect what they find.

Runs after scoring, so a check can build on the element verdicts (causes are only worth a
finding where the problems were found). The checklist decides which checks run, with which
params and at which severity; a flag resting on an unconfirmed rule is capped at ``info``.
Findings come out most severe first, in checklist order within a severity.
"""

from __future__ import annotations

from collections.abc import Iterable

from checker.checklist.model import Check
from checker.result import SEVERITIES, CheckRun, Finding
from checker.rules import registry as rules


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


def checks_run(checks: Iterable[Check], compares: bool = False) -> list[Check]:
    """The enabled checks ``run`` executes: single-report ones, or with ``compares`` the year-over-year ones."""
    return [check for check in checks if check.enabled and rules.module(check.type).COMPARES == compares]


def runs(checks: Iterable[Check], compares: bool = False) -> tuple[CheckRun, ...]:
    """What the result records of the checks that ran: id, type, the type's title and the severity."""
    return tuple(CheckRun(check.id, check.type, rules.module(check.type).TITLE, check.severity, check.note) for check in checks_run(checks, compares))
