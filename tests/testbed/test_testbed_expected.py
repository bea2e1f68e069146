"""expected.toml covers every case, and each status follows from the planted city."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

import pytest
from testbed_oracle import UnitOracle

from testbed.city import build_city
from testbed.expected import INDICATOR_IDS, STATUSES, load_expected
from testbed.render import render_city

ROOT = Path(__file__).resolve().parents[2]
# Forms each indicator's definition allows besides pass and fail.
NO_PARTIAL = {
    "zz2016.leader",
    "zz2016.jiedu.column",
    "zz2016.powers",
    "zz2016.fees",
    "zz2016.audit",
    "zz2016.env_air",
    "site.available",
    "site.homepage_fresh",
}
NO_NOT_APPLICABLE = {
    "zz2016.leader",
    "zz2016.final_accounts",
    "zz2016.jiedu.column",
    "zz2016.jiedu.timely",
    "zz2016.jiedu.contact",
    "zz2016.powers",
    "zz2016.guide",
    "site.available",
    "site.homepage_fresh",
    "site.stale_columns",
    "site.empty_columns",
    "site.broken_links",
    "site.identity",
}


@pytest.fixture(scope="module")
def expected():
    return load_expected()


@pytest.fixture(scope="module")
def oracles():
    city = build_city()
    sites = render_city(city, 18480)
    approved = date(2016, 3, 18)

    def judge(as_of: date) -> dict[str, UnitOracle]:
        return {
            u.id: UnitOracle(city, u, sites[u.host], as_of, approved)
            for u in city.units
        }

    return judge


def all_indicators() -> list[str]:
    return [ident for ids in INDICATOR_IDS.values() for ident in ids]


def test_expected_covers_every_unit_and_indicator_of_both_systems_once(expected):
    city = build_city()
    pairs = [(case.unit, case.indicator) for case in expected.cases]
    assert len(pairs) == len(set(pairs))
    assert set(pairs) == {
        (unit.id, ident) for unit in city.units for ident in all_indicators()
    }
    assert expected.systems == ("zz2016", "govsite")
    assert expected.as_of == date(2016, 12, 20) and expected.early_as_of == date(
        2016, 3, 15
    )
    assert expected.parameters == {"budget_approved_on": "2016-03-18"}


def test_expected_statuses_are_valid_and_every_case_gives_a_reason(expected):
    for case in (*expected.cases, *expected.early_cases):
        assert case.status in STATUSES
        assert case.reason.strip()


def test_indicator_ids_match_the_shipped_indicator_systems():
    for system, ids in INDICATOR_IDS.items():
        with (ROOT / "indicators" / f"{system}.toml").open("rb") as handle:
            shipped = [item["id"] for item in tomllib.load(handle)["indicator"]]
        assert tuple(shipped) == ids


def test_every_status_form_the_definitions_allow_is_planted(expected):
    forms: dict[str, set[str]] = {ident: set() for ident in all_indicators()}
    for case in (*expected.cases, *expected.early_cases):
        forms[case.indicator].add(case.status)
    for ident, seen in forms.items():
        wanted = {"pass", "fail"}
        wanted |= set() if ident in NO_PARTIAL else {"partial"}
        wanted |= set() if ident in NO_NOT_APPLICABLE else {"not_applicable"}
        assert wanted <= seen, ident


def test_broken_portal_is_unknown_except_for_availability(expected):
    for ident in all_indicators():
        wanted = "fail" if ident == "site.available" else "unknown"
        assert expected.status("u11", ident) == wanted


def test_expected_statuses_follow_from_the_planted_city(expected, oracles):
    judged = oracles(expected.as_of)
    statuses = {unit: oracle.statuses() for unit, oracle in judged.items()}
    mismatches = [
        (case.unit, case.indicator, case.status, statuses[case.unit][case.indicator])
        for case in expected.cases
        if statuses[case.unit][case.indicator] != case.status
    ]
    assert mismatches == []


def test_early_statuses_follow_from_the_planted_city(expected, oracles):
    judged = oracles(expected.early_as_of)
    statuses = {unit: oracle.statuses() for unit, oracle in judged.items()}
    assert expected.early_cases
    for case in expected.early_cases:
        assert statuses[case.unit][case.indicator] == case.status, case


def test_expected_shares_and_counts_follow_from_the_planted_city(expected, oracles):
    judged = oracles(expected.as_of)
    shares = {
        "zz2016.sgs.timely": UnitOracle.sgs_timely,
        "zz2016.sgs.fields": UnitOracle.sgs_fields,
        "zz2016.jiedu.timely": UnitOracle.jiedu_timely,
        "zz2016.jiedu.contact": UnitOracle.jiedu_contact,
        "zz2016.economy": UnitOracle.economy,
        "zz2016.food_penalties": UnitOracle.food_penalties,
    }
    counts = {
        "site.stale_columns": UnitOracle.stale_columns,
        "site.empty_columns": UnitOracle.empty_columns,
    }
    checked = 0
    for case in expected.cases:
        oracle = judged[case.unit]
        if case.share is not None:
            _, good, total = shares[case.indicator](oracle)
            assert case.share == f"{good}/{total}", case
            checked += 1
        if case.count is not None:
            assert case.count == counts[case.indicator](oracle)[1], case
            checked += 1
    assert checked > 40


def test_load_expected_names_the_file_and_case_of_a_bad_status(tmp_path):
    bad = tmp_path / "expected.toml"
    bad.write_text(
        '[meta]\nas_of = 2016-12-20\nearly_as_of = 2016-03-15\nsystems = ["zz2016"]\n'
        '[[case]]\nunit = "u01"\nindicator = "zz2016.plan"\nstatus = "passed"\nreason = "x"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"expected\.toml: case\[0\]: status 'passed'"):
        load_expected(bad)


def test_readme_tables_agree_with_expected_toml(expected):
    text = (ROOT / "testbed" / "README.md").read_text(encoding="utf-8")
    main, early = text.split("## Planted cases at as_of")[1].split(
        "## Planted cases at early_as_of"
    )
    for section, cases in ((main, expected.cases), (early, expected.early_cases)):
        rows = {
            (unit, indicator): status
            for unit, indicator, status in re.findall(
                r"^\| (u\d\d) \| `([\w.]+)` \| .* \| (\w+)(?: \([^)]*\))? \|$",
                section,
                re.M,
            )
        }
        listed = [
            c
            for c in cases
            if not c.reason.endswith(" tag")
            and (c.unit != "u11" or c.indicator == "site.available")
        ]
        assert rows == {(c.unit, c.indicator): c.status for c in listed}
