"""Warnings about a valid checklist that cannot work as meant: matchers that can never match.

The schema accepts ``\\b存在\\b``, an empty synonym list or ``groups: 3`` with two phrase
groups, yet each silently never matches, and a rule that never matches reports a clean pass
(the complaint users of prose linters make most). ``rolcheck checklist validate`` prints these
warnings and exits 1 when there are any, so CI catches them before reports are judged by them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from checker.checklist.model import Checklist, Element
from checker.common.chinese import HEADING_MAX_CHARS, YEAR_PLACEHOLDERS, fold_width

_CJK = "\u3400-\u9fff"
# \b beside a Chinese character (optionally across an opening group): Python's re treats Chinese
# characters as word characters, so \b only matches where Chinese meets a non-word character.
_BOUNDARY_BY_CHINESE = re.compile(rf"\\b(?:\((?:\?:)?)?[{_CJK}]|[{_CJK}]\)?\\b")
_PLACEHOLDER = re.compile(r"(?<!\\)\{([A-Za-z_]+)\}")
# Regular-expression syntax that has no business in a plain phrase ("互联网+监管" is a phrase, so no lone "+").
_REGEX_SYNTAX = re.compile(r"\\[dDsSwWb]|\(\?|\[[^\]]*\]|\||\.[*+?]|^\^|\$$")


def lint(checklist: Checklist, document: dict[str, Any], check_patterns: Sequence[tuple[str, str]] = ()) -> list[str]:
    """Every warning for a checklist and the resolved document it was built from, each "where: what" in Chinese.

    The document is needed beside the model because the model cannot tell an empty list from a missing one.
    ``check_patterns`` are the regexes among the checks' params ("where", pattern): only the rules stage
    knows which params are regexes (``checker.rules.registry.check_patterns``).
    """
    warnings: list[str] = []
    if "applies_to" not in document:
        warnings.append("applies_to: 未声明适用的报告年度，报告年度超出时无法提醒")
    for where, pattern in [*_patterns(checklist), *check_patterns]:
        warnings += _pattern_warnings(where, pattern)
    by_id = {element.id: element for element in checklist.elements}
    for raw in document["elements"]:
        element = by_id[raw["id"]]
        warnings += _empty_lists(element.id, raw)
        warnings += _phrase_warnings(element)
        warnings += _threshold_warnings(element)
        for other in element.within:
            target = by_id[other]
            if not (target.headings or target.evidence or target.patterns):
                warnings.append(f"{element.id}.match.within: 要素 '{other}' 没有任何标题、证据词组或正则，本要素因此永远找不到证据")
    warnings += _unknown_sources(checklist)
    return warnings


def _patterns(checklist: Checklist) -> list[tuple[str, str]]:
    found = [("figures", checklist.figures)]
    for key in ("next_year_cues", "reported_year_cues"):
        found += [(f"time_scope.{key}[{index}]", cue) for index, cue in enumerate(getattr(checklist.time_scope, key))]
    for element in checklist.elements:
        found += [(f"{element.id}.match.patterns[{index}]", pattern) for index, pattern in enumerate(element.patterns)]
    reporting = checklist.reporting
    if reporting.title:
        found.append(("reporting.title.pattern", reporting.title.pattern))
    for index, recipient in enumerate(reporting.recipients):
        found += [(f"reporting.recipients[{index}].salutations[{number}]", p) for number, p in enumerate(recipient.salutations)]
    return found


def _pattern_warnings(where: str, pattern: str) -> list[str]:
    warnings = []
    if _BOUNDARY_BY_CHINESE.search(pattern):
        warnings.append(f"{where}: 正则在中文旁用了 \\b；Python 把汉字当作单词字符，\\b 在句中汉字之间永远不成立: {pattern!r}")
    warnings += _placeholder_warnings(where, pattern)
    return warnings


def _placeholder_warnings(where: str, text: str) -> list[str]:
    return [
        f"{where}: 未知占位符 {{{name}}}（可用：{{year}}、{{next_year}}），会按字面匹配而永远找不到"
        for name in _PLACEHOLDER.findall(text)
        if name not in YEAR_PLACEHOLDERS
    ]


def _empty_lists(element_id: str, raw: dict[str, Any]) -> list[str]:
    warnings = []
    for key in ("headings", "evidence", "patterns", "within"):
        if raw["match"].get(key) == []:
            warnings.append(f"{element_id}.match.{key}: 列表为空，删掉这个字段或写上内容")
    for index, group in enumerate(raw["match"].get("evidence", [])):
        if group.get("synonyms") == []:
            warnings.append(f"{element_id}.match.evidence[{index}].synonyms: 同义词列表为空，删掉这个字段或写上同义词")
    if raw.get("outline") == []:
        warnings.append(f"{element_id}.outline: 列表为空，删掉这个字段或写上建议写法")
    return warnings


def _phrase_warnings(element: Element) -> list[str]:
    warnings = []
    phrases = [(f"{element.id}.match.headings[{index}]", phrase) for index, phrase in enumerate(element.headings)]
    for index, group in enumerate(element.evidence):
        phrases += [(f"{element.id}.match.evidence[{index}]", term) for term in group.terms]
    for where, phrase in phrases:
        if fold_width(phrase) != phrase or re.search(rf"[{_CJK}] | [{_CJK}]", phrase):
            warnings.append(f"{where}: '{phrase}' 含半角标点、全角数字字母或空格；正文规范化后不会出现这种写法，精确匹配永远不成立")
        if _REGEX_SYNTAX.search(phrase):
            warnings.append(f"{where}: '{phrase}' 像正则表达式，但标题和证据词组按普通文字匹配；正则请写在 patterns 中")
        warnings += _placeholder_warnings(where, phrase)
    for index, phrase in enumerate(element.headings):
        if len(phrase) > HEADING_MAX_CHARS:
            warnings.append(f"{element.id}.match.headings[{index}]: 标题短语长 {len(phrase)} 字，超过任何常见标题（{HEADING_MAX_CHARS} 字），几乎不可能匹配")
    return warnings


def _threshold_warnings(element: Element) -> list[str]:
    need, kinds = element.present, len(element.evidence) + len(element.patterns)
    warnings = []
    if kinds and need.groups > kinds:
        warnings.append(
            f"{element.id}.present.groups: 要求 {need.groups} 类证据，但只有 {kinds} 组证据词组和正则，按证据判定永远达不到"
        )
    section_possible = bool(element.headings) and not (need.section_evidence and not kinds)
    evidence_possible = bool(kinds) and need.groups <= kinds
    if not section_possible and not evidence_possible:
        warnings.append(f"{element.id}.present: 按标题和按证据两条途径都不可能满足，此要素永远不会判为“具备”")
    return warnings


def _unknown_sources(checklist: Checklist) -> list[str]:
    known = {source.id for source in checklist.sources}
    cited = [(f"{element.id}.basis", basis.source) for element in checklist.elements for basis in element.basis]
    reporting = checklist.reporting
    rules: list[tuple[str, Any]] = [("reporting.title", reporting.title), ("reporting.deadlines.report", reporting.deadlines.report)]
    rules += [("reporting.deadlines.publish", reporting.deadlines.publish)]
    rules += [(f"reporting.recipients[{index}]", recipient) for index, recipient in enumerate(reporting.recipients)]
    cited += [(f"{where}.basis", basis.source) for where, rule in rules if rule is not None for basis in rule.basis]
    return [f"{where}: 引用的文献 '{source}' 不在 sources 中" for where, source in cited if source not in known]
