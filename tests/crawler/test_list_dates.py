"""Dates of list rows shown in pieces: a large day beside its year and month."""

from datetime import date

import pytest

from crawler.extract import extract_page
from crawler.listdates import split_date


@pytest.mark.parametrize(
    "text",
    ["17 2016-06", "172016-06", "17\n2016.06", "2016-06 17", "2016年06月 17日"],
)
def test_a_day_and_a_year_month_in_either_order_make_a_date(text):
    assert split_date(text) == date(2016, 6, 17)


@pytest.mark.parametrize("text", ["2016-06", "3 2016-13", "第17 2016-06", "阅读 17"])
def test_text_that_is_not_only_a_split_date_gives_none(text):
    assert split_date(text) is None


def test_list_rows_with_the_day_apart_from_the_year_and_month_are_dated():
    html = """<html><head><meta charset="utf-8"><title>通知公告</title></head>
    <body><h2>通知公告</h2><ul class="news">
    <li><div class="date"><span class="d">17</span><span class="ym">2016-06</span></div>
        <a href="/a/1.html">关于做好防汛工作的紧急通知</a></li>
    <li><div class="date"><span class="d">05</span><span class="ym">2016-06</span></div>
        <a href="/a/2.html">关于开展安全生产检查工作的通知</a></li>
    </ul></body></html>"""
    facts = extract_page(html, "http://127.0.0.1/tzgg/")
    assert [(item.url.rsplit("/", 1)[1], item.date) for item in facts.items] == [
        ("1.html", date(2016, 6, 17)),
        ("2.html", date(2016, 6, 5)),
    ]
