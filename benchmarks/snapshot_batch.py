"""Guard for batch work: every file a batch run writes, before a change, compared byte for byte after it.

Run from the repository root:

    .venv/bin/python benchmarks/snapshot_batch.py save /tmp/batch-before
    ... change the code ...
    .venv/bin/python benchmarks/snapshot_batch.py compare /tmp/batch-before

``save`` builds the inputs once in ``DIR/inputs`` (so ``compare`` checks the very same paths,
which the outputs quote) and runs ``rolcheck check FOLDER --out OUT --format
json,html,md,text,junit,sarif,codequality`` on three batches:

- ``real``: 40 generated real-size reports (benchmarks/corpus_real_size.py);
- ``samples``: tests/samples and examples together, plus files that exercise the output plan —
  two reports with the same stem in different folders, a report called ``index.txt``, a file that
  is not a report (an error row) and an empty one;
- ``samples`` again with ``--jobs 1``, which must write the same files as the default jobs;
- ``samples`` as GitHub Actions runs it: ``--format json,github`` with ``$GITHUB_STEP_SUMMARY``
  and ``--github-output`` (its random delimiters replaced by ``DELIMITER``).

Each run's output folder (index.html and summary.csv included) and its standard output and
error are kept; ``compare`` reruns into a temporary folder and prints every difference
(``diff -r``), exiting 1 if there is any.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
FORMATS = "json,html,md,text,junit,sarif,codequality"
RUNS = {
    "real": ("real", ["--format", FORMATS]),
    "samples": ("samples", ["--format", FORMATS]),
    "samples-jobs1": ("samples", ["--format", FORMATS, "--jobs", "1"]),
    "samples-github": ("samples", ["--format", "json,github", "--github-output", "{target}/github-output"]),
}

_NOT_A_REPORT = "关于做好冬季防火工作的通知\n\n各乡镇：\n\n请各单位于十二月底前完成辖区内防火隐患排查，并报送排查台账。\n\n青溪县应急管理局\n2025年11月3日\n"


def _inputs(folder: Path) -> None:
    import corpus_real_size

    corpus_real_size.generate(folder / "real", 40)
    samples = folder / "samples"
    for source in [*sorted((ROOT / "tests" / "samples").iterdir()), *sorted((ROOT / "examples").glob("*.txt"))]:
        (samples / "top").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, samples / "top" / source.name)
    complete = ROOT / "tests" / "samples" / "complete.txt"
    for place in ("乡镇", "部门"):
        (samples / place).mkdir()
        shutil.copyfile(complete, samples / place / "complete.txt")  # the same stem as top/complete.txt
    shutil.copyfile(ROOT / "tests" / "samples" / "department.txt", samples / "部门" / "index.txt")  # a batch page's stem
    (samples / "乡镇" / "冬季防火通知.txt").write_text(_NOT_A_REPORT, "utf-8")  # refused: an error row
    (samples / "乡镇" / "空白.txt").write_text("", "utf-8")


def _run(inputs: Path, out: Path) -> None:
    """Every run of RUNS into ``out/NAME`` (outputs in ``files``, console in ``stdout``/``stderr``)."""
    for name, (folder, extra) in RUNS.items():
        target = out / name
        target.mkdir(parents=True)
        done = subprocess.run(
            [sys.executable, "-m", "checker", "check", folder, "--out", str(target / "files"), *(a.format(target=target) for a in extra)],
            cwd=inputs, capture_output=True, text=True, timeout=1800,
            env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT), "GITHUB_STEP_SUMMARY": str(target / "step-summary.md")},
        )
        if (target / "github-output").exists():
            text = (target / "github-output").read_text("utf-8").replace(str(target), "OUT")
            (target / "github-output").write_text(re.sub(r"ROLCHECK_[0-9a-f]{16}", "DELIMITER", text), "utf-8")
        (target / "stdout").write_text(done.stdout.replace(str(target), "OUT"), "utf-8")
        (target / "stderr").write_text(done.stderr.replace(str(target), "OUT") + f"exit {done.returncode}\n", "utf-8")


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] not in ("save", "compare"):
        print(__doc__)
        return 2
    what, folder = sys.argv[1], Path(sys.argv[2]).resolve()
    if what == "save":
        if folder.exists():
            shutil.rmtree(folder)
        _inputs(folder / "inputs")
        _run(folder / "inputs", folder / "outputs")
        print(f"saved {sum(1 for path in (folder / 'outputs').rglob('*') if path.is_file())} files")
        return 0
    with tempfile.TemporaryDirectory(prefix="snapshot-batch-") as temporary:
        _run(folder / "inputs", Path(temporary))
        differ = subprocess.run(["diff", "-r", str(folder / "outputs"), temporary], capture_output=True, text=True)
        print(differ.stdout[:20000] or "identical")
        return 1 if differ.returncode else 0


if __name__ == "__main__":
    sys.exit(main())
