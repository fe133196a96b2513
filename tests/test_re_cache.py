"""The compiled-pattern cache: what it builds is the pattern ``re`` (or ``regex``) builds, and a missing, stale,
damaged or unwritable cache only costs a compile."""

from __future__ import annotations

import contextlib
import io
import marshal
import pickle
import re
import sys
from pathlib import Path

import pytest
import regex
from conftest import EXAMPLE

from checker import cli
from checker.common import re_cache

if sys.version_info >= (3, 11):
    from re import _compiler as sre_compile
else:  # pragma: no cover - Python 3.10
    import sre_compile

TEXT = EXAMPLE.read_text("utf-8")
SAMPLES = [
    (r"[\u4e00-\u9fff]{2,}", 0),
    (r"^(?P<number>[一二三四五六七八九十]+)、(?P<title>[^。]{2,30})$", re.MULTILINE),
    (r"(?<![\d.])(\d+)(件次|人次|件)", 0),
    (r"""
        青溪县   # the county
        (?:人民政府|司法局)
    """, re.VERBOSE),
    (r"www\.[a-z]+\.gov\.cn", re.IGNORECASE),
]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh cache at a temporary path, written even where the environment asks Python not to write bytecode."""
    path = tmp_path / "re_cache.patterns"
    monkeypatch.setattr(re_cache, "location", lambda: path)
    monkeypatch.setattr(re_cache, "_entries", None)
    monkeypatch.setattr(re_cache, "_used", set())
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return path


def _fresh(monkeypatch) -> None:
    """As a new process: nothing read yet."""
    monkeypatch.setattr(re_cache, "_entries", None)


def _same(pattern: str, flags: int, compiled: re.Pattern[str]) -> None:
    expected = re.compile(pattern, flags)
    assert compiled == expected  # Pattern equality compares the compiled programs
    assert compiled.groupindex == expected.groupindex and compiled.groups == expected.groups and compiled.flags == expected.flags
    assert [m.span() for m in compiled.finditer(TEXT)] == [m.span() for m in expected.finditer(TEXT)]


def test_a_later_process_builds_the_same_patterns_without_compiling(cache, monkeypatch):
    for pattern, flags in SAMPLES:
        _same(pattern, flags, re_cache.compile(pattern, flags))
    re_cache.save()
    assert cache.exists()
    _fresh(monkeypatch)

    def refuse(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(sre_compile, "_code", refuse)
    for pattern, flags in SAMPLES:
        _same(pattern, flags, re_cache.compile(pattern, flags))


def _same_regex(pattern: str, flags: int, compiled: regex.Pattern[str]) -> None:
    expected = regex.compile(pattern, flags)
    assert pickle.dumps(compiled) == pickle.dumps(expected)  # regex pickles a pattern as its compiled form
    assert [m.span() for m in compiled.finditer(TEXT, timeout=5)] == [m.span() for m in expected.finditer(TEXT, timeout=5)]


def _check_compiling_afresh(report: Path = EXAMPLE) -> None:
    """A check whose checklist patterns are compiled again (``patterns.compile`` keeps them per process)."""
    from checker.common import patterns

    patterns.compile.cache_clear()
    patterns._any_of.cache_clear()
    with contextlib.redirect_stdout(io.StringIO()):
        cli.main(["check", str(report), "--output", "-"])


def test_every_pattern_of_a_check_is_the_one_re_or_regex_builds(cache, monkeypatch, tmp_path):
    # Template residue a pattern under the timeout finds: the example alone needs no `regex` pattern at all.
    report = tmp_path / "青溪县2025年度法治政府建设情况报告.txt"
    report.write_text(EXAMPLE.read_text("utf-8") + "\n详见 {{ county_name }} 网站 WWW.qingxi-example.com。\n", "utf-8")
    _check_compiling_afresh(report)
    # Module constants were compiled when the modules were first imported (perhaps from the real cache):
    # compile each again here through the cache the check filled.
    compiled = [key for key in re_cache._loaded() if key[0] == "re" or key[0].startswith("regex ")]
    assert {engine.split()[0] for engine, _, _ in compiled} == {"re", "regex"} and len(compiled) > 10
    re_cache.save()
    _fresh(monkeypatch)
    for engine, pattern, flags in compiled:
        if engine == "re":
            _same(pattern, flags, re_cache.compile(pattern, flags))
        else:
            _same_regex(pattern, flags, re_cache.compile_regex(pattern, flags))


def test_a_regex_pattern_comes_back_without_compiling(cache, monkeypatch):
    pattern = r"(?<![\d.])(\d+)(件次|人次|件)"
    _same_regex(pattern, 0, re_cache.compile_regex(pattern))
    re_cache.save()
    _fresh(monkeypatch)
    monkeypatch.setattr(regex, "compile", lambda *args, **kwargs: pytest.fail("compiled again"))
    rebuilt = re_cache.compile_regex(pattern)
    assert rebuilt.search("办理行政复议案件12件", timeout=1).groups() == ("12", "件")  # regex's timeout argument still taken


def test_another_interpreter_stamp_or_a_damaged_file_means_compiling(cache, monkeypatch):
    pattern, flags = SAMPLES[0]
    re_cache.compile(pattern, flags)
    re_cache.save()
    stamp, entries = marshal.loads(cache.read_bytes())
    cache.write_bytes(marshal.dumps(((0, "another Python", 0), entries)))
    assert re_cache.read(cache) == {}
    cache.write_bytes(b"\x00 not marshal")
    assert re_cache.read(cache) == {}
    _fresh(monkeypatch)
    _same(pattern, flags, re_cache.compile(pattern, flags))


def test_a_program_the_engine_refuses_is_compiled_again(cache, monkeypatch):
    pattern, flags = SAMPLES[1]
    arguments = list(re_cache._arguments(pattern, flags))
    arguments[1] = [999_999]  # not an opcode: _sre's validator refuses it
    cache.write_bytes(marshal.dumps((re_cache.STAMP, {("re", pattern, int(flags)): tuple(arguments)})))
    _same(pattern, flags, re_cache.compile(pattern, flags))


def test_nothing_is_written_where_python_writes_no_bytecode(cache, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    re_cache.compile(*SAMPLES[0])
    re_cache.save()
    assert not cache.exists()


def test_an_invalid_pattern_is_refused_as_re_refuses_it(cache):
    with pytest.raises(re.error):
        re_cache.compile("(未闭合")
    assert re_cache._loaded() == {}


def test_what_a_check_reads_off_its_patterns_is_what_the_functions_compute(cache, monkeypatch):
    from checker.common import patterns

    _check_compiling_afresh()
    read_off = {function.__name__: function for function in (patterns.linear_bound, patterns.short_text_limit, patterns.required, patterns.required_ignoring_case)}
    remembered = [(engine, pattern, found[0]) for (engine, pattern, _), found in re_cache._loaded().items() if ".patterns." in engine]
    assert {"linear_bound", "short_text_limit"} <= {engine.split()[0].rsplit(".", 1)[1] for engine, _, _ in remembered} <= set(read_off)
    for engine, pattern, value in remembered:
        assert read_off[engine.split()[0].rsplit(".", 1)[1]].__wrapped__(pattern) == value


def test_an_edit_to_the_module_forgets_what_was_remembered(cache, tmp_path, monkeypatch):
    import importlib

    monkeypatch.syspath_prepend(str(tmp_path))
    module = tmp_path / "rolcheck_probe_facts.py"
    module.write_text("def width(pattern):\n    return len(pattern)\n", "utf-8")
    first = importlib.import_module("rolcheck_probe_facts")
    assert re_cache.remembered(first.width)("依法行政") == 4
    module.write_text("def width(pattern):\n    return len(pattern) + 100\n", "utf-8")
    second = importlib.reload(first)
    assert re_cache.remembered(second.width)("依法行政") == 104
    monkeypatch.delitem(sys.modules, "rolcheck_probe_facts")
