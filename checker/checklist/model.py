"""Checklists: the model the engine reads, built from a resolved and validated checklist file.

A checklist is data. The engine reads thresholds, phrases and scopes from it and knows no
element by name, so a province or a department can change what is required without
touching code. Finding, parsing and validating a file is ``checker.checklist.loading``'s job,
following ``extends`` is ``checker.checklist.inheritance``'s; this module checks what a schema cannot
(regular expressions, dates, ``within`` references) and builds frozen objects. Every problem
becomes one ``ChecklistError`` line naming the file, the place inside it and what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from checker.checklist import precompiled
from checker.common import patterns
from checker.checklist.inheritance import Layer, Resolved, resolve, resolve_text
from checker.checklist.loading import (
    bundled_ids as bundled_ids,  # re-exported: callers list checklists here
)
from checker.checklist.loading import validate
from checker.common.chinese import shorten
from checker.common.errors import ChecklistError

DEFAULT_CHECKLIST = "national"
SCOPES = ("reported_year", "next_year", "any")

# The parts of a checklist are immutable records read by attribute, never changed or copied with
# ``dataclasses.replace``: NamedTuples, whose classes cost a tenth of a frozen dataclass's to create
# (every rolcheck start creates them; benchmarks/bench_startup.py measures both). ``Check`` (a mutable
# ``params`` default) and ``Checklist`` (which callers copy with ``dataclasses.replace``) stay dataclasses.


class Source(NamedTuple):
    """A legal or policy document the checklist cites."""

    id: str
    title: str
    issuer: str = ""
    number: str = ""
    date: str = ""
    note: str = ""


class Subject(NamedTuple):
    """What the reports of a checklist are (``name``) and words every one of them uses somewhere."""

    name: str
    words: tuple[str, ...]


SHORT_CHARS = 8  # a dashboard column header
BASIS_QUOTE_CHARS = 24  # enough of a clause's words to recognise it


class Basis(NamedTuple):
    """Where a requirement comes from: a source and an article, confirmed against the text or not."""

    source: str
    article: str
    quote: str = ""
    confirmed: bool = True

    @property
    def label(self) -> str:
        """"督察规定 第二十四条", marked when the article number is not yet checked against the text."""
        return f"{self.source} {self.article}" + ("" if self.confirmed else "（条号待核）")

    @property
    def named(self) -> str:
        """The clause as a reader should see it: source, article and what the clause says
        ("督察规定 年度报告内容第（三）项“上一年度党政主要负责人履行…”"). Unconfirmed article
        numbers are not marked here: reports say so once, in their notes (``confirmed``)."""
        return f"{self.source} {self.article}" + (f"“{shorten(self.quote, BASIS_QUOTE_CHARS)}”" if self.quote else "")


class EvidenceGroup(NamedTuple):
    """A phrase and its synonyms; any of them counts as the same kind of evidence."""

    phrase: str
    synonyms: tuple[str, ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        return (self.phrase, *self.synonyms)


class Thresholds(NamedTuple):
    """How much makes an element present rather than weak (see docs/how-it-decides.md)."""

    items: int = 0
    section_evidence: int = 0
    sentences: int = 1
    groups: int = 1
    figures: int = 0
    in_one_part: bool = True


class Element(NamedTuple):
    """One required or recommended part of a report, with everything needed to recognise it."""

    id: str
    title: str
    severity: str
    description: str
    why: str
    basis: tuple[Basis, ...]
    scope: str
    headings: tuple[str, ...]
    evidence: tuple[EvidenceGroup, ...]
    patterns: tuple[str, ...]
    within: tuple[str, ...]
    present: Thresholds
    outline: tuple[str, ...]
    short: str = ""  # the checklist's short name, for narrow places

    @property
    def required(self) -> bool:
        return self.severity == "required"

    @property
    def short_name(self) -> str:
        """The checklist's ``short`` name, else the title's start (before any parenthesis), at most ``SHORT_CHARS``."""
        if self.short:
            return self.short
        head = self.title.split("（")[0]
        return head if len(head) <= SHORT_CHARS else head[: SHORT_CHARS - 1] + "…"


class TimeScope(NamedTuple):
    """Phrases and cues that tell next year's plan from the reported year's work."""

    next_year_headings: tuple[str, ...] = ()
    next_year_cues: tuple[str, ...] = ()
    reported_year_cues: tuple[str, ...] = ()


class YearRange(NamedTuple):
    """The reporting years a checklist applies to (``applies_to``); open at an end left out."""

    first: int | None = None
    last: int | None = None
    note: str = ""

    def covers(self, year: int) -> bool:
        return (self.first is None or year >= self.first) and (self.last is None or year <= self.last)

    @property
    def label(self) -> str:
        if self.first is None and self.last is None:
            return "不限"
        if self.first == self.last:
            return f"{self.first}年度"
        if self.last is None:
            return f"{self.first}年度起"
        if self.first is None:
            return f"{self.last}年度及以前"
        return f"{self.first}—{self.last}年度"


class Deadline(NamedTuple):
    """A date in the year after the reported year by which something must be done."""

    date: str  # MM-DD
    inclusive: bool = True
    confirmed: bool = True
    note: str = ""
    basis: tuple[Basis, ...] = ()

    @property
    def label(self) -> str:
        """"不晚于3月1日" or "4月1日之前", as the source words it."""
        month, day = (int(part) for part in self.date.split("-"))
        return f"不晚于{month}月{day}日" if self.inclusive else f"{month}月{day}日之前"


class Deadlines(NamedTuple):
    """Submission to the recipients (``report``) and publication (``publish``); None where no source sets one."""

    report: Deadline | None = None
    publish: Deadline | None = None


class Recipient(NamedTuple):
    """Whom the report goes to; ``salutations`` are regexes for the salutation line addressed to them."""

    name: str
    copy: bool = False
    salutations: tuple[str, ...] = ()
    confirmed: bool = True
    note: str = ""
    basis: tuple[Basis, ...] = ()


class TitleRule(NamedTuple):
    """The form the report's title must take; ``{year}`` in the pattern is the reported year."""

    pattern: str
    examples: tuple[str, ...] = ()
    confirmed: bool = True
    note: str = ""
    basis: tuple[Basis, ...] = ()


class FormRules(NamedTuple):
    """Length, 文号 and 落款 rules: no source prescribes them, so they are off unless a checklist turns them on."""

    max_chars: int = 0
    document_number: bool = False
    signature: bool = False


class Reporting(NamedTuple):
    """Who reports, to whom, by when, under which title: declared here, checked by the metadata checks."""

    body: str = ""
    body_label: str = ""
    title: TitleRule | None = None
    recipients: tuple[Recipient, ...] = ()
    deadlines: Deadlines = Deadlines()
    form: FormRules = FormRules()


CHECK_SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Check:
    """A check beyond presence (``checks:`` in the YAML): a rule type, its severity and params.

    ``params`` are as written; the rule's defaults fill in the rest when it runs.
    """

    id: str
    type: str
    severity: str
    params: dict[str, Any] = field(default_factory=dict)
    enabled: bool = True
    note: str = ""


@dataclass(frozen=True)
class Checklist:
    """A validated checklist; ``elements`` are ordered so that ``within`` references come first."""

    id: str
    title: str
    version: str
    description: str
    sources: tuple[Source, ...]
    figures: str
    time_scope: TimeScope
    elements: tuple[Element, ...]
    path: str
    layers: tuple[Layer, ...] = ()  # the files it was merged from, base first
    reporting: Reporting = field(default_factory=Reporting)
    applies_to: YearRange = field(default_factory=YearRange)
    checks: tuple[Check, ...] = ()
    subject: Subject | None = None  # what a checked file must be about; None: never refused for its subject
    chosen_for: tuple[str, ...] = ()  # issuer kinds rolcheck picks this checklist for by itself (``chosen_for.issuers``)

    def element(self, element_id: str) -> Element:
        return next(element for element in self.elements if element.id == element_id)

    def year_warning(self, year: int) -> str | None:
        """A warning when a report's year lies outside the years this checklist applies to."""
        if self.applies_to.covers(year):
            return None
        return f"报告年度 {year} 不在清单 {self.id} 的适用年度（{self.applies_to.label}）内，要素要求可能已变化"


def _check_regex(pattern: str, origin: str, where: str) -> None:
    if (why := patterns.problem(pattern)) is not None:
        raise ChecklistError(f"{origin}: {where}: {why}: {pattern!r}")


def _trusted(pattern: str, origin: str, where: str) -> None:
    """No probes: for the precompiled form of unchanged bundled files, whose regexes the suite checks."""


RegexCheck = Callable[[str, str, str], None]


def _order_by_within(elements: list[Element], origin: str) -> tuple[Element, ...]:
    """Put each element after the elements its ``within`` names, refusing unknown ids and cycles."""
    by_id: dict[str, Element] = {}
    for element in elements:
        if element.id in by_id:
            raise ChecklistError(f"{origin}: elements: 要素 id '{element.id}' 重复")
        by_id[element.id] = element
    ordered: list[Element] = []
    state: dict[str, str] = {}

    def visit(element: Element, chain: tuple[str, ...]) -> None:
        if state.get(element.id) == "done":
            return
        if state.get(element.id) == "visiting":
            raise ChecklistError(f"{origin}: match.within 形成循环: {' → '.join((*chain, element.id))}")
        state[element.id] = "visiting"
        for other in element.within:
            if other not in by_id:
                raise ChecklistError(f"{origin}: {element.id}.match.within: 没有 id 为 '{other}' 的要素")
            visit(by_id[other], (*chain, element.id))
        state[element.id] = "done"
        ordered.append(element)

    for element in elements:
        visit(element, ())
    return tuple(ordered)


def _bases(raw: list[dict[str, Any]]) -> tuple[Basis, ...]:
    return tuple(Basis(**basis) for basis in raw)


def _deadline(raw: dict[str, Any] | None, origin: str, where: str) -> Deadline | None:
    if raw is None:
        return None
    month, day = (int(part) for part in raw["date"].split("-"))
    try:
        date(2000, month, day)  # a leap year, so 02-29 is accepted
    except ValueError:
        raise ChecklistError(f"{origin}: {where}.date: '{raw['date']}' 不是有效日期") from None
    return Deadline(**{**raw, "basis": _bases(raw.get("basis", []))})


def _reporting(raw: dict[str, Any], origin: str, check_regex: RegexCheck) -> Reporting:
    title = None
    if "title" in raw:
        check_regex(raw["title"]["pattern"], origin, "reporting.title.pattern")
        spec = raw["title"]
        title = TitleRule(**{**spec, "examples": tuple(spec.get("examples", [])), "basis": _bases(spec.get("basis", []))})
    recipients = []
    for index, spec in enumerate(raw.get("recipients", [])):
        for number, pattern in enumerate(spec.get("salutations", [])):
            check_regex(pattern, origin, f"reporting.recipients[{index}].salutations[{number}]")
        recipients.append(
            Recipient(**{**spec, "salutations": tuple(spec.get("salutations", [])), "basis": _bases(spec.get("basis", []))})
        )
    deadlines = raw.get("deadlines", {})
    return Reporting(
        body=raw.get("body", ""),
        body_label=raw.get("body_label", ""),
        title=title,
        recipients=tuple(recipients),
        deadlines=Deadlines(
            report=_deadline(deadlines.get("report"), origin, "reporting.deadlines.report"),
            publish=_deadline(deadlines.get("publish"), origin, "reporting.deadlines.publish"),
        ),
        form=FormRules(**raw.get("form", {})),
    )


def _applies_to(raw: dict[str, Any], origin: str) -> YearRange:
    years = YearRange(raw.get("from"), raw.get("to"), raw.get("note", ""))
    if years.first is not None and years.last is not None and years.first > years.last:
        raise ChecklistError(f"{origin}: applies_to: 起始年度 {years.first} 晚于截止年度 {years.last}")
    return years


def _checks(raw: list[dict[str, Any]], origin: str) -> tuple[Check, ...]:
    """The declared checks as written; their types and params are validated by the rules stage
    (``checker.rules.registry.validate_checks``), which knows the check types."""
    checks: list[Check] = []
    for spec in raw:
        if spec["id"] in {check.id for check in checks}:
            raise ChecklistError(f"{origin}: checks: 检查 id '{spec['id']}' 重复")
        checks.append(Check(spec["id"], spec["type"], spec["severity"], dict(spec.get("params", {})), spec.get("enabled", True), spec.get("note", "")))
    return tuple(checks)


def _element(raw: dict[str, Any], index: int, origin: str, check_regex: RegexCheck) -> Element:
    match = raw["match"]
    for number, pattern in enumerate(match.get("patterns", [])):
        check_regex(pattern, origin, f"elements[{index}].match.patterns[{number}]")
    return Element(
        id=raw["id"],
        title=raw["title"],
        severity=raw["severity"],
        description=raw["description"],
        why=raw.get("why", ""),
        basis=_bases(raw["basis"]),
        scope=raw["scope"],
        headings=tuple(match.get("headings", [])),
        evidence=tuple(EvidenceGroup(group["phrase"], tuple(group.get("synonyms", []))) for group in match.get("evidence", [])),
        patterns=tuple(match.get("patterns", [])),
        within=tuple(match.get("within", [])),
        present=Thresholds(**raw["present"]),
        outline=tuple(raw.get("outline", [])),
        short=raw.get("short", ""),
    )


def build(resolved: Resolved, check_patterns: bool = True) -> Checklist:
    """The model of a resolved checklist; a merged one is validated again as a complete checklist.

    ``check_patterns=False`` skips the regex probes (``patterns.problem``, most of a load's cost):
    only for the precompiled form of unchanged bundled files, whose regexes the suite validates
    through their YAML (tests/test_speed_paths.py).
    """
    document, origin = resolved.document, resolved.origin
    check_regex = _check_regex if check_patterns else _trusted
    if len(resolved.layers) > 1 and not resolved.bundled:
        validate(document, origin, by_id=True)
    check_regex(document.get("figures", DEFAULT_FIGURES), origin, "figures")
    time_scope = document.get("time_scope", {})
    for key in ("next_year_cues", "reported_year_cues"):
        for index, cue in enumerate(time_scope.get(key, [])):
            check_regex(cue, origin, f"time_scope.{key}[{index}]")
    elements = [_element(raw, index, origin, check_regex) for index, raw in enumerate(document["elements"])]
    return Checklist(
        id=document["id"],
        title=document["title"],
        version=document["version"],
        description=document.get("description", "").strip(),
        sources=tuple(Source(**source) for source in document["sources"]),
        figures=document.get("figures", DEFAULT_FIGURES),
        time_scope=TimeScope(**{key: tuple(value) for key, value in time_scope.items()}),
        elements=_order_by_within(elements, origin),
        path=origin,
        layers=resolved.layers,
        reporting=_reporting(document.get("reporting", {}), origin, check_regex),
        applies_to=_applies_to(document.get("applies_to", {}), origin),
        checks=_checks(document.get("checks", []), origin),
        subject=Subject(document["subject"]["name"], tuple(document["subject"]["words"])) if "subject" in document else None,
        chosen_for=tuple(document.get("chosen_for", {}).get("issuers", ())),
    )


# Used when a checklist declares no figures pattern: a number followed by a counting unit.
DEFAULT_FIGURES = r"\d+(?:\.\d+)?(?:万|亿)?(?:%|件|次|项|人次|个|名|户|卷|场|条|家|人)"


def parse(text: str, origin: str) -> Checklist:
    """Parse and validate checklist YAML text; ``origin`` names it in messages and anchors a relative ``extends``."""
    return build(resolve_text(text, origin))


def load(name_or_path: str) -> Checklist:
    """Load a bundled checklist by id (``national``) or any checklist file by path, following ``extends``.

    A bundled id is read from its precompiled form when that is current (no YAML parsed, no merging,
    no regex probes: the suite validates those files through their YAML).
    """
    compiled = precompiled.lookup(name_or_path)
    return build(compiled, check_patterns=False) if compiled is not None else build(resolve(name_or_path))
