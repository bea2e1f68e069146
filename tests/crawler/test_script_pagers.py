"""Pagers whose links call a page function of the list page's script."""

from crawler.dom import Page
from crawler.paging import find_pagination

ROWS = """<ul class="list">
<li><a href="/gzdt/1.html">市领导调研重点项目建设工作情况</a><span>2016-12-19</span></li>
<li><a href="/gzdt/2.html">全市安全生产工作会议召开情况</a><span>2016-12-18</span></li></ul>"""


def pages(pager: str, script: str, url: str = "http://x.gov.cn/gzdt/index.html"):
    html = f"<html><body>{ROWS}{pager}<script>{script}</script></body></html>"
    return find_pagination(Page(html, url), html)


def test_next_and_last_calls_give_every_page_between():
    pager = """<div class="pager"><a href="javascript:void(0)" onclick="goPage(2)">下一页</a>
    <a href="javascript:goPage(6)">末页</a></div>"""
    script = 'function goPage(n){ location.href = "/gzdt/list_" + n + ".html"; }'
    assert pages(pager, script) == [
        f"http://x.gov.cn/gzdt/list_{number}.html" for number in range(2, 7)
    ]


def test_a_query_built_by_location_replace_is_followed():
    pager = """<div class="page"><a href="javascript:toPage(1)">首页</a>
    <a href="#" onclick="toPage('2');return false;">2</a>
    <a href="#" onclick="toPage('3');return false;">3</a></div>"""
    script = "function toPage(p){ window.location.replace('?pageNo=' + p + '&cid=5'); }"
    assert pages(pager, script, "http://x.gov.cn/list.do") == [
        "http://x.gov.cn/list.do?pageNo=2&cid=5",
        "http://x.gov.cn/list.do?pageNo=3&cid=5",
    ]


def test_a_page_function_using_other_variables_gives_no_pages():
    pager = '<div class="pager"><a href="javascript:goPage(2)">下一页</a></div>'
    script = "function goPage(n){ location.href = base + n + suffix; }"
    assert pages(pager, script) == []
