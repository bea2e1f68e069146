"""Attachments, 双公示 fields, contacts and the sources an interpretation names."""

from crawler.extract import extract_page
from crawler.facts import Attachment, Contact

URL = "http://127.0.0.1/zwgk/jd/201606/t20160620_88.html"


def page(body: str, head: str = "") -> str:
    head = head or '<meta name="PubDate" content="2016-06-20 10:00">'
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


def test_attachments_are_named_typed_and_absolute():
    body = """
    <div class="nav"><a href="/help.pdf">帮助</a></div>
    <div class="content"><p>正文。</p>
    <a href="./P020160620.PDF">附件1：2016年部门预算.PDF</a>
    <a href="/files/budget.xlsx" title="三公经费统计表"></a>
    <a href="/download.jsp?file=plan.docx&amp;id=7">工作方案</a>
    <a href="./P020160620.PDF">重复链接</a>
    <a href="./other.html">相关页面</a></div>
    """
    facts = extract_page(page(body), URL)
    assert facts.attachments == [
        Attachment(
            "附件1：2016年部门预算.PDF",
            "http://127.0.0.1/zwgk/jd/201606/P020160620.PDF",
            "pdf",
        ),
        Attachment("三公经费统计表", "http://127.0.0.1/files/budget.xlsx", "xlsx"),
        Attachment(
            "工作方案", "http://127.0.0.1/download.jsp?file=plan.docx&id=7", "docx"
        ),
    ]


def test_a_download_script_is_a_file_when_its_link_names_one():
    body = """
    <div class="content"><p>正文。</p>
    <a href="/download.jsp?id=123">1.2016年部门预算表.xls</a>
    <a href="/attach/0/abc.docx" title="预算编制说明.docx">点击下载</a>
    <a href="/art/2016/5.html">上一篇：2016年预算说明.pdf</a></div>
    """
    facts = extract_page(page(body), URL)
    assert facts.attachments == [
        Attachment(
            "1.2016年部门预算表.xls", "http://127.0.0.1/download.jsp?id=123", "xls"
        ),
        Attachment("预算编制说明.docx", "http://127.0.0.1/attach/0/abc.docx", "docx"),
    ]


def test_licensing_record_fields_come_from_a_label_value_table():
    body = """
    <h1>行政许可决定公示</h1>
    <table class="sgs">
      <tr><td>决定文书号</td><td>郑教许〔2016〕12号</td></tr>
      <tr><td>项目名称</td><td>民办学校办学许可</td></tr>
      <tr><td>行政相对人</td><td>郑州市某某培训学校</td>
          <td>许可内容</td><td>准予设立</td></tr>
      <tr><td>许可决定日期：</td><td>2016-06-08</td></tr>
      <tr><td>许可机关</td><td>郑州市教育局</td></tr>
    </table>
    """
    facts = extract_page(page(body), URL)
    assert facts.fields == {
        "决定文书号": "郑教许〔2016〕12号",
        "项目名称": "民办学校办学许可",
        "行政相对人": "郑州市某某培训学校",
        "许可内容": "准予设立",
        "许可决定日期": "2016-06-08",
        "许可机关": "郑州市教育局",
    }


def test_penalty_record_fields_come_from_labelled_lines():
    body = """
    <h1>行政处罚决定公示</h1><div class="content">
    <p>决定文书号：郑食药监罚〔2016〕33号</p>
    <p>案件名称：某超市销售过期食品案</p>
    <p>行政相对人：某某超市 违法事实：销售超过保质期的食品</p>
    <p>处罚依据：《中华人民共和国食品安全法》第一百二十四条</p>
    <p>处罚结果：罚款人民币五万元</p>
    <p>处罚决定日期：2016年6月12日</p><p>处罚机关：郑州市食品药品监督管理局</p></div>
    """
    fields = extract_page(page(body), URL).fields
    assert fields["决定文书号"] == "郑食药监罚〔2016〕33号"
    assert fields["案件名称"] == "某超市销售过期食品案"
    assert fields["行政相对人"] == "某某超市"
    assert fields["违法事实"] == "销售超过保质期的食品"
    assert fields["处罚依据"] == "《中华人民共和国食品安全法》第一百二十四条"
    assert fields["处罚结果"] == "罚款人民币五万元"
    assert fields["处罚决定日期"] == "2016年6月12日"
    assert fields["处罚机关"] == "郑州市食品药品监督管理局"


def test_a_header_row_with_one_record_row_gives_fields():
    body = """
    <table><tr><th>决定文书号</th><th>行政相对人</th><th>处罚决定日期</th></tr>
    <tr><td>郑环罚〔2016〕5号</td><td>某化工厂</td><td>2016-06-01</td></tr></table>
    """
    fields = extract_page(page(body), URL).fields
    assert fields["决定文书号"] == "郑环罚〔2016〕5号"
    assert fields["行政相对人"] == "某化工厂"
    assert fields["处罚决定日期"] == "2016-06-01"


def test_contacts_are_read_with_their_telephones():
    body = """
    <div class="content"><p>……以上为本次政策解读。</p>
    <p>解读联系人：张三　联系电话：0371-67188888</p>
    <p>联系人：欧阳娜娜，电话：13812345678</p>
    <p>联系人：李四</p><p>咨询电话：0371-12345678</p></div>
    """
    facts = extract_page(page(body), URL)
    assert facts.contacts == [
        Contact("张三", "0371-67188888"),
        Contact("欧阳娜娜", "13812345678"),
        Contact("李四", "0371-12345678"),
    ]


def test_phone_number_without_a_named_person_is_no_contact():
    body = '<div class="content"><p>咨询电话：0371-12345678</p></div>'
    assert extract_page(page(body), URL).contacts == []


def test_interpretation_names_its_source_by_link_number_and_title():
    head = (
        '<meta name="ArticleTitle" content="《郑州市2016年政务公开工作要点》政策解读">'
        '<meta name="PubDate" content="2016-06-20 10:00">'
    )
    body = """
    <div class="nav"><a href="/zwgk/">政务公开通知</a></div>
    <div class="content">
    <p>近日，市政府办公厅印发了《郑州市2016年政务公开工作要点》（郑政办文〔2016〕41号，以下简称《要点》）。</p>
    <p>《要点》共分五个部分，依据《中华人民共和国政府信息公开条例》制定。</p>
    <p>原文：<a href="/zwgk/wj/201606/t20160617_1.html">郑州市人民政府办公厅关于印发郑州市2016年政务公开工作要点的通知</a></p>
    <p><a href="/zwgk/tp/1.html">图片新闻</a></p>
    </div>
    <div class="links"><span>相关链接：</span><a href="http://www.gov.cn/zhengce/1.htm">国务院文件</a></div>
    """
    refs = extract_page(page(body, head), URL).source_refs
    assert refs == {
        "urls": [
            "http://127.0.0.1/zwgk/wj/201606/t20160617_1.html",
            "http://www.gov.cn/zhengce/1.htm",
        ],
        "doc_nos": ["郑政办文〔2016〕41号"],
        "titles": ["郑州市2016年政务公开工作要点", "中华人民共和国政府信息公开条例"],
    }


def test_document_number_split_over_spans_is_read_and_its_own_number_left_out():
    body = """
    <table><tr><td>索引号：</td><td>ZZ-2016-001</td><td>文号：</td><td>郑政〔2016〕9号</td></tr></table>
    <div class="content"><p><span>郑政</span><span>〔20</span><span>16〕</span>9号</p>
    <p>根据<span>豫政</span>〔<span>2016</span>〕<span>3</span>号精神……</p></div>
    """
    refs = extract_page(page(body), URL).source_refs
    assert refs["doc_nos"] == ["豫政〔2016〕3号"]


def test_record_page_dated_by_its_publicity_date_keeps_its_fields():
    body = """
    <h3>行政处罚决定信息公示</h3>
    <table><tr><th>行政处罚决定书文号</th><td>郑食药监罚〔2016〕33号</td></tr>
    <tr><th>处罚决定日期</th><td>2016/06/12</td></tr>
    <tr><th>公示日期</th><td>2016/06/20</td></tr></table>
    """
    facts = extract_page(f"<html><body>{body}</body></html>", URL)
    assert (facts.kind, facts.published.isoformat()) == ("disclosure", "2016-06-20")
    assert facts.fields["行政处罚决定书文号"] == "郑食药监罚〔2016〕33号"
    assert facts.fields["处罚决定日期"] == "2016/06/12"
    assert facts.source_refs["doc_nos"] == ["郑食药监罚〔2016〕33号"]


def test_labelled_values_written_one_after_another_are_split():
    body = (
        '<div class="attr"><span>发布时间：2016-06-20</span><span>来源：市政务公开办'
        "</span><span>浏览次数：35</span></div>"
    )
    fields = extract_page(page(body), URL).fields
    assert (fields["发布时间"], fields["来源"], fields["浏览次数"]) == (
        "2016-06-20",
        "市政务公开办",
        "35",
    )


def test_document_numbers_in_the_title_and_after_lead_words_are_read_cleanly():
    head = (
        '<meta name="ArticleTitle" content="关于中原发改〔2016〕52号文件的解读">'
        '<meta name="PubDate" content="2016-06-20 10:00">'
    )
    body = '<div class="content"><p>现就中原发改〔2016〕52号文件解读如下。</p></div>'
    refs = extract_page(page(body, head), URL).source_refs
    assert refs["doc_nos"] == ["中原发改〔2016〕52号"]
