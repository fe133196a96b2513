"""``rolcheck serve``: a page on this machine where a drafting team drops its .docx and reads the comments.

Needs the ``serve`` extra (``pip install 'rolcheck[serve]'``: Starlette, python-multipart and
uvicorn). Listens on 127.0.0.1 unless ``--host`` names another address, which is said loudly,
because the page then checks files for anyone who can reach the machine.
"""

from __future__ import annotations

import argparse
import ipaddress
import socket
import sys
from pathlib import Path

from checker.common.errors import UsageError

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8765


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' 不是 0 到 65535 之间的端口号")
    return int(text)


def add_arguments(serve: argparse.ArgumentParser) -> None:
    from checker.commands.check import _positive

    serve.description = "在本机启动检查页面（默认 http://127.0.0.1:8765/）：上传一份或多份报告，查看差距报告和总览，下载 JSON 和带批注的 .docx。"
    serve.add_argument("--host", help=f"监听地址（默认 {DEFAULT_HOST}，只有本机能访问；其他地址会对网络开放，并给出警告）")
    serve.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"端口（默认 {DEFAULT_PORT}；0 表示任选一个空闲端口）")
    serve.add_argument("--max-size", type=_positive(float), metavar="MB", help="每个上传文件的大小上限（默认 20 MB）")
    serve.add_argument("--lang", choices=("zh", "en"), help="差距报告的界面语言（默认 zh）")


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or localhost: reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def execute(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from checker.run import web
    except ImportError:
        raise UsageError("rolcheck serve 需要可选依赖，请先安装：pip install 'rolcheck[serve]'") from None
    from checker.commands.check import DEFAULTS
    from checker.run import settings as config

    chosen = {**DEFAULTS, **config.load(Path.cwd())}
    max_mb = args.max_size if args.max_size is not None else chosen["max_size"]
    lang = args.lang or chosen["lang"]
    host = args.host or DEFAULT_HOST
    loopback = is_loopback(host)
    if not loopback:
        print(f"rolcheck: 警告：监听 {host}，本页面对能访问这台机器的所有人开放，上传的报告会在本机检查", file=sys.stderr)
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host.strip("[]"), args.port))
    except OSError as error:
        listener.close()
        raise UsageError(f"无法在 {host}:{args.port} 上监听（{error.strerror}）；请换一个 --port") from None
    port = listener.getsockname()[1]
    allowed = (*web.LOOPBACK_NAMES, host) if loopback else ("*",)
    app = web.create_app(web.Config(max_bytes=int(max_mb * 1024 * 1024), lang=lang, allowed_hosts=allowed))
    shown = f"[{host.strip('[]')}]" if family == socket.AF_INET6 else host
    print(f"rolcheck serve：检查页面已打开 http://{shown}:{port}/ （Ctrl+C 结束）", flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    server.run(sockets=[listener])
    return 0
