"""Disclosure metadata is read from the header table, meta tags and dated lines."""

from datetime import date

from crawler.extract import extract_page

URL = "http://127.0.0.1/zwgk/tzgg/201606/t20160620_1234.html"


def page(body: str, head: str = "<title>通知公告_郑州市人民政府</title>") -> str:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


GOV_TABLE = """
<table class="xxgk">
  <tr><td><b>索 引 号：</b></td><td>000014349/2016-00096</td>
      <td><b>主题分类：</b></td><td>综合政务\\通知</td></tr>
  <tr><td><b>发布机构：</b></td><td>郑州市人民政府办公厅</td>
      <td><b>成文日期：</b></td><td>2016年06月08日</td></tr>
  <tr><td><b>标　　题：</b></td>
      <td colspan="3">郑州市人民政府办公厅关于印发郑州市2016年政务公开工作要点的通知</td></tr>
  <tr><td><b>发文字号：</b></td><td>郑政办文〔2016〕41号</td>
      <td><b>发布日期：</b></td><td>2016/06/17 09:30</td></tr>
</table>
<h1>郑州市人民政府办公厅关于印发郑州市2016年政务公开工作要点的通知</h1>
<p>来源：郑州市政务公开办　时间：2016-06-17</p>
<div class="content"><p>各县（市、区）人民政府：根据豫政办〔2016〕12号文件……</p>
<p>郑州市人民政府 2016年6月8日</p></div>
"""


def test_table_with_label_cells_gives_every_field():
    facts = extract_page(page(GOV_TABLE), URL)
    assert facts.kind == "disclosure"
    assert (
        facts.title == "郑州市人民政府办公厅关于印发郑州市2016年政务公开工作要点的通知"
    )
    assert facts.index_no == "000014349/2016-00096"
    assert facts.publisher == "郑州市人民政府办公厅"
    assert facts.doc_no == "郑政办文〔2016〕41号"
    assert facts.written == date(2016, 6, 8)
    assert (facts.published, facts.published_source) == (date(2016, 6, 17), "table")


INDEX_BOX = """
<div class="index_box"><ul>
  <li>索&ensp;引&ensp;号：<font>PZ00101-2500-2024-00886</font></li>
  <li>发文机关：<font>平潭综合实验区管委会</font></li>
  <li>成文日期：2024-10-15</li>
  <li>标&ensp;&ensp;题：<font>关于废止部分规范性文件的决定</font></li>
  <li>发文字号：<font>无</font></li>
  <li>发布日期：2024-10-16</li>
</ul></div>
<span class="source">来源：平潭综合实验区经济发展局</span>
"""


def test_list_items_with_font_values_and_plain_text_dates_are_a_table():
    head = (
        '<meta name="ContentSource" content="经济发展局">'
        '<meta name="Author" content="某某">'
        "<title>行政规范性文件_平潭</title>"
    )
    facts = extract_page(page(INDEX_BOX, head), URL)
    assert facts.index_no == "PZ00101-2500-2024-00886"
    assert facts.publisher == "平潭综合实验区管委会"
    assert facts.title == "关于废止部分规范性文件的决定"
    assert facts.written == date(2024, 10, 15)
    assert facts.published == date(2024, 10, 16)


def test_document_number_shown_as_none_is_no_document_number():
    assert extract_page(page(INDEX_BOX), URL).doc_no is None


def test_document_number_and_issuer_are_never_taken_from_the_body():
    body = """
    <h1>关于开展安全检查的通知</h1><div class="info">发布时间：2016-06-17 来源：市安监局</div>
    <div class="content"><p>郑安监〔2016〕8号</p><p>文号：郑安监〔2016〕8号</p>
    <p>各单位：……</p><p>郑州市安全生产监督管理局</p><p>2016年6月15日</p></div>
    """
    facts = extract_page(page(body), URL)
    assert (facts.doc_no, facts.publisher, facts.index_no) == (None, None, None)
    assert facts.written is None


def test_meta_tags_give_title_and_publication_date_not_the_html_title():
    head = (
        '<meta name="ArticleTitle" content="关于林华同志免职的通知">'
        '<meta name="PubDate" content="2024-09-19 16:24">'
        "<title>人事任免_平潭综合实验区</title>"
    )
    facts = extract_page(page("<p>免去林华同志职务。</p>", head), URL)
    assert facts.title == "关于林华同志免职的通知"
    assert (facts.published, facts.published_source) == (date(2024, 9, 19), "meta")


def test_heading_gives_the_title_when_no_table_or_meta_names_it():
    body = """
    <div class="nav"><a href="/">首页</a><a href="/tzgg/">通知公告</a></div>
    <div class="article"><h1 class="title">关于调整2016年公交线路的公告</h1>
    <div class="info">发布日期：2016年6月17日　来源：市交通局　浏览次数：12</div>
    <div class="content"><p>正文内容……</p></div></div>
    """
    facts = extract_page(page(body, "<title>通知公告 - 郑州市交通运输局</title>"), URL)
    assert facts.title == "关于调整2016年公交线路的公告"
    assert (facts.published, facts.published_source) == (date(2016, 6, 17), "text")
    assert facts.publisher is None


def test_unlabelled_date_under_the_heading_is_the_publication_date():
    body = """
    <h1>市政府召开常务会议</h1><div class="time">2016-06-17 10:20</div>
    <div class="content"><p>会议研究了有关事项……</p></div>
    """
    facts = extract_page(page(body), URL)
    assert (facts.published, facts.published_source) == (date(2016, 6, 17), "text")


def test_only_a_written_date_is_used_as_the_publication_date_and_says_so():
    body = """
    <table><tr><th>索引号</th><td>11410100/2016-00012</td>
    <th>成文日期</th><td>2016.06.08</td></tr>
    <tr><th>标题</th><td>关于印发预算管理办法的通知</td></tr></table>
    """
    facts = extract_page(page(body), URL)
    assert (facts.published, facts.published_source) == (date(2016, 6, 8), "written")
    assert facts.written == date(2016, 6, 8)


def test_url_date_stamp_is_not_a_publication_date():
    facts = extract_page(page("<h1>关于召开会议的通知</h1><p>请各单位参加。</p>"), URL)
    assert facts.published is None
    assert facts.published_source is None


def test_body_explaining_the_catalogue_words_gives_no_fields():
    body = """
    <h1>政府信息公开指南</h1><div class="info">发布时间：2016-03-01</div>
    <div class="content"><p>信息编排体系包含索引号、信息名称、发布机构、成文日期、文号等内容。</p>
    <p>1.索引号：政府公开信息的唯一识别代码。</p>
    <p>3.发布机构：政府信息发布主体。</p>
    <p>5.文号：政府信息的发文字号，由发文机关代字、年份和顺序号组成。</p></div>
    """
    facts = extract_page(page(body), URL)
    assert (facts.index_no, facts.publisher, facts.doc_no) == (None, None, None)
    assert facts.title == "政府信息公开指南"


def test_definition_list_and_span_pairs_are_tables_too():
    body = """
    <dl class="meta"><dt>索引号</dt><dd>ZZJY-2016-0031</dd>
    <dt>发布机构</dt><dd>郑州市教育局</dd><dt>发布日期</dt><dd>2016-06-20</dd></dl>
    <div class="t"><span class="k">文号：</span><span class="v">郑教〔2016〕77号</span>
    <span class="k">名称：</span><span class="v">关于做好招生工作的通知</span></div>
    """
    facts = extract_page(page(body), URL)
    assert facts.index_no == "ZZJY-2016-0031"
    assert facts.publisher == "郑州市教育局"
    assert facts.published == date(2016, 6, 20)
    assert facts.doc_no == "郑教〔2016〕77号"
    assert facts.title == "关于做好招生工作的通知"


def test_list_header_labels_are_not_values():
    body = """
    <table class="list"><tr><th>序号</th><th>标题</th><th>发文字号</th><th>发布日期</th></tr>
    <tr><td>1</td><td><a href="./a.html">关于甲的通知</a></td><td>郑政〔2016〕1号</td>
    <td>2016-06-01</td></tr>
    <tr><td>2</td><td><a href="./b.html">关于乙的通知</a></td><td>郑政〔2016〕2号</td>
    <td>2016-06-02</td></tr></table>
    """
    facts = extract_page(page(body), "http://127.0.0.1/zwgk/wj/")
    assert facts.kind == "list"
    assert (facts.title, facts.doc_no, facts.published) == (None, None, None)
    assert [item.title for item in facts.items] == ["关于甲的通知", "关于乙的通知"]


def test_meta_names_are_lower_cased():
    head = '<meta name="SiteIDCode" content="4101000001"><meta name="ColumnName" content="通知">'
    facts = extract_page(page("<p>x</p>", head), URL)
    assert facts.meta["siteidcode"] == "4101000001"
    assert facts.meta["columnname"] == "通知"


def test_column_heading_is_not_taken_for_the_title():
    body = """
    <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a>
    &gt; 关于做好防汛工作的通知</div>
    <div class="lm_title">通知公告</div>
    <h1>关于做好防汛工作的通知</h1><div class="info">发布时间：2016-06-17</div>
    """
    head = "<title>通知公告_郑州市人民政府</title>"
    facts = extract_page(page(body, head), URL)
    assert facts.title == "关于做好防汛工作的通知"


def test_labelled_lines_under_the_heading_are_metadata_but_not_the_body():
    body = """
    <div class="article"><h2>河湾区人民政府关于加快发展养老服务业的实施意见</h2>
    <div class="info">发布时间：2016年9月30日　来源：中原市河湾区人民政府</div>
    <div class="info">发文字号：河政〔2016〕15号</div>
    <div class="text"><p>各有关单位：现将有关事项通知如下，请认真贯彻执行。</p>
    <p>发布机构：本段是正文里的一句话，而不是页面的字段。</p>
    <p>本文件自印发之日起施行。</p></div></div>
    """
    facts = extract_page(page(body), URL)
    assert facts.doc_no == "河政〔2016〕15号"
    assert facts.publisher is None
    assert (facts.published, facts.published_source) == (date(2016, 9, 30), "text")


def test_values_written_after_their_label_elements_are_read():
    body = """
    <div class="info"><span>索引号：</span>11410100/2016-00012
      <span>发文字号：</span>郑政〔2016〕1号 <span>成文日期：</span>2016-01-05
      <span>发布日期：</span>2016-01-08</div>
    <ul class="meta"><li><b>发布机构：</b>郑州市人民政府办公厅</li></ul>
    <h1>郑州市人民政府关于某某工作的通知</h1><p>正文</p>
    <p style="text-align:right">2016年1月5日</p>
    """
    facts = extract_page(page(body), URL)
    assert facts.index_no == "11410100/2016-00012"
    assert facts.doc_no == "郑政〔2016〕1号"
    assert facts.written == date(2016, 1, 5)
    assert facts.published == date(2016, 1, 8)
    assert facts.published_source == "table"
    assert facts.publisher == "郑州市人民政府办公厅"
