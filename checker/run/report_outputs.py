"""One checked report's outputs: each requested format rendered and written to the path the run's plan gave it.

In a batch this runs where the report was checked — in the worker process — so what travels
back to the main process is ``Written``, a few hundred bytes, instead of the whole result (which
carries the checklist and the report's text: about 50 KB pickled). The main process hands out
the paths before the report is checked (``checker.run.outputs.Plan``), prints what ``Written``
says in the order it would have printed it, and keeps only the dashboard row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from checker.output import renderers
from checker.result import ReportResult, SummaryRow, summarise
from checker.run import outputs

# Each format of the run and where it goes: an output path, or None for a format written to standard output.
Targets = tuple[tuple[str, "Path | None"], ...]


@dataclass(frozen=True)
class Written:
    """What the run needs of a report once its outputs are written: its row, the files, what to print."""

    row: SummaryRow  # the dashboard row, linking to the report's HTML output (else its first file)
    files: tuple[Path, ...]  # the files written, in format order
    attempted: int  # files tried (a file that could not be written is a warning, not an error)
    said: tuple[tuple[bool, str], ...]  # (to stderr, text) in order: the formats written to standard output, warnings
    markdown: str | None = None  # the Markdown gap table for $GITHUB_STEP_SUMMARY, when the run writes one


def targets(plan: outputs.Plan, path: Path, formats: Sequence[str]) -> Targets:
    """Where each format of the report at ``path`` goes: the plan's path, or None for standard output."""
    return tuple((name, None if (renderer := renderers.get(name)).to_stdout else plan.report(path, renderer.extension)) for name in formats)


def write(result: ReportResult, where: Targets, lang: str, step_summary: bool) -> Written:
    """Render ``result`` in every format of ``where`` and write the files; ``step_summary`` also renders the Markdown for it."""
    said: list[tuple[bool, str]] = []
    files: list[Path] = []
    for name, target in where:
        renderer = renderers.get(name)
        if target is None:
            said.append((False, renderer.render(result, lang)))
            continue
        # (chunks: a format that streams, the HTML report, is written as it is made)
        output = renderer.render_bytes(result, lang) if renderer.binary else renderer.chunks(result, lang)
        try:
            outputs.write_atomically(target, output)
        except OSError as exc:
            said.append((True, f"rolcheck: 警告：无法写入 {target}（{exc.strerror}）\n"))
        else:
            files.append(target)
    link = next((target for target in files if target.suffix == ".html"), files[0] if files else None)
    others = tuple(dict.fromkeys(item.section[0] for f in result.findings for item in f.evidence if item.kind == "other_report" and item.section))
    row = replace(summarise(result, link.name if link else None), similar=others)
    markdown = renderers.get("md").render(result, lang) if step_summary else None
    attempted = sum(target is not None for _, target in where)
    return Written(row, tuple(files), attempted, tuple(said), markdown)
