"""The command line: parse arguments and hand them to the subcommand's ``execute``.

Kept thin on purpose: each subcommand lives in ``checker/commands/``, and everything testable
lives below them (``runner.run`` for ``check``). Every error a user can cause ends as one
line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import NoReturn

from checker import __version__
from checker.commands import argparse_zh, baseline, check, checklist, config, diff, eval, explain, serve
from checker.common.errors import RolcheckError, UsageError, suggestion
from checker.output.console import make_safe

EXIT_ERROR = 2
COMMANDS = {
    "check": check, "diff": diff, "baseline": baseline, "eval": eval, "checklist": checklist, "explain": explain,
    "config": config, "serve": serve,
}


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so errors stay one line."""

    def error(self, message: str) -> NoReturn:
        invalid = re.search(r"无效的选项 '([^']*)'（可选：(.*)）$", message)
        if invalid:  # "did you mean" for a mistyped command or choice, as for unknown formats
            message += suggestion(invalid.group(1), re.findall(r"'([^']*)'", invalid.group(2)))
        raise UsageError(f"{message}（rolcheck --help 查看用法）")


def build_parser() -> argparse.ArgumentParser:
    argparse_zh.install()
    parser = _Parser(
        prog="rolcheck",
        description="检查法治政府建设年度报告是否具备规定的要素，并指出缺失和薄弱之处。",
    )
    parser.add_argument("--version", action="version", version=f"rolcheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS.values():
        module.add_parser(commands)
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
        return COMMANDS[args.command].execute(args)
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
