"""The renderer registry: a format name maps to a renderer; the engine never formats.

Every renderer takes the same ``ReportResult`` (and the interface language) and returns text.
Adding a format is a module and one registry line, never a change to the CLI or the engine.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from checker.common.errors import UsageError
from checker.result import ReportResult


@dataclass(frozen=True)
class Renderer:
    """A named output format: where it goes (a file with ``extension``, or stdout) and its module."""

    name: str
    extension: str
    description: str
    module: str
    to_stdout: bool = False

    def render(self, result: ReportResult, lang: str = "zh") -> str:
        # Imported on use: HTML needs Jinja2, and a JSON-only run should not pay for it.
        return importlib.import_module(f"checker.output.renderers.{self.module}").render(result, lang)


REGISTRY = {
    renderer.name: renderer
    for renderer in (
        Renderer("json", "json", "JSON 差距报告（机器读取，带 schema_version）", "json_report"),
        Renderer("text", "txt", "中文文字摘要（与终端输出相同）", "terminal"),
        Renderer("html", "html", "可离线打开的 HTML 差距报告（证据高亮）", "html_report"),
        Renderer("md", "md", "Markdown 差距表（用于合并请求评论）", "markdown_report"),
        Renderer("junit", "junit.xml", "JUnit XML（每个要素一个测试用例，供 GitLab 等显示）", "junit"),
        Renderer("sarif", "sarif", "SARIF 2.1.0（代码扫描）", "sarif"),
        Renderer("github", "", "GitHub Actions 注释命令（输出到标准输出）", "github", to_stdout=True),
    )
}


def names() -> list[str]:
    """All registered format names."""
    return list(REGISTRY)


def get(name: str) -> Renderer:
    """The renderer called ``name``, or a ``UsageError`` listing the known ones."""
    if name not in REGISTRY:
        raise UsageError(f"未知的输出格式 '{name}'（可用：{', '.join(REGISTRY)}）")
    return REGISTRY[name]
