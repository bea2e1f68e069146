"""City departments planted to pass most indicators: u01, u03, u05.

Each deviation from a pass is named in testbed/expected.toml with its reason.
"""

from __future__ import annotations

from datetime import date as D

from testbed.filler import news_docs, notice_docs, policy_docs
from testbed.model import Doc, Unit
from testbed.planted.common import (
    annual_report_doc,
    audit_doc,
    budget_doc,
    catalogue_column,
    column,
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
    source_doc,
    staff_column,
)


def build_u01() -> Unit:
    """中原市发展和改革委员会: TRS, GBK declared in meta and header."""
    u = new_unit(
        1,
        "中原市发展和改革委员会",
        "市发改委",
        "市政府部门",
        "trs",
        ["economy", "fees"],
    )
    s0 = source_doc(
        "src0",
        "中原市发展和改革委员会关于调整部分商品价格管理方式的通知",
        D(2015, 10, 20),
        "中原发改〔2015〕61号",
    )
    s1 = source_doc(
        "src1",
        "中原市发展和改革委员会关于印发价格监督检查办法的通知",
        D(2016, 6, 8),
        "中原发改〔2016〕35号",
    )
    s2 = source_doc(
        "src2",
        "中原市发展和改革委员会关于加快推进重点项目建设的通知",
        D(2016, 9, 14),
        "中原发改〔2016〕52号",
    )
    phone = "0371-67181234"
    interpretations = [
        interpretation_doc(
            "jd0",
            "价格管理方式调整政策问答",
            D(2015, 11, 10),
            lead="现就价格管理方式调整有关问题说明如下。",
            contact=None,
            source_link=(s0.title, "doc:src0"),
            seed=u.id,
        ),
        interpretation_doc(
            "jd1",
            "图文解读：我委价格监督检查新规",
            D(2016, 6, 14),
            lead="近日，我委印发价格监督检查新规，现就有关内容解读如下。",
            contact=("李娜", phone),
            source_link=(s1.title, "doc:src1"),
            seed=u.id,
        ),
        interpretation_doc(
            "jd2",
            "关于中原发改〔2016〕52号文件的解读",
            D(2016, 9, 20),
            lead="现就中原发改〔2016〕52号文件的出台背景和主要内容解读如下。",
            contact=("王涛", "0371-67185678"),
            seed=u.id,
        ),
        interpretation_doc(
            "jd3",
            "一图读懂全市“双创”工作成效",
            D(2016, 10, 25),
            lead="大众创业、万众创新深入推进，现以图解形式介绍有关情况。",
            contact=("李娜", phone),
            seed=u.id,
        ),
    ]
    html_title = '<b>加粗</b><script>alert("x")</script>关于做好冬季取暖安全工作的通知'
    notices = notice_docs("tzgg", u.short, D(2016, 12, 14), 28, 12, u.id)
    notices.append(
        Doc(
            "tzgg_html",
            html_title,
            D(2016, 11, 8),
            template="document",
            body=["请各单位做好冬季取暖安全检查。"],
        )
    )
    policies = policy_docs(
        "zcwj", u.name, "中原发改", D(2016, 11, 18), 14, 25, u.id, 100
    )
    u.columns = [
        nav_column(
            "gzdt",
            "工作动态",
            news_docs("gzdt", u.short, D(2016, 12, 19), 60, 6, u.id),
            home=True,
        ),
        nav_column("tzgg", "通知公告", notices, home=True),
        nav_column("zcjd", "政策解读", interpretations, home=True),
        nav_column(
            "zwgkgz",
            "政务公开工作",
            [
                plan_doc(u, "plan", D(2016, 3, 10), "工作要点"),
                ledger_doc(u, "ledger", D(2016, 3, 25)),
            ],
        ),
        guide_column(u),
        leader_column(
            u,
            [
                "王建中：党组书记、主任，主持委全面工作。",
                "张卫东：党组成员、副主任，负责办公室、政务公开和法制工作。",
                "刘敏：党组成员、副主任，负责价格管理和重点项目工作。",
            ],
        ),
        functions_column(u),
        catalogue_column("zcwj", "政策文件", [*policies, s0, s1, s2]),
        *finance_columns(
            u,
            [
                budget_doc(u, "ys2016", D(2016, 4, 8), "text"),
                budget_doc(u, "ys2015", D(2015, 4, 10), "text", year=2015),
            ],
            [
                final_accounts_doc(u, "js2015", D(2016, 7, 20), True),
                final_accounts_doc(u, "js2014", D(2015, 7, 22), True, year=2014),
            ],
        ),
        catalogue_column(
            "ndbg",
            "政府信息公开年度报告",
            [
                annual_report_doc(u, "nb2015", 2015, D(2016, 3, 31)),
                annual_report_doc(u, "nb2014", 2014, D(2015, 3, 27)),
            ],
        ),
        powers_column(u),
        planning_column(u),
        staff_column(u),
        catalogue_column(
            "sfxx",
            "收费信息",
            [
                fee_doc(u, "sf2016", 2016, D(2016, 2, 26)),
                fee_doc(u, "sf2015", 2015, D(2015, 3, 5)),
            ],
        ),
        catalogue_column(
            "jjyx",
            "经济运行",
            [
                economy_doc(u, "jj1", "q1", D(2016, 4, 20), "全市"),
                economy_doc(u, "jj2", "h1", D(2016, 8, 5), "全市"),
                economy_doc(u, "jj3", "q3", D(2016, 9, 30), "全市"),
            ],
        ),
    ]
    u.friend_links = [("中原市财政局", "portal:u02"), ("中原市商务局", "portal:u03")]
    return finish_unit(u)


def build_u03() -> Unit:
    """中原市商务局: Hanweb, 双公示 on the credit platform, all on time."""
    u = new_unit(3, "中原市商务局", "市商务局", "市政府部门", "hanweb", ["enforcement"])
    s1 = source_doc(
        "src1",
        "中原市商务局关于促进电子商务健康发展的实施意见",
        D(2016, 5, 10),
        "中原商〔2016〕8号",
    )
    s2 = source_doc(
        "src2",
        "中原市商务局关于加强商贸流通领域安全生产的通知",
        D(2016, 3, 1),
        "中原商〔2016〕3号",
    )
    contact = ("赵静", "0371-67192233")
    interpretations = [
        interpretation_doc(
            "jd1",
            f"《{s1.title}》解读",
            D(2016, 5, 12),
            lead=f"为便于社会公众理解，现对《{s1.title}》解读如下。",
            contact=contact,
            seed=u.id,
        ),
        interpretation_doc(
            "jd2",
            "市商务局商贸流通安全生产新规解读",
            D(2016, 3, 3),
            lead="近日，我局印发商贸流通领域安全生产新规，现解读如下。",
            contact=contact,
            source_link=(s2.title, "doc:src2"),
            seed=u.id,
        ),
    ]
    records = [
        licence_record(
            u,
            "xk1",
            D(2016, 10, 13),
            D(2016, 9, 29),
            holder="中原市恒达商贸有限公司",
            item="酒类商品批发许可",
            number=41,
        ),
        licence_record(
            u,
            "xk2",
            D(2016, 9, 26),
            D(2016, 9, 14),
            holder="中原市万家福超市有限公司",
            item="成品油零售经营资格审核",
            number=37,
        ),
        licence_record(
            u,
            "xk3",
            D(2016, 6, 17),
            D(2016, 6, 7),
            holder="中原市金桥拍卖有限公司",
            item="拍卖企业分公司设立许可",
            number=22,
        ),
        penalty_record(
            u,
            "cf1",
            D(2016, 11, 8),
            D(2016, 11, 2),
            holder="中原市新华加油站",
            case="未按规定报送统计资料",
            number=9,
        ),
        penalty_record(
            u,
            "cf2",
            D(2016, 3, 4),
            D(2016, 3, 1),
            holder="中原市鑫源再生资源回收有限公司",
            case="未按规定办理备案",
            number=2,
        ),
    ]
    policies = policy_docs("zcwj", u.name, "中原商", D(2016, 11, 25), 12, 30, u.id, 100)
    u.columns = [
        nav_column(
            "gzdt",
            "工作动态",
            news_docs("gzdt", u.short, D(2016, 12, 16), 45, 7, u.id),
            home=True,
        ),
        nav_column(
            "tzgg",
            "通知公告",
            notice_docs("tzgg", u.short, D(2016, 12, 9), 22, 14, u.id),
            home=True,
        ),
        nav_column("zcjd", "政策解读", interpretations),
        nav_column(
            "zwgkgz",
            "政务公开工作",
            [
                plan_doc(u, "plan", D(2016, 3, 15), "实施方案"),
                ledger_doc(u, "ledger", D(2016, 4, 20)),
            ],
        ),
        column("sgs", "双公示", records, place="nav", host="credit"),
        guide_column(u),
        leader_column(
            u,
            [
                "局长：马志远，主持全面工作。",
                "副局长：王立新，协助局长分管综合业务。",
                "政务公开工作由副局长王立新同志分管。",
            ],
        ),
        functions_column(u),
        catalogue_column("zcwj", "政策文件", [*policies, s1, s2]),
        *finance_columns(
            u,
            [budget_doc(u, "ys2016", D(2016, 4, 12), "attachment")],
            [final_accounts_doc(u, "js2015", D(2016, 7, 28), True)],
        ),
        catalogue_column(
            "ndbg",
            "政府信息公开年度报告",
            [
                annual_report_doc(u, "nb2015", 2015, D(2016, 3, 20)),
                annual_report_doc(u, "nb2014", 2014, D(2015, 3, 25)),
            ],
        ),
        powers_column(u),
        planning_column(u),
        staff_column(u),
    ]
    u.friend_links = [
        ("信用中原", "credit:/"),
        ("中原市发展和改革委员会", "portal:u01"),
    ]
    return finish_unit(u)


def build_u05() -> Unit:
    """中原市审计局: single-page style; robots.txt disallows /search/."""
    u = new_unit(
        5,
        "中原市审计局",
        "市审计局",
        "市政府部门",
        "spa",
        ["audit"],
        robots_disallow=["/search/"],
    )
    s1 = source_doc(
        "src1",
        "中原市审计局关于印发审计项目质量控制办法的通知",
        D(2016, 9, 14),
        "中原审〔2016〕12号",
    )
    s2 = source_doc(
        "src2",
        "中原市审计局关于加强内部审计工作的意见",
        D(2016, 9, 30),
        "中原审〔2016〕15号",
    )
    s3 = source_doc(
        "src3",
        "中原市审计局关于规范审计整改工作的通知",
        D(2016, 4, 5),
        "中原审〔2016〕6号",
    )
    interpretations = [
        interpretation_doc(
            "jd1",
            f"《{s1.title}》政策解读",
            D(2016, 9, 21),
            lead=f"现对《{s1.title}》的主要内容解读如下。",
            contact=("周颖", "0371-67203344"),
            seed=u.id,
        ),
        interpretation_doc(
            "jd2",
            "关于中原审〔2016〕15号文件的解读",
            D(2016, 10, 11),
            lead="现就中原审〔2016〕15号文件的主要内容解读如下。",
            contact=("周颖", None),
            seed=u.id,
        ),
        interpretation_doc(
            "jd3",
            "市审计局审计整改新规解读",
            D(2016, 4, 7),
            lead="近日，我局印发审计整改新规，现解读如下。",
            contact=("周颖", "0371-67203344"),
            source_link=(s3.title, "doc:src3"),
            seed=u.id,
        ),
    ]
    policies = policy_docs("zcwj", u.name, "中原审", D(2016, 10, 28), 10, 30, u.id, 100)
    u.columns = [
        nav_column(
            "gzdt",
            "工作动态",
            news_docs("gzdt", u.short, D(2016, 12, 16), 40, 8, u.id),
            home=True,
        ),
        nav_column(
            "tzgg",
            "通知公告",
            notice_docs("tzgg", u.short, D(2016, 11, 30), 20, 15, u.id),
            home=True,
        ),
        nav_column("zcjd", "政策解读", interpretations),
        nav_column(
            "zwgkgz",
            "政务公开工作",
            [
                plan_doc(u, "plan", D(2016, 2, 26), "推进方案"),
                ledger_doc(u, "ledger", D(2016, 3, 10)),
            ],
        ),
        guide_column(u),
        leader_column(
            u,
            [
                "局长：陈志刚，主持全面工作。",
                "刘建华（副局长）：分管政务公开、办公室工作。",
            ],
        ),
        functions_column(u),
        catalogue_column("zcwj", "政策文件", [*policies, s1, s2, s3]),
        *finance_columns(
            u,
            [budget_doc(u, "ys2016", D(2016, 4, 18), "text")],
            [final_accounts_doc(u, "js2015", D(2016, 7, 25), True)],
        ),
        catalogue_column(
            "ndbg",
            "政府信息公开年度报告",
            [
                annual_report_doc(u, "nb2015", 2015, D(2016, 3, 25)),
            ],
        ),
        powers_column(u),
        planning_column(u),
        staff_column(u),
        catalogue_column(
            "sjgg",
            "审计结果公告",
            [
                audit_doc(u, "sj1", D(2016, 6, 20), "市本级2015年度财政收支情况", 1),
                audit_doc(
                    u, "sj2", D(2016, 10, 18), "市交通运输局2015年度财务收支情况", 2
                ),
                audit_doc(u, "sj0", D(2015, 9, 10), "市水利局2014年度财务收支情况", 3),
            ],
        ),
    ]
    u.friend_links = [("中原市发展和改革委员会", "portal:u01")]
    return finish_unit(u)
