"""`rolcheck eval --variants`: every variant class runs on the corpus, and the verdicts hold.

The whole corpus is rewritten once (module fixture, about half a minute on two cores); the tests
then read that one run. The transforms themselves are checked on one report: each changes the
text the way its class says, and the expected verdicts follow the stated rule.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT

from checker.cli import main
from checker.evaluation import labelled, variants
from checker.reading.readers import text as text_reader
from checker.run.pipeline import analyse

CORPUS = ROOT / "corpus"
LABELS = CORPUS / "labels.yaml"
BANK = CORPUS / "phrase-bank.yaml"


@pytest.fixture(scope="module")
def evaluation(national):
    return labelled.evaluate(LABELS, labelled.load_labels(LABELS, national), national)


@pytest.fixture(scope="module")
def run(evaluation):
    return variants.run(evaluation, variants.load_bank(BANK))


def test_every_variant_class_is_judged_on_the_corpus(run):
    assert set(run.per_class()) == set(variants.CLASSES)
    assert all(judged >= 20 for _, judged in run.per_class().values()), run.per_class()


def test_the_verdicts_hold_on_every_variant(run):
    """The figure issue 16 is closed on: no variant disagrees with what its label implies."""
    assert [(o.report, o.kind, o.element, o.got) for o in run.disagreements()] == []


def test_the_phrase_bank_stores_phrasings_with_their_sources_only():
    import yaml

    bank = yaml.safe_load(BANK.read_text("utf-8"))
    entries = [entry for group in bank["headings"].values() for entry in group] + bank["merged_headings"]
    assert all(entry["source"] and len(entry["text"]) <= 40 for entry in entries)  # phrasings, not report text
    assert all(shape["source"] for shape in bank["furniture"].values())


def report(name: str, evaluation, national) -> variants.Report:
    result = evaluation.results[name]
    path = Path(result.path)
    original, context = analyse(path, national)
    raw = [line.text for line in text_reader.lines(text_reader.decode(path.read_bytes(), path))]
    labels = {o.label.element: o.label.accepted for o in evaluation.outcomes if o.label.report == name and o.agrees}
    return variants.Report(name, path.suffix, raw, context.outline, original, labels)


def test_each_transform_rewrites_the_report_as_its_class_says(evaluation, national):
    source = report("reports/sifaju_2025_department.txt", evaluation, national)
    bank = variants.load_bank(BANK)
    built = {v.kind + (f":{v.note}" if v.note else ""): v for v in variants._variants(source, bank, national) if v is not None}
    text = {kind: "\n".join(v.lines) for kind, v in built.items()}
    assert "第一部分" in text["numbering_parts"] and "一、" not in text["numbering_parts"].split("\n", 3)[3][:40]
    assert "存在的问题及下一步工作打算" in text["merged_plain"] or "存在的不足和下一步工作安排" in text["merged_plain"]
    assert "（一）" in text["merged_headed"]
    assert "縣" in text["traditional"]
    assert "— 1 —" in text["hard_wrapped"] and max(map(len, built["hard_wrapped"].lines)) <= variants.WRAP_CHARS
    assert "发文机关" in text["furniture_table"] and "星期" in text["furniture_table"]
    assert "发布机构" in text["furniture_list"] and "www." in text["furniture_list"]
    assert variants.SLOGAN in text["slogan:problems"]
    assert variants.ASIDE in text["aside:problems"]
    # Negative variants judge only the element changed, by the stated rule.
    assert built["slogan:problems"].expected == {"problems": ("weak", "missing")}
    assert built["emptied:problems"].expected["problems"] in (("missing",), ("missing", "weak"))
    assert built["traditional"].expected["metadata.issuer"] == ("青溪县司法局",)


def test_the_command_reports_agreement_per_class(tmp_path, capsys):
    labels = tmp_path / "labels.yaml"
    labels.write_text(
        f"{(CORPUS / 'reports' / 'hexi_town_2023_merged_plain.txt').as_posix()}:\n  problems: present\n  next_year_plan: present\n",
        "utf-8",
    )
    code = main(["eval", str(labels), "--variants", "--phrase-bank", str(BANK), "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert code == 0
    assert document["variants"]["classes"]["traditional"]["judged"] == 4  # two labels, the year and the issuer
    assert document["variants"]["disagreements"] == []


def test_a_missing_phrase_bank_is_one_clear_line(tmp_path, capsys):
    code = main(["eval", str(LABELS), "--variants", "--phrase-bank", str(tmp_path / "none.yaml")])
    assert code == 2
    assert "措辞库不存在" in capsys.readouterr().err
