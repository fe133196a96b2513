"""``rolcheck checklist list | show | validate | init``: the authoring loop for checklists.

Writing a provincial or department checklist means writing a few changes to a parent,
validating them and looking at what the merge produced; these subcommands are that loop.
Every one takes a bundled id or a path, because a user's checklist must work wherever a
bundled one does.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from checker.common.errors import UsageError

if TYPE_CHECKING:
    from checker.checklist.model import Checklist

DEFAULT_PARENT = "national"
_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "列出、查看、检查和新建清单；ID|PATH 可以是内置清单 id 或清单文件路径。"
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="列出内置清单", description="列出内置清单：名称、继承关系、报告主体、适用年度和要素数。")
    show = actions.add_parser("show", help="显示清单的 YAML", description="显示清单的 YAML；--resolved 显示合并继承后的完整清单。")
    show.add_argument("checklist", metavar="ID|PATH")
    show.add_argument("--resolved", action="store_true", help="显示合并继承后的完整清单（本身也是有效的清单）")
    validate = actions.add_parser(
        "validate", help="检查清单", description="检查清单能否加载，并警告永远不会匹配的写法。退出码：0 无问题，1 有警告，2 有错误。"
    )
    validate.add_argument("checklist", metavar="ID|PATH")
    init = actions.add_parser("init", help="新建一个继承其他清单的起始文件", description="写一个带注释的起始清单文件；文件已存在时拒绝覆盖。")
    init.add_argument("path", metavar="NEW", type=Path, help="新清单文件的路径，如 qingxi.yaml")
    init.add_argument("--extends", default=DEFAULT_PARENT, metavar="ID|PATH", help=f"继承的清单（默认 {DEFAULT_PARENT}）")
    init.add_argument("--id", metavar="ID", help="新清单的 id（默认取自文件名）")


def execute(args: argparse.Namespace) -> int:
    return {"list": _list, "show": _show, "validate": _validate, "init": _init}[args.action](args)


def _list(args: argparse.Namespace) -> int:
    from checker.checklist.model import bundled_ids
    from checker.run.checklists import load

    ids = bundled_ids()
    print(f"内置清单（{len(ids)} 个）：")
    for checklist_id in ids:
        checklist = load(checklist_id)
        parent = f"继承 {checklist.layers[-2].name}" if len(checklist.layers) > 1 else "基础清单"
        required = sum(1 for element in checklist.elements if element.required)
        print(f"  {checklist.id}  {checklist.title}")
        print(
            f"      {parent}；报告主体：{checklist.reporting.body_label or '未声明'}；适用年度：{checklist.applies_to.label}；"
            f"要素 {len(checklist.elements)} 项（必备 {required} 项）"
        )
    return 0


def _dump(document: dict) -> str:
    """YAML that reads like a hand-written checklist: shared mappings written out, without &id001 anchors.

    PyYAML is imported here, not at the top: every rolcheck start imports this module.
    """
    import yaml

    class PlainDumper(yaml.SafeDumper):
        def ignore_aliases(self, data: object) -> bool:
            return True

    return yaml.dump(document, Dumper=PlainDumper, allow_unicode=True, sort_keys=False, width=1000)


def _show(args: argparse.Namespace) -> int:
    from checker.checklist.inheritance import resolve
    from checker.checklist.loading import locate

    if not args.resolved:
        sys.stdout.write(locate(args.checklist).text)
        return 0
    resolved = resolve(args.checklist)
    chain = " → ".join(layer.name for layer in resolved.layers)
    header = f"# 清单 {resolved.document['id']} 合并继承后的完整内容（{chain}），由 rolcheck checklist show --resolved 生成。\n"
    body = _dump(resolved.document)
    sys.stdout.write(header + body)
    return 0


def _validate(args: argparse.Namespace) -> int:
    from checker.checklist.inheritance import resolve
    from checker.checklist.lint import lint
    from checker.checklist.loading import validate
    from checker.rules.registry import check_patterns
    from checker.run.checklists import build

    resolved = resolve(args.checklist)
    validate(resolved.document, resolved.origin, by_id=True)  # bundled ones too: checks skip it for speed
    checklist = build(resolved)
    warnings = lint(checklist, resolved.document, check_patterns(checklist))
    chain = " → ".join(layer.name for layer in checklist.layers)
    required = sum(1 for element in checklist.elements if element.required)
    print(f"{resolved.origin}: 有效（{chain}；要素 {len(checklist.elements)} 项，必备 {required} 项）")
    for warning in warnings:
        print(f"{resolved.origin}: 警告：{warning}")
    if warnings:
        print(f"共 {len(warnings)} 条警告")
    return 1 if warnings else 0


def _id_from(stem: str) -> str:
    """A checklist id from a file name: "Qingxi-County" → "qingxi_county"; "custom" when nothing usable is left."""
    candidate = re.sub(r"[^a-z0-9_.]+", "_", stem.lower()).strip("_.")
    return candidate if _ID.match(candidate) else "custom"


def _init(args: argparse.Namespace) -> int:
    from checker.checklist.model import bundled_ids
    from checker.run.checklists import load

    target: Path = args.path
    if target.exists():
        raise UsageError(f"{target}: 文件已存在，不会覆盖；请换一个文件名")
    checklist_id = args.id or _id_from(target.stem)
    if not _ID.match(checklist_id):
        raise UsageError(f"--id '{checklist_id}' 不是有效的清单 id（小写字母、数字、下划线，可用点分隔）")
    parent = load(args.extends)
    if args.extends in bundled_ids():
        extends = args.extends
    else:
        extends = os.path.relpath(Path(args.extends).resolve(), target.resolve().parent)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(starter(target, checklist_id, extends, parent))
    except FileExistsError:
        raise UsageError(f"{target}: 文件已存在，不会覆盖；请换一个文件名") from None
    print(f"已创建 {target}（继承 {extends}）。编辑后运行：rolcheck checklist validate {target}")
    return 0


def starter(target: Path, checklist_id: str, extends: str, parent: Checklist) -> str:
    """A valid, commented checklist that extends ``parent`` and shows, commented out, every kind of change."""
    required = next(element for element in parent.elements if element.required)
    optional = next((element for element in parent.elements if not element.required), required)
    elements = "\n".join(
        f"#   {element.id}（{'必备' if element.required else '建议'}）{element.title}" for element in parent.elements
    )
    quoted = json.dumps(str(target), ensure_ascii=False)
    return f"""\
# rolcheck 清单：在 {parent.id}（{parent.title}）的基础上修改。格式说明见 docs/checklist-format.md。
#   检查本文件：        rolcheck checklist validate {quoted}
#   查看合并后的清单：  rolcheck checklist show {quoted} --resolved
#   用它检查报告：      rolcheck check 报告.txt --checklist {quoted}
schema_version: 1
id: {checklist_id}
title: {json.dumps(f"自定义清单（继承 {parent.id}）", ensure_ascii=False)}
version: "0.1"
extends: {json.dumps(extends, ensure_ascii=False)}
description: 在 {parent.id} 的基础上，按……的要求修改（请写明适用范围和依据）。

# 适用的报告年度；不写则沿用父清单（{parent.applies_to.label}）。
# applies_to: {{from: 2023, to: 2025}}

# 新增引用的文献；id 与父清单相同则替换该条。
# sources:
#   - {{id: 本省规定, title: 《……》, issuer: ……, date: "2024"}}

# 报送要求：逐项覆盖父清单；deadlines 中的每一项整体替换。没有看到原文的要求写 confirmed: false。
# reporting:
#   deadlines:
#     report: {{date: "03-01", confirmed: false, note: 依据待核}}

# 删除父清单中的要素：
# remove_elements: [{optional.id}]

# 修改或新增要素：id 与父清单相同则逐项修改（列表整体替换，或用 add/remove 增删），否则新增（须写全）。
# elements:
#   - id: {required.id}
#     match:
#       headings: {{add: [新的标题写法]}}
#       evidence:
#         add:
#           - {{phrase: 新的证据词, synonyms: [同义词]}}
#     present: {{sentences: 3}}
#   - id: province.new_item
#     title: ……
#     severity: required
#     description: 写明……
#     basis:
#       - {{source: 本省规定, article: 第X条, confirmed: false}}
#     scope: reported_year
#     match:
#       headings: [……]
#       evidence:
#         - {{phrase: ……, synonyms: [……]}}
#     present: {{sentences: 2, groups: 1}}

# 要素之外的检查（说明见 docs/checks.md）：id 与父清单相同则修改（params 逐项合并），enabled: false 停用，
# 新 id 则新增（须写 type 和 severity）；remove_checks 删除父清单的检查。
# checks:
#   - {{id: content.substance, params: {{min_share: 0.7}}}}
#   - {{id: metadata.recipient, params: {{required: true}}}}
# remove_checks: [data.parts_total]

# 父清单 {parent.id} 的要素：
{elements}
"""
