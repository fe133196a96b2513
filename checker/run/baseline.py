"""Accepted gaps: a committed baseline file lets a team accept a known gap without silencing the rest.

Waivers cannot live inside a .docx or .pdf, so they live beside the reports, keyed by report
path (relative to the baseline file, with / separators) and element id — never by line, which
changes with every edit. An entry may name a check's id instead (``finding:``) to accept what
that check found in that report. Every entry carries a reason. Accepted gaps and findings are
still shown, marked accepted; they only stop counting for the exit code.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path


from checker.common import files
from checker.common.errors import UsageError
from checker.result import PRESENT, ReportResult, verdict_of

DEFAULT_FILE = "rolcheck-baseline.yaml"
DEFAULT_REASON = "已知差距，暂予接受（请填写原因）"
HEADER = "# rolcheck baseline: accepted gaps and findings, by report and element (or check). Written by `rolcheck baseline`; give each entry a reason.\n"


@dataclass
class Baseline:
    """Accepted gaps of one baseline file."""

    path: Path
    entries: dict[tuple[str, str], str]  # (report key, element id) -> reason
    findings: dict[tuple[str, str], str] = dataclasses.field(default_factory=dict)  # (report key, check id) -> reason

    def key(self, report_path: str) -> str:
        """How a report is named in this baseline: relative to the baseline file's folder."""
        return Path(os.path.relpath(Path(report_path).resolve(), self.path.resolve().parent)).as_posix()

    def stale(self, element_ids: set[str] | None) -> list[str]:
        """Warnings for entries that can accept nothing: the report file is gone, or the checklist has no such element.

        A silently ignored entry would let a reviewer believe a gap is accepted when the name was
        simply mistyped.
        """
        folder = self.path.resolve().parent
        notes = []
        for report, element in sorted(self.entries):
            if not (folder / report).exists():
                notes.append(f"{self.path}: 基线条目的报告 {report} 不存在（要素 {element}），该条目不起作用")
            elif element_ids is not None and element not in element_ids:
                notes.append(f"{self.path}: 基线条目 {report} 的要素 '{element}' 不在清单中，该条目不起作用")
        return notes

    def apply(self, result: ReportResult) -> ReportResult:
        """Mark the result's gaps that this baseline accepts; recompute the verdict accordingly."""
        report = self.key(result.path)
        elements = tuple(
            dataclasses.replace(element, accepted=self.entries[(report, element.element.id)])
            if element.status != PRESENT and (report, element.element.id) in self.entries
            else element
            for element in result.elements
        )
        found = tuple(
            dataclasses.replace(finding, accepted=self.findings[(report, finding.id)]) if (report, finding.id) in self.findings else finding
            for finding in result.findings
        )
        return dataclasses.replace(result, elements=elements, findings=found, verdict=verdict_of(elements))


def load(path: Path) -> Baseline:
    """Read a baseline file; a missing file is an empty baseline, a malformed one a ``UsageError``."""
    if not path.exists():
        return Baseline(path, {})
    import yaml  # here, not at the top: a check without a baseline file needs no YAML

    try:
        text = files.read_text_limited(path)  # regular files only, bounded
    except files.NotReadable as why:
        raise UsageError(f"{path}: {why}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: 基线文件不是 UTF-8 文本") from None
    try:
        document = yaml.safe_load(text) or {}
        entries: dict[tuple[str, str], str] = {}
        findings: dict[tuple[str, str], str] = {}
        for item in document.get("accepted", []):
            reason = str(item.get("reason") or DEFAULT_REASON)
            if "finding" in item:
                findings[(str(item["report"]), str(item["finding"]))] = reason
            else:
                entries[(str(item["report"]), str(item["element"]))] = reason
    except (yaml.YAMLError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise UsageError(
            f"{path}: 基线文件格式不正确（应为 accepted: 列表，每项含 report、element 或 finding、reason）：{type(exc).__name__}"
        ) from None
    return Baseline(path, entries, findings)


def rewrite(baseline: Baseline, results: list[ReportResult], findings: bool = False) -> tuple[str, int, int]:
    """The baseline text for the current gaps: existing reasons kept, new gaps added, stale entries pruned.

    With ``findings``, what the checks found (errors and warnings) is accepted too, keyed by
    check id. Returns the text, how many entries were added and how many pruned. Only the
    checked reports' entries are touched; entries for other reports stay as they were.
    """
    checked = {baseline.key(result.path) for result in results}
    gaps: dict[tuple[str, str], str] = {}
    found: dict[tuple[str, str], str] = {}
    for result in results:
        report = baseline.key(result.path)
        for element in result.elements:
            if element.status != PRESENT:
                gaps[(report, element.element.id)] = baseline.entries.get((report, element.element.id), DEFAULT_REASON)
        for finding in result.findings:
            key = (report, finding.id)
            if key in baseline.findings or (findings and finding.severity in ("error", "warning")):
                found[key] = baseline.findings.get(key, DEFAULT_REASON)
    kept_gaps = {key: reason for key, reason in baseline.entries.items() if key[0] not in checked}
    kept_found = {key: reason for key, reason in baseline.findings.items() if key[0] not in checked}
    added = len(set(gaps) - set(baseline.entries)) + len(set(found) - set(baseline.findings))
    pruned = len([key for key in baseline.entries if key[0] in checked and key not in gaps])
    pruned += len([key for key in baseline.findings if key[0] in checked and key not in found])
    merged_gaps, merged_found = {**kept_gaps, **gaps}, {**kept_found, **found}
    accepted: list[dict[str, str]] = [{"report": r, "element": e, "reason": merged_gaps[(r, e)]} for r, e in sorted(merged_gaps)]
    accepted += [{"report": r, "finding": f, "reason": merged_found[(r, f)]} for r, f in sorted(merged_found)]
    import yaml

    return HEADER + yaml.safe_dump({"accepted": accepted}, allow_unicode=True, sort_keys=False), added, pruned
