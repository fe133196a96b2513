"""``rolcheck config``: the settings a ``rolcheck check`` here would use, and where each came from.

Settings are looked for from the working directory up to the repository root (see
``checker.run.settings``); when a run behaves unexpectedly, this says which file won, which
values are defaults and which flags override them (flags given here are shown as 命令行).
"""

from __future__ import annotations

import argparse
import json

from checker.commands.check import settings_with_origins


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "显示在当前目录运行 rolcheck check 时生效的设置，以及每项来自命令行、哪个设置文件还是默认值。"
    parser.add_argument("--checklist", metavar="ID|PATH", help="同 rolcheck check 的 --checklist")
    parser.add_argument("--format", metavar="FORMATS", help="同 rolcheck check 的 --format")
    parser.add_argument("--out", metavar="DIR", help="同 rolcheck check 的 --out")
    parser.add_argument("--fail-on", choices=("weak", "missing"), help="同 rolcheck check 的 --fail-on")


def execute(args: argparse.Namespace) -> int:
    chosen, origins = settings_with_origins(args)
    width = max(len(name) for name in chosen)
    files = sorted({origin for origin in origins.values() if origin not in ("默认", "命令行")})
    print("设置文件：" + ("、".join(files) if files else "无（从当前目录到仓库根目录都没有 rolcheck.toml 或 [tool.rolcheck]）"))
    for name, value in chosen.items():
        print(f"  {name.ljust(width)} = {json.dumps(value, ensure_ascii=False, default=str)}  # {origins[name]}")
    return 0
