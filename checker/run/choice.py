"""Which checklist a report is checked against, and why: the user's choice, a folder's pin, or the report itself.

Drafting teams and reviewers do not know checklist ids, so without ``--checklist`` rolcheck reads
the issuer's kind (a government, a department, a township, a joint 党委和政府 report) and the
report's year, and takes the bundled checklist whose ``chosen_for.issuers`` names that kind and
whose ``applies_to`` covers that year. The checklists say what they are for; nothing here names
one. A year after every bundled checklist's period gets the newest one with a note that the next
纲要 period's checklist is not bundled yet. Every choice carries its reason, which every output shows.

Precedence: ``--checklist`` always wins; then a settings pin for the report's folder glob
(``[checklists]`` in rolcheck.toml); then the settings' ``checklist``; then the automatic choice.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from checker.checklist.model import Checklist, YearRange, bundled_ids
from checker.common import re_cache
from checker.common.chinese import ISSUER_KIND_LABELS, issuer_kind
from checker.common.errors import UsageError
from checker.run import checklists
from checker.structure.metadata import Metadata

FALLBACK_KIND = "government"


class Choice(NamedTuple):  # a NamedTuple: cheap to create at start-up (see checker/checklist/model.py)
    """The checklist a report is checked against and why, in one Chinese sentence."""

    checklist: Checklist
    reason: str


@dataclass(frozen=True)
class Selection:
    """How a run picks each report's checklist (picklable, so worker processes get it once).

    ``fixed`` is a checklist the user named (with ``fixed_reason``); ``pins`` are (folder glob,
    checklist) pairs from the settings, tried in order; with neither, the report chooses.
    """

    fixed: Checklist | None = None
    fixed_reason: str = ""
    pins: tuple[tuple[str, Checklist], ...] = ()
    default: Checklist | None = None  # the settings' ``checklist``, when pins do not match
    default_reason: str = ""

    def choose(self, path: Path, metadata: Metadata, year: int) -> Choice:
        """The checklist for the report at ``path`` with this metadata and (possibly assumed) year."""
        if self.fixed is not None:
            return Choice(self.fixed, self.fixed_reason)
        posix = path.as_posix()
        for pattern, checklist in self.pins:
            if fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(_relative(path), pattern):
                return Choice(checklist, f"按设置 checklists 中的“{pattern}”选用 {checklist.id}")
        if self.default is not None:
            return Choice(self.default, self.default_reason)
        return automatic(metadata, year)


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def fixed(checklist: Checklist, how: str = "按 --checklist 指定") -> Selection:
    """A selection that always gives ``checklist``; ``how`` says who named it."""
    return Selection(fixed=checklist, fixed_reason=f"{how}使用 {checklist.id}")


def from_settings(checklist: str | None, pins: dict[str, str]) -> Selection:
    """The selection for a run without ``--checklist``: the settings' pins and checklist, else automatic."""
    loaded = []
    for pattern, name in pins.items():
        if not isinstance(name, str):
            raise UsageError(f"设置 checklists 中“{pattern}”的值应为清单 id 或路径，而不是 {name!r}")
        loaded.append((pattern, checklists.load(name)))
    default = checklists.load(checklist) if checklist else None
    return Selection(pins=tuple(loaded), default=default, default_reason=f"按项目设置 checklist 使用 {checklist}" if checklist else "")


# What a title holds before its subject: the issuer ("青溪县市场监督管理局关于…", "青溪县2025年度…").
_BEFORE_SUBJECT = re_cache.compile(r"关于|(?:19|20)\d{2}\s*年")


# A top-level block of a checklist file (``chosen_for``, ``applies_to``), read without parsing and resolving
# the whole checklist: a run loads only the checklist it is going to use (loading one costs 25–50 ms).
def _block(key: str) -> re.Pattern[str]:
    return re_cache.compile(rf"^{key}:[^\n]*\n(?:[ #][^\n]*\n)*", re.M)


_CHOSEN_FOR, _APPLIES_TO = _block("chosen_for"), _block("applies_to")


class _Declared(NamedTuple):
    issuers: tuple[str, ...]
    years: YearRange | None  # None when the file inherits its years: only loading it tells


@cache
def _declared() -> dict[str, _Declared]:
    """Bundled checklist id → the issuer kinds its file declares in ``chosen_for``, and its ``applies_to``.

    Read from the precompiled checklists when they are current (no PyYAML on a single check), else
    from the YAML text of each bundled file.
    """
    from checker.checklist import precompiled

    declared = {}
    for name in bundled_ids():
        resolved = precompiled.lookup(name)
        if resolved is not None:
            document = resolved.document
            issuers = document.get("chosen_for", {}).get("issuers", [])
            if issuers:
                spec = document.get("applies_to")
                declared[name] = _Declared(tuple(issuers), YearRange(spec.get("from"), spec.get("to")) if spec else None)
            continue
        import yaml

        from checker.checklist.loading import locate, yaml_loader

        text = locate(name).text
        block = _CHOSEN_FOR.search(text)
        if not block:
            continue
        issuers = (yaml.load(block.group(0), Loader=yaml_loader()) or {}).get("chosen_for", {}).get("issuers", [])
        years = _APPLIES_TO.search(text)
        spec = (yaml.load(years.group(0), Loader=yaml_loader()) or {}).get("applies_to", {}) if years else None
        declared[name] = _Declared(tuple(issuers), YearRange(spec.get("from"), spec.get("to")) if spec is not None else None)
    return declared


@cache
def _load(name: str) -> Checklist:
    return checklists.load(name)


def candidates(kind: str | None = None, year: int | None = None) -> tuple[Checklist, ...]:
    """The bundled checklists that say whom they are for (``chosen_for``), or only those for ``kind``
    (and, with ``year``, only those whose file does not rule that year out); each loaded once per process."""
    chosen = tuple(
        _load(name)
        for name, declared in _declared().items()
        if (kind is None or kind in declared.issuers) and (year is None or declared.years is None or declared.years.covers(year))
    )
    return tuple(checklist for checklist in chosen if checklist.chosen_for)


def issuer_of(metadata: Metadata) -> tuple[str | None, str]:
    """The issuer's kind and the name it was read from: the title's prefix and the issuer line,
    a joint name in either winning (a joint report often signs with the government's name last)."""
    names = []
    if metadata.title:
        prefix = _BEFORE_SUBJECT.split(metadata.title, maxsplit=1)[0].strip()
        if prefix:
            names.append(prefix)
    if metadata.issuer:
        names.append(metadata.issuer)
    names.extend(metadata.issuer_lines)
    if len(metadata.issuer_lines) > 1:  # "中共青溪县委" over "青溪县人民政府": one joint name
        names.append("、".join(dict.fromkeys(metadata.issuer_lines)))
    kinds = [(issuer_kind(name), name) for name in names]
    joint = next(((kind, name) for kind, name in kinds if kind == "joint"), None)
    found = joint or next(((kind, name) for kind, name in kinds if kind), None)
    return found if found else (None, "")


def automatic(metadata: Metadata, year: int) -> Choice:
    """The bundled checklist for this issuer's kind and this year, and the reason in Chinese."""
    kind, name = issuer_of(metadata)
    basis = f"发文机关“{name}”（{ISSUER_KIND_LABELS[kind]}）" if kind else f"未能识别发文机关类型，按{ISSUER_KIND_LABELS[FALLBACK_KIND]}"
    if not kind or not any(kind in declared.issuers for declared in _declared().values()):
        kind = FALLBACK_KIND  # unknown, or a kind no bundled checklist declares: the government's
    covering = [checklist for checklist in candidates(kind, year) if checklist.applies_to.covers(year)]
    fitting = list(candidates(kind)) if not covering else covering
    if covering:
        chosen = covering[0]
        return Choice(chosen, f"按{basis}和报告年度 {year} 选用 {chosen.id}（适用{chosen.applies_to.label}）")
    newest = max(fitting, key=lambda checklist: checklist.applies_to.last or 9999)
    if newest.applies_to.last is not None and year > newest.applies_to.last:
        return Choice(
            newest,
            f"按{basis}选用最新的 {newest.id}（适用{newest.applies_to.label}）：报告年度 {year} 已进入下一期法治政府建设实施纲要，"
            "该期的清单尚未内置，新增的任务领域不会被检查",
        )
    earliest = min(fitting, key=lambda checklist: checklist.applies_to.first or 0)
    return Choice(earliest, f"按{basis}选用 {earliest.id}（适用{earliest.applies_to.label}）：报告年度 {year} 早于所有内置清单的适用年度")
