"""``--format docx``: Word comments on the right paragraphs of a copy of the writer's own document.

The document is built like a drafting team's file: Word heading styles, a table of figures inside
the measures section (its cell paragraphs count as paragraphs), the signature at the end. The
round trip through LibreOffice (Debian's soffice, headless) proves a real word processor accepts
the file and keeps every comment on its paragraph; it skips where LibreOffice is not installed
(.ci/run installs libreoffice-writer-nogui).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from checker.cli import main
from checker.output import renderers
from checker.reading.readers.docx import body_paragraphs
from checker.run.choice import Selection
from checker.run.pipeline import check

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "examples" / "青溪县2025年度法治政府建设情况报告（征求意见稿）.txt"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TABLE_ROWS = [("指标", "2025年"), ("行政复议案件（件）", "58"), ("调解矛盾纠纷（件）", "1710")]


def _draft_docx(path: Path) -> Path:
    """The draft example as a Word file: numbered top headings in Heading 1, a table after the measures' first item."""
    document = docx.Document()
    lines = [line.strip() for line in DRAFT.read_text("utf-8").splitlines() if line.strip()]
    for index, line in enumerate(lines):
        style = "Heading 1" if line[:2] in ("一、", "二、") else ("Title" if index == 0 else None)
        document.add_paragraph(line, style=style)
        if line.startswith("（一）党政主要负责人"):
            table = document.add_table(rows=len(TABLE_ROWS), cols=2)
            for row, values in zip(table.rows, TABLE_ROWS):
                for cell, value in zip(row.cells, values):
                    cell.text = value
    document.save(path)
    return path


def _commented(path: Path) -> dict[str, list[str]]:
    """Each commented paragraph's text → the texts of the comments anchored on it, read back with python-docx."""
    document = docx.Document(path)
    comments = {comment.comment_id: comment.text for comment in document.comments}
    assert all(comment.author == "rolcheck" for comment in document.comments)
    anchored: dict[str, list[str]] = {}
    for element in body_paragraphs(document.element.body):
        text = "".join(node.text or "" for node in element.iter(qn("w:t")))
        for start in element.iter(qn("w:commentRangeStart")):
            anchored.setdefault(text, []).append(comments[int(start.get(qn("w:id")))])
    return anchored


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    """The draft checked with ``--format docx,html``: (original, its bytes before, annotated copy, output folder)."""
    folder = tmp_path_factory.mktemp("docx")
    original = _draft_docx(folder / "青溪县2025年度报告（征求意见稿）.docx")
    before = original.read_bytes()
    code = main(["check", str(original), "--format", "docx,html", "--out", str(folder / "out"), "-q"])
    assert code == 1  # the draft misses the causes
    return original, before, folder / "out" / f"{original.stem}.rolcheck.docx", folder / "out"


def _one(anchored: dict[str, list[str]], paragraph_start: str, comment_start: str) -> str:
    texts = [text for paragraph, texts in anchored.items() if paragraph.startswith(paragraph_start) for text in texts]
    found = [text for text in texts if text.startswith(comment_start)]
    assert len(found) == 1, (paragraph_start, comment_start, anchored)
    return found[0]


def test_the_original_is_never_written(annotated):
    original, before, copy, _ = annotated
    assert original.read_bytes() == before
    assert copy.exists() and copy != original


def test_each_gap_comments_the_paragraph_it_is_about(annotated):
    _, _, copy, _ = annotated
    anchored = _commented(copy)
    # The weak problems: on the one sentence that states them, under 二、下步工作打算.
    weak = _one(anchored, "2025年，我县法治政府建设取得积极成效，但仍存在一些薄弱环节", "【薄弱·必备要素】存在的不足")
    assert "依据：督察规定 年度报告内容第（二）项" in weak and "建议提纲：" in weak and "一是……" in weak
    # The missing causes have no paragraph: on the heading of the section where the problems are.
    missing = _one(anchored, "二、下步工作打算", "【缺失·必备要素】不足的原因")
    assert "究其原因" in missing and "本文缺少此部分，建议写在本节中或紧随其后" in missing
    # The findings about those lines sit on the same sentence.
    assert len([t for p, ts in anchored.items() if p.startswith("2025年，我县") for t in ts if t.startswith("【警告】")]) == 2
    # One summary on the title: verdict, score, the chosen checklist and why, the required gaps.
    summary = _one(anchored, "青溪县2025年法治政府建设情况报告", "rolcheck 检查结论：不合格")
    assert "总分" in summary and "national" in summary and "按发文机关" in summary
    assert "不足的原因（缺失）" in summary and "存在的不足（薄弱）" in summary
    # Nothing lands in the table, whose cells shift every paragraph number after it.
    assert not any(paragraph in {value for row in TABLE_ROWS for value in row} for paragraph in anchored)


def test_batch_writes_one_annotated_file_per_report_beside_its_gap_report(tmp_path):
    first = _draft_docx(tmp_path / "a.docx")
    second = tmp_path / "b.txt"
    second.write_text(DRAFT.read_text("utf-8"), "utf-8")
    code = main(["check", str(first), str(second), "--format", "html,docx", "--out", str(tmp_path / "out"), "-q", "--jobs", "1"])
    assert code == 1
    names = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert names == ["a.html", "a.rolcheck.docx", "b.html", "b.rolcheck.docx", "index.html", "similar.html", "summary.csv"]


def test_a_text_report_becomes_a_new_document_with_the_same_comments(tmp_path):
    result = check(DRAFT, Selection())
    path = tmp_path / "draft.docx"
    path.write_bytes(renderers.get("docx").render_bytes(result))
    document = docx.Document(path)
    assert [p.text for p in document.paragraphs] == list(result.source_lines)
    anchored = _commented(path)
    _one(anchored, "2025年，我县法治政府建设取得积极成效", "【薄弱·必备要素】存在的不足")
    _one(anchored, "青溪县2025年法治政府建设情况报告", "rolcheck 检查结论")


def test_a_file_changed_after_the_check_is_not_annotated_in_place(tmp_path):
    original = _draft_docx(tmp_path / "draft.docx")
    result = check(original, Selection())
    document = docx.Document(original)
    document.paragraphs[0].insert_paragraph_before("（修改稿）")  # every paragraph number shifts
    document.save(original)
    changed = original.read_bytes()
    out = tmp_path / "annotated.docx"
    out.write_bytes(renderers.get("docx").render_bytes(result))
    assert original.read_bytes() == changed
    anchored = _commented(out)
    assert "（修改稿）" not in anchored
    assert "原 Word 文件在检查后已改动" in _one(anchored, "青溪县2025年法治政府建设情况报告", "rolcheck 检查结论")
    _one(anchored, "2025年，我县法治政府建设取得积极成效", "【薄弱·必备要素】存在的不足")


def test_docx_cannot_go_to_stdout(capsys):
    code = main(["check", str(DRAFT), "--format", "docx", "--output", "-"])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and "--out" in err


def _odt_text(element, ns) -> str:
    """A paragraph's own text, without the text of the comments inside it."""
    if element.tag == f"{{{ns['office']}}}annotation":
        return element.tail or ""
    inner = (element.text or "") + "".join(_odt_text(child, ns) for child in element)
    return inner if element.tag in (f"{{{ns['text']}}}p", f"{{{ns['text']}}}h") else inner + (element.tail or "")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui")
def test_libreoffice_opens_the_file_and_keeps_every_comment_on_its_paragraph(annotated, tmp_path):
    _, _, copy, _ = annotated
    profile = tmp_path / "profile"  # its own profile, so parallel runs and a user's open LibreOffice do not collide
    done = subprocess.run(
        [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}", "--convert-to", "odt", "--outdir", str(tmp_path), str(copy)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    odt = tmp_path / f"{copy.stem}.odt"
    assert done.returncode == 0 and odt.exists(), done.stderr
    content = etree.fromstring(zipfile.ZipFile(odt).read("content.xml"))
    ns = {
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
        "dc": "http://purl.org/dc/elements/1.1/",
    }
    after: dict[str, list[str]] = {}
    for annotation in content.iterfind(".//office:annotation", ns):
        assert annotation.findtext("dc:creator", namespaces=ns) == "rolcheck"
        body = "\n".join("".join(p.itertext()) for p in annotation.iterfind("text:p", ns))
        paragraph = next(a for a in annotation.iterancestors() if a.tag in (f"{{{ns['text']}}}p", f"{{{ns['text']}}}h"))
        after.setdefault(_odt_text(paragraph, ns).strip(), []).append(body)
    before = _commented(copy)
    assert sum(map(len, after.values())) == sum(map(len, before.values()))
    for paragraph, texts in before.items():
        assert sorted(after[paragraph.strip()]) == sorted(texts), paragraph


def test_a_finding_on_a_reporting_rule_names_its_basis(tmp_path):
    late = tmp_path / "late.txt"
    text = DRAFT.read_text("utf-8").replace("2026年2月9日", "2026年5月10日")
    assert text != DRAFT.read_text("utf-8")
    late.write_text(text, "utf-8")
    result = check(late, Selection())
    out = tmp_path / "late.docx"
    out.write_bytes(renderers.get("docx").render_bytes(result))
    comments = [text for texts in _commented(out).values() for text in texts]
    late_publication = [text for text in comments if text.startswith("【错误】公开晚于时限")]
    assert len(late_publication) == 1 and "依据：督察规定 第二十四条" in late_publication[0]
