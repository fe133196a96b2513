"""The renderer registry: a format name maps to a renderer; the engine never formats.

Every output rolcheck writes goes through here. A renderer takes one result object and the
interface language and returns text (or, for pages of a large batch, chunks of it; or, for
a binary format such as ``docx``, bytes):

- ``report`` formats take a ``ReportResult`` (``rolcheck check``, one file per report);
- ``batch`` formats take a ``BatchResult`` (the dashboard and summary of a batch);
- ``diff`` formats take a ``DiffResult`` (``rolcheck diff``).

Adding a format is a module and one registry line, never a change to the CLI or the engine;
``--help`` lists the names from here.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Any, NamedTuple

from checker.common.errors import UsageError, suggestion

REPORT, BATCH, DIFF = "report", "batch", "diff"


class Renderer(NamedTuple):  # a NamedTuple: cheap to create at start-up (see checker/checklist/model.py)
    """A named output format: what it takes (``kind``), where it goes (a file with ``extension``, or stdout) and its code."""

    name: str
    extension: str
    description: str
    module: str
    kind: str = REPORT
    function: str = "render"
    to_stdout: bool = False
    binary: bool = False  # the output is bytes (a Word file), never text: use ``render_bytes``

    def render(self, result: Any, lang: str = "zh") -> str:
        """The whole output as one string."""
        out = self.chunks(result, lang)
        if isinstance(out, bytes):
            raise UsageError(f"输出格式 {self.name} 是二进制文件，只能写入文件（--out），不能输出为文字")
        return out if isinstance(out, str) else "".join(out)

    def render_bytes(self, result: Any, lang: str = "zh") -> bytes:
        """The output as bytes: the file of a binary format, UTF-8 text for the others."""
        out = self.chunks(result, lang)
        if isinstance(out, bytes):
            return out
        return (out if isinstance(out, str) else "".join(out)).encode("utf-8")

    def chunks(self, result: Any, lang: str = "zh") -> str | bytes | Iterable[str]:
        """The output as its renderer makes it: batch pages stream in chunks, so a large batch never sits in memory;
        binary formats (``docx``) give bytes."""
        # Imported on use: HTML needs Jinja2, and a JSON-only run should not pay for it.
        return getattr(importlib.import_module(f"checker.output.renderers.{self.module}"), self.function)(result, lang)


_ALL = (
    Renderer("json", "json", "JSON 差距报告（机器读取，带 schema_version）", "json_report"),
    Renderer("text", "txt", "中文文字摘要（与终端输出相同）", "terminal"),
    Renderer("html", "html", "可离线打开的 HTML 差距报告（证据高亮）", "html_report"),
    Renderer("md", "md", "Markdown 差距表（用于合并请求评论）", "markdown_report"),
    Renderer("junit", "junit.xml", "JUnit XML（每个要素一个测试用例，供 GitLab 等显示）", "junit"),
    Renderer("sarif", "sarif", "SARIF 2.1.0（代码扫描）", "sarif"),
    Renderer("github", "", "GitHub Actions 注释命令（输出到标准输出）", "github", to_stdout=True),
    Renderer("lint", "", "每个差距一行“文件:行号: 说明”（输出到标准输出，pre-commit 钩子用）", "lint", to_stdout=True),
    Renderer("codequality", "codequality.json", "GitLab Code Quality 报告（合并请求中逐行显示）", "codequality"),
    Renderer("docx", "rolcheck.docx", "Word 批注版：在原文档的副本上用批注标出差距（非 Word 输入则新建文档）", "docx_report", binary=True),
    Renderer("index", "html", "批量检查总览页（报告 × 要素）", "dashboard", BATCH, "render_index"),
    Renderer("summary", "csv", "批量检查汇总表（每份报告一行）", "dashboard", BATCH, "render_csv"),
    Renderer("pairs", "html", "批量检查的相似报告对（共有文字及占比）", "similar_pairs", BATCH, "render_pairs"),
    Renderer("text", "txt", "年度对比的中文摘要", "diff", DIFF, "render_text"),
    Renderer("json", "json", "年度对比 JSON（diff.schema.json）", "diff", DIFF, "render_json"),
    Renderer("html", "html", "年度对比：上年与本年逐行并排", "diff", DIFF, "render_html"),
)
REGISTRY = {(renderer.kind, renderer.name): renderer for renderer in _ALL}


def names(kind: str = REPORT) -> list[str]:
    """The format names of one kind, in registry order."""
    return [renderer.name for renderer in _ALL if renderer.kind == kind]


def get(name: str, kind: str = REPORT) -> Renderer:
    """The renderer called ``name``, or a ``UsageError`` listing the known ones (and the nearest)."""
    if (kind, name) not in REGISTRY:
        known = names(kind)
        raise UsageError(f"未知的输出格式 '{name}'{suggestion(name, known)}（可用：{', '.join(known)}）")
    return REGISTRY[(kind, name)]
