"""OFD (GB/T 33190, the national fixed-layout format) read ourselves: a ZIP of XML, text placed by coordinates.

An OFD package holds ``OFD.xml`` (the document's ``DocInfo``: title, author, dates, custom data)
pointing at ``Doc_N/Document.xml``, which lists the pages; each page's ``Content.xml`` draws
``TextObject`` elements whose ``TextCode`` children carry the text and its position (millimetres,
y growing downwards: the object's ``Boundary`` origin plus the code's ``X``/``Y``). Pages may also
use a template page (``Tpls``): that is where document systems put running headers and page numbers,
so templates are not read. Seals (``Signs``) and annotations (``Annots``) are not text of the report.

We read it with lxml through ``archive.Package`` (decompression bounded as for .docx, one budget
for the package) rather than with ``ofdkit``: measured on our fixtures (tests/formats_measure_ofd.py,
docs/input-formats.md) both decode every character, but ofdkit's text keeps the template page's
running header and the page numbers and leaves lines cut at the margin apart, which the outline
then reads as headings. The package budget alone does not bound the check: deflated XML of repeated
text packs 200 MB into a few hundred KB, so a page part over ``MAX_PART_BYTES`` is refused before
lxml parses it, and so is a document whose text passes ``MAX_TEXT_CHARS`` (docs/security.md).

Lines: text codes whose baselines lie within half a character of each other form a line, read
left to right; line numbers count lines over the whole document, each line with its page. Page
numbers ("- 3 -", "第3页") drawn at the top or bottom of a page are dropped.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from checker.common import re_cache
from checker.common.chinese import PAGE_META_KEYS, fold_width, numbering_rank
from checker.common.errors import InputError
from checker.reading import archive
from checker.reading.source import SourceLine

_PAGE_NUMBER = re_cache.compile(r"^(?:[-—–－·•]*\d{1,4}[-—–－·•]*|第\d{1,4}页(?:[，,/]?共\d{1,4}页)?|\d{1,4}/\d{1,4})$")
# Only lines within this share of the page height from its top or bottom can be a page number.
MARGIN_SHARE = 0.12
# Codes whose baselines differ by less than this share of their size stand on one line.
SAME_LINE = 0.5
# A line within this many character sizes of the right margin reaches it.
WRAP_SLACK = 1.5
SENTENCE_END = ("。", "！", "？", "；")
# An XML part (a page's Content.xml) declaring more than this is refused before it is parsed: lxml's tree takes
# several times the XML, and a report's page is tens of KB (a page of vector drawings a few hundred).
MAX_PART_BYTES = 8 * 1024 * 1024
# More text than this is refused. The package's 200 MB budget could hold ten times the text of a 20 MB .txt, and
# an OFD's check costs more per character than a .txt's (its lines are short): a 20 MB OFD of 6.95 million
# characters peaked at 288–347 MB, over the 300 MB promised (docs/performance.md). A long report has 50,000.
MAX_TEXT_CHARS = 5_000_000
_META_ALIASES = {"发文机关": "发布机构", "发文字号": "文号", "发布时间": "发布日期"}


@dataclass(frozen=True)
class Document:
    """What an OFD holds: lines with pages, and its declared metadata."""

    lines: list[SourceLine]
    title: str | None
    meta: dict[str, str]


@dataclass
class _Code:
    x: float
    y: float
    size: float
    text: str
    width: float


@dataclass
class _Line:
    text: str
    y: float
    x0: float
    x1: float
    size: float


def read(data: bytes, path: Path) -> Document:
    """The text of every page in reading order, with the document's title and metadata."""
    from lxml import etree

    package = archive.Package(data, path, "OFD 文件")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

    def xml(name: str) -> etree._Element:
        declared = package.infos[name].file_size if name in package.infos else 0  # a missing part: read() says so
        if declared > MAX_PART_BYTES:
            raise InputError(f"{path}: OFD 文件的 {name} 解压后有 {declared / 1048576:.1f} MB（上限 {MAX_PART_BYTES / 1048576:.0f} MB），"
                             "不像报告的一页，拒绝读取")
        try:
            return etree.fromstring(package.read(name), parser)
        except etree.XMLSyntaxError:
            raise InputError(f"{path}: OFD 文件的 {name} 不是完整的 XML，文件已损坏；请重新导出后再检查") from None

    if "OFD.xml" not in package.names():
        raise InputError(f"{path}: 是 ZIP 压缩文件，但缺少 OFD.xml，不是 OFD 文件")
    root = xml("OFD.xml")
    body = _first(root, "DocBody")
    doc_root = _text(_first(body, "DocRoot")) if body is not None else ""
    if not doc_root:
        raise InputError(f"{path}: OFD 文件缺少 DocRoot（文档入口），文件已损坏")
    info = _first(body, "DocInfo")
    title = _text(_first(info, "Title")) or None
    meta: dict[str, str] = {}
    for custom in _all(info, "CustomData"):
        name = (custom.get("Name") or "").strip()
        name = _META_ALIASES.get(name, name)
        if name in PAGE_META_KEYS and _text(custom):
            meta[name] = _text(custom)
    doc_path = _resolve("", doc_root)
    document = xml(doc_path)
    pages = [page.get("BaseLoc", "") for page in _all(_first(document, "Pages"), "Page")]
    if not pages:
        raise InputError(f"{path}: OFD 文件没有页面")
    height = _page_height(document)
    lines: list[SourceLine] = [SourceLine(0, f"{key}：{value}") for key, value in meta.items()]
    number = chars = 0
    for page_number, location in enumerate(pages, start=1):
        content = xml(_resolve(doc_path, location))
        drawn: list[tuple[int, _Line]] = []
        for line in _page_lines(content):
            number += 1
            y = line.y
            if height and (y < MARGIN_SHARE * height or y > (1 - MARGIN_SHARE) * height) and _PAGE_NUMBER.match(re.sub(r"\s", "", line.text)):
                continue
            drawn.append((number, line))
        lines.extend(SourceLine(first, line.text, page=page_number) for first, line in _rejoin(drawn))
        chars += sum(len(line.text) for _, line in drawn)
        if chars > MAX_TEXT_CHARS:
            raise InputError(f"{path}: OFD 文件的文字超过 {MAX_TEXT_CHARS // 10000} 万字（读到第 {page_number} 页），"
                             "远超一份报告，拒绝读取")
    # Metadata lines are numbered 1 like a web page's; the body keeps its own count.
    lines = [line if line.number else SourceLine(1, line.text) for line in lines]
    return Document(lines, title, meta)


def _local(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _first(element, name: str):
    if element is None:
        return None
    return next((child for child in element.iter() if _local(child) == name), None)


def _all(element, name: str) -> list:
    return [] if element is None else [child for child in element.iter() if _local(child) == name]


def _text(element) -> str:
    return (element.text or "").strip() if element is not None else ""


def _resolve(base_file: str, location: str) -> str:
    """A package path: absolute ("/Doc_0/…") from the root, else relative to ``base_file``'s folder."""
    location = location.strip().replace("\\", "/")
    joined = location.lstrip("/") if location.startswith("/") else posixpath.join(posixpath.dirname(base_file), location)
    return posixpath.normpath(joined)


def _page_height(document) -> float:
    box = _text(_first(_first(document, "PageArea"), "PhysicalBox"))
    try:
        return float(box.split()[3])
    except (IndexError, ValueError):
        return 0.0


def _rejoin(body: list[tuple[int, _Line]]) -> list[tuple[int, _Line]]:
    """Join a line that runs to the right margin without ending its sentence with the next, unnumbered one.

    Fixed layouts break lines at the margin; the normaliser rejoins most of them by punctuation
    but keeps a short line ending in "：" apart (a salutation in text files), so the layout,
    which is certain here, decides first, as in the PDF reader.
    """
    long_lines = [line for _, line in body if len(line.text) >= 10]
    if len(long_lines) < 3:
        return body
    right = sorted(line.x1 for line in long_lines)[int(0.9 * (len(long_lines) - 1))]
    left = sorted(line.x0 for line in long_lines)[int(0.1 * (len(long_lines) - 1))]
    joined = [body[0]]
    for number, line in body[1:]:
        first, last = joined[-1]
        if (
            last.x1 >= right - WRAP_SLACK * last.size
            and not last.text.endswith(SENTENCE_END)
            and line.x0 <= left + 0.5 * line.size
            and abs(last.size - line.size) < 0.5
            and numbering_rank(fold_width(line.text.strip())) is None
        ):
            joined[-1] = (first, _Line(last.text + line.text, line.y, last.x0, line.x1, last.size))
        else:
            joined.append((number, line))
    return joined


def _page_lines(content) -> list[_Line]:
    """The page's text codes grouped into lines top to bottom, each read left to right."""
    codes: list[_Code] = []
    for obj in _all(content, "TextObject"):
        origin = _floats(obj.get("Boundary", "0 0 0 0"))
        size = _floats(obj.get("Size", "3.5"))[0] or 3.5
        x0, y0 = (origin + [0.0, 0.0])[:2]
        for code in (child for child in obj if _local(child) == "TextCode"):
            text = code.text or ""
            if text.strip():
                deltas = _deltas(code.get("DeltaX", ""))
                width = sum(deltas[: len(text) - 1]) + size if deltas else size * len(text)
                codes.append(_Code(x0 + _float(code.get("X")), y0 + _float(code.get("Y")), size, text, width))
    codes.sort(key=lambda code: (code.y, code.x))
    rows: list[list[_Code]] = []
    for code in codes:
        if rows and abs(code.y - rows[-1][0].y) < SAME_LINE * max(code.size, rows[-1][0].size):
            rows[-1].append(code)
        else:
            rows.append([code])
    result = []
    for row in rows:
        row.sort(key=lambda c: c.x)
        result.append(_Line("".join(code.text for code in row), row[0].y, row[0].x, row[-1].x + row[-1].width, row[0].size))
    return result


def _deltas(value: str) -> list[float]:
    """A ``DeltaX`` list, with GB/T 33190's "g N d" shorthand (N times d) expanded, at most a line's worth."""
    out: list[float] = []
    tokens = value.split()
    index = 0
    while index < len(tokens) and len(out) < 10_000:
        if tokens[index] == "g" and index + 2 < len(tokens):
            count = min(int(_float(tokens[index + 1])), 10_000)
            out.extend([_float(tokens[index + 2])] * count)
            index += 3
        else:
            out.append(_float(tokens[index]))
            index += 1
    return out


def _floats(value: str) -> list[float]:
    out = []
    for piece in value.split():
        try:
            out.append(float(piece))
        except ValueError:
            out.append(0.0)
    return out or [0.0]


def _float(value: str | None) -> float:
    try:
        return float(value) if value else 0.0
    except ValueError:
        return 0.0
