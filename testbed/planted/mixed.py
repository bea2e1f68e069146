"""City departments planted with a mix of partial and failing findings: u02, u04."""

from __future__ import annotations

from datetime import date as D

from testbed.filler import news_docs, notice_docs, policy_docs
from testbed.model import FOOTER_MARKS, Unit
from testbed.planted.common import (
    air_doc,
    annual_report_doc,
    audit_doc,
    budget_doc,
    catalogue_column,
    column,
    fee_doc,
    final_accounts_doc,
    finance_columns,
    finish_unit,
    functions_column,
    guide_column,
    interpretation_doc,
    leader_column,
    ledger_doc,
    licence_record,
    nav_column,
    new_unit,
    penalty_record,
    plan_doc,
    planning_column,
    powers_column,
    source_doc,
    staff_column,
)


def build_u02() -> Unit:
    """中原市财政局: TRS, GBK declared only in a meta tag."""
    u = new_unit(
        2,
        "中原市财政局",
        "市财政局",
        "市政府部门",
        "trs",
        ["fees", "audit"],
        charset_declared="meta",
    )
    s1 = source_doc(
        "src1",
        "中原市财政局关于加强行政事业单位资产管理的通知",
        D(2016, 6, 8),
        "中原财〔2016〕21号",
    )
    s2 = source_doc(
        "src2",
        "中原市财政局关于做好财政专项资金清理工作的通知",
        D(2016, 9, 30),
        "中原财〔2016〕47号",
    )
    interpretations = [
        interpretation_doc(
            "jd1",
            "关于中原财〔2016〕21号文件的解读",
            D(2016, 6, 15),
            lead="现就中原财〔2016〕21号文件的主要内容解读如下。",
            contact=("孙丽", "0371-67176655"),
            seed=u.id,
        ),
        interpretation_doc(
            "jd2",
            "市财政局财政专项资金清理工作解读",
            D(2016, 10, 10),
            lead="近日，我局部署财政专项资金清理工作，现解读如下。",
            contact=None,
            source_link=(s2.title, "doc:src2"),
            seed=u.id,
        ),
    ]
    news = news_docs("gzdt", u.short, D(2016, 12, 6), 50, 7, u.id)
    news[10].links = [("上年同期工作情况", "path:/xwzx/gzdt/201505/t20150512_88.html")]
    report_2015 = annual_report_doc(
        u,
        "nb2015",
        2015,
        None,
        written=D(2016, 3, 28),
        url_date=D(2016, 4, 1),
        list_date="none",
    )
    report_2014 = annual_report_doc(u, "nb2014", 2014, D(2015, 3, 30), list_date="none")
    policies = policy_docs("zcwj", u.name, "中原财", D(2016, 9, 20), 10, 30, u.id, 100)
    u.columns = [
        nav_column("gzdt", "工作动态", news, home=True),
        nav_column(
            "tzgg",
            "通知公告",
            notice_docs("tzgg", u.short, D(2016, 5, 10), 20, 15, u.id),
            home=True,
        ),
        nav_column("wjjd", "文件解读", interpretations, home=True),
        nav_column(
            "zwgkgz", "政务公开工作", [plan_doc(u, "plan", D(2016, 3, 8), "工作方案")]
        ),
        guide_column(u),
        leader_column(
            u,
            [
                "局长：王建民，主持全面工作。",
                "副局长：刘晓东，负责综合、国库工作。",
                "本局政务公开工作由分管副局长负责，办公室具体承办。",
            ],
        ),
        functions_column(u),
        catalogue_column("zcwj", "政策文件", [*policies, s1, s2]),
        *finance_columns(
            u,
            [budget_doc(u, "ys2016", D(2016, 4, 19), "text")],
            [final_accounts_doc(u, "js2015", D(2016, 8, 10), True)],
        ),
        catalogue_column("ndbg", "政府信息公开年度报告", [report_2015, report_2014]),
        powers_column(u),
        planning_column(u),
        staff_column(u, empty=True),
        catalogue_column(
            "sfxx", "收费信息", [fee_doc(u, "sf2015", 2015, D(2015, 4, 20))]
        ),
        catalogue_column(
            "sjgg",
            "审计公告",
            [
                audit_doc(u, "sj1", D(2015, 11, 5), "市财政局2014年度财务收支情况", 2),
                audit_doc(
                    u, "sj2", D(2015, 6, 10), "市国库支付中心2014年度财务收支情况", 1
                ),
            ],
        ),
    ]
    u.friend_links = [("中原市发展和改革委员会", "portal:u01")]
    return finish_unit(u)


def build_u04() -> Unit:
    """中原市环境保护局: Hanweb, late ledger, no 公网安备 mark, a dead friend link."""
    marks = tuple(mark for mark in FOOTER_MARKS if mark != "gongan")
    u = new_unit(
        4,
        "中原市环境保护局",
        "市环保局",
        "市政府部门",
        "hanweb",
        ["enforcement", "environment"],
        footer_marks=marks,
        catalogue_name=None,
    )
    interpretations = [
        interpretation_doc(
            "jd1",
            "一图读懂“蓝天工程”三年行动",
            D(2016, 7, 12),
            lead="“蓝天工程”三年行动全面启动，现以图解形式介绍主要任务。",
            contact=None,
            seed=u.id,
        ),
        interpretation_doc(
            "jd2",
            "图解：我市大气污染防治攻坚行动",
            D(2016, 10, 18),
            lead="我市大气污染防治攻坚行动取得阶段性成效，现以图解形式介绍。",
            contact=None,
            seed=u.id,
        ),
    ]
    records = [
        licence_record(
            u,
            "xk1",
            D(2016, 9, 27),
            D(2016, 9, 14),
            holder="中原市华源化工有限公司",
            item="排污许可证核发",
            number=51,
        ),
        licence_record(
            u,
            "xk2",
            D(2016, 10, 14),
            D(2016, 9, 29),
            holder="中原市宏达热电有限公司",
            item="建设项目环境影响评价审批",
            number=55,
            omit=("许可机关",),
        ),
        licence_record(
            u,
            "xk3",
            D(2016, 5, 6),
            D(2016, 5, 3),
            holder="中原市绿源水务有限公司",
            item="排污许可证变更",
            number=28,
        ),
        penalty_record(
            u,
            "cf1",
            D(2016, 8, 5),
            D(2016, 8, 1),
            holder="中原市鑫达铸造厂",
            case="超标排放大气污染物",
            number=17,
        ),
        penalty_record(
            u,
            "cf2",
            D(2016, 11, 15),
            None,
            holder="中原市永兴砖厂",
            case="未落实扬尘污染防治措施",
            number=23,
        ),
    ]
    news = news_docs("gzdt", u.short, D(2016, 12, 5), 40, 8, u.id)
    news[6].links = [("相关报道", "path:/art/2015/3/2/art_9999_1.html")]
    air = [
        air_doc(f"kq{index:02d}", "中原市", D(2016, 12, 18 - index))
        for index in range(18)
    ]
    u.columns = [
        nav_column("gzdt", "工作动态", news),
        nav_column(
            "tzgg",
            "通知公告",
            notice_docs("tzgg", u.short, D(2016, 12, 15), 24, 12, u.id),
            home=True,
        ),
        nav_column("kqzl", "空气质量", air, home=True),
        nav_column("jdhy", "解读回应", interpretations),
        nav_column(
            "zwgkgz",
            "政务公开工作",
            [
                plan_doc(u, "plan", D(2016, 3, 22)),
                ledger_doc(u, "ledger", D(2016, 7, 18)),
            ],
        ),
        column("sgs", "双公示", records, place="nav", host="credit"),
        guide_column(u),
        leader_column(
            u,
            [
                "局长：周国平，主持全面工作。",
                "副局长：吴海，负责污染防治、环境监测工作。",
            ],
        ),
        functions_column(u),
        catalogue_column(
            "zcwj",
            "政策文件",
            policy_docs("zcwj", u.name, "中原环", D(2016, 4, 20), 10, 30, u.id, 100),
        ),
        *finance_columns(
            u,
            [budget_doc(u, "ys2015", D(2015, 4, 15), "text", year=2015)],
            [final_accounts_doc(u, "js2015", D(2016, 7, 30), False)],
        ),
        catalogue_column(
            "ndbg",
            "政府信息公开年度报告",
            [
                annual_report_doc(u, "nb2015", 2015, D(2016, 4, 1)),
                annual_report_doc(u, "nb2014", 2014, D(2015, 3, 20)),
            ],
        ),
        powers_column(u, None),
        planning_column(u, empty=True),
        staff_column(u),
    ]
    u.friend_links = [("中原市环境监测中心", "dead:/"), ("中原市商务局", "portal:u03")]
    return finish_unit(u)
