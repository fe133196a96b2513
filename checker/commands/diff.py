"""``rolcheck diff LAST_YEAR THIS_YEAR``: what this year's report copied, repeated or left out from last year's.

Reviewers compare a report with the year before: paragraphs carried over verbatim, shortcomings
listed again unchanged, last year's plan with nothing reported about it. This command runs the
checklist's year-over-year checks and writes the result as a Chinese summary, JSON or a
side-by-side HTML page. Exit codes: 0 nothing at or above ``--fail-on-findings`` (default
warning), 1 findings, 2 an input, checklist or usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from checker.common.errors import UsageError
from checker.output import renderers

THRESHOLDS = ("error", "warning", "info", "never")
DEFAULT_CHECKLIST = "national"


def add_arguments(diff: argparse.ArgumentParser) -> None:
    diff.description = "对比上年和本年的报告（任何支持的输入格式），找出照搬上年的段落、原样重复的不足和本年度没有下文的上年安排。"
    diff.add_argument("previous", metavar="LAST_YEAR", help="上年的报告")
    diff.add_argument("current", metavar="THIS_YEAR", help="本年的报告")
    diff.add_argument("--checklist", metavar="ID|PATH", help=f"内置清单 id 或清单文件路径（默认取项目设置，否则 {DEFAULT_CHECKLIST}）")
    diff.add_argument("--format", choices=renderers.names(renderers.DIFF), default="text", help="输出格式（默认 text）")
    diff.add_argument("--output", metavar="-", help="写 '-' 则把所选格式输出到标准输出")
    diff.add_argument("--out", type=Path, metavar="DIR", help="把所选格式写入此目录（json 和 html 默认写入 reports_out/）")
    diff.add_argument(
        "--fail-on-findings", choices=THRESHOLDS, default="warning", help="发现何种级别的问题时以退出码 1 结束（默认 warning）"
    )


def execute(args: argparse.Namespace) -> int:
    from checker.result import at_or_above
    from checker.run import settings as config
    from checker.run.checklists import load
    from checker.run.outputs import write_atomically
    from checker.run.runner import EXIT_GAPS, EXIT_OK
    from checker.run.yoy import compare

    if args.output not in (None, "-"):
        raise UsageError("--output 只接受 '-'（标准输出）；写入文件请用 --out DIR")
    checklist = load(args.checklist or config.load(Path.cwd()).get("checklist", DEFAULT_CHECKLIST))
    result = compare(Path(args.previous), Path(args.current), checklist)
    renderer = renderers.get(args.format, renderers.DIFF)
    text = renderer.render(result)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        sys.stdout.write(renderers.get("text", renderers.DIFF).render(result) if args.format != "text" else text)
        if args.out is not None or args.format != "text":
            target = (args.out or Path("reports_out")) / f"{Path(args.current).stem}.diff.{renderer.extension}"
            try:
                write_atomically(target, text)
                print(f"  已写入：{target}")
            except OSError as exc:  # as with check: writing a file never changes the exit code
                print(f"rolcheck: 警告：无法写入 {target}（{exc.strerror}）", file=sys.stderr)
    return EXIT_GAPS if at_or_above(result.findings, args.fail_on_findings) else EXIT_OK
