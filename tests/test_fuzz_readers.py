"""Fuzzing the readers with structured bytes: encodings, BOMs, line ends, NULs, cut characters, Markdown.

Random bytes alone rarely get past the decoder, so these inputs are built the way broken files
are: real text in one of the encodings we accept, then damaged (a multi-byte character cut in
half, a stray NUL, a wrong BOM, mixed line ends), in text or Markdown shape. The readers must
return numbered lines that round-trip the text, or refuse with a one-line ``RolcheckError``.
A few hundred examples run in CI in a few seconds; ROLCHECK_EXAMPLES=5000 runs a longer campaign.
"""

from __future__ import annotations

import codecs
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.common.errors import RolcheckError
from checker.reading.readers import read_report

FUZZ = settings(
    max_examples=int(os.environ.get("ROLCHECK_EXAMPLES", "300")),
    deadline=None,
    database=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030", "gbk"]
LINE_ENDS = ["\n", "\r\n", "\r", "\x0c", "\u2028", "\x85"]
MARKDOWN_LINES = ["# ", "## 一、", "### （一）", "===", "---", "```", "> ", "- ", "1. ", "**一是**", "<div>", "    ", "[链接](x)", "|"]
CHINESE = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=20)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def lines_strategy(markdown: bool) -> st.SearchStrategy[list[str]]:
    pieces = [CHINESE, st.text(max_size=20)]
    if markdown:
        pieces.append(st.tuples(st.sampled_from(MARKDOWN_LINES), CHINESE).map("".join))
    return st.lists(st.one_of(*pieces), max_size=30)


def encoded(text: str, encoding: str) -> bytes | None:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return None


@st.composite
def damaged_file(draw) -> tuple[str, bytes, str | None]:
    """(suffix, bytes, the text the bytes should read back as — None when they may be refused)."""
    suffix = draw(st.sampled_from([".txt", ".md", ".markdown"]))
    lines = draw(lines_strategy(markdown=suffix != ".txt"))
    text = "".join(line + draw(st.sampled_from(LINE_ENDS)) for line in lines)
    encoding = draw(st.sampled_from(ENCODINGS))
    data = encoded(text, encoding)
    if data is None:
        data, encoding = text.encode("utf-8", "surrogatepass"), "broken"
    damage = draw(st.sampled_from(["none", "cut", "nul", "bom", "junk"]))
    if damage == "cut" and data:
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif damage == "nul":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"\x00" + data[at:]
    elif damage == "bom":
        data = draw(st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])) + data
    elif damage == "junk":
        data += draw(st.binary(min_size=1, max_size=16))
    # Only an undamaged UTF-8 or UTF-16-with-BOM file has one right reading; the others may be refused or guessed.
    exact = damage == "none" and encoding in ("utf-8", "utf-8-sig", "utf-16") and "\x00" not in text
    return suffix, data, text if exact else None


@FUZZ
@given(case=damaged_file())
def test_readers_return_numbered_lines_or_a_rolcheck_error(scratch, case):
    suffix, data, text = case
    path = scratch / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        source = read_report(path)
    except RolcheckError as error:
        assert "\n" not in str(error)
        assert text is None or not re.search(r"\w", text), "a clean file with words in it was refused"
        return
    assert [line.number for line in source.lines] == list(range(1, len(source.lines) + 1))
    if text is not None and suffix == ".txt":
        expected = re.sub(r"\r\n|\r", "\n", text.lstrip("\ufeff")).removesuffix("\n")
        assert "\n".join(line.text for line in source.lines) == expected
