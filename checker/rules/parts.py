"""Where an element is written and what it lists: shared by the rules that look inside elements.

Rules name elements by id in their params; this module turns an id into the part of the report
the matcher found for it (a section whose heading matched, else the sentences of its evidence)
and into the items that part lists (sub-sections, 一是/二是). It is not a check type: the
leading underscore keeps it out of ``checker.rules.types()``.
"""

from __future__ import annotations

from typing import NamedTuple

from checker.analysis import evidence
from checker.analysis.timescope import MIXED
from checker.common.chinese import ITEM_MARKER
from checker.result import Evidence
from checker.rules.registry import Context
from checker.structure.outline import Section, Sentence


class Item(NamedTuple):  # a NamedTuple: cheap to create at start-up (see checker/checklist/model.py)
    """One listed item of a part: its section (None for a lone statement) and its sentences."""

    section: Section | None
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        return "".join(sentence.text for sentence in self.sentences)

    @property
    def bare(self) -> str:
        """The text without its numbering, for comparing items across reports."""
        return ITEM_MARKER.sub("", self.text).strip()


class Part(NamedTuple):
    """Where an element is written: ``section`` when its heading matched, and its listed ``items``."""

    section: Section | None
    items: tuple[Item, ...]
    statement: tuple[Sentence, ...]  # without items: the sentences that state it


def _depth(section: Section) -> int:
    return len(section.path)


def _body(section: Section, scope: str) -> list[Sentence]:
    """What is written under a section's own heading, in ``scope`` (``any``: every year)."""
    return section.written(None if scope == "any" else scope)


def _item_sections(section: Section, scope: str) -> list[Section]:
    """The numbered parts a section lists; a single wrapper sub-section is looked through.

    Under a mixed heading (problems and plan together) only the parts of the element's year count.
    """
    children = section.children
    if section.scope == MIXED and scope != "any":
        children = [child for child in children if child.scope == scope]
    while len(children) == 1 and children[0].children:
        children = children[0].children
    return children


def part(context: Context, element_id: str) -> Part | None:
    """The part of the report where ``element_id`` is written, or None when nothing matched it.

    Of the sections whose heading matched, the most specific one with content in the element's
    scope wins ("（一）存在的问题" over "三、存在的问题及原因"); without one, the sentences of
    the element's evidence are its statement.
    """
    match = context.matches.get(element_id)
    if match is None:
        return None
    scope = match.element.scope
    # 一是/二是 items are items of a part, never the part itself, even when their first sentence matches.
    sections = [heading.section for heading in match.headings if _body(heading.section, scope) and not heading.section.marker.endswith("是")]
    if sections:
        section = max(sections, key=_depth)
        items = tuple(_item(child) for child in _item_sections(section, scope))
        return Part(section, items, tuple(_body(section, scope)))
    sentences = sorted(dict.fromkeys(hit.sentence for hit in match.hits), key=lambda sentence: sentence.line)
    if not sentences:
        return None
    # A statement with 一是/二是 items inside a paragraph of another part lists them all the same.
    item_sections = dict.fromkeys(sentence.section for sentence in sentences if sentence.section.marker.endswith("是"))
    return Part(None, tuple(_item(section) for section in item_sections), tuple(sentences))


def quoted(context: Context, element_id: str, sentence: Sentence) -> Evidence:
    """Evidence for a sentence of an element's part, quoted from where the element matched in it.

    A shortcoming hidden in a long sentence ("2023年，…逐步显现，但仍存在一些薄弱环节…") is worth
    quoting from "薄弱环节" on, not from the sentence's start.
    """
    match = context.matches.get(element_id)
    starts = [hit.start for hit in match.hits if hit.sentence is sentence] if match else []
    start = min(starts) if starts and not sentence.is_heading else 0
    return evidence.of_sentence(sentence, start=start)


def _item(section: Section) -> Item:
    return Item(section, tuple(section.all_sentences()))
