"""HTML reading: the article of a saved government web page, its title and its metadata table.

A page from a government site wraps the report in furniture: an 无障碍/简体/繁体 bar, the
site header and navigation, a breadcrumb, the 政府信息公开 metadata table (索引号, 发布机构,
文号, 发布日期, 有效性), share buttons, related links, a footer and scripts. We parse with
lxml (libxml2's HTML parser: it repairs the broken markup these CMSs emit and, unlike
selectolax or trafilatura, tells the source line of every element, which is what evidence
must point at). The article is the block holding most non-link text, as readability-style
extractors find it; everything else is dropped except the metadata, which becomes leading
``索引号：…`` lines that the normaliser captures as page metadata.

Line numbers are lines of the HTML source where each block of text starts, so a user can
find the evidence with "view source" or an editor. Minified pages put everything on one
line; their blocks then share that line number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import lxml.etree
import lxml.html

from checker.common import re_cache
from checker.common.chinese import PAGE_META_KEYS
from checker.common.errors import InputError
from checker.reading.source import DraftMark, SourceLine

BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details div dl dt fieldset figcaption figure "
    "h1 h2 h3 h4 h5 h6 hr li main ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
VOID_TAGS = frozenset("br img hr input wbr".split())
# Never text of the report, wherever they sit.
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "select", "textarea", "button")
# Page furniture by element: dropped before the article is chosen (after the title and metadata are read).
_FURNITURE_TAGS = ("nav", "header", "footer", "aside", "form")
_FURNITURE_NAMES = re_cache.compile(
    r"share|nav|menu|breadcrumb|crumb|position|location|footer|copyright|toolbar|wza|barrier|accessib|"
    r"qrcode|ewm|sidebar|related|xgwz|xgxx|comment|login|search|skip",
    re.I,
)
_HIDDEN = re_cache.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

# Metadata keys as pages spell them (with spaces between the characters, as tables often do),
# mapped to the names the normaliser knows. "来源", "浏览次数" and the like only end a value.
_META_ALIASES = {"发文机关": "发布机构", "发文字号": "文号", "发布时间": "发布日期"}
_META_STOPS = ("来源", "浏览次数", "访问量", "点击数", "字号", "作者", "分享")
_META_NAMES = (*PAGE_META_KEYS, *_META_ALIASES, *_META_STOPS)
_META_KEY = re_cache.compile(
    "(" + "|".join(r"\s*".join(name) for name in sorted(_META_NAMES, key=len, reverse=True)) + r")\s*(?:[:：]|$)"
)
# The metadata tags of the national standard for government websites (政府网站网页设计规范).
ARTICLE_TITLE = "ArticleTitle"
_META_TAGS = {"pubdate": "发布日期", "contentsource": "信息来源", "articletitle": ARTICLE_TITLE}

_COLLAPSE = re_cache.compile(r"[ \t\n\r\f]+")  # HTML collapses ASCII whitespace only; &nbsp; and 　 stay
_SCORED = re_cache.compile(r"[\u4e00-\u9fff\w]")
TITLE_MIN_CHARS = 6
_TITLE_WORDS = re_cache.compile(r"报告|情况|\d{4}\s*年")
# libxml2 builds HTML trees this deep; below that it drops the text (ERR_RESOURCE_LIMIT).
MAX_DEPTH = 256
# How far below an element's start its tail text is looked for; past this the start line is used.
TAIL_SEARCH_LINES = 200


def lines(decoded: str, path: Path) -> list[SourceLine]:
    """The page's metadata lines, then its title (unless the article repeats it), then the article's lines."""
    return read(decoded, path)[0]


def read(decoded: str, path: Path) -> tuple[list[SourceLine], tuple[DraftMark, ...], tuple[str, ...]]:
    """The page's lines, the revisions it still marks (``<ins>``, ``<del>``), and notes on how it was read.

    A page nested deeper than libxml2 builds (256 levels) loses everything below that depth; such
    a page is read as flat text instead (every tag a break), and the note says so.
    """
    source = decoded.replace("\r\n", "\n").replace("\r", "\n")
    root = _parse(source, path)
    if root is None:
        return _flat_lines(source), (), (f"网页标签嵌套超过 {MAX_DEPTH} 层，无法按页面结构读取，已按纯文本读取全部文字（导航等页面框架未能去除）",)
    marks = _revisions(root)
    for element in _elements(root, lambda e: _tag(e) in _DROP_TAGS or _is_hidden(e)):
        element.drop_tree()  # keeps its tail text, which belongs to the parent
    meta, meta_cells = _page_meta(root)
    tags = _meta_tags(root)
    for key, found in tags.items():
        if key in PAGE_META_KEYS:
            meta.setdefault(key, found)
    title_candidates = _title_candidates(root)
    for element in _elements(root, _is_furniture):
        element.drop_tree()
    article = _article(root)
    body = _Lines(source.split("\n"))
    body.walk(article, skip=meta_cells)
    result = [SourceLine(number, f"{key}：{value}") for key, (value, number) in meta.items()]
    title = _title(title_candidates, tags.get(ARTICLE_TITLE), article, body.lines)
    if title is not None:
        result.append(title)
    return result + body.lines, marks, ()


def _revisions(root: lxml.html.HtmlElement) -> tuple[DraftMark, ...]:
    """Revisions a page saved from a word processor still shows: ``<ins>`` kept, ``<del>`` dropped (the accepted text)."""
    marks = []
    for element in _elements(root, lambda e: _tag(e) in ("ins", "del")):
        text = _COLLAPSE.sub(" ", element.text_content()).strip()
        if text:
            marks.append(DraftMark("insertion" if _tag(element) == "ins" else "deletion", text[:60], element.sourceline))
        if _tag(element) == "del":
            element.drop_tree()
    return tuple(marks)


# A tag, or a stray "<" up to the next one: each match ends at the next "<" or ">", so the scan is linear.
_ANY_TAG = re_cache.compile(r"<[^<>]*>")


def _flat_lines(source: str) -> list[SourceLine]:
    """Every piece of text between tags as a line, numbered by the source line where it starts (linear time)."""
    import html as entities

    result = []
    position, number = 0, 1
    for found in _ANY_TAG.finditer(source + "<end>"):
        piece = source[position : found.start()]
        text = _COLLAPSE.sub(" ", entities.unescape(piece)).strip()
        if text:
            result.append(SourceLine(number + _leading_newlines(piece), text))
        number += source.count("\n", position, found.end())
        position = found.end()
    return result


def _elements(root: lxml.html.HtmlElement, wanted: Callable[[lxml.html.HtmlElement], bool]) -> list[lxml.html.HtmlElement]:
    """Elements inside the page that ``wanted`` picks, listed first so the tree can be changed while going through them."""
    return [e for e in root.iter() if _tag(e) not in ("html", "head", "body") and wanted(e)]


def _tag(element: lxml.html.HtmlElement) -> str:
    """The lower-case tag name ("" for anything that is not an element)."""
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _parse(source: str, path: Path) -> lxml.html.HtmlElement | None:
    """The page's tree, or None when it is nested too deep for libxml2 (which then silently drops the rest)."""
    # Bytes with a declared encoding, because lxml refuses str input that carries an XML encoding declaration.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(source.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        if any("Excessive depth" in entry.message for entry in parser.error_log):
            return None
        raise InputError(f"{path}: 无法解析为网页（{exc}）") from None
    if any("Excessive depth" in entry.message for entry in parser.error_log):
        return None
    return root


def _is_hidden(element: lxml.html.HtmlElement) -> bool:
    return element.get("hidden") is not None or bool(_HIDDEN.search(element.get("style", "")))


def _is_furniture(element: lxml.html.HtmlElement) -> bool:
    if _tag(element) in _FURNITURE_TAGS:
        return True
    names = f"{element.get('class', '')} {element.get('id', '')}"
    return bool(names.strip()) and bool(_FURNITURE_NAMES.search(names))


# ---------------------------------------------------------------- metadata


def _cells(root: lxml.html.HtmlElement) -> Iterator[tuple[lxml.html.HtmlElement, str]]:
    """Elements that hold a piece of text of their own (table cells, list items, spans…), with that text."""
    for element in root.iter():
        if _tag(element) in ("", "html", "body"):
            continue
        text = _COLLAPSE.sub(" ", "".join(_own_text(element, links=True))).strip()
        if text:
            yield element, text


def _page_meta(root: lxml.html.HtmlElement) -> tuple[dict[str, tuple[str, int]], set[lxml.html.HtmlElement]]:
    """The 索引号/发布机构/文号/发布日期… table: key → (value, source line), and the cells it used.

    A value sits after the key in the same cell ("发布日期：2026-03-05"), or alone in the next cell
    (``<th>发布日期：</th><td>2026-03-05</td>``); one cell may hold several keys.
    """
    found: dict[str, tuple[str, int]] = {}
    used: set[lxml.html.HtmlElement] = set()
    cells = list(_cells(root))
    for index, (element, text) in enumerate(cells):
        keys = list(_META_KEY.finditer(text))
        if not keys or keys[0].start() != 0:
            continue
        for position, key in enumerate(keys):
            end = keys[position + 1].start() if position + 1 < len(keys) else len(text)
            value, value_cell = text[key.end() : end].strip(), element
            if not value and position + 1 == len(keys):
                value_cell, value = _next_cell(cells, index)
            name = re.sub(r"\s", "", key.group(1))
            name = _META_ALIASES.get(name, name)
            if value and name in PAGE_META_KEYS and name not in found:
                found[name] = (value, element.sourceline or 1)
                used.update((element, value_cell))
    return found, used


def _next_cell(cells: list[tuple[lxml.html.HtmlElement, str]], index: int) -> tuple[lxml.html.HtmlElement, str]:
    """The cell after ``cells[index]`` that is not inside it, or ("" text) when that cell is another key."""
    element = cells[index][0]
    for following, text in cells[index + 1 :]:
        if element in following.iterancestors():
            continue
        return (following, "") if _META_KEY.match(text) else (following, text)
    return element, ""


def _meta_tags(root: lxml.html.HtmlElement) -> dict[str, tuple[str, int]]:
    """``<meta name="ArticleTitle"/"PubDate"/"ContentSource">``, which government pages carry by standard."""
    tags: dict[str, tuple[str, int]] = {}
    for element in root.iter("meta"):
        name = (element.get("name") or "").lower()
        content = _COLLAPSE.sub(" ", element.get("content") or "").strip()
        if content and name in _META_TAGS:
            tags.setdefault(_META_TAGS[name], (content, element.sourceline or 1))
    return tags


# ---------------------------------------------------------------- title


def _title_candidates(root: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """Headings and ``…title…`` blocks that read like a report's title, found before furniture is dropped
    (titles often sit in ``<header>``); a site name or a column name does not name a year or a report."""
    return [
        element
        for element in _elements(root, lambda e: _tag(e) in HEADINGS or "title" in f"{e.get('class', '')} {e.get('id', '')}".lower())
        if _tag(element) != "title" and _TITLE_WORDS.search(element.text_content())
    ]


def _compact(text: str) -> str:
    return re.sub(r"\s", "", text)


def _title(
    candidates: list[lxml.html.HtmlElement],
    wanted: tuple[str, int] | None,
    article: lxml.html.HtmlElement,
    body: list[SourceLine],
) -> SourceLine | None:
    """The article's title as a line, when the article itself does not begin with it.

    CMS pages print the title in an ``<h1>`` above the article body; the text version of the
    same report starts with it, and the metadata needs it (year, issuer).
    """
    inside = set(article.iter()) | set(article.iterancestors())
    before = [e for e in candidates if e not in inside and (e.sourceline or 0) <= (article.sourceline or 0)]
    texts = [(_COLLAPSE.sub(" ", e.text_content()).strip(), e.sourceline or 1) for e in before]
    texts = [(text, number) for text, number in texts if len(_compact(text)) >= TITLE_MIN_CHARS]
    if wanted:
        title = next(((t, n) for t, n in texts if _compact(t) == _compact(wanted[0])), wanted)
    elif texts:
        title = texts[-1]  # the heading nearest above the article
    else:
        return None
    first = [_compact(line.text) for line in body if line.text.strip()][:3]
    joined = "".join(first)
    if _compact(title[0]) in joined or (joined and joined in _compact(title[0])):
        return None
    return SourceLine(title[1], title[0])


# ---------------------------------------------------------------- article


def _own_text(element: lxml.html.HtmlElement, links: bool) -> Iterator[str]:
    """The text in ``element``'s own flow: its text, inline descendants and their tails, not nested blocks.

    With ``links=False`` link text is left out, so menus and related-article lists score nothing.
    """
    if not links and _tag(element) == "a":
        return
    if element.text:
        yield element.text
    for child in element:
        if _tag(child) not in BLOCK_TAGS:
            yield from _own_text(child, links)
        if child.tail:
            yield child.tail


def _article(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The element holding the article: the one whose paragraphs carry most non-link text.

    Each block's own text counts for itself, its parent and half for its grandparent, so the
    container of many ``<p>`` wins over any single paragraph, and a ``<div>`` of ``<br>`` lines
    wins on its own. Ties go to the innermost element, which carries less furniture.
    """
    scores: dict[lxml.html.HtmlElement, float] = {}
    for element in root.iter():
        if _tag(element) not in BLOCK_TAGS:
            continue
        own = len(_SCORED.findall("".join(_own_text(element, links=False))))
        if not own:
            continue
        scores[element] = scores.get(element, 0) + own
        parent = element.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + own
            grandparent = parent.getparent()
            if grandparent is not None:
                scores[grandparent] = scores.get(grandparent, 0) + own / 2
    best, best_score = root, 0.0
    for element in root.iter():
        if scores.get(element, 0) >= best_score and element in scores:
            best, best_score = element, scores[element]
    return best


class _Lines:
    """Collects the text of blocks as lines, each numbered by the source line where its text starts."""

    def __init__(self, source_lines: list[str]) -> None:
        self.source_lines = source_lines
        self.lines: list[SourceLine] = []
        self.pieces: list[str] = []
        self.number: int | None = None
        self.level: int | None = None

    def walk(self, element: lxml.html.HtmlElement, skip: set[lxml.html.HtmlElement]) -> None:
        """Add ``element``'s text, starting a new line at every block boundary and ``<br>``."""
        tag = _tag(element)
        if element in skip or tag == "head":
            self.flush()
            return
        if tag in BLOCK_TAGS or tag == "br":
            self.flush()
        if tag in HEADINGS:
            self.level = HEADINGS[tag]
        if element.text and tag != "br":
            self.add(element.text, (element.sourceline or 1) + _leading_newlines(element.text))
        for child in element:
            self.walk(child, skip)
            if child.tail:
                starts_line = self.number is None and child.tail.strip(" \t\n\r\f")
                self.add(child.tail, self._tail_line(child) if starts_line else 0)
        if tag in BLOCK_TAGS:
            self.flush()

    def add(self, text: str, number: int) -> None:
        if self.number is None and text.strip(" \t\n\r\f"):
            self.number = number
        self.pieces.append(text)

    def flush(self) -> None:
        text = _COLLAPSE.sub(" ", "".join(self.pieces)).strip(" ")
        if text and self.number is not None:
            self.lines.append(SourceLine(self.number, text, self.level))
        self.pieces, self.number, self.level = [], None, None

    def _tail_line(self, child: lxml.html.HtmlElement) -> int:
        """The source line where the text after ``child`` starts.

        lxml gives only start lines; after a void element (``<br>``) that is exact, after any
        other element we look for the text in the source from the element's start line on.
        """
        start = child.sourceline or 1
        tail = child.tail or ""
        if _tag(child) in VOID_TAGS:
            return start + _leading_newlines(tail)
        snippet = tail.strip()[:8]
        for offset, line in enumerate(self.source_lines[start - 1 : start - 1 + TAIL_SEARCH_LINES]):
            if snippet and snippet in line:
                return start + offset
        return start


def _leading_newlines(text: str) -> int:
    """How many line breaks precede the first visible character of ``text``."""
    return text[: len(text) - len(text.lstrip(" \t\n\r\f"))].count("\n")
