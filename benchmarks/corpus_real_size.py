"""A corpus of real-size reports (10–20 KB each) built from our own samples, for the speed benchmarks.

Real annual reports weigh 9–22 KB (13 KB on average); our samples weigh 1–9 KB, so timing them
understates the cost several times. Each generated report starts from one of our samples and
grows its work sections ("一、…" before the problems) with body paragraphs taken from the work
sections of the other samples until it reaches a size drawn uniformly from 10–20 KB; then, as in
bench_batch.vary, sections are shuffled, figures changed and places renamed. Fixed seed: every
run checks the same text. Nothing is committed: the benchmark generates it in a temporary folder.

    .venv/bin/python benchmarks/corpus_real_size.py OUT_DIR [COUNT]   # write them, print sizes
"""

from __future__ import annotations

import random
import re
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import SOURCES, _decode, vary  # noqa: E402

SEED = 20261201
MIN_BYTES, MAX_BYTES = 10_000, 20_000
_TOP = re.compile(r"^[一二三四五六七八九十]+、")
_PROBLEMS = re.compile(r"问题|不足|差距|短板")
BODY_MIN_CHARS = 60


def _work_paragraphs(text: str) -> list[str]:
    """Body paragraphs of the sections before the problems section (what makes real reports long)."""
    paragraphs = []
    in_work = False
    for line in text.split("\n"):
        if _TOP.match(line):
            in_work = not _PROBLEMS.search(line) and not re.search(r"\d{4}年|下一步|打算|计划", line)
            continue
        if in_work and len(line) >= BODY_MIN_CHARS and "。" in line:
            paragraphs.append(line)
    return paragraphs


def grow(text: str, pool: list[str], target: int, rng: random.Random) -> str:
    """``text`` with paragraphs of ``pool`` inserted into its work sections until it weighs ``target`` bytes."""
    lines = text.split("\n")
    slots = [index + 1 for index, line in enumerate(lines) if line in set(_work_paragraphs(text))]
    if not slots:  # no work section: after the first body paragraph
        slots = [next((i + 1 for i, line in enumerate(lines) if len(line) >= BODY_MIN_CHARS), len(lines) // 2)]
    inserted: dict[int, list[str]] = {}
    size = len(text.encode("utf-8"))
    while size < target:
        paragraph = rng.choice(pool)
        inserted.setdefault(rng.choice(slots), []).append(paragraph)
        size += len(paragraph.encode("utf-8")) + 1
    out = []
    for index, line in enumerate(lines):
        out.extend(inserted.get(index, []))
        out.append(line)
    return "\n".join(out)


def generate(folder: Path, count: int, seed: int = SEED) -> list[Path]:
    """Write ``count`` real-size reports into ``folder`` and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    texts = [(path.suffix, _decode(path)) for path in SOURCES]
    pool = [paragraph for _, text in texts for paragraph in _work_paragraphs(text)]
    paths = []
    for number in range(count):
        suffix, text = texts[number % len(texts)]
        grown = grow(text, pool, rng.randint(MIN_BYTES, MAX_BYTES), rng)
        path = folder / f"real_{number:04d}{suffix}"
        path.write_text(vary(grown, rng), "utf-8")
        paths.append(path)
    return paths


def describe(paths: list[Path]) -> str:
    """The size distribution, as docs/performance.md states it."""
    sizes = sorted(path.stat().st_size / 1000 for path in paths)
    quartiles = statistics.quantiles(sizes, n=4)
    return (
        f"{len(sizes)} reports, {sum(sizes) / 1000:.1f} MB: min {sizes[0]:.1f} KB, quartiles "
        f"{quartiles[0]:.1f} / {quartiles[1]:.1f} / {quartiles[2]:.1f} KB, max {sizes[-1]:.1f} KB, mean {statistics.mean(sizes):.1f} KB"
    )


if __name__ == "__main__":
    written = generate(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 200)
    print(describe(written))
