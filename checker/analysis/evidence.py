"""Evidence: turn a place in the outline into a quotable line of the original file.

Element verdicts and check findings both point a reader at lines, so both quote the same way:
the quote lies entirely on the line it names (a sentence rejoined across a page break is cut
back to that line) and is at most ``QUOTE_MAX_CHARS`` long, centred on what matters. A long
line is cut where a reader would cut it: after a punctuation mark when one is near, never
inside a number or a Latin word; the evidence records which ends were cut, and renderers show
"…" there (``Evidence.shown``).
"""

from __future__ import annotations

from checker.common.chinese import QUOTE_BREAKS as BREAKS
from checker.reading.normalise import Paragraph
from checker.result import Evidence
from checker.structure.outline import Section, Sentence

QUOTE_MAX_CHARS = 60
# How far a cut may move to land after a punctuation mark instead of inside a phrase.
CUT_SLACK = 14


def _joined(text: str, at: int) -> bool:
    """Whether a cut at ``at`` would split a number or a Latin word (1286 → 12|86)."""
    if not 0 < at < len(text):
        return False
    before, after = text[at - 1], text[at]
    return before.isascii() and after.isascii() and (before.isalnum() or before in ".%") and after.isalnum()


def _cut_start(text: str, first: int, limit: int) -> int:
    """A start at or after ``first`` (and not past ``limit``) just after a punctuation mark, else off any word."""
    for at in range(first, min(first + CUT_SLACK, limit) + 1):
        if text[at - 1] in BREAKS:
            return at
    while first < limit and _joined(text, first):
        first += 1
    return first


def _cut_end(text: str, last: int, limit: int) -> int:
    """An end at or before ``last`` (and not before ``limit``) just after a punctuation mark, else off any word."""
    for at in range(last, max(last - CUT_SLACK, limit) - 1, -1):
        if text[at - 1] in BREAKS:
            return at
    while last > limit and _joined(text, last):
        last -= 1
    return last


def quote_span(sentence: Sentence, start: int, end: int) -> tuple[int, str, bool, bool]:
    """The line of ``sentence[start:end]``, a quote around it lying entirely on that original line,
    and whether the quote was cut before its start and after its end."""
    line = sentence.line_of(start)
    line_first, line_last = _span_on_line(sentence, line)
    first, last = line_first, line_last
    if last - first > QUOTE_MAX_CHARS:
        centre = (start + end) // 2
        first = max(first, min(centre - QUOTE_MAX_CHARS // 2, last - QUOTE_MAX_CHARS))
        last = min(last, first + QUOTE_MAX_CHARS)
        if first > line_first:
            first = _cut_start(sentence.text, first, max(first, min(start, last - 1)))
        if last < line_last:
            last = _cut_end(sentence.text, last, min(last, max(end, first + 1)))
    text = sentence.text[first:last]
    clipped_start = bool(sentence.text[line_first:first].strip())
    clipped_end = bool(sentence.text[last:line_last].strip())
    return line, text.strip(), clipped_start, clipped_end


def quote(sentence: Sentence, start: int, end: int) -> tuple[int, str]:
    """The line of ``sentence[start:end]`` and a quote around it that lies entirely on that original line."""
    line, text, _, _ = quote_span(sentence, start, end)
    return line, text


def _span_on_line(sentence: Sentence, line: int) -> tuple[int, int]:
    """The first and one past the last offset of ``sentence`` whose character is on ``line``
    (looked up in the runs of the paragraph's line map, not character by character)."""
    return sentence.paragraph.lines.span(line, sentence.start, sentence.start + len(sentence.text))


def of_sentence(sentence: Sentence, kind: str = "sentence", start: int = 0, end: int | None = None) -> Evidence:
    """Evidence for ``sentence[start:end]`` (the whole sentence by default), quoted on its line."""
    end = len(sentence.text) if end is None else end
    line, text, clipped_start, clipped_end = quote_span(sentence, start, min(end, start + QUOTE_MAX_CHARS))
    matched = sentence.text[start:end].strip()[:QUOTE_MAX_CHARS]
    return Evidence(line, sentence.section.path, text, matched, kind, sentence.paragraph.page(line), clipped_start, clipped_end)


def of_section(section: Section) -> Evidence | None:
    """Evidence for a section: its heading, else its first sentence; None for an empty section."""
    if section.heading is not None:
        return of_sentence(section.heading, "heading")
    first = next(section.all_sentences(), None)
    return of_sentence(first) if first is not None else None


def of_paragraph(paragraph: Paragraph, kind: str = "metadata") -> Evidence:
    """Evidence for a title-block or signature line, which sits outside the outline's sections."""
    last = len(paragraph.text)
    if last > QUOTE_MAX_CHARS:
        last = _cut_end(paragraph.text, QUOTE_MAX_CHARS, 1)
    text = paragraph.text[:last]
    clipped = bool(paragraph.text[last:].strip())
    return Evidence(paragraph.first_line, (), text, text, kind, paragraph.page(paragraph.first_line), clipped_end=clipped)
