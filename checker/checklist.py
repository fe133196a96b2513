"""Checklists: load a YAML checklist, validate it against the JSON Schema, and build the model.

A checklist is data. The engine reads thresholds, phrases and scopes from it and knows no
element by name, so a province or a department can change what is required without
touching code. Every problem with a checklist becomes one ``ChecklistError`` line naming the
file, the place inside it (``elements[3].severity``) and what is wrong.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from checker.errors import ChecklistError

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

DEFAULT_CHECKLIST = "national"
# libyaml's loader parses a checklist ten times faster than the pure-Python one; both are safe loaders.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SCOPES = ("reported_year", "next_year", "any")


@dataclass(frozen=True)
class Source:
    """A legal or policy document the checklist cites."""

    id: str
    title: str
    issuer: str = ""
    number: str = ""
    date: str = ""
    note: str = ""


@dataclass(frozen=True)
class Basis:
    """Where a requirement comes from: a source and an article, confirmed against the text or not."""

    source: str
    article: str
    quote: str = ""
    confirmed: bool = True

    @property
    def label(self) -> str:
        """"督察规定 第二十四条", marked when the article number is not yet checked against the text."""
        return f"{self.source} {self.article}" + ("" if self.confirmed else "（条号待核）")


@dataclass(frozen=True)
class EvidenceGroup:
    """A phrase and its synonyms; any of them counts as the same kind of evidence."""

    phrase: str
    synonyms: tuple[str, ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        return (self.phrase, *self.synonyms)


@dataclass(frozen=True)
class Thresholds:
    """How much makes an element present rather than weak (see docs/checklists.md)."""

    items: int = 0
    section_evidence: int = 0
    sentences: int = 1
    groups: int = 1
    figures: int = 0
    in_one_part: bool = True


@dataclass(frozen=True)
class Element:
    """One required or recommended part of a report, with everything needed to recognise it."""

    id: str
    title: str
    severity: str
    description: str
    why: str
    basis: tuple[Basis, ...]
    scope: str
    headings: tuple[str, ...]
    evidence: tuple[EvidenceGroup, ...]
    patterns: tuple[str, ...]
    within: tuple[str, ...]
    present: Thresholds
    outline: tuple[str, ...]

    @property
    def required(self) -> bool:
        return self.severity == "required"


@dataclass(frozen=True)
class TimeScope:
    """Phrases and cues that tell next year's plan from the reported year's work."""

    next_year_headings: tuple[str, ...] = ()
    next_year_cues: tuple[str, ...] = ()
    reported_year_cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Checklist:
    """A validated checklist; ``elements`` are ordered so that ``within`` references come first."""

    id: str
    title: str
    version: str
    description: str
    sources: tuple[Source, ...]
    figures: str
    time_scope: TimeScope
    elements: tuple[Element, ...]
    path: str

    def element(self, element_id: str) -> Element:
        return next(element for element in self.elements if element.id == element_id)


@cache
def _schema_validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # imported here: it is a third of start-up time

    text = resources.files("checker.schemas").joinpath("checklist.schema.json").read_text("utf-8")
    return Draft202012Validator(json.loads(text))


def bundled_ids() -> list[str]:
    """Ids of the checklists installed with the package."""
    folder = resources.files("checker.checklists")
    return sorted(entry.name[: -len(".yaml")] for entry in folder.iterdir() if entry.name.endswith(".yaml"))


def _path_in_document(error: ValidationError) -> str:
    parts = []
    for part in error.absolute_path:
        parts.append(f"[{part}]" if isinstance(part, int) else (f".{part}" if parts else str(part)))
    return "".join(parts) or "（顶层）"


def _explain(error: ValidationError) -> str:
    """A Chinese one-line explanation of a schema violation, keeping the technical detail."""
    validator, value = error.validator, error.validator_value
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"缺少必填字段 '{missing}'"
    if validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return f"不认识的字段 {', '.join(repr(name) for name in extra)}"
    if validator == "enum":
        return f"{error.instance!r} 不是允许的值（可选：{', '.join(map(str, value))}）"
    if validator == "const":
        return f"应为 {value!r}，实际为 {error.instance!r}"
    if validator == "type":
        return f"类型应为 {value}，实际为 {type(error.instance).__name__}（{error.instance!r}）"
    if validator == "pattern":
        return f"{error.instance!r} 不符合格式 {value}"
    if validator in ("minItems", "minLength"):
        return "不能为空"
    if validator == "minimum":
        return f"应不小于 {value}，实际为 {error.instance!r}"
    if validator == "anyOf" and error.absolute_path and error.absolute_path[-1] == "match":
        return "match 至少要有 headings、evidence 或 patterns 之一"
    return error.message


def _validate(document: Any, origin: str) -> None:
    errors = sorted(_schema_validator().iter_errors(document), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    if errors:
        first = errors[0]
        more = f"（另有 {len(errors) - 1} 处错误）" if len(errors) > 1 else ""
        raise ChecklistError(f"{origin}: {_path_in_document(first)}: {_explain(first)}{more}")


def _check_regex(pattern: str, origin: str, where: str) -> None:
    try:
        re.compile(pattern.replace("{year}", "2000").replace("{next_year}", "2001"))
    except re.error as exc:
        raise ChecklistError(f"{origin}: {where}: 正则表达式无效（{exc}）: {pattern!r}") from None


def _order_by_within(elements: list[Element], origin: str) -> tuple[Element, ...]:
    """Put each element after the elements its ``within`` names, refusing unknown ids and cycles."""
    by_id: dict[str, Element] = {}
    for element in elements:
        if element.id in by_id:
            raise ChecklistError(f"{origin}: elements: 要素 id '{element.id}' 重复")
        by_id[element.id] = element
    ordered: list[Element] = []
    state: dict[str, str] = {}

    def visit(element: Element, chain: tuple[str, ...]) -> None:
        if state.get(element.id) == "done":
            return
        if state.get(element.id) == "visiting":
            raise ChecklistError(f"{origin}: match.within 形成循环: {' → '.join((*chain, element.id))}")
        state[element.id] = "visiting"
        for other in element.within:
            if other not in by_id:
                raise ChecklistError(f"{origin}: {element.id}.match.within: 没有 id 为 '{other}' 的要素")
            visit(by_id[other], (*chain, element.id))
        state[element.id] = "done"
        ordered.append(element)

    for element in elements:
        visit(element, ())
    return tuple(ordered)


def _build(document: dict[str, Any], origin: str) -> Checklist:
    _check_regex(document.get("figures", DEFAULT_FIGURES), origin, "figures")
    time_scope = document.get("time_scope", {})
    for key in ("next_year_cues", "reported_year_cues"):
        for index, cue in enumerate(time_scope.get(key, [])):
            _check_regex(cue, origin, f"time_scope.{key}[{index}]")
    elements = []
    for index, raw in enumerate(document["elements"]):
        match = raw["match"]
        for number, pattern in enumerate(match.get("patterns", [])):
            _check_regex(pattern, origin, f"elements[{index}].match.patterns[{number}]")
        elements.append(
            Element(
                id=raw["id"],
                title=raw["title"],
                severity=raw["severity"],
                description=raw["description"],
                why=raw.get("why", ""),
                basis=tuple(Basis(**basis) for basis in raw["basis"]),
                scope=raw["scope"],
                headings=tuple(match.get("headings", [])),
                evidence=tuple(
                    EvidenceGroup(group["phrase"], tuple(group.get("synonyms", []))) for group in match.get("evidence", [])
                ),
                patterns=tuple(match.get("patterns", [])),
                within=tuple(match.get("within", [])),
                present=Thresholds(**raw["present"]),
                outline=tuple(raw.get("outline", [])),
            )
        )
    return Checklist(
        id=document["id"],
        title=document["title"],
        version=document["version"],
        description=document.get("description", "").strip(),
        sources=tuple(Source(**source) for source in document["sources"]),
        figures=document.get("figures", DEFAULT_FIGURES),
        time_scope=TimeScope(**{key: tuple(value) for key, value in time_scope.items()}),
        elements=_order_by_within(elements, origin),
        path=origin,
    )


# Used when a checklist declares no figures pattern: a number followed by a counting unit.
DEFAULT_FIGURES = r"\d+(?:\.\d+)?(?:万|亿)?(?:%|件|次|项|人次|个|名|户|卷|场|条|家|人)"


def parse(text: str, origin: str) -> Checklist:
    """Parse and validate checklist YAML text; ``origin`` names it in error messages."""
    try:
        document = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ChecklistError(f"{origin}{where}: YAML 语法错误: {problem}") from None
    if not isinstance(document, dict):
        raise ChecklistError(f"{origin}: 清单应是一个 YAML 映射（键: 值），实际为 {type(document).__name__}")
    _validate(document, origin)
    return _build(document, origin)


def load(name_or_path: str) -> Checklist:
    """Load a bundled checklist by id (``national``) or any checklist file by path."""
    if name_or_path in bundled_ids():
        entry = resources.files("checker.checklists").joinpath(f"{name_or_path}.yaml")
        return parse(entry.read_text("utf-8"), f"checklists/{name_or_path}.yaml")
    path = Path(name_or_path)
    if not path.suffix and not path.exists():
        raise ChecklistError(f"没有名为 '{name_or_path}' 的内置清单（可用：{', '.join(bundled_ids())}），也没有这个文件")
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise ChecklistError(f"{path}: 清单文件不存在") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ChecklistError(f"{path}: 无法读取清单（{exc}）") from None
    return parse(text, str(path))
