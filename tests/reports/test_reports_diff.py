"""Comparing two scorings sorts findings into fixed, new, unchanged and the rest."""

from __future__ import annotations

import pytest
from rich.console import Console

from reports.diff import diff_scorings, previous_scoring_for
from zwgk.errors import RunNotFoundError


@pytest.fixture(scope="module")
def diff(fixture_store):
    """The newer fixture scoring compared with the older."""
    return diff_scorings(
        fixture_store.session_factory,
        fixture_store.old_scoring_id,
        fixture_store.new_scoring_id,
    )


def _ids(changes) -> set[str]:
    return {change.finding_id for change in changes}


def test_shortcoming_that_now_passes_is_fixed(diff, fixture_store):
    assert _ids(diff.fixed) == {
        fixture_store.finding_id("jinshui", "zz2016.sgs.column")
    }


def test_shortcoming_after_a_pass_or_no_finding_is_new(diff, fixture_store):
    assert _ids(diff.new) == {
        fixture_store.finding_id("fgw", "zz2016.leader"),
        fixture_store.finding_id("sjj", "zz2016.jiedu.column"),
        fixture_store.finding_id("erqi", "site.available"),
    }
    absent = next(change for change in diff.new if change.unit_key == "sjj")
    assert absent.old_status is None and absent.new_status == "fail"


def test_other_moves_are_changed_and_vanished_findings_removed(diff, fixture_store):
    assert _ids(diff.changed) == {
        fixture_store.finding_id("fgw", "site.identity"),
        fixture_store.finding_id("jinshui", "zz2016.budget"),
        fixture_store.finding_id("sjj", "site.homepage_fresh"),
    }
    assert _ids(diff.removed) == {fixture_store.finding_id("fgw", "zz2016.fees")}


def test_findings_with_the_same_status_are_unchanged(diff, fixture_store):
    moved = _ids(diff.fixed) | _ids(diff.new) | _ids(diff.changed)
    expected = {
        fixture_store.finding_id(*key) for key in fixture_store.new_statuses
    } - moved

    assert _ids(diff.unchanged) == expected
    assert all(change.old_status == change.new_status for change in diff.unchanged)
    assert fixture_store.finding_id("spj", "zz2016.plan") in _ids(diff.persisting)


def test_score_deltas_are_new_minus_old_per_unit_and_system(diff):
    deltas = {(delta.unit_key, delta.system): delta for delta in diff.score_deltas}

    leader = deltas[("fgw", "zz2016")]
    assert (leader.old_score, leader.new_score, leader.delta) == (30.0, 20.0, -10.0)
    erqi = deltas[("erqi", "govsite")]
    assert (erqi.old_vetoed, erqi.new_vetoed) == (False, True)
    assert len(deltas) == 10


def test_json_form_counts_each_class(diff):
    data = diff.to_json()

    assert data["counts"] == {
        "fixed": 1,
        "new": 3,
        "unchanged": len(diff.unchanged),
        "changed": 3,
        "removed": 1,
    }
    assert data["score_deltas"][0]["delta"] == diff.score_deltas[0].delta


def test_rich_tables_print_names_as_text(diff, fixture_store):
    console = Console(record=True, width=200)

    diff.print(console)

    output = console.export_text()
    assert "已整改" in output and "新增" in output
    assert "金水区人民政府" in output
    assert fixture_store.planted_markup.split("<script>")[0] in output


def test_previous_scoring_is_the_latest_of_an_earlier_run(fixture_store):
    factory = fixture_store.session_factory

    assert previous_scoring_for(factory, fixture_store.new_scoring_id) == (
        fixture_store.old_scoring_id
    )
    assert previous_scoring_for(factory, fixture_store.old_scoring_id) is None


def test_unknown_scoring_id_is_reported_as_such(fixture_store):
    with pytest.raises(RunNotFoundError):
        diff_scorings(fixture_store.session_factory, 999, fixture_store.new_scoring_id)
