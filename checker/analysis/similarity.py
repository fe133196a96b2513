"""Text two reports share: sentence fingerprints made per report, one index over the batch.

A reviewer of dozens of reports wants to know which ones were copied from each other (or from
a template site), not which ones share the guiding-thought sentence every report opens with.
So each report is reduced, where it is checked (in a worker process), to a compact fingerprint:
one 64-bit hash per body sentence of its normalised wording, with the sentence's line and length.
Normalising folds width, drops punctuation and spaces, writes every figure as ``#`` and the
report's own place name as ``@``: a paragraph copied from another county with the county's name
and the figures changed still hashes the same. Headings, short sentences and sentences that are
little more than the checklist's own wording (its element titles, headings and phrases) are left
out, because every report shares them by design.

The parent process only indexes the fingerprints (hash → the reports that have it), so finding
the pairs costs time in proportion to the sentences that reports actually share, never a
comparison of every pair, and memory grows by a few kilobytes per report, not by its text.
Sentences found in many reports of the batch (``common_share`` of them, and at least
``common_min``; always once in ``COMMON_MAX``) are learned as boilerplate and ignored. What remains is grouped into passages:
runs of at least ``min_sentences`` consecutive shared sentences and ``min_chars`` characters.
"""

from __future__ import annotations

import hashlib
import math
import re
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from checker.checklist.model import Checklist
from checker.common import re_cache
from checker.common.chinese import ITEM_MARKER
from checker.result import Evidence
from checker.structure.outline import Outline, Sentence

# What a sentence must keep, once the checklist's wording is taken out, to say something of its own.
OWN_MIN_CHARS = 10
# Only sentences shorter than this are tested for being the checklist's wording: a longer one always
# says something of its own, and the test is most of the fingerprint's cost.
WORDING_MAX_CHARS = 40
# A sentence in this many reports is shared wording whatever the batch's size: it bounds the pairs one
# hash can add (n² / 2), so a batch of near-identical reports cannot make the index quadratic.
COMMON_MAX = 50
# The low bits of an index key number the report (up to about a million at once); the hash keeps the rest.
REPORT_BITS = 20
# Buckets the index's keys are sorted in, one at a time (a power of two): bounds the sort's memory.
BUCKETS = 256
_DROP = re_cache.compile(r"[^\w@#]|_", re.UNICODE)
_FIGURES = re_cache.compile(r"[\d〇零一二三四五六七八九十百千万亿.%％]*\d[\d.%％]*")


@dataclass(frozen=True)
class Fingerprint:
    """One report reduced to what the index needs: a hash, a line and a length per kept sentence."""

    path: str
    hashes: array  # array('q'): one signed 64-bit hash per kept sentence, in document order
    lines: array  # array('i'): the original line of each kept sentence
    sizes: array  # array('i'): each kept sentence's normalised length in characters
    total_chars: int  # the normalised length of the whole body, kept sentences or not


@dataclass(frozen=True)
class Passage:
    """A run of sentences report ``a`` shares with report ``b`` (indices into the index's fingerprints)."""

    a: int
    b: int
    a_lines: tuple[int, int]
    b_lines: tuple[int, int]
    sentences: int
    chars: int
    first: int  # the hash of the passage's first sentence, to quote it on its line


@dataclass(frozen=True)
class SharedPassage:
    """A passage of this report found in another one, as the ``shared_text`` check receives it."""

    other: str  # the other report's path
    own_lines: tuple[int, int]
    other_lines: tuple[int, int]
    sentences: int
    chars: int
    first: int = 0  # the hash of the first shared sentence (``sentence_hash``), to find it on its line
    other_quote: str = ""  # the other report's first shared line, filled in before the check runs
    own_evidence: Evidence | None = None  # the report's own first shared sentence, as evidence, filled in likewise
    reference: bool = False  # the other report is from the reference folder (--against)


_PLACE = re_cache.compile(r"^(.{1,12}?(?:自治县|自治州|自治区|县|市|区|州|旗|盟))")


def place_names(issuer: str | None) -> list[str]:
    """The report's own place names from its issuer ("青溪县司法局" → 青溪县, 青溪), longest first."""
    found = _PLACE.match(issuer or "")
    if not found:
        return []
    place = found.group(1)
    short = re.sub(r"(?:自治县|自治州|自治区|县|市|区|州|旗|盟)$", "", place)
    return [place, short] if len(short) >= 2 else [place]


def key(text: str, places: Iterable[str] = ()) -> str:
    """A sentence's wording as the index compares it: no numbering, punctuation or spaces, figures as #.

    ``text`` is normalised already (``checker.reading.normalise`` folds widths; the checklist lint
    keeps phrases folded), so widths are not folded again: that would be most of the cost.
    """
    text = ITEM_MARKER.sub("", text.strip())
    for place in places:
        text = text.replace(place, "@")
    return _DROP.sub("", _FIGURES.sub("#", text))


def checklist_wording(checklist: Checklist) -> re.Pattern[str] | None:
    """One alternation of the checklist's own wording (titles, headings, phrases), as keys, longest first."""
    terms: set[str] = set()
    for element in checklist.elements:
        terms.add(element.title)
        terms.update(element.headings)
        terms.update(element.outline)
        for group in element.evidence:
            terms.update(group.terms)
    keyed = sorted({key(term) for term in terms if len(key(term)) >= 2}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keyed))) if keyed else None


def sentence_hash(text: str, places: Iterable[str] = ()) -> int:
    """The 64-bit hash of a sentence's key: what the index stores."""
    return _hash(key(text, places))


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def fingerprint(
    path: str, outline: Outline, issuer: str | None, wording: re.Pattern[str] | None, min_sentence_chars: int, kept: list[Sentence] | None = None
) -> Fingerprint:
    """The fingerprint of a report: its body sentences worth comparing, hashed (and appended to ``kept``, when given)."""
    places = place_names(issuer)
    hashes, lines, sizes = array("q"), array("i"), array("i")
    total = 0
    for sentence in outline.sentences:
        text = key(sentence.text, places)
        total += len(text)
        if sentence.is_heading or len(text) < min_sentence_chars:
            continue
        if wording is not None and len(text) < WORDING_MAX_CHARS and len(wording.sub("", text)) < OWN_MIN_CHARS:
            continue
        hashes.append(_hash(text))
        if kept is not None:
            kept.append(sentence)
        lines.append(sentence.line)
        sizes.append(len(text))
    return Fingerprint(path, hashes, lines, sizes, total)


class Index:
    """The batch's fingerprints; references are compared with, never reported.

    Which reports hold which hash is worked out only when the passages are asked for, from
    arrays of 64-bit keys (the hash's top bits, the report's number in the low ``REPORT_BITS``)
    sorted a bucket at a time: 8 bytes a sentence, where a dictionary of lists would cost some 200.
    """

    def __init__(self) -> None:
        self.prints: list[Fingerprint] = []
        self.reference: list[bool] = []

    def add(self, print_: Fingerprint, reference: bool = False) -> int:
        if len(self.prints) >= 1 << REPORT_BITS:
            raise ValueError(f"at most {1 << REPORT_BITS} reports can be compared at once")
        self.prints.append(print_)
        self.reference.append(reference)
        return len(self.prints) - 1

    def _holders(self) -> Iterator[tuple[int, list[int]]]:
        """Each hash's top bits and the reports (in order) that have a sentence with it.

        The keys are first dealt into ``BUCKETS`` arrays by their highest bits, and each bucket is
        sorted on its own: sorting needs a list of Python integers (some 40 bytes a key), and one
        bucket's list is a small fraction of the batch's, so the peak stays near the arrays' 8 bytes a sentence.
        """
        buckets = [array("q") for _ in range(BUCKETS)]
        shift = 64 - BUCKETS.bit_length() + 1
        for number, print_ in enumerate(self.prints):
            for key in {(value >> REPORT_BITS) << REPORT_BITS | number for value in print_.hashes}:
                buckets[(key >> shift) % BUCKETS].append(key)
        mask = (1 << REPORT_BITS) - 1
        for position, bucket in enumerate(buckets):
            keys = sorted(bucket)
            buckets[position] = array("q")  # freed as soon as it is sorted
            index = 0
            while index < len(keys):
                top = keys[index] >> REPORT_BITS
                holders = []
                while index < len(keys) and keys[index] >> REPORT_BITS == top:
                    holders.append(keys[index] & mask)
                    index += 1
                yield top, holders

    def passages(self, min_sentences: int, min_chars: int, common_share: float, common_min: int) -> list[Passage]:
        """Every passage two reports share (at least one of them in the batch), each pair once with ``a < b``.

        Sentences in ``common_share`` of the reports (at least ``common_min``, at most ``COMMON_MAX``)
        are the batch's boilerplate and never part of a passage.
        """
        limit = min(COMMON_MAX, max(common_min, math.ceil(common_share * len(self.prints))))
        common: set[int] = set()
        counts: dict[tuple[int, int], int] = defaultdict(int)
        for top, holders in self._holders():
            if len(holders) >= limit:
                common.add(top)
                continue
            for pair in combinations(holders, 2):
                if not (self.reference[pair[0]] and self.reference[pair[1]]):
                    counts[pair] += 1
        found: list[Passage] = []
        for (a, b), count in sorted(counts.items()):
            if count >= min_sentences:
                found += self._runs(a, b, common, min_sentences, min_chars)
        return found

    def _runs(self, a: int, b: int, common: set[int], min_sentences: int, min_chars: int) -> list[Passage]:
        """The runs of consecutive sentences of report ``a`` that report ``b`` also has."""
        first, second = self.prints[a], self.prints[b]
        where: dict[int, int] = {}
        for position, value in enumerate(second.hashes):
            where.setdefault(value, position)
        runs: list[list[int]] = []
        for position, value in enumerate(first.hashes):
            if value >> REPORT_BITS in common or value not in where:
                continue
            if runs and runs[-1][-1] == position - 1:
                runs[-1].append(position)
            else:
                runs.append([position])
        found = []
        for run in runs:
            chars = sum(first.sizes[position] for position in run)
            if len(run) < min_sentences or chars < min_chars:
                continue
            others = [where[first.hashes[position]] for position in run]
            found.append(
                Passage(
                    a,
                    b,
                    (first.lines[run[0]], first.lines[run[-1]]),
                    (second.lines[min(others)], second.lines[max(others)]),
                    len(run),
                    chars,
                    first.hashes[run[0]],
                )
            )
        return found


def for_each_report(index: Index, passages: list[Passage]) -> dict[int, list[SharedPassage]]:
    """The passages as each batch report sees them: its lines first, the other report named."""
    seen: dict[int, list[SharedPassage]] = defaultdict(list)
    for passage in passages:
        a, b = index.prints[passage.a], index.prints[passage.b]
        if not index.reference[passage.a]:
            seen[passage.a].append(SharedPassage(b.path, passage.a_lines, passage.b_lines, passage.sentences, passage.chars, passage.first, reference=index.reference[passage.b]))
        if not index.reference[passage.b]:
            seen[passage.b].append(SharedPassage(a.path, passage.b_lines, passage.a_lines, passage.sentences, passage.chars, passage.first, reference=index.reference[passage.a]))
    return seen
