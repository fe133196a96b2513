"""Markdown reading: markdown-it-py finds the real headings, so ``#`` lines become outline nodes.

We let markdown-it-py parse the block structure (it knows fenced code, setext headings and
lists better than a regex) and only keep, per source line, its text and heading level. The
inline text stays as written; the normaliser strips emphasis for every format alike.
"""

from __future__ import annotations


from markdown_it import MarkdownIt

from checker.common import re_cache
from checker.reading.readers.text import lines as text_lines
from checker.reading.source import SourceLine

_ATX_MARKS = re_cache.compile(r"^\s{0,3}#{1,6}\s*|\s+#+\s*$")
_QUOTE_MARKS = re_cache.compile(r"^\s*(?:>\s*)*")
_BULLET = re_cache.compile(r"^[-*+]\s+")


def lines(decoded: str) -> list[SourceLine]:
    """Return the source lines with Markdown block markup removed and heading levels attached."""
    raw = text_lines(decoded)
    headings: dict[int, int] = {}
    underlines: set[int] = set()
    for token in MarkdownIt("commonmark").parse(decoded):
        if token.type == "heading_open" and token.map:
            start, end = token.map
            if token.markup.startswith(("=", "-")):
                # Setext: the underline is the last line, the heading the line above it. CommonMark
                # folds a paragraph just above into the heading; in a report those lines are body text.
                underlines.add(end - 1)
                start = end - 2
            headings[start] = int(token.tag[1])
    result = []
    for index, line in enumerate(raw):
        if index in underlines:
            result.append(SourceLine(line.number, ""))
        elif index in headings:
            result.append(SourceLine(line.number, _ATX_MARKS.sub("", line.text), headings[index]))
        else:
            text = _QUOTE_MARKS.sub("", line.text, count=1)
            bullet = _BULLET.match(text)
            # A bullet list item is an item of the outline, as 一是/二是 is; the marker itself goes.
            result.append(SourceLine(line.number, text[bullet.end() :] if bullet else text, list_item=bool(bullet)))
    return result
