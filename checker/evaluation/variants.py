"""Variants: rewrite each labelled report the ways real reports differ, and see whether the verdicts hold.

A corpus written and labelled by the hands that tuned the matcher measures recall of our own
phrasing. Real reports title their sections otherwise, number them otherwise, merge problems
into the plan, arrive hard-wrapped from PDFs, in traditional script from mirror sites, or with
a web page's furniture above the title. Each *variant class* below applies one such change to
every labelled plain-text or Markdown report it fits, and the verdicts are compared with what
the label implies for the changed report:

- **Neutral variants** (the report says the same thing, written differently): every label
  carries over unchanged, and the title's year and issuer stay what the original gave.
- **Negative variants** (content taken away): only the element changed is judged —
  ``slogan`` (heading kept, one slogan sentence under it) and ``aside`` (the section replaced by
  a one-sentence aside) expect weak or missing; ``emptied`` (the section deleted) expects
  missing, or weak or missing when the remaining text still states a problem or plan in so
  many words (the checklist's own first evidence phrase group for that element).

A variant class that does not fit a report (no separate problems and plan sections to merge,
say) is skipped for it; so is an element whose label accepts both present and a gap.
The phrasings and furniture come from ``phrase-bank.yaml`` beside the labels file.
"""

from __future__ import annotations

import re
import tempfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checker.checklist.loading import yaml_loader
from checker.checklist.model import Checklist
from checker.common.chinese import CN_NUMERALS, fill_years, numbering_rank
from checker.common.errors import InputError
from checker.evaluation.labelled import Evaluation
from checker.evaluation.mutation import LINE_FORMATS, anchored_section
from checker.reading.readers import text as text_reader
from checker.reading.source import DEFAULT_MAX_BYTES
from checker.result import MISSING, PRESENT, WEAK, ReportResult
from checker.run.pipeline import analyse
from checker.structure.outline import ITEM_RANK, Outline, Section

PROBLEMS, CAUSES, PLAN, LEADERS = "problems", "problem_causes", "next_year_plan", "first_responsible_person"
YEAR_KEY, ISSUER_KEY = "metadata.year", "metadata.issuer"
GAP = (WEAK, MISSING)
SLOGAN = "我们将始终坚持以习近平法治思想为指导，切实扛起政治责任，确保各项工作落到实处。"
ASIDE = "对照上级要求和群众期盼，工作中还存在一些薄弱环节。"
_MARKDOWN = re.compile(r"^(\s*#{1,6}\s*)")
_LEAD = re.compile(r"^([\s\u3000]*)")
_SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")
WRAP_CHARS = 30
PAGE_LINES = 32


@dataclass(frozen=True)
class Variant:
    """One rewritten report and what the label implies for it: element id → accepted statuses."""

    report: str
    kind: str
    lines: list[str]
    expected: dict[str, tuple[str, ...]]
    note: str = ""


@dataclass(frozen=True)
class VariantOutcome:
    report: str
    kind: str
    element: str
    expected: tuple[str, ...]
    got: str
    reason: str
    note: str

    @property
    def agrees(self) -> bool:
        return self.got in self.expected


@dataclass
class VariantRun:
    """Every judged (variant, element) pair, grouped by variant class in ``CLASSES`` order."""

    outcomes: list[VariantOutcome] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)

    def per_class(self) -> dict[str, tuple[int, int]]:
        """Variant class → (agreeing, judged)."""
        table: dict[str, tuple[int, int]] = {}
        for kind in CLASSES:
            judged = [o for o in self.outcomes if o.kind == kind]
            if judged:
                table[kind] = (sum(o.agrees for o in judged), len(judged))
        return table

    def disagreements(self) -> list[VariantOutcome]:
        return [o for o in self.outcomes if not o.agrees]

    def to_dict(self) -> dict[str, Any]:
        return {
            "classes": {kind: {"agreed": a, "judged": n} for kind, (a, n) in self.per_class().items()},
            "skipped": self.skipped,
            "disagreements": [
                {"report": o.report, "class": o.kind, "element": o.element, "expected": list(o.expected), "got": o.got, "reason": o.reason, "note": o.note}
                for o in self.disagreements()
            ],
        }


# ---------------------------------------------------------------- the phrase bank


@dataclass(frozen=True)
class PhraseBank:
    headings: dict[str, list[str]]
    merged: list[str]
    furniture: dict[str, Any]


def load_bank(path: Path) -> PhraseBank:
    try:
        document = yaml.load(path.read_text("utf-8"), Loader=yaml_loader())
    except FileNotFoundError:
        raise InputError(f"{path}: 变体评估需要的措辞库不存在（应放在标注文件旁，见 docs/evaluation.md）") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: 无法读取措辞库（{exc}）") from None
    try:
        headings = {element: [entry["text"] for entry in entries] for element, entries in document["headings"].items()}
        merged = [entry["text"] for entry in document["merged_headings"]]
        furniture = dict(document["furniture"])
    except (KeyError, TypeError) as exc:
        raise InputError(f"{path}: 措辞库缺少 headings、merged_headings 或 furniture（{exc}）") from None
    return PhraseBank(headings, merged, furniture)


# ---------------------------------------------------------------- what a transform works on


@dataclass
class Report:
    """A labelled report as lines of its file, with the outline and verdicts of the original."""

    name: str
    suffix: str
    lines: list[str]
    outline: Outline
    result: ReportResult
    labels: dict[str, tuple[str, ...]]  # only the labels that are not close calls

    def section_of(self, element: str) -> Section | None:
        found = next((e for e in self.result.elements if e.element.id == element), None)
        return anchored_section(self.outline, found) if found is not None else None

    def headed(self, element: str) -> bool:
        """Whether the element's verdict rests on a section whose heading names it."""
        found = next((e for e in self.result.elements if e.element.id == element), None)
        return found is not None and any(evidence.kind == "heading" for evidence in found.evidence)

    def top_of(self, element: str) -> Section | None:
        """The top-level section that is this element's own part of the report (its heading names the element)."""
        section = self.section_of(element)
        return section if section is not None and section.parent is self.outline.root else None

    def span(self, section: Section) -> tuple[int, int]:
        """Index range [first, last) of the section's lines in ``lines``."""
        assert section.heading is not None
        return section.heading.line - 1, section.line_end or section.heading.line

    @property
    def year(self) -> int:
        return self.result.metadata.year or 2025


def _pick(options: list[str], report: str, salt: str) -> str:
    """A stable choice: the same report always gets the same phrasing."""
    return options[zlib.crc32(f"{report}:{salt}".encode()) % len(options)]


def _cn(number: int) -> str:
    if number <= 10:
        return "零一二三四五六七八九十"[number]
    tens, units = divmod(number, 10)
    return ("" if tens == 1 else CN_NUMERALS[tens - 1]) + "十" + (CN_NUMERALS[units - 1] if units else "")


def _split_marker(line: str) -> tuple[str, str, str]:
    """(Markdown/indent prefix, numbering marker, rest) of a heading line."""
    prefix = (_MARKDOWN.match(line) or _LEAD.match(line))
    lead = prefix.group(1) if prefix else ""
    rest = line[len(lead) :]
    folded = rest.replace("(", "（").replace(")", "）")
    numbered = numbering_rank(folded)
    if numbered is None:
        return lead, "", rest
    return lead, rest[: len(numbered[1])], rest[len(numbered[1]) :]


def _whole_line_heading(report: Report, section: Section) -> bool:
    heading = section.heading
    return heading is not None and heading.paragraph.text.rstrip("。：:") == heading.text and heading.line == heading.paragraph.lines[-1]


def _demote(line: str) -> str:
    """One numbering level down (一、→（一）, （一）→1., 1.→（1）), for a part moved under a new heading."""
    lead, marker, rest = _split_marker(line)
    if "#" in lead:  # a Markdown heading goes one level down; its numbering stays
        return lead.replace("#", "##", 1) + marker + rest
    if not marker:
        return line
    inner = marker.strip("（）()、．. ")
    if marker.endswith(("、", "．", ".")) and inner and inner[0] in CN_NUMERALS:
        return f"{lead}（{inner}）{rest}"
    if marker.startswith(("（", "(")) and inner and inner[0] in CN_NUMERALS:
        return f"{lead}{_arabic(inner)}.{rest}"
    if inner.isdigit() and not marker.startswith(("（", "(")):
        return f"{lead}（{inner}）{rest}"
    return line


def _arabic(numeral: str) -> int:
    if numeral == "十":
        return 10
    if "十" in numeral:
        tens, _, units = numeral.partition("十")
        return (CN_NUMERALS.index(tens) + 1 if tens else 1) * 10 + (CN_NUMERALS.index(units) + 1 if units else 0)
    return CN_NUMERALS.index(numeral) + 1


def _renumber_top(report: Report, lines: list[str], style: Callable[[int], str] | None) -> list[str] | None:
    """Rewrite the top-level markers (一、二、…) in document order; ``style`` None removes them."""
    tops = [s for s in report.outline.root.children if s.heading is not None and s.marker]
    if len(tops) < 3:
        return None
    out = list(lines)
    for index, section in enumerate(tops, 1):
        assert section.heading is not None
        at = section.heading.line - 1
        lead, marker, rest = _split_marker(out[at])
        if not marker:
            return None
        out[at] = lead + (style(index) if style else "") + rest
    return out


# ---------------------------------------------------------------- neutral variants


def paraphrase(report: Report, bank: PhraseBank) -> Variant | None:
    """Every required element's own heading retitled with a phrasing real reports use."""
    out = list(report.lines)
    changed = 0
    anchors: dict[int, list[str]] = {}
    for element in bank.headings:
        section = report.section_of(element)
        if section is not None:
            anchors.setdefault(id(section), []).append(element)
    for element, options in bank.headings.items():
        section = report.section_of(element)
        if section is None or section.heading is None or not _whole_line_heading(report, section):
            continue
        if len(anchors[id(section)]) > 1 or report.labels.get(element) != (PRESENT,):
            continue  # a heading that names two elements ("存在的问题及原因") keeps its wording
        at = section.heading.line - 1
        lead, marker, _ = _split_marker(out[at])
        out[at] = lead + marker + fill_years(_pick(options, report.name, element), report.year)
        changed += 1
    return Variant(report.name, "paraphrase", out, dict(report.labels)) if changed else None


def numbering_parts(report: Report, bank: PhraseBank) -> Variant | None:
    """Top-level parts numbered 第一部分、第二部分 … instead of 一、二、 …"""
    out = _renumber_top(report, report.lines, lambda n: f"第{_cn(n)}部分\u3000")
    return Variant(report.name, "numbering_parts", out, dict(report.labels)) if out else None


def numbering_removed(report: Report, bank: PhraseBank) -> Variant | None:
    """Top-level parts as unnumbered heading lines."""
    out = _renumber_top(report, report.lines, None)
    return Variant(report.name, "numbering_removed", out, dict(report.labels)) if out else None


def _merge(report: Report, bank: PhraseBank, headed: bool) -> Variant | None:
    problems, plan = report.top_of(PROBLEMS), report.top_of(PLAN)
    if problems is None or plan is None or problems is plan or report.top_of(CAUSES) not in (None, problems):
        return None
    if not (report.headed(PROBLEMS) and report.headed(PLAN)):
        return None  # only parts the report gives a heading of their own are merged
    if not headed and any(grandchild.rank < ITEM_RANK for child in problems.children for grandchild in child.children):
        return None  # "without sub-headings": a problems part with its own sub-headings is not flat
    (p_first, p_last), (n_first, n_last) = report.span(problems), report.span(plan)
    if p_last > n_first:
        return None
    lines = report.lines
    lead, marker, _ = _split_marker(lines[p_first])
    merged = [lead + marker + _pick(bank.merged, report.name, "merged")]
    p_body, n_body = lines[p_first + 1 : p_last], lines[n_first + 1 : n_last]
    if not p_body or not n_body or not _whole_line_heading(report, problems) or not _whole_line_heading(report, plan):
        return None
    if headed:
        problems_title = _split_marker(lines[p_first])[2]
        plan_title = _split_marker(lines[n_first])[2]
        sub = lead.replace("#", "##", 1) if "#" in lead else lead
        merged += [f"{sub}（一）{problems_title}", *map(_demote, p_body), f"{sub}（二）{plan_title}", *map(_demote, n_body)]
    else:
        merged += [*p_body, *n_body]
    out = lines[:p_first] + merged + lines[p_last:n_first] + lines[n_last:]
    kind = "merged_headed" if headed else "merged_plain"
    return Variant(report.name, kind, out, dict(report.labels))


def merged_plain(report: Report, bank: PhraseBank) -> Variant | None:
    """Problems and plan under one composite heading, problem items then plan items, no sub-headings."""
    return _merge(report, bank, headed=False)


def merged_headed(report: Report, bank: PhraseBank) -> Variant | None:
    """Problems and plan under one composite heading, each under a sub-heading of its own."""
    return _merge(report, bank, headed=True)


def causes_paragraph(report: Report, bank: PhraseBank, checklist: Checklist) -> Variant | None:
    """The causes taken out of the problem items and written as one paragraph after them."""
    if report.labels.get(CAUSES) != (PRESENT,):
        return None
    problems = report.top_of(PROBLEMS) or report.section_of(PROBLEMS)
    if problems is None or problems.heading is None:
        return None
    terms = [term for group in checklist.element(CAUSES).evidence for term in group.terms]
    first, last = report.span(problems)
    out, moved, after = list(report.lines[: first + 1]), list[str](), 0
    for line in report.lines[first + 1 : last]:
        kept: list[str] = []
        for sentence in _SENTENCE.findall(line):
            (moved if any(term in sentence for term in terms) else kept).append(sentence)
        if len(moved) and not after and not any(term in line for term in terms):
            after = len(out)  # the paragraph goes after the last problem item it was taken from
        if kept and "".join(kept).strip():
            out.append("".join(kept))
    if not moved:
        return None
    out.insert(after or len(out), "".join(sentence.strip() for sentence in moved))
    return Variant(report.name, "causes_paragraph", out + report.lines[last:], dict(report.labels))


def reordered(report: Report, bank: PhraseBank) -> Variant | None:
    """The top-level parts before the problems part in reverse order, every part renumbered in its new place."""
    problems = report.top_of(PROBLEMS)
    tops = [s for s in report.outline.root.children if s.heading is not None]
    if problems is None or problems not in tops:
        return None
    before = tops[: tops.index(problems)]
    if len(before) < 2:
        return None
    starts = [report.span(s)[0] for s in tops]
    first, end = starts[0], report.span(problems)[0]
    # Each part as (line, is its top-level heading), the moved ones reversed.
    blocks = [
        [(line, offset == 0) for offset, line in enumerate(report.lines[starts[i] : starts[i + 1]])]
        for i in range(len(before))
    ]
    rest = [(line, end + index in starts) for index, line in enumerate(report.lines[end:])]
    ordered = [(line, False) for line in report.lines[:first]] + [item for block in reversed(blocks) for item in block] + rest
    out, counter = [], 0
    for line, is_top in ordered:
        if is_top:
            counter += 1
            lead, marker, title = _split_marker(line)
            if marker:
                line = f"{lead}{_cn(counter)}、{title}"
        out.append(line)
    return Variant(report.name, "reordered", out, dict(report.labels))


def hard_wrapped(report: Report, bank: PhraseBank) -> Variant | None:
    """Lines cut every 30 characters as a PDF copy is, with page numbers between pages."""
    out: list[str] = []
    page = 1
    for line in report.lines:
        text = line.rstrip()
        chunks = [text[i : i + WRAP_CHARS] for i in range(0, len(text), WRAP_CHARS)] if len(text) > WRAP_CHARS else [text]
        for chunk in chunks:
            out.append(chunk)
            if len([x for x in out if x]) % PAGE_LINES == 0:
                out += ["", f"— {page} —", ""]
                page += 1
    return Variant(report.name, "hard_wrapped", out, dict(report.labels))


def traditional(report: Report, bank: PhraseBank) -> Variant | None:
    """The report as a mirror site serves it, converted to traditional script (OpenCC s2t)."""
    try:
        import opencc
    except ImportError:
        return None
    converter = opencc.OpenCC("s2t")
    expected = dict(report.labels) | _metadata_expectations(report)
    return Variant(report.name, "traditional", [converter.convert(line) for line in report.lines], expected)


def _metadata_expectations(report: Report) -> dict[str, tuple[str, ...]]:
    meta = report.result.metadata
    expected: dict[str, tuple[str, ...]] = {YEAR_KEY: (str(meta.year),)} if meta.year else {}
    if meta.issuer:
        expected[ISSUER_KEY] = (meta.issuer,)
    return expected


def _furniture(report: Report, bank: PhraseBank, shape: str) -> Variant | None:
    """Furniture above the title, and the signature dropped as web copies often drop it.

    The issuer is then expected from the title, or from the metadata block the shape adds; the
    year from the title, whatever dates the furniture shows.
    """
    meta = report.result.metadata
    if not meta.title or not meta.issuer or not meta.year:
        return None
    back = {line for paragraph in report.outline.back for line in paragraph.lines}
    kept = [line for number, line in enumerate(report.lines, 1) if number not in back]
    title_at = next((i for i, line in enumerate(kept) if len(line.strip()) > 4 and line.strip() in meta.title), None)
    if title_at is None:
        return None
    furniture = bank.furniture
    values = {"issuer": meta.issuer, "published": f"{meta.year + 1}-03-20", "title": meta.title}
    if shape == "furniture_breadcrumbs":
        above = list(furniture["breadcrumbs"]["lines"]) + list(furniture["masthead"]["lines"])
        title_lines = kept[title_at : title_at + 1]
    elif shape == "furniture_list":
        above = list(furniture["copyright"]["lines"]) + [line.format(**values) for line in furniture["metadata_list"]["lines"]]
        title_lines = [furniture["watermark"]["text"] + kept[title_at].strip()]
    else:
        above = list(furniture["masthead"]["lines"]) + [line.format(**values) for line in furniture["metadata_table"]["lines"]]
        title_lines = kept[title_at : title_at + 1]
    out = kept[:title_at] + above + title_lines + kept[title_at + 1 :]
    expected = dict(report.labels) | _metadata_expectations(report)
    if shape == "furniture_breadcrumbs" and meta.issuer not in meta.title:
        expected.pop(ISSUER_KEY, None)  # nothing left on the page names the issuer
    return Variant(report.name, shape, out, expected)


def furniture_breadcrumbs(report: Report, bank: PhraseBank) -> Variant | None:
    """Breadcrumbs, a "今天是" line and a masthead date of another year above the title."""
    return _furniture(report, bank, "furniture_breadcrumbs")


def furniture_list(report: Report, bank: PhraseBank) -> Variant | None:
    """A copyright line and a metadata block as a Markdown list, a watermark glued to the title."""
    return _furniture(report, bank, "furniture_list")


def furniture_table(report: Report, bank: PhraseBank) -> Variant | None:
    """A masthead date and a metadata block as a pipe table above the title."""
    return _furniture(report, bank, "furniture_table")


# ---------------------------------------------------------------- negative variants


def _still_states(report: Report, lines: list[str], element: str, checklist: Checklist) -> bool:
    """Whether the remaining text states the element in so many words (its first evidence group)."""
    terms = [fill_years(term, report.year) for term in checklist.element(element).evidence[0].terms]
    body = "\n".join(lines)
    return any(term in body for term in terms)


def slogan(report: Report, bank: PhraseBank, element: str) -> Variant | None:
    section = report.section_of(element)
    if report.labels.get(element) != (PRESENT,) or section is None or section.heading is None or not _whole_line_heading(report, section):
        return None
    first, last = report.span(section)
    out = report.lines[: first + 1] + [SLOGAN] + report.lines[last:]
    return Variant(report.name, "slogan", out, {element: GAP}, note=element)


def aside(report: Report, bank: PhraseBank) -> Variant | None:
    """The problems part deleted and one generic sentence added at the end of the part before it."""
    section = report.top_of(PROBLEMS)
    if report.labels.get(PROBLEMS) != (PRESENT,) or section is None or not report.headed(PROBLEMS):
        return None
    first, last = report.span(section)
    before = first - 1
    while before >= 0 and not report.lines[before].strip():
        before -= 1
    if before < 0:
        return None
    out = list(report.lines)
    out[before] = out[before].rstrip() + ASIDE
    out = out[:first] + out[last:]
    return Variant(report.name, "aside", out, {PROBLEMS: GAP}, note=PROBLEMS)


def emptied(report: Report, bank: PhraseBank, checklist: Checklist, element: str) -> Variant | None:
    """The element's own part deleted, heading and all."""
    section = report.top_of(element)
    if report.labels.get(element) != (PRESENT,) or section is None or not report.headed(element):
        return None
    first, last = report.span(section)
    out = report.lines[:first] + report.lines[last:]
    expected = GAP[::-1] if _still_states(report, out, element, checklist) else (MISSING,)
    return Variant(report.name, "emptied", out, {element: expected}, note=element)


def _variants(report: Report, bank: PhraseBank, checklist: Checklist) -> Iterator[Variant | None]:
    for transform in (paraphrase, numbering_parts, numbering_removed, merged_plain, merged_headed):
        yield transform(report, bank)
    yield causes_paragraph(report, bank, checklist)
    for transform in (reordered, hard_wrapped, traditional, furniture_breadcrumbs, furniture_list, furniture_table):
        yield transform(report, bank)
    for element in (LEADERS, PROBLEMS, PLAN):
        yield slogan(report, bank, element)
    yield aside(report, bank)
    for element in (PROBLEMS, PLAN):
        yield emptied(report, bank, checklist, element)


CLASS_NAMES = {
    "paraphrase": "标题换成真实报告的措辞",
    "numbering_parts": "一级编号改为“第X部分”",
    "numbering_removed": "去掉一级编号",
    "merged_plain": "问题与打算合为一节（无小标题）",
    "merged_headed": "问题与打算合为一节（有小标题）",
    "causes_paragraph": "原因另起一段",
    "reordered": "各部分调换顺序",
    "hard_wrapped": "硬换行并夹页码",
    "traditional": "繁体字",
    "furniture_breadcrumbs": "标题前有导航和日期栏",
    "furniture_list": "标题前有列表式元数据和水印",
    "furniture_table": "标题前有表格式元数据",
    "slogan": "反例：标题下只剩一句口号",
    "aside": "反例：问题部分换成一句带过",
    "emptied": "反例：整节删除",
}
CLASSES = (
    "paraphrase", "numbering_parts", "numbering_removed", "merged_plain", "merged_headed", "causes_paragraph",
    "reordered", "hard_wrapped", "traditional", "furniture_breadcrumbs", "furniture_list", "furniture_table",
    "slogan", "aside", "emptied",
)


def _judge(variant: Variant, result: ReportResult) -> Iterator[VariantOutcome]:
    statuses = {element.element.id: element for element in result.elements}
    for key, expected in variant.expected.items():
        if key == YEAR_KEY:
            got, reason = str(result.metadata.year), f"识别的年度：{result.metadata.year}"
        elif key == ISSUER_KEY:
            got, reason = str(result.metadata.issuer), f"识别的发文机关：{result.metadata.issuer}"
        else:
            got, reason = statuses[key].status, statuses[key].reason
        yield VariantOutcome(variant.report, variant.kind, key, expected, got, reason, variant.note)


def run(evaluation: Evaluation, bank: PhraseBank, max_bytes: int = DEFAULT_MAX_BYTES) -> VariantRun:
    """Build every variant of every labelled text or Markdown report, check it, and judge it."""
    checklist = evaluation.checklist
    labels: dict[str, dict[str, tuple[str, ...]]] = {}
    for outcome in evaluation.outcomes:
        # Close calls are left out, and so is what rolcheck already gets wrong on the original:
        # the variants measure whether a right verdict holds.
        if outcome.label.expects_gap is not None and outcome.agrees:
            labels.setdefault(outcome.label.report, {})[outcome.label.element] = outcome.label.accepted
    run = VariantRun()
    with tempfile.TemporaryDirectory(prefix="rolcheck-variants-") as folder:
        for name, result in evaluation.results.items():
            path = Path(result.path)
            if result.format not in LINE_FORMATS:
                run.skipped[name] = 1
                continue
            original, context = analyse(path, checklist, max_bytes)
            raw = [line.text for line in text_reader.lines(text_reader.decode(path.read_bytes(), path))]
            report = Report(name, path.suffix, raw, context.outline, original, labels.get(name, {}))
            for variant in _variants(report, bank, checklist):
                if variant is None or not variant.expected:
                    continue
                target = Path(folder) / f"variant{path.suffix}"
                target.write_text("\n".join(variant.lines) + "\n", "utf-8")
                checked, _ = analyse(target, checklist, max_bytes)
                run.outcomes.extend(_judge(variant, checked))
    return run
