"""Scoring: turn what the matcher found into present / weak / missing, a score and a reason.

The rules a careful reviewer applies, driven by each element's ``present`` thresholds:

- **Section route**: a section whose heading matches, with at least ``items`` numbered items,
  ``figures`` sentences with figures and ``section_evidence`` evidence sentences, is present.
  A heading with nothing under it is weak, not present.
- **Evidence route**: without such a section, the evidence must be concentrated in one part
  of the report (one top-level section): at least ``sentences`` sentences, ``groups`` different
  kinds of evidence and ``figures`` sentences with figures. One sentence ("仍存在一些薄弱环节")
  is therefore weak, however many keywords it holds.
- Anything less than that, but something, is weak; nothing is missing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from checker.analysis.evidence import quote_span
from checker.common import patterns as bounded
from checker.analysis.matching import ElementMatch, EvidenceHit, HeadingMatch
from checker.analysis.timescope import MIXED
from checker.checklist.model import Element
from checker.result import MISSING, PRESENT, WEAK, ElementResult, Evidence
from checker.structure.outline import Section

MAX_EVIDENCE = 5
# Scores sit in bands so that score and status never disagree.
PRESENT_FLOOR, WEAK_FLOOR, WEAK_SPAN = 0.7, 0.3, 0.39


class _Route(NamedTuple):  # a NamedTuple: cheap to create at start-up (see checker/checklist/model.py)
    """How close one route (a section, or one part's evidence) comes to the thresholds."""

    meets: bool
    completeness: float
    reason: str
    section: Section | None
    # Evidence alone that is one sentence holding one short loose word of one group: a passing
    # word ("清理滞后于改革的文件" for problems) is not a weak statement of the element, it is none.
    stray: bool = False


def _ratio(have: int, need: int) -> float:
    return 1.0 if need <= 0 else min(1.0, have / need)


def _section_route(heading: HeadingMatch, element: Element, hit_sentences: set[int], figures: bounded.Bounded) -> _Route:
    """``hit_sentences``: ids of the sentences holding the element's evidence (collected once per element,
    so the cost is the section's size, not the section's size times every hit)."""
    section, need = heading.section, element.present
    # Under a mixed heading only the element's own year counts: problem items are not plan items.
    scope = None if element.scope == "any" else element.scope if section.scope == MIXED else section.scope
    body = section.written(scope)
    items = section.items if scope is None or section.scope != MIXED else sum(child.scope == scope for child in section.children)
    evidence = sum(1 for sentence in body if id(sentence) in hit_sentences)
    figure_count = sum(1 for sentence in body if figures.search(sentence.text))
    label = section.label
    if not body:
        return _Route(False, 0.25 * heading.score / 100, f"有标题“{label}”，但其下没有内容", section)
    parts = [_ratio(items, need.items), _ratio(figure_count, need.figures), _ratio(evidence, need.section_evidence)]
    completeness = heading.score / 100 * sum(parts) / len(parts)
    meets = items >= need.items and figure_count >= need.figures and evidence >= need.section_evidence
    detail = [f"列有 {items} 项"] if need.items else []
    if need.figures:
        detail.append(f"含数据的句子 {figure_count} 句")
    if need.section_evidence:
        detail.append(f"相关表述 {evidence} 句")
    wanted = []
    if items < need.items:
        wanted.append(f"至少 {need.items} 项")
    if figure_count < need.figures:
        wanted.append(f"至少 {need.figures} 句含数据")
    if evidence < need.section_evidence:
        wanted.append(f"至少 {need.section_evidence} 句相关表述")
    reason = f"“{label}”一节" + ("、".join(detail) or "有内容") + (f"（需要{'、'.join(wanted)}）" if wanted else "")
    return _Route(meets, completeness, reason, section)


def _evidence_route(
    hits: list[EvidenceHit], element: Element, figures: bounded.Bounded, headed_sections: list[Section]
) -> _Route | None:
    """The best part of the report by evidence alone.

    With ``in_one_part`` each top-level section is a part of its own, so scattered asides do not
    add up; otherwise the whole report is one part. The titles of ``headed`` sections (matched
    by heading) are left to the section route, so a hollow heading is not its own evidence; and
    in a part that gives the element a heading of its own with nothing of substance under it,
    only what is under that heading counts — loose words elsewhere in a long part ("研究部署",
    "督办" in the measures) must not rescue a first-responsible-person heading with a slogan.
    """
    parts: dict[int, list[EvidenceHit]] = defaultdict(list)
    headed = {id(section) for section in headed_sections}
    need = element.present

    # Parts where the element's own heading has nothing of substance under it (no evidence, with a
    # figure when figures are asked for, in its body): there, what is under that heading is all
    # that counts. The sections holding substance are collected once, walking up from each hit,
    # so the cost is the hits times the tree's depth, not the hits times the headed sections.
    substantive = _holding({
        id(hit.sentence): hit.sentence.section for hit in hits
        if not hit.sentence.is_heading and (not need.figures or figures.search(hit.sentence.text))
    }.values()) if headed_sections else set()
    headed_tops = {id(section.top) for section in headed_sections if id(section) not in substantive}
    for hit in hits:
        if hit.sentence.is_heading and id(hit.sentence.section) in headed:
            continue
        in_headed_part = element.present.in_one_part and id(hit.sentence.section.top) in headed_tops
        if in_headed_part and not _under(hit.sentence.section, headed):
            continue
        parts[id(hit.sentence.section.top) if element.present.in_one_part else 0].append(hit)
    best: _Route | None = None
    for part_hits in parts.values():
        sentences = {id(hit.sentence): hit.sentence for hit in part_hits}
        # Statements, not sentences: a sentence of several clauses each stating something ("县长
        # 主持会前学法12次，专题听取汇报3次，带头出庭应诉2件") states several things.
        statements = len({(id(hit.sentence), _clause(hit)) for hit in part_hits})
        groups = {hit.group for hit in part_hits}
        figure_count = sum(1 for sentence in sentences.values() if figures.search(sentence.text))
        ratios = [_ratio(statements, need.sentences), _ratio(len(groups), need.groups), _ratio(figure_count, need.figures)]
        top = part_hits[0].sentence.section.top if need.in_one_part else None
        where = f"在“{top.label}”部分" if top is not None else "全文"
        meets = statements >= need.sentences and len(groups) >= need.groups and figure_count >= need.figures
        reason = f"{where}有 {statements} 处相关表述（{len(groups)} 类"
        reason += f"，{figure_count} 句含数据）" if need.figures else "）"
        if not meets:
            reason += f"，需要至少 {need.sentences} 处、{need.groups} 类" + (f"、{need.figures} 句含数据" if need.figures else "")
        section = top if top is not None and top.parent is not None else None
        # (an element looked for only where another is written, as causes within the problems, is
        # never a passing word there: that region is about it)
        stray = not meets and not element.within and len(sentences) == 1 and _passing_word(part_hits, element)
        route = _Route(meets, sum(ratios) / len(ratios), reason, section, stray)
        if best is None or (route.meets, route.completeness) > (best.meets, best.completeness):
            best = route
    return best


def _clause(hit: EvidenceHit) -> int:
    """Which clause (between commas) of its sentence a hit falls in."""
    return hit.sentence.text.count("，", 0, hit.start)


# A term this short ("不足", "滞后", "由于") is a passing word when it is all a sentence holds.
PASSING_WORD_CHARS = 2


def _passing_word(hits: list[EvidenceHit], element: Element) -> bool:
    """Whether the hits of one sentence are a single short word of a single evidence group."""
    if len({hit.group for hit in hits}) != 1 or hits[0].group >= len(element.evidence):
        return False  # several kinds, or a pattern (patterns are specific by construction)
    text = hits[0].sentence.text
    found = {term for term in element.evidence[hits[0].group].terms if term in text}
    return len(found) == 1 and len(next(iter(found))) <= PASSING_WORD_CHARS


def _holding(sections: Iterable[Section]) -> set[int]:
    """Ids of ``sections`` and of every section above them."""
    holding: set[int] = set()
    for section in sections:
        node: Section | None = section
        while node is not None and id(node) not in holding:
            holding.add(id(node))
            node = node.parent
    return holding


def _under(section: Section | None, headed: set[int]) -> bool:
    """Whether ``section`` is one of the ``headed`` sections or lies inside one."""
    while section is not None:
        if id(section) in headed:
            return True
        section = section.parent
    return False


def _evidence(match: ElementMatch, routes: list[_Route]) -> tuple[Evidence, ...]:
    chosen = [route.section for route in routes if route.section is not None]
    found: list[Evidence] = []
    for heading in match.headings:
        if heading.section in chosen and heading.section.heading is not None:
            sentence = heading.section.heading
            page = sentence.paragraph.page(sentence.line)
            found.append(Evidence(sentence.line, heading.section.path, sentence.text, heading.phrase, "heading", page))
    preferred = {id(sentence) for section in chosen for sentence in section.all_sentences()}
    ordered = sorted(match.hits, key=lambda hit: (id(hit.sentence) not in preferred, hit.sentence.line))
    seen: set[int] = set()
    for hit in ordered:
        if len(found) >= MAX_EVIDENCE:
            break
        if id(hit.sentence) in seen or hit.sentence.is_heading and any(e.kind == "heading" and e.line == hit.sentence.line for e in found):
            continue
        seen.add(id(hit.sentence))
        line, quote, clipped_start, clipped_end = quote_span(hit.sentence, hit.start, hit.end)
        kind = "pattern" if hit.group >= len(match.element.evidence) else "phrase"
        matched = hit.sentence.text[hit.start : hit.end]
        page = hit.sentence.paragraph.page(line)
        found.append(Evidence(line, hit.sentence.section.path, quote, matched, kind, page, clipped_start, clipped_end))
    return tuple(found)


def evaluate(match: ElementMatch, figures: bounded.Bounded, anchors: dict[str, tuple[int, tuple[str, ...]]]) -> ElementResult:
    """Decide status, score and reason for one element from its matches."""
    element = match.element
    hit_sentences = {id(hit.sentence) for hit in match.hits}
    routes = [_section_route(heading, element, hit_sentences, figures) for heading in match.headings]
    evidence_route = _evidence_route(match.hits, element, figures, [heading.section for heading in match.headings])
    if evidence_route:
        routes.append(evidence_route)
    stray = [route for route in routes if route.stray]
    routes = [route for route in routes if not route.stray]
    routes.sort(key=lambda route: (route.meets, route.completeness), reverse=True)
    best = routes[0] if routes else None
    if best and best.meets:
        status, score = PRESENT, PRESENT_FLOOR + (1 - PRESENT_FLOOR) * best.completeness
        reason = best.reason
    elif best:
        status, score = WEAK, WEAK_FLOOR + WEAK_SPAN * best.completeness
        reason = best.reason
    elif stray:
        status, score, reason = MISSING, 0.0, f"未找到相关标题或表述（{stray[0].reason}，只是顺带用词，不算写了这一部分）"
    else:
        status, score, reason = MISSING, 0.0, "未找到相关标题或表述"
    if status != PRESENT and match.out_of_scope and element.scope == "reported_year":
        lines = sorted({hit.sentence.line for hit in match.out_of_scope})[:3]
        reason += f"；另在下一年度安排中提到（第 {'、'.join(map(str, lines))} 行），不能证明本年度已做"
    evidence = _evidence(match, [best] if best else [])
    anchor_line, anchor_section = _anchor(match, best, evidence, anchors)
    return ElementResult(element, status, round(score, 2), reason, evidence, anchor_line, anchor_section)


def _anchor(
    match: ElementMatch, best: _Route | None, evidence: tuple[Evidence, ...], anchors: dict[str, tuple[int, tuple[str, ...]]]
) -> tuple[int, tuple[str, ...]]:
    """Where a CI annotation for this element goes: its section, else the section of what it lies within, else line 1."""
    if best and best.section is not None and best.section.heading is not None:
        return best.section.heading.line, best.section.path
    if evidence:
        return evidence[0].line, evidence[0].section
    for other in match.element.within:
        if other in anchors and anchors[other][0] > 1:
            return anchors[other]
    return 1, ()


# A required element weighs three times a recommended one in the report's score.
REQUIRED_WEIGHT, RECOMMENDED_WEIGHT = 3, 1


def overall(results: tuple[ElementResult, ...]) -> int:
    """The report's score, 0–100: the elements' scores weighted by how much each is required."""
    weights = [REQUIRED_WEIGHT if result.element.required else RECOMMENDED_WEIGHT for result in results]
    total = sum(weights)
    earned = sum(weight * result.score for weight, result in zip(weights, results))
    return round(100 * earned / total) if total else 0
