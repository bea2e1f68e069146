"""Named documents by deadlines, and releases due every period or month."""

from datetime import date

BUDGET = {"budget_approved_on": "2016-03-18"}  # 20 working days later: 2016-04-18


def _plan_unit(
    store,
    key="u1",
    plan_date=date(2016, 3, 10),
    ledger_date=date(2016, 3, 12),
    plan_page=1,
    ledger=True,
):
    unit = store.unit(key)
    column = unit.column("政务公开")
    unit.disclosure(
        column, "2016年政务公开工作实施方案", published=plan_date, list_page=plan_page
    )
    if ledger:
        unit.disclosure(column, "2016年政务公开工作台账", published=ledger_date)
    return unit


def test_plan_and_ledger_on_page_one_of_a_homepage_column_pass(store):
    _plan_unit(store)
    finding = store.judge("u1", "zz2016.plan")
    assert finding["status"] == "pass"
    assert [item["verdict"] for item in finding["evidence"]] == ["pass", "pass"]


def test_plan_without_ledger_is_partial(store):
    _plan_unit(store, ledger=False)
    finding = store.judge("u1", "zz2016.plan")
    assert finding["status"] == "partial"
    assert "工作台账：未找到" in finding["detail"]
    assert finding["points"] == 3


def test_plan_only_on_a_later_list_page_is_not_prominent(store):
    _plan_unit(store, plan_page=2)
    finding = store.judge("u1", "zz2016.plan")
    assert finding["status"] == "partial"
    assert "未在显著位置发布" in finding["detail"]


def test_plan_linked_from_the_homepage_is_prominent_whatever_its_column(store):
    unit = store.unit("u1")
    hidden = unit.column("文件资料", on_homepage=False)
    plan = unit.disclosure(hidden, "2016年政务公开工作要点", published=date(2016, 3, 1))
    ledger = unit.disclosure(hidden, "政务公开工作台账", published=date(2016, 3, 1))
    unit.link(None, plan.url, plan.title)
    unit.link(None, ledger.url, ledger.title)
    assert store.judge("u1", "zz2016.plan")["status"] == "pass"


def test_plan_published_after_the_deadline_is_partial(store):
    _plan_unit(store, plan_date=date(2016, 7, 16))
    finding = store.judge("u1", "zz2016.plan")
    assert finding["status"] == "partial"
    assert "逾期发布（应不晚于 2016-07-15）" in finding["detail"]


def test_neither_plan_nor_ledger_fails(store):
    unit = store.unit("u1")
    unit.column("工作动态")
    assert store.judge("u1", "zz2016.plan")["status"] == "fail"


def test_undated_plan_is_not_on_time(store):
    _plan_unit(store, plan_date=None)
    finding = store.judge("u1", "zz2016.plan")
    assert finding["status"] == "partial"
    assert "无日期，但无法证明按时发布" in finding["detail"]


def test_budget_on_time_with_sangong_in_an_attachment_name_passes(store):
    unit = store.unit("u1")
    column = unit.column("财政预决算")
    unit.disclosure(
        column,
        "市教育局2016年部门预算公开",
        published=date(2016, 4, 18),
        attachments=[
            {"name": "2016年“三公”经费预算表.xls", "url": unit.url("f/1.xls")}
        ],
    )
    finding = store.judge("u1", "zz2016.budget", parameters=BUDGET)
    assert finding["status"] == "pass"
    assert finding["evidence"][0]["dates"]["due"] == "2016-04-18"


def test_budget_one_working_day_late_is_partial(store):
    unit = store.unit("u1")
    column = unit.column("财政预决算")
    unit.disclosure(
        column,
        "2016年部门预算",
        published=date(2016, 4, 19),
        page_text="2016年部门预算 三公经费 预算安排",
    )
    finding = store.judge("u1", "zz2016.budget", parameters=BUDGET)
    assert finding["status"] == "partial"
    assert "逾期发布（应不晚于 2016-04-18）" in finding["detail"]


def test_budget_without_sangong_is_partial(store):
    unit = store.unit("u1")
    column = unit.column("财政预决算")
    unit.disclosure(
        column,
        "2016年部门预算",
        published=date(2016, 4, 1),
        page_text="2016年部门预算 收支总表",
    )
    finding = store.judge("u1", "zz2016.budget", parameters=BUDGET)
    assert finding["status"] == "partial"
    assert "内容未涵盖三公经费" in finding["detail"]


def test_budget_sangong_in_attachment_text_counts(store):
    unit = store.unit("u1")
    column = unit.column("财政预决算")
    attachment = unit.url("f/budget.pdf")
    unit.page(attachment, role="attachment", text="一般公共预算“三公”经费支出表")
    unit.disclosure(
        column,
        "2016年预算公开",
        published=date(2016, 4, 1),
        attachments=[{"name": "附件1.pdf", "url": attachment}],
    )
    assert store.judge("u1", "zz2016.budget", parameters=BUDGET)["status"] == "pass"


def test_budget_dated_only_by_written_date_says_so(store):
    unit = store.unit("u1")
    column = unit.column("财政预决算")
    unit.disclosure(
        column, "二〇一六年部门预算", written=date(2016, 4, 1), page_text="三公经费"
    )
    finding = store.judge("u1", "zz2016.budget", parameters=BUDGET)
    assert finding["status"] == "pass"
    assert "成文日期" in finding["detail"]
    assert finding["evidence"][0]["dates"]["date_source"] == "written"


def test_absent_budget_fails(store):
    store.unit("u1").column("财政预决算")
    assert store.judge("u1", "zz2016.budget", parameters=BUDGET)["status"] == "fail"


def test_budget_found_without_approval_date_parameter_is_unknown(store):
    unit = store.unit("u1")
    column = unit.column("财政预决算")
    unit.disclosure(
        column, "2016年部门预算", published=date(2016, 4, 1), page_text="三公经费"
    )
    finding = store.judge("u1", "zz2016.budget", parameters={})
    assert finding["status"] == "unknown"
    assert "budget_approved_on" in finding["detail"]


def test_budget_before_its_derived_due_date_is_not_applicable(store):
    store.unit("u1")
    finding = store.judge(
        "u1", "zz2016.budget", as_of=date(2016, 4, 15), parameters=BUDGET
    )
    assert finding["status"] == "not_applicable"
    assert finding["detail"] == "not due until 2016-04-18"


def test_budget_page_not_fetched_leaves_coverage_unknown(store):
    unit = store.unit("u1")
    column = unit.column("财政预决算")
    unit.disclosure(column, "2016年部门预算", published=date(2016, 4, 1), fetched=False)
    assert store.judge("u1", "zz2016.budget", parameters=BUDGET)["status"] == "unknown"


def test_final_accounts_with_sangong_pass_and_without_are_partial(store):
    full = store.unit("u1")
    column = full.column("财政预决算")
    full.disclosure(
        column,
        "2015年度部门决算公开",
        published=date(2016, 8, 1),
        page_text="“三公”经费决算",
    )
    bare = store.unit("u2")
    column = bare.column("财政预决算")
    bare.disclosure(
        column, "2015年部门决算", published=date(2016, 8, 1), page_text="决算表"
    )
    assert store.judge("u1", "zz2016.final_accounts")["status"] == "pass"
    assert store.judge("u2", "zz2016.final_accounts")["status"] == "partial"


def test_annual_report_late_is_partial_and_before_deadline_not_due(store):
    unit = store.unit("u1")
    column = unit.column("政府信息公开年报")
    unit.disclosure(
        column, "2015年政府信息公开工作年度报告", published=date(2016, 4, 1)
    )
    assert store.judge("u1", "zz2016.annual_report")["status"] == "partial"
    early = store.judge("u1", "zz2016.annual_report", as_of=date(2016, 3, 30))
    assert early["status"] == "not_applicable"
    assert early["detail"] == "not due until 2016-03-31"


def test_fee_catalogue_must_be_dated_2016(store):
    current = store.unit("u1", tags=["fees"])
    column = current.column("收费信息")
    current.disclosure(column, "行政事业性收费目录清单", published=date(2016, 5, 1))
    old = store.unit("u2", tags=["fees"])
    column = old.column("收费信息")
    old.disclosure(column, "行政事业性收费目录清单", published=date(2015, 5, 1))
    undated = store.unit("u3", tags=["fees"])
    column = undated.column("收费信息")
    undated.disclosure(column, "行政事业性收费目录清单")
    assert store.judge("u1", "zz2016.fees")["status"] == "pass"
    assert store.judge("u2", "zz2016.fees")["status"] == "fail"
    assert store.judge("u3", "zz2016.fees")["status"] == "fail"


def _economy_unit(store, releases):
    unit = store.unit("u1", tags=["economy"])
    column = unit.column("统计信息")
    for title, published in releases:
        unit.disclosure(column, title, published=published)
    return unit


def test_economy_counts_only_releases_due_by_as_of(store):
    _economy_unit(
        store,
        [
            ("2016年一季度全市经济运行情况", date(2016, 4, 20)),
            ("2016年上半年全市经济运行情况", date(2016, 8, 2)),
        ],
    )
    finding = store.judge("u1", "zz2016.economy", as_of=date(2016, 8, 15))
    assert finding["status"] == "partial"
    assert finding["points"] == 3
    assert [item["verdict"] for item in finding["evidence"]] == ["pass", "fail"]
    assert "上半年" in finding["detail"]


def test_economy_with_every_due_release_on_time_passes(store):
    _economy_unit(
        store,
        [
            ("2016年1-3月经济运行简况", date(2016, 4, 28)),
            ("2016年上半年经济运行情况", date(2016, 7, 25)),
            ("2016年前三季度经济运行情况", date(2016, 9, 29)),
        ],
    )
    assert (
        store.judge("u1", "zz2016.economy", as_of=date(2016, 10, 20))["status"]
        == "pass"
    )


def test_last_years_full_year_release_does_not_count_for_2016(store):
    _economy_unit(store, [("2015年全年经济运行情况", date(2016, 1, 25))])
    finding = store.judge("u1", "zz2016.economy", as_of=date(2016, 12, 31))
    assert finding["status"] == "fail"


def test_economy_before_the_first_due_date_is_not_applicable(store):
    _economy_unit(store, [])
    finding = store.judge("u1", "zz2016.economy", as_of=date(2016, 4, 29))
    assert finding["status"] == "not_applicable"
    assert finding["detail"] == "not due until 2016-04-30"


def test_food_penalties_share_of_months_with_a_penalty_disclosure(store):
    unit = store.unit("u1", tags=["food_drug"])
    column = unit.column("行政处罚信息")
    unit.disclosure(column, "1月行政处罚案件", published=date(2016, 1, 28))
    unit.disclosure(column, "3月行政处罚案件", published=date(2016, 3, 30))
    finding = store.judge("u1", "zz2016.food_penalties", as_of=date(2016, 4, 15))
    assert finding["status"] == "partial"
    assert round(finding["points"], 4) == round(5 * 2 / 3, 4)
    assert [item["dates"]["month"] for item in finding["evidence"]] == [
        "2016-01",
        "2016-02",
        "2016-03",
    ]


def test_food_penalties_in_january_are_not_yet_due(store):
    store.unit("u1", tags=["food_drug"])
    finding = store.judge("u1", "zz2016.food_penalties", as_of=date(2016, 1, 20))
    assert finding["status"] == "not_applicable"
    assert finding["detail"] == "not due until 2016-02-01"


def test_food_penalties_without_a_penalty_column_fail(store):
    store.unit("u1", tags=["food_drug"]).column("工作动态")
    finding = store.judge("u1", "zz2016.food_penalties", as_of=date(2016, 3, 15))
    assert finding["status"] == "fail"
    assert finding["points"] == 0


def test_not_yet_due_rules_are_not_applicable_even_on_an_unreachable_portal(store):
    store.unit("u1", tags=["economy"], portal_status="error", homepage_status=None)
    early = date(2016, 3, 15)
    budget = store.judge("u1", "zz2016.budget", as_of=early, parameters=BUDGET)
    economy = store.judge("u1", "zz2016.economy", as_of=early)
    plan = store.judge("u1", "zz2016.plan", as_of=early)
    assert budget["detail"] == "not due until 2016-04-18"
    assert economy["detail"] == "not due until 2016-04-30"
    assert plan["detail"] == "not due until 2016-07-15"
    assert {budget["status"], economy["status"], plan["status"]} == {"not_applicable"}
