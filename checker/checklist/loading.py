"""One checklist file as written: find it, read its YAML, check its format version and its schema.

Everything here is about a single file; following ``extends`` is ``checker.checklist.inheritance``'s job
and building the model is ``checker.checklist.model``'s. Every problem becomes one ``ChecklistError``
line that names the file, the place inside it (``elements[3].severity``) and what is wrong,
with a "did you mean" for misspelt field names, because a typo in a YAML key is the most
common way to break a checklist.
"""

from __future__ import annotations

import json
import os
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from checker.common import files
from checker.common.errors import ChecklistError, suggestion

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

# The checklist format this rolcheck reads; bump it only for changes that old files would break.
SCHEMA_VERSION = 1


def yaml_loader() -> Any:
    """libyaml's loader, which parses a checklist ten times faster than the pure-Python one; both are safe.

    PyYAML is imported here, on first use: a check against a bundled checklist reads its precompiled
    form and needs no YAML at all.
    """
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Located(NamedTuple):  # a NamedTuple: cheap to create at start-up (see checker/checklist/model.py)
    """A checklist found by bundled id or by path.

    ``key`` identifies the file for cycle detection, ``origin`` names it in messages, and
    ``folder`` is where its relative ``extends`` paths start (None for a bundled checklist).
    """

    key: str
    origin: str
    name: str
    text: str
    folder: Path | None


@cache
def bundled_folder() -> Path:
    """The folder of the bundled checklists (``checker.checklists``: the repository's checklists/ in a checkout).

    Found through the import system's own record of the package, not ``importlib.resources``, which
    imports tempfile, shutil and zipfile (about a tenth of a single check's start-up) to serve files
    that always lie in a folder: rolcheck is installed as files, never run from a zip.
    """
    spec = find_spec("checker.checklists")
    assert spec is not None and spec.submodule_search_locations is not None, "checker.checklists is installed with the package"
    return Path(next(iter(spec.submodule_search_locations)))


def bundled_ids() -> list[str]:
    """Ids of the checklists installed with the package."""
    return sorted(entry.name[: -len(".yaml")] for entry in os.scandir(bundled_folder()) if entry.name.endswith(".yaml"))


def locate(reference: str, folder: Path | None = None, referrer: str | None = None) -> Located:
    """Find a checklist by bundled id or path; a relative path starts at ``folder`` when given.

    ``referrer`` is the file whose ``extends`` names ``reference``: errors then name both.
    """
    prefix = f"{referrer}: extends: " if referrer else ""
    ids = bundled_ids()
    if reference in ids:
        entry = bundled_folder() / f"{reference}.yaml"
        return Located(f"bundled:{reference}", f"checklists/{reference}.yaml", reference, entry.read_text("utf-8"), None)
    path = Path(reference)
    if referrer and folder is None and not path.is_absolute():
        raise ChecklistError(f"{prefix}内置清单只能继承内置清单，没有名为 '{reference}' 的内置清单（可用：{', '.join(ids)}）")
    if folder is not None and not path.is_absolute():
        path = Path(os.path.normpath(folder / path))
    if path.suffix not in (".yaml", ".yml") and not path.exists():  # "guizhou.departmnet" is a misspelt id, not a file
        raise ChecklistError(
            f"{prefix}没有名为 '{reference}' 的内置清单（可用：{', '.join(ids)}）{suggestion(reference, ids)}，也没有这个文件"
        )
    try:
        text = files.read_text_limited(path)  # regular files only: `extends: /dev/zero` would never end
    except FileNotFoundError:
        raise ChecklistError(f"{prefix}清单文件 {path} 不存在" if prefix else f"{path}: 清单文件不存在") from None
    except (files.NotReadable, UnicodeDecodeError) as exc:
        raise ChecklistError(f"{prefix}无法读取清单 {path}（{exc}）" if prefix else f"{path}: 无法读取清单（{exc}）") from None
    return Located(f"file:{path.resolve()}", str(path), str(path), text, path.resolve().parent)


def read_yaml(text: str, origin: str, validate_schema: bool = True) -> dict[str, Any]:
    """The YAML mapping in ``text``, checked for its format version and validated as written.

    Bundled checklists skip the schema (``validate_schema=False``): the test suite validates them
    on every change, and importing and running jsonschema is a third of a single check's time.
    ``rolcheck checklist validate`` always validates.
    """
    import yaml

    try:
        document = yaml.load(text, Loader=yaml_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ChecklistError(f"{origin}{where}: YAML 语法错误: {problem}") from None
    if not isinstance(document, dict):
        raise ChecklistError(f"{origin}: 清单应是一个 YAML 映射（键: 值），实际为 {type(document).__name__}")
    _check_version(document.get("schema_version"), origin)
    if validate_schema:
        validate(document, origin)
    return document


def _check_version(version: Any, origin: str) -> None:
    """A clear message for a format this rolcheck does not read (the schema only says "should be 1")."""
    if not isinstance(version, int) or isinstance(version, bool) or version == SCHEMA_VERSION:
        return  # a missing or non-integer version is the schema's to report
    if version > SCHEMA_VERSION:
        raise ChecklistError(
            f"{origin}: schema_version: 此清单使用格式 {version}，本版 rolcheck 只认识格式 {SCHEMA_VERSION}；"
            "请升级 rolcheck（pip install -U rolcheck）"
        )
    raise ChecklistError(
        f"{origin}: schema_version: 没有清单格式 {version}；当前格式为 {SCHEMA_VERSION}（见 docs/checklist-format.md）"
    )


@cache
def _schema_validator() -> Draft202012Validator:
    from importlib import resources

    from jsonschema import (
        Draft202012Validator,  # imported here: it is a third of start-up time
    )

    text = resources.files("checker.schemas").joinpath("checklist.schema.json").read_text("utf-8")
    return Draft202012Validator(json.loads(text))


def validate(document: dict[str, Any], origin: str, by_id: bool = False) -> None:
    """Validate against the schema; ``by_id`` names elements by id (for merged checklists, whose indexes mean nothing to the author)."""
    errors = sorted(_schema_validator().iter_errors(document), key=lambda e: (list(map(str, e.absolute_path)), str(e.validator)))
    if errors:
        first = errors[0]
        more = f"（另有 {len(errors) - 1} 处错误）" if len(errors) > 1 else ""
        raise ChecklistError(f"{origin}: {_path_in_document(first, document if by_id else None)}: {_explain(first)}{more}")


def _path_in_document(error: ValidationError, document: dict[str, Any] | None) -> str:
    parts: list[str] = []
    path = list(error.absolute_path)
    for index, part in enumerate(path):
        if isinstance(part, int):
            label = str(part)
            if document is not None and path[:index] == ["elements"]:
                label = str(document["elements"][part].get("id", part))
            parts.append(f"[{label}]")
        else:
            parts.append(f".{part}" if parts else str(part))
    return "".join(parts) or "（顶层）"


def _explain(error: ValidationError) -> str:
    """A Chinese one-line explanation of a schema violation, keeping the technical detail."""
    validator, value = error.validator, cast(Any, error.validator_value)
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    instance: Any = error.instance
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"缺少必填字段 '{missing}'"
    if validator == "additionalProperties":
        known = sorted(schema.get("properties", {}))
        extra = sorted(set(instance) - set(known))
        return "不认识的字段 " + "、".join(f"'{name}'{suggestion(name, known)}" for name in extra)
    if validator == "dependentRequired":
        return f"使用 {', '.join(name for name in value if name in instance)} 时必须同时写 extends（只有继承别的清单时才能删除要素）"
    if validator == "enum":
        return f"{instance!r} 不是允许的值（可选：{', '.join(map(str, value))}）{suggestion(str(instance), list(map(str, value)))}"
    if validator == "const":
        return f"应为 {value!r}，实际为 {instance!r}"
    if validator == "type" and "add" in schema.get("properties", {}):
        return f"应为列表（整体替换）或 {{add: [...], remove: [...]}}（在继承的列表上增删），实际为 {instance!r}"
    if validator == "type":
        return f"类型应为 {value}，实际为 {type(instance).__name__}（{instance!r}）"
    if validator == "pattern":
        return f"{instance!r} 不符合格式 {value}"
    if validator in ("minItems", "minLength", "minProperties"):
        return "不能为空"
    if validator == "minimum":
        return f"应不小于 {value}，实际为 {instance!r}"
    if validator == "maximum":
        return f"应不大于 {value}，实际为 {instance!r}"
    if validator == "anyOf" and error.absolute_path and error.absolute_path[-1] == "match":
        return "match 至少要有 headings、evidence 或 patterns 之一"
    return error.message
