"""A new rule kind registers like the built-in ones and scores without engine changes."""

import logging
from datetime import date

import pytest
from pydantic import Field

from indicators import load_system
from scoring.context import Outcome, RuleContext
from scoring.registry import RuleParams, get_rule_kind, rule_kind, rule_kinds


class TitleCountParams(RuleParams):
    """Parameters of the test kind: title words and how many disclosures."""

    words: list[str] = Field(min_length=1)
    minimum: int = 1


@rule_kind("test_title_count", TitleCountParams)
def evaluate_title_count(context: RuleContext, params: TitleCountParams) -> Outcome:
    """Counts disclosures whose title holds one of the words."""
    found = [
        item
        for item in context.all_disclosures()
        if any(word in item.title for word in params.words)
    ]
    status = "pass" if len(found) >= params.minimum else "fail"
    return Outcome(status, f"{len(found)} titled disclosures, {params.minimum} asked")


class NoParams(RuleParams):
    """The failing test kind takes nothing."""


@rule_kind("test_always_raises", NoParams)
def evaluate_always_raises(context: RuleContext, params: NoParams) -> Outcome:
    """Raises, as a buggy rule would."""
    raise RuntimeError("boom")


SYSTEM = """
[system]
id = "plugins"
name = "插件示例"
scoring = "sum"

[[indicator]]
id = "plugins.notices"
name = "发布通知"
points = 10
suggestion = "发布通知。"
[indicator.rule]
kind = "test_title_count"
words = ["通知"]
minimum = 2

[[indicator]]
id = "plugins.broken"
name = "有缺陷的规则"
points = 10
suggestion = "无。"
[indicator.rule]
kind = "test_always_raises"
"""


def test_builtin_kinds_are_registered_through_the_same_decorator():
    kinds = rule_kinds()
    for name in (
        "column_exists",
        "titled_disclosure_by_deadline",
        "share_within_working_days",
        "required_fields",
        "periodic_publication",
        "column_freshness",
        "count_with_thresholds",
        "link_health",
        "footer_marks",
        "homepage_availability",
        "homepage_freshness",
        "sentence_present",
        "contact_present",
    ):
        assert kinds[name].evaluate.__module__.startswith("scoring.rules.")
    assert get_rule_kind("test_title_count").params is TitleCountParams


def test_registering_another_function_under_a_taken_name_is_refused():
    with pytest.raises(ValueError, match="already registered"):

        @rule_kind("column_exists", NoParams)
        def impostor(context, params):
            """Would shadow a built-in kind."""


def test_new_kind_is_usable_from_an_indicator_file_and_its_params_validated(
    store, tmp_path
):
    path = tmp_path / "plugins.toml"
    path.write_text(SYSTEM, encoding="utf-8")
    unit = store.unit("u1")
    column = unit.column("通知公告")
    unit.disclosure(column, "关于放假的通知", published=date(2016, 9, 1))
    unit.disclosure(column, "关于开会的通知", published=date(2016, 9, 2))
    finding = store.judge("u1", "plugins.notices", system=path)
    assert finding["status"] == "pass"
    assert finding["points"] == 10
    assert load_system(path).indicators[0].params.minimum == 2


def test_rule_that_raises_is_recorded_unknown_and_logged(store, tmp_path, caplog):
    path = tmp_path / "plugins.toml"
    path.write_text(SYSTEM, encoding="utf-8")
    store.unit("u1")
    with caplog.at_level(logging.ERROR, logger="scoring.engine"):
        finding = store.judge("u1", "plugins.broken", system=path)
    assert finding["status"] == "unknown"
    assert finding["detail"] == "规则执行出错：RuntimeError: boom"
    assert "Rule plugins.broken failed on unit u1" in caplog.messages
