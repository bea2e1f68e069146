"""Builders of the disclosures the indicators look for, shared by the units.

Each builder returns a `Doc` whose title and text hold exactly the words
INDICATORS.md names, so that a crawler reads the planted fact unambiguously.
"""

from __future__ import annotations

import random
from datetime import date

from testbed.filler import filler_body
from testbed.model import Attachment, Column, Doc, Unit

ECONOMY_PERIODS = {"q1": "第一季度", "h1": "上半年", "q3": "前三季度"}


def new_unit(
    number: int,
    name: str,
    short: str,
    kind: str,
    style: str,
    tags: list[str],
    **extra,
) -> Unit:
    """Return a unit with its identity marks derived from its number."""
    return Unit(
        id=f"u{number:02d}",
        number=number,
        name=name,
        short=short,
        kind=kind,
        tags=tags,
        style=style,
        site_code=f"4101{number:06d}",
        org_code=f"00581{number:04d}",
        icp=f"豫ICP备{5012300 + number * 17:08d}号",
        gongan=f"豫公网安备 41010202000{number:03d}号",
        **extra,
    )


def column(key: str, name: str, docs: list[Doc] | None = None, **extra) -> Column:
    """Return a column holding `docs`."""
    return Column(key=key, name=name, docs=list(docs or []), **extra)


def finish_unit(unit: Unit) -> Unit:
    """Number the columns and disclosures and put every list newest first."""
    seen: set[str] = set()
    number = 1000 + unit.number * 100
    for index, col in enumerate(unit.columns):
        col.number = 4000 + unit.number * 100 + index
        col.docs.sort(key=lambda doc: doc.stamp, reverse=True)
        for doc in col.docs:
            if doc.key in seen:
                raise ValueError(f"unit {unit.id}: disclosure key {doc.key} twice")
            seen.add(doc.key)
            number += 1
            doc.number = number
            doc.publisher = doc.publisher or unit.name
            doc.index_no = f"{unit.org_code}/{doc.stamp.year}-{number:05d}"
    return unit


def plan_doc(
    unit: Unit, key: str, published: date | None, kind: str = "工作要点"
) -> Doc:
    """The unit's 2016 government-affairs openness work plan."""
    title = f"{unit.name}2016年政务公开{kind}"
    body = [
        f"为做好2016年政务公开各项工作，现将{unit.name}2016年政务公开{kind}印发给你们，请认真贯彻落实。",
        "一、推进重点领域信息公开。二、加强政策宣传与回应关切。三、强化平台建设。",
    ]
    return Doc(key, title, published, template="document", body=body)


def ledger_doc(unit: Unit, key: str, published: date | None, **extra) -> Doc:
    """The unit's 2016 work ledger (台账)."""
    title = f"{unit.name}2016年政务公开工作台账"
    body = ["本台账逐项列明2016年各项公开任务的责任科室、完成时限和进展情况。"]
    return Doc(key, title, published, template="document", body=body, **extra)


def budget_doc(
    unit: Unit,
    key: str,
    published: date,
    sangong: str,
    *,
    year: int = 2016,
    word: str = "部门预算",
) -> Doc:
    """A department budget; `sangong` is "text", "attachment" or "none"."""
    title = f"{unit.name}{year}年{word}"
    body = [
        f"根据市财政局批复，现将{unit.name}{year}年部门收支安排公开如下。",
        f"{year}年收入合计1860.5万元，支出合计1860.5万元。",
    ]
    attachments = [Attachment(f"{year}年部门收支总表.xls", f"path:/attach/{key}-1.xls")]
    if sangong == "text":
        body.append(f"{year}年三公经费预算42.3万元，比上年减少3.1万元。")
    elif sangong == "attachment":
        body[1] = "详细情况见附件。"
        attachments.append(
            Attachment(
                f"{unit.name}{year}年三公经费预算情况表.xls",
                f"path:/attach/{key}-2.xls",
            )
        )
    return Doc(
        key, title, published, template="document", body=body, attachments=attachments
    )


def final_accounts_doc(
    unit: Unit, key: str, published: date, sangong: bool, *, year: int = 2015
) -> Doc:
    """The department final accounts of `year`."""
    title = f"{unit.name}{year}年部门决算"
    body = [
        f"现将{unit.name}{year}年部门收支执行结果公开如下。",
        f"{year}年收入合计1795.2万元，支出合计1788.6万元。",
    ]
    if sangong:
        body.append(f"{year}年三公经费支出38.7万元，其中公务接待费6.2万元。")
    return Doc(key, title, published, template="document", body=body)


def annual_report_doc(
    unit: Unit,
    key: str,
    year: int,
    published: date | None,
    *,
    word: str = "政府信息公开年度报告",
    **extra,
) -> Doc:
    """The government-information-disclosure annual report of `year`."""
    title = f"{unit.name}{year}年{word}"
    body = [
        f"本报告根据《中华人民共和国政府信息公开条例》要求编制，统计期限为{year}年1月1日至12月31日。",
        f"{year}年共主动公开政府信息286条，受理依申请公开12件，均按时答复。",
    ]
    return Doc(key, title, published, template="document", body=body, **extra)


def guide_doc(unit: Unit, key: str, published: date) -> Doc:
    """The 政府信息公开指南 of the unit."""
    title = f"{unit.name}政府信息公开指南"
    body = [
        "为便于公民、法人和其他组织获取政府信息，特编制本指南。",
        "一、公开范围。二、公开形式。三、依申请公开的办理程序。",
        "受理机构：本单位办公室，办公时间：工作日上午9:00—12:00。",
    ]
    return Doc(key, title, published, template="document", body=body)


def leader_doc(unit: Unit, key: str, published: date, lines: list[str]) -> Doc:
    """The leaders' division of work (领导分工), one paragraph per leader."""
    return Doc(key, f"{unit.name}领导分工", published, template="document", body=lines)


def powers_doc(unit: Unit, key: str, published: date, part: str) -> Doc:
    """One part of the unit's list of powers and responsibilities."""
    title = f"{unit.name}权责清单（{part}）"
    body = ["本清单列明职权名称、职权类型、实施依据和责任事项，接受社会监督。"]
    return Doc(key, title, published, template="document", body=body)


def fee_doc(unit: Unit, key: str, year: int, published: date) -> Doc:
    """A fee catalogue (收费目录清单) of `year`."""
    title = f"{year}年{unit.name}行政事业性收费目录清单"
    body = [f"现将{year}年行政事业性收费项目、收费标准及政策依据公布如下。"]
    return Doc(key, title, published, template="document", body=body)


def economy_doc(unit: Unit, key: str, period: str, published: date, area: str) -> Doc:
    """An economic-performance release for a 2016 period (q1, h1 or q3)."""
    title = f"2016年{ECONOMY_PERIODS[period]}{area}经济运行情况"
    body = [f"{title.removesuffix('情况')}总体平稳，主要指标保持在合理区间。"]
    return Doc(key, title, published, template="document", body=body)


def air_doc(key: str, area: str, day: date) -> Doc:
    """A daily air-quality report."""
    title = f"{area}空气质量日报（{day.year}年{day.month}月{day.day}日）"
    body = [
        f"{day.month}月{day.day}日，{area}空气质量指数（AQI）为86，空气质量级别为良。"
    ]
    return Doc(key, title, day, body=body)


def audit_doc(unit: Unit, key: str, published: date, subject: str, number: int) -> Doc:
    """An audit-results announcement."""
    year = published.year
    title = f"{year}年第{number}号审计结果公告：{subject}"
    body = [f"{unit.name}依法对{subject}进行了审计，现将审计结果公告如下。"]
    return Doc(key, title, published, template="document", body=body)


def interpretation_doc(
    key: str,
    title: str,
    published: date,
    *,
    lead: str,
    contact: tuple[str, str | None] | None,
    source_link: tuple[str, str] | None = None,
    seed: str = "",
) -> Doc:
    """A policy interpretation; `lead` is its first paragraph.

    `contact` is (name, telephone or None); `source_link` is (text, target)
    of a link to the source document.
    """
    body = [lead, *filler_body(random.Random(f"jiedu:{seed}:{key}"), 2)]
    if contact is not None:
        name, phone = contact
        line = f"解读联系人：{name}"
        if phone:
            line += f"，联系电话：{phone}"
        body.append(line)
    links = [source_link] if source_link else []
    return Doc(key, title, published, template="document", body=body, links=links)


def _record_date(day: date, style: str) -> str:
    if style == "cn":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


def licence_record(
    unit: Unit,
    key: str,
    published: date,
    decided: date | None,
    *,
    holder: str,
    item: str,
    number: int,
    omit: tuple[str, ...] = (),
    date_style: str = "iso",
) -> Doc:
    """A 行政许可 record of 双公示 with its labelled fields."""
    fields = [
        (
            "决定文书号",
            f"{unit.short}许字〔{(decided or published).year}〕第{number:04d}号",
        ),
        ("项目名称", item),
        ("行政相对人", holder),
        ("许可内容", f"准予{holder}{item}"),
        ("许可决定日期", _record_date(decided, date_style) if decided else ""),
        ("许可机关", unit.name),
    ]
    fields = [(label, value) for label, value in fields if value and label not in omit]
    title = f"行政许可决定公示：{holder}{item}"
    return Doc(key, title, published, template="record", fields=fields)


def penalty_record(
    unit: Unit,
    key: str,
    published: date,
    decided: date | None,
    *,
    holder: str,
    case: str,
    number: int,
    omit: tuple[str, ...] = (),
    date_style: str = "iso",
) -> Doc:
    """A 行政处罚 record of 双公示 with its labelled fields."""
    fields = [
        (
            "决定文书号",
            f"{unit.short}罚字〔{(decided or published).year}〕第{number:04d}号",
        ),
        ("案件名称", f"{holder}{case}案"),
        ("行政相对人", holder),
        ("违法事实", f"经查，{holder}存在{case}的行为。"),
        ("处罚依据", "依据有关法律法规的规定"),
        ("处罚结果", "警告，并处罚款人民币5000元"),
        ("处罚决定日期", _record_date(decided, date_style) if decided else ""),
        ("处罚机关", unit.name),
    ]
    fields = [(label, value) for label, value in fields if value and label not in omit]
    title = f"行政处罚决定公示：{holder}{case}案"
    return Doc(key, title, published, template="record", fields=fields)


# Columns most units have.


def nav_column(
    key: str, name: str, docs: list[Doc], home: bool = False, **extra
) -> Column:
    """A column of the navigation menu (with a homepage block when `home`)."""
    return column(key, name, docs, place="nav", home_block=home, **extra)


def catalogue_column(
    key: str, name: str, docs: list[Doc], group: str | None = None, **extra
) -> Column:
    """A column of the 信息公开 catalogue tree."""
    return column(key, name, docs, place="catalogue", group=group, **extra)


def leader_column(
    unit: Unit, lines: list[str], published: date = date(2016, 2, 22)
) -> Column:
    """领导信息, under 机构概况, holding the leaders' division of work."""
    docs = [leader_doc(unit, "ldfg", published, lines)]
    return catalogue_column("ldxx", "领导信息", docs, group="机构概况")


def functions_column(unit: Unit) -> Column:
    """机构职能, under 机构概况."""
    doc = Doc(
        "jgzn1",
        f"{unit.name}主要职责",
        date(2016, 1, 12),
        template="document",
        body=[
            "（一）贯彻执行国家有关方针政策和法律法规。",
            "（二）拟订并组织实施有关发展规划。",
        ],
    )
    return catalogue_column("jgzn", "机构职能", [doc], group="机构概况")


def guide_column(unit: Unit, published: date = date(2016, 1, 15)) -> Column:
    """政府信息公开指南, holding the guide."""
    return catalogue_column(
        "zn", "政府信息公开指南", [guide_doc(unit, "zn1", published)]
    )


def simple_column(
    unit: Unit,
    key: str,
    name: str,
    titles: list[str],
    newest: date,
    step_days: int = 40,
    **extra,
) -> Column:
    """A catalogue column of ordinary dated documents (empty when no titles)."""
    from testbed.filler import plain_docs

    docs = plain_docs(key, titles, newest, step_days, unit.id)
    return catalogue_column(key, name, docs, **extra)


def planning_column(
    unit: Unit, newest: date = date(2016, 5, 16), empty: bool = False
) -> Column:
    """规划计划."""
    titles = (
        [] if empty else [f"{unit.name}“十三五”发展规划", f"{unit.name}2016年工作计划"]
    )
    return simple_column(unit, "ghjh", "规划计划", titles, newest)


def staff_column(
    unit: Unit, newest: date = date(2016, 9, 12), empty: bool = False
) -> Column:
    """人事信息."""
    titles = (
        []
        if empty
        else [f"{unit.name}2016年公开招聘工作人员公告", f"{unit.name}干部任前公示"]
    )
    return simple_column(unit, "rsxx", "人事信息", titles, newest)


def powers_column(unit: Unit, published: date | None = date(2016, 6, 28)) -> Column:
    """权责清单 (empty, showing 暂无信息, when `published` is None)."""
    docs = (
        []
        if published is None
        else [
            powers_doc(unit, "qzqd1", published, "行政职权部分"),
            powers_doc(unit, "qzqd2", published, "公共服务部分"),
        ]
    )
    return catalogue_column("qzqd", "权责清单", docs)


def source_doc(key: str, title: str, day: date, doc_no: str) -> Doc:
    """A policy document an interpretation refers to (成文日期 = 发布日期)."""
    body = [
        "各有关单位：现将有关事项通知如下，请认真贯彻执行。",
        "本文件自印发之日起施行。",
    ]
    return Doc(key, title, day, template="document", doc_no=doc_no, body=body)


def finance_columns(unit: Unit, budgets: list[Doc], finals: list[Doc]) -> list[Column]:
    """部门预算 and 部门决算 under 财政信息."""
    return [
        catalogue_column("bmys", "部门预算", budgets, group="财政信息"),
        catalogue_column("bmjs", "部门决算", finals, group="财政信息"),
    ]
