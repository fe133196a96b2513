"""Matching: find, for one checklist element, the sections and sentences that speak to it.

Two kinds of signal, both declared in the checklist:

- **headings**: phrases fuzzy-matched against section titles (a section "三、存在的不足");
- **evidence**: phrase groups (a phrase and its synonyms), and regular expressions, searched in
  every sentence, headings included.

Only signals in the element's time scope count; those outside it are kept apart so the gap
report can say "only mentioned in next year's plan". An element with ``within`` only looks
inside the parts of the report where those other elements matched (causes are looked for
where the problems are).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from checker.analysis import fuzzy
from checker.analysis.timescope import MIXED
from checker.checklist.model import Element
from checker.common.chinese import fill_years
from checker.structure.outline import Outline, Section, Sentence


@dataclass(frozen=True)
class HeadingMatch:
    """A section whose title matched one of the element's heading phrases."""

    section: Section
    phrase: str
    score: float


@dataclass(frozen=True)
class EvidenceHit:
    """A sentence that contains a term of one evidence group (or matches one pattern)."""

    sentence: Sentence
    group: int
    term: str
    hit: fuzzy.Hit


@dataclass
class ElementMatch:
    """Everything the matcher found for one element, before any verdict."""

    element: Element
    headings: list[HeadingMatch] = field(default_factory=list)
    hits: list[EvidenceHit] = field(default_factory=list)
    out_of_scope: list[EvidenceHit] = field(default_factory=list)

    def region(self) -> set[int]:
        """Ids of the sentences this element's sections and evidence paragraphs cover (for ``within``)."""
        sentences: set[int] = set()
        for heading in self.headings:
            sentences.update(id(sentence) for sentence in heading.section.all_sentences())
        paragraphs = {id(hit.sentence.paragraph) for hit in self.hits}
        return sentences | paragraphs


def _in_scope(scope: str, element: Element) -> bool:
    # A mixed heading ("存在的问题及下一步工作打算") is matched by elements of either year.
    return element.scope == "any" or scope == element.scope or scope == MIXED


def _match_headings(element: Element, outline: Outline, year: int) -> list[HeadingMatch]:
    phrases = [fill_years(phrase, year) for phrase in element.headings]
    matches = []
    for section in outline.sections:
        if not _in_scope(section.scope, element):
            continue
        best: HeadingMatch | None = None
        for phrase in phrases:
            hit = fuzzy.find(phrase, section.title)
            if hit and (best is None or hit.score > best.score):
                best = HeadingMatch(section, phrase, hit.score)
        if best:
            matches.append(best)
    return matches


@dataclass(frozen=True)
class _Group:
    """One evidence group, compiled: an alternation for exact hits, and the terms long enough to match fuzzily."""

    index: int
    exact: re.Pattern[str]
    fuzzy_terms: tuple[str, ...]


@cache
def _compile_groups(element: Element, year: int) -> tuple[_Group, ...]:
    """Compiled once per element and report year: the per-sentence search is then one regex per group,
    with rapidfuzz only for the few terms long enough to be matched with a tolerance."""
    groups = []
    for index, evidence in enumerate(element.evidence):
        terms = [fill_years(term, year) for term in evidence.terms]
        exact = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)))
        groups.append(_Group(index, exact, tuple(term for term in terms if fuzzy.cutoff(len(term)) < 100.0)))
    return tuple(groups)


def _search(element: Element, sentence: Sentence, groups: tuple[_Group, ...], patterns: list[re.Pattern[str]]):
    """The first hit of each evidence group and pattern in one sentence."""
    for group in groups:
        found = group.exact.search(sentence.text)
        if found:
            yield EvidenceHit(sentence, group.index, found.group(), fuzzy.Hit(found.start(), found.end(), 100.0))
            continue
        for term in group.fuzzy_terms:
            hit = fuzzy.find(term, sentence.text)
            if hit:
                yield EvidenceHit(sentence, group.index, term, hit)
                break
    for index, pattern in enumerate(patterns):
        found = pattern.search(sentence.text)
        if found:
            yield EvidenceHit(sentence, len(element.evidence) + index, pattern.pattern, fuzzy.Hit(found.start(), found.end(), 100.0))


def match_element(element: Element, outline: Outline, year: int, earlier: dict[str, ElementMatch]) -> ElementMatch:
    """Match one element; ``earlier`` holds the matches of the elements named in its ``within``."""
    result = ElementMatch(element, headings=_match_headings(element, outline, year))
    groups = _compile_groups(element, year)
    patterns = [re.compile(fill_years(pattern, year)) for pattern in element.patterns]
    region: set[int] | None = None
    if element.within:
        own = ElementMatch(element, headings=result.headings)
        region = own.region().union(*(earlier[other].region() for other in element.within))
    for sentence in outline.sentences:
        if region is not None and id(sentence) not in region and id(sentence.paragraph) not in region:
            continue
        for hit in _search(element, sentence, groups, patterns):
            (result.hits if _in_scope(sentence.scope, element) else result.out_of_scope).append(hit)
    return result
