"""Pages are decoded from what the header and the page declare, GBK as GB18030."""

import codecs

from crawler.decode import decode_body, normalise_encoding
from crawler.extract import extract_page

GBK_PAGE = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    "<title>通知公告_郑州市教育局</title></head>"
    "<body><h1>关于做好2016年招生工作的通知</h1><p>发布时间：2016-06-17</p>"
    "<p>详见附件。</p></body></html>"
)


def test_gbk_page_declared_in_meta_is_decoded_as_gb18030():
    text, encoding = decode_body(GBK_PAGE.encode("gbk"))
    assert encoding == "gb18030"
    assert "关于做好2016年招生工作的通知" in text


def test_gbk_page_declared_only_in_the_http_header_is_decoded():
    body = GBK_PAGE.replace("; charset=gb2312", "").encode("gbk")
    text, encoding = decode_body(body, content_type="text/html; charset=GBK")
    assert (encoding, "招生" in text) == ("gb18030", True)


def test_undeclared_gbk_page_falls_back_to_gb18030():
    body = GBK_PAGE.replace("; charset=gb2312", "").encode("gbk")
    text, encoding = decode_body(body)
    assert (encoding, "郑州市教育局" in text) == ("gb18030", True)


def test_utf8_bytes_win_over_a_wrong_gbk_declaration():
    text, encoding = decode_body(GBK_PAGE.encode("utf-8"), content_type="charset=gbk")
    assert (encoding, "招生" in text) == ("utf-8", True)


def test_server_default_latin1_header_is_ignored():
    body = GBK_PAGE.encode("gbk")
    text, encoding = decode_body(body, content_type="text/html; charset=ISO-8859-1")
    assert (encoding, "招生" in text) == ("gb18030", True)


def test_byte_order_mark_decides():
    text, encoding = decode_body(codecs.BOM_UTF8 + "<p>政务公开</p>".encode())
    assert (encoding, text) == ("utf-8", "<p>政务公开</p>")


def test_gb2312_and_gbk_labels_name_gb18030():
    assert {normalise_encoding(name) for name in ("GB2312", "gbk", "x-gbk")} == {
        "gb18030"
    }


def test_extracting_gbk_bytes_gives_chinese_metadata():
    facts = extract_page(GBK_PAGE.encode("gbk"), "http://127.0.0.1/tzgg/1.html")
    assert facts.encoding == "gb18030"
    assert facts.title == "关于做好2016年招生工作的通知"
    assert facts.published.isoformat() == "2016-06-17"
