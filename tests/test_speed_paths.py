"""The fast paths give the answers of the slow ones: precompiled checklists, the one-pass phrase
search, the fuzzy prefilter, table-driven width folding (what a single check imports: tests/test_startup.py)."""

from __future__ import annotations

import re
from importlib import resources

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import LCSseq

from checker.analysis import fuzzy, phrases
from checker.checklist import model, precompiled
from checker.checklist.inheritance import resolve
from checker.checklist.loading import bundled_ids
from checker.common import patterns
from checker.common.chinese import fold_width
from checker.rules.registry import validate_checks
from checker.run import checklists

# Characters of real evidence phrases, so random texts and phrases overlap often.
ALPHABET = "法治政府建设依法行政决策执法监督复议诉讼普法宣传一是二是年度全面推进落实，。；"


def test_every_bundled_checklist_loads_the_same_from_its_precompiled_form():
    for name in bundled_ids():
        compiled = precompiled.lookup(name)
        assert compiled is not None, name
        # A run trusts the precompiled form's regexes; the YAML path probes every one of them.
        probed = validate_checks(model.build(resolve(name)))
        assert model.build(compiled, check_patterns=False) == probed, name
        assert checklists.load(name) == probed, name


def test_a_precompiled_checklist_skips_the_regex_probes_a_file_gets(monkeypatch, tmp_path):
    probed: list[str] = []
    real = patterns.problem
    monkeypatch.setattr(patterns, "problem", lambda pattern: probed.append(pattern) or real(pattern))
    checklists.load("national")
    assert probed == []
    copy = tmp_path / "national-copy.yaml"
    copy.write_text(resources.files("checker.checklists").joinpath("national.yaml").read_text("utf-8"), "utf-8")
    checklists.load(str(copy))
    assert len(probed) > 10  # element patterns, time-scope cues, figures and the checks' regex params


def test_an_edited_bundled_yaml_is_not_shadowed_by_a_stale_precompiled_form(monkeypatch):
    real = precompiled._digest
    monkeypatch.setattr(precompiled, "_digest", lambda name: "edited" if name == "national" else real(name))
    assert precompiled.lookup("national") is None
    assert precompiled.lookup("guizhou") is None  # extends national: its lineage changed too


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(ALPHABET, min_size=1, max_size=4), min_size=1, max_size=8),
    st.text(ALPHABET, max_size=40),
)
def test_one_pass_finds_each_group_hit_where_its_alternation_would(terms, text):
    first = phrases.first_occurrences(terms, [text])[0]
    alternation = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)))
    expected = alternation.search(text)
    present = [(start, -len(term), term) for term, start in phrases.pairs(first) if term in terms]
    if expected is None:
        assert present == []
    else:
        start, length, term = min(present)
        assert (start, start - length, term) == (expected.start(), expected.end(), expected.group())


@settings(max_examples=400, deadline=None)
@given(st.text(ALPHABET, min_size=6, max_size=14), st.text(ALPHABET, max_size=30))
def test_the_prefilter_never_drops_a_fuzzy_match(phrase, text):
    # The first of reaching's two tests: a text the alignment accepts shares at least needle.common
    # characters with the phrase, in order (and at a cut-off up to BULK_MARGIN lower, too).
    needle = fuzzy.Needle.of(phrase)
    if phrase not in text and fuzzy.find_fuzzy(needle, text) is not None:
        assert LCSseq.similarity(phrase, text) >= needle.common


def test_the_prefilter_keeps_a_one_character_slip_and_drops_a_stray_sentence():
    needle = fuzzy.Needle.of("行政执法三项制度")
    texts = ["全面推行行政执法三项制渡，执法行为更加规范", "全年组织干部学法考试2次", "行政执法"]
    assert fuzzy.reaching(needle, texts) == [0]
    assert fuzzy.find_fuzzy(needle, texts[0]) is not None


def test_width_folding_keeps_digit_commas_and_offsets():
    text = "全年办理１,２００件，（一）完成率９８％;\u3000下一步–继续(推进)"
    folded = fold_width(text)
    assert folded == "全年办理1,200件，（一）完成率98%； 下一步—继续（推进）"
    assert len(folded) == len(text)
    assert fold_width("a,b 1,2") == "a，b 1,2"


@settings(max_examples=300, deadline=None)
@given(st.text(ALPHABET, min_size=6, max_size=14), st.lists(st.text(ALPHABET, max_size=30), min_size=1, max_size=6))
def test_the_bulk_scoring_keeps_every_text_the_alignment_accepts(phrase, texts):
    needle = fuzzy.Needle.of(phrase)
    kept = set(fuzzy.reaching(needle, texts))
    for index, text in enumerate(texts):
        if phrase not in text and fuzzy.find_fuzzy(needle, text) is not None:
            assert index in kept


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(ALPHABET, max_size=12), max_size=8), st.text(ALPHABET, min_size=1, max_size=fuzzy.EXACT_MAX_CHARS))
def test_a_heading_phrase_is_found_in_the_titles_it_occurs_in_and_no_other(titles, phrase):
    """The titles are searched joined, one per line: a phrase short enough to be matched only exactly scores in
    exactly the titles an ``in`` test finds it in."""
    from checker.analysis.matching import SentenceIndex
    from checker.structure.outline import Section

    index = SentenceIndex([], [], [Section(title, "", 1) for title in titles])
    assert index.heading_scores(fuzzy.Needle.of(phrase)) == {position: 100.0 for position, title in enumerate(titles) if phrase in title}
