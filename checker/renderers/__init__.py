"""The renderer registry: a format name maps to a renderer; the engine never formats.

Every renderer takes the same ``ReportResult`` and returns text. Adding a format is adding
a module and one registry line, never touching the CLI or the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from checker.errors import UsageError
from checker.result import ReportResult


@dataclass(frozen=True)
class Renderer:
    """A named output format: the file extension it writes and the function that renders it."""

    name: str
    extension: str
    description: str
    render: Callable[[ReportResult], str]


def _registry() -> dict[str, Renderer]:
    from checker.renderers import json_report, terminal

    return {
        "json": Renderer("json", "json", "JSON 差距报告（机器读取，带 schema_version）", json_report.render),
        "text": Renderer("text", "txt", "中文文字摘要（与终端输出相同）", terminal.render),
    }


def names() -> list[str]:
    """All registered format names."""
    return list(_registry())


def get(name: str) -> Renderer:
    """The renderer called ``name``, or a ``UsageError`` listing the known ones."""
    registry = _registry()
    if name not in registry:
        raise UsageError(f"未知的输出格式 '{name}'（可用：{', '.join(registry)}）")
    return registry[name]
