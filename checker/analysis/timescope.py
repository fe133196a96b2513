"""Time scope: tell the reported year's work from next year's plans.

"A mention inside next year's plan is not evidence that the duty was done this year": a
pledge to "落实第一责任人职责" in the plan proves nothing about the reported year. The
cues come from the checklist (``time_scope``), with ``{year}``/``{next_year}`` filled in:

- a section whose heading names next year (下一步, 工作计划, 2024年…) is next-year, and so
  are its sub-sections;
- inside a paragraph, a sentence with a next-year cue (下一步, 2024年…) switches the rest of
  the paragraph to next year;
- a sentence that opens with the reported year ("2023年，…但仍存在…") is about the reported
  year even inside a plan section — that is where reports hide their problems.
"""

from __future__ import annotations

import re

from checker.common import patterns as bounded
from checker.checklist.model import TimeScope
from checker.common.chinese import fill_years
from checker.structure.outline import Outline, Section

REPORTED = "reported_year"
NEXT = "next_year"
# "（2021—2025年）" names a period, not next year: removed from titles before looking for next-year phrases.
_YEAR_RANGE = re.compile(r"\d{4}年?\s*[—\-－~～至到]\s*\d{4}年?")
# "存在的问题及下一步工作打算" joins two parts; only one of them is about next year.
_JOINERS = re.compile("以及|及|和|与|暨")


def assign(outline: Outline, year: int, config: TimeScope) -> None:
    """Set ``scope`` on every section and sentence of ``outline``."""
    headings = [fill_years(phrase, year) for phrase in config.next_year_headings]
    next_cues = [bounded.compile(fill_years(cue, year)) for cue in config.next_year_cues]
    reported_cues = [bounded.compile(fill_years(cue, year)) for cue in config.reported_year_cues]

    def names_next_year(section: Section) -> bool:
        title = _YEAR_RANGE.sub("", section.marker + section.title)
        return any(phrase in title for phrase in headings)

    def splits(section: Section) -> bool:
        """A composite heading whose sub-sections divide into next-year and other parts: they decide for themselves."""
        parts = _JOINERS.split(_YEAR_RANGE.sub("", section.title))
        composite = len(parts) > 1 and not all(any(phrase in part for phrase in headings) for part in parts)
        own = [names_next_year(child) for child in section.children]
        return composite and any(own) and not all(own)

    for section in outline.sections:  # parents come before their children
        parent = section.parent
        if names_next_year(section):
            section.scope = NEXT
        elif parent is not None and parent.parent is not None and parent.scope == NEXT and not splits(parent):
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
                current_paragraph, scope = sentence.paragraph, section.scope
            text = sentence.text
            if any(cue.search(text) for cue in reported_cues):
                scope = REPORTED
            if any(cue.search(text) for cue in next_cues):
                scope = NEXT
            sentence.scope = scope
