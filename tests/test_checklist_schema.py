"""Checklists: the bundled national checklist and one-line errors for broken ones."""

from __future__ import annotations

import copy
import re
from importlib import resources

import pytest
import yaml

from checker.checklist import model as checklist
from checker.common.errors import ChecklistError
from checker.run import checklists

REQUIRED = ["first_responsible_person", "measures_and_results", "problems", "problem_causes", "next_year_plan"]
RECOMMENDED = [
    "area.government_functions",
    "area.rulemaking",
    "area.administrative_decisions",
    "area.law_enforcement",
    "area.emergency_response",
    "area.dispute_resolution",
    "area.power_supervision",
    "area.digital_government",
]


@pytest.fixture(scope="module")
def national_text() -> str:
    return resources.files("checker.checklists").joinpath("national.yaml").read_text("utf-8")


@pytest.fixture(scope="module")
def national_document(national_text) -> dict:
    return yaml.safe_load(national_text)


@pytest.fixture(scope="module")
def national_checklist() -> checklist.Checklist:
    return checklists.load("national")


def element_index(document: dict, element_id: str) -> int:
    return next(index for index, element in enumerate(document["elements"]) if element["id"] == element_id)


def broken(document: dict, mutate) -> str:
    changed = copy.deepcopy(document)
    mutate(changed)
    return yaml.safe_dump(changed, allow_unicode=True, sort_keys=False)


def parse_error(text: str, origin: str = "x.yaml") -> str:
    with pytest.raises(ChecklistError) as excinfo:
        checklists.parse(text, origin)
    message = str(excinfo.value)
    assert "\n" not in message and "\r" not in message
    assert origin in message
    return message


# ---------------------------------------------------------------- the bundled checklist


def test_national_is_bundled(national_checklist):
    assert "national" in checklist.bundled_ids()
    assert national_checklist.id == "national"
    assert national_checklist.path == "checklists/national.yaml"
    assert checklist.DEFAULT_CHECKLIST == "national"


def test_national_has_the_thirteen_elements(national_checklist):
    assert sorted(element.id for element in national_checklist.elements) == sorted(REQUIRED + RECOMMENDED)
    assert len(national_checklist.elements) == 13


def test_national_severities(national_checklist):
    severities = {element.id: element.severity for element in national_checklist.elements}
    assert {element_id for element_id, severity in severities.items() if severity == "required"} == set(REQUIRED)
    assert {element_id for element_id, severity in severities.items() if severity == "recommended"} == set(RECOMMENDED)
    assert all(national_checklist.element(element_id).required for element_id in REQUIRED)
    assert not any(national_checklist.element(element_id).required for element_id in RECOMMENDED)


def test_national_scopes_and_within(national_checklist):
    assert national_checklist.element("next_year_plan").scope == "next_year"
    assert national_checklist.element("problems").scope == "reported_year"
    assert national_checklist.element("problem_causes").within == ("problems",)
    order = [element.id for element in national_checklist.elements]
    assert order.index("problems") < order.index("problem_causes")


def test_national_model_is_complete(national_checklist):
    for element in national_checklist.elements:
        assert element.title and element.description and element.basis
        assert element.headings or element.evidence or element.patterns
        for basis in element.basis:
            assert basis.source in {source.id for source in national_checklist.sources}
        for pattern in element.patterns:
            re.compile(timescope_filled(pattern))
    assert national_checklist.time_scope.next_year_headings
    assert re.search(national_checklist.figures, "全年办理行政复议案件45件")
    assert not re.search(national_checklist.figures, "2023年")


def timescope_filled(pattern: str) -> str:
    return pattern.replace("{next_year}", "2024").replace("{year}", "2023")


def test_national_evidence_groups(national_checklist):
    groups = national_checklist.element("first_responsible_person").evidence
    assert groups[0].terms == ("第一责任人",)
    assert "主要负责同志" in groups[1].terms and groups[1].phrase == "主要负责人"
    assert national_checklist.element("first_responsible_person").present.items == 2


def test_loading_by_path_gives_the_same_elements(tmp_path, national_text, national_checklist):
    path = tmp_path / "copy.yaml"
    path.write_text(national_text, encoding="utf-8")
    loaded = checklists.load(str(path))
    assert loaded.path == str(path)
    assert [element.id for element in loaded.elements] == [element.id for element in national_checklist.elements]


def test_round_trip_through_safe_dump_is_still_valid(national_document):
    loaded = checklists.parse(broken(national_document, lambda document: None), "x.yaml")
    assert len(loaded.elements) == 13


# ---------------------------------------------------------------- YAML syntax


@pytest.mark.parametrize(
    "text, line",
    [
        ("schema_version: 1\nid: national_checklist\ntitle: [未闭合\n", 4),
        ("schema_version: 1\nid: national_checklist\n  title: 清单\n", 3),
        ("schema_version: 1\nelements:\n\t- id: problems\n", 3),
    ],
)
def test_yaml_syntax_error_names_file_and_position(text, line):
    message = parse_error(text)
    assert re.match(rf"x\.yaml:{line}:\d+: ", message), message
    assert "YAML" in message


def test_yaml_that_is_not_a_mapping():
    assert "映射" in parse_error("- problems\n- next_year_plan\n")
    assert "映射" in parse_error("")


# ---------------------------------------------------------------- schema violations


def test_bad_severity_names_the_path_and_the_allowed_values(national_document):
    text = broken(national_document, lambda d: d["elements"][0].__setitem__("severity", "mandatory"))
    message = parse_error(text)
    assert "elements[0].severity" in message
    assert "mandatory" in message
    assert "required" in message and "recommended" in message


@pytest.mark.parametrize("field", ["severity", "description", "basis", "match", "present", "scope", "title"])
def test_missing_required_element_field_is_named(national_document, field):
    index = element_index(national_document, "problems")
    message = parse_error(broken(national_document, lambda d: d["elements"][index].pop(field)))
    assert f"elements[{index}]" in message
    assert f"'{field}'" in message


def test_missing_required_top_level_field_is_named(national_document):
    message = parse_error(broken(national_document, lambda d: d.pop("sources")))
    assert "'sources'" in message


def test_unknown_element_field_is_named(national_document):
    message = parse_error(broken(national_document, lambda d: d["elements"][2].__setitem__("weight", 3)))
    assert "elements[2]" in message
    assert "'weight'" in message


def test_unknown_top_level_field_is_named(national_document):
    message = parse_error(broken(national_document, lambda d: d.__setitem__("author", "青溪县司法局")))
    assert "'author'" in message


def test_unknown_field_inside_match_is_named(national_document):
    message = parse_error(broken(national_document, lambda d: d["elements"][1]["match"].__setitem__("keywords", ["举措"])))
    assert "elements[1].match" in message
    assert "'keywords'" in message


@pytest.mark.parametrize(
    "mutate, where",
    [
        (lambda d: d["elements"][0].__setitem__("id", "First-Person"), "elements[0].id"),
        (lambda d: d["elements"][3]["present"].__setitem__("sentences", 0), "elements[3].present.sentences"),
        (lambda d: d["elements"][3]["present"].__setitem__("items", "两项"), "elements[3].present.items"),
        (lambda d: d["elements"][4].__setitem__("scope", "last_year"), "elements[4].scope"),
        (lambda d: d["elements"][0].__setitem__("match", {}), "elements[0].match"),
        (lambda d: d.__setitem__("schema_version", 2), "schema_version"),
        (lambda d: d["sources"][0].pop("title"), "sources[0]"),
    ],
)
def test_schema_violations_name_their_place(national_document, mutate, where):
    assert f": {where}: " in parse_error(broken(national_document, mutate))


def test_several_errors_report_the_first_and_count_the_rest(national_document):
    def mutate(d):
        d["elements"][0]["severity"] = "mandatory"
        d["elements"][1]["scope"] = "last_year"

    message = parse_error(broken(national_document, mutate))
    assert "elements[0].severity" in message
    assert "另有 1 处错误" in message


# ---------------------------------------------------------------- regular expressions


def test_invalid_regex_in_patterns_names_its_path(national_document):
    index = element_index(national_document, "measures_and_results")
    text = broken(national_document, lambda d: d["elements"][index]["match"]["patterns"].append("(?:办理|办结[^。]{0,30}"))
    message = parse_error(text)
    assert f"elements[{index}].match.patterns[1]" in message
    assert "正则" in message


def test_invalid_time_scope_cue_names_its_path(national_document):
    text = broken(national_document, lambda d: d["time_scope"]["next_year_cues"].append("(?<=下一+)步"))
    cues = national_document["time_scope"]["next_year_cues"]
    assert f"time_scope.next_year_cues[{len(cues)}]" in parse_error(text)


def test_invalid_figures_regex_is_named(national_document):
    assert ": figures: " in parse_error(broken(national_document, lambda d: d.__setitem__("figures", r"\d+[件次")))


def test_year_placeholders_are_valid_in_patterns(national_document):
    index = element_index(national_document, "next_year_plan")
    text = broken(national_document, lambda d: d["elements"][index]["match"].__setitem__("patterns", ["^{next_year}年[，,]"]))
    assert checklists.parse(text, "x.yaml").element("next_year_plan").patterns == ("^{next_year}年[，,]",)


# ---------------------------------------------------------------- element references


def test_duplicate_element_ids(national_document):
    index = element_index(national_document, "problems")
    text = broken(national_document, lambda d: d["elements"][index + 1].__setitem__("id", "problems"))
    message = parse_error(text)
    assert "'problems'" in message and "重复" in message


def test_within_naming_an_unknown_element(national_document):
    index = element_index(national_document, "problem_causes")
    text = broken(national_document, lambda d: d["elements"][index]["match"].__setitem__("within", ["shortcomings"]))
    message = parse_error(text)
    assert "problem_causes.match.within" in message
    assert "'shortcomings'" in message


def test_within_cycle(national_document):
    index = element_index(national_document, "problems")
    text = broken(national_document, lambda d: d["elements"][index]["match"].__setitem__("within", ["problem_causes"]))
    message = parse_error(text)
    assert "循环" in message
    assert "problems → problem_causes → problems" in message


def test_within_itself_is_a_cycle(national_document):
    index = element_index(national_document, "next_year_plan")
    text = broken(national_document, lambda d: d["elements"][index]["match"].__setitem__("within", ["next_year_plan"]))
    assert "next_year_plan → next_year_plan" in parse_error(text)


def test_within_reorders_elements(national_document):
    def mutate(d):
        first = d["elements"][0]
        first["match"]["within"] = ["next_year_plan"]

    loaded = checklists.parse(broken(national_document, mutate), "x.yaml")
    order = [element.id for element in loaded.elements]
    assert order.index("next_year_plan") < order.index("first_responsible_person")


# ---------------------------------------------------------------- loading


def test_unknown_bundled_id():
    with pytest.raises(ChecklistError) as excinfo:
        checklists.load("provincial")
    message = str(excinfo.value)
    assert "\n" not in message
    assert "'provincial'" in message and "national" in message


def test_missing_checklist_file(tmp_path):
    path = tmp_path / "qingxi.yaml"
    with pytest.raises(ChecklistError) as excinfo:
        checklists.load(str(path))
    message = str(excinfo.value)
    assert "\n" not in message
    assert str(path) in message and "不存在" in message


def test_checklist_file_that_is_not_utf8(tmp_path, national_text):
    path = tmp_path / "gbk.yaml"
    path.write_bytes(national_text.encode("gb18030"))
    with pytest.raises(ChecklistError) as excinfo:
        checklists.load(str(path))
    message = str(excinfo.value)
    assert "\n" not in message and str(path) in message


def test_broken_checklist_file_is_named_by_its_path(tmp_path, national_document):
    path = tmp_path / "qingxi.yaml"
    path.write_text(broken(national_document, lambda d: d["elements"][0].__setitem__("severity", "必选")), encoding="utf-8")
    with pytest.raises(ChecklistError) as excinfo:
        checklists.load(str(path))
    assert str(excinfo.value).startswith(f"{path}: elements[0].severity: ")


def test_invalid_regex_with_a_newline_is_still_one_line(national_document):
    index = element_index(national_document, "measures_and_results")

    def mutate(document):
        document["elements"][index]["match"]["patterns"] = ["(办理\n\\d+件"]

    with pytest.raises(ChecklistError) as caught:
        checklists.parse(broken(national_document, mutate), "x.yaml")
    message = str(caught.value)
    assert "\n" not in message
    assert f"elements[{index}].match.patterns[0]" in message


@pytest.mark.parametrize("checklist_id", checklist.bundled_ids())
def test_every_bundled_checklist_validates_as_written_and_merged(checklist_id):
    """Checks skip schema validation of bundled checklists for speed; this is what makes that safe."""
    from checker.checklist.inheritance import resolve
    from checker.checklist.loading import locate, read_yaml, validate

    located = locate(checklist_id)
    read_yaml(located.text, located.origin)  # validates the file as written
    resolved = resolve(checklist_id)
    validate(resolved.document, resolved.origin, by_id=True)  # and the merged result as a complete checklist
