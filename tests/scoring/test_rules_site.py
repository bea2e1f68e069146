"""Site rules: availability, homepage freshness, broken links, footer marks."""

from datetime import date, timedelta

AS_OF = date(2016, 12, 20)  # the as_of the store fixture judges by default
FOOTER = (
    "主办单位：郑州市教育局 网站标识码：4101000012 豫ICP备05000000号-1 "
    "豫公网安备 41010202000123号 党政机关"
)


def test_three_good_probes_pass_availability(store):
    unit = store.unit("u1")
    for second in (0, 15, 30):
        unit.probe(second=second)
    finding = store.judge("u1", "site.available")
    assert finding["status"] == "pass"
    assert len(finding["evidence"]) == 3
    assert (finding["points"], finding["max_points"]) == (0, 0)


def test_one_failed_probe_of_three_fails_availability(store):
    unit = store.unit("u1")
    unit.probe(second=0)
    unit.probe(status=None, elapsed=None, error="timeout", second=15)
    unit.probe(second=30)
    finding = store.judge("u1", "site.available")
    assert finding["status"] == "fail"
    assert "2/3 次首页探测" in finding["detail"]


def test_probe_slower_than_fifteen_seconds_does_not_count_as_answered(store):
    unit = store.unit("u1")
    unit.probe(elapsed=16.0, second=0)
    unit.probe(second=15)
    unit.probe(second=30)
    assert store.judge("u1", "site.available")["status"] == "fail"


def test_unreachable_portal_fails_availability_never_unknown(store):
    store.unit("u1", portal_status="error", homepage_status=None)
    finding = store.judge("u1", "site.available")
    assert finding["status"] == "fail"
    assert "connection refused" in finding["detail"]


def test_without_probes_the_crawls_homepage_fetch_decides(store):
    store.unit("u1")
    finding = store.judge("u1", "site.available")
    assert finding["status"] == "pass"
    assert "未记录首页探测" in finding["detail"]


def test_homepage_linking_a_recent_disclosure_is_fresh(store):
    unit = store.unit("u1")
    news = unit.column("工作动态", on_homepage=False)
    item = unit.disclosure(news, "动态", published=AS_OF - timedelta(days=14))
    unit.link(None, item.url, item.title)
    finding = store.judge("u1", "site.homepage_fresh")
    assert finding["status"] == "pass"
    assert finding["evidence"][0]["dates"]["limit"] == "2016-12-06"


def test_homepage_whose_newest_link_is_fifteen_days_old_fails(store):
    unit = store.unit("u1")
    unit.screenshot(unit.base, "shots/home.png")
    news = unit.column("工作动态", on_homepage=False)
    item = unit.disclosure(news, "动态", published=AS_OF - timedelta(days=15))
    unit.link(None, item.url, item.title)
    finding = store.judge("u1", "site.homepage_fresh")
    assert finding["status"] == "fail"
    assert finding["veto"] is True
    assert "shots/home.png" in [entry["screenshot"] for entry in finding["evidence"]]


def test_list_framed_into_the_homepage_counts_as_linked(store):
    unit = store.unit("u1")
    framed = unit.column("要闻", discovered_from="iframe", link=False)
    unit.disclosure(framed, "要闻", published=AS_OF - timedelta(days=3))
    assert store.judge("u1", "site.homepage_fresh")["status"] == "pass"


def test_homepage_freshness_is_unknown_when_the_homepage_failed(store):
    store.unit("u1", homepage_status=503)
    assert store.judge("u1", "site.homepage_fresh")["status"] == "unknown"


def test_broken_links_cost_one_point_on_the_homepage_and_a_tenth_elsewhere(store):
    unit = store.unit("u1")
    inner = unit.page(unit.url("about.html"), text="关于")
    unit.link(None, unit.url("gone.html"), "已删除", status=404)
    unit.link(inner, unit.url("old.html"), "旧页", status=500)
    unit.link(
        inner,
        "http://127.0.3.1/x.html",
        "外链",
        status=None,
        error="connection refused",
    )
    unit.link(inner, unit.url("ok.html"), "好链接", status=200)
    finding = store.judge("u1", "site.broken_links")
    assert finding["status"] == "partial"
    assert round(finding["points"], 4) == 18.8
    assert finding["max_points"] == 20
    homepage_entries = [item for item in finding["evidence"] if item["on_homepage"]]
    assert [item["url"] for item in homepage_entries] == [unit.url("gone.html")]


def test_each_broken_target_is_counted_once(store):
    unit = store.unit("u1")
    inner = unit.page(unit.url("about.html"))
    unit.link(None, unit.url("gone.html"), "甲", status=404)
    unit.link(inner, unit.url("gone.html"), "乙", status=404)
    finding = store.judge("u1", "site.broken_links")
    assert finding["points"] == 19
    assert len(finding["evidence"]) == 1


def test_broken_links_fail_at_the_cap(store):
    unit = store.unit("u1")
    for number in range(21):
        unit.link(None, unit.url(f"gone{number}.html"), "坏链", status=404)
    finding = store.judge("u1", "site.broken_links")
    assert finding["status"] == "fail"
    assert finding["points"] == 0


def test_mail_and_script_links_are_not_checked_targets(store):
    unit = store.unit("u1")
    unit.link(None, "mailto:office@example.gov.cn", "信箱", status=None)
    unit.link(None, "javascript:void(0)", "打印", status=None)
    assert store.judge("u1", "site.broken_links")["status"] == "pass"


def test_links_never_checked_leave_broken_links_unknown(store):
    unit = store.unit("u1")
    unit.link(None, unit.url("a.html"), "甲", status=None)
    assert store.judge("u1", "site.broken_links")["status"] == "unknown"


def test_footer_with_every_identity_mark_passes(store):
    store.unit("u1", footer=FOOTER)
    finding = store.judge("u1", "site.identity")
    assert finding["status"] == "pass"
    assert (finding["points"], finding["max_points"]) == (5, 5)


def test_footer_missing_two_marks_is_partial_and_costs_two_points(store):
    store.unit("u1", footer="主办单位：郑州市教育局 网站标识码：4101000012 党政机关")
    finding = store.judge("u1", "site.identity")
    assert finding["status"] == "partial"
    assert finding["points"] == 3
    assert "ICP备案编号" in finding["detail"]
    assert "公安机关备案号" in finding["detail"]


def test_footer_without_any_mark_fails(store):
    store.unit("u1", footer="版权所有 联系我们")
    finding = store.judge("u1", "site.identity")
    assert finding["status"] == "fail"
    assert finding["points"] == 0


def test_site_code_in_meta_and_conac_image_link_count_as_marks(store):
    unit = store.unit(
        "u1",
        footer="主办单位：郑州市教育局 豫ICP备05000000号 豫公网安备41010202000123号",
        meta={"siteidcode": "4101000012"},
    )
    unit.link(None, "http://127.0.2.2/conac/sitename?id=1", "", kind="a")
    assert store.judge("u1", "site.identity")["status"] == "pass"


def test_icp_words_without_a_number_are_not_a_filing_number(store):
    store.unit(
        "u1",
        footer="主办单位：某局 网站标识码：4101000012 ICP备案号：待办 党政机关 公网安备号",
    )
    finding = store.judge("u1", "site.identity")
    assert "ICP备案编号" in finding["detail"].split("缺少")[1]
