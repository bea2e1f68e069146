"""Indicator files load into systems, and every mistake in one is named precisely."""

import re
from pathlib import Path

import pytest

from indicators import available_systems, load_system, load_systems
from zwgk.errors import IndicatorFileError

ZZ2016_IDS = [
    "zz2016.plan",
    "zz2016.leader",
    "zz2016.sgs.column",
    "zz2016.sgs.timely",
    "zz2016.sgs.fields",
    "zz2016.budget",
    "zz2016.final_accounts",
    "zz2016.jiedu.column",
    "zz2016.jiedu.timely",
    "zz2016.jiedu.contact",
    "zz2016.powers",
    "zz2016.annual_report",
    "zz2016.guide",
    "zz2016.fees",
    "zz2016.audit",
    "zz2016.economy",
    "zz2016.food_penalties",
    "zz2016.env_air",
]
GOVSITE_IDS = [
    "site.available",
    "site.homepage_fresh",
    "site.stale_columns",
    "site.empty_columns",
    "site.broken_links",
    "site.identity",
]

SYSTEM = """
[system]
id = "mine"
name = "自定义"
scoring = "sum"
"""

GOOD_INDICATOR = """
[[indicator]]
id = "mine.jiedu"
name = "政策解读栏目"
points = 10
suggestion = "开设政策解读栏目。"
[indicator.rule]
kind = "column_exists"
columns = [["政策解读"]]
"""


def write_system(tmp_path: Path, indicators: str, system: str = SYSTEM) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(system + indicators, encoding="utf-8")
    return path


def load_error(path: Path) -> str:
    with pytest.raises(IndicatorFileError) as raised:
        load_system(path)
    return str(raised.value)


def test_shipped_systems_hold_exactly_the_contract_ids_in_order():
    zz2016, govsite = load_systems(["zz2016", "govsite"])
    assert [indicator.id for indicator in zz2016.indicators] == ZZ2016_IDS
    assert [indicator.id for indicator in govsite.indicators] == GOVSITE_IDS
    assert available_systems() == ["govsite", "zz2016"]


def test_zz2016_points_add_up_to_100():
    system = load_system("zz2016")
    assert system.scoring == "sum"
    assert sum(indicator.points for indicator in system.indicators) == 100


def test_govsite_vetoes_and_caps_follow_the_contract():
    system = load_system("govsite")
    by_id = {indicator.id: indicator for indicator in system.indicators}
    assert system.scoring == "deduct"
    assert {key for key, item in by_id.items() if item.veto} == {
        "site.available",
        "site.homepage_fresh",
        "site.stale_columns",
        "site.empty_columns",
    }
    assert (by_id["site.stale_columns"].fail_at, by_id["site.stale_columns"].cap) == (
        5,
        10,
    )
    assert (by_id["site.empty_columns"].deduction, by_id["site.empty_columns"].cap) == (
        2,
        10,
    )
    assert (by_id["site.broken_links"].deduction, by_id["site.broken_links"].cap) == (
        1,
        20,
    )
    assert (by_id["site.identity"].deduction, by_id["site.identity"].cap) == (1, 5)


def test_every_shipped_indicator_has_a_chinese_name_and_suggestion():
    for system in load_systems(["zz2016", "govsite"]):
        for indicator in system.indicators:
            assert re.search(r"[\u4e00-\u9fff]", indicator.name), indicator.id
            assert re.search(r"[\u4e00-\u9fff]", indicator.suggestion), indicator.id


def test_applies_to_tags_of_zz2016_match_the_contract():
    system = load_system("zz2016")
    tags = {indicator.id: indicator.applies_to for indicator in system.indicators}
    assert tags["zz2016.sgs.column"] == ("enforcement",)
    assert tags["zz2016.fees"] == ("fees",)
    assert tags["zz2016.audit"] == ("audit",)
    assert tags["zz2016.economy"] == ("economy",)
    assert tags["zz2016.food_penalties"] == ("food_drug",)
    assert tags["zz2016.env_air"] == ("environment",)
    assert tags["zz2016.plan"] == ()


def test_system_loads_from_a_path(tmp_path):
    system = load_system(write_system(tmp_path, GOOD_INDICATOR))
    assert system.id == "mine"
    assert system.indicators[0].kind == "column_exists"
    assert system.ratings[0] == (90.0, "优秀")


def test_unknown_system_name_lists_the_shipped_systems():
    with pytest.raises(IndicatorFileError, match="govsite, zz2016"):
        load_system("nosuch")


def test_unknown_indicator_key_names_file_id_key_and_value(tmp_path):
    path = write_system(
        tmp_path, GOOD_INDICATOR.replace("points = 10", "points = 10\nweight = 3")
    )
    message = load_error(path)
    assert str(path) in message
    assert "mine.jiedu" in message
    assert "key weight" in message
    assert "found 3" in message


def test_unknown_rule_parameter_names_the_rule_key(tmp_path):
    path = write_system(tmp_path, GOOD_INDICATOR.replace("columns =", "colums ="))
    message = load_error(path)
    assert "mine.jiedu" in message
    assert "key rule.colums" in message
    assert "[['政策解读']]" in message


def test_wrong_type_names_key_and_value(tmp_path):
    path = write_system(
        tmp_path, GOOD_INDICATOR.replace("points = 10", 'points = "ten"')
    )
    message = load_error(path)
    assert "mine.jiedu" in message
    assert "key points" in message
    assert "'ten'" in message


def test_wrong_type_inside_rule_names_the_nested_key(tmp_path):
    path = write_system(
        tmp_path, GOOD_INDICATOR.replace('[["政策解读"]]', '["政策解读"]')
    )
    message = load_error(path)
    assert "key rule.columns.0" in message
    assert "'政策解读'" in message


def test_unknown_rule_kind_names_the_kind_and_lists_known_ones(tmp_path):
    path = write_system(
        tmp_path, GOOD_INDICATOR.replace('"column_exists"', '"column_exist"')
    )
    message = load_error(path)
    assert str(path) in message
    assert "mine.jiedu" in message
    assert "key rule.kind" in message
    assert "'column_exist'" in message
    assert "column_exists" in message.split("known kinds:")[1]


def test_duplicate_indicator_id_names_the_id(tmp_path):
    path = write_system(tmp_path, GOOD_INDICATOR + GOOD_INDICATOR)
    message = load_error(path)
    assert str(path) in message
    assert "indicator mine.jiedu: key id" in message
    assert "'mine.jiedu'" in message


def test_impossible_date_string_names_key_and_value(tmp_path):
    path = write_system(
        tmp_path,
        GOOD_INDICATOR.replace("points = 10", 'points = 10\ndeadline = "2016-02-30"'),
    )
    message = load_error(path)
    assert "mine.jiedu" in message
    assert "key deadline" in message
    assert "'2016-02-30'" in message


def test_impossible_date_literal_names_id_key_and_value(tmp_path):
    path = write_system(
        tmp_path,
        GOOD_INDICATOR.replace("points = 10", "points = 10\ndeadline = 2016-02-30"),
    )
    message = load_error(path)
    assert str(path) in message
    assert "indicator mine.jiedu" in message
    assert "key deadline" in message
    assert "2016-02-30" in message


def test_date_and_time_is_not_a_deadline(tmp_path):
    path = write_system(
        tmp_path,
        GOOD_INDICATOR.replace(
            "points = 10", "points = 10\ndeadline = 2016-07-15T10:00:00"
        ),
    )
    message = load_error(path)
    assert "key deadline" in message
    assert "not a date and time" in message


def test_missing_required_key_is_named(tmp_path):
    path = write_system(
        tmp_path, GOOD_INDICATOR.replace('suggestion = "开设政策解读栏目。"\n', "")
    )
    message = load_error(path)
    assert "mine.jiedu" in message
    assert "key suggestion" in message


def test_unknown_scoring_model_names_the_system_key(tmp_path):
    path = write_system(tmp_path, GOOD_INDICATOR, SYSTEM.replace('"sum"', '"average"'))
    message = load_error(path)
    assert "key system.scoring" in message
    assert "'average'" in message


def test_deduction_in_a_sum_system_is_rejected(tmp_path):
    path = write_system(
        tmp_path, GOOD_INDICATOR.replace("points = 10", "points = 10\ndeduction = 2")
    )
    message = load_error(path)
    assert "key deduction" in message


def test_fail_at_on_a_rule_that_counts_nothing_is_rejected(tmp_path):
    path = write_system(
        tmp_path, GOOD_INDICATOR.replace("points = 10", "points = 10\nfail_at = 3")
    )
    message = load_error(path)
    assert "key fail_at" in message
    assert "found 3" in message


def test_bad_regular_expression_in_footer_marks_is_named(tmp_path):
    indicator = """
[[indicator]]
id = "mine.footer"
name = "网站标识"
points = 5
suggestion = "补齐网站标识。"
[indicator.rule]
kind = "footer_marks"
marks = [{ label = "ICP", patterns = ["ICP备(["] }]
"""
    message = load_error(write_system(tmp_path, indicator))
    assert "mine.footer" in message
    assert "key rule.marks.0.patterns" in message


def test_on_time_without_a_deadline_is_rejected(tmp_path):
    indicator = """
[[indicator]]
id = "mine.report"
name = "年度报告"
points = 5
suggestion = "按时发布年度报告。"
[indicator.rule]
kind = "titled_disclosure_by_deadline"
on_time = true
documents = [{ label = "年报", title_all = ["年度报告"] }]
"""
    message = load_error(write_system(tmp_path, indicator))
    assert "key rule.on_time" in message


def test_colliding_indicator_ids_across_systems_are_rejected(tmp_path):
    first = write_system(tmp_path, GOOD_INDICATOR)
    second = tmp_path / "other.toml"
    second.write_text(
        SYSTEM.replace('"mine"', '"other"') + GOOD_INDICATOR, encoding="utf-8"
    )
    with pytest.raises(IndicatorFileError, match="mine.jiedu"):
        load_systems([first, second])


def test_toml_syntax_error_names_the_file(tmp_path):
    path = write_system(
        tmp_path, GOOD_INDICATOR.replace('name = "政策解读栏目"', "name = 政策")
    )
    message = load_error(path)
    assert str(path) in message
    assert "key name" in message
