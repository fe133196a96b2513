"""Errors that end a check with exit code 2 and one clear line instead of a traceback.

Every failure a user can cause (a bad path, an undecodable file, a broken checklist)
is raised as a ``RolcheckError``; the runner prints ``str(error)`` and moves on to the
next report, so nothing else in the code needs to know about exit codes.
"""


class RolcheckError(Exception):
    """A user-facing error: its message is the one line the user sees."""


class InputError(RolcheckError):
    """A report file that cannot be read as a report."""


class ChecklistError(RolcheckError):
    """A checklist that cannot be loaded, parsed or validated."""


class UsageError(RolcheckError):
    """Command-line arguments that do not fit together."""
