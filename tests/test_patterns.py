"""Checklist regexes: which run unguarded on ``re`` (proven linear) and that they find what ``regex`` finds.

``patterns.linear_bound`` decides from the parse tree; a wrong "linear" would let a backtracking
pattern run without its timeout, and a difference between the two engines would change verdicts.
So: the bound is checked on patterns of each shape, and every pattern the bundled checklists and
our checks compile while checking our samples is run through both engines on every line of them.
"""

from __future__ import annotations

import re
import string
from functools import cache
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.common import patterns
from checker.run import checklists, pipeline

ROOT = Path(__file__).resolve().parent.parent
FIGURES = r"\d+(?:\.\d+)?(?:余|多)?(?:万|亿)?(?:%|件次|件|人次|次|项|个|名|户|卷|场次|场|条|家|人|期|批|篇|起|份|元|天|小时|轮|场所|所)"
SAMPLES = sorted((ROOT / "tests" / "samples").glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))


@pytest.mark.parametrize(
    "pattern",
    ["下一步", "^今年", r"(?<![—\-－~～至到\d])2026年", r"存在[^。；]{2,40}?(?:等问题|的问题)", r"(?:x{0,3}){0,3}", "第一责任人|主要负责人"],
)
def test_literal_and_bounded_patterns_are_proven_linear(pattern: str) -> None:
    assert patterns.linear_bound(pattern) is not None
    assert patterns.compile(pattern).search.__self__.__class__.__module__ == "re"  # type: ignore[attr-defined]


@pytest.mark.parametrize("pattern", [r"(依+)+$", r"\d+件", r"[^。]*问题", r"(a)\1", r"(?:ab){0,20000}", r"((a|aa){0,9}){0,9}", "["])
def test_repeats_without_bound_and_back_references_keep_the_timeout(pattern: str) -> None:
    assert patterns.linear_bound(pattern) is None
    if pattern != "[":
        assert patterns.compile(pattern).search.__func__ is patterns.Bounded.search  # type: ignore[attr-defined]


def test_a_catastrophic_pattern_still_stops_within_its_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "SEARCH_SECONDS", 0.1)
    patterns.begin_report()
    assert patterns.compile(r"(依+)+$").search("依" * 5000 + "。") is None
    assert patterns.timed_out() == [r"(依+)+$"]
    patterns.begin_report()


@cache
def _compiled_while_checking() -> tuple[str, ...]:
    """Every pattern compiled while checking our samples with each bundled checklist that applies."""
    seen: list[str] = []
    original = patterns.Bounded.__init__

    def recording(self: patterns.Bounded, pattern: str, flags: int = 0) -> None:
        seen.append(pattern)
        original(self, pattern, flags)

    patterns.compile.cache_clear()
    patterns.Bounded.__init__ = recording  # type: ignore[method-assign]
    try:
        for checklist_id in ("national", "department"):
            checklist = checklists.load(checklist_id)
            for sample in SAMPLES:
                pipeline.analyse(sample, checklist, 20 << 20)
    finally:
        patterns.Bounded.__init__ = original  # type: ignore[method-assign]
        patterns.compile.cache_clear()
    return tuple(dict.fromkeys(seen))


def test_the_fast_engine_finds_what_regex_finds_for_every_pattern_we_compile() -> None:
    compiled = _compiled_while_checking()
    fast = [pattern for pattern in compiled if patterns.linear_bound(pattern) is not None]
    assert len(fast) >= 20, "the bundled checklists' cues and phrases should mostly be proven linear"
    lines = [line for sample in SAMPLES for line in sample.read_text("utf-8").splitlines() if line.strip()]
    lines += ["依" * 3000, "2026年2025年—2026年", "下一步下步明年", "存在若干问题。问题仍然存在"]
    short = [pattern for pattern in compiled if patterns.linear_bound(pattern) is None and patterns.short_text_limit(pattern) is not None]
    assert len(short) >= 5, "figures and the checks' counting patterns should run on re on a sentence"
    lines += ["共办理12件。" * 60, "1" * 5000 + "件"]  # a sentence past each short limit: the guarded path
    for pattern in fast + short:
        ours, reference = patterns.compile(pattern), regex.compile(pattern)
        for line in lines:
            assert [m.span() + m.groups() for m in ours.finditer(line)] == [m.span() + m.groups() for m in reference.finditer(line)], (pattern, line)
            assert ours.sub("※", line) == reference.sub("※", line), (pattern, line)


def test_a_remembered_pattern_searches_each_text_once_and_answers_as_the_pattern_does() -> None:
    inner = patterns.compile(r"\d+(?:\.\d+)?(?:万|亿)?(?:%|件|次|项)")
    calls: list[str] = []
    search = inner.search

    def counting(text: str, pos: int = 0) -> object:
        calls.append(text)
        return search(text, pos)

    inner.search = counting  # type: ignore[method-assign]
    remembered = patterns.Remembered(inner)
    texts = ["全年办理行政复议案件36件。", "持续深化法治宣传教育。", "全年办理行政复议案件36件。"]
    answers = [remembered.search(text) for text in texts + texts]
    assert [found.group(0) if found else None for found in answers] == ["36件", None, "36件"] * 2
    assert calls == texts[:2]
    later = remembered.search("共12项，其中5项", 5)  # a start position is not remembered
    assert later is not None and later.group(0) == "5项"


def test_every_regex_param_of_the_bundled_checks_runs_bounded() -> None:
    """A check that compiled a regex param (its default or the checklist's) with ``re`` would run it without a time limit."""
    from checker.common.chinese import fill_years
    from checker.rules import registry

    compiled = set(_compiled_while_checking())
    checked = 0
    for checklist_id in ("national", "department"):
        for check in checklists.load(checklist_id).checks:
            # draft_marks' ``kinds`` are names compared for equality (insertion, comment…), never searched
            if not check.enabled or check.type == "draft_marks":
                continue
            rule = registry.module(check.type)
            if rule.COMPARES:  # year-over-year checks run only against last year's report
                continue
            for name, value in {**rule.DEFAULTS, **check.params}.items():
                kind = rule.PARAMS[name].kind
                for pattern in [value] if kind == "regex" else value if kind == "regexes" else []:
                    checked += 1
                    forms = {pattern, fill_years(pattern, 2025), fill_years(pattern, 2026)}  # or built into a larger one
                    assert any(form in whole for form in forms for whole in compiled), f"{check.id}.{name}: {pattern!r} is not compiled by checker.common.patterns"
    assert checked >= 10


def test_any_of_answers_as_searching_each_pattern_does() -> None:
    from checker.common.chinese import fill_years

    lines = [line for sample in SAMPLES for line in sample.read_text("utf-8").splitlines() if line.strip()]
    national = checklists.load("national").time_scope
    for cues in (national.next_year_cues, national.reported_year_cues, [r"(?i)www\.", "下一步"], [r"\d+件", "下步"], []):
        sources = [fill_years(cue, 2025) for cue in cues]
        test = patterns.any_of(sources)
        each = [regex.compile(source) for source in sources]
        assert [test(line) for line in lines] == [any(p.search(line) for p in each) for line in lines], sources


def test_any_of_keeps_each_pattern_s_own_flags() -> None:
    test = patterns.any_of([r"(?i)www\.", "abc"])
    assert test("见 WWW.example.com") and test("xabcx") and not test("ABC")


def test_an_alternation_that_times_out_is_reported_as_the_checklist_s_own_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "SEARCH_SECONDS", 0.1)
    patterns.begin_report()
    test = patterns.any_of(["下一步", r"(依+)+$"])
    assert test("依" * 5000 + "。") is False
    assert patterns.timed_out() == [r"(依+)+$"]  # not the alternation rolcheck built
    assert test("下一步，我们将继续推进。") is True
    patterns.begin_report()


def test_a_huge_bounded_repeat_is_refused_as_linear_without_counting_every_path() -> None:
    assert patterns.linear_bound("(?:ab|cd){9000,10000}") is None  # 2**9000 paths: never computed
    assert patterns.linear_bound("(?:ab|cd){0,3}") == 1 + 2 + 4 + 8


def test_a_long_bounded_gap_keeps_the_timeout() -> None:
    """Few paths, but each attempt reads up to 9,000 characters: minutes on a megabyte-long paragraph."""
    assert patterns.linear_bound(r"[^。]{0,9000}某") is None
    assert patterns.compile(r"[^。]{0,9000}某").search.__func__ is patterns.Bounded.search  # type: ignore[attr-defined]
    assert patterns.linear_bound(r"[^。]{0,40}某") == 41


@pytest.mark.parametrize("pattern", [FIGURES, r"\d+件", r"[^。]+。", r"(?:\d+件|办理)", r"\d+(?=\d)", r"出庭[^\d，。]{0,8}?(\d+)(件|次)"])
def test_a_run_that_nothing_after_it_can_continue_runs_on_re_on_a_sentence(pattern: str) -> None:
    """A ``\\d+`` followed only by what no digit can start gives nothing back usefully: on a sentence it runs unguarded."""
    limit = patterns.short_text_limit(pattern)
    assert patterns.linear_bound(pattern) is None and limit is not None and limit >= 300
    compiled = patterns.compile(pattern)
    sentence = "全县共办理行政复议案件56件，出庭应诉12次，达到100%。"
    assert compiled._fast.pattern == pattern  # type: ignore[attr-defined]
    found = compiled.search(sentence)
    reference = regex.search(pattern, sentence)
    assert (found.span() if found else None) == (reference.span() if reference else None)


@pytest.mark.parametrize(
    "pattern",
    [r"\d+\d+件", r"[^。]*问题", r"(依+)+$", r"(?i)\d+x", r"\d+(?=\d+件)", r"\w+件", r"(\d+)\1", r"(?:\d+件|\d+)\d", r"\d+(?:件|次)?\d", r"(?:\d+件)+", r"[一-龥]+是", r"\d+[一-龥]"],
)
def test_a_run_that_what_follows_may_continue_keeps_the_timeout_on_every_text(pattern: str) -> None:
    """A digit run followed by something a digit may start, a run of a class too large to list, a nested
    or case-folded run, a run inside a lookahead: each can give back characters usefully, so none is proven."""
    assert patterns.short_text_limit(pattern) is None
    assert patterns.compile(pattern)._short == -1  # type: ignore[attr-defined]


def test_a_text_past_the_short_limit_is_searched_under_the_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = patterns.compile(FIGURES)
    limit = patterns.short_text_limit(FIGURES)
    assert limit is not None
    guarded: list[str] = []
    real = patterns.Bounded._guard
    monkeypatch.setattr(patterns.Bounded, "_guard", lambda self, call, empty: guarded.append(self.pattern) or real(self, call, empty))
    assert compiled.search("共12件" + "。" * (limit - 4)) is not None  # at the limit: re, unguarded
    assert guarded == []
    assert compiled.search("共12件" + "。" * (limit - 3)) is not None  # one past it: guarded
    assert guarded == [FIGURES]


_PIECES = st.sampled_from(["法", "治", "政府", "建设", "[法治]", "[^。]", r"\d", "(?:政府|法治)", "(?:建设)?", "法?", "治+", "[政府]{1,2}", "(?:法治|依法)+", "。", "x*"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(_PIECES, min_size=1, max_size=4).map("".join), min_size=1, max_size=3).map("|".join), st.text("法治政府建设依。12x", max_size=24))
def test_a_text_holding_none_of_a_pattern_s_required_strings_never_matches(pattern: str, text: str) -> None:
    needed = patterns.required(pattern)
    if needed is not None and regex.search(pattern, text):
        assert any(string in text for string in needed), (pattern, needed, text)
    test = patterns.any_of([pattern, r"(?i)www\."])
    assert test(text) == bool(regex.search(pattern, text) or regex.search(r"(?i)www\.", text))


def test_required_strings_of_checklist_shaped_patterns() -> None:
    assert patterns.required(r"(?:人民)?政府法制(?:办公室|办)|法制办(?:公室)?") == {"政府法制办", "法制办"}
    assert patterns.required(r"存在[^。；]{2,40}?(?:等问题|的问题)") == {"等问题", "的问题"}
    assert patterns.required(r"\d+件") == {"件"}
    assert patterns.required(r"(?i)www\.") is None  # case folding: not modelled
    assert patterns.required(r"[^。]*") is None


def _every_code_point() -> str:
    return "".join(chr(point) for point in range(0x110000) if not 0xD800 <= point < 0xE000)


def test_lower_catches_every_case_insensitive_match_of_the_characters_it_is_trusted_with() -> None:
    """``required_ignoring_case`` trusts ``str.lower`` with ASCII letters but i, k, s and with characters
    without case: every code point ``re`` matches for one of them, ignoring case, lowers to its own lower."""
    everything = _every_code_point()
    trusted = [char for char in string.ascii_letters + string.digits + ".-_/:{$" if patterns._folds_alike(char)]
    assert sorted(set(string.ascii_lowercase) - {char.lower() for char in trusted}) == ["i", "k", "s"]
    # Characters without case: the checklists' own (Chinese, full-width punctuation and digits) and a few others.
    trusted += ["政", "府", "修", "改", "【", "】", "（", "。", "１", "＊", "×", "〇", "々"]
    assert all(patterns._folds_alike(char) for char in trusted)
    for char in trusted:
        matched = set(re.compile(re.escape(char), re.IGNORECASE).findall(everything))
        assert {found.lower() for found in matched} == {char.lower()}, (char, matched)
    # i and s are not trusted: ı, İ and ſ match them and lower to something else
    for char in "iIsS":
        assert not patterns._folds_alike(char)
        matched = set(re.compile(re.escape(char), re.IGNORECASE).findall(everything))
        assert len({found.lower() for found in matched}) > 1, (char, matched)
    # nor, to be safe, k (the Kelvin sign) or any character with case outside ASCII
    assert not any(patterns._folds_alike(char) for char in ["k", "K", "ｘ", "Ⓐ", "Ⅻ", "é", "Σ"])


def test_required_strings_of_a_case_insensitive_pattern() -> None:
    assert patterns.required_ignoring_case(r"(?i)(?<![A-Za-z0-9.])WWW\.[A-Za-z0-9-]+") == {"www."}
    assert patterns.required_ignoring_case(r"(?i)(?:http|ftp)://") == {"://"}  # "http" holds a t, but "ftp" is shorter
    assert patterns.required_ignoring_case(r"(?i)docx?|pdf") == {"doc", "pdf"}
    assert patterns.required_ignoring_case(r"(?i)link|www") is None  # i and k: ı, İ and the Kelvin sign match them
    assert patterns.required_ignoring_case(r"(?i)émail") is None
    assert patterns.required_ignoring_case(r"www\.") is None  # heeds case: ``required`` has it
    holds = patterns.holds_required(r"(?i)www\.")
    assert holds is not None and holds("见 WwW.example.com") and holds("ＷWW.") is False and not holds("ww w.")


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["w", "W", "x", "(?:ab|cd)", "[a-c]", "q+", r"\.", "网", "i", "k", "s", "[xy]{1,2}", "(?:io)?"]), min_size=1, max_size=4).map("".join),
    st.text("wWxXabcdABCDqQ.网iIkKsSıİſKy", max_size=16),
)
def test_a_text_holding_none_of_a_case_insensitive_pattern_s_strings_never_matches(body: str, text: str) -> None:
    pattern = "(?i)" + body
    needed = patterns.required_ignoring_case(pattern)
    matched = {bool(re.search(pattern, text)), bool(regex.search(pattern, text))}  # the two engines differ on ı ("(?i)i": re only)
    if needed is not None and True in matched:
        assert any(string in text.lower() for string in needed), (pattern, needed, text)
    if len(matched) == 1:
        test = patterns.any_of([pattern, "网", r"\d+件"])
        assert test(text) == bool(matched.pop() or "网" in text or regex.search(r"\d+件", text))


def test_a_paragraph_with_a_linear_pattern_s_word_is_not_searched_under_the_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Residue-shaped patterns: linear ones ("修改" is an everyday word) are searched apart from those that
    need the timeout, so an ordinary paragraph never reaches the guarded search (nor imports ``regex``)."""
    sources = [r"【[^】]{0,20}(?:填写|修改)[^】]{0,20}】", r"\{\{?\s*[A-Za-z_][A-Za-z0-9_.]*\s*\}\}?", r"(?i)(?<![A-Za-z0-9.])www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"]
    guarded: list[str] = []
    real = patterns.Bounded._guard
    monkeypatch.setattr(patterns.Bounded, "_guard", lambda self, call, empty: guarded.append(self.pattern) or real(self, call, empty))
    test = patterns.any_of(sources)
    assert test("对规范性文件进行修改完善，全年修改文件12件。") is False and guarded == []
    assert test("请在【此处修改】填写") is True and guarded == []
    assert test("模板变量 {{ county }} 未替换") is True and len(guarded) == 1
    assert test("详见WWW.qingxi.example.com") is True and len(guarded) == 2
