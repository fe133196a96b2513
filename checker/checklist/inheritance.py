"""Inheritance: follow a checklist's ``extends`` and lay its changes over the parent.

A provincial or department checklist is a short list of differences from the checklist it
extends, so it picks up the parent's corrections instead of drifting from a copy. The merge
rules (documented in docs/checklist-format.md) in one place:

- ``schema_version``, ``id``, ``title``, ``version``, ``description`` and ``chosen_for`` describe
  the file itself and are never inherited;
- ``sources`` merge by ``id``; ``figures``, ``applies_to`` and ``subject`` are replaced; ``time_scope``
  merges key by key; ``reporting`` merges key by key and ``reporting.deadlines`` per deadline,
  each rule being replaced whole (a rule's note never outlives its date);
- ``remove_elements`` drops parent elements;
- ``checks`` merge by ``id``: a parent's check changed key by key (``severity``, ``enabled`` and
  ``note`` replaced, ``params`` merged key by key, its ``type`` fixed), a new id appended;
  ``remove_checks`` drops parent checks;
- an ``elements`` entry with a parent's id changes that element key by key (``match`` and
  ``present`` key by key; a list is replaced, or edited with ``{add, remove}``); an entry with
  a new id is a complete new element, appended.

Nothing here knows any element by name; parents are only ever read, never changed in place.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, NamedTuple

from checker.checklist.loading import Located, locate, read_yaml
from checker.common.errors import ChecklistError, suggestion

OWN_FIELDS = ("schema_version", "id", "title", "version", "description", "chosen_for")
_SCALAR_ELEMENT_FIELDS = ("title", "severity", "description", "why", "scope")
# The field that names an entry of a list of mappings in `remove:`.
_LIST_KEYS = {"evidence": "phrase", "basis": "source"}


class Layer(NamedTuple):  # a NamedTuple: cheap to create at start-up (see checker/checklist/model.py)
    """One file of a checklist's lineage and what it contributed, for the docs and ``explain``."""

    name: str
    origin: str
    id: str
    title: str
    added: tuple[str, ...]
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    reporting: tuple[str, ...] = ()  # reporting rules the file sets: "body", "title", "deadlines.report"…
    checks: tuple[str, ...] = ()  # checks the file declares or changes
    removed_checks: tuple[str, ...] = ()


class Resolved(NamedTuple):
    """A complete checklist document (no ``extends`` left), the file it was asked for, and its lineage, base first."""

    document: dict[str, Any]
    origin: str
    layers: tuple[Layer, ...]
    bundled: bool = False  # every layer is a bundled checklist, validated by the test suite


def resolve(reference: str) -> Resolved:
    """Resolve a bundled id or a path, following ``extends`` to the base checklist."""
    return _resolve(locate(reference), ())


def resolve_text(text: str, origin: str) -> Resolved:
    """Resolve checklist text; a relative ``extends`` starts at ``origin``'s folder."""
    folder = Path(origin).resolve().parent
    return _resolve(Located(f"text:{origin}", origin, origin, text, folder), ())


def _resolve(located: Located, descendants: tuple[Located, ...]) -> Resolved:
    bundled = located.key.startswith("bundled:")
    document = read_yaml(located.text, located.origin, validate_schema=not bundled)
    reference = document.get("extends")
    if reference is None:
        ids = tuple(element["id"] for element in document["elements"])
        checks = tuple(check["id"] for check in document.get("checks", []))
        layer = Layer(located.name, located.origin, document["id"], document["title"], ids, reporting=_rules(document), checks=checks)
        return Resolved(document, located.origin, (layer,), bundled)
    chain = (*descendants, located)
    parent_location = locate(reference, located.folder, located.origin)
    keys = [item.key for item in chain]
    if parent_location.key in keys:
        loop = " → ".join(item.origin for item in chain[keys.index(parent_location.key) :])
        raise ChecklistError(f"{chain[0].origin}: extends 形成循环: {loop} → {parent_location.origin}")
    parent = _resolve(parent_location, chain)
    merged, layer = _merge(parent, document, located)
    return Resolved(merged, located.origin, (*parent.layers, layer), bundled and parent.bundled)


def _rules(document: dict[str, Any]) -> tuple[str, ...]:
    reporting = document.get("reporting", {})
    names = [key for key in reporting if key != "deadlines"]
    return tuple(names + [f"deadlines.{kind}" for kind in reporting.get("deadlines", {})])


def _merge(parent: Resolved, child: dict[str, Any], located: Located) -> tuple[dict[str, Any], Layer]:
    origin = located.origin
    merged = {key: value for key, value in copy.deepcopy(parent.document).items() if key not in OWN_FIELDS}
    merged.update({key: child[key] for key in OWN_FIELDS if key in child})
    if "sources" in child:
        by_id = {source["id"]: source for source in child["sources"]}
        merged["sources"] = [by_id.pop(source["id"], source) for source in merged["sources"]] + list(by_id.values())
    for key in ("figures", "applies_to", "subject"):
        if key in child:
            merged[key] = child[key]
    if "time_scope" in child:
        merged["time_scope"] = {**merged.get("time_scope", {}), **child["time_scope"]}
    if "reporting" in child:
        before = merged.get("reporting", {})
        merged["reporting"] = {**before, **child["reporting"]}
        if "deadlines" in before and "deadlines" in child["reporting"]:
            merged["reporting"]["deadlines"] = {**before["deadlines"], **child["reporting"]["deadlines"]}
    parent_name = parent.layers[-1].name
    elements, added, changed = _merge_elements(merged["elements"], child, origin, parent_name)
    merged["elements"] = elements
    if "checks" in child or "remove_checks" in child:
        merged["checks"] = _merge_checks(merged.get("checks", []), child, origin, parent_name)
    layer = Layer(
        located.name,
        origin,
        child["id"],
        child["title"],
        added,
        changed,
        tuple(child.get("remove_elements", ())),
        _rules(child),
        tuple(check["id"] for check in child.get("checks", [])),
        tuple(child.get("remove_checks", ())),
    )
    return merged, layer


def _merge_checks(inherited: list[dict[str, Any]], child: dict[str, Any], origin: str, parent_name: str) -> list[dict[str, Any]]:
    """The parent's checks with the child's removals, changes (key by key) and additions (appended)."""
    ids = [check["id"] for check in inherited]
    removed = child.get("remove_checks", [])
    for index, check_id in enumerate(removed):
        if check_id not in ids:
            raise ChecklistError(f"{origin}: remove_checks[{index}]: 父清单 {parent_name} 中没有 id 为 '{check_id}' 的检查{suggestion(check_id, ids)}")
    changes: dict[str, dict[str, Any]] = {}
    for index, change in enumerate(child.get("checks", [])):
        where = f"{origin}: checks[{index}]"
        if change["id"] in changes:
            raise ChecklistError(f"{where}: 检查 id '{change['id']}' 重复")
        if change["id"] in removed:
            raise ChecklistError(f"{where}: 检查 '{change['id']}' 已在 remove_checks 中删除，不能同时修改")
        changes[change["id"]] = change
    result = []
    for check in inherited:
        if check["id"] in removed:
            continue
        change = changes.pop(check["id"], None)
        if change is not None:
            if "type" in change and change["type"] != check["type"]:
                raise ChecklistError(
                    f"{origin}: checks[{check['id']}].type: 不能把继承的检查从 {check['type']} 改为 {change['type']}；请用 remove_checks 删除后以新 id 新增"
                )
            check = {**check, **{key: value for key, value in change.items() if key != "params"}}
            if "params" in change:
                check["params"] = {**check.get("params", {}), **change["params"]}
        result.append(check)
    return result + list(changes.values())


def _merge_elements(
    inherited: list[dict[str, Any]], child: dict[str, Any], origin: str, parent_name: str
) -> tuple[list[dict[str, Any]], tuple[str, ...], tuple[str, ...]]:
    ids = [element["id"] for element in inherited]
    removed = child.get("remove_elements", [])
    for index, element_id in enumerate(removed):
        if element_id not in ids:
            raise ChecklistError(
                f"{origin}: remove_elements[{index}]: 父清单 {parent_name} 中没有 id 为 '{element_id}' 的要素{suggestion(element_id, ids)}"
            )
    changes: dict[str, tuple[int, dict[str, Any]]] = {}
    for index, change in enumerate(child.get("elements", [])):
        if change["id"] in changes:
            raise ChecklistError(f"{origin}: elements[{index}]: 要素 id '{change['id']}' 重复")
        if change["id"] in removed:
            raise ChecklistError(f"{origin}: elements[{index}]: 要素 '{change['id']}' 已在 remove_elements 中删除，不能同时修改")
        changes[change["id"]] = (index, change)
    result, changed = [], []
    for element in inherited:
        if element["id"] in removed:
            continue
        if element["id"] in changes:
            index, change = changes[element["id"]]
            element = _merge_element(element, change, f"{origin}: elements[{index}]")
            changed.append(element["id"])
        result.append(element)
    added = [change for element_id, (_, change) in changes.items() if element_id not in ids]
    return result + added, tuple(change["id"] for change in added), tuple(changed)


def _merge_element(element: dict[str, Any], change: dict[str, Any], where: str) -> dict[str, Any]:
    """The parent's element with one child's changes; builds new mappings, never edits the parent's."""
    merged = dict(element)
    merged.update({key: change[key] for key in _SCALAR_ELEMENT_FIELDS if key in change})
    if "present" in change:
        merged["present"] = {**element["present"], **change["present"]}
    for key in ("basis", "outline"):
        if key in change:
            merged[key] = _edit_list(element.get(key, []), change[key], key, f"{where}.{key}")
    if "match" in change:
        match = dict(element["match"])
        for key, value in change["match"].items():
            match[key] = _edit_list(match.get(key, []), value, key, f"{where}.match.{key}")
        merged["match"] = {key: value for key, value in match.items() if value}  # an emptied list is no list
    if not merged.get("outline", True):
        del merged["outline"]
    return merged


def _edit_list(current: list[Any], change: list[Any] | dict[str, list[Any]], field: str, where: str) -> list[Any]:
    """A list replaced (the change is a list) or edited (``{remove: [...], add: [...]}``, removals first)."""
    if isinstance(change, list):
        return list(change)
    key = _LIST_KEYS.get(field)
    result = list(current)
    for index, name in enumerate(change.get("remove", [])):
        names = [item[key] if key else item for item in result]
        if name not in names:
            raise ChecklistError(f"{where}.remove[{index}]: 继承的列表中没有 '{name}'{suggestion(name, [str(n) for n in names])}")
        result = [item for item, item_name in zip(result, names) if item_name != name]
    return result + list(change.get("add", []))
