"""Markdown reading: markdown-it-py finds the real headings, so ``#`` lines become outline nodes.

We let markdown-it-py parse the block structure (it knows fenced code, setext headings and
lists better than a regex) and only keep, per source line, its text and heading level. The
inline text stays as written; the normaliser strips emphasis for every format alike.

Only the block structure is parsed, and its tokens are dropped block by block: markdown-it-py
keeps every token of a document in one list (about 440 bytes each, three or more per paragraph),
which on a 20 MB report was 160 MB held at once for the few fields a heading needs
(docs/performance.md).
"""

from __future__ import annotations


from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from checker.common import re_cache
from checker.reading.readers.text import lines as text_lines
from checker.reading.source import SourceLine

_ATX_MARKS = re_cache.compile(r"^\s{0,3}#{1,6}\s*|\s+#+\s*$")
_QUOTE_MARKS = re_cache.compile(r"^\s*(?:>\s*)*")
_BULLET = re_cache.compile(r"^[-*+]\s+")


class _Headings:
    """Heading levels by line index, and setext underlines, taken from the tokens as each top-level block ends.

    Registered as the first block rule, so markdown-it-py calls it before every block it parses; it
    never matches a block itself. At nesting level 0 (not inside a list or quote, whose opening
    token raised the level) the blocks parsed so far are complete and no rule looks back at their
    tokens, so it reads them and empties the list. (Not ``state.parentType == "root"``: the setext
    rule leaves it at "paragraph" when it finds no underline.)
    """

    def __init__(self) -> None:
        self.levels: dict[int, int] = {}
        self.underlines: set[int] = set()

    def rule(self, state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if state.level == 0:
            self.take(state.tokens)
        return False

    def take(self, tokens: list) -> None:
        for token in tokens:
            if token.type == "heading_open" and token.map:
                start, end = token.map
                if token.markup.startswith(("=", "-")):
                    # Setext: the underline is the last line, the heading the line above it. CommonMark
                    # folds a paragraph just above into the heading; in a report those lines are body text.
                    self.underlines.add(end - 1)
                    start = end - 2
                self.levels[start] = int(token.tag[1])
        tokens.clear()


def _parser(headings: _Headings) -> MarkdownIt:
    """CommonMark's block rules only (inline parsing builds a token per run of text that we never read)."""
    parser = MarkdownIt("commonmark").disable(["inline", "text_join"])
    parser.block.ruler.before(parser.block.ruler.get_all_rules()[0], "rolcheck_headings", headings.rule)
    return parser


def lines(decoded: str) -> list[SourceLine]:
    """Return the source lines with Markdown block markup removed and heading levels attached."""
    headings = _Headings()
    headings.take(_parser(headings).parse(decoded))  # the last block's tokens
    result = text_lines(decoded)
    for index, line in enumerate(result):  # replaced in place: one list of lines, not two
        if index in headings.underlines:
            result[index] = SourceLine(line.number, "")
        elif index in headings.levels:
            result[index] = SourceLine(line.number, _ATX_MARKS.sub("", line.text), headings.levels[index])
        else:
            text = _QUOTE_MARKS.sub("", line.text, count=1)
            bullet = _BULLET.match(text)
            # A bullet list item is an item of the outline, as 一是/二是 is; the marker itself goes.
            result[index] = SourceLine(line.number, text[bullet.end() :] if bullet else text, list_item=bool(bullet))
    return result
