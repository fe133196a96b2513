"""Word (.docx) reading with python-docx: paragraphs in document order, headings and list numbers kept.

Word has no lines, so a location is a paragraph: ``SourceLine.number`` is the paragraph's
index (from 1) among the body's paragraphs in document order, table-cell paragraphs
included, which is what a user counts when looking for it. A paragraph cut by soft line
breaks (Shift+Enter, often used for the signature) gives one line per piece, all with the
paragraph's number, so the signature's date still stands on a line of its own.

Heading styles become heading levels on the Markdown scale, where level 1 is the report's
title: Word's Title style (标题) is level 1 and Heading N (标题 N) is level N + 1; an outline
level set on a paragraph or style counts the same. Automatic list numbers are rendered
into the text ("一、"), because the outline reads sections from their numbering.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from checker.common import re_cache
from checker.common.errors import InputError
from checker.reading import archive
from checker.reading.readers.docx_numbering import Numbering, W
from checker.reading.source import DraftMark, SourceLine

_HEADING_STYLE = re_cache.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_TITLE_STYLE = re_cache.compile(r"^(?:title|标题)$", re.I)
# Text inside a paragraph, in order: run text, tabs and breaks; not deleted text (tracked changes) nor text boxes.
_NS = {"w": W[1:-1]}
# Draft marks: text inside unaccepted insertions, deleted text, runs formatted hidden, comment anchors.
_INSERTED = etree.XPath(".//w:ins//w:t | .//w:moveTo//w:t", namespaces=_NS)
_DELETED = etree.XPath(".//w:del//w:delText | .//w:moveFrom//w:t | .//w:moveFrom//w:delText", namespaces=_NS)
_HIDDEN = etree.XPath(".//w:r[w:rPr/w:vanish[not(@w:val='0' or @w:val='false' or @w:val='off')]]/w:t", namespaces=_NS)
_COMMENT_REFS = etree.XPath(".//w:commentReference", namespaces=_NS)
_TEXT = etree.XPath(
    ".//w:r[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::w:txbxContent)]"
    "/*[self::w:t or self::w:tab or self::w:br or self::w:cr]",
    namespaces={"w": W[1:-1]},
)


def lines(data: bytes, path: Path) -> list[SourceLine]:
    """The document's paragraphs as lines numbered by paragraph, with heading levels and list labels."""
    return read(data, path)[0]


def read(data: bytes, path: Path) -> tuple[list[SourceLine], tuple[DraftMark, ...]]:
    """The lines, and the draft marks found: tracked changes, comments and hidden text, by paragraph."""
    document = _open(data, path)
    comments = _comments(document)
    marks: list[DraftMark] = []
    styles = _Styles(document.styles.element)
    numbering_part = _numbering_part(document)
    numbering = Numbering(numbering_part)
    result: list[SourceLine] = []
    for number, paragraph in enumerate(body_paragraphs(document.element.body), start=1):
        properties = paragraph.find(W + "pPr")
        style_id = _attr(properties, "pStyle") or styles.default
        label = ""
        num_id, ilvl = _num(properties)
        if num_id is None:
            num_id, ilvl = styles.numbering(style_id)
        if num_id is not None:
            label = numbering.label(num_id, ilvl or 0)
        level = _outline_level(properties) or styles.heading_level(style_id)
        text = label + _text(paragraph)
        for piece in text.split("\n"):
            result.append(SourceLine(number, piece, level if piece.strip() else None))
        marks.extend(_marks(paragraph, number, comments))
    return result, tuple(marks)


def _marks(paragraph: etree._Element, number: int, comments: dict[str, str]) -> Iterator[DraftMark]:
    """What this paragraph still holds of the draft: unaccepted insertions and deletions, comments, hidden runs."""
    for kind, found in (("insertion", _INSERTED(paragraph)), ("deletion", _DELETED(paragraph)), ("hidden", _HIDDEN(paragraph))):
        text = "".join(node.text or "" for node in found)
        if text.strip():
            yield DraftMark(kind, _short(text), number)
    for reference in _COMMENT_REFS(paragraph):
        yield DraftMark("comment", _short(comments.get(reference.get(W + "id", ""), "")), number)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _comments(document) -> dict[str, str]:
    """The comments part's texts by id (python-docx gives the part; absent when the document has none)."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    try:
        part = document.part.part_related_by(RELATIONSHIP_TYPE.COMMENTS)
    except KeyError:
        return {}
    try:
        root = part.element if hasattr(part, "element") else etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError:
        return {}
    return {c.get(W + "id", ""): "".join(t.text or "" for t in c.iter(W + "t")) for c in root.iter(W + "comment")}


def _open(data: bytes, path: Path):  # -> docx.document.Document (imported lazily)
    """Open the package, refusing with one line what is not a complete Word document or would cost too much.

    The body is inflated once by us (``archive.Package.scan``, counted as it is produced, none of
    it kept) to count its paragraphs, every other part once by ``archive.Package.verify``; after
    that every part is known to inflate to exactly what it declares, so python-docx, whose
    ``zipfile`` reads each part whole up to its declared size, parses a body inflated twice in all
    and parsed once. (Handing python-docx our own bytes would save the second inflation, 14 ms on
    9 MB of XML, but only through its private package-reader classes.)
    """
    package = archive.Package(data, path, "Word 文档")
    content_types = package.read("[Content_Types].xml") if "[Content_Types].xml" in package.names() else b""
    if b"wordprocessingml" not in content_types:  # Excel, PowerPoint and plain archives declare other parts
        raise InputError(f"{path}: 是 ZIP 压缩文件，但不是 Word 文档（.docx）")
    _refuse_oversized(package, path)
    package.verify()
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx lets zipfile, zlib, lxml and its own errors through, a dozen kinds
        raise InputError(f"{path}: Word 文档已损坏，无法读取（{type(exc).__name__}）；请用 Word 或 WPS 打开后另存为 .docx 再检查") from None


# Word's XML is parsed whole (python-docx, lxml), so what a .docx costs depends on its inflated XML
# and its paragraph count, not on the file's size: a 0.3 MB file can hold 40 MB of XML. Measured
# (benchmarks/bench_large.py's builder, docs/performance.md): 10 MB of XML holding 2.9 million
# characters peaked at 194 MB; 8 MB of 1.3 million empty paragraphs at 415 MB. A real annual
# report has a few hundred paragraphs in well under 1 MB of XML.
MAX_XML_BYTES = 10 * 1024 * 1024
MAX_PARAGRAPHS = 100_000
# A paragraph's start tag under any prefix (or none): a file may bind Word's namespace to another
# prefix than w:, and python-docx reads it all the same. DrawingML's a:p counts too: over-counting
# only refuses sooner.
_PARAGRAPH_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")
# What a chunk may end with that the next chunk could still complete into such a tag.
_TAG_BEGUN = re.compile(rb"<[\w.:-]{0,250}")


class _ParagraphCount:
    """Paragraph start tags counted in the body chunk by chunk as it is inflated, a tag cut by a chunk's edge once.

    A chunk's unfinished last tag is carried over to the next one while it could still become a
    paragraph tag. A prefix longer than 250 characters cut by an edge goes uncounted (at most one
    per 64 KB chunk): tags that long could not reach the limit within ``MAX_XML_BYTES`` anyway.
    """

    def __init__(self) -> None:
        self.count = 0
        self._begun = b""

    def feed(self, chunk: bytes) -> None:
        text = self._begun + chunk
        self.count += sum(1 for _ in _PARAGRAPH_TAG.finditer(text))  # no list of 10 MB of matches
        last = text.rfind(b"<")
        self._begun = text[last:] if last >= 0 and _TAG_BEGUN.fullmatch(text, last) else b""


def _refuse_oversized(package: archive.Package, path: Path) -> None:
    """Refuse, in one line, a document whose XML would cost more to parse than a report can need.

    The XML parts' sizes are the ones declared, checked before anything big is inflated; the body
    is then inflated with its bytes counted (a part inflating past its declaration is refused there),
    and the other parts by ``verify``, so the sum is also what they really hold.
    """
    xml = sum(info.file_size for name, info in package.infos.items() if name.endswith((".xml", ".rels")))
    if xml > MAX_XML_BYTES:
        raise InputError(
            f"{path}: Word 文档的文字部分解压后有 {xml / 1048576:.1f} MB（上限 {MAX_XML_BYTES // 1048576} MB），"
            "远超一份年度报告，拒绝读取；如确需检查，请另存为纯文本（.txt）"
        )
    if "word/document.xml" in package.infos:
        counted = _ParagraphCount()
        package.scan("word/document.xml", counted.feed)
        paragraphs = counted.count
        if paragraphs > MAX_PARAGRAPHS:
            raise InputError(
                f"{path}: Word 文档有 {paragraphs} 个段落（上限 {MAX_PARAGRAPHS}），远超一份年度报告，拒绝读取；"
                "如确需检查，请另存为纯文本（.txt）"
            )


def _numbering_part(document) -> etree._Element | None:
    """``word/numbering.xml``, or None for a document without lists (python-docx would try to create one)."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    try:
        return document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
    except KeyError:
        return None


def body_paragraphs(container: etree._Element) -> Iterator[etree._Element]:
    """Body paragraphs in document order, descending into tables (row by row, cell by cell) and content controls."""
    for child in container:
        if child.tag == W + "p":
            yield child
        elif child.tag == W + "tbl":
            for row in child.iter(W + "tr"):
                if row.getparent() is not child:
                    continue  # rows of nested tables are reached through their cell
                for cell in row.findall(W + "tc"):
                    yield from body_paragraphs(cell)
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent")
            yield from body_paragraphs(content if content is not None else child)


def _text(paragraph: etree._Element) -> str:
    pieces = []
    for node in _TEXT(paragraph):
        if node.tag == W + "t":
            pieces.append(node.text or "")
        elif node.tag == W + "tab":
            pieces.append("\t")
        else:
            pieces.append("\n")
    return "".join(pieces)


def _attr(properties: etree._Element | None, child: str) -> str | None:
    found = properties.find(W + child) if properties is not None else None
    return found.get(W + "val") if found is not None else None


def _num(properties: etree._Element | None) -> tuple[str | None, int | None]:
    """The paragraph's own list reference (numId, ilvl), if it has one."""
    num = properties.find(W + "numPr") if properties is not None else None
    if num is None:
        return None, None
    ilvl = _attr(num, "ilvl")
    return _attr(num, "numId"), int(ilvl) if ilvl is not None else None


def _outline_level(properties: etree._Element | None) -> int | None:
    """Word's outline level (0 = top, 9 = body text) on the Markdown scale: 0 → 2."""
    level = _attr(properties, "outlineLvl")
    if level is None or not level.isdigit() or int(level) >= 9:
        return None
    return int(level) + 2


class _Styles:
    """Paragraph styles by id: their heading level and list numbering, following ``basedOn``."""

    def __init__(self, styles: etree._Element) -> None:
        self.by_id = {s.get(W + "styleId"): s for s in styles.findall(W + "style") if s.get(W + "type") == "paragraph"}
        self.default = next((i for i, s in self.by_id.items() if s.get(W + "default") in ("1", "true", "on")), None)

    def _chain(self, style_id: str | None) -> Iterator[etree._Element]:
        seen = set()
        while style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            style_id = _attr(style, "basedOn")

    def heading_level(self, style_id: str | None) -> int | None:
        for style in self._chain(style_id):
            name = (_attr(style, "name") or "").strip()
            if found := _HEADING_STYLE.match(name):
                return int(found.group(1)) + 1
            if _TITLE_STYLE.match(name):
                return 1
            if (level := _outline_level(style.find(W + "pPr"))) is not None:
                return level
        return None

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        for style in self._chain(style_id):
            num_id, ilvl = _num(style.find(W + "pPr"))
            if num_id is not None:
                return num_id, ilvl
        return None, None
