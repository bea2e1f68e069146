"""List pages: entries, templates, pagination, script endpoints and JSON lists."""

import json
from datetime import date

from crawler.extract import extract_page
from crawler.lists import extract_json_list

LIST_URL = "http://127.0.0.1/zwgk/tzgg/"


def page(body: str, head: str = "<title>通知公告_郑州市</title>") -> str:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


NAV = """
<div class="header"><ul class="nav">
  <li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
  <li><a href="/zwgk/tzgg/">通知公告 2016-06-01</a></li>
</ul></div>
"""
FOOTER = '<div class="footer"><p>版权所有：郑州市人民政府 <a href="/sitemap.html">网站地图</a></p></div>'


def test_dated_entries_are_read_and_navigation_and_undated_links_skipped():
    body = (
        NAV
        + """
    <div class="list"><ul>
      <li><a href="./201606/t20160617_1.html">关于做好防汛工作的通知</a><span>2016-06-17</span></li>
      <li><a href="201606/t20160615_2.html">关于开展安全检查的通知</a><span>[2016-06-15]</span></li>
      <li><a href="/zwgk/tzgg/201606/t20160610_3.html">关于调整作息时间的通知</a>
          <em>2016年6月10日</em></li>
    </ul><a href="/zwgk/tzgg/rss.xml">订阅本栏目</a></div>
    """
        + FOOTER
    )
    facts = extract_page(page(body), LIST_URL)
    assert facts.kind == "list"
    assert [(item.title, item.url, item.date) for item in facts.items] == [
        (
            "关于做好防汛工作的通知",
            "http://127.0.0.1/zwgk/tzgg/201606/t20160617_1.html",
            date(2016, 6, 17),
        ),
        (
            "关于开展安全检查的通知",
            "http://127.0.0.1/zwgk/tzgg/201606/t20160615_2.html",
            date(2016, 6, 15),
        ),
        (
            "关于调整作息时间的通知",
            "http://127.0.0.1/zwgk/tzgg/201606/t20160610_3.html",
            date(2016, 6, 10),
        ),
    ]
    assert facts.needs_javascript is False


def test_hidden_template_rows_are_not_entries():
    body = """
    <div ms-controller="list">
      <div ms-visible="showStatic"><ul>
        <li><a href="./a.html" title="第一条">第一条</a><span>2016-06-17</span></li>
        <li><a href="./b.html" title="第二条">第二条</a><span>2016-06-16</span></li>
      </ul></div>
      <div ms-visible="!showStatic" style="display:none"><ul>
        <li ms-repeat="list"><a ms-attr-href="el.url" ms-text="el.title"></a>
            <span ms-text="el.date">2016-06-01</span></li>
        <li v-for="row in rows"><a href="{{row.url}}">{{row.title}}</a>
            <span>2016-06-02</span></li>
      </ul><div ms-if="error">暂无数据</div></div>
    </div>
    """
    facts = extract_page(page(body), LIST_URL)
    assert [item.title for item in facts.items] == ["第一条", "第二条"]
    assert facts.empty_notice is False


def test_truncated_titles_come_from_the_title_attribute_with_entities_decoded():
    body = """
    <ul class="list">
      <li><a href="./1.html" title="关于印发&lt;郑州市2016年政务公开工作要点&gt;的通知">关于印发&lt;郑州市2016年...</a>
          <span>2016-06-17</span></li>
      <li><a href="./2.html">关于“12·25”事故  调查报告的批复&amp;说明</a>
          <span>2016-06-16</span></li>
    </ul>
    """
    facts = extract_page(page(body), LIST_URL)
    assert [item.title for item in facts.items] == [
        "关于印发<郑州市2016年政务公开工作要点>的通知",
        "关于“12·25”事故 调查报告的批复&说明",
    ]


def test_year_less_list_dates_take_the_year_of_the_entry_url():
    body = """
    <ul class="news">
      <li><a href="./201512/t20151230_9.html">年终总结</a><span>12-30</span></li>
      <li><a href="./201606/t20160617_1.html">防汛通知</a><span>06-17</span></li>
      <li><a href="/art/2016/6/1/art_1_2.html">安全通报</a><span>6月1日</span></li>
    </ul>
    """
    facts = extract_page(page(body), LIST_URL)
    assert [item.date for item in facts.items] == [
        date(2015, 12, 30),
        date(2016, 6, 17),
        date(2016, 6, 1),
    ]


def test_the_last_date_of_a_table_row_is_the_list_date():
    body = """
    <table class="list"><tr><th>标题</th><th>成文日期</th><th>发布日期</th></tr>
    <tr><td><a href="./1.html">关于甲的通知</a></td><td>2016-06-08</td><td>2016-06-17</td></tr>
    <tr><td><a href="./2.html">关于乙的通知</a></td><td>2016-06-01</td><td>2016-06-03</td></tr>
    </table>
    """
    facts = extract_page(page(body), LIST_URL)
    assert [item.date for item in facts.items] == [date(2016, 6, 17), date(2016, 6, 3)]


def test_date_written_inside_the_link_is_cut_from_the_title():
    body = """
    <ul class="list"><li><a href="./1.html">关于甲的通知 (2016-06-17)</a></li>
    <li><a href="./2.html">关于乙的通知 (2016-06-16)</a></li></ul>
    """
    facts = extract_page(page(body), LIST_URL)
    assert [(item.title, item.date) for item in facts.items] == [
        ("关于甲的通知", date(2016, 6, 17)),
        ("关于乙的通知", date(2016, 6, 16)),
    ]


def test_the_longest_list_is_the_main_list_and_every_dated_link_is_kept():
    rows = "".join(
        f'<li><a href="./{n}.html">栏目文章第{n}篇</a><span>2016-06-{n:02d}</span></li>'
        for n in range(1, 6)
    )
    hot = '<li><a href="/rd/1.html">热点新闻一则</a><span>2016-06-20</span></li>'
    body = f'<ul class="hot">{hot}</ul><ul class="list">{rows}</ul>'
    facts = extract_page(page(body), LIST_URL)
    assert len(facts.items) == 5
    assert len(facts.dated_links) == 6


def test_create_page_html_is_expanded_to_every_page():
    body = """
    <ul class="list"><li><a href="./1.html">文章一</a><span>2016-06-17</span></li></ul>
    <div class="page"><script>createPageHTML(4, 0, "index", "html");</script></div>
    """
    facts = extract_page(page(body), "http://127.0.0.1/zwgk/tzgg/index.html")
    assert facts.pagination_urls == [
        "http://127.0.0.1/zwgk/tzgg/index_1.html",
        "http://127.0.0.1/zwgk/tzgg/index_2.html",
        "http://127.0.0.1/zwgk/tzgg/index_3.html",
    ]


def test_create_page_html_with_variables_and_a_pager_id_is_expanded():
    body = """
    <ul class="list"><li><a href="./1.html">文章一</a><span>2016-06-17</span></li></ul>
    <script>var countPage = 3; var currentPage = 1;
    createPageHTML('page_div', countPage, currentPage, 'index', 'shtml', 45);</script>
    """
    facts = extract_page(page(body), "http://127.0.0.1/zwgk/tzgg/index_1.shtml")
    assert facts.pagination_urls == [
        "http://127.0.0.1/zwgk/tzgg/index.shtml",
        "http://127.0.0.1/zwgk/tzgg/index_2.shtml",
    ]


def test_pager_links_are_followed_and_the_pages_they_skip_filled_in():
    body = """
    <ul class="list"><li><a href="./1.html">文章一</a><span>2016-06-17</span></li></ul>
    <div class="pagination"><a href="list_1.html">1</a><a href="list_2.html">2</a>
    <a href="list_3.html">3</a><a href="list_2.html">下一页</a><a href="list_9.html">尾页</a></div>
    """
    facts = extract_page(page(body), "http://127.0.0.1/zwgk/tzgg/list_1.html")
    assert facts.pagination_urls == [
        f"http://127.0.0.1/zwgk/tzgg/list_{number}.html" for number in range(2, 10)
    ]


HANWEB = """
<div id="4456"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=12&path=/&columnid=77&unitid=4456&webname=%E9%83%91%E5%B7%9E&permissiontype=0"></a>]]></nextgroup>
<recordset>
<record><![CDATA[
<li><a href="/art/2016/6/17/art_77_101.html" title="关于行政许可事项公示的通知" target="_blank">关于行政许可事项公示的...</a><span>2016-06-17</span></li>]]></record>
<record><![CDATA[
<li><a href="/art/2016/6/15/art_77_100.html" title="行政处罚决定书公示">行政处罚决定书公示</a><span>2016-06-15</span></li>]]></record>
</recordset></datastore></script></div>
<script language="javascript" src="/module/web/jpage/jpage.js"></script>
<script>$("#4456").jpage({dataStore: dataStore, perPage: 2, totalRecord: 7,
proxyUrl: "/module/web/jpage/dataproxy.jsp"});</script>
"""


def test_hanweb_datastore_records_are_entries():
    facts = extract_page(page(HANWEB), "http://127.0.0.1/col/col77/index.html")
    assert facts.kind == "list"
    assert [(item.title, item.url, item.date) for item in facts.items] == [
        (
            "关于行政许可事项公示的通知",
            "http://127.0.0.1/art/2016/6/17/art_77_101.html",
            date(2016, 6, 17),
        ),
        (
            "行政处罚决定书公示",
            "http://127.0.0.1/art/2016/6/15/art_77_100.html",
            date(2016, 6, 15),
        ),
    ]
    assert facts.needs_javascript is False


def test_hanweb_proxy_pages_are_built_from_the_script():
    facts = extract_page(page(HANWEB), "http://127.0.0.1/col/col77/index.html")
    proxy = "http://127.0.0.1/module/web/jpage/dataproxy.jsp"
    rest = (
        "appid=1&webid=12&path=%2F&columnid=77&unitid=4456&webname=%E9%83%91%E5%B7%9E"
    )
    assert facts.pagination_urls == [
        f"{proxy}?startrecord=3&endrecord=4&perpage=2&{rest}&permissiontype=0",
        f"{proxy}?startrecord=5&endrecord=6&perpage=2&{rest}&permissiontype=0",
        f"{proxy}?startrecord=7&endrecord=7&perpage=2&{rest}&permissiontype=0",
    ]


def test_a_proxy_answer_of_bare_datastore_xml_gives_its_records():
    answer = HANWEB.split('<script type="text/xml">')[1].split("</script>")[0]
    facts = extract_page(answer, "http://127.0.0.1/module/web/jpage/dataproxy.jsp")
    assert [item.title for item in facts.items] == [
        "关于行政许可事项公示的通知",
        "行政处罚决定书公示",
    ]


def test_datastore_without_readable_records_needs_javascript():
    body = '<script type="text/xml"><datastore><recordset></recordset></datastore></script>'
    facts = extract_page(page(body), "http://127.0.0.1/col/col77/index.html")
    assert (facts.kind, facts.needs_javascript) == ("list", True)


def test_json_endpoints_named_in_list_scripts_are_listed():
    body = """
    <ul id="list"></ul>
    <script>
      fetch("/api/list?channel=tzgg&page=1").then(r => r.json()).then(render);
      $.getJSON('/api/hot.json', show);
      $.ajax({url: "../data/sgs.json", type: "GET", success: fill});
      $.get("/api/pv?id=1");
      xhr.open("GET", "/api/more?page=" + n);
    </script>
    """
    facts = extract_page(page(body), LIST_URL)
    assert facts.list_endpoints == [
        "http://127.0.0.1/api/list?channel=tzgg&page=1",
        "http://127.0.0.1/api/hot.json",
        "http://127.0.0.1/api/more?page=1",
        "http://127.0.0.1/zwgk/data/sgs.json",
    ]
    assert (facts.kind, facts.needs_javascript) == ("list", True)


def test_template_list_without_static_entries_needs_javascript():
    body = """
    <div ms-controller="list"><dl ms-repeat="list">
      <dd><a ms-attr-href="el.url" ms-text="el.title"></a></dd>
      <dd ms-text="el.date"></dd></dl></div>
    <script>require(["list"], function (listModel) { listModel({quickMode: "动态"}); });</script>
    """
    facts = extract_page(page(body), LIST_URL)
    assert (facts.kind, facts.items, facts.needs_javascript) == ("list", [], True)
    assert facts.empty_notice is False


def test_no_information_notice_is_an_empty_list():
    body = NAV + '<div class="list"><p class="empty">暂无信息</p></div>' + FOOTER
    facts = extract_page(page(body), LIST_URL)
    assert (facts.kind, facts.empty_notice, facts.items) == ("list", True, [])


def test_json_list_is_read_without_knowing_the_api():
    payload = {
        "code": 0,
        "data": {
            "total": 2,
            "rows": [
                {
                    "docTitle": "关于<em>双公示</em>工作的通知",
                    "docUrl": "./202106/t20210617_1.html",
                    "pubDate": "2016-06-17 09:30:00",
                },
                {
                    "bt": "行政许可决定书",
                    "link": "http://127.0.0.1/sgs/2.html",
                    "fbrq": 1466094600000,
                },
                {"name": "无链接的记录", "fbrq": "2016-06-01"},
            ],
        },
        "menu": [{"title": "首页"}],
    }
    items = extract_json_list(payload, "http://127.0.0.1/zwgk/sgs/")
    assert [(item.title, item.url, item.date) for item in items] == [
        (
            "关于双公示工作的通知",
            "http://127.0.0.1/zwgk/sgs/202106/t20210617_1.html",
            date(2016, 6, 17),
        ),
        ("行政许可决定书", "http://127.0.0.1/sgs/2.html", date(2016, 6, 17)),
    ]


def test_json_list_answers_may_be_bytes_jsonp_or_a_bare_array():
    array = [{"title": "公告一", "url": "/a/1.html", "publishTime": "2016/06/17"}]
    text = json.dumps(array, ensure_ascii=False)
    expected = [("公告一", "http://127.0.0.1/a/1.html", date(2016, 6, 17))]
    for payload in (text.encode("utf-8"), f"jsonp123({text});", array):
        items = extract_json_list(payload, "http://127.0.0.1/")
        assert [(item.title, item.url, item.date) for item in items] == expected


def test_json_list_dates_may_be_epoch_seconds_as_text_or_dotnet_dates():
    records = [
        {"title": "公告一", "url": "/a/1.html", "pubDate": "1466130000"},
        {
            "title": "公告二",
            "url": "/a/2.html",
            "pubDate": "/Date(1466130000000+0800)/",
        },
    ]
    items = extract_json_list(json.dumps(records), "http://127.0.0.1/")
    assert [item.date for item in items] == [date(2016, 6, 17), date(2016, 6, 17)]


def test_json_list_answer_that_is_not_json_gives_no_entries():
    assert extract_json_list(b"<html>error</html>", "http://127.0.0.1/") == []


def test_year_less_dates_without_url_stamps_take_the_year_the_page_shows():
    body = """
    <p>更新于2016-06-20</p>
    <ul class="news"><li><a href="/news/show?id=1">防汛通知</a><span>06-17</span></li>
    <li><a href="/news/show?id=2">安全通报</a><span>06-15</span></li></ul>
    """
    facts = extract_page(page(body), LIST_URL)
    assert [item.date for item in facts.items] == [date(2016, 6, 17), date(2016, 6, 15)]


def test_rows_with_a_department_link_beside_the_title_are_entries():
    body = """
    <ul class="list">
      <li><a href="/dept/jyj/">[市教育局]</a><a href="./1.html">关于做好招生工作的通知</a>
          <span>2016-06-17</span></li>
      <li><a href="/dept/wsj/">[市卫生局]</a><a href="./2.html">关于开展义诊活动的通知</a>
          <span>2016-06-16</span></li>
    </ul>
    """
    facts = extract_page(page(body), LIST_URL)
    assert [item.title for item in facts.items] == [
        "关于做好招生工作的通知",
        "关于开展义诊活动的通知",
    ]


def test_picture_link_and_title_link_to_the_same_page_make_one_entry():
    body = """
    <ul class="pics">
      <li><a href="./1.html"><img src="1.jpg" alt="市长调研"></a>
          <a href="./1.html">市长到郑东新区调研</a><span>2016-06-17</span></li>
      <li><a href="./2.html"><img src="2.jpg" alt="会议"></a>
          <a href="./2.html">市政府召开常务会议</a><span>2016-06-16</span></li>
    </ul>
    """
    facts = extract_page(page(body), LIST_URL)
    assert [item.title for item in facts.items] == [
        "市长到郑东新区调研",
        "市政府召开常务会议",
    ]


def test_boxes_under_their_own_headings_are_separate_lists():
    box = (
        '<div class="box"><div class="box_title"><span>{name}</span>'
        '<a href="/{path}/">更多&gt;&gt;</a></div><ul>{rows}</ul></div>'
    )
    notices = "".join(
        f'<li><a href="/tzgg/{n}.html">通知公告第{n}条</a><span>2016-06-1{n}</span></li>'
        for n in range(1, 3)
    )
    news = "".join(
        f'<li><a href="/gzdt/{n}.html">工作动态第{n}条</a><span>2016-06-0{n}</span></li>'
        for n in range(1, 4)
    )
    body = box.format(name="通知公告", path="tzgg", rows=notices) + box.format(
        name="工作动态", path="gzdt", rows=news
    )
    facts = extract_page(page(body, "<title>郑州市教育局</title>"), "http://127.0.0.1/")
    assert [item.title for item in facts.items] == [
        "工作动态第1条",
        "工作动态第2条",
        "工作动态第3条",
    ]
    assert facts.column_name == "工作动态"
    assert len(facts.dated_links) == 5


def test_static_no_information_notice_needs_no_javascript():
    body = '<div class="list"><ul></ul><p>暂无信息！</p></div>'
    facts = extract_page(page(body), LIST_URL)
    assert (facts.empty_notice, facts.needs_javascript) == (True, False)


def test_list_box_naming_its_data_address_gives_an_endpoint():
    body = """
    <div class="catalogue"><ul class="tree"><li><a href="/column/zn/">政府信息公开指南</a></li>
    <li><a href="/column/ldxx/">领导信息</a></li></ul></div>
    <div class="list-box" data-api="/api/list?column=gzdt" data-pager="1"></div>
    <img data-src="/images/banner.jpg"><script src="/static/app.js"></script>
    """
    facts = extract_page(page(body), "http://127.0.0.1/column/gzdt/")
    assert facts.list_endpoints == ["http://127.0.0.1/api/list?column=gzdt"]
    assert (facts.kind, facts.needs_javascript) == ("list", True)


def test_column_page_showing_its_list_in_a_frame_needs_no_javascript():
    body = """<h2>政策解读</h2>
    <iframe src="/zcjd/list.htm" title="政策解读" width="100%" height="620"></iframe>
    <iframe src="https://tianqi.example.cn/?c=1" width="260" height="26"></iframe>"""
    facts = extract_page(page(body), "http://127.0.0.1/zcjd/index.htm")
    assert (facts.kind, facts.needs_javascript) == ("list", False)
    frames = [c.url for c in facts.columns if c.discovered_from == "iframe"]
    assert frames == ["http://127.0.0.1/zcjd/list.htm"]


def test_undated_row_of_a_dated_list_is_an_undated_entry():
    body = """
    <ul class="list">
      <li><a href="./a.html">关于做好2016年防汛工作的通知</a><span>2016-06-01</span></li>
      <li><a href="./b.html">关于开展防汛应急演练的通知</a><span></span></li>
      <li><a href="./c.html">关于印发工作要点的通知</a><span>2016-05-01</span></li>
    </ul>
    <div class="box"><ul><li><a href="./x.html">关于其他栏目的一条通知</a></li></ul></div>
    """
    facts = extract_page(page(body), LIST_URL)
    assert [(item.url.rsplit("/", 1)[-1], item.date) for item in facts.items] == [
        ("a.html", date(2016, 6, 1)),
        ("b.html", None),
        ("c.html", date(2016, 5, 1)),
    ]


def test_list_whose_rows_show_no_date_keeps_its_document_titles():
    body = """
    <h2>政府信息公开年度报告</h2>
    <ul class="list">
      <li><a href="./1.html">中原市财政局2015年政府信息公开年度报告</a><span></span></li>
      <li><a href="./2.html">中原市财政局2014年政府信息公开年度报告</a><span></span></li>
    </ul>
    """
    facts = extract_page(page(body), LIST_URL)
    assert facts.kind == "list"
    assert [item.date for item in facts.items] == [None, None]


def test_list_of_undated_links_is_in_the_static_page():
    body = """
    <ul class="list"><li><a href="./a.html">政务公开工作台账</a></li>
    <li><a href="./b.html">政务公开工作要点</a></li></ul>
    <script>createPageHTML(1, 0, "index", "html");</script>
    """
    facts = extract_page(page(body), LIST_URL)
    assert (facts.kind, facts.items, facts.needs_javascript) == ("list", [], False)
    assert facts.pagination_urls == []


def test_hanweb_proxy_pages_start_after_every_record_on_the_page_dated_or_not():
    records = "".join(
        f'<record><![CDATA[<li><a href="/art/2016/6/{n}/art_1_{n}.html">记录{n}</a>'
        f"<span>{f'2016-06-{n:02d}' if n % 2 else ''}</span></li>]]></record>"
        for n in range(1, 5)
    )
    body = (
        '<script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/'
        'jpage/dataproxy.jsp?page=1&columnid=5"></a>]]></nextgroup><totalrecord>6'
        f"</totalrecord><recordset>{records}</recordset></datastore></script>"
        '<script>jpage.init({columnid: 5, perpage: 2, proxy: "/module/web/jpage/'
        'dataproxy.jsp"});</script>'
    )
    facts = extract_page(page(body), "http://127.0.0.1/col/col5/index.html")
    assert [item.date is None for item in facts.items] == [False, True, False, True]
    assert facts.pagination_urls == [
        "http://127.0.0.1/module/web/jpage/dataproxy.jsp?startrecord=5&endrecord=6"
        "&perpage=2&columnid=5"
    ]
