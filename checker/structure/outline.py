"""Outline: recover the section tree of a report from its Chinese numbering.

Reports are organised 一、 > （一） > 1. > （1） > 一是/二是, sometimes with Markdown ``#``
headings, sometimes with short unnumbered heading lines instead of 一、. The checker needs
the tree for two reasons: a requirement is usually met by a *section* (a heading with items
under it), and where evidence sits (in the plan, in the problems part) changes what it proves.

The title block at the top and the signature at the bottom are set aside as front and back
matter: they carry metadata, and a title such as "…法治政府建设工作情况的报告" must not be
mistaken for a section heading.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from checker.common import re_cache
from checker.common.chinese import DATE_LINE, HEADING_MAX_CHARS, ITEM, numbering_rank
from checker.reading.normalise import Paragraph

UNNUMBERED_RANK = 8
ITEM_RANK = 50
_SENTENCE_END = re_cache.compile(r"[^。！？；]*(?:[。！？；]+|$)")
_SENTENCE_MARK = re_cache.compile("[。；！？]")
_HEADING_END = re_cache.compile("[。；！？：]")  # a numbered paragraph's heading ends at its first mark
_ISSUER_TAIL = re_cache.compile(r"(政府|委员会|局|厅|办公室|委|办)$")
_A_YEAR = re_cache.compile(r"\d{4}年")

# A paragraph at least this long with sentence punctuation is body text, so the title block has ended.
BODY_MIN_CHARS = 40
# A numbered paragraph whose first sentence is longer than this is a numbered item, not a heading;
# its "title" is cut to this length for section paths.
TITLE_MAX_CHARS = 60
# A section named in a reason or message is cut to this length.
LABEL_MAX_CHARS = 30
# A "sentence" longer than this has lost its punctuation (a pasted table, a run-on line, hostile
# input): it is checked in pieces of this length, so every per-sentence rule stays linear in the
# report (the longest sentence of the shared real reports has 289 characters). The outline records
# where it cut, and the report's warnings say so.
SENTENCE_MAX_CHARS = 1000
# The pieces are short: a search that may start anywhere in a run (\d+件 in half a million digits)
# costs the square of the piece, so the work on such a line is its length times this.
PIECE_CHARS = 100


@dataclass(eq=False, slots=True)
class Sentence:
    """A sentence (or a heading) of the body, with where it sits in the tree and in the original file."""

    text: str
    paragraph: Paragraph
    start: int
    section: Section
    is_heading: bool = False
    scope: str = "reported_year"
    # The original line it starts on, looked up once: matching, scoring, the checks and the fingerprint
    # ask it some seven times per sentence (the paragraph's line map is complete before the outline is built).
    line: int = field(init=False)

    def __post_init__(self) -> None:
        self.line = self.paragraph.line_at(self.start)

    def line_of(self, offset: int) -> int:
        """Original line of the character at ``offset`` within this sentence."""
        return self.paragraph.line_at(self.start + offset)


@dataclass(eq=False, slots=True)
class Section:
    """A node of the outline: a heading, its own sentences and its sub-sections."""

    title: str
    marker: str
    rank: int
    parent: Section | None = None
    heading: Sentence | None = None
    sentences: list[Sentence] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    scope: str = "reported_year"
    _path: tuple[str, ...] | None = field(default=None, init=False, repr=False)

    def walk(self) -> Iterator[Section]:
        """This section and all its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def all_sentences(self) -> Iterator[Sentence]:
        """Heading and body sentences of this section and its descendants, in document order."""
        for section in self.walk():
            if section.heading is not None:
                yield section.heading
            yield from section.sentences

    def written(self, scope: str | None = None, *, subheadings: bool = True) -> list[Sentence]:
        """What is written under this section's own heading: the one definition every stage uses.

        Sub-section headings count as content, because a numbered item that is a single sentence
        ("（一）2026年完成3个…。") is all heading to the outline yet it is the substance; with
        ``subheadings=False`` they do not (measuring how many sentences carry facts, where a bare
        heading is none). With ``scope`` only sentences about that year count.
        """
        return [
            sentence
            for sentence in self.all_sentences()
            if sentence is not self.heading and (subheadings or not sentence.is_heading) and (scope is None or sentence.scope == scope)
        ]

    @property
    def items(self) -> int:
        """How many numbered parts the section lists: its sub-sections."""
        return len(self.children)

    @property
    def path(self) -> tuple[str, ...]:
        """The numbered titles from the top section down to this one (none for the root), made once: every
        evidence quoted in the section carries this very tuple, so a result kept or sent between processes
        pickles its strings once, not once per quote (asked only once the outline is complete)."""
        if self._path is None:
            node: Section | None = self
            titles = []
            while node is not None and node.parent is not None:
                titles.append(node.marker + node.title)
                node = node.parent
            self._path = tuple(titles[::-1])
        return self._path

    @property
    def label(self) -> str:
        """The section's numbered title, cut to ``LABEL_MAX_CHARS`` for reasons and messages ("导语" for the root)."""
        if self.parent is None:
            return "导语"
        label = self.marker + self.title
        return label if len(label) <= LABEL_MAX_CHARS else label[: LABEL_MAX_CHARS - 1] + "…"

    @property
    def top(self) -> Section:
        """The top-level section this one belongs to (itself for the root's children and the root)."""
        node = self
        while node.parent is not None and node.parent.parent is not None:
            node = node.parent
        return node

    @property
    def line_start(self) -> int | None:
        first = next(self.all_sentences(), None)
        return first.line if first else None

    @property
    def line_end(self) -> int | None:
        last = None
        for last in self.all_sentences():
            pass
        return last.paragraph.line_at(last.start + len(last.text) - 1) if last else None


@dataclass
class Outline:
    """The report's tree plus the paragraphs set aside before and after the body."""

    root: Section
    front: list[Paragraph]
    back: list[Paragraph]
    cut_lines: list[int] = field(default_factory=list)  # original lines of sentences cut into pieces

    _sections: tuple[Section, ...] | None = field(default=None, init=False, repr=False, compare=False)
    _sentences: tuple[Sentence, ...] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def sections(self) -> list[Section]:
        """Every section below the root, in document order (walked once: the tree is complete when built)."""
        if self._sections is None:
            self._sections = tuple(section for section in self.root.walk() if section.parent is not None)
        return list(self._sections)

    @property
    def sentences(self) -> list[Sentence]:
        """Every heading and body sentence, in document order (collected once)."""
        if self._sentences is None:
            self._sentences = tuple(self.root.all_sentences())
        return list(self._sentences)

    def release(self) -> None:
        """Break the tree's reference cycles (a section and its parent, children, heading and sentences),
        so that reference counting frees it the moment the last outside reference goes.

        A check allocates a report's tree with the cyclic collector paused; left with its cycles, the
        tree was found by the next collections, traversed whole (it is most of what a check allocates)
        and only then freed: about a tenth of a real-size report's check (docs/performance.md). Call it
        only when nothing will read the outline again.
        """
        for section in list(self.root.walk()):
            section.parent = section.heading = None
            section.children = []
            section.sentences = []
        self._sections = self._sentences = None


def _is_short_line(text: str) -> bool:
    return len(text) <= HEADING_MAX_CHARS and not _SENTENCE_MARK.search(text[:-1]) and text[-1] not in "。；！？"


def _split_front_back(paragraphs: list[Paragraph]) -> tuple[int, int]:
    """Indices [start, end) of the body: after the title block and before the signature."""
    start = 0
    while start < len(paragraphs):
        paragraph = paragraphs[start]
        if numbering_rank(paragraph.text) or (paragraph.heading_level or 0) >= 2 or not _is_short_line(paragraph.text):
            break
        start += 1
    # The last short line before the body may be an unnumbered heading rather than part of the title block.
    if 0 < start < len(paragraphs) and not _is_title_block_line(paragraphs[start - 1].text):
        start -= 1
    end = len(paragraphs)
    while end > start + 1:
        text = paragraphs[end - 1].text
        if not (DATE_LINE.match(text) or (_is_short_line(text) and len(text) <= 30 and not numbering_rank(text))):
            break
        end -= 1
    return start, end


def _is_title_block_line(text: str) -> bool:
    return bool(
        "报告" in text
        or text.endswith(("：", ":"))
        or _ISSUER_TAIL.search(text)
        or DATE_LINE.match(text)
        or _A_YEAR.search(text)
    )


def _has_top_level_numbers(paragraphs: list[Paragraph]) -> bool:
    return any((numbering_rank(p.text) or (0, ""))[0] == 10 or (p.heading_level or 0) >= 2 for p in paragraphs)


def _split_heading(text: str) -> tuple[str, str]:
    """Split a numbered paragraph into its heading (first sentence) and the body after it."""
    end = _HEADING_END.search(text)
    if end is None:
        return text, ""
    return text[: end.start()], text[end.end() :]


class _Builder:
    """Feeds paragraphs into the tree, tracking the open section at each rank."""

    def __init__(self) -> None:
        self.root = Section(title="", marker="", rank=0)
        self.stack: list[Section] = [self.root]
        self.cut_lines: list[int] = []

    @property
    def current(self) -> Section:
        return self.stack[-1]

    def open(self, rank: int, marker: str, title: str, paragraph: Paragraph, offset: int) -> Section:
        while self.stack[-1] is not self.root and self.stack[-1].rank >= rank:
            self.stack.pop()
        parent = self.stack[-1]
        clean_title = title[len(marker) :].strip() if title.startswith(marker) else title
        section = Section(title=clean_title[:TITLE_MAX_CHARS], marker=marker, rank=rank, parent=parent)
        long = len(title) > SENTENCE_MAX_CHARS
        section.heading = Sentence(title[:PIECE_CHARS] if long else title, paragraph, offset, section, is_heading=True)
        parent.children.append(section)
        self.stack.append(section)
        if long:  # the rest of an endless heading line is checked as its text
            self.cut_lines.append(paragraph.line_at(offset))
            self._add_sentences(paragraph, offset + PIECE_CHARS, title[PIECE_CHARS:])
        return section

    def add_text(self, paragraph: Paragraph, offset: int, text: str) -> None:
        """Add body text, opening an item section at each 一是/二是 marker, leading bullet or list item."""
        markers = {found.start(): found.group(1) or found.group(2) for found in ITEM.finditer(text)}
        if paragraph.list_item and offset == 0:
            markers.setdefault(0, "•")
        bounds = [0, *sorted(markers), len(text)]
        for begin, end in zip(bounds, bounds[1:]):
            chunk = text[begin:end]
            if not chunk:
                continue
            if begin in markers:
                title, _ = _split_heading(chunk)
                item = self.open(ITEM_RANK, markers[begin], title, paragraph, offset + begin)
                item.heading = None  # an item's title is its first sentence, kept as body text
            self._add_sentences(paragraph, offset + begin, chunk)

    def _add_sentences(self, paragraph: Paragraph, offset: int, text: str) -> None:
        for found in _SENTENCE_END.finditer(text):
            sentence = found.group(0)
            if not sentence.strip():
                continue
            start = offset + found.start()
            if len(sentence) > SENTENCE_MAX_CHARS and paragraph.line_at(start) not in self.cut_lines[-1:]:
                self.cut_lines.append(paragraph.line_at(start))
            size = PIECE_CHARS if len(sentence) > SENTENCE_MAX_CHARS else SENTENCE_MAX_CHARS
            for piece in range(0, len(sentence), size):
                self.current.sentences.append(Sentence(sentence[piece : piece + size], paragraph, start + piece, self.current))


def build(paragraphs: list[Paragraph]) -> Outline:
    """Build the outline tree from normalised paragraphs."""
    start, end = _split_front_back(paragraphs)
    body = paragraphs[start:end]
    unnumbered_headings = not _has_top_level_numbers(body)
    builder = _Builder()
    for index, paragraph in enumerate(body):
        text = paragraph.text
        numbered = numbering_rank(text)
        following = body[index + 1].text if index + 1 < len(body) else ""
        if paragraph.heading_level is not None:
            marker = numbered[1] if numbered else ""
            builder.open(paragraph.heading_level, marker, text, paragraph, 0)
        elif numbered and numbered[0] < ITEM_RANK:
            heading, rest = _split_heading(text)
            builder.open(numbered[0], numbered[1], heading, paragraph, 0)
            if rest:
                builder.add_text(paragraph, len(text) - len(rest), rest)
        elif unnumbered_headings and _is_short_line(text) and len(text) <= 30 and len(following) > len(text) and text[-1] not in "：:，、":
            # (a line ending "…仍存在一些不足：" introduces what follows: the tail of a wrapped sentence, not a heading)
            builder.open(UNNUMBERED_RANK, "", text, paragraph, 0)
        else:
            builder.add_text(paragraph, 0, text)
    return Outline(builder.root, paragraphs[:start], paragraphs[end:], builder.cut_lines)
