"""Batch output ``similar.html``: the pairs of reports that share passages, most shared first.

The dashboard's 相似 column says which reports have copies; this page says with which, how
many characters they share and what share of each report that is, each report linking to its
own gap report, where the findings quote both places.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache

from checker import __version__
from checker.output import templates
from checker.output.labels import labels
from checker.output.links import file_href
from checker.result import BatchResult


# The hrefs kept while the page is written: a report is in a pair with dozens of others (18 times on
# average in a generated 1,000-report batch), but a dict of every listed report's would grow with the batch.
HREFS_KEPT = 4096


class _Hrefs(Mapping[str, str]):
    """Report path → the href of its gap report, looked up as the page needs it (a large batch's links are on
    disk), the last ``HREFS_KEPT`` kept."""

    def __init__(self, links: Mapping[str, str]) -> None:
        self.links = links
        self._href = lru_cache(maxsize=HREFS_KEPT)(self._lookup)

    def _lookup(self, path: str) -> str:
        return file_href(self.links[path])  # ./name: never a scheme

    def __getitem__(self, path: str) -> str:
        return self._href(path)

    def __iter__(self) -> Iterator[str]:
        return iter(self.links)

    def __len__(self) -> int:
        return len(self.links)


def render_pairs(batch: BatchResult, lang: str = "zh") -> Iterator[str]:
    """The pairs page, in chunks (a large batch may list many pairs)."""
    table = labels(lang)
    template, css = templates.load("similar.html.j2")
    return template.generate(
        pairs=batch.pairs,
        links=_Hrefs(batch.links),
        checklist=batch.checklist,
        reports=len(batch.rows),
        t=table,
        lang=lang,
        css=css,
        generated_by=table["generated_by"].format(version=__version__),
    )
