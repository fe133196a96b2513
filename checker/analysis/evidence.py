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
    first, last = _span_on_line(sentence, line)
    if last - first > QUOTE_MAX_CHARS:
        centre = (start + end) // 2
        first = max(first, min(centre - QUOTE_MAX_CHARS // 2, last - QUOTE_MAX_CHARS))
        last = min(last, first + QUOTE_MAX_CHARS)
    return line, sentence.text[first:last].strip()


def _span_on_line(sentence: Sentence, line: int) -> tuple[int, int]:
    """The first and one past the last offset of ``sentence`` whose character is on ``line``.

    Looked up in a slice of the paragraph's line map (C-level ``index``), not character by character.
    """
    lines = sentence.paragraph.lines
    begin, length = sentence.start, len(sentence.text)
    if 0 <= begin and begin + length <= len(lines):
        span = lines[begin : begin + length]
    else:  # a sentence reaching past its paragraph's map: clamp offsets as line_of does
        span = [sentence.line_of(index) for index in range(length)]
    return span.index(line), length - span[::-1].index(line)


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
