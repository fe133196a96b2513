"""Worker processes live no longer than the run that started them.

If the main process is killed (SIGKILL, an OOM killer, a CI runner cancelling the step), pool
workers would otherwise live on as orphans holding its stdout and stderr open, and a CI step
that waits for those pipes to close would hang. Two guards, installed in each worker:

- on Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)``: the kernel kills the worker when its parent dies;
- everywhere, a daemon thread that polls the parent's id and exits when it changes (the worker
  was re-parented), for systems without prctl.

Workers also ignore SIGINT: Ctrl-C reaches the whole process group, and the main process alone
decides what an interrupted run writes (runner.py), without a traceback from every worker.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 1.0


def _kernel_guard() -> None:
    if not sys.platform.startswith("linux"):
        return
    import ctypes  # imported here, in the worker: a single check never starts one
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # no libc prctl: the polling thread still guards


def _poll(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os._exit(1)  # the parent is gone: nothing is waiting for this worker's results


def die_with_parent(parent: int) -> None:
    """Make this (worker) process end when process ``parent`` ends, and leave SIGINT to the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _kernel_guard()
    if os.getppid() != parent:  # the parent died before the guard was in place
        os._exit(1)
    threading.Thread(target=_poll, args=(parent,), name="rolcheck-parent-watch", daemon=True).start()
