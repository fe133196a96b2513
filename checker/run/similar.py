"""Batch similarity, wired: a first look fingerprints every report, one index in the parent, then one check per report.

With the checklist's ``shared_text`` check enabled, a batch (or any run with ``--against``, a
reference folder) goes in two passes, so that every report is checked once, already knowing the
passages it shares:

1. ``survey``: each report is read, normalised, outlined and its metadata taken — the stages
   before matching, about a sixth of a check — and reduced to its fingerprint
   (``checker.analysis.similarity``), a few kilobytes, which goes back to the parent. It also
   leaves in the run's ``Scratch`` folder what the rest of the batch needs without opening the
   file again: the report's quotable sentences, and for a format that is costly to read (Word,
   PDF, OFD, a scanned page, a web page) the text as read.
2. The parent indexes the fingerprints (and those of the reference folder) and finds the passages;
   ``quoted`` fills in each passage the other report's sentence from the scratch folder; ``check``
   checks each report once with its passages in its context, so its outputs — every format —
   carry the findings, naming the other report and quoting both places.

Memory stays flat in batch size apart from the fingerprints: no result is kept, and the scratch
folder (about the batch's text on disk) is removed with the run.
"""

from __future__ import annotations

import hashlib
import pickle
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.analysis import evidence
from checker.checklist.model import Checklist
from checker.reading import readers
from checker.result import ReportResult, SimilarPair
from checker.rules import registry as rules
from checker.run import pipeline
from checker.run.choice import Selection
from checker.structure.outline import Outline, Sentence

if TYPE_CHECKING:  # a single check fingerprints nothing: similarity is imported where a batch needs it
    from checker.analysis.similarity import Fingerprint, Index, SharedPassage

CHECK_TYPE = "shared_text"
# Formats read again faster than their pickle is loaded: the scratch folder keeps the text of the others.
CHEAP_TO_READ = frozenset({"text", "markdown"})
_wording: dict[int, Any] = {}  # per checklist object: the checklist's own wording, compiled once per process
# line -> (the quote of its first body sentence, [(hash, quote) of each sentence on it the fingerprint kept])
Quotes = dict[int, tuple[str, list[tuple[int, str]]]]


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

    Per report (by a hash of its path): ``.quotes``, the sentences its fingerprint kept as
    (hash, quote) by line, with each such line's first body sentence — so a report that shares a
    passage with it quotes it without reading it again; and ``.prepared``, the report as the first
    look prepared it (outline and metadata; for a format not in ``CHEAP_TO_READ``, or standard
    input, which cannot be read twice, the text as read too), which its one check loads instead of
    outlining the report again, and deletes. zlib-compressed pickles (about 15 KB in all for a
    15 KB text report), written and read only by this run's own processes in a folder only its user can open
    (``tempfile.mkdtemp``), removed with the run (``scratch``).
    """

    folder: Path

    def _file(self, path: Path | str, kind: str) -> Path:
        return self.folder / f"{hashlib.blake2b(str(path).encode('utf-8', 'surrogatepass'), digest_size=16).hexdigest()}.{kind}"

    def _put(self, path: Path | str, kind: str, value: object) -> None:
        self._file(path, kind).write_bytes(zlib.compress(pickle.dumps(value, pickle.HIGHEST_PROTOCOL), 1))

    def _get(self, path: Path | str, kind: str) -> Any:
        try:
            return pickle.loads(zlib.decompress(self._file(path, kind).read_bytes()))
        except FileNotFoundError:
            return None

    def keep(self, path: Path, prepared: pipeline.Prepared, quotes: Quotes | None) -> None:
        if quotes is not None:
            self._put(path, "quotes", quotes)
        source = prepared.source
        again = source.format in CHEAP_TO_READ and str(path) != readers.STDIN
        self._put(path, "prepared", (None if again else source, source.digest, prepared.outline, prepared.metadata, prepared.year))

    def prepared(self, path: Path, max_bytes: int) -> pipeline.Prepared | None:
        """The report as its first look prepared it (and no longer kept); None when nothing was kept.

        A plain-text report is read again (faster than keeping its text), and prepared afresh if it changed since.
        """
        stored = self._get(path, "prepared")
        if stored is None:
            return None
        self._file(path, "prepared").unlink()
        source, digest, tree, meta, year = stored
        if source is None:
            source = readers.read_report(path, max_bytes)
            if source.digest != digest:
                return pipeline.prepare(path, max_bytes, source)
        return pipeline.Prepared(source, tree, meta, year)

    def quotes(self, path: str) -> Quotes:
        """The quotable sentences of the report at ``path``; none when it left none."""
        return self._get(path, "quotes") or {}


@contextmanager
def scratch() -> Iterator[Scratch]:
    """A fresh scratch folder for one run, removed (with whatever is in it) when the run ends, interrupted or not."""
    import tempfile  # only a compared batch has one

    with tempfile.TemporaryDirectory(prefix="rolcheck-batch-") as folder:
        yield Scratch(Path(folder))


def _quote(sentence: Sentence) -> str:
    """The quote ``evidence.of_sentence(sentence)`` gives, without building the rest of the evidence."""
    return evidence.quote(sentence, 0, min(len(sentence.text), evidence.QUOTE_MAX_CHARS))[1]


def _quotable(tree: Outline, kept: list[Sentence], hashes: Iterable[int]) -> Quotes:
    """What ``similarity.first_on_line`` picks on each line of a kept sentence, quoted: the kept sentences' hashes and quotes,
    and the line's first body sentence for a hash not on it (any other body sentence fails the fingerprint's test, so has no kept hash)."""
    quotes = {id(sentence): _quote(sentence) for sentence in kept}
    found: Quotes = {}
    for sentence, value in zip(kept, hashes):
        found.setdefault(sentence.line, ("", []))[1].append((value, quotes[id(sentence)]))
    first: set[int] = set()
    for sentence in tree.sentences:
        if sentence.is_heading:
            continue
        line = sentence.line
        if line in found and line not in first:
            first.add(line)
            found[line] = (quotes[id(sentence)] if id(sentence) in quotes else _quote(sentence), found[line][1])
    return found


def survey(path: Path, checklist: Checklist | Selection, max_bytes: int, kept: Scratch) -> Fingerprint | None:
    """The first look at a report: its fingerprint (None without a ``shared_text`` check), what its check needs left in ``kept``.

    Raises ``RolcheckError`` for a file the check would refuse: unreadable, or (checked in full, as
    rarely happens) not about the checklist's subject at all.
    """
    from checker.analysis import similarity

    with pipeline.collector_paused():
        prepared = pipeline.prepare(path, max_bytes)
        chosen = pipeline.choose(path, checklist, prepared).checklist
        settings = params(chosen)
        if settings is None:  # a checklist chosen for this report that compares nothing
            kept.keep(path, prepared, None)
            return None
        if id(chosen) not in _wording:
            _wording[id(chosen)] = similarity.checklist_wording(chosen)
        sentences: list[Sentence] = []
        found = similarity.fingerprint(str(path), prepared.outline, prepared.metadata.issuer, _wording[id(chosen)], settings["min_sentence_chars"], sentences)
        kept.keep(path, prepared, _quotable(prepared.outline, sentences, found.hashes))
    if not pipeline.mentions_subject(chosen, prepared.source.lines):
        pipeline.analyse(path, checklist, max_bytes, prepared=prepared)  # raises if off-subject (kept above: a check changes the outline)
    return found


def check(path: Path, checklist: Checklist | Selection, max_bytes: int, shared: tuple[SharedPassage, ...], kept: Scratch) -> ReportResult:
    """The one check of a surveyed report, with the passages it shares in its context."""
    with pipeline.collector_paused():  # loading the outline makes as many objects as building it
        return pipeline.check(path, checklist, max_bytes, shared, kept.prepared(path, max_bytes))


def quoted(passages: tuple[SharedPassage, ...], kept: Scratch) -> tuple[SharedPassage, ...]:
    """The passages with the other report's first shared sentence quoted (each other report's quotes loaded once)."""
    others: dict[str, Quotes] = {}
    filled = []
    for passage in passages:
        if passage.other not in others:
            others[passage.other] = kept.quotes(passage.other)
        first, on_line = others[passage.other].get(passage.other_lines[0], ("", []))
        quote = next((text for value, text in on_line if value == passage.first), first)
        filled.append(replace(passage, other_quote=quote))
    return tuple(filled)


@dataclass
class Batch:
    """The index of a run and what it found: per report (by path) the passages it shares."""

    settings: dict[str, Any]
    index: Index

    @classmethod
    def start(cls, checklist: Checklist | Selection) -> Batch | None:
        from checker.analysis.similarity import Index

        settings = params(checklist)
        return cls(settings, Index()) if settings is not None else None

    def add(self, found: Fingerprint | None, reference: bool = False) -> None:
        if found is not None:
            self.index.add(found, reference)

    def shared(self) -> tuple[dict[str, tuple[SharedPassage, ...]], list[SimilarPair]]:
        """Each batch report's shared passages by path (not yet quoted), and one summary per pair of reports for the pairs page."""
        from checker.analysis import similarity

        settings = self.settings
        passages = self.index.passages(settings["min_sentences"], settings["min_chars"], settings["common_share"], settings["common_min"])
        per_report = similarity.for_each_report(self.index, passages)
        by_path = {self.index.prints[number].path: tuple(found) for number, found in per_report.items()}
        pairs: dict[tuple[int, int], list[int]] = {}
        for passage in passages:
            totals = pairs.setdefault((passage.a, passage.b), [0, 0, 0])
            totals[0] += passage.chars
            totals[1] += 1
            totals[2] += passage.sentences
        summaries = []
        for (a, b), (chars, count, sentences) in pairs.items():
            if self.index.reference[a]:  # the batch's report first, the reference second
                a, b = b, a
            first, second = self.index.prints[a], self.index.prints[b]
            summaries.append(
                SimilarPair(
                    first.path,
                    second.path,
                    chars,
                    count,
                    sentences,
                    chars / first.total_chars if first.total_chars else 0.0,
                    chars / second.total_chars if second.total_chars else 0.0,
                    self.index.reference[a] or self.index.reference[b],
                )
            )
        summaries.sort(key=lambda pair: -max(pair.share_a, pair.share_b))
        return by_path, summaries


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
        return [check(path, checklist, max_bytes, quoted(shared.get(str(path), ()), kept), kept) for path in paths]
