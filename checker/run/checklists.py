"""Loading a checklist for a run: the checklist stage reads and models the file, the rules stage
validates its ``checks`` against the check types it knows.

The two stages stay apart (the checklist stage knows no check type, so the rule modules can import
the checklist model without a cycle); this module is the one place that joins them, and every
command, tool and test that needs a usable checklist loads it here.
"""

from __future__ import annotations

from checker.checklist import model, precompiled
from checker.checklist.inheritance import Resolved
from checker.checklist.model import Checklist
from checker.rules.registry import validate_checks


def load(name_or_path: str) -> Checklist:
    """A bundled checklist by id (``national``) or any checklist file by path, following ``extends``.

    The precompiled form of a bundled id is trusted: its regexes are not probed again on every run.
    """
    compiled = precompiled.lookup(name_or_path)
    if compiled is not None:
        return validate_checks(model.build(compiled, check_patterns=False), check_patterns=False)
    return validate_checks(model.load(name_or_path))


def parse(text: str, origin: str) -> Checklist:
    """Checklist YAML text; ``origin`` names it in messages and anchors a relative ``extends``."""
    return validate_checks(model.parse(text, origin))


def build(resolved: Resolved) -> Checklist:
    """The model of a resolved checklist, its checks validated."""
    return validate_checks(model.build(resolved))
