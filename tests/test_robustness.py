"""Hostile inputs end in bounded time with a verdict or one clear line (issue 11, docs/security.md).

Every case runs ``rolcheck`` in a subprocess under a generous hang guard (``GUARD`` seconds): a
guard against hanging, not a speed assertion. Cases that need nothing of a process of their own
share one: the quick refusals run one after another through ``cli.main`` in one process, and the
long inputs are one batch run, so the suite pays a few start-ups instead of one per case. Inputs
are generated here, nothing large is committed; sizes are the ones that hung or went quadratic
before the fix.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUARD = 60  # seconds; every case here ends in a few

REPORT = """青溪县人民政府关于2025年度法治政府建设情况的报告
云岭市人民政府：
2025年，青溪县坚持以法治政府建设统领政府工作，现将有关情况报告如下。
一、2025年度推进法治政府建设的主要举措和成效
（一）深化放管服改革。取消、下放行政权力事项27项，“一网通办”率达到97.6%。
（二）推进严格规范公正文明执法。全年办理行政处罚案件312件，开展执法案卷评查2次，评查案卷120卷。
（三）化解行政争议。受理行政复议案件21件，已办结20件，办结率95.2%。
二、党政主要负责人履行推进法治建设第一责任人职责情况
县政府主要负责同志召开常务会议专题研究法治政府建设4次，带头参加旁听庭审1次。
三、存在的不足和原因
一是部分乡镇执法文书不规范。二是基层法治审核力量薄弱。究其原因，乡镇审核人员多为兼职，培训不足。
四、2026年工作安排
（一）压实责任。2026年县政府常务会议会前学法不少于12次。
（二）提升执法水平。年底前实现乡镇执法文书统一模板全覆盖。
青溪县人民政府
2026年2月12日
"""


def rolcheck(*args: str, cwd: Path, timeout: float = GUARD, prefix: tuple[str, ...] = (), **kwargs) -> subprocess.CompletedProcess[str]:
    """``rolcheck`` as users run it, in a fresh process, under the hang guard (``prefix``: a command it runs under)."""
    return subprocess.run(
        [*prefix, sys.executable, "-m", "checker", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env={**os.environ, "CI": "1"}, **kwargs
    )


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    """The single ``rolcheck: 错误：…`` line of a refused input (exit 2, no traceback)."""
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("rolcheck: 错误")]
    assert len(errors) == 1, done.stderr
    return errors[0]


def json_result(folder: Path, stem: str) -> dict:
    return json.loads((folder / f"{stem}.json").read_text("utf-8"))


# ---- class 1: linear per sentence and line -------------------------------------------------


def _with_line(line: str) -> str:
    lines = REPORT.splitlines()
    return "\n".join(lines[:7] + [line] + lines[7:]) + "\n"


LONG_INPUTS = {
    # a run of Chinese with rates and no end punctuation: the rate check was quadratic (40k: 17 s)
    "rate_run.txt": (lambda: _with_line("（四）推进依法行政" + "执法公示率执法全过程记录率法制审核" * 4_000), 8),
    # a 300k-character heading line in a text report
    "heading.txt": (lambda: _with_line("五、" + "推进依法行政建设法治政府" * 25_000), 8),
    # a 600k-character Markdown heading
    "md_heading.md": (lambda: "# " + "推进依法行政建设法治政府" * 50_000 + "\n\n" + REPORT, 1),
    # 100k digits: the percent check scanned the run again from every digit
    "digits.txt": (lambda: _with_line("（四）数字" + "1" * 100_000), 8),
}


@pytest.fixture(scope="module")
def long_inputs(tmp_path_factory):
    """All the long inputs checked by one ``rolcheck`` run (one start-up, one hang guard), one report each."""
    folder = tmp_path_factory.mktemp("long")
    for name, (make, _) in LONG_INPUTS.items():
        (folder / name).write_text(make(), "utf-8")
    done = rolcheck("check", *sorted(LONG_INPUTS), "--out", "out", "-q", "--jobs", "1", cwd=folder, timeout=GUARD * 2)
    return folder, done


@pytest.mark.parametrize("name", sorted(LONG_INPUTS))
def test_over_long_sentences_end_and_say_what_was_cut(long_inputs, name):
    folder, done = long_inputs
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    result = json_result(folder / "out", Path(name).stem)
    cut = [warning for warning in result["warnings"] if "切分" in warning]
    assert len(cut) == 1 and f"第 {LONG_INPUTS[name][1]} 行" in cut[0], result["warnings"]
    # the report around the long line is still read: its measures are found as before
    assert {element["id"]: element["status"] for element in result["elements"]}["problems"] == "present"


# ---- class 2: checklist regexes ---------------------------------------------------------------

CHILD = """schema_version: 1
id: qingxi.test
title: 青溪县测试清单
version: "1"
extends: national
"""


def _catastrophic(folder: Path) -> list[str]:
    (folder / "qingxi.yaml").write_text(CHILD + "elements:\n  - id: problems\n    match:\n      patterns: ['(依+)+$']\n", "utf-8")
    return ["check", "report.txt", "--checklist", "qingxi.yaml", "--out", "out"]


def test_a_catastrophic_pattern_is_refused_when_the_checklist_loads(in_one_process):
    line = one_line_error(in_one_process["catastrophic pattern"])
    assert "elements[problems]" in line or "patterns" in line
    assert "灾难性回溯" in line and "(依+)+$" in line


# Backtracking that the load-time probe does not provoke (it needs 依法 repeated): stopped at run
# time, at every place a checklist regex runs, each named in the warnings.
RUNAWAY = {
    "figures": r"(依法|依法依法)+$",
    "cue": r"(?:依法|依法依法)+$",
    "element": r"(依法|依法依法)+x?$",
    "check": r"(?:依法|依法依法)+x?$",
}


def test_runaway_patterns_are_stopped_everywhere_and_named(tmp_path):
    (tmp_path / "report.txt").write_text(_with_line("全年坚持" + "依法" * 400 + "！"), "utf-8")
    (tmp_path / "qingxi.yaml").write_text(
        CHILD
        + f"figures: '{RUNAWAY['figures']}'\n"
        + f"time_scope:\n  next_year_cues: ['{RUNAWAY['cue']}']\n"
        + f"elements:\n  - id: problems\n    match:\n      patterns: ['{RUNAWAY['element']}']\n"
        + f"checks:\n  - id: content.substance\n    params: {{facts: ['{RUNAWAY['check']}']}}\n",
        "utf-8",
    )
    done = rolcheck("check", "report.txt", "--checklist", "qingxi.yaml", "--out", "out", "-q", cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    warnings = "\n".join(json_result(tmp_path / "out", "report")["warnings"])
    for where, pattern in RUNAWAY.items():
        assert repr(pattern) in warnings, (where, warnings)


def test_the_probe_refuses_nested_repetition_and_accepts_the_bundled_patterns():
    from checker.common import patterns

    assert patterns.problem(r"(依+)+$") is not None
    assert patterns.problem(r"(a|aa)+$") is not None
    assert patterns.problem("(?<=下一+)步") is not None  # not Python re: the checklist dialect
    assert patterns.problem(r"(?<![—\-－~～至到\d]){next_year}年") is None
    assert patterns.problem(r"\d+(?:\.\d+)?(?:万|亿)?(?:%|件|次|项)") is None


# ---- class 3: non-regular files ------------------------------------------------------------------


def _fifo(path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    os.mkfifo(path)
    return path


NOT_REGULAR = {
    "fifo report": lambda d: ["check", str(_fifo(d / "report_pipe.txt")), "--out", "out"],
    "/dev/zero report": lambda d: ["check", "/dev/zero", "--out", "out"],
    "/dev/zero checklist": lambda d: ["check", "report.txt", "--checklist", "/dev/zero", "--out", "out"],
    "extends /dev/zero": lambda d: (
        (d / "child.yaml").write_text(CHILD.replace("extends: national", "extends: /dev/zero"), "utf-8"),
        ["check", "report.txt", "--checklist", "child.yaml", "--out", "out"],
    )[1],
    "fifo settings": lambda d: (_fifo(d / "rolcheck.toml"), ["check", "report.txt", "--out", "out"])[1],
    "fifo baseline": lambda d: ["check", "report.txt", "--baseline", str(_fifo(d / "baseline.yaml")), "--out", "out"],
    "huge checklist": lambda d: (
        os.truncate((d / "big.yaml").open("w").name, 6 * 1024 * 1024),  # sparse: no disk used
        ["check", "report.txt", "--checklist", "big.yaml", "--out", "out"],
    )[1],
}


# Runs each case's command line through ``checker.cli.main`` in one process (one start-up for all,
# under one hang guard: a case that blocks fails them all, none hangs the suite); a case that raises
# instead of refusing shows its traceback in that case's stderr.
_DRIVER = """
import contextlib, io, json, os, sys, traceback
from checker.cli import main
results = {}
for name, folder, argv in json.loads(sys.stdin.read()):
    os.chdir(folder)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(argv)
        except BaseException:
            traceback.print_exc()
            code = -1
    results[name] = [code, err.getvalue()]
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def in_one_process(tmp_path_factory):
    """Every case of NOT_REGULAR and ONE_PROCESS, each in a folder of its own with the report, run by one
    process: case → its completed run (exit code and stderr)."""
    cases = []
    for number, (case, setup) in enumerate(sorted({**NOT_REGULAR, **ONE_PROCESS}.items())):
        if "/dev/zero" in case and not Path("/dev/zero").exists():
            continue
        folder = tmp_path_factory.mktemp(f"case{number}")
        (folder / "report.txt").write_text(REPORT, "utf-8")
        cases.append((case, str(folder), setup(folder)))
    done = subprocess.run(
        [sys.executable, "-c", _DRIVER], input=json.dumps(cases), cwd=ROOT, capture_output=True, text=True, timeout=GUARD,
        env={**os.environ, "CI": "1"},
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    return {case: subprocess.CompletedProcess(argv, results[case][0], "", results[case][1]) for case, _, argv in cases}


@pytest.mark.parametrize("case", sorted(NOT_REGULAR))
def test_non_regular_or_huge_files_are_refused_in_one_line(in_one_process, case):
    if case not in in_one_process:
        pytest.skip("no /dev/zero on this system")
    line = one_line_error(in_one_process[case])
    assert any(word in line for word in ("不是普通文件", "过大")), line


def test_symlinks_out_of_the_checked_folder_are_skipped_and_said(tmp_path):
    folder, elsewhere = tmp_path / "reports", tmp_path / "private"
    folder.mkdir()
    elsewhere.mkdir()
    (folder / "qingxi.txt").write_text(REPORT, "utf-8")
    (elsewhere / "secret.txt").write_text(REPORT.replace("青溪县", "白石镇"), "utf-8")
    (folder / "inside.txt").symlink_to(folder / "qingxi.txt")
    (folder / "outside.txt").symlink_to(elsewhere / "secret.txt")
    done = rolcheck("check", "reports", "--out", "out", "-q", cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    assert "outside.txt" in done.stderr and "符号链接" in done.stderr
    assert sorted(path.name for path in (tmp_path / "out").glob("*.json")) == ["inside.json", "qingxi.json"]


# ---- classes 5, 6, 8: output names, links, permissions --------------------------------------------

HOSTILE_NAMES = [
    "javascript:alert(document.domain).txt",
    "index.txt",
    "Index.md",
    "summary.txt",
    "a.txt",
    "a.md",
    "sub/a.txt",
    "a.rolcheck.txt",
    "#frag?x=1 & <b>.txt",
]


@pytest.fixture(scope="module")
def hostile_batch(tmp_path_factory):
    """A batch of reports with hostile names and text, checked into its own folder (outputs beside inputs)."""
    folder = tmp_path_factory.mktemp("hostile")
    for number, name in enumerate(HOSTILE_NAMES):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = REPORT.replace("青溪县人民政府关于", f"青溪县第{number}号<script>alert(1)</script>关于", 1)
        text = text.replace("究其原因", '究其原因<a href="javascript:alert(2)">javascript:alert(3)</a>')
        path.write_text(text, "utf-8")
    (folder / "a.html").write_text("<html><body><p>这是一份已有的网页，不是输出</p></body></html>", "utf-8")
    before = {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    old_umask = os.umask(0o022)
    try:
        done = rolcheck("check", ".", "--format", "html,json,md,junit,sarif,text", "--out", ".", "--jobs", "2", cwd=folder)
    finally:
        os.umask(old_umask)
    return folder, before, done


def test_no_two_outputs_share_a_path_and_no_input_is_overwritten(hostile_batch):
    folder, before, done = hostile_batch
    assert done.returncode in (0, 1, 2), done.stderr
    assert "Traceback" not in done.stderr and "无法写入" not in done.stderr
    for path, content in before.items():
        assert path.read_bytes() == content, f"{path.name} was overwritten"
    reports = len(HOSTILE_NAMES)  # a.html, a web page that is no report, is refused (one line), not checked
    assert "a.html: 看起来不是" in done.stderr, done.stderr
    outputs = [path for path in folder.iterdir() if path.is_file() and path not in before]
    # six formats per report, plus the dashboard, the summary and (the reports copy each other) the
    # pairs page: nothing lost to a collision
    assert len(outputs) == 6 * reports + 3, sorted(path.name for path in outputs)
    assert (folder / "similar.html").is_file()
    assert len({path.name.casefold() for path in outputs}) == len(outputs)
    checked = {json.loads(path.read_text("utf-8"))["report"]["path"] for path in outputs if path.suffix == ".json"}
    assert len(checked) == reports
    assert "<h1>" in (folder / "index.html").read_text("utf-8") and (folder / "summary.csv").read_text("utf-8").startswith("path,")


def test_outputs_get_the_umask_permissions_of_a_normal_file(hostile_batch):
    folder, before, _ = hostile_batch
    modes = {stat.S_IMODE(path.stat().st_mode) for path in folder.iterdir() if path.is_file() and path not in before}
    assert modes == {0o644}


def test_no_temporary_file_is_left(hostile_batch):
    folder, _, _ = hostile_batch
    assert not [path.name for path in folder.rglob("*.tmp")]


def test_a_new_output_never_has_a_temporary_name_and_an_existing_one_is_replaced_whole(tmp_path, monkeypatch):
    # Killed between giving a file a temporary name and renaming it, a worker leaves that name behind (a SIGKILL of
    # the parent takes the workers with it, test below): a file no other has the name of is given its own at once.
    from checker.run import outputs

    if not (getattr(os, "O_TMPFILE", 0) and Path("/proc/self/fd").is_dir()):
        pytest.skip("no O_TMPFILE here: outputs are written under a dot-name, removed on any error")
    named: list[str] = []  # each name a file was linked under, then each one renamed into place
    real_link, real_replace = os.link, os.replace

    def link(source: str, name: str, **options: object) -> None:
        real_link(source, name, **options)  # type: ignore[arg-type]
        named.append(Path(name).name)

    def replace(source: str, name: str) -> None:
        real_replace(source, name)
        named.append(Path(source).name)

    monkeypatch.setattr(os, "link", link)
    monkeypatch.setattr(os, "replace", replace)
    target = tmp_path / "青溪县.html"
    outputs.write_atomically(target, "第一版")
    assert named == ["青溪县.html"] and target.read_text("utf-8") == "第一版"
    outputs.write_atomically(target, ["第二", "版"])
    assert named[1].startswith(".青溪县.html.") and named[1].endswith(".tmp") and named[2] == named[1]
    assert target.read_text("utf-8") == "第二版" and [path.name for path in tmp_path.iterdir()] == ["青溪县.html"]


def test_a_page_of_many_chunks_is_written_whole_and_in_order(tmp_path):
    """Chunks are joined some thousands at a time before they are written: every one arrives, in order, once."""
    from checker.run import outputs

    chunks = (f"<tr><td>青溪县第{number}份</td></tr>\n" for number in range(3 * outputs.CHUNKS_AT_ONCE + 7))
    target = tmp_path / "index.html"
    outputs.write_atomically(target, chunks)
    lines = target.read_text("utf-8").splitlines()
    assert lines == [f"<tr><td>青溪县第{number}份</td></tr>" for number in range(3 * outputs.CHUNKS_AT_ONCE + 7)]


def test_dashboard_links_are_relative_paths_never_a_scheme(hostile_batch):
    import re

    folder, _, _ = hostile_batch
    hrefs = re.findall(r'href="([^"]*)"', (folder / "index.html").read_text("utf-8"))
    pages = {href.split("#")[0] for href in hrefs} - {"./similar.html"}  # a cell links to its element (#el-id)
    assert len(pages) == len(HOSTILE_NAMES)  # one gap report per checked report (a.html is refused)
    assert all(href.startswith("./") and ":" not in href for href in hrefs), hrefs
    assert all(re.fullmatch(r"el-[\w.]+", href.split("#", 1)[1]) for href in hrefs if "#" in href), hrefs


# ---- class 7: interrupted runs ---------------------------------------------------------------------


@pytest.fixture
def many_reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for number in range(40):
        (folder / f"r{number:02d}.txt").write_text(REPORT.replace("27项", f"{number + 1}项"), "utf-8")
    return tmp_path


def _start_batch(folder: Path) -> subprocess.Popen[str]:
    """A parallel batch; returns once it has reported its first report, so the pool is running.

    Its temporary folder (where a compared batch keeps its scratch folder) is ``folder/tmp``."""
    (folder / "tmp").mkdir(exist_ok=True)
    process = subprocess.Popen(
        [sys.executable, "-m", "checker", "check", "reports", "--out", "out", "--format", "html", "--jobs", "2"],
        cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "CI": "1", "TMPDIR": str(folder / "tmp")},
        start_new_session=True,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + GUARD
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line.startswith(("✓", "△", "✗")) or not line:
            break
    return process


def test_sigint_writes_an_incomplete_dashboard_and_no_temporary_file(many_reports):
    process = _start_batch(many_reports)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=GUARD)
    assert process.returncode == 130, err
    assert "Traceback" not in err and "已中断" in err
    index = (many_reports / "out" / "index.html").read_text("utf-8")
    assert 'id="incomplete"' in index and "/40" in index
    assert not list((many_reports / "out").glob(".*"))
    assert not list((many_reports / "tmp").iterdir())  # the batch's scratch folder went with it


def test_sigkill_of_the_parent_takes_the_workers_with_it(many_reports):
    process = _start_batch(many_reports)
    children = [int(pid) for pid in Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()] if Path("/proc").is_dir() else []
    process.kill()
    process.communicate(timeout=GUARD)  # returns only when every holder of the pipes has gone: the workers too
    time.sleep(0.5)
    alive = [pid for pid in children if Path(f"/proc/{pid}").exists() and Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"]
    assert not alive
    assert not list((many_reports / "out").glob(".*"))


# ---- class 9: messages that do not mislead ------------------------------------------------------


def _folder_is_a_file(folder: Path) -> list[str]:
    (folder / "out").write_text("not a folder", "utf-8")
    return ["check", "report.txt", "--out", "out"]


def test_an_output_folder_that_is_a_file_is_one_line_and_exit_2(in_one_process):
    assert "不是目录" in one_line_error(in_one_process["output folder is a file"])


def _unprivileged(folder: Path) -> tuple[str, ...]:
    """A command prefix under which nothing can be written into the read-only ``folder``, root included.

    Root writes into read-only folders through its capabilities (CAP_DAC_OVERRIDE); ``setpriv``
    runs rolcheck as the same user with every capability dropped, so the folder's mode binds it
    too, while the interpreter, which may live under root's own home, stays readable. Skips only
    when that is impossible here (no setpriv, or capabilities that cannot be dropped).
    """
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv (util-linux): root writes into read-only folders")
    prefix = (setpriv, "--bounding-set=-all", "--inh-caps=-all", "--")
    probe = subprocess.run([*prefix, sys.executable, "-c", f"open({str(folder / 'probe')!r}, 'w')"], capture_output=True, timeout=GUARD)
    if probe.returncode == 0:
        pytest.skip("root keeps writing into read-only folders even without capabilities here")
    return prefix


def test_a_read_only_output_folder_is_exit_2(tmp_path):
    (tmp_path / "report.txt").write_text(REPORT, "utf-8")
    (tmp_path / "out").mkdir(mode=0o555)
    prefix = _unprivileged(tmp_path / "out")
    assert "不可写" in one_line_error(rolcheck("check", "report.txt", "--out", "out", cwd=tmp_path, prefix=prefix))
    assert not list((tmp_path / "out").iterdir())


def _baseline_naming_nothing(folder: Path) -> list[str]:
    (folder / "rolcheck-baseline.yaml").write_text(
        "accepted:\n  - {report: gone.txt, element: problems, reason: 已删除}\n  - {report: report.txt, element: no.such_element, reason: 拼错}\n",
        "utf-8",
    )
    return ["check", "report.txt", "--out", "out", "-q"]


def test_baseline_entries_naming_nothing_warn(in_one_process):
    done = in_one_process["baseline naming nothing"]
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    assert "gone.txt 不存在" in done.stderr and "'no.such_element' 不在清单" in done.stderr


# ---- class 5 in a real browser: every link of the dashboard and of a hostile gap report ------------


@pytest.fixture(scope="module")
def browser():
    from test_html_browser import CHROMIUM, LAUNCH_ARGS

    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium); .ci/run installs it")
    with playwright_api.sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        except Exception as error:  # the browser exists but cannot start here
            pytest.skip(f"Chromium did not start: {str(error).splitlines()[0]}")
        yield launched
        launched.close()


def _click_every_link(browser, page_file: Path, folder: Path) -> int:
    """Click one link per distinct href of ``page_file``: no dialog may open, every target stays in ``folder``; returns how many."""
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(page_file.as_uri())
    hrefs = [link.get_attribute("href") for link in page.locator("a").all()]
    # Links to the same page behave alike (a dashboard cell opens its element: the same page, #el-id).
    targets = [href.split("#")[0] if href and not href.startswith("#") else href for href in hrefs]
    first_of_each = [targets.index(target) for target in dict.fromkeys(targets)]
    for index in first_of_each:
        page.locator("a").nth(index).click()
        page.wait_for_load_state()
        assert page.url.startswith(folder.as_uri() + "/"), page.url
        if page.url.split("#")[0] != page_file.as_uri():  # left the page: back for the next link
            page.goto(page_file.as_uri())
    assert not dialogs, dialogs
    context.close()
    return len(first_of_each)


def test_every_link_of_a_hostile_dashboard_and_gap_report_stays_a_file_link(hostile_batch, browser):
    folder, _, _ = hostile_batch
    assert _click_every_link(browser, folder / "index.html", folder) >= len(HOSTILE_NAMES)  # each report's page (and similar.html)
    report = next(path for path in folder.glob("javascript*.html"))
    html = report.read_text("utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert _click_every_link(browser, report, folder) > 10


# Cases run in the one process of ``in_one_process`` besides NOT_REGULAR: name → set-up of its folder, giving its command line.
ONE_PROCESS = {
    "catastrophic pattern": _catastrophic,
    "output folder is a file": _folder_is_a_file,
    "baseline naming nothing": _baseline_naming_nothing,
}
