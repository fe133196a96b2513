"""Time scope: tell the reported year's work from next year's plans.

"A mention inside next year's plan is not evidence that the duty was done this year": a
pledge to "落实第一责任人职责" in the plan proves nothing about the reported year. The
cues come from the checklist (``time_scope``), with ``{year}``/``{next_year}`` filled in:

- a section whose heading names next year (下一步, 工作计划, 2024年…) is next-year, and so
  are its sub-sections;
- inside a paragraph, a sentence with a next-year cue (下一步, 2024年…) switches the rest of
  the paragraph to next year;
- a sentence that opens with the reported year ("2023年，…但仍存在…") is about the reported
  year even inside a plan section — that is where reports hide their problems;
- a *composite* heading that joins a next-year part to another ("存在的问题及下一步工作打算") is
  ``mixed``: it is matched by elements of either year, its own paragraphs start in the reported
  year and switch at a next-year cue, and its sub-sections are the reported year's until the
  first one that names next year, carries a next-year cue in its first sentence, or restarts
  the numbering (the problems' list ends, the plan's begins); from there on they are next
  year's. With no such boundary the title's order decides: all the reported year's when the
  title names that part first (its next-year sentences still switch at their cues), else all
  next year's, as under a plan heading.
"""

from __future__ import annotations


from checker.common import patterns as bounded
from checker.checklist.model import TimeScope
from checker.common import re_cache
from checker.common.chinese import fill_years
from checker.structure.outline import Outline, Section

REPORTED = "reported_year"
NEXT = "next_year"
MIXED = "mixed"  # a composite heading: problems and plan under one title (see above)
# "（2021—2025年）" names a period, not next year: removed from titles before looking for next-year phrases.
_YEAR_RANGE = re_cache.compile(r"\d{4}年?\s*[—\-－~～至到]\s*\d{4}年?")
# "存在的问题及下一步工作打算" joins two parts; only one of them is about next year.
_JOINERS = re_cache.compile("以及|及|和|与|暨")


def assign(outline: Outline, year: int, config: TimeScope) -> None:
    """Set ``scope`` on every section and sentence of ``outline``."""
    headings = [fill_years(phrase, year) for phrase in config.next_year_headings]
    has_next_cue = bounded.any_of([fill_years(cue, year) for cue in config.next_year_cues])
    has_reported_cue = bounded.any_of([fill_years(cue, year) for cue in config.reported_year_cues])

    def names_next_year(section: Section) -> bool:
        title = _YEAR_RANGE.sub("", section.marker + section.title)
        return any(phrase in title for phrase in headings)

    def composite(section: Section) -> bool:
        """A heading that joins a next-year part to a part that is not about next year."""
        parts = _JOINERS.split(_YEAR_RANGE.sub("", section.title))
        return len(parts) > 1 and not all(any(phrase in part for phrase in headings) for part in parts)

    def opens_next_year(section: Section) -> bool:
        first = section.heading.text if section.heading is not None else ""
        body = next(iter(section.sentences), None)
        text = first + (body.text if body is not None else "")
        return names_next_year(section) or has_next_cue(text)

    def mixed_children(section: Section) -> None:
        """Sub-sections of a mixed section: the reported year's up to the boundary, next year's from it."""
        children = section.children
        # Without a boundary, the title's order decides: "存在的问题及下一步工作打算" lists the
        # reported year's part first, and next-year cues still switch sentence by sentence.
        reported_first = not any(phrase in _JOINERS.split(_YEAR_RANGE.sub("", section.title))[0] for phrase in headings)
        boundary = next(
            (
                index
                for index, child in enumerate(children)
                if opens_next_year(child) or (index and _restarts(children[index - 1], child))
            ),
            len(children) if reported_first else 0,
        )
        for index, child in enumerate(children):  # their own sub-sections follow them as usual
            child.scope = REPORTED if index < boundary else NEXT
            forced.add(id(child))

    forced: set[int] = set()
    for section in outline.sections:  # parents come before their children
        if id(section) in forced:
            continue
        parent = section.parent
        if names_next_year(section):
            section.scope = MIXED if composite(section) else NEXT
            if section.scope == MIXED:
                mixed_children(section)
        elif parent is not None and parent.parent is not None and parent.scope == NEXT:
            section.scope = NEXT
        else:
            section.scope = REPORTED
    for section in outline.root.walk():
        if section.heading is not None:
            section.heading.scope = section.scope
        current_paragraph = None
        scope = section.scope
        for sentence in section.sentences:
            if sentence.paragraph is not current_paragraph:
                current_paragraph, scope = sentence.paragraph, REPORTED if section.scope == MIXED else section.scope
            text = sentence.text
            if has_reported_cue(text):
                scope = REPORTED
            if has_next_cue(text):
                scope = NEXT
            sentence.scope = scope


def _restarts(previous: Section, child: Section) -> bool:
    """Whether ``child`` starts a new list: same numbering style as ``previous``, number back to one."""
    def number(marker: str) -> str:
        return marker.strip("（）()、．. 是")

    return (
        bool(previous.marker and child.marker)
        and previous.rank == child.rank
        and number(child.marker) in ("一", "1")
        and number(previous.marker) not in ("一", "1")
    )
