"""Which files a run checks: explicit files always, folders searched the way a repository expects.

``rolcheck check .`` in a checkout must find the reports, not the virtual environment, not its
own output from the last run (which would grow the batch on every run) and not the lock files
Word leaves beside an open document. When a folder is searched, rolcheck therefore skips:

- hidden folders and files (``.git``, ``.venv``, ``.pytest_cache`` …) and folders holding a
  virtual environment (a ``pyvenv.cfg``), whatever their name;
- the run's output folder;
- what the repository's ``.gitignore`` files ignore (read with ``pathspec``, which implements
  git's wildmatch rules, negations and directory patterns; one file per folder, as git does);
- Office lock and temporary files (``~$报告.docx``, ``~WRL0001.tmp``, ``.~lock.报告.docx#``);
- files no reader accepts (``checker.reading.readers.REPORT_SUFFIXES``);
- symbolic links (files or folders) whose target lies outside the searched folder: checking a
  folder must not publish, in a gap report, a file from elsewhere on the machine
  (docs/security.md); each is named in ``skipped``.

Settings (or ``--include``/``--exclude``) may add globs, matched against the path and the file
name: with ``include``, a folder search keeps only the files matching one of them; ``exclude``
drops matching files everywhere, explicit ones included. A file named on the command line is always checked, even when a rule above would
skip it in a folder: the user asked for it.

With ``reports_only`` (the pre-commit hook), only files whose name looks like an annual report
(``checker.common.chinese.REPORT_NAME``) or matches an ``include`` glob are kept, so a
README.md in the same commit is not "a report with score 0".
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from checker.common.chinese import REPORT_NAME
from checker.reading.readers import REPORT_SUFFIXES

if TYPE_CHECKING:
    import pathspec

# Word (~$x.docx, ~WRL1234.tmp) and LibreOffice (.~lock.x#) leave these beside an open document.
OFFICE_TEMPORARY = ("~$*", "~*.tmp", ".~lock.*#")
# A tree walk never goes deeper than this: a symlink loop or a pathological checkout cannot hang a run.
MAX_DEPTH = 32


def _matches(path: Path, patterns: Sequence[str]) -> bool:
    posix = path.as_posix()
    return any(fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(path.name, pattern) for pattern in patterns)


def _is_temporary(name: str) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in OFFICE_TEMPORARY)


def _is_environment(folder: Path) -> bool:
    """A virtual environment (venv, virtualenv, uv) or a conda environment, whatever the folder is called."""
    return (folder / "pyvenv.cfg").exists() or (folder / "conda-meta").is_dir()


def _gitignore(folder: Path) -> pathspec.GitIgnoreSpec | None:
    """The patterns of ``folder/.gitignore``, relative to ``folder``; None when there is none or it is unreadable."""
    try:
        text = (folder / ".gitignore").read_text("utf-8", errors="replace")
    except OSError:
        return None
    import pathspec  # imported here: only a folder search reads .gitignore files, a single check never does

    return pathspec.GitIgnoreSpec.from_lines(text.splitlines())


def _ignored(path: Path, specs: list[tuple[Path, pathspec.GitIgnoreSpec]], is_dir: bool) -> bool:
    """Whether a .gitignore of this folder or a folder above ignores ``path`` (the deepest file deciding last)."""
    ignored = False
    for base, spec in specs:
        relative = path.relative_to(base).as_posix() + ("/" if is_dir else "")
        # check_file reports the last matching pattern (negations included), as git decides.
        outcome = spec.check_file(relative)
        if outcome.include is not None:
            ignored = outcome.include
    return ignored


def _repository_specs(folder: Path) -> list[tuple[Path, pathspec.GitIgnoreSpec]]:
    """The .gitignore files of the folders above ``folder`` up to the repository root (where ``.git`` is)."""
    specs: list[tuple[Path, pathspec.GitIgnoreSpec]] = []
    for parent in folder.resolve().parents:
        spec = _gitignore(parent)
        if spec is not None:
            specs.append((parent, spec))
        if (parent / ".git").exists():
            break
    else:
        return []  # not in a repository: .gitignore files above mean nothing
    return list(reversed(specs))


def walk(folder: Path, skip: Sequence[Path] = (), skipped: list[str] | None = None) -> Iterator[Path]:
    """Report files under ``folder``, sorted, with the rules of the module docstring."""
    root = folder.resolve()
    excluded = {path.resolve() for path in skip}
    specs = [] if (root / ".git").exists() else _repository_specs(root)

    def visit(directory: Path, shown: Path, inherited: list[tuple[Path, pathspec.GitIgnoreSpec]], depth: int) -> Iterator[Path]:
        own = _gitignore(directory)
        active = [*inherited, (directory, own)] if own is not None else inherited
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError:
            return
        for entry in entries:
            real, name = Path(entry.path), entry.name
            if name.startswith(".") or _is_temporary(name):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if _ignored(real, active, is_dir):
                continue
            if entry.is_symlink() and not real.resolve().is_relative_to(root):
                if skipped is not None and (is_dir or Path(name).suffix.lower() in REPORT_SUFFIXES):
                    skipped.append(f"{shown / name}: 是指向检查目录之外（{real.resolve()}）的符号链接，已跳过")
                continue
            if is_dir:
                if depth >= MAX_DEPTH or real.resolve() in excluded or _is_environment(real):
                    continue
                yield from visit(real, shown / name, active, depth + 1)
            elif Path(name).suffix.lower() in REPORT_SUFFIXES:
                yield shown / name

    yield from visit(root, folder, specs, 0)


def expand(
    inputs: Sequence[str],
    exclude: Sequence[str] = (),
    include: Sequence[str] = (),
    out_dir: Path | None = None,
    reports_only: bool = False,
    skipped: list[str] | None = None,
) -> list[Path]:
    """Files, folders and glob patterns as the files to check, in a stable order (see the module docstring)."""
    paths: list[Path] = []
    for name in inputs:
        path = Path(name)
        if name != "-" and path.is_dir():
            found = walk(path, [out_dir] if out_dir else [], skipped)
            paths.extend(p for p in found if not include or _matches(p, include))
        elif not path.exists() and any(char in name for char in "*?["):
            import glob  # only for a pattern the shell left unexpanded

            paths.extend(sorted(Path(p) for p in glob.glob(name, recursive=True) if Path(p).is_file() and not _is_temporary(Path(p).name)))
        else:
            paths.append(path)  # explicit: always checked (a missing file is reported by the reader, in its turn)
    if reports_only:
        paths = [path for path in paths if str(path) == "-" or REPORT_NAME.search(path.name) or _matches(path, include)]
    return [path for path in paths if not _matches(path, exclude)]
