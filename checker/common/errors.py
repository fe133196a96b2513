"""Errors that end a check with exit code 2 and one clear line instead of a traceback.

Every failure a user can cause (a bad path, an undecodable file, a broken checklist)
is raised as a ``RolcheckError``; the runner prints ``str(error)`` and moves on to the
next report, so nothing else in the code needs to know about exit codes.
"""

from __future__ import annotations


def suggestion(name: str, candidates: list[str] | tuple[str, ...] | dict) -> str:
    """"（是不是 'x'？）" for the closest candidate, or nothing when none is close: for "unknown name" errors."""
    import difflib  # imported here: only a mistyped name needs it

    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f"（是不是 '{close[0]}'？）" if close else ""


class RolcheckError(Exception):
    """A user-facing error: its message is the one line the user sees."""


class InputError(RolcheckError):
    """A report file that cannot be read as a report."""


class ChecklistError(RolcheckError):
    """A checklist that cannot be loaded, parsed or validated."""


class UsageError(RolcheckError):
    """Command-line arguments that do not fit together."""
