"""Batch similarity, wired: a first look fingerprints every report, one index in the parent, then one check per report.

With the checklist's ``shared_text`` check enabled, a batch (or any run with ``--against``, a
reference folder) goes in two passes, so that every report is checked once, already knowing the
passages it shares:

1. ``survey``: each report is read, checked in full — every check but those that read the
   batch's passages (``BATCH``), which have none yet — and reduced to its fingerprint
   (``checker.analysis.similarity``), a few kilobytes with the quotes another report's passage
   may need, which goes back to the parent. It leaves in the run's ``Scratch`` folder the checked
   result and the report's own quotable sentences (as evidence), so nothing reads, outlines or
   checks the report again.
2. The parent indexes the fingerprints (and those of the reference folder) and finds the passages;
   ``Batch.quoted`` fills in each passage the other report's sentence from the index; ``check``
   loads the result, fills in the report's own side and runs the batch checks on the passages, so
   its outputs — every format — carry the findings, naming the other report and quoting both places.

Memory stays flat in batch size: no result is kept, the index, its passages and the pairs live in
a temporary SQLite database (``Batch``, ``Shared``, ``Pairs``), and the scratch folder (about the
batch's text on disk) is removed with the run.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.analysis import evidence
from checker.checklist.model import Checklist, Element
from checker.result import Evidence, ReportResult, SimilarPair
from checker.rules import findings
from checker.rules import registry as rules
from checker.run import ledger, pipeline
from checker.run.choice import Selection
from checker.structure.outline import Outline, Sentence

if TYPE_CHECKING:  # a single check fingerprints nothing: similarity is imported where a batch needs it
    from checker.analysis.similarity import Fingerprint, Index, PairTotals, SharedPassage

CHECK_TYPE = "shared_text"
_wording: dict[int, Any] = {}  # per checklist object: the checklist's own wording, compiled once per process
# line -> (its first body sentence as evidence, [(hash, evidence) of each sentence on it the fingerprint kept])
Quotes = dict[int, tuple[Evidence, list[tuple[int, Evidence]]]]
# The same as kept in the scratch folder, each Evidence as a plain tuple (loaded in C, not one Python call each).
_StoredQuotes = dict[int, tuple[tuple[Any, ...], list[tuple[int, tuple[Any, ...]]]]]


def params(checklist: Checklist | Selection) -> dict[str, Any] | None:
    """The params of the checklist's enabled ``shared_text`` check (defaults filled in), or None when it has none.

    For a run that picks each report's checklist, the batch's settings are those of the checklist
    named (``fixed``, else the settings' default), else of the first bundled candidate; each report's
    fingerprint follows its own checklist.
    """
    if isinstance(checklist, Selection):
        from checker.run.choice import candidates

        checklist = checklist.fixed or checklist.default or candidates()[0]
    check = next((check for check in checklist.checks if check.type == CHECK_TYPE and check.enabled), None)
    if check is None:
        return None
    return {**rules.module(CHECK_TYPE).DEFAULTS, **check.params}


@dataclass(frozen=True)
class Scratch:
    """The run's scratch folder: what each report's first look leaves for the rest of the batch.

    Per report (by a hash of its path), ``.checked``: its checked result and its own quotable
    sentences as evidence (``Quotes``: by line, the sentences its fingerprint kept and each such
    line's first body sentence), loaded (and deleted) by its batch checks. The result's checklist
    and elements are not stored: they are the run's own, named in the file and found again when it
    is loaded (``_Keeper``, ``_Finder``). What other reports quote of it travels in its fingerprint
    to the index instead. zlib-compressed pickles, written and read only by this run's own
    processes in a folder only its user can open (``tempfile.mkdtemp``), removed with the run
    (``scratch``).
    """

    folder: Path

    def _file(self, path: Path | str, kind: str) -> Path:
        return self.folder / f"{hashlib.blake2b(str(path).encode('utf-8', 'surrogatepass'), digest_size=16).hexdigest()}.{kind}"

    def _put(self, path: Path | str, kind: str, value: object) -> None:
        import pickle
        import zlib

        self._file(path, kind).write_bytes(zlib.compress(pickle.dumps(value, pickle.HIGHEST_PROTOCOL), 1))

    def _get(self, path: Path | str, kind: str) -> Any:
        import pickle
        import zlib

        try:
            return pickle.loads(zlib.decompress(self._file(path, kind).read_bytes()))
        except FileNotFoundError:
            return None

    def keep(self, path: Path, result: ReportResult, year: int, quotes: Quotes | None) -> None:
        # the quotes as plain tuples: they load in C, an Evidence each cost a Python call
        own = {line: (tuple(first), [(value, tuple(found)) for value, found in on_line]) for line, (first, on_line) in (quotes or {}).items()}
        body = io.BytesIO()
        _picklers()[0](body, result.checklist).dump(result)
        self._put(path, "checked", (result.metadata, year, body.getvalue(), own))

    def checked(self, path: Path, checklist: Checklist | Selection) -> tuple[ReportResult, int, _StoredQuotes] | None:
        """The report as its first look checked it, its year and its own quotes (no longer kept); None when nothing was kept."""
        stored = self._get(path, "checked")
        if stored is None:
            return None
        self._file(path, "checked").unlink()
        meta, year, body, own = stored
        chosen = checklist.choose(path, meta, year).checklist if isinstance(checklist, Selection) else checklist
        return _picklers()[1](io.BytesIO(body), chosen).load(), year, own


def _element(element_id: str) -> Any:
    """Stands, in a kept result, for the run's own element (or checklist, for ``""``): ``_Finder`` resolves it."""
    raise AssertionError("resolved by _Finder when a kept result is loaded")


@cache
def _picklers() -> tuple[Any, Any]:
    """``_Keeper`` and ``_Finder``, defined on first use: a single check never imports pickle (tests/test_startup.py)."""
    import pickle

    class _Keeper(pickle.Pickler):
        """Pickles a result without its checklist: the checklist and its elements are named, not copied (tens of
        kilobytes). By type, in the pickler's dispatch table: a per-object hook in Python cost more than the pickling."""

        def __init__(self, file: io.BytesIO, checklist: Checklist) -> None:
            super().__init__(file, pickle.HIGHEST_PROTOCOL)
            self.dispatch_table = {
                **copyreg.dispatch_table,
                type(checklist): lambda _: (_element, ("",)),
                Element: lambda element: (_element, (element.id,)),
            }

    class _Finder(pickle.Unpickler):
        """Loads what ``_Keeper`` wrote, with the run's own checklist and elements in their places."""

        def __init__(self, file: io.BytesIO, checklist: Checklist) -> None:
            super().__init__(file)
            self._found: dict[str, Any] = {"": checklist, **{element.id: element for element in checklist.elements}}

        def find_class(self, module: str, name: str) -> Any:  # noqa: D102 - pickle's hook
            if (module, name) == (__name__, _element.__name__):
                return self._found.__getitem__
            return super().find_class(module, name)

    return _Keeper, _Finder


@contextmanager
def scratch() -> Iterator[Scratch]:
    """A fresh scratch folder for one run, removed (with whatever is in it) when the run ends, interrupted or not."""
    import tempfile  # only a compared batch has one

    with tempfile.TemporaryDirectory(prefix="rolcheck-batch-") as folder:
        yield Scratch(Path(folder))


def _quotable(tree: Outline, kept: list[Sentence], hashes: Iterable[int]) -> Quotes:
    """What a passage quotes on each line of a kept sentence, as evidence: the kept sentences' hashes and
    evidence, and the line's first body sentence for a hash not on it (any other body sentence fails the
    fingerprint's test, so has no kept hash): a passage quotes the sentence on its first line whose hash is the
    passage's first, else that line's first body sentence."""
    quotes = {id(sentence): evidence.of_sentence(sentence) for sentence in kept}
    found: Quotes = {}
    for sentence, value in zip(kept, hashes):
        found.setdefault(sentence.line, (quotes[id(sentence)], []))[1].append((value, quotes[id(sentence)]))
    first: set[int] = set()
    for sentence in tree.sentences:
        if sentence.is_heading:
            continue
        line = sentence.line
        if line in found and line not in first:
            first.add(line)
            found[line] = (quotes[id(sentence)] if id(sentence) in quotes else evidence.of_sentence(sentence), found[line][1])
    return found


def survey(path: Path, checklist: Checklist | Selection, max_bytes: int, kept: Scratch) -> Fingerprint | None:
    """The first look at a report: its fingerprint (None without a ``shared_text`` check); its result and
    quotable sentences are left in ``kept``.

    Raises ``RolcheckError`` for a file the check refuses: unreadable, or not about the checklist's subject at all.
    """
    with pipeline.collector_paused():
        prepared = pipeline.prepare(path, max_bytes)
        chosen = pipeline.choose(path, checklist, prepared).checklist
        settings = params(chosen)
        found, quotes = None, None
        if settings is not None:  # (a checklist chosen for this report may compare nothing)
            from checker.analysis import similarity

            if id(chosen) not in _wording:
                _wording[id(chosen)] = similarity.checklist_wording(chosen)
            sentences: list[Sentence] = []
            # before the check, which gives the outline's sentences their time scopes and frees it
            found = similarity.fingerprint(
                str(path), prepared.outline, prepared.metadata.issuer, _wording[id(chosen)], settings["min_sentence_chars"], sentences
            )
            quotes = _quotable(prepared.outline, sentences, found.hashes)
            rows: list[tuple[int, int | None, str]] = []
            for line, (first, on_line) in quotes.items():
                rows.append((line, None, first.quote))
                rows.extend((line, value, one.quote) for value, one in on_line)
            found = replace(found, quotes=tuple(rows))
        year = prepared.year
        kept.keep(path, pipeline.check(path, checklist, max_bytes, prepared=prepared), year, quotes)
    return found


def check(path: Path, checklist: Checklist | Selection, max_bytes: int, shared: tuple[SharedPassage, ...], kept: Scratch) -> ReportResult:
    """A surveyed report's result, with the findings of the checks that read the passages it shares (``BATCH``),
    each passage given the report's own first shared sentence as evidence."""
    stored = kept.checked(path, checklist)
    if stored is None:  # never surveyed (not expected): checked now, whole
        return pipeline.check(path, checklist, max_bytes, shared)
    result, year, own = stored
    if not shared:
        return result
    filled = []
    for passage in shared:
        first, on_line = own.get(passage.own_lines[0], (None, []))
        found = next((evidence for value, evidence in on_line if value == passage.first), first)
        filled.append(passage._replace(own_evidence=Evidence(*found) if found is not None else None))
    return findings.with_batch(result, year, tuple(filled))


class Pairs(Collection[SimilarPair]):
    """The pairs page's rows, most shared first, read from the index's database each time they are listed (never kept)."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.count: int | None = None  # counted when first asked: by then every passage has been found

    def __len__(self) -> int:
        if self.count is None:
            with ledger.writing():
                self.count = self.index.pair_count()
        return self.count

    def __iter__(self) -> Iterator[SimilarPair]:
        with ledger.writing():  # sorting the pairs may spill to a temporary file
            for totals in self.index.pairs():
                yield _summary(totals)

    def __contains__(self, pair: object) -> bool:
        return any(pair == mine for mine in self)


def _summary(totals: PairTotals) -> SimilarPair:
    """One pair as the pairs page lists it: the batch's report first, a reference second."""
    a, a_chars, b, b_chars = totals.a, totals.a_chars, totals.b, totals.b_chars
    if totals.a_reference:
        a, a_chars, b, b_chars = b, b_chars, a, a_chars
    return SimilarPair(
        a,
        b,
        totals.chars,
        totals.passages,
        totals.sentences,
        totals.chars / a_chars if a_chars else 0.0,
        totals.chars / b_chars if b_chars else 0.0,
        totals.a_reference or totals.b_reference,
    )


@dataclass
class Batch:
    """The index of a run (on disk, ``checker.run.ledger.temporary_database``) and what it found."""

    settings: dict[str, Any]
    index: Index

    @classmethod
    def start(cls, checklist: Checklist | Selection) -> Batch | None:
        from checker.analysis.similarity import Index

        settings = params(checklist)
        return cls(settings, Index(ledger.temporary_database)) if settings is not None else None

    def add(self, found: Fingerprint | None, reference: bool = False) -> None:
        if found is not None:
            with ledger.writing():
                self.index.add(found, reference)

    def quoted(self, passages: tuple[SharedPassage, ...]) -> tuple[SharedPassage, ...]:
        """The passages with the other report's first shared sentence quoted, from the index."""
        with ledger.writing():
            quotes = self.index.quotes([(passage.other, passage.other_lines[0], passage.first) for passage in passages])
        return tuple(passage._replace(other_quote=quote) for passage, quote in zip(passages, quotes))

    def shared(self) -> tuple[Shared, Pairs]:
        """Each batch report's shared passages, by path (not yet quoted), and one summary per pair of reports for the
        pairs page: both found as they are asked for, in the order the reports were surveyed (``Index.find_through``)."""
        settings = self.settings
        with ledger.writing():
            self.index.start_finding(settings["min_sentences"], settings["min_chars"], settings["common_share"], settings["common_min"])
        return Shared(self.index), Pairs(self.index)


class Shared:
    """Report path → the passages it shares, looked up in the index's database as each report is sent to be checked."""

    def __init__(self, index: Index) -> None:
        self.index = index

    def get(self, path: str, default: tuple[SharedPassage, ...] = ()) -> tuple[SharedPassage, ...]:
        with ledger.writing():
            return self.index.shared(path) or default


def check_together(paths: list[Path], checklist: Checklist | Selection, max_bytes: int, references: tuple[Path, ...] = ()) -> list[ReportResult]:
    """Check a few reports as one batch (and against ``references``), in memory: for tests and library use.

    The runner does the same streaming, in worker processes, without keeping the results.
    """
    batch = Batch.start(checklist)
    if batch is None:
        return [pipeline.check(path, checklist, max_bytes) for path in paths]
    with scratch() as kept:
        for path in references:
            batch.add(survey(path, checklist, max_bytes, kept), reference=True)
        for path in paths:
            batch.add(survey(path, checklist, max_bytes, kept))
        shared, _ = batch.shared()
        return [check(path, checklist, max_bytes, batch.quoted(shared.get(str(path), ())), kept) for path in paths]
