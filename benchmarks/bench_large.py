"""Benchmark: a 5 MB report costs at most 5× a 1 MB one, and a report within --max-size stays under 300 MB.

Run from the repository root:

    .venv/bin/python benchmarks/bench_large.py [--sizes 1,5,20] [--formats txt,md,html,docx,pdf,photos.pdf,scan.pdf,ofd] [--outputs json,html]

Builds reports of the given sizes in MB from the bundled example (its measures section repeated,
as bench_check.py does), as plain text and, with ``--formats``, as Markdown, a web page, a Word
document, a PDF or an OFD (tests/formats_build.py, the builders the format tests use). A web page,
a PDF and an OFD are built from a text cut so that the file itself has the size asked for; a Word
file is built from the text of that size (it compresses to about a quarter: a .docx of 20 MB would
hold a report four times the limit). The PDF's page streams are compressed, as every real PDF's
are (``pdf`` is all text: about 5 million characters in 20 MB); ``photos.pdf`` is a real-shaped large
PDF (a long report's text with a photograph on every page); ``scan.pdf`` is our example scanned at
300 dpi for OCR (the ``ocr`` extra); the OFD's members are deflated, as document systems write them. Each is checked by
``rolcheck check R --format OUTPUTS --out DIR --max-size 25`` in a fresh process (best of
``--runs``); the table gives wall time, CPU time and peak resident memory: the checker's own (from
``wait4``) plus, for a PDF, the peak of the helper process that reads its text layer
(checker/common/bounded.py), sampled from /proc while it lives. The sum is an upper bound: the
helper is forked, so pages it shares with the checker count twice. Reported, never asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
EXAMPLE = ROOT / "examples" / "青溪县2025年度法治政府建设情况报告.txt"


def make_report(target_bytes: int, folder: Path, name: str = "") -> Path:
    """A report of about ``target_bytes``: the example with its measures section repeated (figures varied)."""
    text = EXAMPLE.read_text("utf-8")
    start, end = text.index("二、"), text.index("三、")
    measures = text[start:end].replace("二、", "（补充）", 1)
    need = target_bytes - len(text.encode("utf-8"))
    copies = max(0, need // len(measures.encode("utf-8")))
    extra = "".join(measures.replace("1", str(number % 10)) for number in range(copies))
    path = folder / (name or f"report_{target_bytes // 1000}kb.txt")
    path.write_text(text[:end] + extra + text[end:], "utf-8")
    return path


def make_format(target_bytes: int, folder: Path, suffix: str) -> Path:
    """The report of about ``target_bytes`` as ``suffix`` (txt, md, html, docx, pdf or ofd)."""
    text = make_report(target_bytes, folder, f"report_{target_bytes // 1000}kb.txt")
    if suffix == "txt":
        return text
    import formats_build

    if suffix == "photos.pdf":
        return _write_photo_pdf(target_bytes, folder)
    if suffix == "scan.pdf":
        return _write_scan_pdf(target_bytes, folder)
    build = {"md": formats_build.write_markdown, "html": formats_build.write_html, "docx": formats_build.write_docx,
             "pdf": formats_build.write_pdf, "ofd": _write_deflated_ofd}[suffix]
    out = folder / f"report_{target_bytes // 1000}kb.{suffix}"
    build(text, out)
    if suffix in ("html", "pdf", "ofd") and abs(out.stat().st_size - target_bytes) > target_bytes // 50:
        # the page's tags, the PDF's operators, the OFD's XML: scale the text so the file has the size asked for
        smaller = make_report(int(text.stat().st_size * target_bytes / out.stat().st_size), folder, f"cut_{target_bytes // 1000}kb.txt")
        build(smaller, out)
    return out


def _write_photo_pdf(target_bytes: int, folder: Path) -> Path:
    """A PDF of ``target_bytes`` shaped like a real large one: a long report's text (about 33,000 characters, 70 pages)
    with a photograph on every page, which is what takes a real report's PDF to 20 MB (its text is a few hundred KB)."""
    import io
    import random

    import formats_build
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    text = make_report(100_000, folder, "photos_text.txt")
    out = folder / f"report_{target_bytes // 1000}kb.photos.pdf"
    formats_build.write_pdf(text, out)
    pages = out.read_bytes().count(b"/Type /Page\n") or 70
    photo_bytes = max(10_000, (target_bytes - out.stat().st_size) // pages)
    noise = random.Random(11)
    side = int((photo_bytes / 0.98) ** 0.5)  # random grey pixels: JPEG keeps about a byte per pixel

    class WithPhotos(canvas.Canvas):
        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            from PIL import Image

            image = Image.frombytes("L", (side, side), noise.randbytes(side * side)).convert("RGB")
            jpeg = io.BytesIO()
            image.save(jpeg, "JPEG", quality=90)
            jpeg.seek(0)
            self.drawImage(ImageReader(jpeg), 150, 150, 300, 300)
            super().showPage()

    plain, canvas.Canvas = canvas.Canvas, WithPhotos  # write_pdf looks up canvas.Canvas when it runs
    try:
        formats_build.write_pdf(text, out)
    finally:
        canvas.Canvas = plain
    return out


def _write_scan_pdf(target_bytes: int, folder: Path) -> Path:
    """A scanned report of about ``target_bytes`` (at most the OCR reader's 60 pages): our example's pages as
    tests/ocr_build.py draws them, scanned at 300 dpi with paper grain, repeated (needs the OCR extra and a CJK font)."""
    import io

    import ocr_build
    from PIL import Image

    from checker.reading import page_images

    scanned = []
    for page in ocr_build.pages(EXAMPLE):
        grain = Image.effect_noise(page.size, 40).convert("RGB")
        scanned.append(Image.blend(page, grain, 0.1).resize((page.width * 2, page.height * 2)))
    one = io.BytesIO()
    scanned[0].save(one, "JPEG", quality=90)
    count = max(1, min(page_images.MAX_PAGES, target_bytes // len(one.getvalue())))
    pages = [scanned[number % len(scanned)] for number in range(count)]
    out = folder / f"report_{target_bytes // 1000}kb.scan.pdf"
    pages[0].save(out, "PDF", resolution=2 * ocr_build.DPI, save_all=True, append_images=pages[1:], quality=90)
    return out


def _write_deflated_ofd(text: Path, out: Path) -> None:
    """tests/formats_build.py's OFD with its members deflated (the builder stores them; real OFDs are compressed)."""
    import zipfile

    import formats_build

    stored = out.with_suffix(".stored.ofd")
    formats_build.write_ofd(text, stored)
    with zipfile.ZipFile(stored) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    stored.unlink()


def measure(report: Path, out: Path, outputs: str = "json") -> tuple[float, float, float, float, float, str]:
    """One check in a fresh process: wall seconds, CPU seconds (checker and helpers), the checker's peak MB, its helpers'
    peak MB (the largest sum of the peaks of the helpers alive at one time: a scan's renderer is forked anew for each
    page), the largest sampled sum of their proportional set sizes (MB), and the refusal (exit 2), if it was refused.

    CPU time and, without a helper, peak memory come from ``wait4``. A helper (the PDF text-layer
    reader) is not counted in the checker's figures when it ends with the checker, and is counted
    as the checker's own peak when the checker ends it (a refused PDF), so with a helper each
    process's peak (``VmHWM``) and CPU time are sampled from /proc every 10 ms while it lives: the
    kernel keeps the high-water mark, so only growth in a process's last 10 ms can be missed.
    """
    command = [sys.executable, "-m", "checker", "check", str(report), "--format", outputs, "--out", str(out), "-q", "--max-size", "25"]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    helpers: dict[int, float] = {}  # each helper's last sampled peak MB and CPU seconds
    helper_cpu: dict[int, float] = {}
    helpers_at_once = 0.0
    own = 0.0  # the checker's own peak: wait4's also counts a helper it ended and waited for
    together = 0.0  # the largest sampled sum of proportional set sizes: shared pages split between the processes
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        children = _descendants(process.pid)
        for child in children:
            peak, cpu = _high_water_mb(child), _cpu_seconds(child)
            if peak:
                helpers[child] = peak
                helper_cpu[child] = cpu
        helpers_at_once = max(helpers_at_once, sum(helpers.get(child, 0.0) for child in children))
        own = max(own, _high_water_mb(process.pid))
        together = max(together, sum(_proportional_mb(each) for each in [process.pid, *children]))
        time.sleep(0.01)
    wall = time.perf_counter() - start
    said = process.stderr.read().decode().strip() if process.stderr else ""
    if status not in (0, 256, 512):  # exit 0 or 1: a verdict; 2: refused in one line
        raise SystemExit(f"{report.name}: exit status {status}: {said}")
    cpu = usage.ru_utime + usage.ru_stime + sum(helper_cpu.values())
    return wall, cpu, own if helpers else usage.ru_maxrss / 1024, helpers_at_once, together, said.rsplit("：", 1)[-1] if status == 512 else ""


def _descendants(pid: int) -> list[int]:
    """The processes below ``pid`` (Linux: /proc/PID/task/TID/children)."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            children = [int(child) for child in open(f"/proc/{pid}/task/{task}/children").read().split()]
        except OSError:
            continue
        for child in children:
            found += [child, *_descendants(child)]
    return found


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of ``pid`` so far (fields 14 and 15 of /proc/PID/stat, after the command's parenthesis)."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _proportional_mb(pid: int) -> float:
    """``pid``'s proportional set size now: its own pages plus its share of those it shares (0 once it is gone)."""
    try:
        for line in open(f"/proc/{pid}/smaps_rollup"):
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _high_water_mb(pid: int) -> float:
    """The peak resident memory of ``pid`` so far (0 once it is gone)."""
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1,5", help="report sizes in MB, comma-separated")
    parser.add_argument("--formats", default="txt", help="input formats, comma-separated: txt, md, html, docx, pdf, photos.pdf, scan.pdf, ofd")
    parser.add_argument("--outputs", default="json", help="the --format of each check (json; json,html renders the page too)")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for suffix in args.formats.split(","):
            for size in [float(value) for value in args.sizes.split(",")]:
                report = make_format(int(size * 1024 * 1024), Path(folder), suffix)
                best = min((measure(report, Path(folder) / "out", args.outputs) for _ in range(args.runs)), key=lambda row: row[0])
                rows.append((suffix, report.stat().st_size, *best))
                print(f"measured {suffix} {report.stat().st_size / 1048576:.1f} MB: {best}", file=sys.stderr, flush=True)
    print(f"outputs: {args.outputs}\n")
    print("| format | file | wall time | CPU time | peak memory (checker + helper) | sampled PSS of both | refused |")
    print("|---|---|---|---|---|---|---|")
    for suffix, actual, wall, cpu, peak, helper, together, refused in rows:
        both = f"{peak + helper:.0f} MB ({peak:.0f} + {helper:.0f})" if helper else f"{peak:.0f} MB"
        print(f"| {suffix} | {actual / 1048576:.1f} MB | {wall:.1f} s | {cpu:.1f} s | {both} | {together:.0f} MB | {refused} |")
    for suffix in args.formats.split(","):
        of = [row for row in rows if row[0] == suffix]
        if len(of) >= 2:
            print(f"\n{suffix}: {of[1][1] / 1048576:.1f} MB ÷ {of[0][1] / 1048576:.1f} MB: wall {of[1][2] / of[0][2]:.2f}×, CPU {of[1][3] / of[0][3]:.2f}×")


if __name__ == "__main__":
    main()
