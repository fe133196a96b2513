"""``--format docx``: the findings as Word comments (批注) in a copy of the writer's own document.

Drafting teams live in Word and WPS, so the gap report goes where they work: every weak or
missing element and every finding becomes a comment by "rolcheck" on the paragraph it is
about, saying what is wrong, what the rule asks (with its basis by name) and the outline the
checklist suggests; one summary comment on the title gives the verdict, the score, the
checklist chosen and the required elements that are missing or weak.

For a .docx input the comments go into a copy of the original file, read again from
``result.path`` and compared with the digest taken when it was checked (the paragraph numbers
of the evidence count that file's paragraphs); the original is never written. For any other
input, or when the file changed after the check, a new document is built from the report's
text, one paragraph per line, with the same comments. python-docx ≥ 1.2 writes the comments.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

from checker.output.labels import location
from checker.reading.readers.docx import body_paragraphs
from checker.result import STATUS_LABELS, VERDICT_LABELS, ReportResult

AUTHOR, INITIALS = "rolcheck", "RC"
SEVERITY_WORDS = {"error": "错误", "warning": "警告", "info": "提示"}


def render(result: ReportResult, lang: str = "zh") -> bytes:
    """The annotated document as .docx bytes."""
    document, paragraphs, note = _document(result)
    title_index = _title_index(result, paragraphs)

    def paragraph_for(line: int) -> Any:
        index = line - 1 if 1 < line <= len(paragraphs) else title_index
        return paragraphs[index]

    _comment(document, paragraphs[title_index], _summary(result, note))
    for element in result.elements:
        if element.is_gap:
            _comment(document, paragraph_for(element.line), _element_text(element, result))
    for finding in result.findings:
        _comment(document, paragraph_for(finding.line), _finding_text(finding, result))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _document(result: ReportResult) -> tuple[Any, list[Any], str]:
    """The document to annotate, its body paragraphs by paragraph number (from 1), and a note for the summary."""
    import docx
    from docx.text.paragraph import Paragraph

    note = ""
    if result.format == "docx":
        try:
            data = Path(result.path).read_bytes()
        except OSError:
            data = b""
        if data and hashlib.sha256(data).hexdigest() == result.source_digest:
            document = docx.Document(io.BytesIO(data))
            paragraphs = [Paragraph(element, document) for element in body_paragraphs(document.element.body)]
            if paragraphs:
                return document, paragraphs, note
        note = "原 Word 文件在检查后已改动或无法读取，批注写在按检查时的文字重建的文档上。"
    document = docx.Document()
    # Line n of the report is paragraph n of the new document, as every renderer counts source_lines.
    paragraphs = [document.add_paragraph(text) for text in result.source_lines]
    if not paragraphs:
        paragraphs.append(document.add_paragraph(result.metadata.title or result.path))
    return document, paragraphs, note


def _title_index(result: ReportResult, paragraphs: list[Any]) -> int:
    """The paragraph holding the report's title (or its first part), else the first paragraph with text."""
    title = (result.metadata.title or "").replace(" ", "")
    texts = [paragraph.text.strip().replace(" ", "") for paragraph in paragraphs]
    if title:
        for index, text in enumerate(texts):
            if text and (text in title or title in text):
                if "报告" in text or "法治政府建设" in text or len(text) >= 6:
                    return index
    return next((index for index, text in enumerate(texts) if text), 0)


def _comment(document: Any, paragraph: Any, text: str) -> None:
    runs = paragraph.runs or [paragraph.add_run("")]
    comment = document.add_comment(runs, text="", author=AUTHOR, initials=INITIALS)
    lines = text.split("\n")
    first = comment.paragraphs[0]
    first.add_run(lines[0])
    for line in lines[1:]:
        comment.add_paragraph(line)


def _summary(result: ReportResult, note: str) -> str:
    gaps = [e for e in result.elements if e.is_gap and e.element.required]
    lines = [
        f"rolcheck 检查结论：{VERDICT_LABELS[result.verdict]}（总分 {result.score}/100）",
        f"清单：{result.checklist.id} {result.checklist.version}（{result.checklist.title}）",
    ]
    if result.checklist_reason:
        lines.append(f"选用：{result.checklist_reason}")
    if gaps:
        lines.append("必备要素问题：" + "；".join(f"{e.element.title}（{STATUS_LABELS[e.status]}）" for e in gaps))
    else:
        lines.append("必备要素齐全。")
    others = [e for e in result.elements if e.is_gap and not e.element.required]
    if others:
        lines.append(f"另有 {len(others)} 项建议要素薄弱或缺失，见各处批注。")
    if result.findings:
        lines.append(f"检查发现 {len(result.findings)} 项问题，见各处批注。")
    lines.extend(result.warnings)
    if note:
        lines.append(note)
    return "\n".join(lines)


def _element_text(element: Any, result: ReportResult) -> str:
    spec = element.element
    kind = "必备" if spec.required else "建议"
    if element.evidence:
        where = ""
    elif element.line > 1:  # anchored on the heading of the section where it belongs
        where = f"（本文缺少此部分，建议写在本节中或紧随其后；{location('zh', element.line, result.line_unit)}）"
    else:
        where = "（本文缺少此部分）"
    lines = [f"【{STATUS_LABELS[element.status]}·{kind}要素】{spec.title}{where}", f"问题：{element.reason}", f"要求：{spec.description}"]
    if spec.basis:
        lines.append("依据：" + "；".join(basis.label for basis in spec.basis))
    if spec.outline:
        lines.append("建议提纲：")
        lines.extend(f"· {item}" for item in spec.outline)
    return "\n".join(lines)


def _finding_text(finding: Any, result: ReportResult) -> str:
    lines = [f"【{SEVERITY_WORDS.get(finding.severity, finding.severity)}】{finding.message}", f"检查：{finding.id}"]
    if finding.rule:
        bases = _rule_basis(result, finding.rule)
        lines.append("依据：" + ("；".join(bases) if bases else f"清单 {result.checklist.id} 的报告规则 {finding.rule}"))
    return "\n".join(lines)


def _rule_basis(result: ReportResult, rule: str) -> list[str]:
    """The basis labels of the ``reporting`` rule a finding enforces ("deadlines.report", "title", "recipients")."""
    reporting = result.checklist.reporting
    declared: Any = None
    if rule.startswith("deadlines."):
        declared = getattr(reporting.deadlines, rule.split(".", 1)[1], None)
    elif rule == "title":
        declared = reporting.title
    if declared is not None:
        return [basis.label for basis in declared.basis]
    if rule == "recipients":
        return list(dict.fromkeys(basis.label for recipient in reporting.recipients for basis in recipient.basis))
    return []
