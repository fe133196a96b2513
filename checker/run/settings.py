"""Project settings: ``rolcheck.toml`` or ``[tool.rolcheck]`` in ``pyproject.toml``, command-line flags winning.

A repository of reports sets its checklist, thresholds, formats and excluded paths once, so
that every developer and CI run the same check with a bare ``rolcheck check reports/``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from checker.common import files
from checker.common.errors import UsageError, suggestion

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

# Setting name -> (expected type, description); the names match the command-line flags.
SETTINGS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "checklist": (str, "清单 id 或路径"),
    "checklists": (dict, "按路径通配符指定清单：{\"departments/**\" = \"department\"}"),
    "format": ((str, list), "输出格式"),
    "out": (str, "输出目录"),
    "fail_on": (str, "weak 或 missing"),
    "fail_on_findings": (str, "error、warning 或 never"),
    "fail_under": (int, "最低总分"),
    "exclude": (list, "排除的路径通配符"),
    "jobs": (int, "并行进程数"),
    "lang": (str, "zh 或 en"),
    "baseline": (str, "基线文件"),
    "max_size": ((int, float), "文件大小上限（MB）"),
    "against": ((str, list), "参照报告目录（比对雷同段落）"),
}


def find(folder: Path) -> tuple[Path, dict[str, Any]] | None:
    """The settings in ``folder``: ``rolcheck.toml`` first, else ``pyproject.toml``'s ``[tool.rolcheck]``."""
    for name, section in (("rolcheck.toml", None), ("pyproject.toml", ("tool", "rolcheck"))):
        path = folder / name
        if not path.exists():
            continue
        try:
            document = tomllib.loads(files.read_text_limited(path))  # a FIFO named rolcheck.toml must not block
        except files.NotReadable as why:
            raise UsageError(f"{path}: {why}") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path}: TOML 格式错误（{exc}）") from None
        if section:
            for key in section:
                document = document.get(key, {})
            if not document:
                continue
        return path, document
    return None


def validate(path: Path, settings: dict[str, Any]) -> dict[str, Any]:
    """Check names and types; an unknown name gets a "did you mean" suggestion."""
    for name, value in settings.items():
        if name not in SETTINGS:
            raise UsageError(f"{path}: 不认识的设置 '{name}'{suggestion(name, SETTINGS)}（可用：{', '.join(SETTINGS)}）")
        expected, description = SETTINGS[name]
        if not isinstance(value, expected) or isinstance(value, bool):
            raise UsageError(f"{path}: 设置 '{name}'（{description}）的类型不对：{value!r}")
    return settings


def load(folder: Path) -> dict[str, Any]:
    """Validated settings of ``folder`` (the working directory), or none."""
    found = find(folder)
    return validate(*found) if found else {}
