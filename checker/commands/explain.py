"""``rolcheck explain ELEMENT_ID``: what one element requires, why, and what rolcheck accepts as evidence.

A drafter who sees "缺失：problem_causes" needs the requirement, its legal basis and examples of
headings that would satisfy it, without reading YAML; a checklist author needs to see what
the merge made of an element. Both read the same page.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from checker.common.errors import UsageError

if TYPE_CHECKING:
    from checker.checklist.model import Checklist, Element

DEFAULT_CHECKLIST = "national"
_NUMBERING = ("一、", "（二）", "三、")


def add_arguments(explain: argparse.ArgumentParser) -> None:
    explain.description = "说明清单中一个要素的要求、依据、证据和可接受的标题。"
    explain.add_argument("element", metavar="ELEMENT_ID", help="要素 id，如 problem_causes")
    explain.add_argument(
        "--checklist", metavar="ID|PATH", help=f"内置清单 id 或清单文件路径（默认取项目设置，否则 {DEFAULT_CHECKLIST}）"
    )


def execute(args: argparse.Namespace) -> int:
    from checker.common.errors import suggestion
    from checker.run import settings as config
    from checker.run.checklists import load

    checklist = load(args.checklist or config.load(Path.cwd()).get("checklist", DEFAULT_CHECKLIST))
    ids = [element.id for element in checklist.elements]
    if args.element not in ids:
        raise UsageError(
            f"清单 {checklist.id} 中没有要素 '{args.element}'{suggestion(args.element, ids)}（可用：{', '.join(ids)}）"
        )
    print(render(checklist, checklist.element(args.element)))
    return 0


def example_headings(element: Element, year: int) -> list[str]:
    """Headings the element accepts, built from its first heading phrases with the usual numbering."""
    from checker.common.chinese import fill_years

    return [f"{number}{fill_years(phrase, year)}" for number, phrase in zip(_NUMBERING, element.headings)]


def render(checklist: Checklist, element: Element) -> str:
    """The explanation of one element, in Chinese."""
    from checker.checklist import wording as describe

    sources = {source.id: source for source in checklist.sources}
    year = date.today().year - 1
    lines = [
        f"{element.id}　{element.title}",
        f"清单：{checklist.id}（{checklist.title}）；{describe.origin(checklist, element.id)}；继承链：{describe.lineage(checklist)}",
        f"级别：{describe.SEVERITY_LABELS[element.severity]}　时间范围：{describe.SCOPE_LABELS[element.scope]}",
        "",
        f"要求：{element.description}",
    ]
    if element.why:
        lines.append(f"为什么：{element.why}")
    lines += ["", "依据："]
    for basis in element.basis:
        source = sources.get(basis.source)
        title = f"{source.title}" if source else ""
        lines.append(f"  - {basis.label}　{title}" + (f"：“{basis.quote}”" if basis.quote else ""))
    lines += ["", "什么算证据："]
    if element.headings:
        lines.append(f"  标题（模糊匹配；5 字以内须完全一致）：{'、'.join(element.headings)}")
    if element.evidence:
        lines.append("  证据词组（同一组内为同义词，算同一类）：")
        lines += [f"    {index}. {'／'.join(group.terms)}" for index, group in enumerate(element.evidence, 1)]
    if element.patterns:
        lines.append("  正则表达式：")
        lines += [f"    {pattern}" for pattern in element.patterns]
    if element.within:
        lines.append(f"  只在这些要素所在部分查找：{'、'.join(element.within)}")
    if element.scope == "reported_year":
        lines.append("  下一年度安排中的表述不算本年度的证据。")
    lines += [
        "",
        f"判为“具备”：{describe.thresholds(element)}。",
        "判为“薄弱”：找到了相关标题或表述，但没有达到上述要求；判为“缺失”：什么也没找到。",
    ]
    examples = example_headings(element, year)
    if examples:
        lines += ["", f"可接受的标题示例（按 {year} 年度报告）：", *(f"  {heading}" for heading in examples)]
    if element.outline:
        lines += ["", "建议写法：", *(f"  {item}" for item in element.outline)]
    return "\n".join(lines)
