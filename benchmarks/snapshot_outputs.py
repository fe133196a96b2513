"""Guard for speed work: the JSON of every sample before a change, compared byte for byte after it.

Run from the repository root:

    .venv/bin/python benchmarks/snapshot_outputs.py save /tmp/before
    ... change the code ...
    .venv/bin/python benchmarks/snapshot_outputs.py compare /tmp/before

It runs ``rolcheck check FILE --format json --output -`` (in one process, through ``cli.main``,
so a snapshot takes seconds, not minutes) for every report in examples/, tests/samples/,
corpus/reports/, checklists/examples/*/*/ (with the default checklist and with the folder's own)
and ../shared/reports/ when it is there, plus the generated real-size benchmark reports and the
same reports as Markdown, web page, Word and PDF when their builders' libraries are installed.
``compare`` prints every file whose output changed and exits 1 if any did.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))


def _cases(scratch: Path) -> list[tuple[str, list[str]]]:
    """(name, check arguments) of every case; names are stable across runs."""
    cases: list[tuple[str, list[str]]] = []
    texts = sorted([*ROOT.glob("examples/*.txt"), *ROOT.glob("tests/samples/*"), *ROOT.glob("corpus/reports/*.txt")])
    texts += sorted((ROOT.parent / "shared" / "reports").glob("*.txt"))
    for path in texts:
        cases.append((str(path.relative_to(path.parents[1])), [str(path)]))
    for path in sorted(ROOT.glob("checklists/examples/*/*/*.txt")):
        name = str(path.relative_to(ROOT))
        cases.append((name, [str(path)]))
        cases.append((name + " @" + path.parents[1].name, [str(path), "--checklist", path.parents[1].name]))
    import corpus_real_size

    for path in corpus_real_size.generate(scratch / "real", 40):
        cases.append(("generated/" + path.name, [str(path)]))
    cases += _other_formats(scratch)
    return cases


def _other_formats(scratch: Path) -> list[tuple[str, list[str]]]:
    """The example and two samples as Markdown, web page, Word and PDF (those whose builders import)."""
    try:
        import formats_build
    except ImportError:  # pragma: no cover - the test extra installs them
        return []
    cases = []
    sources = [ROOT / "examples" / "青溪县2025年度法治政府建设情况报告.txt", ROOT / "tests" / "samples" / "complete.txt"]
    for source in sources:
        for suffix, build in (("md", formats_build.write_markdown), ("html", formats_build.write_html),
                              ("docx", formats_build.write_docx), ("pdf", formats_build.write_pdf)):
            out = scratch / f"{source.stem}.{suffix}"
            try:
                build(source, out)
            except Exception as error:  # noqa: BLE001 - a missing font or library skips that format
                print(f"skipped {out.name}: {error}", file=sys.stderr)
                continue
            cases.append((f"formats/{out.name}", [str(out)]))
    return cases


def _run(arguments: list[str]) -> bytes:
    from checker import cli

    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = cli.main(["check", *arguments, "--format", "json", "--output", "-"])
    return f"exit {code}\n{stderr.getvalue()}\n".encode() + stdout.getvalue().encode("utf-8")


def _key(name: str) -> str:
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:16]


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] not in ("save", "compare"):
        print(__doc__)
        return 2
    action, folder = sys.argv[1], Path(sys.argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    changed = 0
    with tempfile.TemporaryDirectory(prefix="rolcheck-snapshot-") as scratch:
        cases = _cases(Path(scratch))
        for name, arguments in cases:
            # Paths of generated files differ per run; the report's path in the JSON must not.
            output = _run(arguments).replace(scratch.encode(), b"SCRATCH")
            target = folder / (_key(name) + ".json")
            if action == "save":
                target.write_bytes(output)
            elif not target.exists() or target.read_bytes() != output:
                changed += 1
                print(f"changed: {name}")
    print(f"{len(cases)} outputs {'saved' if action == 'save' else 'compared'}, {changed} changed")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
