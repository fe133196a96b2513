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
comparison of every pair. The index, the passages found and the pairs live in a temporary SQLite
database, not in memory, so the parent's memory does not grow with the batch (``Index``).
Sentences found in many reports of the batch (``common_share`` of them, and at least
``common_min``; always once in ``COMMON_MAX``) are learned as boilerplate and ignored. What remains is grouped into passages:
runs of at least ``min_sentences`` consecutive shared sentences and ``min_chars`` characters.
"""

from __future__ import annotations

import hashlib
import math
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, NamedTuple

from checker.checklist.model import Checklist
from checker.common import re_cache
from checker.common.chinese import ITEM_MARKER
from checker.result import Evidence
from checker.structure.outline import Outline, Sentence

if TYPE_CHECKING:
    import sqlite3

# What a sentence must keep, once the checklist's wording is taken out, to say something of its own.
OWN_MIN_CHARS = 10
# Only sentences shorter than this are tested for being the checklist's wording: a longer one always
# says something of its own (the test was most of a fingerprint's cost before it became one scan: Wording).
WORDING_MAX_CHARS = 40
# A sentence in this many reports is shared wording whatever the batch's size: it bounds the pairs one
# hash can add (n² / 2), so a batch of near-identical reports cannot make the index quadratic.
COMMON_MAX = 50
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
    # What another report's passage quotes of this one: per line of a kept sentence, (line, None, quote)
    # for its first body sentence, then (line, hash, quote) for each kept sentence on it (``Index.quote``).
    quotes: tuple[tuple[int, int | None, str], ...] = ()


class SharedPassage(NamedTuple):
    """A passage of this report found in another one, as the ``shared_text`` check receives it (a NamedTuple:
    the parent fills in each of a batch's tens of thousands with ``_replace``, which ``dataclasses.replace``
    cost three times as much)."""

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


class Wording:
    """The checklist's own wording (titles, headings, phrases) as keys, in one Aho–Corasick automaton."""

    def __init__(self, keys: frozenset[str]) -> None:
        from checker.common.automaton import of as automaton_of

        self._automaton = automaton_of(keys)

    def own_chars(self, text: str) -> int:
        """How many characters of ``text`` (a key) are left once the wording is taken out: from the left, at each
        place the longest term there, as ``re.sub`` of the terms' alternation, longest first, would take them
        (tests/test_similarity.py compares the two). One scan in C, where that ``re.sub`` tried every term at every
        character: it was a third of a fingerprint."""
        longest: dict[int, int] = {}
        for end, term in self._automaton.iter(text):
            start = end - len(term) + 1
            if len(term) > longest.get(start, 0):
                longest[start] = len(term)
        taken = position = 0
        for start in sorted(longest):
            if start >= position:
                taken += longest[start]
                position = start + longest[start]
        return len(text) - taken


def checklist_wording(checklist: Checklist) -> Wording | None:
    """The checklist's own wording (titles, headings, phrases), as keys of two characters or more; None when it has none."""
    terms: set[str] = set()
    for element in checklist.elements:
        terms.add(element.title)
        terms.update(element.headings)
        terms.update(element.outline)
        for group in element.evidence:
            terms.update(group.terms)
    keyed = frozenset(keyed for keyed in map(key, terms) if len(keyed) >= 2)
    return Wording(keyed) if keyed else None


def sentence_hash(text: str, places: Iterable[str] = ()) -> int:
    """The 64-bit hash of a sentence's key: what the index stores."""
    return _hash(key(text, places))


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def fingerprint(
    path: str, outline: Outline, issuer: str | None, wording: Wording | None, min_sentence_chars: int, kept: list[Sentence] | None = None
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
        if wording is not None and len(text) < WORDING_MAX_CHARS and wording.own_chars(text) < OWN_MIN_CHARS:
            continue
        hashes.append(_hash(text))
        if kept is not None:
            kept.append(sentence)
        lines.append(sentence.line)
        sizes.append(len(text))
    return Fingerprint(path, hashes, lines, sizes, total)


_SCHEMA = """
CREATE TABLE prints (number INTEGER PRIMARY KEY, path TEXT NOT NULL, reference INTEGER NOT NULL, total INTEGER NOT NULL,
                     hashes BLOB NOT NULL, lines BLOB NOT NULL, sizes BLOB NOT NULL);
CREATE INDEX prints_by_path ON prints (path);
CREATE TABLE keys (report INTEGER NOT NULL, hash INTEGER NOT NULL, PRIMARY KEY (report, hash)) WITHOUT ROWID;
CREATE TABLE common (hash INTEGER PRIMARY KEY);
CREATE TABLE quotes (report INTEGER NOT NULL, line INTEGER NOT NULL, position INTEGER NOT NULL, hash INTEGER, quote TEXT NOT NULL,
                     PRIMARY KEY (report, line, position)) WITHOUT ROWID;
CREATE TABLE passages (seq INTEGER PRIMARY KEY, a INTEGER NOT NULL, b INTEGER NOT NULL, a_first INTEGER NOT NULL,
                       a_last INTEGER NOT NULL, b_first INTEGER NOT NULL, b_last INTEGER NOT NULL, sentences INTEGER NOT NULL,
                       chars INTEGER NOT NULL, first INTEGER NOT NULL);
"""
# The reports after ``?1`` that share at least ``?2`` sentences with it (the batch's boilerplate left out), in order.
_PARTNERS = """
SELECT other.report FROM keys AS mine JOIN keys AS other ON other.hash = mine.hash AND other.report > mine.report
WHERE mine.report = ?1 AND mine.hash NOT IN common{}
GROUP BY other.report HAVING count(*) >= ?2 ORDER BY other.report
"""
_NOT_REFERENCE = " AND other.report NOT IN (SELECT number FROM prints WHERE reference)"
# A report's passages as it sees them, in the order they were found: its lines first, then the other report's.
_SEEN = """
SELECT seq, prints.path, prints.reference, own_first, own_last, other_first, other_last, sentences, chars, first FROM (
  SELECT seq, b AS other, a_first AS own_first, a_last AS own_last, b_first AS other_first, b_last AS other_last, sentences, chars, first
  FROM passages WHERE a = ?1
  UNION ALL
  SELECT seq, a, b_first, b_last, a_first, a_last, sentences, chars, first FROM passages WHERE b = ?1
) JOIN prints ON prints.number = other ORDER BY seq
"""
# A report's quote for each passage asked (``Index.quotes``: (path, line, hash), numbered): the kept sentence on the
# line with the hash, else the line's first body sentence; of a path given twice, the copy surveyed last.
_QUOTES = """
SELECT (SELECT quote FROM quotes JOIN prints ON prints.number = quotes.report
        WHERE prints.path = asked.column2 AND quotes.line = asked.column3 AND (quotes.hash = asked.column4 OR quotes.hash IS NULL)
        ORDER BY quotes.hash IS NULL, quotes.report DESC, quotes.position LIMIT 1)
FROM (VALUES {}) AS asked ORDER BY asked.column1
"""
# Passages quoted by one statement: SQLite takes 32,766 parameters a statement from 3.32 on, but 999 before.
QUOTES_AT_ONCE = 200
# Each pair's totals, most shared first (the larger share of either report's text), then in the order found.
_PAIRS = """
WITH totals AS (SELECT a, b, sum(chars) AS chars, count(*) AS passages, sum(sentences) AS sentences FROM passages GROUP BY a, b)
SELECT first.path, first.reference, first.total, second.path, second.reference, second.total, chars, passages, sentences
FROM totals JOIN prints AS first ON first.number = a JOIN prints AS second ON second.number = b
ORDER BY max(CASE WHEN first.total THEN chars * 1.0 / first.total ELSE 0.0 END,
             CASE WHEN second.total THEN chars * 1.0 / second.total ELSE 0.0 END) DESC, a, b
"""


@dataclass(frozen=True)
class PairTotals:
    """What two reports share in all, as the pairs page lists it (``a`` first as found: the lower number)."""

    a: str
    a_reference: bool
    a_chars: int  # the normalised length of ``a``'s body (``Fingerprint.total_chars``)
    b: str
    b_reference: bool
    b_chars: int
    chars: int
    passages: int
    sentences: int


class Index:
    """The batch's fingerprints and the passages found between them, in a SQLite database; references are compared with, never reported.

    Kept in memory, the fingerprints, the count of sentences each pair shares and the passages
    grow with the batch (some 13 KB a report in a batch that copies a lot, docs/performance.md);
    in the database (``checker.run.ledger.temporary_database``: a temporary file deleted as soon as
    it is opened, a small page cache) the index holds one report, and one pair of reports, at a time.
    Which reports hold a sentence is an index of (hash, report) built once all fingerprints are in,
    so each report's partners are one query: the cost stays the sentences reports share.
    """

    def __init__(self, open_database: Callable[[str], sqlite3.Connection]) -> None:
        """``open_database(schema)``: a fresh database with the tables of ``schema``, in one transaction."""
        self.db = open_database(_SCHEMA)
        self.count = 0
        self._next = self._found = 0  # the next report whose passages ``find_through`` finds; how many it found
        self._settings = (0, 0)  # min_sentences, min_chars: ``start_finding``'s

    def add(self, print_: Fingerprint, reference: bool = False) -> int:
        """Keep ``print_`` as the next report; its number."""
        number = self.count
        self.db.execute(
            "INSERT INTO prints VALUES (?, ?, ?, ?, ?, ?, ?)",
            (number, print_.path, reference, print_.total_chars, print_.hashes.tobytes(), print_.lines.tobytes(), print_.sizes.tobytes()),
        )
        # In key order, so the table only ever grows at its end.
        self.db.executemany("INSERT INTO keys VALUES (?, ?)", ((number, value) for value in sorted(set(print_.hashes))))
        rows = ((number, line, position, value, quote) for position, (line, value, quote) in enumerate(print_.quotes))
        self.db.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?)", rows)
        self.count += 1
        return number

    def _load(self, number: int) -> tuple[Fingerprint, bool]:
        """Report ``number``'s fingerprint and whether it is a reference."""
        path, reference, total, hashes, lines, sizes = self.db.execute(
            "SELECT path, reference, total, hashes, lines, sizes FROM prints WHERE number = ?", (number,)
        ).fetchone()
        arrays = array("q"), array("i"), array("i")
        for kept, data in zip(arrays, (hashes, lines, sizes)):
            kept.frombytes(data)
        return Fingerprint(path, *arrays, total), bool(reference)

    def find(self, min_sentences: int, min_chars: int, common_share: float, common_min: int) -> int:
        """Find every passage two reports share (at least one of them in the batch), each pair once with ``a < b``,
        in the order of ``a`` then ``b``; how many were found. Call once, after the last ``add``.

        Sentences in ``common_share`` of the reports (at least ``common_min``, at most ``COMMON_MAX``)
        are the batch's boilerplate and never part of a passage.
        """
        self.start_finding(min_sentences, min_chars, common_share, common_min)
        return self.find_through(self.count - 1)

    def start_finding(self, min_sentences: int, min_chars: int, common_share: float, common_min: int) -> None:
        """``find``'s settings and the boilerplate, learned once after the last ``add``; the passages themselves are
        found report by report (``find_through``) as their reports are asked for (``shared``), so a batch's
        workers check the first reports while the parent finds the later ones' passages."""
        self._settings = (min_sentences, min_chars)
        limit = min(COMMON_MAX, max(common_min, math.ceil(common_share * self.count)))
        self.db.execute("CREATE INDEX keys_by_hash ON keys (hash, report)")
        self.db.execute("INSERT INTO common SELECT hash FROM keys GROUP BY hash HAVING count(*) >= ?", (limit,))
        # Before the passages, so that each report's can be read while the later ones are still being found.
        self.db.execute("CREATE INDEX passages_by_a ON passages (a)")
        self.db.execute("CREATE INDEX passages_by_b ON passages (b)")

    def find_through(self, last: int) -> int:
        """Find the passages of each report up to number ``last`` with the reports after it (those with the reports
        before it were found with them); how many have been found in all. Every passage of a report numbered up
        to ``last`` is then known: its partners before it were searched first, and none after ``last`` can pair it
        again."""
        min_sentences, min_chars = self._settings
        while self._next <= last:
            a, self._next = self._next, self._next + 1
            first, reference = self._load(a)
            partners = self.db.execute(_PARTNERS.format(_NOT_REFERENCE if reference else ""), (a, min_sentences)).fetchall()
            if not partners:
                continue
            common = {value for (value,) in self.db.execute("SELECT hash FROM keys WHERE report = ? AND hash IN common", (a,))}
            positions = _positions(first, common)
            for (b,) in partners:
                passages = _runs(first, positions, self._load(b)[0], min_sentences, min_chars)
                self.db.executemany("INSERT INTO passages (a, b, a_first, a_last, b_first, b_last, sentences, chars, first) VALUES "
                                    "(?, ?, ?, ?, ?, ?, ?, ?, ?)", ((a, b, *passage) for passage in passages))
                self._found += len(passages)
        return self._found

    def shared(self, path: str) -> tuple[SharedPassage, ...]:
        """The passages of the batch's report at ``path`` as it sees them (``start_finding`` first): its lines first, the other report named.

        A file given twice in a batch has one set of passages for both copies: that of the copy
        whose first passage comes last in the order found (the first of a pair before the second).
        """
        numbers = [number for (number,) in self.db.execute("SELECT number FROM prints WHERE path = ? AND NOT reference", (path,))]
        if not numbers:
            return ()
        self.find_through(max(numbers))
        return tuple(
            SharedPassage(other, (own_first, own_last), (other_first, other_last), sentences, chars, first, reference=bool(reference))
            for _, other, reference, own_first, own_last, other_first, other_last, sentences, chars, first in self.db.execute(
                _SEEN, (max(numbers, key=self._first_seen),)
            )
        )

    def quotes(self, asked: Sequence[tuple[str, int, int]]) -> list[str]:
        """What each passage asked, (path, line, hash), quotes of the report at ``path`` on ``line``: the sentence there
        whose hash is ``hash``, else the line's first body sentence ("" when the report left none: not surveyed with
        quotes). One statement for ``QUOTES_AT_ONCE`` passages: a batch's report shares dozens, and a statement each
        was most of the parent's time between sending a report off and its coming back."""
        found: list[str] = []
        for start in range(0, len(asked), QUOTES_AT_ONCE):
            part = asked[start : start + QUOTES_AT_ONCE]
            statement = _QUOTES.format(", ".join(["(?, ?, ?, ?)"] * len(part)))
            values = [value for number, question in enumerate(part) for value in (number, *question)]
            found.extend("" if quote is None else str(quote) for (quote,) in self.db.execute(statement, values))
        return found

    def _first_seen(self, number: int) -> tuple[int, int]:
        """Where report ``number`` first appears among the passages: (its first passage, 0 as its first report, 1 as its second)."""
        found = self.db.execute("SELECT seq, b = ?1 FROM passages WHERE a = ?1 OR b = ?1 ORDER BY seq LIMIT 1", (number,)).fetchone()
        return (found[0], found[1]) if found is not None else (-1, 0)

    def pairs(self) -> Iterator[PairTotals]:
        """Each pair of reports that shares passages (``start_finding`` first), most shared first: see ``_PAIRS``."""
        self.find_through(self.count - 1)
        for a, a_reference, a_chars, b, b_reference, b_chars, chars, passages, sentences in self.db.execute(_PAIRS):
            yield PairTotals(a, bool(a_reference), a_chars, b, bool(b_reference), b_chars, chars, passages, sentences)

    def pair_count(self) -> int:
        self.find_through(self.count - 1)
        return int(self.db.execute("SELECT count(*) FROM (SELECT DISTINCT a, b FROM passages)").fetchone()[0])


def _positions(print_: Fingerprint, common: set[int]) -> dict[int, list[int]]:
    """Each hash of ``print_`` but the batch's boilerplate (``common``) → its positions, in order: made once per
    report for all its partners (``_runs``)."""
    found: dict[int, list[int]] = {}
    for position, value in enumerate(print_.hashes):
        if value not in common:
            found.setdefault(value, []).append(position)
    return found


def _runs(first: Fingerprint, positions: dict[int, list[int]], second: Fingerprint, min_sentences: int, min_chars: int) -> list[tuple[int, ...]]:
    """The runs of consecutive sentences of report ``first`` (``positions``: its ``_positions``) that report ``second``
    also has, as the passages table keeps them: the lines in each report, the sentences, the characters and the first
    sentence's hash."""
    # Each hash's first position in ``second``: built from the end, so an earlier position overwrites a later one
    # (one C call; a ``setdefault`` per sentence was most of this function's time in a batch's parent).
    last = len(second.hashes) - 1
    where = dict(zip(reversed(second.hashes), range(last, -1, -1)))
    # Only the positions of the hashes both hold (a set operation in C), not every sentence of ``first`` for every partner.
    runs: list[list[int]] = []
    for position in sorted(chain.from_iterable(positions[value] for value in positions.keys() & where.keys())):
        if runs and runs[-1][-1] == position - 1:
            runs[-1].append(position)
        else:
            runs.append([position])
    found: list[tuple[int, ...]] = []
    for run in runs:
        chars = sum(first.sizes[position] for position in run)
        if len(run) < min_sentences or chars < min_chars:
            continue
        others = [where[first.hashes[position]] for position in run]
        found.append((first.lines[run[0]], first.lines[run[-1]], second.lines[min(others)], second.lines[max(others)], len(run), chars, first.hashes[run[0]]))
    return found
