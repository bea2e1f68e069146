"""Links, columns from menus, catalogues, breadcrumbs and frames, text and footer."""

from crawler.extract import extract_page
from crawler.facts import ColumnRef, LinkRef

URL = "http://127.0.0.1/zwgk/tzgg/"

PORTAL = """
<html><head><meta charset="utf-8"><title>通知公告_郑州市教育局</title>
<link rel="stylesheet" href="/css/main.css"><script src="/js/jquery.js"></script>
<meta name="ColumnName" content="通知公告"></head>
<body>
<div class="header"><a href="/"><img src="/images/logo.png" alt="郑州市教育局"></a>
  <ul class="nav">
    <li><a href="/">首页</a></li>
    <li><a href="/zwgk/">政务公开</a></li>
    <li><a href="http://xy.zhengzhou.gov.cn/sgs/">双公示</a></li>
  </ul></div>
<div class="position">您的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a>
  &gt; <a href="/zwgk/tzgg/">通知公告</a></div>
<div class="left"><div class="xxgk_tree"><h3>政府信息公开目录</h3><ul>
  <li><a href="/zwgk/jgzn/">机构职能</a><ul>
      <li><a href="/zwgk/jgzn/ldxx/">领导信息</a></li>
      <li><a href="/zwgk/jgzn/nsjg/">内设机构</a></li></ul></li>
  <li><span>政策文件</span><ul><li><a href="/zwgk/zcjd/">政策解读</a></li></ul></li>
</ul></div></div>
<div class="main"><h2 class="lm_title">通知公告</h2>
  <ul class="list">
    <li><a href="./201606/t20160617_1.html">关于做好防汛工作的通知</a><span>2016-06-17</span></li>
    <li><a href="./201606/t20160615_2.html">关于开展安全检查的通知</a><span>2016-06-15</span></li>
  </ul>
  <iframe src="/zwgk/sgs/list.html" title="双公示信息"></iframe>
  <iframe src="https://map.example.cn/embed?x=1"></iframe>
  <script>var secret = "不是正文";</script><style>.x{}</style>
</div>
<div class="footer"><p><a href="/about.html">关于我们</a> | 网站标识码：4101000001</p>
  <p>主办单位：郑州市教育局 豫ICP备05000001号 豫公网安备 41010202000001号</p>
  <a href="http://bszs.conac.cn/"><img src="/images/red.png" alt="党政机关"></a></div>
</body></html>
"""


def test_every_link_is_listed_with_its_kind_text_and_place():
    links = extract_page(PORTAL, URL).links
    assert LinkRef("http://127.0.0.1/css/main.css", "", False, "css") in links
    assert LinkRef("http://127.0.0.1/js/jquery.js", "", False, "script") in links
    assert LinkRef("http://127.0.0.1/", "郑州市教育局", True, "a") in links
    assert (
        LinkRef("http://127.0.0.1/images/logo.png", "郑州市教育局", True, "img")
        in links
    )
    assert LinkRef("http://127.0.0.1/zwgk/", "政务公开", True, "a") in links
    assert (
        LinkRef(
            "http://127.0.0.1/zwgk/tzgg/201606/t20160617_1.html",
            "关于做好防汛工作的通知",
            False,
            "a",
        )
        in links
    )
    assert (
        LinkRef("http://127.0.0.1/zwgk/sgs/list.html", "双公示信息", False, "iframe")
        in links
    )
    assert LinkRef("http://127.0.0.1/about.html", "关于我们", True, "a") in links


def test_navigation_menu_gives_columns_including_external_ones():
    columns = extract_page(PORTAL, URL).columns
    assert ColumnRef("政务公开", "http://127.0.0.1/zwgk/", "navigation") in columns
    assert (
        ColumnRef("双公示", "http://xy.zhengzhou.gov.cn/sgs/", "navigation") in columns
    )
    assert not [column for column in columns if column.name == "首页"]


def test_catalogue_tree_gives_columns_with_their_parents():
    columns = extract_page(PORTAL, URL).columns
    catalogue = [column for column in columns if column.discovered_from == "catalogue"]
    assert catalogue == [
        ColumnRef("机构职能", "http://127.0.0.1/zwgk/jgzn/", "catalogue"),
        ColumnRef(
            "领导信息", "http://127.0.0.1/zwgk/jgzn/ldxx/", "catalogue", "机构职能"
        ),
        ColumnRef(
            "内设机构", "http://127.0.0.1/zwgk/jgzn/nsjg/", "catalogue", "机构职能"
        ),
        ColumnRef("政策解读", "http://127.0.0.1/zwgk/zcjd/", "catalogue", "政策文件"),
    ]


def test_breadcrumb_names_and_columns_are_read():
    facts = extract_page(PORTAL, URL)
    assert facts.breadcrumb == ["首页", "政务公开", "通知公告"]
    crumbs = [
        column for column in facts.columns if column.discovered_from == "breadcrumb"
    ]
    assert crumbs == [
        ColumnRef("政务公开", "http://127.0.0.1/zwgk/", "breadcrumb", "首页"),
        ColumnRef("通知公告", "http://127.0.0.1/zwgk/tzgg/", "breadcrumb", "政务公开"),
    ]


def test_text_breadcrumb_is_split_on_its_separators():
    html = (
        "<html><body><div>当前位置：首页 › 政务公开 » 财政信息 / 部门预算 ＞ 预算公开</div>"
        "<p>正文</p></body></html>"
    )
    facts = extract_page(html, URL)
    assert facts.breadcrumb == ["首页", "政务公开", "财政信息", "部门预算", "预算公开"]


def test_list_page_names_its_column_and_heading():
    facts = extract_page(PORTAL, URL)
    assert facts.column_name == "通知公告"
    assert ColumnRef("通知公告", URL, "heading") in facts.columns


def test_list_heading_names_the_column_when_no_meta_does():
    facts = extract_page(
        PORTAL.replace('<meta name="ColumnName" content="通知公告">', ""), URL
    )
    assert facts.column_name == "通知公告"


def test_frames_that_may_carry_lists_are_columns():
    frames = [
        c for c in extract_page(PORTAL, URL).columns if c.discovered_from == "iframe"
    ]
    assert frames == [
        ColumnRef("双公示信息", "http://127.0.0.1/zwgk/sgs/list.html", "iframe")
    ]


def test_visible_text_has_image_alts_and_no_scripts():
    text = extract_page(PORTAL, URL).text
    assert "党政机关" in text and "关于做好防汛工作的通知" in text
    assert "不是正文" not in text and ".x{}" not in text


def test_footer_text_holds_the_identity_marks():
    footer = extract_page(PORTAL, URL).footer_text
    for mark in ("网站标识码：4101000001", "主办单位", "ICP备", "公网安备", "党政机关"):
        assert mark in footer
    assert "关于做好防汛工作的通知" not in footer


def test_footer_without_a_footer_class_is_the_last_copyright_block():
    html = """<html><body><div id="a"><p>正文很长的一段内容……</p></div>
    <div id="b"><table><tr><td>版权所有：某某县人民政府</td></tr>
    <tr><td>网站标识码：4101830001 豫ICP备1234号</td></tr></table></div></body></html>"""
    footer = extract_page(html, URL).footer_text
    assert "版权所有" in footer and "网站标识码" in footer and "正文" not in footer


def test_meta_refresh_target_is_a_link():
    html = '<html><head><meta http-equiv="refresh" content="0; url=/index.shtml"></head></html>'
    links = extract_page(html, "http://127.0.0.1/").links
    assert links == [LinkRef("http://127.0.0.1/index.shtml", "", False, "a")]


def test_catalogue_links_count_as_navigation():
    links = extract_page(PORTAL, URL).links
    assert LinkRef("http://127.0.0.1/zwgk/jgzn/ldxx/", "领导信息", True, "a") in links


def test_broken_pages_and_addresses_give_facts_not_errors():
    pages = [
        b"",
        b"%PDF-1.4 \x00\x01\x02",
        "<div>" * 3000 + "正文",
        '<a href="http://[::1">坏地址</a><a href="javascript:void(0)">脚本</a>',
        '<base href="javascript:x"><a href="a.html">相对地址</a>',
    ]
    for body in pages:
        facts = extract_page(body, URL)
        assert facts.kind == "other"
    links = extract_page(pages[3], URL).links
    assert links == []


def test_the_breadcrumbs_unlinked_last_name_names_the_list_page():
    page = """<html><head><meta charset="utf-8"><title>政府信息公开</title></head><body>
    <div class="location">您所在的位置：<a href="/">首页</a> &gt;
      <a href="/xxgk/">政府信息公开</a> &gt; <span>财政资金</span></div>
    <div class="left"><div class="lm">信息公开目录</div><ul class="tree">
      <li><a href="/xxgk/jgzn/">机构职能</a></li>
      <li><a href="/xxgk/czzj/">财政资金</a></li></ul></div>
    <div class="right"><ul>
      <li><a href="/xxgk/czzj/1.html">某局2016年部门预算公开</a><span>2016-04-08</span></li>
      <li><a href="/xxgk/czzj/2.html">某局2015年部门决算公开</a><span>2016-07-20</span></li>
    </ul></div></body></html>"""
    facts = extract_page(page, "http://127.0.0.1/xxgk/czzj/")
    assert facts.breadcrumb == ["首页", "政府信息公开", "财政资金"]
    assert facts.column_name == "财政资金"
