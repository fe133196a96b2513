"""Build one plain-text report as Markdown, a government web page, a Word document and a PDF.

The format tests check that every reader gives the verdicts of the plain-text version, so
the other versions are generated from the text here, each dressed as such files really
arrive: the web page inside a site's navigation, metadata table, share bar and footer; the
Word file with heading styles, automatic list numbers and a table; the PDF typeset like an
official document, with a running header and page numbers. Each builder records where
every text line ended up (HTML source line, Word paragraph, PDF pages), so the tests can
check that evidence points at the right place without hard-coding it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

TOP_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
SUB_HEADING = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


@dataclass
class Built:
    """A generated report and where each line of the text version went."""

    path: Path
    where: dict[int, int] = field(default_factory=dict)  # text line → HTML line / Word paragraph / PDF text line
    pages: dict[int, list[int]] = field(default_factory=dict)  # text line → the PDF pages it was drawn on
    drawn: list[tuple[int, str]] = field(default_factory=list)  # (page, text) of every line drawn in the PDF body


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    kind: str  # "issuer", "title", "salutation", "heading", "subheading", "signature" or "body"


def parse(text_path: Path) -> list[Line]:
    """The text report's non-empty lines, each with the role it plays in the layout."""
    raw = text_path.read_text("utf-8").splitlines()
    numbered = [(number, line.strip()) for number, line in enumerate(raw, start=1) if line.strip()]
    # The title block ends at a salutation ("市政府："), else at the first paragraph of body text.
    opening = [i for i, (_, text) in enumerate(numbered[:6]) if text.endswith("：") and len(text) <= 20]
    body_start = opening[0] if opening else next(i for i, (_, text) in enumerate(numbered) if len(text) >= 40)
    result = []
    for index, (number, text) in enumerate(numbered):
        if index < body_start:
            kind = "title" if "报告" in text or "法治政府建设" in text else "issuer"
        elif index == body_start and opening:
            kind = "salutation"
        elif index >= len(numbered) - 2:
            kind = "signature"
        elif TOP_HEADING.match(text):
            kind = "heading"
        elif SUB_HEADING.match(text) and "。" not in text and len(text) <= 30:
            kind = "subheading"
        else:
            kind = "body"
        result.append(Line(number, text, kind))
    return result


def title_of(lines: list[Line]) -> str:
    """The full title, as a CMS prints it above the article (issuer line and title joined)."""
    front = [line.text for line in lines if line.kind in ("issuer", "title")]
    return "".join(front)


# ---------------------------------------------------------------- Markdown


def write_markdown(text_path: Path, out: Path) -> Built:
    """The same lines with ``#`` marks on the title and headings; line numbers do not move."""
    marks = {"title": "# ", "heading": "## ", "subheading": "### "}
    kinds = {line.number: line.kind for line in parse(text_path)}
    raw = text_path.read_text("utf-8").splitlines()
    out.write_text("\n".join(marks.get(kinds.get(n, ""), "") + line for n, line in enumerate(raw, start=1)) + "\n", "utf-8")
    return Built(out, {n: n for n in kinds})


# ---------------------------------------------------------------- HTML

HTML_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_青溪县人民政府</title>
<meta name="SiteName" content="青溪县人民政府">
<meta name="ColumnName" content="法治政府建设">
<link rel="stylesheet" href="/images/style.css">
<style>.wza-bar {{ height: 30px; }} p {{ text-indent: 2em; }}</style>
<script>var _hmt = _hmt || []; /* 统计代码：青溪县人民政府关于法治政府建设的报告 */</script>
</head>
<body>
<div class="wza-bar"><a href="#">无障碍</a> | <a href="#">简体</a> | <a href="#">繁体</a> | <a href="#">长者模式</a></div>
<div class="header"><img src="/images/logo.png" alt="青溪县人民政府"><h2 class="site-name">青溪县人民政府</h2>
<form class="search-box"><input type="text" name="q"><button>搜索</button></form></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/zjqx/">走进青溪</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fzzf/">法治政府建设年度报告</a></div>
<div class="main">
<table class="xxgk-table">
<tr><td class="t1">索<span>&nbsp;</span>引<span>&nbsp;</span>号：</td><td>11530000MB0000000X/2026-00012</td><td class="t1">发布机构：</td><td>青溪县人民政府</td></tr>
<tr><td class="t1">文　　号：</td><td>青政报〔2026〕3号</td><td class="t1">发布日期：</td><td>2026-03-05</td></tr>
<tr><td class="t1">有效性：</td><td>有效</td><td class="t1">主题分类：</td><td>法治政府建设</td></tr>
</table>
<div class="article">
<h1 class="article-title">{title}</h1>
<div class="article-info">发布时间：2026-03-05 10:21 来源：青溪县司法局 浏览次数：<span id="hits">1024</span> 【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="TRS_Editor" id="zoom">
"""

# Widgets that CMSs put inside the article's own container, after the text.
ARTICLE_WIDGETS = """<div class="xl-share"><span>微信</span>　<span>微博</span>　<span>QQ空间</span></div>
<script>var shareTitle = "青溪县人民政府关于法治政府建设情况的报告";</script>
<div class="qrcode-box"><img src="/qr.png" alt="二维码">手机扫码阅读本文</div>"""

HTML_TAIL = """</div>
<div class="bdsharebuttonbox">分享到：<a class="bds_weixin">微信</a><a class="bds_tsina">微博</a><a class="bds_qzone">QQ空间</a></div>
<div class="article-tools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
<div class="related"><h3>相关文章</h3><ul>
<li><a href="/a/1.html">青溪县人民政府关于2024年度法治政府建设情况的报告</a><span>2025-03-10</span></li>
<li><a href="/a/2.html">青溪县司法局2025年度法治政府建设工作情况报告</a><span>2026-02-20</span></li>
</ul></div>
</div>
<div class="footer"><p>主办：青溪县人民政府办公室　承办：青溪县大数据中心</p>
<p>网站标识码：5300000000　滇ICP备00000000号　联系电话：0000-0000000</p></div>
<script>document.write('<span>访问量统计：一、二、三</span>'); function share() {{ return "分享到微信"; }}</script>
</body>
</html>
"""


def _html_text(text: str, number: int) -> str:
    """Escape a line as a CMS would, spelling some quotes as entities and cutting some runs into spans."""
    escaped = html.escape(text, quote=False)
    if number % 3 == 0:
        escaped = escaped.replace("“", "&ldquo;").replace("”", "&rdquo;")
    if number % 4 == 1 and len(text) > 30:
        cut = len(escaped) // 2
        while "&" in escaped[max(0, cut - 8) : cut]:  # never cut inside an entity
            cut += 1
        escaped = f'<span style="font-family:仿宋_GB2312">{escaped[:cut]}</span>{escaped[cut:]}'
    return escaped


def write_html(text_path: Path, out: Path, encoding: str = "utf-8", with_title_in_body: bool = True) -> Built:
    """A government page around the report: one ``<p>`` per line, the signature as one ``<p>`` with ``<br>``."""
    lines = parse(text_path)
    title = title_of(lines)
    source = HTML_HEAD.format(charset=encoding, title=html.escape(title)).split("\n")[:-1]
    built = Built(out)
    body = [line for line in lines if with_title_in_body or line.kind not in ("issuer", "title")]
    signature = [line for line in body if line.kind == "signature"]
    for line in body:
        if line.kind == "signature":
            continue
        if line.kind in ("title", "issuer"):
            source.append(f'<p style="text-align:center"><strong>{_html_text(line.text, line.number)}</strong></p>')
        elif line.kind in ("heading", "subheading"):
            source.append(f'<p style="text-indent:2em"><strong><span>{_html_text(line.text, line.number)}</span></strong></p>')
        elif line.number % 5 == 0:  # the text on the line after its tag, as some editors save it
            source.append('<p style="text-indent:2em">')
            source.append(f"    {_html_text(line.text, line.number)}</p>")
        else:
            source.append(f'<p style="text-indent:2em">{_html_text(line.text, line.number)}</p>')
        built.where[line.number] = len(source)
    source.append(f'<p style="text-align:right">{signature[0].text}<br>')
    built.where[signature[0].number] = len(source)
    source.append(f"{signature[1].text}</p>")
    built.where[signature[1].number] = len(source)
    source.extend(ARTICLE_WIDGETS.split("\n"))
    source.extend(HTML_TAIL.split("\n"))
    out.write_bytes("\n".join(source).encode(encoding))
    return built


# ---------------------------------------------------------------- Word


def add_list(document, levels: list[tuple[str, str]], num_id: int = 90) -> str:
    """Add a list definition to the document, one (numFmt, lvlText) per level, as Word writes it; return its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    lvls = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        '<w:suff w:val="nothing"/><w:lvlJc w:val="left"/></w:lvl>'
        for ilvl, (fmt, text) in enumerate(levels)
    )
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))
    return str(num_id)


def number_paragraph(paragraph, num_id: str, ilvl: int = 0) -> None:
    """Attach Word list numbering to a paragraph, as clicking the numbering button does."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    number = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", str(ilvl)), ("w:numId", num_id)):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        number.append(child)
    paragraph._p.get_or_add_pPr().append(number)


def write_docx(text_path: Path, out: Path) -> Built:
    """A Word report: Title style, Heading 1 with automatic 一、 numbering, a "标题 2" style, the signature in a table."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    lines = parse(text_path)
    document = docx.Document()
    num_id = add_list(document, [("chineseCounting", "%1、")])
    sub_style = document.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH)
    sub_style.base_style = document.styles["Normal"]
    built = Built(out)
    paragraphs = 0
    headings = 0
    for line in lines:
        if line.kind == "signature":
            continue
        if line.kind == "heading":
            headings += 1
            paragraph = document.add_paragraph(TOP_HEADING.sub("", line.text), style="Heading 1")
            assert TOP_HEADING.match(line.text).group(0) == "一二三四五六七八九十"[headings - 1] + "、"
            number_paragraph(paragraph, num_id)
        elif line.kind == "title":
            paragraph = document.add_paragraph(line.text, style="Title")
        elif line.kind == "subheading":
            paragraph = document.add_paragraph(line.text, style=sub_style)
        else:
            paragraph = document.add_paragraph(line.text)
        if line.kind in ("issuer", "title"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraphs += 1
        built.where[line.number] = paragraphs
        if line.kind == "title":
            document.add_paragraph("")  # an empty paragraph still counts
            paragraphs += 1
    table = document.add_table(rows=2, cols=1)
    for row, line in zip(table.rows, [line for line in lines if line.kind == "signature"]):
        row.cells[0].paragraphs[0].text = line.text
        row.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraphs += 1
        built.where[line.number] = paragraphs
    document.save(out)
    return built


# ---------------------------------------------------------------- PDF

PAGE_WIDTH, PAGE_HEIGHT = 595.27, 841.89  # A4 in points
LEFT, RIGHT, TOP, BOTTOM = 79.0, 74.0, 105.0, 99.0  # the margins of GB/T 9704 official documents
BODY_SIZE, TITLE_SIZE, LEADING = 15.75, 20.0, 28.5
NO_LINE_START = "，。、；：？！）》」』”’…%"  # Chinese typesetting never starts a line with these


def append_to_body(docx: Path, out: Path, extra: bytes) -> Path:
    """A copy of the Word file ``docx`` with ``extra`` XML appended to its body (before the section
    properties): how the large-file tests and bench_word_limits build files that inflate far."""
    import zipfile

    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                end = data.rindex(b"<w:sectPr")
                data = data[:end] + extra + data[end:]
            target.writestr(info, data)
    return out


def cjk_font() -> str:
    """reportlab's built-in Adobe CID font for Simplified Chinese (nothing to embed or download)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking by measured width, keeping closing punctuation off the start of a line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pieces: list[str] = []
    current = ""
    for char in text:
        if current and stringWidth(current + char, font, size) > width and char not in NO_LINE_START:
            pieces.append(current)
            current = ""
        current += char
    if current:
        pieces.append(current)
    return pieces


def page_footer(style: str, page: int) -> str:
    return {"dash": f"- {page} -", "chinese": f"第{page}页", "bare": str(page)}[style]


def write_pdf(text_path: Path, out: Path, footer: str = "dash", header: str = "青溪县人民政府文件", **canvas_options) -> Built:
    """Typeset the report on A4 pages with a running header and a page number, recording each line's pages."""
    from reportlab.pdfgen import canvas

    font = cjk_font()
    lines = parse(text_path)
    pdf = canvas.Canvas(str(out), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), **canvas_options)
    built = Built(out)
    page = 1
    y = PAGE_HEIGHT - TOP
    width = PAGE_WIDTH - LEFT - RIGHT

    def furniture() -> None:
        pdf.setFont(font, 10.5)
        pdf.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 60, header)
        pdf.drawCentredString(PAGE_WIDTH / 2, 55, page_footer(footer, page))

    furniture()
    for line in lines:
        size = TITLE_SIZE if line.kind == "title" else BODY_SIZE
        indent = 2 * size if line.kind in ("body", "heading", "subheading") else 0
        pieces = wrap(line.text, font, size, width - indent)
        for index, piece in enumerate(pieces):
            if y < BOTTOM:
                pdf.showPage()
                page += 1
                y = PAGE_HEIGHT - TOP
                furniture()
            pdf.setFont(font, size)
            if line.kind in ("title", "issuer"):
                pdf.drawCentredString(PAGE_WIDTH / 2, y, piece)
            elif line.kind == "signature":
                pdf.drawRightString(PAGE_WIDTH - RIGHT - 2 * size, y, piece)
            else:
                pdf.drawString(LEFT + (indent if index == 0 else 0), y, piece)
            built.pages.setdefault(line.number, []).append(page)
            built.drawn.append((page, piece))
            y -= LEADING * (1.3 if line.kind == "title" else 1)
    pdf.showPage()
    pdf.save()
    return built


# ---------------------------------------------------------------- OFD (GB/T 33190)

OFD_NS = "http://www.ofdspec.org/2016"
OFD_WIDTH, OFD_HEIGHT = 210.0, 297.0  # A4 in millimetres, as OFD measures
OFD_SIZE, OFD_LEADING, OFD_CHARS = 5.5, 10.0, 28  # 16 pt body, 28 characters a line as in 公文


def _ofd_text(ident: int, x: float, y: float, size: float, text: str) -> str:
    deltas = " ".join([str(size)] * (len(text) - 1))
    return (
        f'<ofd:TextObject ID="{ident}" Boundary="{x} {y - size} {size * len(text)} {size * 1.4}" Font="2" Size="{size}">'
        f'<ofd:TextCode X="0" Y="{size}" DeltaX="{deltas}">{html.escape(text)}</ofd:TextCode></ofd:TextObject>'
    )


def write_ofd(text_path: Path, out: Path, custom: dict[str, str] | None = None, title: str | None = None) -> Built:
    """An OFD package as document systems export one: DocInfo, pages drawn line by line, a running header
    in a template page, a page number drawn on each page, and a seal in Signs; records each line's pages."""
    import zipfile

    lines = parse(text_path)
    built = Built(out)
    pages: list[list[str]] = [[]]
    y = 37.0
    ident = 100
    for line in lines:
        size = 7.5 if line.kind == "title" else OFD_SIZE
        per_line = OFD_CHARS if line.kind != "title" else 22
        text = line.text
        pieces = [text[i : i + per_line] for i in range(0, len(text), per_line)] or [""]
        for index, piece in enumerate(pieces):
            if y > OFD_HEIGHT - 40:
                pages.append([])
                y = 37.0
            x = (OFD_WIDTH - size * len(piece)) / 2 if line.kind in ("title", "issuer") else 27.0 + (2 * size if index == 0 and line.kind != "signature" else 0)
            if line.kind == "signature":
                x = OFD_WIDTH - 27.0 - size * len(piece) - 2 * size
            ident += 1
            pages[-1].append(_ofd_text(ident, x, y, size, piece))
            built.pages.setdefault(line.number, []).append(len(pages))
            built.drawn.append((len(pages), piece))
            y += OFD_LEADING * (1.4 if line.kind == "title" else 1)
    meta = "".join(f'<ofd:CustomData Name="{html.escape(k)}">{html.escape(v)}</ofd:CustomData>' for k, v in (custom or {}).items())
    ofd_xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.1" DocType="OFD"><ofd:DocBody>'
        f"<ofd:DocInfo><ofd:DocID>qingxi-{out.stem}</ofd:DocID><ofd:Title>{html.escape(title or title_of(lines))}</ofd:Title>"
        "<ofd:Author>青溪县司法局</ofd:Author><ofd:CreationDate>2026-01-20</ofd:CreationDate>"
        f"<ofd:CustomDatas>{meta}</ofd:CustomDatas></ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot><ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures></ofd:DocBody></ofd:OFD>"
    )
    page_list = "".join(f'<ofd:Page ID="{n + 1}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData><ofd:MaxUnitID>{ident + 100}</ofd:MaxUnitID>'
        f"<ofd:PageArea><ofd:PhysicalBox>0 0 {OFD_WIDTH} {OFD_HEIGHT}</ofd:PhysicalBox></ofd:PageArea>"
        '<ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>'
        f"<ofd:Pages>{page_list}</ofd:Pages></ofd:Document>"
    )
    public_res = f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res"><ofd:Fonts><ofd:Font ID="2" FontName="仿宋"/></ofd:Fonts></ofd:Res>'
    template = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content><ofd:Layer ID="3">'
        + _ofd_text(4, 80.0, 20.0, 3.7, "青溪县人民政府文件")
        + "</ofd:Layer></ofd:Content></ofd:Page>"
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info_name, body in (("OFD.xml", ofd_xml), ("Doc_0/Document.xml", document), ("Doc_0/PublicRes.xml", public_res), ("Doc_0/Tpls/Tpl_0/Content.xml", template)):
            archive.writestr(zipfile.ZipInfo(info_name, (2026, 1, 20, 0, 0, 0)), body)
        for number, objects in enumerate(pages):
            footer = _ofd_text(9000 + number, 95.0, OFD_HEIGHT - 15, 3.7, f"- {number + 1} -")
            content = (
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Template TemplateID="2" ZOrder="Background"/>'
                f'<ofd:Content><ofd:Layer ID="{number + 10}">{"".join(objects)}{footer}</ofd:Layer></ofd:Content></ofd:Page>'
            )
            archive.writestr(zipfile.ZipInfo(f"Doc_0/Pages/Page_{number}/Content.xml", (2026, 1, 20, 0, 0, 0)), content)
        archive.writestr(zipfile.ZipInfo("Doc_0/Signs/Signatures.xml", (2026, 1, 20, 0, 0, 0)),
                         f'<?xml version="1.0" encoding="UTF-8"?><ofd:Signatures xmlns:ofd="{OFD_NS}"/>')
    return built
