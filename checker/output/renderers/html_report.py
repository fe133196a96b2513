"""Self-contained HTML gap report: opens offline (no CDN, no script), prints cleanly.

It reads like a filled-in checklist (PRISMA/CONSORT style): the verdict, one row per element
with its status badge and evidence links, a card per gap with why it matters, the legal basis
and a suggested outline from the checklist, then the report text itself with every evidence
line highlighted and linked back to its element. The checks' findings follow the table, each
with links to its lines. Jinja2 autoescapes everything, so a report containing ``<script>``
shows it as text.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker import __version__
from checker.output import templates
from checker.output.labels import labels, location, place, verdict_label
from checker.result import ElementResult, Finding, ReportResult

TAG_MAX_CHARS = 8
# A line's back-link shows its finding's message as a tooltip, cut to this length: a finding naming
# thousands of sections links each of their lines, and the whole message on every link made the
# page grow with the square of the report (a 5 MB report needed over 4 GB to render).
TAG_TITLE_MAX_CHARS = 120


def _row(element: ElementResult, result: ReportResult, table: dict[str, str], lang: str) -> dict:
    badge = "accepted" if element.accepted and element.status != "present" else element.status
    status_label = table[element.status] + (f"（{table['accepted']}）" if badge == "accepted" else "")
    reason = element.reason
    if element.accepted:
        reason = table["accepted_reason"].format(reason=element.accepted) + "；" + reason
    return {
        "id": element.element.id,
        "title": element.element.title,
        "severity": table[element.element.severity],
        "status": element.status,
        "status_label": status_label,
        "badge": badge,
        "score": element.score,
        "reason": reason,
        "gap": element.status != "present",
        "why": element.element.why,
        "description": element.element.description,
        "outline": element.element.outline,
        "basis": [basis.named for basis in element.element.basis],
        "evidence": [
            {"line": ev.line, "where": location(lang, ev.line, result.line_unit, ev.page), "quote": ev.shown}
            for ev in element.evidence
        ],
        # Several sentences of one long line are one place to look: link each line once.
        "links": [
            {"line": line, "where": location(lang, line, result.line_unit, page)}
            for line, page in dict.fromkeys((ev.line, ev.page) for ev in element.evidence)
        ],
    }


def finding_card(index: int, finding: Finding, table: dict[str, str], lang: str, unit: str) -> dict:
    """A finding for the template: severity badge, message and evidence (links for this report's lines)."""
    return {
        "anchor": f"finding-{index}",
        "id": finding.id,
        "severity": finding.severity,
        "severity_label": table[finding.severity],
        "message": finding.message if finding.accepted is None else table["accepted_reason"].format(reason=finding.accepted) + "；" + finding.message,
        "evidence": [
            {
                "line": ev.line,
                "linked": not ev.elsewhere,
                "where": place(lang, ev, unit),
                "quote": ev.shown,
            }
            for ev in finding.evidence
        ],
        "table": finding.table,
    }


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render(result: ReportResult, lang: str = "zh") -> Iterator[str]:
    """The page in chunks, as the template makes them: a large report's page is written as it is
    made, never held whole (with one entry per line, the page of a 20 MB report is larger than the
    report)."""
    table = labels(lang)
    template, css = templates.load("report.html.j2")
    rows = [_row(element, result, table, lang) for element in result.elements]
    tags: dict[int, list[dict]] = {}
    for element in result.elements:
        for line in sorted({ev.line for ev in element.evidence}):
            title = element.element.title
            tags.setdefault(line, []).append({"href": f"#el-{element.element.id}", "title": title, "label": _cut(title, TAG_MAX_CHARS)})
    findings = [finding_card(index, finding, table, lang, result.line_unit) for index, finding in enumerate(result.findings, 1)]
    for card in findings:
        for line in sorted({ev["line"] for ev in card["evidence"] if ev["linked"]}):
            tags.setdefault(line, []).append({"href": f"#{card['anchor']}", "title": _cut(card["message"], TAG_TITLE_MAX_CHARS), "label": card["severity_label"]})
    lines = ({"number": n, "text": text, "tags": tags.get(n, [])} for n, text in enumerate(result.source_lines, start=1))
    return template.generate(
        result=result,
        meta=result.metadata,
        lang=lang,
        t=table,
        verdict=verdict_label(result.verdict, lang),
        rows=rows,
        gaps=[row for row in rows if row["gap"]],
        findings=findings,
        lines=lines,
        # Said once, in the notes, instead of "（条号待核）" on every basis line.
        unconfirmed=list(dict.fromkeys(b.label for e in result.elements for b in e.element.basis if not b.confirmed)),
        css=css,
        generated_by=table["generated_by"].format(version=__version__),
    )
