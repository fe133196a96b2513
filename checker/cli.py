"""The command line: parse arguments and hand them to the subcommand's ``execute``.

Kept thin on purpose: each subcommand lives in ``checker/commands/``, and everything testable
lives below them (``runner.run`` for ``check``). Every error a user can cause ends as one
line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from types import ModuleType
from typing import Any, NoReturn

from checker import __version__
from checker.commands import argparse_zh
from checker.common.errors import RolcheckError, UsageError, suggestion
from checker.output.console import make_safe

EXIT_ERROR = 2
# Command → (its module in checker/commands/, the one line ``rolcheck --help`` lists it with). A module is
# imported only when its command runs (or shows its help): ``rolcheck check`` never imports the web server's.
COMMANDS = {
    "check": ("check", "检查一份或多份报告"),
    "diff": ("diff", "对比上年和本年的报告：照搬的段落、重复的不足、没有下文的上年安排"),
    "baseline": ("baseline", "把当前差距写入基线文件（已接受的差距）"),
    "eval": ("eval", "用标注语料评估检查结果"),
    "checklist": ("checklist", "列出、查看、检查和新建清单"),
    "explain": ("explain", "说明一个要素的要求、依据和判定方法"),
    "config": ("config", "显示生效的设置及其来源"),
    "serve": ("serve", "在本机打开检查页面：拖入报告，看差距，下载带批注的 Word 文件"),
}


def command_module(name: str) -> ModuleType:
    """The module of command ``name`` (``add_arguments(parser)`` and ``execute(args)``)."""
    return importlib.import_module(f"checker.commands.{COMMANDS[name][0]}")


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so errors stay one line."""

    def error(self, message: str) -> NoReturn:
        invalid = re.search(r"无效的选项 '([^']*)'（可选：(.*)）$", message)
        if invalid:  # "did you mean" for a mistyped command or choice, as for unknown formats
            message += suggestion(invalid.group(1), re.findall(r"'([^']*)'", invalid.group(2)))
        raise UsageError(f"{message}（rolcheck --help 查看用法）")


class _Commands(argparse._SubParsersAction):
    """The subcommands, each parser given its arguments only when argparse reaches that command.

    ``rolcheck --help`` needs only the names and one-line helps; the command given fills in its
    own parser (importing its module) just before argparse parses the rest of the line with it,
    so its help, its defaults and its error messages are those of a parser built up front.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filled: set[str] = set()

    def fill(self, name: str) -> argparse.ArgumentParser:
        """Command ``name``'s parser with its arguments (added once)."""
        parser = self._name_parser_map[name]
        if name not in self.filled:
            command_module(name).add_arguments(parser)
            self.filled.add(name)
        return parser

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any, option_string: str | None = None) -> None:
        self.fill(values[0])  # a known name: argparse refused an unknown one before calling the action
        super().__call__(parser, namespace, values, option_string)


def build_parser() -> argparse.ArgumentParser:
    argparse_zh.install()
    parser = _Parser(
        prog="rolcheck",
        description="检查法治政府建设年度报告是否具备规定的要素，并指出缺失和薄弱之处。",
    )
    parser.add_argument("--version", action="version", version=f"rolcheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", action=_Commands)
    for name, (_, summary) in COMMANDS.items():
        commands.add_parser(name, help=summary)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``rolcheck`` and ``python -m checker``; returns the exit code."""
    for stream in (sys.stdout, sys.stderr):  # a GBK console degrades ✓ to √ instead of crashing
        make_safe(stream)
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return EXIT_ERROR
        return command_module(args.command).execute(args)
    except RolcheckError as error:
        print(f"rolcheck: 错误：{error}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # `rolcheck check … | head`: the reader left; stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("rolcheck: 已中断", file=sys.stderr)
        return 130
