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

from array import array
from dataclasses import dataclass, field
from collections.abc import Iterable, Sequence
from bisect import bisect_right
from itertools import accumulate, compress, count
from functools import cache
from typing import NamedTuple

from checker.analysis import fuzzy, phrases
from checker.analysis.timescope import MIXED
from checker.common import patterns as bounded
from checker.checklist.model import Element
from checker.common.chinese import fill_years
from checker.structure.outline import Outline, Section, Sentence


class HeadingMatch(NamedTuple):  # a NamedTuple: cheap to create at start-up (see checker/checklist/model.py)
    """A section whose title matched one of the element's heading phrases."""

    section: Section
    phrase: str
    score: float


class EvidenceHit(NamedTuple):
    """A sentence that contains a term of one evidence group (or matches one pattern): where in the
    sentence and how well (100 = exactly). The span is held here, not in a ``fuzzy.Hit`` of its own:
    a long report has hundreds of thousands of hits, and one object each is what they cost."""

    sentence: Sentence
    group: int
    term: str
    start: int
    end: int
    score: float = 100.0


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


def _match_headings(element: Element, index: SentenceIndex, year: int) -> list[HeadingMatch]:
    """Each in-scope section whose title matches a heading phrase: the first best-scoring phrase, in order."""
    best: dict[int, HeadingMatch] = {}
    sections = index.sections
    for needle in _heading_needles(element, year):
        for position, score in index.heading_scores(needle).items():
            found = best.get(position)
            if found is None or score > found.score:
                best[position] = HeadingMatch(sections[position], needle.phrase, score)
    return [best[position] for position in sorted(best) if _in_scope(sections[position].scope, element)]


@cache
def _heading_needles(element: Element, year: int) -> tuple[fuzzy.Needle, ...]:
    return tuple(fuzzy.Needle.of(fill_years(phrase, year)) for phrase in element.headings)


@dataclass(frozen=True)
class _Group:
    """One evidence group, compiled: its terms for exact hits, and the terms long enough to match fuzzily."""

    index: int
    terms: tuple[str, ...]
    fuzzy_terms: tuple[fuzzy.Needle, ...]


@cache
def _compile_groups(element: Element, year: int) -> tuple[_Group, ...]:
    """Compiled once per element and report year; the exact search itself is shared by all elements
    (``SentenceIndex``), and rapidfuzz runs only for the few terms long enough to be matched with a
    tolerance, in sentences that hold enough of their characters."""
    groups = []
    for index, evidence in enumerate(element.evidence):
        terms = tuple(fill_years(term, year) for term in evidence.terms)
        needles = tuple(fuzzy.Needle.of(term) for term in terms if fuzzy.cutoff(len(term)) < 100.0)
        groups.append(_Group(index, terms, needles))
    return tuple(groups)


@cache
def _term_groups(element: Element, year: int) -> dict[str, tuple[int, ...]]:
    """Term → the indices of the element's evidence groups that hold it."""
    owners: dict[str, list[int]] = {}
    for group in _compile_groups(element, year):
        for term in group.terms:
            if group.index not in owners.setdefault(term, []):
                owners[term].append(group.index)
    return {term: tuple(indices) for term, indices in owners.items()}


@dataclass
class SentenceIndex:
    """The outline's sentences, the first occurrence of every evidence term in each, and the fuzzy
    candidates of each long term: found once for all the elements being matched."""

    sentences: list[Sentence]
    found: list[tuple[str | int, ...]]  # per sentence, phrases.first_occurrences' flat (phrase, offset, …)
    sections: list[Section]
    _texts: list[str] | None = None
    _titles: list[str] | None = None
    _joined: str = ""  # the titles, one per line, and where each starts: ``_exact_titles``
    _title_starts: list[int] = field(default_factory=list)
    _headings: dict[str, dict[int, float]] = field(default_factory=dict)
    _patterns: dict[str, bytes | None] = field(default_factory=dict)
    _candidates: dict[str, list[int]] = field(default_factory=dict)
    _fuzzy: dict[tuple[str, int], fuzzy.Hit | None] = field(default_factory=dict)
    # term → (position, start) of its first occurrence in each sentence, flat: a 20 MB report has a
    # million occurrences, and a tuple each was 40 MB (docs/performance.md)
    _where: dict[str, array[int]] | None = None

    @classmethod
    def build(cls, elements: Sequence[Element], outline: Outline, year: int) -> SentenceIndex:
        sentences = outline.sentences
        terms = {term for element in elements for group in _compile_groups(element, year) for term in group.terms}
        return cls(sentences, phrases.first_occurrences(terms, [sentence.text for sentence in sentences]), outline.sections)

    def candidates(self, needle: fuzzy.Needle) -> list[int]:
        """Positions of the sentences where ``needle`` may reach its cut-off (computed once per phrase).

        One ``rapidfuzz.process.extract`` call scores the phrase against every sentence in C,
        instead of one Python call per sentence (measured in docs/performance.md).
        """
        positions = self._candidates.get(needle.phrase)
        if positions is None:
            if self._texts is None:
                self._texts = [sentence.text for sentence in self.sentences]
            positions = fuzzy.reaching(needle, self._texts)
            self._candidates[needle.phrase] = positions
        return positions

    def heading_scores(self, needle: fuzzy.Needle) -> dict[int, float]:
        """Position in ``sections`` → how well ``needle`` matches that section's title (100 where it
        occurs), for the titles it matches at all: computed once per phrase and report, the fuzzy
        part over all titles in bulk (``fuzzy.reaching``) as for sentences."""
        scores = self._headings.get(needle.phrase)
        if scores is None:
            if self._titles is None:
                self._titles = [section.title for section in self.sections]
                self._joined = "\n".join(self._titles)  # titles are lines: a phrase without "\n" never spans two
                self._title_starts = list(accumulate((len(title) + 1 for title in self._titles[:-1]), initial=0))
            titles = self._titles
            scores = self._exact_titles(needle.phrase)
            for position in fuzzy.reaching(needle, titles):
                if position not in scores and (hit := fuzzy.find_fuzzy(needle, titles[position])):
                    scores[position] = hit.score
            self._headings[needle.phrase] = scores
        return scores

    def _exact_titles(self, phrase: str) -> dict[int, float]:
        """Position → 100 for each title ``phrase`` occurs in, in order: found in the titles joined, one C search
        per title that holds it instead of an ``in`` test of every title for every heading phrase."""
        assert self._titles is not None
        if not phrase or "\n" in phrase:
            return {position: 100.0 for position, title in enumerate(self._titles) if phrase in title}
        found: dict[int, float] = {}
        starts, at = self._title_starts, self._joined.find(phrase)
        while at >= 0:
            position = bisect_right(starts, at) - 1
            found[position] = 100.0
            following = position + 1
            if following == len(starts):
                break
            at = self._joined.find(phrase, starts[following])
        return found

    def first_hits(self, owners: dict[str, tuple[int, ...]]) -> dict[int, dict[int, tuple[int, int, str]]]:
        """Position → group index → (start, −length, term) of the group's first exact hit in that sentence:
        leftmost, then longest, as one alternation of the group's terms would find it. Read off the
        occurrences of the element's own terms only, not off every phrase of every sentence they are in."""
        if self._where is None:
            self._where = {}
            for position, found in enumerate(self.found):
                for term, start in phrases.pairs(found):
                    if term not in self._where:
                        self._where[term] = array("i")
                    self._where[term].extend((position, start))
        exact: dict[int, dict[int, tuple[int, int, str]]] = {}
        for term, groups in owners.items():
            occurrences = self._where.get(term)
            if not occurrences:
                continue
            length = -len(term)
            for position, start in zip(occurrences[::2], occurrences[1::2]):
                candidate = (start, length, term)
                first = exact.get(position)
                if first is None:
                    exact[position] = dict.fromkeys(groups, candidate)
                    continue
                for group_index in groups:
                    if group_index not in first or candidate < first[group_index]:
                        first[group_index] = candidate
        return exact

    def may_match(self, pattern: str) -> bytes | None:
        """Per sentence, 1 where it holds a string every match of ``pattern`` holds (``patterns.required``),
        else 0; None when no such string is known (every sentence may match). Computed once per pattern and report."""
        if pattern not in self._patterns:
            holds = bounded.holds_required(pattern)
            self._patterns[pattern] = None if holds is None else bytes(holds(sentence.text) for sentence in self.sentences)
        return self._patterns[pattern]

    def fuzzy_hit(self, needle: fuzzy.Needle, position: int) -> fuzzy.Hit | None:
        """The fuzzy hit of ``needle`` in sentence ``position`` (which passed its prefilter), computed once."""
        key = (needle.phrase, position)
        if key not in self._fuzzy:
            self._fuzzy[key] = fuzzy.find_fuzzy(needle, self.sentences[position].text)
        return self._fuzzy[key]


def match_element(
    element: Element, outline: Outline, year: int, earlier: dict[str, ElementMatch], index: SentenceIndex | None = None
) -> ElementMatch:
    """Match one element; ``earlier`` holds the matches of the elements named in its ``within``.

    ``index`` is the outline's ``SentenceIndex`` for all the elements being matched; without it one
    is built for this element alone. Per sentence, each evidence group yields its first exact hit,
    else the first of its long terms that matches fuzzily; then each pattern its first match.
    """
    if index is None:
        index = SentenceIndex.build([element], outline, year)
    result = ElementMatch(element, headings=_match_headings(element, index, year))
    patterns = [bounded.compile(fill_years(pattern, year)) for pattern in element.patterns]
    groups = _compile_groups(element, year)
    owners = _term_groups(element, year)
    fuzzy_at: dict[int, dict[int, list[fuzzy.Needle]]] = {}  # position → group → its needles that may match there
    for group in groups:
        for needle in group.fuzzy_terms:
            for position in index.candidates(needle):
                fuzzy_at.setdefault(position, {}).setdefault(group.index, []).append(needle)
    region: set[int] | None = None
    if element.within:
        own = ElementMatch(element, headings=result.headings)
        region = own.region().union(*(earlier[other].region() for other in element.within))
    # Only sentences that hold a term, may hold a long one fuzzily, or may match a pattern can yield a hit.
    exact_at = index.first_hits(owners)
    searched = [index.may_match(pattern.pattern) for pattern in patterns]  # per pattern, the sentences worth a search
    if None in searched:
        positions: Iterable[int] = range(len(index.sentences))
    else:
        may = {position for flags in searched if flags is not None for position in compress(count(), flags)}
        positions = sorted(exact_at.keys() | fuzzy_at.keys() | may)
    nothing: dict[int, tuple[int, int, str]] = {}
    for position in positions:
        sentence = index.sentences[position]
        if region is not None and id(sentence) not in region and id(sentence.paragraph) not in region:
            continue
        exact = exact_at.get(position, nothing)
        maybe = fuzzy_at.get(position, {})
        hits = result.hits if _in_scope(sentence.scope, element) else result.out_of_scope
        for group_index in sorted(exact.keys() | maybe.keys()):
            if group_index in exact:
                start, length, term = exact[group_index]
                hits.append(EvidenceHit(sentence, group_index, term, start, start - length))
                continue
            for needle in maybe[group_index]:  # in the group's order
                hit = index.fuzzy_hit(needle, position)
                if hit:
                    hits.append(EvidenceHit(sentence, group_index, needle.phrase, hit.start, hit.end, hit.score))
                    break
        for number, pattern in enumerate(patterns):
            worth = searched[number]
            found = pattern.search(sentence.text) if worth is None or worth[position] else None
            if found:
                hits.append(EvidenceHit(sentence, len(element.evidence) + number, pattern.pattern, found.start(), found.end()))
    return result
