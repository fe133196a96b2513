"""Chinese wording for checklist data, shared by the generated catalogue and ``rolcheck explain``.

Both say what an element requires and where a checklist comes from; saying it in one place
keeps the docs and the command from drifting apart.
"""

from __future__ import annotations

from checker.checklist.model import Checklist, Deadline, Element, Reporting

SCOPE_LABELS = {"reported_year": "本年度工作", "next_year": "下一年度安排", "any": "不限"}
SEVERITY_LABELS = {"required": "必备", "recommended": "建议"}
BODY_LABELS = {"government": "政府", "department": "政府部门", "party_and_government": "党委和政府"}


def thresholds(element: Element) -> str:
    """When the element counts as present, by either route."""
    need = element.present
    routes = []
    if element.headings:
        wanted = [f"至少 {need.items} 项"] if need.items else []
        wanted += [f"{need.figures} 句含数据"] if need.figures else []
        wanted += [f"{need.section_evidence} 句证据"] if need.section_evidence else []
        routes.append("有匹配标题且其下有内容的一节" + (f"，其中{'、'.join(wanted)}" if wanted else ""))
    if element.evidence or element.patterns:
        where = "同一部分" if need.in_one_part else "全文"
        kinds = f"、{need.groups} 类" if need.groups > 1 else ""
        figures = f"、{need.figures} 句含数据" if need.figures else ""
        routes.append(f"{where}至少 {need.sentences} 句证据{kinds}{figures}")
    return "；或".join(routes)


def evidence_groups(element: Element) -> str:
    return "；".join("、".join(group.terms) for group in element.evidence) or "—"


def origin(checklist: Checklist, element_id: str) -> str:
    """"定义于 national，department 修改" — which files of the lineage shaped an element."""
    defined = next((layer.name for layer in reversed(checklist.layers) if element_id in layer.added), checklist.id)
    changed = [layer.name for layer in checklist.layers if element_id in layer.changed]
    return f"定义于 {defined}" + (f"，{'、'.join(changed)} 修改" if changed else "")


def lineage(checklist: Checklist) -> str:
    """"national → department → guizhou.department"."""
    return " → ".join(layer.name for layer in checklist.layers) or checklist.id


def _confirmed(confirmed: bool) -> str:
    return "" if confirmed else "（待核实）"


def deadline(rule: Deadline | None, note: bool = True) -> str:
    """"不晚于3月1日（待核实）：…", the note left out for tables."""
    if rule is None:
        return "未规定"
    return f"{rule.label}{_confirmed(rule.confirmed)}" + (f"：{rule.note}" if note and rule.note else "")


def reporting_rows(reporting: Reporting) -> list[tuple[str, str, str]]:
    """(item, requirement, basis) rows describing the reporting block, unconfirmed rules marked."""
    rows = []
    if reporting.body or reporting.body_label:
        rows.append(("报告主体", f"{reporting.body_label}（{BODY_LABELS.get(reporting.body, reporting.body)}）", ""))
    if reporting.title:
        title = reporting.title
        examples = "；例：" + "、".join(f"“{example}”" for example in title.examples) if title.examples else ""
        text = f"符合 `{title.pattern}`{_confirmed(title.confirmed)}{examples}" + (f"。{title.note}" if title.note else "")
        rows.append(("报告名称", text, "；".join(basis.label for basis in title.basis)))
    for recipient in reporting.recipients:
        item = "抄送" if recipient.copy else "报送"
        text = recipient.name + _confirmed(recipient.confirmed) + (f"：{recipient.note}" if recipient.note else "")
        rows.append((item, text, "；".join(basis.label for basis in recipient.basis)))
    for label, rule in (("报送时限", reporting.deadlines.report), ("公开时限", reporting.deadlines.publish)):
        rows.append((label, deadline(rule), "；".join(basis.label for basis in rule.basis) if rule else ""))
    form = reporting.form
    checks = [f"不超过 {form.max_chars} 字" if form.max_chars else "", "须有文号" if form.document_number else "", "须有落款" if form.signature else ""]
    rows.append(("形式要求", "、".join(check for check in checks if check) or "字数、文号、落款均不作要求", ""))
    return rows
