"""Properties that must hold for any input: no crash but a one-line error, verdicts that do not
depend on how a report is typeset, and evidence that points where it says.

Reports reach us re-typed, pasted from web pages and converted between Word and text, so the same
words come with spaces inside Chinese, trailing spaces, CRLF and full- or half-width digits and
punctuation. None of that may change a verdict. Examples are few (the pipeline takes ~15 ms a
report) and deterministic under CI, so the suite stays quick and never flakes.
"""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT, SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.common.chinese import fold_traditional
from checker.common.chinese import fold_width as normalise_chars
from checker.common.errors import RolcheckError
from checker.reading.normalise import normalise
from checker.reading.readers import read_report
from checker.reading.source import SourceLine
from checker.run.pipeline import check
from checker.structure import outline

QUICK = settings(
    max_examples=int(os.environ.get("ROLCHECK_EXAMPLES", "60")),
    deadline=None,
    database=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _utf8(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# Our text and Markdown samples and corpus (the GB18030 one left out: variants are written back as UTF-8).
REPORTS = sorted(
    path
    for path in [*SAMPLES.iterdir(), EXAMPLE, *(ROOT / "corpus" / "reports").iterdir()]
    if path.suffix in (".txt", ".md") and _utf8(path)
)

# Pieces of real reports, so random text reaches the outline and the matcher's interesting paths.
FRAGMENTS = [
    "一、", "二、", "（一）", "(二)", "1.", "（1）", "一是", "二是", "## ", "**", "存在的不足", "原因分析", "究其原因",
    "下一步", "2026年", "2025年度", "工作计划", "第一责任人", "会前学法", "12次", "100%", "。", "；", "：", "，",
    "\n", "\n\n", "\r\n", " ", "　", "索引号：", "发布日期：2026-03-05", "青溪县人民政府", "2026年2月12日", "|",
]
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’—…]")
_HALF = {"（": "(", "）": ")", "：": ":", "；": ";", "！": "!", "？": "?", "％": "%"}
_FULL = {half: full for full, half in _HALF.items()}


def report_text() -> st.SearchStrategy[str]:
    """Random text made of report fragments and arbitrary characters."""
    return st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=60).map("".join)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("properties")


def statuses(path: Path, national) -> dict[str, str]:
    return {element.element.id: element.status for element in check(path, national).elements}


@QUICK
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md"]))
def test_random_bytes_are_read_or_refused_with_a_rolcheck_error(scratch, data, suffix):
    path = scratch / f"bytes{suffix}"
    path.write_bytes(data)
    try:
        source = read_report(path)
    except RolcheckError:
        return
    assert [line.number for line in source.lines] == list(range(1, len(source.lines) + 1))


@QUICK
@given(text=report_text(), suffix=st.sampled_from([".txt", ".md"]))
def test_random_report_text_is_checked_or_refused_never_crashes(scratch, national, text, suffix):
    path = scratch / f"text{suffix}"
    path.write_text(text, "utf-8", newline="")
    try:
        result = check(path, national)
    except RolcheckError:
        return
    assert {element.element.id for element in result.elements} == {element.id for element in national.elements}
    for element in result.elements:
        assert all(1 <= evidence.line <= result.line_count for evidence in element.evidence)


@QUICK
@given(text=report_text())
def test_outline_of_any_text_covers_every_sentence_once(text):
    lines = [SourceLine(number, line) for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1)]
    paragraphs = normalise(lines).paragraphs
    tree = outline.build(paragraphs)
    sentences = tree.sentences
    assert len({id(sentence) for sentence in sentences}) == len(sentences)
    for sentence in sentences:
        assert sentence.text and sentence.line in {line.number for line in lines}


def retypeset(text: str, seed: int, crlf: bool) -> str:
    """The same report typed differently: spaces beside Chinese, trailing spaces, CRLF, other widths.

    Which characters change is drawn from ``seed``: a report is thousands of characters, too many
    for Hypothesis to draw one by one."""
    rng = random.Random(seed)
    out_lines = []
    for line in text.split("\n"):
        chars = []
        for index, char in enumerate(line):
            previous = line[index - 1] if index else ""
            if index and previous != " " and char != " " and (_CJK.match(char) or _CJK.match(previous)) and rng.random() < 0.15:
                chars.append(" ")
            if char.isdigit() and char.isascii() and rng.random() < 0.5:
                char = chr(ord(char) + 0xFEE0)
            elif char in _HALF and rng.random() < 0.5:
                char = _HALF[char]
            elif char in _FULL and rng.random() < 0.5:
                char = _FULL[char]
            chars.append(char)
        out_lines.append("".join(chars) + " " * rng.randint(0, 2))
    return ("\r\n" if crlf else "\n").join(out_lines)


@QUICK
@given(report=st.sampled_from(REPORTS), seed=st.integers(0, 2**32), crlf=st.booleans())
def test_verdicts_do_not_depend_on_spaces_line_ends_or_widths(scratch, national, report, seed, crlf):
    variant = scratch / f"variant{report.suffix}"
    variant.write_bytes(retypeset(report.read_text("utf-8"), seed, crlf).encode("utf-8"))
    assert statuses(variant, national) == _original_statuses(report, national)


_ORIGINALS: dict[Path, dict[str, str]] = {}


def _original_statuses(report: Path, national) -> dict[str, str]:
    if report not in _ORIGINALS:
        _ORIGINALS[report] = statuses(report, national)
    return _ORIGINALS[report]


@QUICK
@given(report=st.sampled_from(REPORTS), seed=st.integers(0, 2**32), crlf=st.booleans())
def test_evidence_lines_contain_the_quoted_text(scratch, national, report, seed, crlf):
    variant = scratch / f"evidence{report.suffix}"
    variant.write_bytes(retypeset(report.read_text("utf-8"), seed, crlf).encode("utf-8"))
    original = re.split(r"\r\n|\r|\n", variant.read_text("utf-8"))
    for element in check(variant, national).elements:
        for evidence in element.evidence:
            # Quotes are in the normalised form: width-folded and, for a traditional-script copy, simplified.
            line = normalise_chars(fold_traditional(original[evidence.line - 1].replace("**", ""))).replace(" ", "")
            assert evidence.quote.replace(" ", "") in line, (report.name, element.element.id, evidence)
