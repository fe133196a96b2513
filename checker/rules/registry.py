"""Check rules: the checks a reviewer makes beyond "is the element there", one module per type.

A checklist's ``checks:`` list declares each check (id, type, severity, params); the module
``checker/rules/<type>.py`` implements the type. The engine knows no element by name: a check
that looks at elements names their ids in its params. Each module declares

- ``TITLE``: what the check makes sure of, in Chinese, for the outputs (a JUnit test's name);
- ``PARAMS``: name → ``Param`` (kind and meaning), validated when the checklist loads;
- ``DEFAULTS``: the value of every param a checklist may leave out;
- ``COMPARES``: True for year-over-year checks, which need last year's report and run only
  in ``rolcheck diff``;
- ``BATCH`` (optional, False when absent): True for a check that reads only the batch's shared
  passages (``Context.shared``) and the report's metadata, never its outline: in a compared batch
  it runs after the batch is indexed, on the report checked at its first look (``findings.with_batch``);
- ``check(context, params)``: a generator of ``Flag``s;

and its docstring is its documentation: ``scripts/generate_docs.py`` turns it, with its params,
into docs/checks.md. The findings stage (``checker.rules.findings``) gives each flag the check's id
and severity.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

from checker.common import patterns
from checker.common.errors import ChecklistError
from checker.result import Evidence
from checker.rules import checks

if TYPE_CHECKING:
    from checker.reading.source import DraftMark
    from checker.analysis.matching import ElementMatch
    from checker.analysis.similarity import SharedPassage
    from checker.checklist.model import Checklist
    from checker.result import ElementResult
    from checker.structure.metadata import Metadata
    from checker.structure.outline import Outline

KINDS = ("element", "integer", "number", "boolean", "string", "regex", "regexes", "choice", "records")


class Param(NamedTuple):  # a NamedTuple: cheap to create at start-up (see checker/checklist/model.py)
    """One parameter of a check type: its kind (one of ``KINDS``), what it means, and for ``choice`` the values.

    A ``records`` param is a list of mappings (data a checklist declares, such as the names that
    went stale); ``fields`` maps each field to its kind (``string``, ``regex`` or ``integer``),
    a trailing ``?`` marking it optional.
    """

    kind: str
    doc: str
    choices: tuple[str, ...] = ()
    fields: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        if self.fields:
            return f"{self.kind}（{', '.join(f'{name}: {kind}' for name, kind in self.fields)}）"
        return f"{self.kind}（{' / '.join(self.choices)}）" if self.choices else self.kind


class Flag(NamedTuple):
    """What a rule found, before the checklist gives it an id and a severity.

    ``advisory`` marks a flag resting on a rule the checklist marks ``confirmed: false`` (or has not
    switched on): it becomes an ``info`` finding whatever the check's severity, advice and never a failure.
    """

    message: str
    evidence: tuple[Evidence, ...] = ()
    rule: str | None = None
    advisory: bool = False
    table: tuple[tuple[str, str], ...] = ()  # rows a reviewer reads beside the message (problem → plan items)


@dataclass(frozen=True)
class Context:
    """Everything a rule may look at for one report; ``previous`` is last year's report in ``rolcheck diff``."""

    checklist: Checklist
    year: int
    metadata: Metadata
    outline: Outline
    matches: Mapping[str, ElementMatch]
    results: Mapping[str, ElementResult]
    figures: patterns.Bounded
    previous: Context | None = field(default=None, repr=False)
    drafts: tuple[DraftMark, ...] = ()  # what the reader found of the draft: tracked changes, comments, hidden text
    line_unit: str = "line"  # what the report's line numbers count ("paragraph" for Word)
    checked_text: str | None = None  # which text of a document with tracked changes was checked ("accepted")
    shared: tuple[SharedPassage, ...] = ()  # passages found in other reports of the batch or the reference folder


Rule = Callable[[Context, dict[str, Any]], Iterator[Flag]]


@cache
def types() -> tuple[str, ...]:
    """Every check type: the public modules of this package."""
    return tuple(sorted(info.name for info in pkgutil.iter_modules(checks.__path__) if not info.name.startswith("_")))


def reads_batch(type_name: str) -> bool:
    """Whether checks of ``type_name`` read the batch's passages (``BATCH``): run once the batch is indexed."""
    return bool(getattr(module(type_name), "BATCH", False))


def module(type_name: str) -> ModuleType:
    """The module implementing ``type_name`` (known to exist: the checklist was validated)."""
    return importlib.import_module(f"{checks.__name__}.{type_name}")


def summary(type_name: str) -> str:
    """What a check type makes sure of, in Chinese: for SARIF rules and JUnit test names."""
    return module(type_name).TITLE


def _kind_error(param: Param, value: Any, element_ids: set[str] | None, check_patterns: bool = True) -> str | None:
    """Why ``value`` does not fit ``param``, or None when it does (``check_patterns=False``: regexes are not probed)."""
    kind = param.kind
    if kind in ("element", "string", "regex", "choice") and not isinstance(value, str):
        return f"应为字符串，实际为 {value!r}"
    if kind == "element" and element_ids is not None and value not in element_ids:
        return f"没有 id 为 '{value}' 的要素"
    if kind == "choice" and value not in param.choices:
        return f"{value!r} 不是允许的值（可选：{', '.join(param.choices)}）"
    if kind == "integer" and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        return f"应为不小于 0 的整数，实际为 {value!r}"
    if kind == "number" and (not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0):
        return f"应为不小于 0 的数，实际为 {value!r}"
    if kind == "boolean" and not isinstance(value, bool):
        return f"应为 true 或 false，实际为 {value!r}"
    if kind == "regexes" and not (isinstance(value, list) and all(isinstance(item, str) for item in value)):
        return f"应为正则表达式列表，实际为 {value!r}"
    if kind == "records":
        return _records_error(param, value, check_patterns)
    if not check_patterns:
        return None
    for pattern in [value] if kind == "regex" else value if kind == "regexes" else []:
        if (why := patterns.problem(pattern)) is not None:
            return f"{why}: {pattern!r}"
    return None


def _records_error(param: Param, value: Any, check_patterns: bool = True) -> str | None:
    """Why ``value`` is not a list of records with ``param.fields``, or None when it is."""
    if not isinstance(value, list) or not all(isinstance(record, dict) for record in value):
        return f"应为列表，每项是一个映射（字段：{', '.join(name for name, _ in param.fields)}），实际为 {value!r}"
    kinds = dict(param.fields)
    for index, record in enumerate(value):
        for name in record:
            if name not in kinds:
                return f"第 {index + 1} 项没有字段 '{name}'（可用：{', '.join(kinds)}）"
        for name, field_kind in param.fields:
            if name not in record:
                if not field_kind.endswith("?"):
                    return f"第 {index + 1} 项缺少字段 '{name}'"
                continue
            problem = _kind_error(Param(field_kind.rstrip("?"), ""), record[name], None, check_patterns)
            if problem:
                return f"第 {index + 1} 项的 {name}: {problem}"
    return None


def validate(type_name: str, params: Mapping[str, Any], where: str, element_ids: set[str] | None, check_patterns: bool = True) -> None:
    """Check a declared check's type and params; raise a one-line ``ChecklistError`` naming ``where``.

    ``element_ids`` None skips the check that named elements exist: a disabled check may keep
    pointing at an element its checklist removed. ``check_patterns=False`` leaves regex params
    unprobed (the precompiled bundled checklists, see ``checker.checklist.model.build``).
    """
    from checker.common.errors import suggestion

    if type_name not in types():
        raise ChecklistError(f"{where}.type: 没有名为 '{type_name}' 的检查类型{suggestion(type_name, list(types()))}（可用：{', '.join(types())}）")
    declared: dict[str, Param] = module(type_name).PARAMS
    for name, value in params.items():
        if name not in declared:
            raise ChecklistError(
                f"{where}.params: 检查类型 {type_name} 没有参数 '{name}'{suggestion(name, list(declared))}（可用：{', '.join(declared) or '无'}）"
            )
        problem = _kind_error(declared[name], value, element_ids, check_patterns)
        if problem:
            raise ChecklistError(f"{where}.params.{name}: {problem}")


def validate_checks(checklist: Checklist, check_patterns: bool = True) -> Checklist:
    """Validate every declared check of ``checklist`` against its type, naming the checklist file and the check.

    Params that name elements are checked against the resolved checklist, so a check pointing at an
    element that a child checklist removed is a one-line error, not a ``KeyError`` when it runs.
    """
    element_ids = {element.id for element in checklist.elements}
    for check in checklist.checks:
        where = f"{checklist.path}: checks[{check.id}]"
        validate(check.type, check.params, where, element_ids if check.enabled else None, check_patterns)
        rule = module(check.type)
        missing = [name for name in rule.PARAMS if name not in check.params and name not in rule.DEFAULTS]
        if check.enabled and missing:
            name = missing[0]
            raise ChecklistError(f"{where}.params: 缺少参数 '{name}'（{rule.PARAMS[name].doc}），检查类型 {check.type} 的这个参数没有默认值，须在清单中写明")
    return checklist


def check_patterns(checklist: Checklist) -> list[tuple[str, str]]:
    """The regexes among the checks' params, each with where it is written, for the checklist lint."""
    found: list[tuple[str, str]] = []
    for check in checklist.checks:
        declared = module(check.type).PARAMS
        for name, value in check.params.items():
            if declared[name].kind == "regex":
                found.append((f"checks[{check.id}].params.{name}", value))
            elif declared[name].kind == "regexes":
                found += [(f"checks[{check.id}].params.{name}[{index}]", pattern) for index, pattern in enumerate(value)]
    return found
