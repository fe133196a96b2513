"""Where a run's outputs go, and how they are written: unique names, atomic, normal permissions.

- **Names.** Every output of one run gets its own path: a report called ``index.txt``,
  ``summary.md`` or ``similar.txt`` in a batch never takes the name of a batch page, two reports with
  the same stem (``a.txt`` and ``a.md``, or ``x/a.txt`` and ``y/a.txt``) get their folder
  prepended, names are compared case-folded (macOS and Windows file systems ignore case), and no
  output ever overwrites one of the run's inputs.
- **Atomic writes.** A file is written without a name that outlives the process (Linux
  ``O_TMPFILE``; elsewhere a dot-file removed on any exception) and named only when complete —
  a new file its own name at once, one that replaces another a dot-name renamed over it — so an
  interrupted run never leaves half a report, and a ``.tmp`` file only if killed outright in
  that rename's instant (docs/security.md).
- **Permissions.** Outputs get the mode a normal file gets under the user's umask (``0644`` under
  the usual ``022``), so a web server or a second CI user can read the gap reports; ``mkstemp``'s
  ``0600`` is widened to that.
"""

from __future__ import annotations

import os
from collections.abc import Container, Iterable
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from checker.reading.readers import STDIN

if TYPE_CHECKING:
    from checker.run.ledger import Ledger

# The batch files; a report's own outputs never take these stems.
RESERVED_STEMS = ("index", "summary", "similar")
# Chunks of a page joined into one write: a template yields a few characters at a time (half a million
# chunks for a 1,000-report dashboard), and encoding and writing each one cost more than rendering it.
CHUNKS_AT_ONCE = 4096


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


FILE_MODE = 0o666 & ~_umask()


class _Strings(Protocol):
    """A set of strings: a ``set``, or a batch's ``ledger.Names`` (on disk)."""

    def __contains__(self, key: object) -> bool: ...

    def add(self, key: str) -> None: ...


class _Table(Protocol):
    """A str → str dict: a ``dict``, or a batch's ``ledger.Table`` (on disk)."""

    def get(self, key: str) -> str | None: ...

    def __setitem__(self, key: str, value: str) -> None: ...


class Plan:
    """The output paths of one run, handed out so that no two are the same and none is an input.

    With a ``ledger`` (a batch) the names handed out and the inputs are kept on disk, so a batch
    of thousands of reports costs no memory per report (``checker.run.ledger``).
    """

    def __init__(self, out_dir: Path, inputs: Iterable[Path], batch: bool, ledger: Ledger | None = None) -> None:
        self.out_dir = out_dir
        self.inputs: Container[Path]  # the inputs, resolved
        if ledger is None:
            self.inputs = {path.resolve() for path in inputs}
        else:
            self.inputs = on_disk = ledger.names("inputs")
            for path in inputs:
                on_disk.add(str(path.resolve()))
        self.taken: _Strings = set() if ledger is None else ledger.names("taken")  # output names, case-folded
        self.used: _Strings = set() if ledger is None else ledger.names("used")  # stems, case-folded
        self.stems: _Table = {} if ledger is None else ledger.table("stems")  # report path -> its stem
        self.given: _Table = {} if ledger is None else ledger.table("given")  # report path and extension -> output path
        self.reserved = {stem.casefold() for stem in RESERVED_STEMS} if batch else set()
        self.batch = batch

    def is_input(self, path: Path) -> bool:
        """Whether ``path`` is (resolves to) one of the run's inputs."""
        return path.resolve() in self.inputs

    def stem(self, path: Path) -> str:
        """A file stem for the report at ``path``, unique within the run (its folders prepended when needed)."""
        if (known := self.stems.get(str(path))) is not None:
            return known
        if str(path) == STDIN:  # `rolcheck check -`: the report read from standard input
            stem, parent = "stdin", Path("/")
        else:
            stem, parent = path.stem, path.resolve().parent
        while self._used(stem) and parent != parent.parent:
            stem, parent = f"{parent.name}__{stem}", parent.parent
        base, number = stem, 2
        while self._used(stem):
            stem, number = f"{base}-{number}", number + 1
        self.stems[str(path)] = stem
        self.used.add(stem.casefold())
        return stem

    def _used(self, stem: str) -> bool:
        return stem.casefold() in self.reserved or stem.casefold() in self.used

    def claim(self, name: str) -> Path:
        """The path for output file ``name`` in the output folder, changed (``a.rolcheck.json``, ``a-2.json``) if taken or an input."""
        stem, dot, extension = name.partition(".")
        candidates = [name, f"{stem}.rolcheck{dot}{extension}"]
        number = 2
        while True:
            for candidate in candidates:
                target = self.out_dir / candidate
                if candidate.casefold() not in self.taken and not self.is_input(target):
                    self.taken.add(candidate.casefold())
                    return target
            candidates, number = [f"{stem}-{number}{dot}{extension}"], number + 1

    def report(self, path: Path, extension: str) -> Path:
        """The path of the report's output with ``extension`` (``json``, ``junit.xml``); the same each time it is asked
        (a report written again after the batch comparison replaces its first version)."""
        key = f"{path}\0{extension}"
        if (given := self.given.get(key)) is None:
            given = str(self.claim(f"{self.stem(path)}.{extension}"))
            self.given[key] = given
        return Path(given)


def usable_folder(out_dir: Path) -> str | None:
    """Why ``out_dir`` cannot receive outputs (in Chinese), or None. Nothing is created here: a run that
    ends before writing (a refused file) leaves no empty output folder behind; the first write creates it."""
    if out_dir.exists() and not out_dir.is_dir():
        return f"输出目录 {out_dir} 已存在但不是目录"
    existing = out_dir
    while not existing.exists():  # the nearest folder that exists must let us create the rest
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir():
        return f"无法创建输出目录 {out_dir}（{existing} 不是目录）"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"输出目录 {out_dir} 不可写" if existing == out_dir else f"无法创建输出目录 {out_dir}（{existing} 不可写）"
    return None


def _temporary(folder: Path, name: str) -> tuple[int, str | None]:
    """An unnamed file in ``folder`` (``O_TMPFILE``: it vanishes if the process dies), or a named one where unsupported."""
    flag = getattr(os, "O_TMPFILE", 0)
    if flag and Path("/proc/self/fd").is_dir():
        try:
            return os.open(folder, flag | os.O_WRONLY, FILE_MODE), None
        except OSError:
            pass  # a file system without O_TMPFILE: fall back to a named temporary file
    import tempfile  # imported here, as secrets below: `--output -` writes no file

    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    os.fchmod(handle, FILE_MODE)
    return handle, temporary


def _link_name(handle: int, target: Path) -> str | None:
    """Give the complete unnamed file its name: ``target`` itself where nothing has that name yet (None: the file
    appears whole, and a process killed now leaves nothing behind), else a dot-name next to ``target``, renamed over
    it at once (a SIGKILL between the two leaves that dot-file: a worker killed with its parent had left one)."""
    # linkat(AT_SYMLINK_FOLLOW) on the /proc link; CPython calls plain link(2), which does not follow
    # it, unless a directory descriptor is passed (ignored here: the source path is absolute).
    import secrets

    root = os.open("/", os.O_RDONLY)
    try:
        try:
            os.link(f"/proc/self/fd/{handle}", str(target), src_dir_fd=root, follow_symlinks=True)
            return None
        except FileExistsError:
            pass  # an earlier version (or anything else) has the name: link beside it and rename over it
        while True:
            name = str(target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp")
            try:
                os.link(f"/proc/self/fd/{handle}", name, src_dir_fd=root, follow_symlinks=True)
                return name
            except FileExistsError:
                continue
    finally:
        os.close(root)


def write_atomically(target: Path, text: str | bytes | Iterable[str]) -> None:
    """Write via a temporary file and rename, so an interrupted run never leaves half a report.

    ``text`` may be an iterable of chunks (the dashboard of a large batch), written as it comes
    so the whole page never sits in memory, or the bytes of a binary format (an annotated .docx).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = _temporary(target.parent, target.name)
    try:
        with os.fdopen(handle, "wb") as stream:
            if isinstance(text, bytes):
                stream.write(text)
            elif isinstance(text, str):
                stream.write(text.encode("utf-8"))
            else:  # a template's chunks are a few characters each: encoded and written some thousands at a time
                pieces = iter(text)
                for chunks in iter(lambda: list(islice(pieces, CHUNKS_AT_ONCE)), []):
                    stream.write("".join(chunks).encode("utf-8"))
            stream.flush()
            if temporary is None:
                temporary = _link_name(handle, target)
        if temporary is not None:
            os.replace(temporary, target)
    except BaseException:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise
