"""A reading of INDICATORS.md over the city model, to check expected.toml.

The oracle judges each unit from the planted data directly (no crawling), so
a test can confirm that every status written in expected.toml follows from
what was planted. It is deliberately small and literal; it knows the city's
layout (which columns the homepage shows, how many entries a first list page
holds) that a crawler would have to discover.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import chinese_calendar

from testbed.model import City, Column, Doc, Unit
from testbed.render import SiteContent
from testbed.styles.base import HOME_BLOCK_SIZE, LANDING_SIZE

FIRST_PAGE = {"trs": 20, "hanweb": 10, "spa": 15, "plain": 15}
PLAN_WORDS = ("工作方案", "实施方案", "推进方案", "工作要点")
NEWS_WORDS = ("动态", "要闻", "新闻")
NOTICE_WORDS = ("通知公告", "政策文件")
JIEDU_WORDS = ("政策解读", "文件解读", "解读回应")
LICENCE_FIELDS = (
    "决定文书号",
    "项目名称",
    "行政相对人",
    "许可内容",
    "许可决定日期",
    "许可机关",
)
PENALTY_FIELDS = (
    "决定文书号",
    "案件名称",
    "行政相对人",
    "处罚依据",
    "处罚结果",
    "处罚决定日期",
    "处罚机关",
)
NAME = re.compile(r"(王|张|刘|李|陈|赵|孙|周|吴|郑|黄|马|杨|高|朱)[\u4e00-\u9fa5]{1,2}")
ECONOMY = {
    "第一季度": date(2016, 4, 30),
    "上半年": date(2016, 7, 31),
    "前三季度": date(2016, 9, 30),
}


def workday_after(day: date, count: int) -> date:
    """The `count`-th working day after `day`, `day` not counted."""
    return chinese_calendar.find_workday(count, day)


def share(good: int, total: int) -> str:
    """pass at 100 %, fail at 0 % or with no items, partial between."""
    if total == 0 or good == 0:
        return "fail"
    return "pass" if good == total else "partial"


def count_status(count: int) -> str:
    """pass at 0, partial 1 to 4, fail at 5 or more."""
    return "pass" if count == 0 else "partial" if count < 5 else "fail"


def date_of(doc: Doc) -> date | None:
    """A disclosure's date: its publication date, else its 成文日期."""
    return doc.published or doc.written


def text_of(doc: Doc) -> str:
    """Title, body, fields and link texts of a disclosure."""
    parts = [doc.title, *doc.body, *(f"{k}：{v}" for k, v in doc.fields)]
    parts += [text for text, _ in doc.links] + [item.name for item in doc.attachments]
    return "\n".join(parts)


class UnitOracle:
    """Statuses of one unit at one as_of."""

    def __init__(
        self, city: City, unit: Unit, site: SiteContent, as_of: date, approved: date
    ):
        self.city, self.unit, self.site = city, unit, site
        self.as_of, self.approved = as_of, approved

    # What the portal shows.

    def columns_named(self, *words: str) -> list[Column]:
        return [c for c in self.unit.columns if any(word in c.name for word in words)]

    def docs(self) -> list[Doc]:
        return [doc for _, doc in self.unit.all_docs()]

    def home_docs(self) -> list[Doc]:
        out = []
        for column in self.unit.columns:
            if column.home_block:
                size = FIRST_PAGE["plain"] if column.iframe else HOME_BLOCK_SIZE
                out += column.docs[:size]
        return out

    def landing_docs(self) -> list[Doc]:
        docs = [
            doc
            for c in self.unit.columns
            if c.place in ("catalogue", "both") and c.host == "portal"
            for doc in c.docs
            if doc.published and doc.list_date != "none"
        ]
        docs.sort(key=lambda d: (d.published, d.number), reverse=True)
        return docs[:LANDING_SIZE]

    def prominent(self, doc: Doc) -> bool:
        if doc in self.home_docs() or doc in self.landing_docs():
            return True
        size = FIRST_PAGE[self.unit.style]
        return any(
            doc in c.docs[:size]
            for c in self.unit.columns
            if c.place in ("nav", "both")
        )

    # zz2016.

    def plan(self) -> str:
        if self.as_of < date(2016, 7, 15):
            return "not_applicable"
        docs = self.docs()
        plans = [
            d
            for d in docs
            if "政务公开" in d.title and any(w in d.title for w in PLAN_WORDS)
        ]
        ledgers = [d for d in docs if "台账" in d.title]
        if not plans and not ledgers:
            return "fail"

        def good(doc: Doc) -> bool:
            return (
                bool(doc.published)
                and doc.published <= date(2016, 7, 15)
                and self.prominent(doc)
            )

        if any(map(good, plans)) and any(map(good, ledgers)):
            return "pass"
        return "partial"

    def leader(self) -> str:
        for doc in self.docs():
            for sentence in re.split("[。\n]", text_of(doc)):
                if "政务公开" in sentence and (
                    "分管" in sentence or "负责" in sentence
                ):
                    if NAME.search(sentence):
                        return "pass"
        return "fail"

    def sgs_columns(self) -> list[Column]:
        return self.columns_named("双公示", "行政许可", "行政处罚")

    def sgs_column(self) -> str:
        if "enforcement" not in self.unit.tags:
            return "not_applicable"
        if self.as_of < date(2016, 8, 31):
            return "not_applicable"
        if self.columns_named("双公示"):
            return "pass"
        found = [
            bool(self.columns_named("行政许可")),
            bool(self.columns_named("行政处罚")),
        ]
        return "pass" if all(found) else "partial" if any(found) else "fail"

    def records(self) -> list[Doc]:
        return [doc for c in self.sgs_columns() for doc in c.docs]

    def sgs_timely(self) -> tuple[str, int, int]:
        good = 0
        records = self.records()
        for doc in records:
            fields = dict(doc.fields)
            decided = fields.get("许可决定日期") or fields.get("处罚决定日期")
            if not decided or not doc.published:
                continue
            day = parse_date(decided)
            good += doc.published <= workday_after(day, 7)
        return share(good, len(records)), good, len(records)

    def sgs_fields(self) -> tuple[str, int, int]:
        records = self.records()
        good = 0
        for doc in records:
            labels = {label for label, _ in doc.fields}
            if doc.record_kind == "xk":
                good += all(label in labels for label in LICENCE_FIELDS)
            else:
                good += all(label in labels for label in PENALTY_FIELDS) and bool(
                    labels & {"违法事实", "处罚事由"}
                )
        return share(good, len(records)), good, len(records)

    def budget(self) -> str:
        deadline = workday_after(self.approved, 20)
        if self.as_of < deadline:
            return "not_applicable"
        docs = [
            d
            for d in self.docs()
            if "2016" in d.title and ("部门预算" in d.title or "预算公开" in d.title)
        ]
        if not docs:
            return "fail"
        for doc in docs:
            on_time = doc.published is not None and doc.published <= deadline
            if on_time and "三公经费" in text_of(doc):
                return "pass"
        return "partial"

    def final_accounts(self) -> str:
        docs = [d for d in self.docs() if "2015" in d.title and "决算" in d.title]
        if not docs:
            return "fail"
        return "pass" if any("三公经费" in text_of(d) for d in docs) else "partial"

    def jiedu_column(self) -> str:
        return "pass" if self.columns_named(*JIEDU_WORDS) else "fail"

    def interpretations(self) -> list[Doc]:
        return [
            doc
            for c in self.columns_named(*JIEDU_WORDS)
            for doc in c.docs
            if doc.published and doc.published.year == 2016
        ]

    def source_of(self, doc: Doc) -> Doc | None:
        text = text_of(doc)
        for _, target in doc.links:
            if target.startswith("doc:"):
                return self.unit.find_doc(target[4:])[1]
        for other in self.docs():
            if other is not doc and other.doc_no and other.doc_no in text:
                return other
        for title in re.findall("《([^》]+)》", text):
            for other in self.docs():
                if other.title == title:
                    return other
        return None

    def jiedu_timely(self) -> tuple[str, int, int]:
        good = total = 0
        for doc in self.interpretations():
            source = self.source_of(doc)
            if source is None:
                continue
            total += 1
            good += doc.published <= workday_after(date_of(source), 3)
        return share(good, total), good, total

    def jiedu_contact(self) -> tuple[str, int, int]:
        docs = self.interpretations()
        good = sum(
            bool(re.search("联系人：\\S+", text_of(d)))
            and bool(re.search(r"\d{4}-\d{8}", text_of(d)))
            for d in docs
        )
        return share(good, len(docs)), good, len(docs)

    def powers(self) -> str:
        return "pass" if any(c.docs for c in self.columns_named("权责清单")) else "fail"

    def annual_report(self) -> str:
        if self.as_of < date(2016, 3, 31):
            return "not_applicable"
        docs = [
            d
            for d in self.docs()
            if "2015" in d.title
            and "政府信息公开" in d.title
            and ("年度报告" in d.title or "年报" in d.title)
        ]
        if not docs:
            return "fail"
        on_time = any(date_of(d) and date_of(d) <= date(2016, 3, 31) for d in docs)
        return "pass" if on_time else "partial"

    def guide(self) -> str:
        found = [
            bool(self.columns_named("政府信息公开指南")),
            self.unit.catalogue_name == "政府信息公开目录",
        ]
        return "pass" if all(found) else "partial" if any(found) else "fail"

    def fees(self) -> str:
        if "fees" not in self.unit.tags:
            return "not_applicable"
        docs = [
            d
            for d in self.docs()
            if "收费" in d.title
            and "目录清单" in d.title
            and d.published
            and d.published.year == 2016
        ]
        return "pass" if docs else "fail"

    def audit(self) -> str:
        if "audit" not in self.unit.tags:
            return "not_applicable"
        columns = self.columns_named("审计结果公告", "审计公告")
        dated = [
            d
            for c in columns
            for d in c.docs
            if d.published and d.published.year == 2016
        ]
        return "pass" if dated else "fail"

    def economy(self) -> tuple[str, int, int]:
        if "economy" not in self.unit.tags:
            return "not_applicable", 0, 0
        due = {
            word: deadline
            for word, deadline in ECONOMY.items()
            if deadline <= self.as_of
        }
        if not due:
            return "not_applicable", 0, 0
        good = 0
        for word, deadline in due.items():
            good += any(
                f"2016年{word}" in d.title and d.published and d.published <= deadline
                for d in self.docs()
            )
        return share(good, len(due)), good, len(due)

    def food_penalties(self) -> tuple[str, int, int]:
        if "food_drug" not in self.unit.tags:
            return "not_applicable", 0, 0
        months = list(range(1, self.as_of.month)) if self.as_of.year == 2016 else []
        if not months:
            return "not_applicable", 0, 0
        docs = [d for c in self.columns_named("处罚") for d in c.docs if d.published]
        good = sum(
            any(d.published.year == 2016 and d.published.month == m for d in docs)
            for m in months
        )
        return share(good, len(months)), good, len(months)

    def env_air(self) -> str:
        if "environment" not in self.unit.tags:
            return "not_applicable"
        docs = [
            d
            for c in self.columns_named("空气质量", "AQI")
            for d in c.docs
            if d.published
        ]
        limit = self.as_of - timedelta(days=2)
        return "pass" if any(d.published >= limit for d in docs) else "fail"

    # govsite.

    def homepage_fresh(self) -> str:
        dates = [d.published for d in self.home_docs() if d.published]
        return "pass" if dates and (self.as_of - max(dates)).days <= 14 else "fail"

    def stale_columns(self) -> tuple[str, int]:
        count = 0
        for column in self.unit.columns:
            dates = [d.published for d in column.docs if d.published]
            if not dates:
                continue
            age = (self.as_of - max(dates)).days
            if any(word in column.name for word in NEWS_WORDS) and age > 14:
                count += 1
            elif any(word in column.name for word in NOTICE_WORDS):
                if max(dates) < months_before(self.as_of, 6):
                    count += 1
        return count_status(count), count

    def empty_columns(self) -> tuple[str, int]:
        count = sum(not column.docs for column in self.unit.columns)
        return count_status(count), count

    def broken_links(self) -> tuple[str, float]:
        broken: dict[str, float] = {}

        def check(target: str, weight: float) -> None:
            kind, _, rest = target.partition(":")
            dead = kind == "dead" or (
                kind == "path" and rest not in self.site.resources
            )
            if dead:
                broken[target] = max(broken.get(target, 0.0), weight)

        for _, target in self.unit.home_links + self.unit.friend_links:
            check(target, 1.0)
        for doc in self.docs():
            for _, target in doc.links:
                check(target, 0.1)
            for item in doc.attachments:
                check(item.target, 0.1)
        points = min(20.0, round(sum(broken.values()), 1))
        status = "pass" if points == 0 else "fail" if points >= 20 else "partial"
        return status, points

    def identity(self) -> str:
        marks = len(self.unit.footer_marks)
        return "pass" if marks == 5 else "fail" if marks == 0 else "partial"

    def statuses(self) -> dict[str, str]:
        """Every indicator's status (unknown for a broken portal)."""
        rules = {
            "zz2016.plan": self.plan,
            "zz2016.leader": self.leader,
            "zz2016.sgs.column": self.sgs_column,
            "zz2016.sgs.timely": lambda: self.tagged("enforcement", self.sgs_timely),
            "zz2016.sgs.fields": lambda: self.tagged("enforcement", self.sgs_fields),
            "zz2016.budget": self.budget,
            "zz2016.final_accounts": self.final_accounts,
            "zz2016.jiedu.column": self.jiedu_column,
            "zz2016.jiedu.timely": lambda: self.jiedu_timely()[0],
            "zz2016.jiedu.contact": lambda: self.jiedu_contact()[0],
            "zz2016.powers": self.powers,
            "zz2016.annual_report": self.annual_report,
            "zz2016.guide": self.guide,
            "zz2016.fees": self.fees,
            "zz2016.audit": self.audit,
            "zz2016.economy": lambda: self.economy()[0],
            "zz2016.food_penalties": lambda: self.food_penalties()[0],
            "zz2016.env_air": self.env_air,
            "site.available": lambda: "fail" if self.unit.broken_status else "pass",
            "site.homepage_fresh": self.homepage_fresh,
            "site.stale_columns": lambda: self.stale_columns()[0],
            "site.empty_columns": lambda: self.empty_columns()[0],
            "site.broken_links": lambda: self.broken_links()[0],
            "site.identity": self.identity,
        }
        if self.unit.broken_status:
            return {
                key: ("fail" if key == "site.available" else "unknown") for key in rules
            }
        return {key: rule() for key, rule in rules.items()}

    def tagged(self, tag: str, rule) -> str:
        if tag not in self.unit.tags:
            return "not_applicable"
        return rule()[0]


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (clamped to month end)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def parse_date(text: str) -> date:
    """2016-06-17 or 2016年6月17日."""
    numbers = [int(part) for part in re.findall(r"\d+", text)]
    return date(*numbers[:3])
