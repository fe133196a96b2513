"""Batch similarity, wired: fingerprints where reports are checked, one index in the parent, a second look at the copies.

The runner checks every report as before; with the checklist's ``shared_text`` check enabled,
each check also returns the report's fingerprint (``checker.analysis.similarity``), a few
kilobytes. After the batch the parent indexes the fingerprints (and those of the reference
folder, ``--against``), and only the reports that share a passage are checked again with the
passages in their context, so their outputs — every format — carry the findings, naming the
other report and quoting both places. Memory stays flat in batch size: no result is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.analysis import evidence
from checker.checklist.model import Checklist
from checker.common.errors import RolcheckError
from checker.reading import readers
from checker.reading.normalise import normalise
from checker.result import ReportResult, SimilarPair
from checker.rules import registry as rules
from checker.run.choice import Selection
from checker.run.pipeline import analyse
from checker.structure import metadata, outline
from checker.structure.outline import Sentence

if TYPE_CHECKING:
    from checker.analysis.similarity import Fingerprint, Index, SharedPassage

CHECK_TYPE = "shared_text"
_wording: dict[int, Any] = {}  # per checklist object: the checklist's own wording, compiled once per process


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


def fingerprint_file(
    path: Path, checklist: Checklist | Selection, max_bytes: int, shared: tuple[SharedPassage, ...] = (), fingerprint: bool = True
) -> tuple[ReportResult, Fingerprint | None]:
    """Check ``path`` and fingerprint it: (result, fingerprint); no fingerprint when not asked or without a ``shared_text`` check."""
    result, context = analyse(path, checklist, max_bytes, shared)
    chosen = result.checklist
    settings = params(chosen)
    if settings is None or not fingerprint:
        return result, None
    from checker.analysis import similarity  # imported here: a single check fingerprints nothing

    if id(chosen) not in _wording:
        _wording[id(chosen)] = similarity.checklist_wording(chosen)
    found = similarity.fingerprint(str(path), context.outline, context.metadata.issuer, _wording[id(chosen)], settings["min_sentence_chars"])
    return result, found


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
        """Each batch report's shared passages by path, and one summary per pair of reports for the pairs page."""
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


def _outline(path: Path, max_bytes: int) -> tuple[list[Sentence], list[str]]:
    """A report's sentences and place names (read and outlined, not checked again); nothing if it cannot be read."""
    try:
        normalised = normalise(readers.read_report(path, max_bytes).lines)
    except RolcheckError:
        return [], []
    from checker.analysis import similarity

    tree = outline.build(normalised.paragraphs)
    return tree.sentences, similarity.place_names(metadata.extract(normalised, tree).issuer)


def with_quotes(passages: tuple[SharedPassage, ...], max_bytes: int) -> tuple[SharedPassage, ...]:
    """The passages with the other report's first shared sentence quoted (each other report read once)."""
    from checker.analysis import similarity

    others: dict[str, tuple[list[Sentence], list[str]]] = {}
    quoted = []
    for passage in passages:
        if passage.other not in others:
            others[passage.other] = _outline(Path(passage.other), max_bytes)
        sentences, places = others[passage.other]
        sentence = similarity.first_on_line(sentences, passage.other_lines[0], passage.first, places)
        quoted.append(replace(passage, other_quote=evidence.of_sentence(sentence).quote if sentence else ""))
    return tuple(quoted)


def check_together(paths: list[Path], checklist: Checklist | Selection, max_bytes: int, references: tuple[Path, ...] = ()) -> list[ReportResult]:
    """Check a few reports as one batch (and against ``references``), in memory: for tests and library use.

    The runner does the same streaming, in worker processes, without keeping the results.
    """
    batch = Batch.start(checklist)
    results = []
    for path in references:
        if batch is not None:
            batch.add(fingerprint_file(path, checklist, max_bytes)[1], reference=True)
    for path in paths:
        result, found = fingerprint_file(path, checklist, max_bytes)
        if batch is not None:
            batch.add(found)
        results.append(result)
    if batch is None:
        return results
    shared, _ = batch.shared()
    return [
        fingerprint_file(path, checklist, max_bytes, with_quotes(shared[str(path)], max_bytes), fingerprint=False)[0] if str(path) in shared else result
        for path, result in zip(paths, results)
    ]
