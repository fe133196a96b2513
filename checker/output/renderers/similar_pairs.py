"""Batch output ``similar.html``: the pairs of reports that share passages, most shared first.

The dashboard's 相似 column says which reports have copies; this page says with which, how
many characters they share and what share of each report that is, each report linking to its
own gap report, where the findings quote both places.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker import __version__
from checker.output import templates
from checker.output.labels import labels
from checker.output.links import file_href
from checker.result import BatchResult


def render_pairs(batch: BatchResult, lang: str = "zh") -> Iterator[str]:
    """The pairs page, in chunks (a large batch may list many pairs)."""
    table = labels(lang)
    template, css = templates.load("similar.html.j2")
    return template.generate(
        pairs=batch.pairs,
        # ./name: never a scheme; only the listed reports' links (a large batch's are on disk)
        links={path: file_href(batch.links[path]) for pair in batch.pairs for path in (pair.a, pair.b) if path in batch.links},
        checklist=batch.checklist,
        reports=len(batch.rows),
        t=table,
        lang=lang,
        css=css,
        generated_by=table["generated_by"].format(version=__version__),
    )
