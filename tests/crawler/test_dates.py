"""Dates as portals write them, and URL stamps that are not publication dates."""

from datetime import date

import pytest

from crawler.dates import (
    complete_year,
    find_dates,
    parse_date,
    parse_timestamp,
    url_year,
)


@pytest.mark.parametrize(
    "text",
    [
        "2016-06-17",
        "2016-6-17",
        "2016/06/17 09:30",
        "2016.06.17",
        "2016年6月17日",
        "2016 年 06 月 17 日",
        "发布时间：2016-06-17 09:30:00",
        "２０１６－０６－１７",
        "二〇一六年六月十七日",
        "20160617",
        "2016-06-17T09:30:00+08:00",
    ],
)
def test_common_date_forms_read_as_the_same_day(text):
    assert parse_date(text) == date(2016, 6, 17)


@pytest.mark.parametrize("text", ["06-17", "6月17日", "[06/17]", "06.17"])
def test_year_less_list_dates_take_the_default_year(text):
    assert parse_date(text, default_year=2016) == date(2016, 6, 17)


def test_year_less_date_without_default_year_is_not_read():
    assert parse_date("06-17") is None


@pytest.mark.parametrize(
    "text",
    ["t20241021_94506.htm", "PZ00101-1700-2023-00103", "2016-02-30", "版本 1.5", ""],
)
def test_texts_that_are_not_dates_give_none(text):
    assert parse_date(text, default_year=2016) is None


def test_find_dates_keeps_order_and_tells_year_less_dates_apart():
    found = find_dates("成文 2016-06-08，发布 06-17", default_year=2016)
    assert [(item.value, item.has_year) for item in found] == [
        (date(2016, 6, 8), True),
        (date(2016, 6, 17), False),
    ]


def test_year_less_date_inside_a_full_date_is_not_counted_twice():
    assert len(find_dates("2016-06-17", default_year=2020)) == 1


def test_url_stamp_gives_only_a_year_for_completing_list_dates():
    assert url_year("https://x.gov.cn/zwgk/202410/t20241021_94506.htm") == 2024
    assert url_year("https://x.gov.cn/art/2022/1/20/art_12377_1486865.html") == 2022
    assert url_year("https://x.gov.cn/col/col123/index.html") is None


def test_year_less_date_late_in_december_belongs_to_the_year_before():
    assert complete_year(date(2000, 12, 30), date(2025, 1, 2)) == date(2024, 12, 30)
    assert complete_year(date(2000, 1, 2), date(2025, 1, 5)) == date(2025, 1, 2)


def test_epoch_milliseconds_are_read_in_beijing_time():
    # 2016-06-16 16:30 UTC is already 2016-06-17 in Beijing.
    assert parse_timestamp(1466094600000) == date(2016, 6, 17)
    assert parse_timestamp(1466094600) == date(2016, 6, 17)
