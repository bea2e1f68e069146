"""The address a list script asks its entries from, with the data it sends."""

import pytest

from crawler.dom import Page
from crawler.paging import find_list_endpoints


def endpoints(code: str) -> list[str]:
    html = f"<html><body><ul id='list'></ul><script>{code}</script></body></html>"
    return find_list_endpoints(Page(html, "http://x.gov.cn/list/"))


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (
            '$.ajax({url: "/api/list", data: {channelId: 1203, pageNo: 1}});',
            "http://x.gov.cn/api/list?channelId=1203&pageNo=1",
        ),
        (
            '$.get("/api/list", {channelId: 12, page: p}, function (r) {});',
            "http://x.gov.cn/api/list?channelId=12&page=1",
        ),
        (
            "$.ajax({type: 'post', data: {'cid': 'abc', pageIndex: cur}, "
            "url: '/api/list.do'});",
            "http://x.gov.cn/api/list.do?cid=abc&pageIndex=1",
        ),
        (
            'axios.get("/api/news", {params: {catId: 7, pageNum: 1}});',
            "http://x.gov.cn/api/news?catId=7&pageNum=1",
        ),
    ],
)
def test_literal_request_data_goes_into_the_address(code, expected):
    assert endpoints(code) == [expected]


def test_variables_other_than_the_page_are_left_out():
    code = '$.ajax({url: "/api/list?size=10", data: {siteId: site, size: 20}});'
    assert endpoints(code) == ["http://x.gov.cn/api/list?size=10"]


def test_each_call_keeps_its_own_data():
    code = 'fetch("/api/a?type=1"); $.ajax({url: "/api/b", dataType: "json"});'
    assert endpoints(code) == ["http://x.gov.cn/api/a?type=1", "http://x.gov.cn/api/b"]
