"""Reading a file the user named, safely: only regular files, never more than a limit.

A FIFO, ``/dev/zero``, a terminal or a socket given as a report, a checklist (or its ``extends:``),
a settings or a baseline file would block forever or never end. Every file rolcheck reads on a
user's behalf goes through ``read_limited``: symlinks are followed (a report kept as a link is
still read, see docs/security.md for the folder policy), then the file is opened without blocking
and refused unless ``fstat`` says it is a regular file, and it is read up to its limit and no further
(a file that grows while it is read cannot push memory past the limit).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# Checklists, settings and baselines are a few kilobytes; this leaves room for very large ones.
CONFIG_MAX_BYTES = 5 * 1024 * 1024


class NotReadable(Exception):
    """Why a file cannot be read, in Chinese, without the path (each caller words its own message)."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "是目录，不是文件"
    if stat.S_ISFIFO(mode):
        return "是命名管道（FIFO），不是普通文件"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "是设备文件，不是普通文件"
    if stat.S_ISSOCK(mode):
        return "是套接字，不是普通文件"
    return "不是普通文件"


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path`` (after symlinks), or ``NotReadable``/``FileNotFoundError``.

    ``NotReadable`` says why: not a regular file, larger than ``max_bytes``, or an OS error.
    """
    try:
        # O_NONBLOCK: opening a FIFO without a writer must not wait for one.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        raise NotReadable("是目录，不是文件") from None
    except OSError as exc:
        raise NotReadable(f"无法读取（{exc.strerror}）") from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise NotReadable(_kind(status.st_mode))
    with os.fdopen(descriptor, "rb") as stream:
        size = status.st_size
        if size > max_bytes:
            raise NotReadable(f"文件过大（{size / 1048576:.1f} MB，上限 {max_bytes / 1048576:.0f} MB）")
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise NotReadable(f"文件过大（读取时超过上限 {max_bytes / 1048576:.0f} MB）")
    return data


def read_text_limited(path: Path, max_bytes: int = CONFIG_MAX_BYTES) -> str:
    """A UTF-8 configuration file (checklist, settings, baseline) read by ``read_limited``; raises ``UnicodeDecodeError`` too."""
    return read_limited(path, max_bytes).decode("utf-8-sig")
