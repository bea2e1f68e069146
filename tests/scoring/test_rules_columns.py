"""Column rules: existence, freshness, and counts of stale and empty columns."""

from datetime import date, timedelta

AS_OF = date(2016, 12, 20)  # the as_of the store fixture judges by default


def test_shuanggongshi_column_passes_column_rule(store):
    unit = store.unit("u1", tags=["enforcement"])
    unit.column("双公示专栏")
    finding = store.judge("u1", "zz2016.sgs.column")
    assert finding["status"] == "pass"
    assert finding["points"] == finding["max_points"] == 6
    assert "双公示专栏" in finding["detail"]


def test_licensing_and_penalty_columns_together_pass_column_rule(store):
    unit = store.unit("u1", tags=["enforcement"])
    unit.column("行政许可公示")
    unit.column("行政处罚公示")
    assert store.judge("u1", "zz2016.sgs.column")["status"] == "pass"


def test_only_licensing_column_is_partial(store):
    unit = store.unit("u1", tags=["enforcement"])
    unit.column("行政许可公示")
    finding = store.judge("u1", "zz2016.sgs.column")
    assert finding["status"] == "partial"
    assert finding["points"] == 3
    assert "行政处罚" in finding["detail"]


def test_missing_column_fails_with_homepage_screenshot_as_evidence(store):
    unit = store.unit("u1", tags=["enforcement"])
    unit.column("工作动态")
    unit.screenshot(unit.base, "shots/u1-home.png")
    finding = store.judge("u1", "zz2016.sgs.column")
    assert finding["status"] == "fail"
    screenshots = [item["screenshot"] for item in finding["evidence"]]
    assert "shots/u1-home.png" in screenshots


def test_column_answering_404_does_not_exist(store):
    unit = store.unit("u1")
    unit.column("政策解读", status=404)
    finding = store.judge("u1", "zz2016.jiedu.column")
    assert finding["status"] == "fail"
    assert "404" in finding["detail"]


def test_column_linked_but_not_fetched_is_unknown(store):
    unit = store.unit("u1")
    unit.column("政策解读", status=None)
    finding = store.judge("u1", "zz2016.jiedu.column")
    assert finding["status"] == "unknown"
    assert "未能抓取" in finding["detail"]


def test_navigation_link_without_column_row_counts_as_column(store):
    unit = store.unit("u1")
    unit.link(None, unit.url("jd/"), "文件解读", status=200, in_navigation=True)
    assert store.judge("u1", "zz2016.jiedu.column")["status"] == "pass"


def test_disclosure_titled_like_a_column_is_not_a_column(store):
    unit = store.unit("u1")
    news = unit.column("工作动态")
    unit.disclosure(news, "关于加强政策解读工作的通知", published=date(2016, 5, 1))
    assert store.judge("u1", "zz2016.jiedu.column")["status"] == "fail"


def test_unit_without_enforcement_tag_is_not_applicable(store):
    store.unit("u1", tags=["fees"])
    finding = store.judge("u1", "zz2016.sgs.column")
    assert finding["status"] == "not_applicable"
    assert "enforcement" in finding["detail"]
    assert finding["points"] == 0


def test_column_rule_before_its_deadline_is_not_due(store):
    store.unit("u1", tags=["enforcement"])
    finding = store.judge("u1", "zz2016.sgs.column", as_of=date(2016, 8, 30))
    assert finding["status"] == "not_applicable"
    assert finding["detail"] == "not due until 2016-08-31"


def test_portal_that_could_not_be_crawled_is_unknown_never_fail(store):
    store.unit("u1", portal_status="error", homepage_status=None)
    finding = store.judge("u1", "zz2016.jiedu.column")
    assert finding["status"] == "unknown"
    assert "connection refused" in finding["detail"]


def test_empty_powers_column_fails_and_one_listed_disclosure_passes(store):
    empty = store.unit("u1")
    empty.column("权责清单", list_pages=1)
    filled = store.unit("u2")
    column = filled.column("权责清单")
    filled.disclosure(column, "市教育局权责清单", published=date(2016, 3, 1))
    assert store.judge("u1", "zz2016.powers")["status"] == "fail"
    assert store.judge("u2", "zz2016.powers")["status"] == "pass"


def test_guide_without_catalogue_is_partial(store):
    unit = store.unit("u1")
    unit.column("政府信息公开指南")
    finding = store.judge("u1", "zz2016.guide")
    assert finding["status"] == "partial"
    assert "政府信息公开目录" in finding["detail"]


def test_guide_published_as_a_disclosure_counts_as_present(store):
    unit = store.unit("u1")
    unit.column("政府信息公开目录")
    other = unit.column("通知公告")
    unit.disclosure(
        other, "市教育局政府信息公开指南（2016年版）", published=date(2016, 2, 1)
    )
    assert store.judge("u1", "zz2016.guide")["status"] == "pass"


def test_audit_column_with_a_2016_disclosure_passes(store):
    unit = store.unit("u1", tags=["audit"])
    column = unit.column("审计结果公告")
    unit.disclosure(column, "2015年度预算执行审计结果公告", published=date(2016, 7, 1))
    finding = store.judge("u1", "zz2016.audit")
    assert finding["status"] == "pass"
    assert finding["evidence"][1]["dates"]["date"] == "2016-07-01"


def test_audit_column_with_only_older_disclosures_fails(store):
    unit = store.unit("u1", tags=["audit"])
    column = unit.column("审计公告")
    unit.disclosure(column, "审计结果公告", published=date(2015, 12, 1))
    finding = store.judge("u1", "zz2016.audit")
    assert finding["status"] == "fail"
    assert "2015-12-01" in finding["detail"]


def test_audit_column_never_fetched_is_unknown(store):
    unit = store.unit("u1", tags=["audit"])
    unit.column("审计结果公告", status=None)
    assert store.judge("u1", "zz2016.audit")["status"] == "unknown"


def test_air_quality_published_two_days_before_as_of_passes_three_days_fails(store):
    fresh = store.unit("u1", tags=["environment"])
    column = fresh.column("空气质量日报")
    fresh.disclosure(column, "空气质量日报", published=AS_OF - timedelta(days=2))
    stale = store.unit("u2", tags=["environment"])
    column = stale.column("空气质量日报")
    stale.disclosure(column, "空气质量日报", published=AS_OF - timedelta(days=3))
    assert store.judge("u1", "zz2016.env_air")["status"] == "pass"
    assert store.judge("u2", "zz2016.env_air")["status"] == "fail"


def test_undated_disclosure_never_makes_a_column_fresh(store):
    unit = store.unit("u1", tags=["environment"])
    column = unit.column("空气质量")
    unit.disclosure(column, "今日空气质量")
    finding = store.judge("u1", "zz2016.env_air")
    assert finding["status"] == "fail"
    assert "没有标明日期的信息" in finding["detail"]


def _news_column(unit, name, newest: date):
    column = unit.column(name)
    unit.disclosure(column, f"{name}信息", published=newest)
    return column


def test_one_stale_news_column_is_partial_and_costs_two_points(store):
    unit = store.unit("u1")
    _news_column(unit, "工作动态", AS_OF - timedelta(days=20))
    _news_column(unit, "要闻", AS_OF - timedelta(days=14))
    finding = store.judge("u1", "site.stale_columns")
    assert finding["status"] == "partial"
    assert (finding["points"], finding["max_points"]) == (8, 10)
    assert "工作动态" in finding["detail"]
    assert finding["evidence"][0]["dates"]["newest"] == "2016-11-30"


def test_five_stale_columns_fail_and_veto(store):
    unit = store.unit("u1")
    for name in ("工作动态", "部门动态", "新闻中心", "要闻", "县区动态"):
        _news_column(unit, name, AS_OF - timedelta(days=30))
    finding = store.judge("u1", "site.stale_columns")
    assert finding["status"] == "fail"
    assert finding["veto"] is True
    assert finding["points"] == 0


def test_notice_column_is_stale_only_after_six_months(store):
    old = store.unit("u1")
    _news_column(old, "通知公告", date(2016, 6, 19))
    recent = store.unit("u2")
    _news_column(recent, "政策文件", date(2016, 6, 20))
    assert store.judge("u1", "site.stale_columns")["status"] == "partial"
    assert store.judge("u2", "site.stale_columns")["status"] == "pass"


def test_column_without_dated_disclosure_is_left_to_the_empty_rule(store):
    unit = store.unit("u1")
    unit.column("工作动态")
    finding = store.judge("u1", "site.stale_columns")
    assert finding["status"] == "pass"


def test_empty_notice_and_empty_list_are_empty_columns(store):
    unit = store.unit("u1")
    unit.column("人事信息", empty_notice=True)
    unit.column("规划计划", list_pages=1)
    filled = unit.column("通知公告")
    unit.disclosure(filled, "通知", published=AS_OF)
    finding = store.judge("u1", "site.empty_columns")
    assert finding["status"] == "partial"
    assert (finding["points"], finding["max_points"]) == (6, 10)
    assert {item["title"] for item in finding["evidence"]} == {"人事信息", "规划计划"}


def test_single_page_and_section_columns_are_not_empty_lists(store):
    unit = store.unit("u1")
    unit.column("机构概况", page_role="disclosure")
    section = unit.column("政务公开", list_pages=1)
    child = unit.column("通知公告", parent=section)
    unit.disclosure(child, "通知", published=AS_OF)
    assert store.judge("u1", "site.empty_columns")["status"] == "pass"


def test_five_empty_columns_fail_and_take_the_cap(store):
    unit = store.unit("u1")
    for number in range(6):
        unit.column(f"栏目{number}", empty_notice=True)
    finding = store.judge("u1", "site.empty_columns")
    assert finding["status"] == "fail"
    assert finding["points"] == 0
    assert finding["max_points"] == 10


def test_empty_column_count_is_unknown_when_no_column_was_fetched(store):
    unit = store.unit("u1")
    unit.column("通知公告", status=None)
    assert store.judge("u1", "site.empty_columns")["status"] == "unknown"


def test_list_of_undated_entries_is_not_an_empty_column(store):
    unit = store.unit("u1")
    column = unit.column("政府信息公开年度报告")
    report = unit.disclosure(
        None, "2015年政府信息公开年度报告", written=date(2016, 3, 28)
    )
    unit.link(column.page, report.url, report.title)
    assert store.judge("u1", "site.empty_columns")["status"] == "pass"


def test_catalogue_heading_line_shows_the_catalogue_is_present(store):
    unit = store.unit("u1")
    unit.column("政府信息公开指南")
    unit.page(
        unit.url("zwgk/"), text="当前位置：首页\n政府信息公开目录\n机构概况\n领导信息"
    )
    assert store.judge("u1", "zz2016.guide")["status"] == "pass"


def test_catalogue_named_inside_a_sentence_is_not_a_heading(store):
    unit = store.unit("u1")
    unit.column("政府信息公开指南")
    unit.page(unit.url("zn.html"), text="本机关编制了政府信息公开目录，供公众查阅。")
    assert store.judge("u1", "zz2016.guide")["status"] == "partial"
