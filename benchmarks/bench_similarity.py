"""Benchmark: copying across a batch — 1,000 reports of about 15 KB, time and peak memory.

Run from the repository root:  .venv/bin/python benchmarks/bench_similarity.py
Options: --sizes 250,500,1000 (batch sizes), --kb 15 (report size), --jobs 2, --index-only
(only the fingerprint index, in this process: the cost the comparison adds), --without (the same
batch with the ``shared_text`` check disabled: what the check costs without the comparison).

Reports are generated, with a fixed seed, from our own vocabulary of 青溪县 departments'
measures (never from ../shared): every report has its own sentences (random combinations of
actions, objects and figures), all open with the same two sentences of guiding wording (which the
index must learn as boilerplate), and every 50th report copies a section of four sentences from
the report before it (the copies the index must find). Each batch runs
``python -m checker check DIR --quiet --out TMP --jobs N`` in a fresh process, through a wrapper
whose ``getrusage(RUSAGE_CHILDREN)`` gives the batch's peak RSS (the largest of its processes).
Timings are printed for docs/performance.md, never asserted in tests.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261201
DEPARTMENTS = ["司法局", "市场监管局", "交通运输局", "卫生健康局", "自然资源局", "生态环境分局", "住房城乡建设局", "人力社保局", "教育局", "应急管理局"]
PLACES = ["白沙镇", "柳湾镇", "石桥镇", "云台乡", "杉林镇", "凤溪乡", "竹坪镇", "梨川乡", "城关街道", "岚溪社区", "松涧村", "枫岭村"]
ACTIONS = ["组织开展", "集中推进", "全面完成", "深入实施", "统筹部署", "依法办理", "牵头落实", "分批推动", "逐项督办", "专项整治", "联合开展", "按期完成"]
OBJECTS = [
    "行政执法案卷评查", "规范性文件合法性审核", "重大行政决策风险评估", "行政复议案件审理", "行政应诉出庭", "法律顾问参与决策", "执法人员资格考试",
    "涉企行政检查", "双随机抽查", "普法宣传活动", "人民调解案件", "法律援助案件", "政务信息公开", "证明事项告知承诺", "执法全过程记录",
    "包容审慎监管", "首违不罚清单", "行政处罚裁量基准", "公共法律服务", "矛盾纠纷排查", "信访事项办理", "合同合法性审查", "法治督察反馈问题整改",
    "执法装备配备", "网上办事事项", "数据共享接口", "权责清单调整", "行政许可事项", "执法监督联系点", "法治副校长授课",
]
RESULTS = ["件", "次", "项", "卷", "场", "人次", "份", "个", "条", "户"]
TAILS = [
    "办结率达到{p}%", "群众满意度达到{p}%", "较上年增加{n}件", "整改到位{n}项", "覆盖全部{n}个村（社区）", "形成典型案例{n}个",
    "纠错{n}件", "合格率{p}%", "提出意见建议{n}条", "涉及金额{n}万元", "平均用时缩短{n}天", "惠及群众{n}人",
]
OPENING = (
    "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届历次全会精神，深学笃用习近平法治思想。"
    "紧紧围绕县委“法治青溪”建设目标，统筹推进依法行政各项工作，为全县高质量发展提供有力法治保障。"
)
WRAPPER = """
import resource, subprocess, sys, time
start = time.process_time()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code)
"""


def sentence(rng: random.Random) -> str:
    tail = rng.choice(TAILS).format(n=rng.randint(2, 900), p=rng.randint(80, 99))
    return f"{rng.choice(PLACES)}{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}{rng.randint(3, 500)}{rng.choice(RESULTS)}，{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}，{tail}。"


def report(rng: random.Random, number: int, kb: int, copied: list[str] | None) -> tuple[str, list[str]]:
    """A report of about ``kb`` KB and a section of four sentences another report may copy."""
    department = DEPARTMENTS[number % len(DEPARTMENTS)]
    lines = [f"青溪县{department}关于2025年度法治政府建设情况的报告", "青溪县人民政府：", OPENING + f"现将{department}2025年度有关情况报告如下。", "一、2025年度推进法治政府建设的主要举措和成效"]
    own = [sentence(rng) for _ in range(4)]
    section = 1
    numerals = "一二三四五六七八九十"
    while sum(len(line.encode("utf-8")) for line in lines) < kb * 1024 - 1200:
        body = copied if copied and section == 2 else own if section == 1 else [sentence(rng) for _ in range(4)]
        lines.append(f"（{numerals[(section - 1) % 10]}）推进第{section}项重点工作。" + "".join(body))
        section += 1
    lines += [
        "二、存在的不足及原因",
        "一是乡镇执法人员不足，部分执法队仅2名持证人员。二是行政复议案件办理超期较多。究其原因，办案力量与案件量不匹配。",
        "三、2026年工作安排",
        "（一）充实执法力量。年内为乡镇执法队补充持证执法人员12名。",
        "（二）提升复议质效。2026年行政复议案件按期办结率达到98%以上。",
        f"青溪县{department}",
        "2026年2月10日",
    ]
    return "\n".join(lines) + "\n", own


def generate(folder: Path, count: int, kb: int) -> int:
    """Write ``count`` reports; every 50th copies the first section of the report before it. Returns the copies made."""
    rng = random.Random(SEED)
    previous: list[str] | None = None
    copies = 0
    for number in range(count):
        copy = previous if number % 50 == 49 else None
        copies += copy is not None
        text, previous = report(rng, number, kb, copy)
        (folder / f"report_{number:04d}.txt").write_text(text, "utf-8")
    return copies


def run_batch(folder: Path, out: Path, jobs: int, checklist: str = "national") -> tuple[float, float, float, int]:
    command = [sys.executable, "-m", "checker", "check", str(folder), "--quiet", "--out", str(out), "--jobs", str(jobs), "--format", "json", "--checklist", checklist]
    done = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, cwd=ROOT, check=True)
    wall, cpu, rss, code = done.stdout.split()
    return float(wall), float(cpu), int(rss) / 1024, int(code)


def index_only(folder: Path) -> None:
    """The comparison's own cost, in this process: fingerprint every report (outline only), index, find passages."""
    from checker.analysis import similarity
    from checker.reading import readers
    from checker.reading.normalise import normalise
    from checker.run import ledger, similar
    from checker.run.checklists import load
    from checker.structure import metadata, outline

    checklist = load("national")
    settings = similar.params(checklist)
    assert settings is not None
    wording = similarity.checklist_wording(checklist)
    index = similarity.Index(ledger.temporary_database)
    hashing = 0.0  # CPU seconds of the fingerprints (and adding them to the index) alone: the outline is built by the check anyway
    sentences = 0
    for path in sorted(folder.iterdir()):
        normalised = normalise(readers.read_report(path, 20 * 1024 * 1024).lines)
        tree = outline.build(normalised.paragraphs)
        issuer = metadata.extract(normalised, tree).issuer
        start = time.process_time()
        found = similarity.fingerprint(str(path), tree, issuer, wording, settings["min_sentence_chars"])
        index.add(found)
        hashing += time.process_time() - start
        sentences += len(found.hashes)
    start = time.process_time()
    passages = index.find(settings["min_sentences"], settings["min_chars"], settings["common_share"], settings["common_min"])
    indexing = time.process_time() - start
    print(f"  fingerprints of {index.count} reports ({sentences} sentences): {hashing:.2f} s CPU; index and passages: {indexing:.2f} s CPU; "
          f"{passages} passages between {index.pair_count()} pairs; peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250,500,1000")
    parser.add_argument("--kb", type=int, default=15)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--index-only", action="store_true")
    parser.add_argument("--without", action="store_true")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as temporary:
        for size in sizes:
            folder = Path(temporary) / f"in_{size}"
            folder.mkdir()
            copies = generate(folder, size, args.kb)
            megabytes = sum(path.stat().st_size for path in folder.iterdir()) / 1024 / 1024
            print(f"{size} reports, {megabytes:.1f} MB, {copies} copied sections:")
            if args.index_only:
                index_only(folder)
                continue
            checklist = "national"
            if args.without:
                checklist = str(Path(temporary) / "without.yaml")
                Path(checklist).write_text(
                    'schema_version: 1\nid: without\ntitle: 不比对\nversion: "1"\nextends: national\nchecks:\n  - {id: batch.shared_text, enabled: false}\n', "utf-8"
                )
            wall, cpu, rss, code = run_batch(folder, Path(temporary) / f"out_{size}", args.jobs, checklist)
            page = Path(temporary) / f"out_{size}" / "similar.html"
            pairs = f"{page.read_text('utf-8').count('<tr>') - 1} pairs on similar.html" if page.exists() else "not compared"
            print(f"  rolcheck check --jobs {args.jobs}: {wall:.1f} s wall, {cpu:.1f} s CPU, peak RSS {rss:.0f} MB, {pairs}, exit {code}")


if __name__ == "__main__":
    main()
