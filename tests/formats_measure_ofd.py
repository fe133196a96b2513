"""Compare ofdkit's text with our OFD reader's on the committed fixtures (needs pip install ofdkit).

    .venv/bin/python tests/formats_measure_ofd.py

Character accuracy: difflib ratio of the drawn text and the extracted text (whitespace, running
header, page numbers and metadata lines removed). Line fidelity: share of the text version's
paragraphs that come out as one line. Furniture: running-header and page-number lines left in the
text over the five files. Time: per file, mean of five reads.
"""
import sys, time, difflib, re; sys.path.insert(0, "tests")
from pathlib import Path
import formats_build, ofdkit
from checker.reading.readers import ofd
names = ["example", "complete", "department", "hollow", "unnumbered"]
def compact(s): return re.sub(r"\s", "", s)
for label, fn in (("ofdkit 0.2.0 (OFDDocument.text)", lambda d, p: ofdkit.extract_text(d)), ("rolcheck (lxml via archive.Package)", lambda d, p: "\n".join(l.text for l in ofd.read(d, p).lines))):
    acc = []; times = []; fid = []; furniture = 0
    for n in names:
        p = Path(f"tests/fixtures/{n}.ofd"); d = p.read_bytes()
        truth_lines = [l.text for l in formats_build.parse(formats_build.ROOT_SOURCES[n])] if hasattr(formats_build, "ROOT_SOURCES") else None
        src = {"example": "examples/青溪县2025年度法治政府建设情况报告.txt", "complete": "tests/samples/complete.txt", "department": "tests/samples/department.txt", "hollow": "tests/samples/hollow_problems.txt", "unnumbered": "tests/samples/unnumbered.txt"}[n]
        truth = [l.text for l in formats_build.parse(Path(src))]
        t = time.perf_counter()
        for _ in range(5): text = fn(d, p)
        times.append((time.perf_counter() - t) / 5)
        got = compact("".join(x for x in text.splitlines() if not re.fullmatch(r"[-\s\d]*|青溪县人民政府文件|(发布机构|发布日期)：.*", x.strip())))
        want = compact("".join(truth))
        acc.append(difflib.SequenceMatcher(None, want, got, autojunk=False).ratio())
        out_lines = set(compact(x) for x in text.splitlines())
        furniture += sum(bool(re.fullmatch(r"-\d+-|青溪县人民政府文件", compact(x))) for x in text.splitlines())
        fid.append(sum(compact(l) in out_lines for l in truth) / len(truth))
    print(f"| {label} | {100*sum(acc)/len(acc):.2f} % | {100*sum(fid)/len(fid):.1f} % | {furniture} | {1000*sum(times)/len(times):.1f} ms |")
