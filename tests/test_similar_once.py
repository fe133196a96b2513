"""A batch whose reports copy from each other checks every report once, not twice.

The runner surveys each report (read, check, fingerprint), indexes the batch, then runs the checks
that read the passages it shares on the result kept from the survey (``checker.run.similar``). These tests run the batch the
way ``rolcheck check`` does (``run()``, in this process so the checks can be counted) on our own
青溪县 departments' reports from test_across_reports, one of them as a Word file.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pytest
from test_across_reports import JIAOTONG, SHICHANG, SIFA, WEIJIAN, write

from checker.reading import readers
from checker.run import pipeline, similar
from checker.run.checklists import load
from checker.run.runner import EXIT_INTERRUPTED, Options, run


@pytest.fixture(scope="module")
def national():
    return load("national")


@pytest.fixture
def counted(monkeypatch):
    """How often each report was checked (matched and scored) and read from its file, by file name."""
    checks: dict[str, int] = {}
    reads: dict[str, int] = {}
    analyse, read = pipeline._analyse, readers.read_report

    def counting_analyse(path, *arguments):
        checks[Path(path).name] = checks.get(Path(path).name, 0) + 1
        return analyse(path, *arguments)

    def counting_read(path, *arguments):
        reads[Path(path).name] = reads.get(Path(path).name, 0) + 1
        return read(path, *arguments)

    monkeypatch.setattr(pipeline, "_analyse", counting_analyse)
    monkeypatch.setattr(readers, "read_report", counting_read)
    return checks, reads


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """The temporary folder the run's scratch folder goes in, to see that nothing is left there."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _findings(path: Path) -> list[dict]:
    return [finding for finding in json.loads(path.read_text("utf-8"))["findings"] if finding["type"] == "shared_text"]


def test_a_batch_with_a_copied_section_checks_each_report_once_and_still_names_the_copy(tmp_path, national, counted, private_tmp):
    checks, _ = counted
    write(tmp_path / "in", {"sifa.txt": SIFA, "shichang.txt": SHICHANG, "jiaotong.txt": JIAOTONG, "weijian.txt": WEIJIAN})
    out = io.StringIO()
    options = Options([str(tmp_path / "in")], national, formats=["json"], out_dir=tmp_path / "out", jobs=1, fail_on="missing", fail_on_findings="warning")
    assert run(options, out, io.StringIO()) == 1  # the copy is a warning, and this run fails on warnings
    assert checks == {"sifa.txt": 1, "shichang.txt": 1, "jiaotong.txt": 1, "weijian.txt": 1}
    [to_sifa] = _findings(tmp_path / "out" / "shichang.json")
    assert "sifa.txt 第 6 行雷同" in to_sifa["message"] and "全年审核重大执法决定46件" in to_sifa["evidence"][1]["quote"]
    assert _findings(tmp_path / "out" / "jiaotong.json") == []
    # One line per report, the copy's line right after its own.
    lines = out.getvalue().splitlines()
    shichang = next(index for index, line in enumerate(lines) if line.endswith("shichang.txt") and not line.startswith("≈"))
    assert lines[shichang + 1].startswith("≈ ") and "shichang.txt 与 1 份报告有雷同段落" in lines[shichang + 1]
    assert sum(line.startswith("≈") for line in lines) == 2
    assert list(private_tmp.iterdir()) == []  # the scratch folder went with the run


def _word_file(text: str, target: Path) -> Path:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(target))
    return target


def test_a_word_report_in_a_compared_batch_is_read_once_and_quoted_from_its_first_look(tmp_path, national, counted, private_tmp):
    checks, reads = counted
    folder = tmp_path / "in"
    write(folder, {"sifa.txt": SIFA, "jiaotong.txt": JIAOTONG})
    _word_file(SHICHANG, folder / "shichang.docx")
    options = Options([str(folder)], national, formats=["json"], out_dir=tmp_path / "out", jobs=1, fail_on="missing")
    run(options, io.StringIO(), io.StringIO())
    # each report is read and checked once, at its first look; the shared passages come after
    assert reads == {"sifa.txt": 1, "shichang.docx": 1, "jiaotong.txt": 1}
    assert checks == {"sifa.txt": 1, "shichang.docx": 1, "jiaotong.txt": 1}
    [to_word] = _findings(tmp_path / "out" / "sifa.json")
    assert "shichang.docx" in to_word["message"] and "全年审核重大执法决定29件" in to_word["evidence"][1]["quote"]
    [to_text] = _findings(tmp_path / "out" / "shichang.json")
    own, other = to_text["evidence"]  # its own paragraph from the text kept at the first look, the other report's line
    assert own["line"] == 6 and "全年审核重大执法决定29件" in own["quote"] and "全年审核重大执法决定46件" in other["quote"]
    assert list(private_tmp.iterdir()) == []


# A meeting notice (nothing about 法治) that copied two sentences of the 卫健局's report: a file the
# check refuses is left out of the comparison, so the 卫健局 is not told it shares a passage with it.
HEALTH_MEASURES = (
    "（二）加强医疗机构监管。组织卫生监督员对全县医疗机构开展依法执业专项检查，检查医疗机构326家次，"
    "立案查处违法执业行为17起，罚没款12.6万元。对检查中发现的病历书写不规范、消毒隔离不到位等问题，逐一下达整改意见书并跟踪复查。"
)
HEALTH = WEIJIAN.replace(WEIJIAN.split("\n")[4], HEALTH_MEASURES)
NOTICE = (
    "关于开展2026年春季医疗机构检查的通知\n各乡镇卫生院，县直各医疗机构：\n"
    "组织卫生监督员对全县医疗机构开展依法执业专项检查，检查医疗机构298家次，立案查处违法执业行为12起，罚没款9.4万元。"
    "对检查中发现的病历书写不规范、消毒隔离不到位等问题，逐一下达整改意见书并跟踪复查。\n"
    "请各单位于3月10日前完成自查。\n青溪县卫生健康局\n2026年2月20日\n"
)


def test_a_file_off_the_subject_is_refused_and_compared_with_nothing(tmp_path, national, private_tmp):
    assert HEALTH != WEIJIAN and not any(word in NOTICE for word in national.subject.words)
    write(tmp_path / "in", {"weijian.txt": HEALTH, "notice.txt": NOTICE, "jiaotong.txt": JIAOTONG})
    err = io.StringIO()
    code = run(Options([str(tmp_path / "in")], national, formats=["json"], out_dir=tmp_path / "out", jobs=1, fail_on="missing"), io.StringIO(), err)
    assert code == 2 and "notice.txt: 看起来不是法治政府建设年度报告" in err.getvalue()
    assert _findings(tmp_path / "out" / "weijian.json") == []
    assert not (tmp_path / "out" / "notice.json").exists()
    # The same two sentences in two reports on the subject are a copy: the notice was left out for being off-subject only.
    write(tmp_path / "pair", {"weijian.txt": HEALTH, "notice.txt": NOTICE.replace("请各单位", "依法治县办请各单位")})
    results = similar.check_together(sorted((tmp_path / "pair").iterdir()), national, 10_000_000)
    assert [len([f for f in result.findings if f.type == "shared_text"]) for result in results] == [1, 1]


def test_ctrl_c_during_the_checks_keeps_what_was_checked_and_removes_the_scratch_folder(tmp_path, national, monkeypatch, private_tmp):
    write(tmp_path / "in", {"a_sifa.txt": SIFA, "b_shichang.txt": SHICHANG, "c_jiaotong.txt": JIAOTONG, "d_weijian.txt": WEIJIAN})
    checked = []
    check = similar.check

    def interrupted_at_the_third(path, *arguments):
        if len(checked) == 2:
            raise KeyboardInterrupt
        checked.append(path)
        return check(path, *arguments)

    monkeypatch.setattr(similar, "check", interrupted_at_the_third)
    err = io.StringIO()
    code = run(Options([str(tmp_path / "in")], national, formats=["json", "html"], out_dir=tmp_path / "out", jobs=1), io.StringIO(), err)
    assert code == EXIT_INTERRUPTED and "已中断（已检查 2/4 份报告）" in err.getvalue()
    assert sorted(path.name for path in (tmp_path / "out").glob("*.json")) == ["a_sifa.json", "b_shichang.json"]
    assert len(_findings(tmp_path / "out" / "b_shichang.json")) == 1  # checked once, with its copy
    assert 'id="incomplete"' in (tmp_path / "out" / "index.html").read_text("utf-8")
    assert not (tmp_path / "out" / "similar.html").exists()
    assert list(private_tmp.iterdir()) == []


def _first_on_line(sentences, line, wanted, places):
    """What a report quotes of itself for a passage, found in its outline: the body sentence on ``line``
    whose hash is ``wanted``, else the line's first body sentence."""
    from checker.analysis import similarity

    on_line = [sentence for sentence in sentences if sentence.line == line and not sentence.is_heading]
    return next((sentence for sentence in on_line if similarity.sentence_hash(sentence.text, places) == wanted), on_line[0] if on_line else None)


def test_a_quote_from_the_scratch_folder_is_the_sentence_the_report_itself_would_quote(tmp_path, national, monkeypatch):
    """For every line a fingerprint kept, and every hash asked there (its own sentences', or one it lacks): the
    same quote, on both sides of a passage, as finding the sentence in the report's outline."""
    from checker.analysis import evidence, similarity
    from checker.analysis.similarity import SharedPassage

    [path] = write(tmp_path, {"sifa.txt": SIFA})
    prepared = pipeline.prepare(path)
    places = similarity.place_names(prepared.metadata.issuer)
    batch = similar.Batch.start(national)
    assert batch is not None
    with similar.scratch() as kept:
        found = similar.survey(path, national, 10_000_000, kept)
        assert found is not None
        batch.add(found)
        asked = [(line, value) for line in set(found.lines) for value in (*found.hashes, 12345)]
        passages = tuple(SharedPassage(str(path), (line, line), (line, line), 2, 60, value) for line, value in asked)
        monkeypatch.setattr(similarity, "QUOTES_AT_ONCE", 16)
        assert len(passages) > 3 * similarity.QUOTES_AT_ONCE  # quoted in several statements
        filled = batch.quoted(passages)  # the other side, from the index
        result = similar.check(path, national, 10_000_000, filled, kept)  # the own side, from the kept result
    expected = []
    for line, value in asked:
        sentence = _first_on_line(prepared.outline.sentences, line, value, places)
        expected.append(evidence.of_sentence(sentence) if sentence else None)
    found_shared = [finding for finding in result.findings if finding.type == "shared_text"]
    assert [finding.evidence[0] for finding in found_shared] == expected
    assert [passage.other_quote for passage in filled] == [found.quote if found else "" for found in expected]
    assert len({passage.other_quote for passage in filled}) > 5


def test_a_text_report_changed_during_the_batch_is_checked_as_it_was_compared(tmp_path, national, monkeypatch):
    """A drafter saves another version while the batch runs: the report is checked as its first look
    read it, the text its comparison with the batch used, not half one version and half the other."""
    paths = write(tmp_path / "in", {"jiaotong.txt": JIAOTONG, "sifa.txt": SIFA})
    survey = similar.survey

    def edited_after_the_first_look(path, *arguments):
        found = survey(path, *arguments)
        if path.name == "jiaotong.txt":
            path.write_text(WEIJIAN, "utf-8")
        return found

    monkeypatch.setattr(similar, "survey", edited_after_the_first_look)
    run(Options([str(tmp_path / "in")], national, formats=["json"], out_dir=tmp_path / "out", jobs=1), io.StringIO(), io.StringIO())
    document = json.loads((tmp_path / "out" / "jiaotong.json").read_text("utf-8"))
    assert document["metadata"]["issuer"] == "青溪县交通运输局" and paths[0].read_text("utf-8") == WEIJIAN


def test_a_passage_points_at_the_first_place_the_other_report_holds_each_sentence():
    # The other report holds the shared sentences twice, on lines 10-12 and again on 30-32: the passage names the
    # first place, whichever place the sentences of the run are found at first.
    from array import array

    from checker.analysis.similarity import Fingerprint, _positions, _runs

    first = Fingerprint("a.txt", array("q", [1, 2, 3, 9]), array("i", [5, 6, 7, 8]), array("i", [40, 40, 40, 40]), 160)
    second = Fingerprint("b.txt", array("q", [7, 1, 2, 3, 8, 3, 2, 1]), array("i", [9, 10, 11, 12, 20, 30, 31, 32]),
                         array("i", [40] * 8), 320)
    assert _runs(first, _positions(first, set()), second, 2, 60) == [(5, 7, 10, 12, 3, 120, 1)]
    # a sentence the batch treats as boilerplate breaks the run
    assert _runs(first, _positions(first, {2}), second, 2, 60) == []
