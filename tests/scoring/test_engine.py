"""score_run: one finding per unit and indicator, unit scores, ratings, rescoring."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from scoring import score_run
from scoring.engine import finding_key
from store.models import Finding, Scoring, UnitScore
from zwgk.errors import CalendarError, RunNotFoundError

AS_OF = date(2016, 12, 20)
PARAMETERS = {"budget_approved_on": "2016-03-18"}
CUSTOM = Path(__file__).with_name("custom_system.toml")
FOOTER = "主办单位：某局 网站标识码：4101000012 豫ICP备05000000号 豫公网安备41010202000123号 党政机关"


def _fill_city(store):
    good = store.unit("good", tags=["enforcement", "audit"], footer=FOOTER)
    for second in (0, 15, 30):
        good.probe(second=second)
    news = good.column("工作动态")
    item = good.disclosure(news, "工作动态", published=AS_OF - timedelta(days=2))
    good.link(None, item.url, item.title)
    for name in ("双公示", "政策解读"):
        column = good.column(name)
        good.disclosure(column, f"{name}信息", published=AS_OF - timedelta(days=30))
    good.screenshot(good.base, "shots/good.png")
    down = store.unit("down", portal_status="error", homepage_status=None)
    down.probe(status=None, elapsed=None, error="connection refused")
    store.commit()


def _findings(store, scoring_id):
    with store.sessions() as session:
        rows = session.scalars(
            select(Finding)
            .where(Finding.scoring_id == scoring_id)
            .order_by(Finding.finding_id)
        ).all()
        return [
            (
                row.unit_key,
                row.system,
                row.indicator_id,
                row.finding_id,
                row.status,
                row.points,
                row.max_points,
                row.veto,
                row.detail,
                row.evidence,
            )
            for row in rows
        ]


def test_score_run_writes_one_finding_per_unit_and_indicator(store):
    _fill_city(store)
    scoring_id = score_run(
        store.sessions, store.run.id, ["zz2016", "govsite"], AS_OF, PARAMETERS
    )
    findings = _findings(store, scoring_id)
    assert len(findings) == 2 * (18 + 6)
    pairs = {(unit, indicator) for unit, _, indicator, *_ in findings}
    assert len(pairs) == len(findings)
    first = next(
        row for row in findings if row[0] == "good" and row[2] == "site.available"
    )
    assert first[3] == finding_key("good", "site.available")
    assert len(first[3]) == 16


def test_scoring_row_keeps_indicators_systems_and_parameters(store):
    _fill_city(store)
    scoring_id = score_run(
        store.sessions, store.run.id, ["zz2016", "govsite"], AS_OF, PARAMETERS
    )
    with store.sessions() as session:
        scoring = session.get(Scoring, scoring_id)
        assert scoring.systems == ["zz2016", "govsite"]
        assert scoring.as_of == AS_OF
        assert scoring.parameters == PARAMETERS
        ids = [item["id"] for item in scoring.indicators]
        assert ids[0] == "zz2016.plan" and ids[-1] == "site.identity"
        plan = scoring.indicators[0]
        assert plan["suggestion"] and plan["kind"] == "titled_disclosure_by_deadline"
        assert {info["id"]: info["scoring"] for info in scoring.system_info} == {
            "zz2016": "sum",
            "govsite": "deduct",
        }


def test_rescoring_the_same_run_gives_identical_findings(store):
    _fill_city(store)
    first = score_run(
        store.sessions, store.run.id, ["zz2016", "govsite"], AS_OF, PARAMETERS
    )
    second = score_run(
        store.sessions, store.run.id, ["zz2016", "govsite"], AS_OF, PARAMETERS
    )
    assert first != second
    assert _findings(store, first) == _findings(store, second)


def test_unreachable_unit_is_vetoed_and_its_other_findings_unknown(store):
    _fill_city(store)
    scoring_id = score_run(store.sessions, store.run.id, ["govsite"], AS_OF, PARAMETERS)
    with store.sessions() as session:
        score = session.scalars(
            select(UnitScore).where(
                UnitScore.scoring_id == scoring_id, UnitScore.unit_key == "down"
            )
        ).one()
    assert score.vetoed is True
    assert score.rating == "不合格"
    assert score.score == 0.0, "unseen deductions must not read as a clean portal"
    assert score.status_counts == {
        "pass": 0,
        "partial": 0,
        "fail": 1,
        "not_applicable": 0,
        "unknown": 5,
    }


def test_healthy_unit_is_rated_qualified_on_govsite(store):
    _fill_city(store)
    scoring_id = score_run(store.sessions, store.run.id, ["govsite"], AS_OF, PARAMETERS)
    with store.sessions() as session:
        score = session.scalars(
            select(UnitScore).where(
                UnitScore.scoring_id == scoring_id, UnitScore.unit_key == "good"
            )
        ).one()
    assert (score.score, score.max_score, score.vetoed, score.rating) == (
        100.0,
        100.0,
        False,
        "合格",
    )


def test_unknown_findings_neither_help_nor_hurt_a_sum_score(store):
    _fill_city(store)
    scoring_id = score_run(store.sessions, store.run.id, ["zz2016"], AS_OF, PARAMETERS)
    with store.sessions() as session:
        down = session.scalars(
            select(UnitScore).where(
                UnitScore.scoring_id == scoring_id, UnitScore.unit_key == "down"
            )
        ).one()
    assert down.score == 0.0
    assert down.rating == "无法评估"
    # Eight indicators apply only to tagged units; the other ten need the portal.
    assert down.status_counts["unknown"] == 10
    assert down.status_counts["not_applicable"] == 8


def test_custom_system_from_existing_kinds_loads_and_scores(store):
    unit = store.unit("u1")
    unit.column("解读回应")
    news = unit.column("工作动态")
    unit.disclosure(news, "动态", published=AS_OF - timedelta(days=9))
    store.commit()
    scoring_id = score_run(store.sessions, store.run.id, [str(CUSTOM)], AS_OF)
    with store.sessions() as session:
        score = session.scalars(
            select(UnitScore).where(UnitScore.scoring_id == scoring_id)
        ).one()
        statuses = dict(
            session.execute(
                select(Finding.indicator_id, Finding.status).where(
                    Finding.scoring_id == scoring_id
                )
            ).all()
        )
    assert statuses == {
        "county.jiedu": "pass",
        "county.penalties": "not_applicable",
        "county.news": "fail",
    }
    assert score.score == round(100 * 40 / 70, 2)
    assert score.rating == "差"


def test_indicators_readme_shows_the_custom_system_example_verbatim():
    readme = Path(__file__).parents[2] / "indicators" / "README.md"
    assert CUSTOM.read_text(encoding="utf-8").strip() in readme.read_text(
        encoding="utf-8"
    )


def test_parameters_default_to_those_of_the_runs_configuration(store):
    store.run.config_snapshot = {"assessment": {"parameters": PARAMETERS}}
    _fill_city(store)
    scoring_id = score_run(store.sessions, store.run.id, ["zz2016"], AS_OF)
    with store.sessions() as session:
        assert session.get(Scoring, scoring_id).parameters == PARAMETERS


def test_parameter_outside_the_calendar_stops_scoring_before_it_starts(store):
    _fill_city(store)
    with pytest.raises(CalendarError):
        score_run(
            store.sessions,
            store.run.id,
            ["zz2016"],
            AS_OF,
            {"budget_approved_on": "2099-03-18"},
        )
    with store.sessions() as session:
        assert session.scalars(select(Scoring)).all() == []


def test_unknown_run_raises_run_not_found(store):
    store.commit()
    with pytest.raises(RunNotFoundError):
        score_run(store.sessions, 999, ["zz2016"], AS_OF)


def test_unreachable_unit_is_logged_as_a_warning(store, caplog):
    _fill_city(store)
    with caplog.at_level("WARNING", logger="scoring.engine"):
        score_run(store.sessions, store.run.id, ["govsite"], AS_OF, PARAMETERS)
    assert any(
        message.startswith("Could not assess unit down: 网站无法抓取")
        for message in caplog.messages
    )
