"""The city is built deterministically, in every style, and scales on request."""

from __future__ import annotations

from collections import Counter

from testbed.city import build_city
from testbed.filler import FORBIDDEN_WORDS, news_docs, notice_docs, policy_docs
from testbed.model import STYLES
from testbed.render import render_city


def test_default_city_has_units_of_every_style_and_ends_with_a_broken_portal():
    city = build_city()
    assert len(city.units) >= 9
    styles = Counter(unit.style for unit in city.units if not unit.broken_status)
    assert set(styles) == set(STYLES) and min(styles.values()) >= 2
    assert city.units[-1].broken_status >= 500
    assert [unit.number for unit in city.units] == list(range(1, len(city.units) + 1))
    assert {unit.kind for unit in city.units} == {"市政府部门", "区县政府"}
    tags = {tag for unit in city.units for tag in unit.tags}
    assert tags == {
        "enforcement",
        "fees",
        "audit",
        "economy",
        "food_drug",
        "environment",
    }


def test_unit_hosts_follow_unit_numbers():
    city = build_city()
    assert [unit.host for unit in city.units] == [f"127.0.1.{n}" for n in range(1, 12)]


def test_two_renders_of_the_city_are_the_same_bytes():
    first = render_city(build_city(), 18480)
    second = render_city(build_city(), 18480)
    assert first.keys() == second.keys()
    for host, site in first.items():
        assert site.resources == second[host].resources


def test_every_disclosure_has_a_page_of_its_own():
    city = build_city()
    sites = render_city(city, 18480)
    for unit in city.units:
        if unit.broken_status:
            continue
        portal_docs = [
            doc for column, doc in unit.all_docs() if column.host == "portal"
        ]
        paths = {path for path in sites[unit.host].resources}
        assert len({doc.number for doc in portal_docs}) == len(portal_docs)
        assert len(paths) > len(portal_docs)


def test_scaled_city_has_the_requested_units_and_disclosures():
    city = build_city(units=200, disclosures_per_unit=100)
    assert city.synthetic and len(city.units) == 200
    assert all(len(unit.all_docs()) == 100 for unit in city.units)
    assert len({unit.name for unit in city.units}) == 200
    assert Counter(unit.style for unit in city.units) == {style: 50 for style in STYLES}
    sites = render_city(city, 18480)
    assert all(len(sites[unit.host].resources) > 100 for unit in city.units)


def test_scaled_city_is_the_same_on_every_build():
    first = build_city(units=12, disclosures_per_unit=7)
    second = build_city(units=12, disclosures_per_unit=7)
    assert [[doc.title for _, doc in unit.all_docs()] for unit in first.units] == [
        [doc.title for _, doc in unit.all_docs()] for unit in second.units
    ]
    assert all(len(unit.all_docs()) == 7 for unit in first.units)


def test_filler_never_holds_a_word_an_indicator_reads():
    from datetime import date

    docs = news_docs("n", "市某局", date(2016, 12, 1), 200, 2, "s")
    docs += notice_docs("t", "市某局", date(2016, 12, 1), 40, 5, "s")
    docs += policy_docs("p", "中原市某局", "中原某", date(2016, 12, 1), 20, 9, "s")
    for doc in docs:
        text = doc.title + "".join(doc.body)
        assert not [word for word in FORBIDDEN_WORDS if word in text], doc.title
