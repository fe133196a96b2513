"""Benchmark: what the first look of a compared batch costs next to the check it spares repeating.

    .venv/bin/python benchmarks/bench_survey.py [--reports 100] [--repeat 5]

In this process, on benchmarks/corpus_real_size.py's real-size reports (fixed seed, generated in a
temporary folder), CPU time per report (``time.process_time``) of: ``similar.survey`` (read,
normalise, outline, metadata, checklist choice, fingerprint, what the scratch folder keeps), the
index with its passages for the whole corpus, the one check of a compared batch
(``similar.check``: the outline loaded from the scratch folder, the passages quoted) and a check
of the same report on its own (``pipeline.check``, what a batch without the comparison costs).
They are interleaved in every repeat, so load on a shared machine hits them alike; medians are
printed for docs/performance.md, never asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus_real_size  # noqa: E402

from checker.run import pipeline, similar  # noqa: E402
from checker.run.choice import from_settings  # noqa: E402

MAX_BYTES = 20 * 1024 * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    selection = from_settings(None, {})  # each report picks its checklist, as `rolcheck check DIR` does
    rows: dict[str, list[float]] = {"survey": [], "index": [], "compared": [], "alone": []}
    with tempfile.TemporaryDirectory(prefix="rolcheck-survey-") as temporary:
        paths = corpus_real_size.generate(Path(temporary) / "reports", args.reports)
        for path in paths[:3]:  # warm: checklists loaded, patterns compiled
            pipeline.check(path, selection)
        for _ in range(args.repeat):
            with similar.scratch() as kept:
                batch = similar.Batch.start(selection)
                assert batch is not None
                start = time.process_time()
                for path in paths:
                    batch.add(similar.survey(path, selection, MAX_BYTES, kept))
                rows["survey"].append((time.process_time() - start) / len(paths))
                start = time.process_time()
                shared, pairs = batch.shared()
                listed = list(pairs)  # what similar.html lists
                rows["index"].append(time.process_time() - start)
                start = time.process_time()
                for path in paths:
                    similar.check(path, selection, MAX_BYTES, batch.quoted(shared.get(str(path), ())), kept)
                rows["compared"].append((time.process_time() - start) / len(paths))
            start = time.process_time()
            for path in paths:
                pipeline.check(path, selection, MAX_BYTES)
            rows["alone"].append((time.process_time() - start) / len(paths))
        print(f"Python {sys.version.split()[0]}, {corpus_real_size.describe(paths)}; {args.repeat} runs, medians of CPU time.")
    survey, compared, alone = (statistics.median(rows[name]) for name in ("survey", "compared", "alone"))
    print(f"survey {1000 * survey:.2f} ms/report + its one check {1000 * compared:.2f} ms/report = {1000 * (survey + compared):.2f} ms/report, "
          f"against {1000 * alone:.2f} ms/report for a check alone ({(survey + compared) / alone:.2f}×)")
    sharing = sum(1 for path in paths if shared.get(str(path)))
    print(f"index and passages for {len(paths)} reports: {1000 * statistics.median(rows['index']):.0f} ms; {sharing} reports share a passage, {len(listed)} pairs")

if __name__ == "__main__":
    main()
