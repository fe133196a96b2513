"""Flat memory in batch size: workers write their reports' outputs, the main process keeps its per-report state on disk.

What is tested is what users see: the same files whichever way a batch runs, the same output
names from the on-disk plan as from the in-memory one, the dashboard's order, an interrupted
batch's dashboard listing every report that has outputs, and output names that do not change
when another report cannot be read. Memory itself is measured in benchmarks/ (docs/performance.md).
"""

from __future__ import annotations

import csv
import itertools
import math
import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import time
from array import array
from collections import Counter
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT, SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.analysis import similarity
from checker.cli import main
from checker.output.links import file_href
from checker.result import SummaryRow, dashboard_order
from checker.run import ledger, outputs, report_outputs, runner

GUARD = 120  # seconds: a generous bound against hangs, never a timing assertion
ALL_FILE_FORMATS = "json,html,md,text,junit,sarif,codequality"
DEPARTMENTS = ["县司法局", "县市场监督管理局", "县自然资源局", "县生态环境局", "县交通运输局", "县应急管理局", "县卫生健康局", "县教育局"]


def _department_reports(folder: Path, count: int) -> list[Path]:
    """``count`` report-shaped files: our samples and example, renamed for 青溪县's departments (a few share a file name)."""
    sources = [EXAMPLE, *sorted(path for path in SAMPLES.iterdir() if path.suffix == ".txt")]
    made = []
    for number in range(count):
        department = DEPARTMENTS[number % len(DEPARTMENTS)]
        text = sources[number % len(sources)].read_text("utf-8").replace("青溪县人民政府", f"青溪县{department}", 1)
        place = folder / ("乡镇" if number % 5 == 4 else "部门")  # a name met in both folders gets its folder prepended
        place.mkdir(parents=True, exist_ok=True)
        path = place / f"{department}{number // len(DEPARTMENTS)}.txt"
        path.write_text(text, "utf-8")
        made.append(path)
    return made


# ---- the same files whichever way the batch runs -------------------------------------------------


@pytest.fixture(scope="module")
def both_ways(tmp_path_factory):
    """One batch (reports, an unreadable file, a report named index.txt) checked with --jobs 1 and --jobs 2."""
    folder = tmp_path_factory.mktemp("both")
    _department_reports(folder / "reports", 12)
    shutil.copyfile(SAMPLES / "department.txt", folder / "reports" / "部门" / "index.txt")
    (folder / "reports" / "乡镇" / "扫描件.txt").write_bytes(b"\x00\x01\x02 not text")
    runs = {}
    for jobs in ("1", "2"):
        out = folder / f"out{jobs}"
        done = subprocess.run(
            [sys.executable, "-m", "checker", "check", "reports", "--out", str(out), "--format", ALL_FILE_FORMATS, "--jobs", jobs],
            cwd=folder, capture_output=True, text=True, timeout=GUARD, env={**os.environ, "CI": "1"},
        )
        runs[jobs] = (out, done)
    return runs


def test_workers_write_the_same_files_as_one_process(both_ways):
    (one, first), (two, second) = both_ways["1"], both_ways["2"]
    assert first.returncode == second.returncode == 2, first.stderr  # the unreadable file is an error row
    assert "Traceback" not in first.stderr + second.stderr
    names = sorted(path.name for path in one.iterdir())
    assert names == sorted(path.name for path in two.iterdir())
    assert {"index.html", "summary.csv", "部门__index.html"} <= set(names)
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    assert first.stdout.replace(str(one), "OUT") == second.stdout.replace(str(two), "OUT")


def test_the_dashboard_and_summary_list_every_report_once(both_ways):
    out, _ = both_ways["2"]
    rows = list(csv.DictReader((out / "summary.csv").open(encoding="utf-8")))
    assert len(rows) == 14 and len({row["path"] for row in rows}) == 14
    assert [row["path"] for row in rows if row["error"]] == [str(Path("reports/乡镇/扫描件.txt"))]
    index = (out / "index.html").read_text("utf-8")
    scores = [int(score) for score in re.findall(r'<tr[^>]* data-score="(-?\d+)"', index)]
    assert len(scores) == 14 and scores[0] == -1 and scores[1:] == sorted(scores[1:])  # the error row first, then lowest score first
    assert "14 份报告" in index


# ---- the plan on disk hands out the names the plan in memory does ------------------------------

FOLDERS = ["", "x", "X", "y/z", "部门"]
NAMES = ["a.txt", "A.md", "a.rolcheck.txt", "a.html", "index.txt", "Summary.md", "x__a.txt", "a-2.txt", "similar.txt", "青溪县.txt"]
EXTENSIONS = ["json", "html", "junit.xml", "codequality.json", "rolcheck.docx"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(FOLDERS), st.sampled_from(NAMES)), min_size=2, max_size=14, unique=True),
    st.lists(st.sampled_from(EXTENSIONS), min_size=1, max_size=3, unique=True),
    st.booleans(),
)
def test_the_plan_on_disk_hands_out_the_names_the_plan_in_memory_does(tmp_path_factory, inputs, extensions, outputs_beside_inputs):
    root = tmp_path_factory.getbasetemp() / "plan"
    paths = [root / folder / name for folder, name in inputs]
    out_dir = root if outputs_beside_inputs else root / "out"  # beside the inputs, an output may land on one
    in_memory = outputs.Plan(out_dir, paths, True)
    on_disk = outputs.Plan(out_dir, paths, True, ledger.Ledger())
    asked = [(path, extension) for path in paths for extension in extensions]
    asked += asked[::3]  # asked again (a report rewritten after the comparison): the same path each time
    assert [on_disk.report(*item) for item in asked] == [in_memory.report(*item) for item in asked]
    assert all(on_disk.is_input(path) and path.resolve() in on_disk.inputs for path in paths)


# ---- rows on disk -------------------------------------------------------------------------------


def _row(path: str, score: int | None, error: str | None = None, link: str | None = None) -> SummaryRow:
    verdict = "" if score is None else "pass" if score == 100 else "weak" if score >= 90 else "fail"
    return SummaryRow(path, f"青溪县{path}2025年度法治政府建设情况报告", score, verdict, {"problems": "weak"} if score else {}, link, error=error)


def test_rows_on_disk_come_in_input_order_and_in_dashboard_order():
    rows = ledger.Rows(ledger.Ledger())
    written = [
        _row("司法局.txt", 82, link="司法局.html"),
        _row("扫描件.pdf", None, error="PDF 没有文字层"),
        _row("教育局.txt", 100, link="教育局.html"),
        _row("交通局.txt", 82, link="交通局.html"),
        _row("空白.txt", None, error="文件为空"),
        _row("卫健委.txt", 95),
    ]
    for row in written:
        rows.put(row)
    again = _row("司法局.txt", 79, link="司法局.html")  # checked again with its shared passages
    rows.put(again)
    expected = [again if row.path == again.path else row for row in written]
    assert list(rows) == expected and len(rows) == 6  # replaced where it stood
    assert list(rows.ranked()) == sorted(expected, key=dashboard_order)
    assert list(rows.ranked())[:3] == [written[1], written[4], again]  # errors first, in input order, then the lowest score
    assert dict(rows.links) == {"司法局.txt": "司法局.html", "教育局.txt": "教育局.html", "交通局.txt": "交通局.html"}
    assert again in rows and written[0] not in rows


# ---- what a worker sends back --------------------------------------------------------------------


def test_a_worker_sends_back_a_summary_and_writes_the_files_itself(tmp_path, national):
    reports = _department_reports(tmp_path / "reports", 2)
    options = runner.Options(inputs=[], checklist=national, formats=["json", "html", "lint"], out_dir=tmp_path / "out")
    plan = outputs.Plan(options.out_dir, reports, True)
    sent: set[str] = set()
    sizes, linted = [], []
    for path in reports:
        where = report_outputs.targets(plan, path, options.formats)
        reported = runner._write_checked(runner._check_or_error(national, options.max_bytes, path), where, options, False, sent)
        assert isinstance(reported, runner.Reported)
        assert [target for _, target in where if target is not None] == list(reported.written.files)
        assert all(target.is_file() for target in reported.written.files)
        assert reported.written.row.link == reported.written.files[1].name  # the HTML gap report
        linted += [text for to_err, text in reported.written.said if not to_err and path.name in text]  # for stdout
        sizes.append(len(pickle.dumps(reported)))
    assert linted  # the second report (a sample with gaps) has lint lines
    whole = len(pickle.dumps(runner._check_or_error(national, options.max_bytes, reports[1])))
    # The checklist goes once per worker; after that a report costs its row (and its lint lines), not its result.
    assert sizes[1] * 10 < whole and sizes[1] < sizes[0]
    body = max(reports[1].read_text("utf-8").splitlines(), key=len)  # the report's text stays in the worker
    assert body.encode("utf-8") not in pickle.dumps(reported)


# ---- Ctrl-C -------------------------------------------------------------------------------------


def test_an_interrupted_batch_lists_every_report_that_has_outputs(tmp_path):
    _department_reports(tmp_path / "reports", 40)
    process = subprocess.Popen(
        [sys.executable, "-m", "checker", "check", "reports", "--out", "out", "--format", "html", "--jobs", "2"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "CI": "1"}, start_new_session=True,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + GUARD
    while time.monotonic() < deadline and not process.stdout.readline().startswith(("✓", "△", "✗")):
        pass
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=GUARD)
    assert process.returncode == 130, err
    assert "Traceback" not in err and "已中断" in err
    out = tmp_path / "out"
    pages = {path.name for path in out.glob("*.html")} - {"index.html", "similar.html"}
    listed = {row["path"] for row in csv.DictReader((out / "summary.csv").open(encoding="utf-8"))}
    assert 0 < len(pages) == len(listed) < 40
    index = (out / "index.html").read_text("utf-8")
    assert 'id="incomplete"' in index and f"{len(listed)}/40" in index
    assert all(f'href="{file_href(page)}"' in index for page in pages)
    assert not list(out.glob(".*"))


# ---- names that do not depend on other reports ------------------------------------------------


def test_output_names_do_not_depend_on_whether_another_report_could_be_read(tmp_path, capsys):
    for place in ("司法局", "教育局"):
        (tmp_path / place).mkdir()
    shutil.copyfile(SAMPLES / "complete.txt", tmp_path / "教育局" / "年度报告.txt")
    (tmp_path / "司法局" / "年度报告.txt").write_text("", "utf-8")  # not yet written: an error row
    assert main(["check", str(tmp_path / "司法局"), str(tmp_path / "教育局"), "--out", str(tmp_path / "out1"), "-q", "--jobs", "1"]) == 2
    shutil.copyfile(SAMPLES / "department.txt", tmp_path / "司法局" / "年度报告.txt")  # written the next day
    assert main(["check", str(tmp_path / "司法局"), str(tmp_path / "教育局"), "--out", str(tmp_path / "out2"), "-q", "--jobs", "1"]) in (0, 1)
    capsys.readouterr()
    # The same name both days for 教育局's report, which was readable both times.
    assert sorted(path.name for path in (tmp_path / "out1").glob("*.json")) == ["教育局__年度报告.json"]
    assert sorted(path.name for path in (tmp_path / "out2").glob("*.json")) == ["年度报告.json", "教育局__年度报告.json"]


def test_a_single_report_never_imports_sqlite3():
    probe = (
        "import sys, io, contextlib\n"
        "from checker import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = cli.main(['check', {str(EXAMPLE)!r}, '--checklist', 'national', '--output', '-'])\n"
        "print(code, 'sqlite3' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=GUARD, cwd=ROOT)
    assert done.stdout.split() == ["0", "False"], done.stderr


# ---- the batch comparison's index, on disk -------------------------------------------------------


def _every_pair(prints, references, min_sentences, min_chars, common_share, common_min):
    """What the index must find, worked out the slow way: every pair of reports compared directly."""
    limit = min(similarity.COMMON_MAX, max(common_min, math.ceil(common_share * len(prints))))
    holders = Counter(value for found in prints for value in set(found.hashes))
    common = {value for value, count in holders.items() if count >= limit}
    passages = []  # (a, b, a_lines, b_lines, sentences, chars, first) in the order of a, then b
    for a, b in itertools.combinations(range(len(prints)), 2):
        first, second = prints[a], prints[b]
        if references[a] and references[b] or len((set(first.hashes) & set(second.hashes)) - common) < min_sentences:
            continue
        where: dict[int, int] = {}
        for position, value in enumerate(second.hashes):
            where.setdefault(value, position)
        run: list[int] = []
        for position in [*range(len(first.hashes)), None]:
            if position is not None and first.hashes[position] in where and first.hashes[position] not in common and (not run or run[-1] == position - 1):
                run.append(position)
                continue
            chars = sum(first.sizes[p] for p in run)
            if len(run) >= min_sentences and chars >= min_chars:
                others = [where[first.hashes[p]] for p in run]
                passages.append((a, b, (first.lines[run[0]], first.lines[run[-1]]), (second.lines[min(others)], second.lines[max(others)]),
                                 len(run), chars, first.hashes[run[0]]))
            run = [position] if position is not None and first.hashes[position] in where and first.hashes[position] not in common else []
    return passages


@st.composite
def _fingerprints(draw):
    """A few reports' fingerprints over a small stock of sentence hashes, so that they share runs (and boilerplate)."""
    count = draw(st.integers(2, 7))
    prints = []
    for number in range(count):
        hashes = draw(st.lists(st.integers(-3, 9).map(lambda value: value * 0x9E3779B97F4A7C15 % (1 << 63) - (1 << 62)), max_size=14))
        sizes = draw(st.lists(st.integers(12, 40), min_size=len(hashes), max_size=len(hashes)))
        lines = sorted(draw(st.lists(st.integers(1, 60), min_size=len(hashes), max_size=len(hashes))))
        prints.append(similarity.Fingerprint(f"报告{number}.txt", array("q", hashes), array("i", lines), array("i", sizes), sum(sizes) + draw(st.integers(0, 50))))
    return prints, draw(st.lists(st.booleans(), min_size=count, max_size=count))


@given(_fingerprints(), st.integers(1, 3), st.sampled_from([0, 30, 50]), st.sampled_from([0.3, 0.6, 1.0]), st.integers(2, 4), st.booleans())
@settings(max_examples=80, deadline=None)
def test_the_index_on_disk_finds_what_comparing_every_pair_finds(drawn, min_sentences, min_chars, common_share, common_min, at_once):
    """Found all at once (``find``), or report by report as a batch's second pass asks for each (``shared``)."""
    prints, references = drawn
    index = similarity.Index(ledger.temporary_database)
    for found, reference in zip(prints, references):
        index.add(found, reference)
    expected = _every_pair(prints, references, min_sentences, min_chars, common_share, common_min)
    if at_once:
        assert index.find(min_sentences, min_chars, common_share, common_min) == len(expected)
    else:
        index.start_finding(min_sentences, min_chars, common_share, common_min)
    for number, found in enumerate(prints):
        seen = [
            (prints[b if a == number else a].path, own if a == number else other, other if a == number else own, sentences, chars, first,
             references[b if a == number else a])
            for a, b, own, other, sentences, chars, first in expected if number in (a, b)
        ]
        mine = [(p.other, p.own_lines, p.other_lines, p.sentences, p.chars, p.first, p.reference) for p in index.shared(found.path)]
        assert mine == ([] if references[number] else seen)
    assert index.find_through(index.count - 1) == len(expected)
    totals: dict[tuple[int, int], list[int]] = {}
    for a, b, _, _, sentences, chars, _ in expected:
        pair = totals.setdefault((a, b), [0, 0, 0])
        pair[0], pair[1], pair[2] = pair[0] + chars, pair[1] + 1, pair[2] + sentences
    share = {pair: max(chars / prints[pair[0]].total_chars, chars / prints[pair[1]].total_chars) for pair, (chars, _, _) in totals.items()}
    ordered = sorted(totals, key=lambda pair: -share[pair])
    assert [(t.a, t.b, t.chars, t.passages, t.sentences) for t in index.pairs()] == [
        (prints[a].path, prints[b].path, *totals[a, b]) for a, b in ordered
    ]
    assert index.pair_count() == len(totals)


def test_a_compared_batch_killed_outright_leaves_only_its_scratch_folder(tmp_path):
    """The index's database, like the ledger's, is a file SQLite deletes as soon as it has opened it: SIGKILL leaves
    nothing of it in TMPDIR (only the scratch folder, removed by every run that ends, docs/security.md)."""
    _department_reports(tmp_path / "reports", 24)
    private = tmp_path / "tmp"
    private.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "checker", "check", "reports", "--out", "out", "--format", "json", "--jobs", "1"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env={**os.environ, "CI": "1", "TMPDIR": str(private)},
        start_new_session=True,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + GUARD
    while time.monotonic() < deadline and not process.stdout.readline().startswith(("✓", "△", "✗")):  # the checks, after the index
        pass
    assert list(private.glob("rolcheck-batch-*"))  # the run is using TMPDIR
    process.kill()
    process.communicate(timeout=GUARD)
    assert [path.name for path in private.iterdir() if not path.name.startswith("rolcheck-batch-")] == []
