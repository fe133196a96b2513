"""Project settings: ``rolcheck.toml`` or ``[tool.rolcheck]`` in ``pyproject.toml``, command-line flags winning.

A repository of reports sets its checklist, thresholds, formats and excluded paths once, so
that every developer and CI run the same check with a bare ``rolcheck check reports/``.
They are found as yamllint and ruff find theirs: in the working directory, else in the
nearest folder above it, stopping at the repository root (the folder holding ``.git``), so
``rolcheck check .`` inside ``reports/2025/`` still uses the repository's settings. Paths in
settings found above the working directory (``out``, ``baseline``, a checklist file) are
relative to the settings file, as the person who wrote them meant.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from checker.common import files
from checker.common.errors import UsageError, suggestion


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
    "include": (list, "只检查匹配的路径通配符（pre-commit 钩子另把匹配的文件当作报告）"),
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
        if sys.version_info >= (3, 11):  # imported here: most folders a report is checked in have no settings file
            import tomllib
        else:  # pragma: no cover - exercised on Python 3.10 only
            import tomli as tomllib
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


PATH_SETTINGS = ("out", "baseline")


def locate(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest settings at or above ``start``, up to the repository root; None when there are none."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        found = find(candidate)
        if found is not None:
            return found
        if (candidate / ".git").exists():
            return None
    return None


def _anchored(path: Path, settings: dict[str, Any], start: Path) -> dict[str, Any]:
    """Relative paths of settings found above ``start`` made relative to their settings file's folder."""
    base = path.parent
    if base == start.resolve():
        return settings
    anchored = dict(settings)
    for name in PATH_SETTINGS:
        if isinstance(anchored.get(name), str) and not Path(anchored[name]).is_absolute():
            anchored[name] = str(base / anchored[name])
    checklist = anchored.get("checklist")
    if isinstance(checklist, str) and ("/" in checklist or checklist.endswith((".yaml", ".yml"))) and not Path(checklist).is_absolute():
        anchored["checklist"] = str(base / checklist)
    return anchored


def load_with_origin(start: Path) -> tuple[Path | None, dict[str, Any]]:
    """Validated settings for a run in ``start`` and the file they came from (None: no settings file)."""
    found = locate(start)
    if found is None:
        return None, {}
    path, settings = found
    return path, _anchored(path, validate(path, settings), start)


def load(start: Path) -> dict[str, Any]:
    """Validated settings for a run in ``start`` (the working directory), or none."""
    return load_with_origin(start)[1]
