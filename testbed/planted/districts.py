"""The district governments: u07, u08 (plain style) and u10 (Hanweb)."""

from __future__ import annotations

from datetime import date as D

from testbed.filler import news_docs, notice_docs, policy_docs
from testbed.model import FOOTER_MARKS, Doc, Unit
from testbed.planted.common import (
    air_doc,
    annual_report_doc,
    audit_doc,
    budget_doc,
    catalogue_column,
    economy_doc,
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
    simple_column,
    source_doc,
    staff_column,
)


def _monthly_penalties(u: Unit, dates: list[tuple[D, D]], omit=()) -> list[Doc]:
    holders = (
        "东兴超市",
        "惠民粮油店",
        "百味餐馆",
        "佳佳乐食品店",
        "鸿运酒家",
        "好又多便利店",
        "康源药店",
        "金谷面粉厂",
        "鲜味熟食店",
        "福满楼饭店",
        "新星副食批发部",
    )
    cases = (
        "销售过期食品",
        "未取得许可从事食品经营",
        "使用不合格原料",
        "未按规定索证索票",
        "经营标签不符合规定的食品",
        "未建立进货查验记录",
    )
    return [
        penalty_record(
            u,
            f"cf{index + 1:02d}",
            published,
            decided,
            holder=f"{u.short}{holders[index % len(holders)]}",
            case=cases[index % len(cases)],
            number=index + 1,
            omit=omit,
            date_style="cn",
        )
        for index, (decided, published) in enumerate(dates)
    ]


def build_u07() -> Unit:
    """中原市河湾区人民政府: plain, year-less news dates, 政策解读 in an iframe."""
    u = new_unit(
        7,
        "中原市河湾区人民政府",
        "河湾区",
        "区县政府",
        "plain",
        ["enforcement", "economy", "environment", "audit", "fees", "food_drug"],
    )
    s1 = source_doc(
        "src1",
        "河湾区人民政府关于加快发展养老服务业的实施意见",
        D(2016, 9, 30),
        "河政〔2016〕15号",
    )
    s2 = source_doc(
        "src2",
        "河湾区人民政府关于印发城区环境综合整治方案的通知",
        D(2016, 6, 8),
        "河政〔2016〕9号",
    )
    contact = ("郑红", "0371-69881122")
    interpretations = [
        interpretation_doc(
            "jd1",
            f"《{s1.title}》政策解读",
            D(2016, 10, 10),
            lead=f"现对《{s1.title}》解读如下。",
            contact=contact,
            seed=u.id,
        ),
        interpretation_doc(
            "jd2",
            "城区环境综合整治工作解读",
            D(2016, 6, 14),
            lead="区政府印发城区环境综合整治方案，现解读如下。",
            contact=contact,
            source_link=(s2.title, "doc:src2"),
            seed=u.id,
        ),
    ]
    news = news_docs("gzdt", u.short, D(2016, 12, 18), 50, 6, u.id)
    for doc in news:
        doc.list_date = "yearless"
    notices = notice_docs("tzgg", "区政府办公室", D(2016, 12, 16), 40, 6, u.id)
    notices += [
        plan_doc(u, "plan", D(2016, 3, 20), "实施方案"),
        ledger_doc(u, "ledger", D(2016, 3, 18)),
        Doc(
            "tzgg_undated",
            "河湾区人民政府办公室关于开展防汛应急演练的通知",
            None,
            template="document",
            url_date=D(2016, 7, 5),
            list_date="none",
            body=[
                "各街道、区直各单位：为提高防汛应急处置能力，定于近期开展防汛应急演练。"
            ],
        ),
        *notice_docs("tzgg_old", "区政府办公室", D(2016, 2, 26), 4, 15, u.id),
    ]
    licences = [
        licence_record(
            u,
            f"xk{index}",
            published,
            decided,
            holder=holder,
            item=item,
            number=index,
            omit=("许可机关",),
            date_style="cn",
        )
        for index, (decided, published, holder, item) in enumerate(
            [
                (
                    D(2016, 10, 10),
                    D(2016, 10, 12),
                    "河湾区春晖幼儿园",
                    "民办学校办学许可",
                ),
                (D(2016, 7, 5), D(2016, 7, 8), "河湾区康宁诊所", "医疗机构执业登记"),
                (
                    D(2016, 3, 2),
                    D(2016, 3, 7),
                    "河湾区兴旺养殖场",
                    "动物防疫条件合格证核发",
                ),
            ],
            start=1,
        )
    ]
    penalty_dates = [
        (D(2016, 1, 5), D(2016, 1, 8)),
        (D(2016, 2, 2), D(2016, 2, 4)),
        (D(2016, 3, 3), D(2016, 3, 8)),
        (D(2016, 4, 6), D(2016, 4, 8)),
        (D(2016, 6, 6), D(2016, 6, 8)),
        (D(2016, 7, 5), D(2016, 7, 8)),
        (D(2016, 9, 5), D(2016, 9, 8)),
        (D(2016, 10, 10), D(2016, 10, 12)),
        (D(2016, 11, 3), D(2016, 11, 8)),
    ]
    air = [
        air_doc(f"kq{index:02d}", "河湾区", D(2016, 12, 17 - index))
        for index in range(17)
    ]
    policies = policy_docs(
        "zcwj", "河湾区人民政府", "河政", D(2016, 9, 2), 8, 30, u.id, 100
    )
    u.columns = [
        nav_column("gzdt", "工作动态", news, home=True),
        nav_column("tzgg", "通知公告", notices, home=True),
        nav_column("zcjd", "政策解读", interpretations, iframe=True),
        nav_column("kqzl", "空气质量", air),
        guide_column(u),
        leader_column(
            u,
            [
                "区长：黄建国，主持区政府全面工作。",
                "区政府办公室主任孙志强负责全区政务公开工作。",
            ],
        ),
        functions_column(u),
        catalogue_column("zcwj", "政策文件", [*policies, s1, s2]),
        *finance_columns(
            u,
            [budget_doc(u, "ys2016", D(2016, 4, 6), "text")],
            [final_accounts_doc(u, "js2015", D(2016, 8, 18), True)],
        ),
        catalogue_column(
            "ndbg",
            "政府信息公开年度报告",
            [
                annual_report_doc(
                    u, "nb2015", 2015, D(2016, 3, 29), word="政府信息公开工作年报"
                ),
            ],
        ),
        powers_column(u),
        catalogue_column("xzxk", "行政许可", licences),
        catalogue_column(
            "xzcf", "行政处罚", _monthly_penalties(u, penalty_dates, ("处罚依据",))
        ),
        catalogue_column(
            "sfxx", "收费信息", [fee_doc(u, "sf2016", 2016, D(2016, 3, 15))]
        ),
        catalogue_column(
            "sjgg",
            "审计结果公告",
            [
                audit_doc(u, "sj1", D(2016, 5, 18), "区教育局2015年度财务收支情况", 1),
                audit_doc(u, "sj2", D(2016, 9, 12), "区农业局2015年度财务收支情况", 2),
            ],
        ),
        catalogue_column(
            "jjyx", "经济运行", [economy_doc(u, "jj1", "q1", D(2016, 5, 3), "全区")]
        ),
        planning_column(u),
        staff_column(u),
    ]
    u.friend_links = [("中原市东岭县人民政府", "portal:u08")]
    return finish_unit(u)


def build_u08() -> Unit:
    """中原市东岭县人民政府: plain, 通知公告 in an iframe, no 网站标识码."""
    marks = tuple(mark for mark in FOOTER_MARKS if mark != "site_code")
    u = new_unit(
        8,
        "中原市东岭县人民政府",
        "东岭县",
        "区县政府",
        "plain",
        ["enforcement", "food_drug", "economy"],
        footer_marks=marks,
    )
    s1 = source_doc(
        "src1",
        "东岭县人民政府关于推进农村人居环境整治的意见",
        D(2016, 7, 1),
        "东政〔2016〕30号",
    )
    contact = ("冯伟", "0371-69553210")
    interpretations = [
        interpretation_doc(
            "jd1",
            "东政〔2016〕30号文件解读",
            D(2016, 7, 20),
            lead="现就东政〔2016〕30号文件的主要内容解读如下。",
            contact=contact,
            seed=u.id,
        ),
        interpretation_doc(
            "jd2",
            "图说东岭县2016年民生实事",
            D(2016, 11, 2),
            lead="今年以来，我县十项民生实事扎实推进，现以图说形式介绍。",
            contact=contact,
            seed=u.id,
        ),
    ]
    penalty_dates = [
        (D(2016, 1, 4), D(2016, 1, 20)),
        (D(2016, 2, 1), D(2016, 2, 26)),
        (D(2016, 3, 1), D(2016, 3, 18)),
        (D(2016, 4, 1), D(2016, 4, 20)),
        (D(2016, 5, 3), D(2016, 5, 20)),
        (D(2016, 6, 1), D(2016, 6, 20)),
        (D(2016, 7, 1), D(2016, 7, 20)),
        (D(2016, 8, 1), D(2016, 8, 19)),
        (D(2016, 9, 1), D(2016, 9, 20)),
        (D(2016, 10, 10), D(2016, 10, 25)),
        (D(2016, 11, 1), D(2016, 11, 18)),
    ]
    policies = policy_docs(
        "zcwj", "东岭县人民政府", "东政", D(2016, 11, 10), 8, 30, u.id, 100
    )
    u.columns = [
        nav_column(
            "gzdt",
            "工作动态",
            news_docs("gzdt", u.short, D(2016, 12, 12), 40, 7, u.id),
            home=True,
        ),
        nav_column(
            "xzdt",
            "乡镇动态",
            news_docs("xzdt", "各乡镇", D(2016, 11, 20), 20, 12, u.id),
        ),
        nav_column(
            "tzgg",
            "通知公告",
            notice_docs("tzgg", "县政府办公室", D(2016, 12, 8), 25, 10, u.id),
            home=True,
            iframe=True,
        ),
        nav_column("wjjd", "文件解读", interpretations),
        nav_column(
            "zwgkgz",
            "政务公开工作",
            [
                plan_doc(u, "plan", D(2016, 7, 15), "工作方案"),
                ledger_doc(u, "ledger", D(2016, 7, 1)),
            ],
        ),
        leader_column(
            u,
            [
                "县长：杨永强，主持县政府全面工作。",
                "副县长赵丽萍分管政务公开工作。",
            ],
        ),
        functions_column(u),
        catalogue_column("zcwj", "政策文件", [*policies, s1]),
        *finance_columns(
            u,
            [budget_doc(u, "ys2016", D(2016, 6, 1), "text")],
            [final_accounts_doc(u, "js2015", D(2016, 8, 25), False)],
        ),
        catalogue_column(
            "ndbg",
            "政府信息公开年度报告",
            [
                annual_report_doc(u, "nb2015", 2015, D(2016, 5, 20)),
            ],
        ),
        powers_column(u),
        catalogue_column("xzcf", "行政处罚", _monthly_penalties(u, penalty_dates)),
        catalogue_column(
            "jjyx", "经济运行", [economy_doc(u, "jj1", "q1", D(2016, 4, 28), "全县")]
        ),
        simple_column(u, "zdxm", "重大项目", [], D(2016, 1, 1)),
        planning_column(u),
        staff_column(u),
    ]
    u.home_links = [("两学一做学习教育专题", "path:/ztzl/lxyz/index.htm")]
    u.friend_links = [("中原市河湾区人民政府", "portal:u07")]
    return finish_unit(u)


def build_u10() -> Unit:
    """中原市北山区人民政府: Hanweb, 双公示 on the portal, an undated ledger."""
    u = new_unit(
        10,
        "中原市北山区人民政府",
        "北山区",
        "区县政府",
        "hanweb",
        ["enforcement", "environment", "audit"],
    )
    s1 = source_doc(
        "src1",
        "北山区人民政府关于加快发展现代物流业的意见",
        D(2016, 11, 1),
        "北政〔2016〕21号",
    )
    s2 = source_doc(
        "src2",
        "北山区人民政府关于印发城乡环境卫生整治实施办法的通知",
        D(2016, 8, 15),
        "北政〔2016〕14号",
    )
    interpretations = [
        interpretation_doc(
            "jd1",
            "北山区现代物流业发展政策解读",
            D(2016, 11, 3),
            lead="近日，区政府印发加快发展现代物流业的意见，现解读如下。",
            contact=("钱程", "0371-68112345"),
            source_link=(s1.title, "doc:src1"),
            seed=u.id,
        ),
        interpretation_doc(
            "jd2",
            f"《{s2.title}》解读",
            D(2016, 8, 22),
            lead=f"现对《{s2.title}》解读如下。",
            contact=None,
            seed=u.id,
        ),
    ]
    records = [
        licence_record(
            u,
            "xk1",
            D(2016, 6, 17),
            D(2016, 6, 7),
            holder="北山区宏发建材有限公司",
            item="建筑垃圾处置核准",
            number=15,
        ),
        licence_record(
            u,
            "xk2",
            D(2016, 6, 20),
            D(2016, 6, 7),
            holder="北山区顺通物流有限公司",
            item="道路货物运输经营许可",
            number=16,
        ),
        penalty_record(
            u,
            "cf1",
            D(2016, 11, 4),
            D(2016, 11, 1),
            holder="北山区利民餐馆",
            case="占道经营",
            number=31,
        ),
    ]
    air = [
        air_doc(f"kq{index:02d}", "北山区", D(2016, 12, 20 - index))
        for index in range(20)
    ]
    policies = policy_docs(
        "zcwj", "北山区人民政府", "北政", D(2016, 12, 1), 12, 25, u.id, 100
    )
    ledger = ledger_doc(u, "ledger", None, url_date=D(2016, 7, 1), list_date="none")
    u.columns = [
        nav_column(
            "bsyw",
            "北山要闻",
            news_docs("bsyw", u.short, D(2016, 12, 20), 50, 5, u.id),
            home=True,
        ),
        nav_column(
            "bmdt",
            "部门动态",
            news_docs("bmdt", "区直部门", D(2016, 12, 15), 30, 9, u.id),
        ),
        nav_column(
            "tzgg",
            "通知公告",
            notice_docs("tzgg", "区政府办公室", D(2016, 12, 12), 25, 12, u.id),
            home=True,
        ),
        nav_column("zcjd", "政策解读", interpretations),
        nav_column(
            "zwgkgz", "政务公开工作", [plan_doc(u, "plan", D(2016, 4, 1)), ledger]
        ),
        nav_column("sgs", "双公示", records),
        nav_column("kqzl", "空气质量", air, home=True),
        guide_column(u),
        leader_column(
            u,
            [
                "区长：李振华，主持区政府全面工作。",
                "陈国栋：副区长，负责政务公开、应急管理工作。",
            ],
        ),
        functions_column(u),
        catalogue_column("zcwj", "政策文件", [*policies, s1, s2]),
        *finance_columns(
            u,
            [budget_doc(u, "ys2016", D(2016, 4, 11), "text", word="预算公开")],
            [final_accounts_doc(u, "js2015", D(2016, 9, 5), True)],
        ),
        catalogue_column(
            "ndbg",
            "政府信息公开年度报告",
            [
                annual_report_doc(u, "nb2015", 2015, D(2016, 3, 30)),
            ],
        ),
        powers_column(u),
        planning_column(u),
        staff_column(u),
    ]
    u.friend_links = [("中原市环境保护局", "portal:u04")]
    return finish_unit(u)
