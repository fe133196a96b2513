"""Run reader calls in a helper process with a deadline and a memory ceiling: for parsers in C we cannot stop.

A Python loop can be bounded from inside; a C library cannot. PDFium parses a page's Form
XObjects to a depth of 40, so a form that draws itself twice — or a tree of forms ten wide and
six deep — expands to millions of parses inside one call, taking minutes and gigabytes
(measured: 5.5 GB in two minutes for a 700-byte file). Such calls therefore run in a helper: a
child forked at the first call and kept for the next ones (a fork per call cost more than the
read, as every child warmed PDFium's font caches anew). The parent sends the function and its
arguments pickled through a pipe and waits for the answer until the deadline; past it, or when
the child dies because its address space is capped, the child is ended and the next call forks
a fresh one. The child also ends when its parent does. The libraries it needs are imported before
its address space is capped (``preload``: the ceiling is for the input, not for PDFium's own
mapping), and after each call it gives the memory it freed back to the system, since it lives on
beside the checker working on its answer (docs/security.md gives the ceilings and why).

Where there is no suitable ``fork`` (Windows, macOS), calls run in this process, unbounded.
"""

from __future__ import annotations

import importlib
import os
import pickle
import select
import signal
import struct
import sys
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext, suppress
from typing import Any, TypeVar

from checker.common.errors import InputError
from checker.common.memory import return_freed_memory

T = TypeVar("T")
AVAILABLE = sys.platform.startswith("linux")  # fork without Objective-C runtimes; /proc and prctl for the limits
_HEADER = struct.Struct("<Q")
# Resident memory past which the helper hands freed memory back after a call (a real-size report's PDF leaves it at 28 MB).
TRIM_ABOVE = 64 << 20


class Overrun(InputError):
    """The call went past its deadline or its memory, or its library crashed: the helper was ended."""


class Helper:
    """One child process that runs calls one at a time (a lock serialises the callers' threads)."""

    def __init__(self, hold: AbstractContextManager[object] | None = None, preload: tuple[str, ...] = (),
                 inherit: tuple[Any, ...] = ()) -> None:
        """``hold`` is held around the fork; ``preload`` names modules the child imports before its memory is capped;
        ``inherit`` leads the arguments of every call, and the child has it from the fork instead of each request
        (a 20 MB scan is not pickled into the request for each of its pages)."""
        self._hold = hold  # held around the fork: no other thread is inside the library while the child copies it
        self._preload = preload  # a C library's own mapping (PDFium's 6 MB) is not the input's memory
        self._inherit = inherit
        self._lock = threading.Lock()
        self._child: tuple[int, int, int] | None = None  # pid, request pipe, answer pipe
        self._memory = 0  # the running child's ceiling
        self._owner = os.getpid()  # a forked copy of this object (a batch worker) starts its own child

    def call(self, function: Callable[..., T], arguments: tuple[Any, ...], seconds: float, memory: int, what: str) -> T:
        """``function(*arguments)``'s value or exception, from a helper with ``memory`` bytes more than we use now.

        ``function`` must be importable by name (a module-level function): it is pickled.
        ``what`` starts an ``Overrun``'s message.
        """
        if not AVAILABLE:
            return function(*self._inherit, *arguments)
        with self._lock:
            if self._owner != os.getpid():
                self._child, self._owner = None, os.getpid()  # the parent's child, not ours
            if self._child is not None and (memory != self._memory or os.waitpid(self._child[0], os.WNOHANG)[0]):
                self._end()  # another ceiling, or gone (killed from outside)
            if self._child is None:
                self._child, self._memory = _start(memory, self._hold, self._preload, self._inherit), memory
            pid, requests, answers = self._child
            try:
                _send(requests, pickle.dumps((function, arguments), protocol=pickle.HIGHEST_PROTOCOL))
                answer = _receive(answers, time.monotonic() + seconds)
            except BrokenPipeError:
                answer = memoryview(b"")
            except BaseException:  # Ctrl-C while waiting: the child goes too
                self._end()
                raise
            if answer is None or not answer:
                status = self._end(kill=answer is None)
                if answer is None or (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU):
                    raise Overrun(f"{what}超过 {seconds:.0f} 秒仍未完成，已停止（可能是损坏或恶意构造的文件）")
                reason = f"信号 {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"退出码 {os.waitstatus_to_exitcode(status)}"
                raise self._out_of_memory(what, f"（{reason}）")
            ok, value = pickle.loads(answer)
            del answer
            if not ok and isinstance(value, MemoryError):  # Python's allocations met the ceiling before C's did
                self._end()  # a child at its ceiling is no use to the next call
                raise self._out_of_memory(what, "") from None
        if ok:
            return value
        raise value

    def close(self) -> None:
        """End the child now, if there is one (the next call starts another): for a caller whose next step needs
        the memory more than the next call needs a warm child (a scan's recognition, readers/ocr.py)."""
        with self._lock:
            if self._child is not None and self._owner == os.getpid():
                self._end()
            self._child = None

    def _out_of_memory(self, what: str, reason: str) -> Overrun:
        return Overrun(f"{what}时内存超过上限（{self._memory / 1048576:.0f} MB）或解析程序崩溃{reason}，"
                       "已停止（可能是损坏或恶意构造的文件）")

    def _end(self, kill: bool = True) -> int:
        """End the child (killed, or already dead) and return its wait status."""
        assert self._child is not None
        pid, requests, answers = self._child
        self._child = None
        os.close(requests)
        os.close(answers)
        if kill:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        try:
            return os.waitpid(pid, 0)[1]
        except ChildProcessError:  # already waited for (WNOHANG above)
            return 0


def _start(memory: int, hold: AbstractContextManager[object] | None, preload: tuple[str, ...],
           inherit: tuple[Any, ...]) -> tuple[int, int, int]:
    request_read, request_write = os.pipe()
    answer_read, answer_write = os.pipe()
    parent = os.getpid()
    with hold if hold is not None else nullcontext():  # the child leaves this block too, releasing its copy
        pid = os.fork()
    if pid == 0:  # pragma: no cover - the child, which never returns
        os.close(request_write)
        os.close(answer_read)
        _serve(request_read, answer_write, memory, parent, preload, inherit)
    os.close(request_read)
    os.close(answer_write)
    return pid, request_write, answer_read


def _memory(field: int) -> int:
    """Bytes of this process's address space (``field`` 0) or resident memory (1), from /proc/self/statm."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[field]) * os.sysconf("SC_PAGE_SIZE")


def _serve(requests: int, answers: int, memory: int, parent: int, preload: tuple[str, ...],
           inherit: tuple[Any, ...]) -> None:  # pragma: no cover - the child
    """In the child: import ``preload``, cap the address space, then answer ``(ok, value or exception)`` to each request
    until the pipe closes.

    The modules are imported before the cap, so loading a C library cannot fail for want of
    address space (a ``dlopen`` that does raises a bare ``OSError``, no clean refusal), and the
    ceiling counts what the input costs, not the library. A failure outside a call (the request
    does not fit) ends the child with exit code 1, which the parent reports as running out of memory.

    Its standard streams go to /dev/null: a library that aborts (PDFium does when memory runs
    out) or Python's fault handler would print a crash report, and the user gets one line.
    """
    try:
        import faulthandler
        import gc
        import resource

        # What the child inherits is not its own to finalise: a collection here once ran the destructor of an
        # onnxruntime session the checker had dropped (cyclic garbage not yet collected), which waited for ever on
        # threads that exist only in the checker (docs/security.md). Frozen, those objects are never collected here.
        gc.freeze()
        faulthandler.disable()
        silent = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):  # nor does it hold the caller's pipes open (``rolcheck check a.pdf | head``)
            os.dup2(silent, stream)
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
        for name in preload:
            importlib.import_module(name)
        used = _memory(0)
        resource.setrlimit(resource.RLIMIT_AS, (used + memory, resource.getrlimit(resource.RLIMIT_AS)[1]))
        while True:
            request = _read_message(requests)
            if request is None:
                return
            function, arguments = pickle.loads(request)
            del request  # the pickled copy of the arguments: not kept through the call
            try:
                answer = pickle.dumps((True, function(*inherit, *arguments)), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as error:  # noqa: BLE001 - every failure goes back to the parent, to be raised there
                try:
                    answer = pickle.dumps((False, error), protocol=pickle.HIGHEST_PROTOCOL)
                except Exception:  # noqa: BLE001 - an exception that does not pickle
                    answer = pickle.dumps((False, RuntimeError(f"{type(error).__name__}: {error}")), protocol=pickle.HIGHEST_PROTOCOL)
            del function, arguments
            _send(answers, answer)
            del answer
            # The kept child would otherwise hold a large file's peak while the checker works on the answer;
            # after an ordinary one, trimming gave back what the next PDF allocates again (PDFium's font
            # data: 20 ms more a report for a non-embedded CID font, docs/performance.md).
            if _memory(1) > TRIM_ABOVE:
                return_freed_memory()
    except BaseException:  # noqa: BLE001 - nobody to tell but the parent, through the exit code
        os._exit(1)
    finally:
        os._exit(0)  # no atexit handlers, no flushing of the parent's buffers


def _watch(parent: int) -> None:  # pragma: no cover - the child
    """End the child when its parent is gone (killed without closing the pipe's other end in time)."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def _send(pipe: int, message: bytes) -> None:
    """The message's length, then the message (written as it is: a 20 MB PDF is not copied to prepend eight bytes)."""
    for part in (_HEADER.pack(len(message)), message):
        view = memoryview(part)
        while view:
            view = view[os.write(pipe, view):]


def _read_message(pipe: int) -> bytearray | None:  # pragma: no cover - the child
    header = _read_exactly(pipe, _HEADER.size)
    return None if header is None else _read_exactly(pipe, _HEADER.unpack(header)[0])


def _read_exactly(pipe: int, size: int) -> bytearray | None:  # pragma: no cover - the child
    """``size`` bytes read into one buffer (not chunks then joined: twice the PDF in memory at once)."""
    buffer = bytearray(size)
    view, done = memoryview(buffer), 0
    while done < size:
        got = os.readv(pipe, [view[done:]])
        if not got:
            return None
        done += got
    return buffer


def _receive(pipe: int, deadline: float) -> memoryview | None:
    """One answer (a view, not a copy); None when the deadline passes first, empty when the child died without answering."""
    data = bytearray()
    size = None
    while size is None or len(data) < _HEADER.size + size:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([pipe], [], [], left)[0]:
            return None
        chunk = os.read(pipe, 1 << 20)
        if not chunk:
            return memoryview(b"")
        data += chunk
        if size is None and len(data) >= _HEADER.size:
            size = _HEADER.unpack_from(data)[0]
    return memoryview(data)[_HEADER.size:]
