"""The report's template context holds the figures the store implies."""

from __future__ import annotations

from statistics import mean, median

from sqlalchemy import select

from reports import build_report_context
from store.models import UnitScore


def _context(fixture_store, with_previous: bool = True) -> dict:
    return build_report_context(
        fixture_store.session_factory,
        fixture_store.new_scoring_id,
        fixture_store.old_scoring_id if with_previous else None,
    )


def _finding(context: dict, unit_key: str, indicator_id: str) -> dict:
    card = next(card for card in context["scorecards"] if card["key"] == unit_key)
    return next(
        finding
        for system in card["systems"]
        for finding in system["findings"]
        if finding["indicator_id"] == indicator_id
    )


def test_cover_names_the_assessment_from_the_run_configuration(fixture_store):
    meta = _context(fixture_store)["meta"]

    assert meta["title"] == "2016年郑州市政府网站政务公开第三方评估报告"
    assert meta["assessor"] == "郑州市政务公开评估课题组"
    assert meta["period"] == "2016年第三季度"
    assert meta["as_of"] == "2016-09-30"
    assert [system["id"] for system in meta["systems"]] == ["zz2016", "govsite"]


def test_summary_statistics_match_the_stored_unit_scores(fixture_store):
    summary = _context(fixture_store)["summary"]
    with fixture_store.session_factory() as session:
        stored = session.scalars(
            select(UnitScore).where(
                UnitScore.scoring_id == fixture_store.new_scoring_id
            )
        ).all()
    zz2016 = [row.score for row in stored if row.system == "zz2016"]
    system = next(entry for entry in summary["systems"] if entry["id"] == "zz2016")

    assert summary["units_assessed"] == len(fixture_store.units)
    assert system["mean"] == round(mean(zz2016), 2)
    assert system["median"] == round(median(zz2016), 2)
    assert sum(entry["count"] for entry in system["histogram"]) == len(
        fixture_store.units
    )
    assert "<svg" in system["chart"]


def test_units_failing_a_veto_are_listed_as_unqualified(fixture_store):
    summary = _context(fixture_store)["summary"]

    vetoed = {unit["name"]: unit["indicators"] for unit in summary["vetoed_units"]}
    assert vetoed == {
        "郑州市审计局": ["首页信息更新"],
        "二七区人民政府": ["首页可用性"],
    }
    assert summary["units_vetoed"] == 2


def test_rankings_group_units_by_kind_in_descending_composite_score(fixture_store):
    rankings = _context(fixture_store)["rankings"]

    assert [group["kind"] for group in rankings] == ["市政府部门", "区县政府"]
    for group in rankings:
        scores = [row["composite"] for row in group["rows"]]
        assert scores == sorted(scores, reverse=True)
        assert group["rows"][0]["rank"] == 1


def test_indicator_compliance_counts_each_unit_once_by_combined_status(fixture_store):
    indicators = {item["id"]: item for item in _context(fixture_store)["indicators"]}

    plan = indicators["zz2016.plan"]
    assert plan["counts"] == {
        "pass": 2,
        "partial": 1,
        "fail": 1,
        "unknown": 1,
        "not_applicable": 0,
    }
    assert plan["rate"] == 2 / 4
    # spj has one passing and one failing record: partial for the unit.
    assert indicators["zz2016.sgs.fields"]["unit_statuses"]["spj"] == "partial"


def test_typical_problems_start_with_the_most_frequent_shortcoming(fixture_store):
    context = _context(fixture_store)
    problems = context["problems"]
    most = max(item["problems"] for item in context["indicators"])

    assert problems[0]["count"] == most
    assert [p["count"] for p in problems] == sorted(
        (p["count"] for p in problems), reverse=True
    )
    assert all(problem["examples"] for problem in problems)
    assert all(problem["suggestion"] for problem in problems)


def test_scorecard_findings_carry_suggestions_only_when_not_passed(fixture_store):
    context = _context(fixture_store)

    partial = _finding(context, "fgw", "zz2016.budget")
    passed = _finding(context, "fgw", "zz2016.plan")
    not_applicable = _finding(context, "fgw", "zz2016.audit")
    assert "部门预算公开" in partial["suggestion"]
    assert passed["suggestion"] is None
    assert not_applicable["suggestion"] is None
    assert (
        partial["evidence"][1]["dates"] == "批复日期：2016-03-18；发布日期：2016-04-29"
    )


def test_evidence_of_a_script_address_is_shown_but_never_linked(fixture_store):
    evidence = _finding(_context(fixture_store), "spj", "zz2016.leader")["evidence"]

    assert evidence[0]["href"] == "http://127.0.0.1:8800/spj/"
    assert evidence[1]["url"] == "javascript:window.__pwned=2"
    assert evidence[1]["href"] is None
    assert fixture_store.planted_markup in evidence[0]["quote"]


def test_screenshot_evidence_names_its_stored_file_and_capture(fixture_store):
    evidence = _finding(_context(fixture_store), "fgw", "site.identity")["evidence"]

    assert evidence[0]["screenshot"] == fixture_store.screenshot_path
    assert evidence[0]["screenshot_sha256"] == "ab" * 32
    assert evidence[0]["screenshot_taken_at"] == "2016-09-28 09:06:00"


def test_change_section_appears_only_with_an_earlier_scoring(fixture_store):
    with_previous = _context(fixture_store)
    without = _context(fixture_store, with_previous=False)

    assert with_previous["changes"]["counts"]["fixed"] == 1
    assert with_previous["changes"]["counts"]["new"] == 3
    assert "changes" in [section["id"] for section in with_previous["sections"]]
    assert without["changes"] is None
    assert "changes" not in [section["id"] for section in without["sections"]]


def test_table_of_contents_lists_every_unit_scorecard(fixture_store):
    context = _context(fixture_store)
    scorecards = next(s for s in context["sections"] if s["id"] == "scorecards")

    assert [child["id"] for child in scorecards["children"]] == [
        card["anchor"] for card in context["scorecards"]
    ]
    assert context["sections"][0]["title"] == "一、总体情况"


def test_methodology_counts_the_crawl_rows(fixture_store):
    methodology = _context(fixture_store)["methodology"]
    crawl = methodology["crawl"]

    # Four reachable portals with three pages each, one unreachable with one.
    assert crawl["portals"] == 5 and crawl["portals_error"] == 1
    assert crawl["pages"] == 13 and crawl["pages_failed"] == 1
    assert crawl["broken_targets"] == 4
    assert crawl["probes"] == 15 and crawl["probes_ok"] == 12
    assert any("二七区人民政府" in note for note in methodology["limitations"])


def test_methodology_states_each_systems_source_and_rating_rules(fixture_store):
    systems = _context(fixture_store)["methodology"]["systems"]
    zz2016 = systems[0]

    assert zz2016["source"] == "郑政办文〔2016〕41号"
    assert zz2016["ratings"].startswith("优秀：90 分及以上；良好：75 分及以上")
    identity = next(
        row for row in systems[1]["indicators"] if row["id"] == "site.identity"
    )
    assert identity["kind"] == "扣分，上限 5 分"
