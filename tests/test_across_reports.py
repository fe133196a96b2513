"""What a reviewer catches across reports: copied passages in a batch and against a reference folder.

The reports are our own fictional 青溪县 departments' text, written into a temporary folder:
two departments that share a copied section, and departments that share only the required
headings and the opening every report writes. Each is checked the way users check them —
``rolcheck check`` through the runner, with worker processes — and the outputs are read back.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from checker.analysis import similarity
from checker.common.errors import UsageError
from checker.reading.source import DEFAULT_MAX_BYTES
from checker.run.checklists import load
from checker.run.runner import Options, run
from checker.run.similar import check_together

OPENING = (
    "2025年，{who}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，认真落实县委、县政府关于法治政府建设的决策部署。"
    "现将有关情况报告如下。"
)
# The section the 市场监管局 copied from the 司法局, changing only the figures.
COPIED = (
    "（二）严格规范公正文明执法。全面落实行政执法公示、执法全过程记录、重大执法决定法制审核三项制度，"
    "全年审核重大执法决定{a}件，提出审核意见{b}条。组织开展行政执法案卷集中评查，抽查案卷{c}卷，"
    "对发现的文书制作不规范、证据收集不完整等问题逐一反馈整改。推行“首违不罚”清单制度，对{d}起轻微违法行为依法不予处罚。"
)


def report(who: str, issuer: str, measures: str, problems: str, plan: str, date: str = "2026年2月10日", opening: str = OPENING) -> str:
    return (
        f"{issuer}关于2025年度法治政府建设情况的报告\n青溪县人民政府：\n{opening.format(who=who)}\n"
        f"一、2025年度推进法治政府建设的主要举措和成效\n{measures}\n"
        f"二、存在的不足及原因\n{problems}\n"
        f"三、2026年工作安排\n{plan}\n{issuer}\n{date}\n"
    )


SIFA = report(
    "县司法局",
    "青溪县司法局",
    "（一）加强党的领导。局党组会议专题研究法治政府建设工作6次，局主要负责人在县委全面依法治县委员会会议上述法。\n"
    + COPIED.format(a=46, b=112, c=260, d=38)
    + "\n（三）深化公共法律服务。建成村（社区）公共法律服务工作室152个，全年办理法律援助案件417件。",
    "一是乡镇司法所人员不足，12个司法所中有5个仅1名工作人员。二是行政复议案件办理超期较多。究其原因，办案人员少、案件量大。",
    "（一）充实基层力量。年内为5个司法所各补充1名工作人员。\n（二）提升复议质效。2026年行政复议案件按期办结率达到98%以上。",
)
SHICHANG = report(
    "县市场监管局",
    "青溪县市场监管局",
    "（一）优化营商环境。推行经营主体登记“一网通办”，全年新登记经营主体3126户，注销办理时限压缩至3个工作日。\n"
    + COPIED.format(a=29, b=75, c=180, d=54)
    + "\n（三）守牢安全底线。开展食品安全抽检2210批次，问题产品核查处置率100%。",
    "一是基层所执法装备不足，7个市场监管所中有3个没有快检设备。二是网络交易监管手段滞后。究其原因，技术投入不够。",
    "（一）补齐装备短板。年底前为3个市场监管所配齐食品快检设备。\n（二）加强网络监管。2026年上线网络交易监测平台，对辖区网店实现监测全覆盖。",
    date="2026年2月11日",
)
JIAOTONG = report(
    "县交通运输局",
    "青溪县交通运输局",
    "（一）加强党的领导。局党组全年听取法治建设工作汇报4次，将法治建设纳入年度目标考核。\n"
    "（二）严格规范公正文明执法。全年查处超限超载车辆214台次，卸载货物3800余吨；执法记录仪配备率达到100%，治超站点视频监控全部接入县指挥中心。\n"
    "（三）推进农村公路管护。落实“路长制”，全县1268公里农村公路实现县乡村三级路长全覆盖。",
    "一是农村公路路政执法力量薄弱，全局路政执法人员仅9名。二是运输企业安全生产主体责任落实不到位。",
    "（一）充实路政执法力量。年内通过公开招录补充路政执法人员3名。\n（二）压实企业主体责任。2026年对全县42家运输企业开展安全生产执法检查全覆盖。",
    date="2026年2月9日",
)
WEIJIAN = report(
    "县卫生健康局",
    "青溪县卫生健康局",
    "（一）加强党的领导。局党组会议研究法治政府建设议题5次，组织干部职工集中学法8次。\n"
    "（二）严格规范公正文明执法。开展医疗机构依法执业专项检查，检查医疗机构326家次，立案查处违法执业行为17起，罚没款12.6万元。\n"
    "（三）推进政务公开。在局门户网站公开卫生健康行政许可信息1420条。",
    "一是基层医疗机构依法执业意识不强。二是卫生监督执法人员不足，全县仅有监督员11名。",
    "（一）开展依法执业培训。年内对全县村卫生室负责人培训全覆盖。\n（二）充实监督执法队伍。2026年争取增加卫生监督员编制3名。",
    date="2026年2月12日",
)


def write(folder: Path, reports: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in reports.items():
        path = folder / name
        path.write_text(text, "utf-8")
        paths.append(path)
    return paths


def shared_findings(result) -> list:
    return [finding for finding in result.findings if finding.type == "shared_text"]


@pytest.fixture(scope="module")
def national():
    return load("national")


@pytest.fixture(scope="module")
def copied_batch(tmp_path_factory, national):
    """The batch of four departments, checked by the runner in two worker processes into HTML, JSON and Markdown."""
    folder = tmp_path_factory.mktemp("batch")
    write(folder / "in", {"sifa.txt": SIFA, "shichang.txt": SHICHANG, "jiaotong.txt": JIAOTONG, "weijian.txt": WEIJIAN})
    out = io.StringIO()
    options = Options([str(folder / "in")], national, formats=["json", "html", "md"], out_dir=folder / "out", jobs=2, fail_on="missing", fail_on_findings="warning")
    code = run(options, out, io.StringIO())
    return folder / "out", code, out.getvalue()


def test_two_departments_sharing_a_copied_section_name_each_other_and_quote_both_places(copied_batch):
    out, code, printed = copied_batch
    assert code == 1  # the copy is a warning, and this run fails on warnings
    sifa = json.loads((out / "sifa.json").read_text("utf-8"))
    shichang = json.loads((out / "shichang.json").read_text("utf-8"))
    [to_shichang] = [finding for finding in sifa["findings"] if finding["type"] == "shared_text"]
    [to_sifa] = [finding for finding in shichang["findings"] if finding["type"] == "shared_text"]
    assert "shichang.txt" in to_shichang["message"] and "sifa.txt" in to_sifa["message"]
    # The whole copied section, its three sentences; the heading and the other sections are not part of it.
    assert "本报告第 6 行的 3 句" in to_sifa["message"] and "sifa.txt 第 6 行雷同" in to_sifa["message"]
    own, other = to_sifa["evidence"]
    assert own["kind"] == "sentence" and own["line"] == 6 and "全年审核重大执法决定29件" in own["quote"]
    assert other["kind"] == "other_report" and other["section"][0].endswith("sifa.txt") and "全年审核重大执法决定46件" in other["quote"]
    assert "≈" in printed and "相似报告" in printed
    # The copy is in every format: the Markdown table names the other report's line.
    assert "sifa.txt 第 6 行" in (out / "shichang.md").read_text("utf-8")


def test_departments_sharing_only_headings_and_the_opening_are_not_flagged(copied_batch):
    out, _, _ = copied_batch
    for name in ("jiaotong", "weijian"):
        document = json.loads((out / f"{name}.json").read_text("utf-8"))
        assert [finding for finding in document["findings"] if finding["type"] == "shared_text"] == []


def test_dashboard_has_a_similar_column_and_the_pairs_page_lists_the_pair_with_its_share(copied_batch):
    out, _, _ = copied_batch
    dashboard = (out / "index.html").read_text("utf-8")
    assert "title=\"相似报告\">相似</th>" in dashboard and dashboard.count('href="similar.html"') == 2
    page = (out / "similar.html").read_text("utf-8")
    assert page.count("<tr>") == 1 + 1  # the header and one pair
    assert "sifa.txt" in page and "shichang.txt" in page and "jiaotong" not in page
    assert 'href="./sifa.html"' in page and 'href="./shichang.html"' in page
    share = [int(cell.split("%")[0]) for cell in page.split('<td class="num">')[1:3]]
    assert all(20 <= value <= 60 for value in share), share  # a section of three: between a fifth and a half of each


def test_a_batch_of_two_sharing_only_the_checklist_headings_is_silent(tmp_path, national):
    paths = write(tmp_path, {"jiaotong.txt": JIAOTONG, "weijian.txt": WEIJIAN})
    assert [shared_findings(result) for result in check_together(paths, national, DEFAULT_MAX_BYTES)] == [[], []]


def test_wording_most_of_the_batch_shares_is_learned_as_boilerplate(tmp_path, national):
    # Every report opens with the same two long sentences of 依法治县 wording: shared by all four, so boilerplate.
    opening = (
        "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届历次全会精神，深学笃用习近平法治思想。"
        "紧紧围绕县委“法治青溪”建设目标，统筹推进依法行政各项工作，为全县经济社会高质量发展提供有力法治保障。"
        "2025年，{who}法治政府建设情况报告如下。"
    )
    reports = {name: text.replace(OPENING.format(who=who), opening.format(who=who)) for name, text, who in (
        ("sifa.txt", SIFA, "县司法局"), ("shichang.txt", SHICHANG, "县市场监管局"), ("jiaotong.txt", JIAOTONG, "县交通运输局"), ("weijian.txt", WEIJIAN, "县卫生健康局"))}
    assert all("深学笃用习近平法治思想" in text for text in reports.values())
    results = check_together(write(tmp_path, reports), national, DEFAULT_MAX_BYTES)
    found = {Path(result.path).name: shared_findings(result) for result in results}
    assert found["jiaotong.txt"] == [] and found["weijian.txt"] == []
    assert len(found["sifa.txt"]) == 1 and "第 6 行的 3 句" in found["sifa.txt"][0].message  # the copied section still is
    # The same two opening sentences in a batch of two are not wording "many reports share": a copy.
    pair = check_together(write(tmp_path / "two", {"jiaotong.txt": reports["jiaotong.txt"], "weijian.txt": reports["weijian.txt"]}), national, DEFAULT_MAX_BYTES)
    assert ["第 3 行的 2 句" in finding.message for finding in shared_findings(pair[0])] == [True]


def test_a_section_copied_from_another_county_with_its_name_changed_is_found(tmp_path, national):
    yunling = SIFA.replace("青溪县", "云岭县").replace("“法治青溪”", "“法治云岭”").replace("46件", "31件")
    assert "青溪" not in yunling
    results = check_together(write(tmp_path, {"qingxi_sifa.txt": SIFA, "yunling_sifa.txt": yunling}), national, DEFAULT_MAX_BYTES)
    messages = [finding.message for finding in shared_findings(results[1])]
    assert messages and all("qingxi_sifa.txt" in message for message in messages)


def test_against_a_reference_folder_compares_each_report_with_it_and_never_references_with_each_other(tmp_path, national):
    # Two identical references (the 卫健局's, filed twice) are no finding: references are never compared with each other.
    write(tmp_path / "last_year", {"sifa_2024.txt": SIFA, "weijian_2024.txt": WEIJIAN, "weijian_2024_copy.txt": WEIJIAN})
    [current] = write(tmp_path / "now", {"shichang.txt": SHICHANG})
    out = io.StringIO()
    options = Options([str(current)], national, formats=["json"], out_dir=tmp_path / "out", against=[str(tmp_path / "last_year")], fail_on="missing")
    run(options, out, io.StringIO())
    document = json.loads((tmp_path / "out" / "shichang.json").read_text("utf-8"))
    found = [finding for finding in document["findings"] if finding["type"] == "shared_text"]
    assert len(found) == 1 and "参照报告" in found[0]["message"] and "sifa_2024.txt" in found[0]["message"]
    page = (tmp_path / "out" / "similar.html").read_text("utf-8")
    assert page.count("（参照）") == 1 and "weijian" not in page
    assert not (tmp_path / "out" / "index.html").exists()  # one report: no dashboard
    assert "已写入" in out.getvalue() and "参照报告" in out.getvalue()  # the summary, printed once with the finding


def test_against_needs_the_shared_text_check(tmp_path, national):
    from dataclasses import replace

    [current] = write(tmp_path, {"shichang.txt": SHICHANG})
    without = replace(national, checks=tuple(check for check in national.checks if check.type != "shared_text"))
    with pytest.raises(UsageError, match="shared_text"):
        run(Options([str(current)], without, against=[str(tmp_path)]), io.StringIO(), io.StringIO())


def test_against_a_missing_folder_is_one_chinese_line_and_exit_2(tmp_path):
    import subprocess
    import sys

    [current] = write(tmp_path, {"shichang.txt": SHICHANG})
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", str(current), "--against", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "参照报告目录" in done.stderr and "Traceback" not in done.stderr


def test_the_against_setting_is_read_from_rolcheck_toml(tmp_path, national, monkeypatch):
    from checker.commands import check as command

    write(tmp_path / "reference", {"sifa.txt": SIFA})
    (tmp_path / "rolcheck.toml").write_text('against = "reference"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    args = command.argparse.Namespace(inputs=["x.txt"], checklist=None, exclude=None, max_size=None, format=None, out=None, output=None,
                                      fail_on=None, fail_under=None, fail_on_findings=None, jobs=None, lang=None, baseline=None, quiet=True, against=None)
    assert command.build_options(args).against == ["reference"]


def test_a_fingerprint_is_a_fraction_of_the_report_it_stands_for(tmp_path, national):
    from checker.run.similar import scratch, survey

    [path] = write(tmp_path, {"sifa.txt": SIFA})
    with scratch() as kept:
        found = survey(path, national, DEFAULT_MAX_BYTES, kept)
    assert found is not None and len(found.hashes) == len(found.lines) == len(found.sizes) >= 8
    stored = sum(part.itemsize * len(part) for part in (found.hashes, found.lines, found.sizes))
    assert stored < len(SIFA.encode("utf-8")) / 3
    # Headings and the checklist's own wording are left out; the place name and figures are normalised away.
    assert similarity.key("全年审核重大执法决定46件。", ["青溪县"]) == similarity.key("全年审核重大执法决定29件；", ["云岭县"])
    assert similarity.key("青溪县建成工作室152个", ["青溪县", "青溪"]) == similarity.key("云岭县建成工作室98个", ["云岭县", "云岭"])


def test_the_checklist_s_wording_is_taken_out_as_an_alternation_of_its_terms_would_take_it(national):
    """``Wording.own_chars`` is one Aho–Corasick scan; what it must count is what ``re.sub`` of the terms'
    alternation, longest first, leaves: checked on every sentence of our samples, keyed as the index keys them."""
    import re

    from checker.run import pipeline

    wording = similarity.checklist_wording(national)
    assert wording is not None
    terms = {national_term for element in national.elements for national_term in (element.title, *element.headings, *element.outline)}
    terms.update(term for element in national.elements for group in element.evidence for term in group.terms)
    keyed = sorted({similarity.key(term) for term in terms if len(similarity.key(term)) >= 2}, key=len, reverse=True)
    alternation = re.compile("|".join(map(re.escape, keyed)))
    root = Path(__file__).resolve().parent.parent
    checked = short = 0
    for sample in sorted((root / "tests" / "samples").glob("*.txt")) + sorted((root / "examples").glob("*.txt")):
        prepared = pipeline.prepare(sample)
        places = similarity.place_names(prepared.metadata.issuer)
        for sentence in prepared.outline.sentences:
            text = similarity.key(sentence.text, places)
            assert wording.own_chars(text) == len(alternation.sub("", text)), text
            checked += 1
            short += len(text) < similarity.WORDING_MAX_CHARS and wording.own_chars(text) < similarity.OWN_MIN_CHARS
    assert checked > 400 and short > 20, (checked, short)  # many sentences, and many of them little more than the checklist's words
    # Overlapping terms: from the left, the longest at each place, then on after it.
    crafted = similarity.Wording(frozenset({"法治政府", "政府建设", "法治", "建设法治"}))
    assert crafted.own_chars("法治政府建设") == 2  # 法治 | 政府建设 would leave nothing, but 法治政府 starts first and is longer
    assert crafted.own_chars("法治政府建设法治") == 0  # 法治政府 | 建设法治
    assert crafted.own_chars("推进政府法治") == 4
