"""Which engine runs checklist regexes: google-re2 (linear time) or ``regex`` with a timeout?

Measured on the bundled checklists' own patterns (element patterns, time-scope cues, figures and
check params) over the sentences of the shared real reports (../shared/reports, skipped when
absent, else our samples), plus one catastrophic pattern on a long sentence. Prints, per engine:
how many bundled patterns it compiles, the time to search every sentence with every pattern,
and the time of ``(依+)+$`` on 100 000 characters. Run: ``python benchmarks/bench_regex_engines.py``.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.common.chinese import sample_years  # noqa: E402
from checker.run.checklists import load  # noqa: E402
from checker.run.pipeline import analyse  # noqa: E402


def bundled_patterns() -> list[str]:
    found: list[str] = []
    for name in ("national", "department", "shenzhen", "guizhou", "guizhou.department"):
        checklist = load(name)
        found += [checklist.figures, *checklist.time_scope.next_year_cues, *checklist.time_scope.reported_year_cues]
        for element in checklist.elements:
            found += element.patterns
        for declared in checklist.checks:
            for value in declared.params.values():
                if isinstance(value, str) and any(ch in value for ch in "|()[]\\+*?"):
                    found.append(value)
                elif isinstance(value, list):
                    found += [item for item in value if isinstance(item, str)]
    return sorted({sample_years(pattern) for pattern in found})


def sentences() -> list[str]:
    shared = ROOT.parent / "shared" / "reports"
    files = sorted(shared.glob("*.txt")) if shared.is_dir() else sorted((ROOT / "tests" / "samples").glob("*.txt"))
    checklist = load("national")
    return [sentence.text for path in files for sentence in analyse(path, checklist)[1].outline.sentences]


def main() -> None:
    import re2
    import regex

    patterns, texts = bundled_patterns(), sentences()
    print(f"{len(patterns)} bundled patterns, {len(texts)} sentences")
    engines = {
        "re": lambda p: re.compile(p),
        "regex+timeout": lambda p: regex.compile(p),
        "google-re2": lambda p: re2.compile(p),
    }
    evil, long_text = r"(依+)+$", "依" * 100_000 + "。"
    for name, compile_ in engines.items():
        compiled, refused = [], []
        for pattern in patterns:
            try:
                compiled.append(compile_(pattern))
            except Exception:
                refused.append(pattern)
        search = (lambda c, t: c.search(t, timeout=1.0)) if name == "regex+timeout" else (lambda c, t: c.search(t))
        started = time.perf_counter()
        for _ in range(5):
            for pattern in compiled:
                for text in texts:
                    search(pattern, text)
        elapsed = (time.perf_counter() - started) / 5
        evil_time = "—"
        if name != "re":  # the stdlib never returns on this one
            started = time.perf_counter()
            try:
                search(compile_(evil), long_text)
                evil_time = f"{time.perf_counter() - started:.3f} s"
            except TimeoutError:
                evil_time = f"timeout after {time.perf_counter() - started:.3f} s"
        print(f"{name:14} compiles {len(compiled)}/{len(patterns)}  all searches {elapsed * 1000:7.1f} ms  (依+)+$ on 100k: {evil_time}  refused: {refused}")


if __name__ == "__main__":
    main()
