"""Lists without an element per entry: titles and dates side by side in one block."""

from datetime import date

from crawler.extract import extract_page

LIST_URL = "http://127.0.0.1/zwgk/zcwj/"


def page(body: str) -> str:
    return (
        "<html><head><meta charset='utf-8'><title>政策文件</title></head>"
        f"<body><h2>政策文件</h2>{body}</body></html>"
    )


def entries(body: str) -> list[tuple[str, str, date | None]]:
    facts = extract_page(page(body), LIST_URL)
    return [(item.title, item.url.rsplit("/", 1)[1], item.date) for item in facts.items]


def test_title_and_date_pairs_of_one_definition_list_are_entries():
    body = """<dl class="list">
      <dt><a href="/zcwj/a1.html">市政府关于加强安全生产工作的意见</a></dt><dd>2016年06月17日</dd>
      <dt><a href="/zcwj/a2.html">市政府办公室关于印发某某办法的通知</a></dt><dd>2016年06月01日</dd>
    </dl>"""
    assert entries(body) == [
        ("市政府关于加强安全生产工作的意见", "a1.html", date(2016, 6, 17)),
        ("市政府办公室关于印发某某办法的通知", "a2.html", date(2016, 6, 1)),
    ]


def test_links_and_dates_between_line_breaks_are_entries():
    body = """<div class="con">
      <a href="/zcwj/1.html">关于2016年国庆节放假的通知</a>&nbsp;<span>[2016-10-08]</span><br>
      <a href="/zcwj/2.html">关于开展政务公开培训的通知</a> 2016-09-20 <br>
      <a href="/zcwj/3.html">关于征求意见的公告</a>&nbsp;<span>[2016-09-01]</span><br>
    </div>"""
    assert [(url, day) for _, url, day in entries(body)] == [
        ("1.html", date(2016, 10, 8)),
        ("2.html", date(2016, 9, 20)),
        ("3.html", date(2016, 9, 1)),
    ]


def test_dates_written_before_their_titles_go_with_the_title_after_them():
    body = """<div class="con">
      <span>2016-12-19</span> <a href="/zcwj/1.html">市长调研重点项目建设情况</a><br>
      <span>2016-12-18</span> <a href="/zcwj/2.html">全市安全生产工作会议召开</a><br>
    </div>"""
    assert [(url, day) for _, url, day in entries(body)] == [
        ("1.html", date(2016, 12, 19)),
        ("2.html", date(2016, 12, 18)),
    ]


def test_dates_inside_a_sentence_between_links_are_not_list_dates():
    body = """<div class="article"><p>根据<a href="/a.html">《某某管理办法》</a>
      （2016年6月1日起施行）和<a href="/b.html">《某某实施细则》</a>（2016年7月1日起施行）
      的规定，现将有关事项通知如下。</p></div>"""
    facts = extract_page(page(body), LIST_URL)
    assert facts.items == []
    assert facts.dated_links == []
