"""`rolcheck eval`: the labelled corpus holds rolcheck to its figures; labels, scores and mutants behave."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, SHARED_REPORTS

from checker.cli import main
from checker.common.errors import InputError
from checker.evaluation.labelled import evaluate, load_labels
from checker.evaluation.mutation import HOLLOWED, REMOVED, mutate

CORPUS = ROOT / "corpus"
REQUIRED = ["first_responsible_person", "measures_and_results", "problems", "problem_causes", "next_year_plan"]


def run_eval(path: Path, national):
    return evaluate(path, load_labels(path, national), national)


@pytest.fixture(scope="module")
def corpus(national):
    return run_eval(CORPUS / "labels.yaml", national)


def write_labels(folder: Path, text: str) -> Path:
    path = folder / "labels.yaml"
    path.write_text(text, "utf-8")
    return path


# ------------------------------------------------------------------ the corpus


def test_corpus_has_twenty_own_reports_labelled_on_every_required_element(corpus):
    own = {o.label.report for o in corpus.outcomes if o.label.report.startswith("reports/")}
    assert len(own) >= 20
    assert own == {f"reports/{path.name}" for path in (CORPUS / "reports").iterdir()}
    for report in corpus.results:
        assert {o.label.element for o in corpus.outcomes if o.label.report == report} >= set(REQUIRED), report


def test_corpus_recall_of_required_gaps_is_at_least_095(corpus):
    assert corpus.required().positives >= 20
    assert corpus.required().recall >= 0.95, [(o.label.report, o.label.element) for o in corpus.disagreements()]


def test_corpus_has_no_false_missing_on_a_required_element(corpus):
    assert [(o.label.report, o.label.element) for o in corpus.false_missing()] == []


def test_docs_state_the_current_corpus_figures(corpus):
    """docs/evaluation.md reports these figures; rerun `rolcheck eval corpus/labels.yaml` and update it when they change."""
    text = (ROOT / "docs" / "evaluation.md").read_text("utf-8")
    agreed = len(corpus.outcomes) - len(corpus.disagreements())
    assert f"{len(corpus.results)} reports, {len(corpus.outcomes)} labels, {agreed} agree" in text
    required = corpus.required()
    row = f"| **{required.positives}** | **{required.true_positives}** | **{required.false_negatives}** | **{required.false_positives}** |"
    assert row in text


def test_shared_reports_agree_with_the_reviewer(shared_reports, national):
    result = run_eval(CORPUS / "shared-labels.yaml", national)
    assert {Path(report).name for report in result.results} == {path.name for path in SHARED_REPORTS.glob("*.txt")}
    assert result.disagreements() == []
    assert result.required().recall == 1.0


# ------------------------------------------------------------------ scores and tables


def test_scores_confusion_and_disagreements_on_hand_made_labels(tmp_path, national):
    labels = write_labels(
        tmp_path,
        f"""
{SAMPLES / 'complete.txt'}:
  problems: weak            # rolcheck says present: a missed gap
  problem_causes: present
{SAMPLES / 'aside_only.txt'}:
  problems: present         # rolcheck says weak: a false alarm
  problem_causes: [weak, missing]
{SAMPLES / 'hollow_problems.txt'}:
  problems: [present, weak] # a close call: agreement either way, left out of the scores
""",
    )
    result = run_eval(labels, national)
    problems = result.per_element()["problems"]
    assert (problems.true_positives, problems.false_positives, problems.false_negatives) == (0, 1, 1)
    assert problems.precision == 0.0 and problems.recall == 0.0 and problems.f1 is None
    causes = result.per_element()["problem_causes"]
    assert (causes.true_positives, causes.true_negatives, causes.precision, causes.recall, causes.f1) == (1, 1, 1.0, 1.0, 1.0)
    assert result.confusion() == {
        "present": {"present": 1, "weak": 1, "missing": 0},
        "weak": {"present": 1, "weak": 1, "missing": 0},
        "missing": {"present": 0, "weak": 0, "missing": 1},
    }
    assert sorted((Path(o.label.report).name, o.got) for o in result.disagreements()) == [
        ("aside_only.txt", "weak"),
        ("complete.txt", "present"),
    ]


def test_a_present_element_judged_missing_is_a_false_missing(tmp_path, national):
    labels = write_labels(tmp_path, f"{SAMPLES / 'hollow_problems.txt'}:\n  problem_causes: present\n  problems: weak\n")
    result = run_eval(labels, national)
    assert [(o.label.element, o.got) for o in result.false_missing()] == [("problem_causes", "missing")]


# ------------------------------------------------------------------ bad labels


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[unclosed", "YAML 语法错误"),
        ("- a list\n", "映射"),
        ("complete.txt:\n  problems: absent\n", "present、weak、missing"),
        ("complete.txt:\n  problems: []\n", "present、weak、missing"),
        ("complete.txt:\n  problems: [weak, weak]\n", "不重复"),
        ("complete.txt:\n  no_such_element: present\n", "没有要素 'no_such_element'"),
        ("nowhere.txt:\n  problems: present\n", "报告文件不存在"),
        ("complete.txt: present\n", "要素 id: 状态"),
    ],
)
def test_bad_labels_are_one_line_input_errors(tmp_path, national, text, fragment):
    (tmp_path / "complete.txt").write_bytes((SAMPLES / "complete.txt").read_bytes())
    with pytest.raises(InputError, match=fragment):
        load_labels(write_labels(tmp_path, text), national)


def test_missing_labels_file_exits_2_with_one_line(tmp_path, capsys):
    code = main(["eval", str(tmp_path / "none.yaml")])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and "标注文件不存在" in err


# ------------------------------------------------------------------ the command


def test_eval_exits_0_when_every_label_is_met(tmp_path, capsys):
    labels = write_labels(tmp_path, f"{SAMPLES / 'aside_only.txt'}:\n  problems: weak\n  problem_causes: missing\n")
    assert main(["eval", str(labels)]) == 0
    out = capsys.readouterr().out
    assert "查全率" in out and "结论：标注全部相符" in out


def test_eval_exits_1_and_shows_each_disagreement_with_its_evidence(tmp_path, capsys):
    labels = write_labels(tmp_path, f"{SAMPLES / 'aside_only.txt'}:\n  problems: present\n")
    assert main(["eval", str(labels)]) == 1
    out = capsys.readouterr().out
    assert "标注：具备　结果：薄弱" in out
    assert "证据：第 " in out and "薄弱环节" in out


def test_eval_json_carries_figures_confusion_and_disagreements(tmp_path, capsys):
    labels = write_labels(tmp_path, f"{SAMPLES / 'aside_only.txt'}:\n  problems: present\n  problem_causes: missing\n")
    assert main(["eval", str(labels), "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["gap_detection"]["required"]["recall"] == 1.0
    assert document["gap_detection"]["elements"]["problems"]["false_positives"] == 1
    assert document["confusion"]["present"]["weak"] == 1
    [disagreement] = document["disagreements"]
    assert disagreement["element"] == "problems" and disagreement["got"] == "weak"
    assert disagreement["evidence"][0]["line"] > 1 and disagreement["evidence"][0]["quote"]


def test_unknown_format_is_a_usage_error(tmp_path, capsys):
    labels = write_labels(tmp_path, f"{SAMPLES / 'aside_only.txt'}:\n  problems: weak\n")
    assert main(["eval", str(labels), "--format", "html"]) == 2


# ------------------------------------------------------------------ mutation testing


def test_mutants_of_complete_reports_are_all_noticed_and_inputs_untouched(tmp_path, national):
    names = ["complete.txt", "markdown.md", "web_page.txt"]
    before = {name: hashlib.sha256((SAMPLES / name).read_bytes()).hexdigest() for name in names}
    labels = write_labels(tmp_path, "".join(f"{SAMPLES / name}:\n" + "".join(f"  {e}: present\n" for e in REQUIRED) for name in names))
    run = mutate(run_eval(labels, national))
    assert len(run.mutants) == 2 * len(names) * len(REQUIRED) - 2 * len(run.skipped)
    assert run.unnoticed() == []
    assert {(m.kind, m.status) for m in run.mutants if m.element == "problems"} >= {(REMOVED, "missing"), (HOLLOWED, "weak")}
    assert {name: hashlib.sha256((SAMPLES / name).read_bytes()).hexdigest() for name in names} == before


def test_a_removal_that_leaves_the_element_present_is_reported(tmp_path, national):
    """The duty is told twice, with figures, in two top-level parts. Deleting the part the verdict is
    anchored at leaves it present from the other, which is what mutation testing exists to show."""
    text = (SAMPLES / "complete.txt").read_text("utf-8")
    duty = text[text.index("二、党政主要负责人") : text.index("三、存在的问题")]
    retold = duty.split("\n", 1)[1].replace("县政府主要负责人认真履行推进法治建设第一责任人职责。", "")
    report = tmp_path / "twice.txt"
    report.write_text(text.replace("(五)强化权力监督", f"(六)组织保障。{retold.strip()}\n(五)强化权力监督"), "utf-8")
    labels = write_labels(tmp_path, "twice.txt:\n  first_responsible_person: present\n")
    run = mutate(run_eval(labels, national))
    assert {(m.element, m.kind, m.status) for m in run.unnoticed()} == {
        ("first_responsible_person", REMOVED, "present"),
        ("first_responsible_person", HOLLOWED, "present"),
    }


def test_eval_mutate_reports_mutants_in_text(tmp_path, capsys):
    labels = write_labels(tmp_path, f"{SAMPLES / 'complete.txt'}:\n  problems: present\n")
    assert main(["eval", str(labels), "--mutate"]) == 0
    out = capsys.readouterr().out
    assert "变异 2 个：察觉 2 个，未察觉 0 个" in out
