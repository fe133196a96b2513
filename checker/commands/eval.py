"""``rolcheck eval LABELS``: measure rolcheck against a reviewer's labels (docs/evaluation.md).

Exit codes: 0 every label met (and, with ``--mutate``, every removal noticed); 1 some label not
met or some removal unnoticed; 2 a labels file, report or checklist that cannot be used.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.evaluation.labelled import Evaluation, GapScores
    from checker.evaluation.mutation import MutationRun
    from checker.evaluation.variants import VariantRun

EXIT_OK, EXIT_DISAGREE = 0, 1
STATUS_NAMES = {"present": "具备", "weak": "薄弱", "missing": "缺失"}
KIND_NAMES = {"removed": "删除", "hollowed": "掏空"}
NAME_COLUMNS = 28
COUNT_HEADINGS = ("缺口", "查出", "漏报", "误报")
SCORE_HEADINGS = ("查准率", "查全率", "F1")


def add_arguments(command: argparse.ArgumentParser) -> None:
    command.description = "把检查结果与人工标注逐项对比，给出缺口识别的查准率、查全率和 F1。"
    command.add_argument("labels", type=Path, metavar="LABELS", help="标注文件（YAML，格式见 docs/evaluation.md）")
    command.add_argument("--checklist", default="national", metavar="ID|PATH", help="内置清单 id 或清单文件路径（默认 national）")
    command.add_argument("--format", default="text", choices=("text", "json"), help="输出格式：text（默认）或 json")
    command.add_argument("--mutate", action="store_true", help="变异测试：逐一删除、掏空判为“具备”的章节，看能否察觉")
    command.add_argument(
        "--variants",
        action="store_true",
        help="变体评估：按真实报告的写法改写每份标注报告（换标题措辞、改编号、合并问题与打算、繁体、网页杂项等），按类统计一致率",
    )
    command.add_argument(
        "--phrase-bank", type=Path, default=None, metavar="PATH", help="变体评估用的措辞库（默认为标注文件旁的 phrase-bank.yaml）"
    )



def _pad(text: str, columns: int, right: bool = False) -> str:
    """Pad to a width in terminal columns: Chinese characters take two, so str.ljust misaligns them."""
    width = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    fill = " " * max(0, columns - width)
    return fill + text if right else text + fill


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _scores_row(name: str, scores: GapScores) -> str:
    counts = (scores.positives, scores.true_positives, scores.false_negatives, scores.false_positives)
    figures = (scores.precision, scores.recall, scores.f1)
    return (
        "  " + _pad(name, NAME_COLUMNS)
        + "".join(_pad(str(count), 6, right=True) for count in counts)
        + "".join(_pad(_figure(value), 8, right=True) for value in figures)
    )


def _scores_heading() -> str:
    return (
        "  " + _pad("要素", NAME_COLUMNS)
        + "".join(_pad(name, 6, right=True) for name in COUNT_HEADINGS)
        + "".join(_pad(name, 8, right=True) for name in SCORE_HEADINGS)
    )


def render_text(evaluation: Evaluation, mutation: MutationRun | None, variants: VariantRun | None = None) -> str:
    """The Chinese summary: figures first, then each disagreement with its evidence."""
    disagreements = evaluation.disagreements()
    checklist = evaluation.checklist
    lines = [
        f"评估：{evaluation.labels_path}",
        f"  清单：{checklist.id} {checklist.version}",
        f"  报告 {len(evaluation.results)} 份，标注 {len(evaluation.outcomes)} 项：一致 "
        f"{len(evaluation.outcomes) - len(disagreements)} 项，不一致 {len(disagreements)} 项",
        "",
        "缺口识别（标注为“薄弱”或“缺失”的要素算缺口；标注兼收“具备”与缺口的不计）",
        _scores_heading(),
    ]
    lines.extend(_scores_row(element, scores) for element, scores in evaluation.per_element().items())
    lines.append(_scores_row("必备要素合计", evaluation.required()))
    lines.append(f"  必备要素标注“具备”却判为“缺失”：{len(evaluation.false_missing())} 项")
    lines += ["", "混淆表（行：标注；列：检查结果）", "  " + _pad("", 6) + "".join(_pad(name, 6, right=True) for name in STATUS_NAMES.values())]
    for expected, row in evaluation.confusion().items():
        lines.append("  " + _pad(STATUS_NAMES[expected], 6) + "".join(_pad(str(count), 6, right=True) for count in row.values()))
    if disagreements:
        lines += ["", f"不一致（{len(disagreements)} 项）"]
    for outcome in disagreements:
        accepted = "或".join(STATUS_NAMES[status] for status in outcome.label.accepted)
        lines.append(f"  {outcome.label.report}  {outcome.label.element}")
        lines.append(f"      标注：{accepted}　结果：{STATUS_NAMES[outcome.got]}")
        lines.append(f"      理由：{outcome.result.reason}")
        for evidence in outcome.result.evidence[:2]:
            lines.append(f"      证据：第 {evidence.line} 行 “{evidence.shown}”")
        if not outcome.result.evidence:
            lines.append(f"      位置：第 {outcome.result.anchor_line} 行")
    if mutation is not None:
        lines += _mutation_lines(mutation)
    if variants is not None:
        lines += _variant_lines(variants)
    verdict = "结论：标注全部相符" if not disagreements else f"结论：{len(disagreements)} 项与标注不符"
    if mutation is not None and mutation.unnoticed():
        verdict += f"；{len(mutation.unnoticed())} 个变异未被察觉"
    if variants is not None and variants.disagreements():
        verdict += f"；变体中 {len(variants.disagreements())} 项与推定结果不符"
    lines += ["", verdict]
    return "\n".join(lines) + "\n"


def _mutation_lines(mutation: MutationRun) -> list[str]:
    unnoticed = mutation.unnoticed()
    lines = [
        "",
        "变异测试（删除或掏空判为“具备”的要素所依据的章节）",
        f"  变异 {len(mutation.mutants)} 个：察觉 {len(mutation.mutants) - len(unnoticed)} 个，"
        f"未察觉 {len(unnoticed)} 个；跳过 {len(mutation.skipped)} 项",
    ]
    for mutant in unnoticed:
        lines.append(f"  未察觉：{mutant.report}  {mutant.element}")
        lines.append(
            f"      {KIND_NAMES[mutant.kind]}第 {mutant.first_line}–{mutant.last_line} 行“{mutant.heading}”后仍判为具备：{mutant.reason}"
        )
    for skipped in mutation.skipped:
        lines.append(f"  跳过：{skipped.report}  {skipped.element}：{skipped.why}")
    return lines


def _variant_lines(variants: VariantRun) -> list[str]:
    from checker.evaluation.variants import CLASS_NAMES

    lines = ["", "变体评估（按类：一致 / 评判项数）"]
    for kind, (agreed, judged) in variants.per_class().items():
        lines.append(f"  {_pad(kind, 24)}{_pad(CLASS_NAMES[kind], 30)}{agreed:>4} / {judged:<4}{agreed / judged:>7.0%}")
    for outcome in variants.disagreements():
        expected = "或".join(STATUS_NAMES.get(status, status) for status in outcome.expected)
        got = STATUS_NAMES.get(outcome.got, outcome.got)
        lines.append(f"  不符：{outcome.report}  [{outcome.kind}] {outcome.element}")
        lines.append(f"      推定：{expected}　结果：{got}　理由：{outcome.reason}")
    return lines


def execute(args: argparse.Namespace) -> int:
    # Imported here, not at the top, so --help and --version start fast.
    from checker.evaluation import labelled as evaluation
    from checker.evaluation import mutation
    from checker.run import checklists

    rules = checklists.load(args.checklist)
    result = evaluation.evaluate(args.labels, evaluation.load_labels(args.labels, rules), rules)
    mutants = mutation.mutate(result) if args.mutate else None
    variant_run = None
    if args.variants:
        from checker.evaluation import variants

        bank = variants.load_bank(args.phrase_bank or args.labels.parent / "phrase-bank.yaml")
        variant_run = variants.run(result, bank)
    if args.format == "json":
        document = result.to_dict()
        if mutants is not None:
            document["mutation"] = mutants.to_dict()
        if variant_run is not None:
            document["variants"] = variant_run.to_dict()
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_text(result, mutants, variant_run))
    failed = (
        result.disagreements()
        or (mutants is not None and mutants.unnoticed())
        or (variant_run is not None and variant_run.disagreements())
    )
    return EXIT_DISAGREE if failed else EXIT_OK
