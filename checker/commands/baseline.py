"""``rolcheck baseline REPORT...``: accept the current gaps, keeping reasons and pruning stale entries."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from checker.commands.check import add_common_arguments, build_options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "检查报告，把现有差距写入基线文件：保留已有原因，新增当前差距，删除已不存在的差距。"
    add_common_arguments(parser)
    parser.add_argument("--baseline", metavar="FILE", help="基线文件（默认 rolcheck-baseline.yaml）")
    parser.add_argument("--findings", action="store_true", help="同时接受各项检查的发现（错误和警告，按检查 id 记录）")


def execute(args: argparse.Namespace) -> int:
    from checker.common.errors import RolcheckError
    from checker.run import baseline
    from checker.run.pipeline import check
    from checker.run.outputs import write_atomically
    from checker.run.runner import EXIT_ERROR, EXIT_OK, expand_inputs

    options = build_options(args)
    current = options.baseline or baseline.load(Path(baseline.DEFAULT_FILE))
    results, code = [], EXIT_OK
    for path in expand_inputs(options.inputs, options.exclude, options.include, options.out_dir):
        try:
            results.append(check(path, options.checklist, options.max_bytes))
        except RolcheckError as error:  # reported; the other reports still count
            print(f"rolcheck: 错误：{error}", file=sys.stderr)
            code = EXIT_ERROR
    text, added, pruned = baseline.rewrite(current, results, findings=args.findings)
    write_atomically(current.path, text)
    print(f"已写入 {current.path}：新增 {added} 项，删除 {pruned} 项已不存在的差距或发现。请为每项填写接受的原因。")
    return code
