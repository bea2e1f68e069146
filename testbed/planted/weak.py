"""Units planted to fail most indicators (u06, u09) and the broken portal (u11)."""

from __future__ import annotations

from datetime import date as D

from testbed.filler import news_docs, notice_docs, policy_docs
from testbed.model import FOOTER_MARKS, Unit
from testbed.planted.common import (
    annual_report_doc,
    budget_doc,
    catalogue_column,
    economy_doc,
    final_accounts_doc,
    finance_columns,
    finish_unit,
    functions_column,
    leader_column,
    ledger_doc,
    nav_column,
    new_unit,
    plan_doc,
    planning_column,
    simple_column,
    staff_column,
)

ALL_TAGS = ["enforcement", "fees", "audit", "economy", "food_drug", "environment"]

DEAD_FRIENDS = (
    "中原市总工会",
    "共青团中原市委",
    "中原市妇联",
    "中原市科协",
    "中原市侨联",
    "中原市文联",
    "中原市残联",
    "中原市红十字会",
    "中原市工商联",
    "中原市消费者协会",
    "中原市个体劳动者协会",
    "中原市私营企业协会",
    "中原市广告协会",
    "中原市商标协会",
    "中原市质量协会",
    "中原市企业联合会",
    "中原日报",
    "中原晚报",
    "中原电视台",
    "中原人民广播电台",
    "中原市图书馆",
    "中原市博物馆",
    "中原市档案馆",
    "中原市地方史志办",
)


def build_u06() -> Unit:
    """中原市统计局: single-page style, stale and empty columns, no 党政机关 mark."""
    marks = tuple(mark for mark in FOOTER_MARKS if mark != "conac")
    u = new_unit(
        6,
        "中原市统计局",
        "市统计局",
        "市政府部门",
        "spa",
        ["economy"],
        footer_marks=marks,
        catalogue_name=None,
    )
    news = news_docs("gzdt", u.short, D(2016, 12, 5), 30, 10, u.id)
    news[5].links = [("2016年统计数据发布日程", "dead:/tjsj/2016.html")]
    u.columns = [
        nav_column("gzdt", "工作动态", news, home=True),
        nav_column(
            "tjyw",
            "统计要闻",
            news_docs("tjyw", "全市统计系统", D(2016, 11, 10), 20, 12, u.id),
            home=True,
        ),
        nav_column(
            "jcdt",
            "基层动态",
            news_docs("jcdt", "各县区统计局", D(2016, 10, 20), 15, 15, u.id),
        ),
        nav_column(
            "tzgg",
            "通知公告",
            notice_docs("tzgg", u.short, D(2016, 3, 1), 10, 20, u.id),
        ),
        leader_column(
            u, ["局长：孙国华，主持全面工作。", "政务公开工作由分管副局长负责。"]
        ),
        functions_column(u),
        catalogue_column(
            "zcwj",
            "政策文件",
            policy_docs("zcwj", u.name, "中原统", D(2015, 11, 20), 6, 40, u.id, 100),
        ),
        *finance_columns(u, [budget_doc(u, "ys2016", D(2016, 4, 15), "none")], []),
        catalogue_column(
            "jjyx",
            "经济运行",
            [
                economy_doc(u, "jj1", "q1", D(2016, 4, 25), "全市"),
                economy_doc(u, "jj2", "h1", D(2016, 7, 31), "全市"),
                economy_doc(u, "jj3", "q3", D(2016, 9, 28), "全市"),
            ],
        ),
        planning_column(u, empty=True),
        staff_column(u, empty=True),
        simple_column(u, "jyta", "建议提案办理", [], D(2016, 1, 1)),
        simple_column(u, "yjgl", "应急管理", [], D(2016, 1, 1)),
    ]
    u.friend_links = [("中原市发展和改革委员会", "portal:u01")]
    return finish_unit(u)


def build_u09() -> Unit:
    """中原市工商行政管理局: TRS, GBK declared only in the header, no footer marks."""
    u = new_unit(
        9,
        "中原市工商行政管理局",
        "市工商局",
        "市政府部门",
        "trs",
        ["enforcement", "food_drug", "fees"],
        footer_marks=(),
        charset_declared="header",
        catalogue_name=None,
    )
    u.columns = [
        nav_column(
            "gzdt",
            "工作动态",
            news_docs("gzdt", u.short, D(2016, 10, 12), 30, 9, u.id),
            home=True,
        ),
        nav_column(
            "gsyw",
            "工商要闻",
            news_docs("gsyw", "全市工商系统", D(2016, 9, 30), 20, 10, u.id),
            home=True,
        ),
        nav_column(
            "jcdt",
            "基层动态",
            news_docs("jcdt", "各工商所", D(2016, 8, 1), 15, 12, u.id),
        ),
        nav_column(
            "mtxw",
            "媒体新闻",
            news_docs("mtxw", "媒体关注", D(2016, 5, 1), 10, 15, u.id),
        ),
        nav_column(
            "tzgg",
            "通知公告",
            notice_docs("tzgg", u.short, D(2016, 4, 15), 15, 15, u.id),
            home=True,
        ),
        nav_column(
            "zwgkgz",
            "政务公开工作",
            [
                plan_doc(u, "plan", D(2016, 7, 20)),
                ledger_doc(u, "ledger", D(2016, 7, 10)),
            ],
        ),
        leader_column(
            u,
            [
                "局长：高建军，主持全面工作。",
                "副局长郑海涛，负责市场监管和办公室工作。",
            ],
        ),
        functions_column(u),
        catalogue_column(
            "zcwj",
            "政策文件",
            policy_docs("zcwj", u.name, "中原工商", D(2016, 2, 1), 8, 30, u.id, 100),
        ),
        *finance_columns(
            u, [], [final_accounts_doc(u, "js2014", D(2015, 7, 20), True, year=2014)]
        ),
        catalogue_column(
            "ndbg",
            "政府信息公开年度报告",
            [
                annual_report_doc(u, "nb2014", 2014, D(2015, 3, 26)),
            ],
        ),
        planning_column(u, empty=True),
        staff_column(u, empty=True),
        simple_column(u, "yjgl", "应急管理", [], D(2016, 1, 1)),
    ]
    u.friend_links = [
        (name, f"dead:/site{index:02d}/") for index, name in enumerate(DEAD_FRIENDS)
    ]
    return finish_unit(u)


def build_u11() -> Unit:
    """中原市住房和城乡建设局: a broken portal answering 502 to every request."""
    u = new_unit(
        11,
        "中原市住房和城乡建设局",
        "市住建局",
        "市政府部门",
        "spa",
        list(ALL_TAGS),
        broken_status=502,
    )
    u.columns = [
        nav_column(
            "gzdt",
            "工作动态",
            news_docs("gzdt", u.short, D(2016, 12, 16), 10, 7, u.id),
            home=True,
        ),
    ]
    return finish_unit(u)
