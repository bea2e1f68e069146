"""The city is served over real loopback HTTP in every portal style."""

from __future__ import annotations

import html
import json
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

from testbed_http import fetch

from testbed.model import DEAD_HOST
from testbed.render import RenderContext

LINK = re.compile(r'(?:href|src)="([^"]+)"')
DATA_API = re.compile(r'data-api="([^"]+)"')
CHARSET = re.compile(rb"charset=([\w-]+)", re.I)


def column_url(server, unit_id: str, key: str) -> str:
    """Absolute URL of page 1 of a column, as the city renders it."""
    context = RenderContext(server.city, server.port)
    unit = server.city.unit(unit_id)
    return urljoin(
        server.portals[unit.number - 1]["portal"],
        context.column_url(unit, unit.column(key)),
    )


def doc_url(server, unit_id: str, key: str) -> str:
    """Absolute URL of a disclosure."""
    context = RenderContext(server.city, server.port)
    unit = server.city.unit(unit_id)
    column, doc = unit.find_doc(key)
    return urljoin(
        server.portals[unit.number - 1]["portal"], context.doc_url(unit, column, doc)
    )


def decoded(answer) -> str:
    """The body decoded with the charset of the header, else of the meta tag."""
    match = CHARSET.search(answer.header("Content-Type").encode()) or CHARSET.search(
        answer.body[:600]
    )
    return answer.body.decode(match.group(1).decode() if match else "utf-8")


def test_every_portal_answers_its_homepage_on_its_own_address(city_server):
    for item in city_server.portals:
        answer = fetch(item["portal"])
        unit = city_server.city.unit(item["id"])
        assert urlsplit(item["portal"]).hostname == f"127.0.1.{unit.number}"
        if unit.broken_status:
            assert answer.status == 502
            continue
        assert answer.status == 200
        assert item["name"] in decoded(answer)


def test_broken_portal_answers_5xx_to_every_path_including_robots(city_server, portal):
    for path in ("", "index.html", "robots.txt", "column/gzdt/"):
        assert fetch(portal("u11") + path).status == 502


def test_trs_pages_decode_with_the_declared_gbk_charset(city_server, portal):
    declared = {"u01": ("GBK", True), "u02": ("", True), "u09": ("GBK", False)}
    for unit_id, (header_charset, meta) in declared.items():
        answer = fetch(portal(unit_id))
        assert answer.header("Content-Type").endswith(header_charset)
        assert (b'charset=gbk"' in answer.body) is meta
        text = answer.body.decode("gbk")
        assert city_server.city.unit(unit_id).name in text
        try:
            answer.body.decode("utf-8")
        except UnicodeDecodeError:
            continue
        raise AssertionError(f"{unit_id} homepage is not GBK-encoded")


def test_trs_document_shows_the_disclosure_table_and_meta_tags(city_server):
    text = decoded(fetch(doc_url(city_server, "u01", "src1")))
    for label in (
        "索引号：",
        "主题分类：",
        "发布机构：",
        "成文日期：",
        "标题：",
        "发文字号：",
        "发布日期：",
    ):
        assert label in text
    assert '<meta name="PubDate" content="2016-06-08 ' in text
    assert (
        '<meta name="ArticleTitle" content="中原市发展和改革委员会关于印发价格监督检查办法的通知">'
        in text
    )
    assert '<meta name="SiteIDCode" content="4101000001">' in text
    assert "中原发改〔2016〕35号" in text


def test_trs_pagination_pages_named_by_createpagehtml_exist(city_server):
    first = column_url(city_server, "u01", "gzdt")
    text = decoded(fetch(first))
    count, current = map(
        int,
        re.search(r'createPageHTML\((\d+), (\d+), "index", "html"\)', text).groups(),
    )
    assert (count, current) == (3, 0)
    for index in range(1, count):
        page = decoded(fetch(urljoin(first, f"index_{index}.html")))
        assert f'createPageHTML({count}, {index}, "index", "html")' in page
    assert fetch(urljoin(first, f"index_{count}.html")).status == 404
    assert fetch(urljoin(first, "index.html")).body == fetch(first).body


def test_hanweb_column_keeps_its_entries_inside_the_datastore_script(city_server):
    text = decoded(fetch(column_url(city_server, "u03", "gzdt")))
    outside = re.sub(r'<script type="text/xml">.*?</script>', "", text, flags=re.S)
    assert "/art/" not in outside
    datastore = re.search(r'<script type="text/xml">(.*?)</script>', text, re.S).group(
        1
    )
    assert "<totalrecord>45</totalrecord>" in datastore
    records = re.findall(r"<record><!\[CDATA\[(.*?)\]\]></record>", datastore, re.S)
    assert len(records) == 30
    assert all(
        re.search(r'<li><a href="/art/\d{4}/\d+/\d+/art_\d+_\d+\.html" title=', r)
        for r in records
    )
    assert "jpage.init(" in text and "/module/web/jpage/dataproxy.jsp" in text


def test_hanweb_data_proxy_answers_the_further_records_by_get_and_post(
    city_server, portal
):
    unit = city_server.city.unit("u03")
    columnid = unit.column("gzdt").number
    proxy = portal("u03") + "module/web/jpage/dataproxy.jsp"
    by_get = fetch(
        f"{proxy}?startrecord=31&endrecord=60&perpage=10&columnid={columnid}"
    )
    by_post = fetch(
        f"{proxy}?startrecord=31&endrecord=60&perpage=10",
        method="POST",
        data=f"col=1&appid=1&webid=3&columnid={columnid}&unitid={columnid * 10 + 1}".encode(),
    )
    for answer in (by_get, by_post):
        assert answer.status == 200 and answer.header("Content-Type").startswith(
            "text/xml"
        )
        text = answer.body.decode("utf-8")
        assert len(re.findall(r"<record>", text)) == 15
        assert "<totalrecord>45</totalrecord>" in text
    assert by_get.body == by_post.body


def test_single_page_column_is_an_empty_shell_filled_from_json(city_server, portal):
    shell = decoded(fetch(column_url(city_server, "u05", "gzdt")))
    assert "/content/" not in shell
    assert 'data-api="/api/list?column=gzdt"' in shell
    first = json.loads(fetch(portal("u05") + "api/list?column=gzdt&page=1").body)
    assert (first["total"], first["pages"], len(first["items"])) == (40, 3, 15)
    assert set(first["items"][0]) == {"title", "url", "date"}
    last = json.loads(fetch(portal("u05") + "api/list?column=gzdt&page=3").body)
    assert len(last["items"]) == 10
    article = fetch(urljoin(portal("u05"), first["items"][0]["url"]))
    assert first["items"][0]["title"] in decoded(article)
    assert fetch(portal("u05") + "api/list?column=nosuch&page=1").status == 404


def test_empty_columns_show_their_emptiness_in_each_style(city_server, portal):
    assert "暂无信息" in decoded(fetch(column_url(city_server, "u02", "rsxx")))
    assert "<totalrecord>0</totalrecord>" in decoded(
        fetch(column_url(city_server, "u04", "qzqd"))
    )
    empty = json.loads(fetch(portal("u06") + "api/list?column=yjgl&page=1").body)
    assert (empty["total"], empty["items"]) == (0, [])
    assert "暂无信息" in decoded(fetch(column_url(city_server, "u08", "zdxm")))


def test_plain_iframe_column_serves_its_list_inside_the_frame(city_server, portal):
    shell = decoded(fetch(column_url(city_server, "u07", "zcjd")))
    source = re.search(r'<iframe src="([^"]+)" title="政策解读"', shell).group(1)
    frame = decoded(fetch(urljoin(portal("u07"), source)))
    assert "城区环境综合整治工作解读" in frame
    home = decoded(fetch(portal("u08")))
    home_frame = re.search(r'<iframe src="([^"]+)" title="通知公告"', home).group(1)
    assert "县政府办公室关于" in decoded(fetch(urljoin(portal("u08"), home_frame)))


def test_plain_lists_show_yearless_dates_completed_on_the_article(city_server, portal):
    text = decoded(fetch(column_url(city_server, "u07", "gzdt")))
    first = re.search(
        r'<a href="([^"]+)"[^>]*>[^<]+</a></td><td class="date">([^<]*)</td>', text
    )
    assert first.group(2) == "12-18"
    article = decoded(fetch(urljoin(portal("u07"), first.group(1))))
    assert "发布时间：2016年12月18日" in article


def test_credit_platform_lists_the_units_records_under_their_own_path(
    city_server, portal
):
    home = decoded(fetch(portal("u03")))
    assert f'href="{city_server.credit_url}sgs/u03/">双公示</a>' in home
    first = decoded(fetch(city_server.credit_url + "sgs/u03/"))
    second = decoded(fetch(city_server.credit_url + "sgs/u03/index_1.html"))
    assert "下一页" in first and "上一页" in second
    records = re.findall(r'href="(\./(?:xk|cf)/\d+\.html)"', first + second)
    assert len(records) == 5
    licence = next(link for link in records if "/xk/" in link)
    record = decoded(fetch(urljoin(city_server.credit_url + "sgs/u03/", licence)))
    for label in (
        "决定文书号",
        "项目名称",
        "行政相对人",
        "许可内容",
        "许可决定日期",
        "许可机关",
        "发布日期：",
    ):
        assert label in record


def test_robots_txt_is_served_and_one_portal_disallows_a_path(city_server, portal):
    assert fetch(portal("u01") + "robots.txt").body == b"User-agent: *\nDisallow:\n"
    assert b"Disallow: /search/" in fetch(portal("u05") + "robots.txt").body
    assert fetch(portal("u05") + "search/").status == 200


def test_disclosure_title_with_markup_is_escaped_in_the_page_source(city_server):
    text = decoded(fetch(doc_url(city_server, "u01", "tzgg_html")))
    assert "<script>alert" not in text and "<b>加粗" not in text
    assert (
        "&lt;b&gt;加粗&lt;/b&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;关于"
        in text
    )


def test_head_requests_answer_headers_without_a_body(city_server, portal):
    answer = fetch(portal("u07"), method="HEAD")
    assert answer.status == 200 and answer.body == b""
    assert int(answer.header("Content-Length")) == len(fetch(portal("u07")).body)


def test_unknown_paths_answer_404_and_directories_without_slash_redirect(
    city_server, portal
):
    assert fetch(portal("u01") + "no/such/page.html").status == 404
    moved = fetch(portal("u01") + "xwzx/gzdt")
    assert moved.status == 301 and moved.header("Location") == "/xwzx/gzdt/"


def test_server_answers_the_same_bytes_twice(city_server, portal):
    for url in (
        portal("u01"),
        portal("u03"),
        portal("u05") + "api/list?column=tzgg&page=2",
        city_server.credit_url + "sgs/u04/",
    ):
        assert fetch(url).body == fetch(url).body


def test_every_link_of_the_city_answers_except_the_planted_broken_ones(
    city_server, portal
):
    port = city_server.port
    failures = crawl_city([item["portal"] for item in city_server.portals])
    dead = f"http://{DEAD_HOST}:{port}"
    planted = {
        portal("u11"): 502,
        portal("u02") + "xwzx/gzdt/201505/t20150512_88.html": 404,
        portal("u04") + "art/2015/3/2/art_9999_1.html": 404,
        f"{dead}/": "refused",
        f"{dead}/tjsj/2016.html": "refused",
        portal("u08") + "ztzl/lxyz/index.htm": 404,
        **{f"{dead}/site{index:02d}/": "refused" for index in range(24)},
    }
    assert failures == planted


def crawl_city(seeds: list[str]) -> dict[str, int | str]:
    """Follow every link, frame, image and JSON list of the city; return failures."""
    queue, seen, failures = deque(seeds), set(seeds), {}
    while queue:
        url = queue.popleft()
        try:
            answer = fetch(url, timeout=5)
        except ConnectionRefusedError:
            failures[url] = "refused"
            continue
        if answer.status >= 400:
            failures[url] = answer.status
            continue
        targets = []
        if answer.status in (301, 302):
            targets.append(answer.header("Location"))
        elif answer.header("Content-Type").startswith(("text/html", "text/xml")):
            text = decoded(answer)
            targets += [html.unescape(link) for link in LINK.findall(text)]
            for api in DATA_API.findall(text):
                targets += json_list_urls(urljoin(url, html.unescape(api)))
            total = re.search(r"<totalrecord>(\d+)</totalrecord>", text)
            proxy = re.search(r'href="(/module/web/jpage/dataproxy\.jsp\?[^"]+)"', text)
            if total and proxy:
                targets.append(
                    f"{proxy.group(1)}&startrecord=1&endrecord={total.group(1)}"
                )
        for target in targets:
            absolute = urljoin(url, target).split("#")[0]
            if absolute.startswith("http://127.") and absolute not in seen:
                seen.add(absolute)
                queue.append(absolute)
    assert len(seen) > 1000
    return failures


def json_list_urls(api: str) -> list[str]:
    """The item URLs of every page of a JSON list."""
    first = json.loads(fetch(api + "&page=1").body)
    urls = [item["url"] for item in first["items"]]
    for page in range(2, first["pages"] + 1):
        urls += [
            item["url"]
            for item in json.loads(fetch(f"{api}&page={page}").body)["items"]
        ]
    return urls
