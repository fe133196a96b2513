"""Evidence: turn a place in the outline into a quotable line of the original file.

Element verdicts and check findings both point a reader at lines, so both quote the same way:
the quote lies entirely on the line it names (a sentence rejoined across a page break is cut
back to that line) and is at most ``QUOTE_MAX_CHARS`` long, centred on what matters.
"""

from __future__ import annotations

from checker.reading.normalise import Paragraph
from checker.result import Evidence
from checker.structure.outline import Section, Sentence

QUOTE_MAX_CHARS = 60


def quote(sentence: Sentence, start: int, end: int) -> tuple[int, str]:
    """The line of ``sentence[start:end]`` and a quote around it that lies entirely on that original line."""
    line = sentence.line_of(start)
    # Only characters near the quote are looked at, so quoting stays cheap in a very long sentence.
    centre = (start + end) // 2
    at = min(start, max(len(sentence.text) - 1, 0))
    lowest = max(0, min(at, centre) - 2 * QUOTE_MAX_CHARS)
    highest = min(len(sentence.text), max(at + 1, centre) + 2 * QUOTE_MAX_CHARS)
    first, last = at, at + 1
    while first > lowest and sentence.line_of(first - 1) == line:
        first -= 1
    while last < highest and sentence.line_of(last) == line:
        last += 1
    if last - first > QUOTE_MAX_CHARS:
        first = max(first, min(centre - QUOTE_MAX_CHARS // 2, last - QUOTE_MAX_CHARS))
        last = min(last, first + QUOTE_MAX_CHARS)
    return line, sentence.text[first:last].strip()


def of_sentence(sentence: Sentence, kind: str = "sentence", start: int = 0, end: int | None = None) -> Evidence:
    """Evidence for ``sentence[start:end]`` (the whole sentence by default), quoted on its line."""
    end = len(sentence.text) if end is None else end
    line, text = quote(sentence, start, min(end, start + QUOTE_MAX_CHARS))
    matched = sentence.text[start:end].strip()[:QUOTE_MAX_CHARS]
    return Evidence(line, tuple(sentence.section.path), text, matched, kind, sentence.paragraph.page(line))


def of_section(section: Section) -> Evidence | None:
    """Evidence for a section: its heading, else its first sentence; None for an empty section."""
    if section.heading is not None:
        return of_sentence(section.heading, "heading")
    first = next(section.all_sentences(), None)
    return of_sentence(first) if first is not None else None


def of_paragraph(paragraph: Paragraph, kind: str = "metadata") -> Evidence:
    """Evidence for a title-block or signature line, which sits outside the outline's sections."""
    text = paragraph.text[:QUOTE_MAX_CHARS]
    return Evidence(paragraph.first_line, (), text, text, kind, paragraph.page(paragraph.first_line))
