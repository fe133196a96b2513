"""``rolcheck check REPORT...``: check reports against a checklist and write gap reports."""

from __future__ import annotations

import argparse
from pathlib import Path

from checker.errors import UsageError

DEFAULT_CHECKLIST = "national"
FORMAT_NAMES = "json, text"  # kept in step with checker.renderers by a test


def _score(text: str) -> int:
    """A score threshold for --fail-under: a whole number from 0 to 100."""
    if not text.isdigit() or not 0 <= int(text) <= 100:
        raise argparse.ArgumentTypeError(f"'{text}' 不是 0 到 100 之间的整数")
    return int(text)


def _megabytes(text: str) -> float:
    """A positive size in megabytes for --max-size."""
    try:
        value = float(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"'{text}' 不是正数（单位 MB）")
    return value


def add_parser(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser("check", help="检查一份或多份报告", description="检查一份或多份报告（文件、目录或通配符）。")
    check.add_argument("inputs", nargs="+", metavar="REPORT", help="报告文件（.txt/.md）、目录或通配符")
    check.add_argument(
        "--checklist", default=DEFAULT_CHECKLIST, metavar="ID|PATH",
        help=f"内置清单 id 或清单文件路径（默认 {DEFAULT_CHECKLIST}）",
    )
    check.add_argument("--format", default="json", metavar="FORMATS", help=f"输出格式，逗号分隔（可用：{FORMAT_NAMES}；默认 json）")
    check.add_argument("--out", default="reports_out", type=Path, metavar="DIR", help="输出目录（默认 reports_out/）")
    check.add_argument("--output", metavar="-", help="写 '-' 则把结果输出到标准输出（仅限单个报告、单一格式）")
    check.add_argument(
        "--fail-on", choices=("weak", "missing"), default="weak",
        help="必备要素为何种状态时以退出码 1 结束（默认 weak：薄弱或缺失都算）",
    )
    check.add_argument("--fail-under", type=_score, metavar="SCORE", help="总分低于此值时以退出码 1 结束")
    check.add_argument("-q", "--quiet", action="store_true", help="不在终端打印摘要")
    check.add_argument(
        "--max-size", type=_megabytes, default=20, metavar="MB", help="拒绝检查大于此大小的文件（默认 20 MB）"
    )


def execute(args: argparse.Namespace) -> int:
    # Imported here, not at the top, so --help and --version start fast.
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
        max_bytes=int(args.max_size * 1024 * 1024),
    )
    return run(options)
