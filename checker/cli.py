"""The command line: parse arguments, build the checklist and options, call ``run()``.

Kept thin on purpose: everything testable lives in ``runner.run``. Every error a user can
cause ends as one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from checker import __version__
from checker.errors import RolcheckError, UsageError

EXIT_ERROR = 2
DEFAULT_CHECKLIST = "national"
FORMAT_NAMES = "json, text"  # kept in step with checker.renderers by a test


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so errors stay one line."""

    def error(self, message: str):  # type: ignore[override]
        raise UsageError(f"{message}（rolcheck --help 查看用法）")


def _score(text: str) -> int:
    """A score threshold for --fail-under: a whole number from 0 to 100."""
    if not text.isdigit() or not 0 <= int(text) <= 100:
        raise argparse.ArgumentTypeError(f"'{text}' 不是 0 到 100 之间的整数")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="rolcheck",
        description="检查法治政府建设年度报告是否具备规定的要素，并指出缺失和薄弱之处。",
    )
    parser.add_argument("--version", action="version", version=f"rolcheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("check", help="检查一份或多份报告", description="检查一份或多份报告（文件、目录或通配符）。")
    check.add_argument("inputs", nargs="+", metavar="REPORT", help="报告文件（.txt/.md）、目录或通配符")
    check.add_argument(
        "--checklist", default=DEFAULT_CHECKLIST, metavar="ID|PATH",
        help=f"内置清单 id 或清单文件路径（默认 {DEFAULT_CHECKLIST}）",
    )
    check.add_argument(
        "--format", default="json", metavar="FORMATS",
        help=f"输出格式，逗号分隔（可用：{FORMAT_NAMES}；默认 json）",
    )
    check.add_argument("--out", default="reports_out", type=Path, metavar="DIR", help="输出目录（默认 reports_out/）")
    check.add_argument("--output", metavar="-", help="写 '-' 则把结果输出到标准输出（仅限单个报告、单一格式）")
    check.add_argument(
        "--fail-on", choices=("weak", "missing"), default="weak",
        help="必备要素为何种状态时以退出码 1 结束（默认 weak：薄弱或缺失都算）",
    )
    check.add_argument("--fail-under", type=_score, metavar="SCORE", help="总分低于此值时以退出码 1 结束")
    check.add_argument("-q", "--quiet", action="store_true", help="不在终端打印摘要")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``rolcheck`` and ``python -m checker``; returns the exit code."""
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            build_parser().print_help()
            return EXIT_ERROR
        # Imported after parsing, so --help and --version start fast.
        from checker import checklist
        from checker.runner import Options, run

        if args.output not in (None, "-"):
            raise UsageError("--output 只接受 '-'（标准输出）；写入文件请用 --out DIR")
        options = Options(
            inputs=args.inputs,
            checklist=checklist.load(args.checklist),
            formats=[name.strip() for name in args.format.split(",") if name.strip()],
            out_dir=args.out,
            output=args.output,
            fail_on=args.fail_on,
            fail_under=args.fail_under,
            quiet=args.quiet,
        )
        return run(options)
    except RolcheckError as error:
        print(f"rolcheck: 错误：{error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("rolcheck: 已中断", file=sys.stderr)
        return 130
