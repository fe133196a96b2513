"""``rolcheck check REPORT...``: check reports against a checklist and write gap reports.

Settings come from, in order of precedence: command-line flags, the project's ``rolcheck.toml``
or ``[tool.rolcheck]`` (see ``checker.run.settings``), then the defaults below.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from checker.common.errors import UsageError
from checker.output import renderers

FINDING_THRESHOLDS = ("error", "warning", "never")
DEFAULTS: dict[str, Any] = {
    "checklist": None,  # none: chosen per report (checker/run/choice.py)
    "checklists": {},
    "format": "json",
    "out": "reports_out",
    "fail_on": "weak",
    "fail_on_findings": "error",
    "fail_under": None,
    "exclude": [],
    "include": [],
    "jobs": os.cpu_count() or 1,
    "lang": "zh",
    "baseline": None,
    "max_size": 20,
    "against": [],
}


def _score(text: str) -> int:
    """A score threshold for --fail-under: a whole number from 0 to 100."""
    if not text.isdigit() or not 0 <= int(text) <= 100:
        raise argparse.ArgumentTypeError(f"'{text}' 不是 0 到 100 之间的整数")
    return int(text)


def _positive(kind: type):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            value = 0
        if value <= 0:
            raise argparse.ArgumentTypeError(f"'{text}' 不是正数")
        return value

    return parse


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments shared with ``rolcheck baseline``: what to check and against which checklist."""
    parser.add_argument("inputs", nargs="+", metavar="REPORT", help="报告文件（.txt/.md/.html/.docx/.pdf）、目录、通配符，或 - 表示标准输入")
    parser.add_argument("--checklist", metavar="ID|PATH", help="内置清单 id 或清单文件路径（默认按发文机关类型和报告年度自动选择）")
    parser.add_argument("--exclude", action="append", metavar="GLOB", help="排除匹配此通配符的路径（可多次使用）")
    parser.add_argument("--include", action="append", metavar="GLOB", help="搜索目录时只检查匹配此通配符的文件（可多次使用）")
    parser.add_argument("--max-size", type=_positive(float), metavar="MB", help="拒绝检查大于此大小的文件（默认 20 MB）")


def add_arguments(check: argparse.ArgumentParser) -> None:
    check.description = "检查一份或多份报告（文件、目录或通配符）。"
    add_common_arguments(check)
    check.add_argument("--format", metavar="FORMATS", help=f"输出格式，逗号分隔（可用：{', '.join(renderers.names())}；默认 json，在 GitHub Actions 中另加 github）")
    check.add_argument("--add-format", metavar="FORMATS", help="在 --format、项目设置或默认格式之外再加的格式（逗号分隔）")
    check.add_argument("--out", type=Path, metavar="DIR", help="输出目录（默认 reports_out/）")
    check.add_argument("--output", metavar="-", help="写 '-' 则把结果输出到标准输出（仅限单个报告、单一格式）")
    check.add_argument("--fail-on", choices=("weak", "missing"), help="必备要素为何种状态时以退出码 1 结束（默认 weak：薄弱或缺失都算）")
    check.add_argument("--fail-under", type=_score, metavar="SCORE", help="总分低于此值时以退出码 1 结束")
    check.add_argument(
        "--fail-on-findings",
        choices=FINDING_THRESHOLDS,
        help="检查发现何种级别的问题时以退出码 1 结束（默认 error；warning：警告也算；never：发现不影响退出码）",
    )
    check.add_argument("--jobs", type=_positive(int), metavar="N", help="并行检查的进程数（默认 CPU 核数）")
    check.add_argument("--lang", choices=("zh", "en"), help="HTML 和 Markdown 报告的界面语言（默认 zh）")
    check.add_argument("--baseline", metavar="FILE", help="已接受差距的基线文件（默认 rolcheck-baseline.yaml，如存在）")
    check.add_argument(
        "--against",
        action="append",
        metavar="DIR",
        help="与此目录中的报告（上年报送的报告、其他地区的报告）比对雷同段落（可多次使用；批量检查时本批报告也互相比对）",
    )
    check.add_argument("--github-output", type=Path, metavar="FILE", help="把结论、最低分和所写文件的路径追加到此文件（GitHub Actions 的 $GITHUB_OUTPUT）")
    check.add_argument("--reports-only", action="store_true", help="只检查文件名像年度报告的文件（含“法治”“年度报告”“工作报告”等，或匹配 include），其余跳过；pre-commit 钩子用")
    loudness = check.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="不在终端打印摘要")
    loudness.add_argument("-v", "--verbose", action="store_true", help="摘要中也列出具备要素的证据")


def settings_with_origins(args: argparse.Namespace) -> tuple[dict[str, Any], dict[str, str]]:
    """Flags over project config over defaults, and where each value came from (for ``rolcheck config``)."""
    from checker.run import settings as config

    path, found = config.load_with_origin(Path.cwd())
    merged = {**DEFAULTS, **found}
    origins = {name: (str(path) if name in found else "默认") for name in merged}
    for name in DEFAULTS:
        value = getattr(args, name, None)
        if value is not None:
            merged[name], origins[name] = value, "命令行"
    return merged, origins


def settings(args: argparse.Namespace) -> dict[str, Any]:
    """Flags over project config over defaults."""
    return settings_with_origins(args)[0]


def build_options(args: argparse.Namespace):
    """The ``runner.Options`` for these arguments (shared with ``rolcheck baseline``)."""
    from checker.run import baseline
    from checker.run.runner import Options

    chosen = settings(args)
    if chosen["fail_on_findings"] not in FINDING_THRESHOLDS:
        raise UsageError(f"fail_on_findings: '{chosen['fail_on_findings']}' 不是允许的值（可选：{', '.join(FINDING_THRESHOLDS)}）")
    formats = chosen["format"]
    if isinstance(formats, str):
        formats = [name.strip() for name in formats.split(",") if name.strip()]
    extra = [name.strip() for name in (getattr(args, "add_format", None) or "").split(",") if name.strip()]
    formats = [*formats, *(name for name in extra if name not in formats)]
    if getattr(args, "format", None) is None and os.environ.get("GITHUB_ACTIONS") == "true" and "github" not in formats:
        formats = [*formats, "github"]
    against = [chosen["against"]] if isinstance(chosen["against"], str) else list(chosen["against"])
    for folder in against:
        if not Path(folder).exists():
            raise UsageError(f"--against：参照报告目录 {folder} 不存在")
    baseline_path = chosen["baseline"] or (baseline.DEFAULT_FILE if Path(baseline.DEFAULT_FILE).exists() else None)
    return Options(
        inputs=args.inputs,
        checklist=selection(args, chosen),
        formats=formats,
        out_dir=Path(chosen["out"]),
        output=getattr(args, "output", None),
        fail_on=chosen["fail_on"],
        fail_on_findings=chosen["fail_on_findings"],
        fail_under=chosen["fail_under"],
        quiet=getattr(args, "quiet", False),
        verbose=getattr(args, "verbose", False),
        max_bytes=int(chosen["max_size"] * 1024 * 1024),
        jobs=chosen["jobs"],
        lang=chosen["lang"],
        baseline=baseline.load(Path(baseline_path)) if baseline_path else None,
        exclude=list(chosen["exclude"]),
        against=against,
        include=list(chosen["include"]),
        reports_only=getattr(args, "reports_only", False),
        github_output=getattr(args, "github_output", None),
    )


def selection(args: argparse.Namespace, chosen: dict[str, Any]):
    """--checklist wins; else the settings' per-folder pins and checklist; else each report chooses."""
    from checker.run import checklists, choice

    if getattr(args, "checklist", None):
        return choice.fixed(checklists.load(args.checklist))
    return choice.from_settings(chosen["checklist"], chosen["checklists"])


def execute(args: argparse.Namespace) -> int:
    from checker.run.runner import run

    if args.output not in (None, "-"):
        raise UsageError("--output 只接受 '-'（标准输出）；写入文件请用 --out DIR")
    return run(build_options(args))
