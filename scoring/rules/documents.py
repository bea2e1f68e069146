"""Rule kinds about named documents: published by a deadline, or every period."""

from __future__ import annotations

import re
from datetime import date

from pydantic import Field

from indicators.schema import TomlDate
from scoring.calendar import add_working_days
from scoring.context import (
    DatedDisclosure,
    Outcome,
    RuleContext,
    Unassessable,
    date_disclosure,
    iso,
)
from scoring.registry import RuleParams, rule_kind
from scoring.snapshot import DisclosureRow, canonical_url
from scoring.text import normalize_text, title_matches
from zwgk.errors import ConfigError

Names = list[str]


class DocumentSpec(RuleParams):
    """A document recognised by its title."""

    label: str = Field(min_length=1)
    title_all: Names = []
    title_any: Names = []
    title_none: Names = []


class TitledParams(RuleParams):
    """Parameters of `titled_disclosure_by_deadline`."""

    documents: list[DocumentSpec] = Field(min_length=1)
    # Published on or before the indicator's deadline.
    on_time: bool = False
    # Or: within due_working_days working days after the date an assessment
    # parameter gives (such as budget_approved_on).
    due_parameter: str | None = None
    due_working_days: int = Field(default=0, ge=0)
    # Linked from the homepage or page 1 of a homepage column.
    prominent: bool = False
    # The page text, an attachment's name or text names one of these.
    mentions: Names = []
    # Only disclosures dated in this year are candidates.
    year: int | None = None
    # Only disclosures of these columns are candidates (default: all).
    columns: Names = []

    def check_indicator(self, indicator):
        """Timeliness needs a deadline; a document needs title words."""
        if self.on_time and indicator.deadline is None:
            return [("rule.on_time", "on_time needs the indicator's deadline", True)]
        if self.on_time and self.due_parameter:
            return [
                (
                    "rule.due_parameter",
                    "judge by on_time or by due_parameter, not both",
                    self.due_parameter,
                )
            ]
        for position, document in enumerate(self.documents):
            if not document.title_all and not document.title_any:
                return [
                    (
                        f"rule.documents.{position}",
                        "give title_all or title_any",
                        document.model_dump(),
                    )
                ]
        return []


def prepare_due_date(params: TitledParams, parameters: dict) -> date | None:
    """Return the due date derived from an assessment parameter, or None."""
    if not params.due_parameter:
        return None
    start = parse_parameter_date(parameters, params.due_parameter)
    if start is None:
        return None
    return add_working_days(start, params.due_working_days)


def parse_parameter_date(parameters: dict, name: str) -> date | None:
    """Return the date parameter `name`, None when not given."""
    value = parameters.get(name)
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(
            f"Assessment parameter {name} must be a date such as 2016-03-18; "
            f"found {value!r}"
        ) from None


def _titled_first_due(params: TitledParams, prepared: date | None) -> date | None:
    # A due date derived from a parameter gates like an indicator's deadline.
    return prepared if params.due_parameter else None


@rule_kind(
    "titled_disclosure_by_deadline",
    TitledParams,
    prepare=prepare_due_date,
    first_due=_titled_first_due,
)
def evaluate_titled(context: RuleContext, params: TitledParams) -> Outcome:
    """Named documents are published (on time, prominently, covering a topic)."""
    due, due_text = _due_date(context, params)
    if due is not None and due > context.as_of and params.due_parameter:
        return Outcome("not_applicable", f"not due until {due.isoformat()}")
    pool = _candidate_pool(context, params)

    judged = [
        _judge_document(context, params, spec, pool, due) for spec in params.documents
    ]
    found = [entry for entry in judged if entry["best"] is not None]
    if found and params.due_parameter and due is None:
        raise Unassessable(f"评估参数未给出 {params.due_parameter}，无法判断是否及时")
    evidence = [entry["evidence"] for entry in found]
    detail = "；".join(entry["summary"] for entry in judged)
    required = _requirement(params, due_text)

    if len(found) == len(judged) and not any(entry["problems"] for entry in found):
        return Outcome("pass", f"{detail}；要求：{required}", evidence)
    if not found:
        return Outcome(
            "fail",
            f"{detail}；要求：{required}",
            evidence + context.homepage_evidence("fail"),
        )
    return Outcome("partial", f"{detail}；要求：{required}", evidence)


def _due_date(context: RuleContext, params: TitledParams) -> tuple[date | None, str]:
    if params.on_time:
        deadline = context.indicator.deadline
        return deadline, f"不晚于 {deadline.isoformat()}"
    if params.due_parameter:
        due = context.prepared
        start = context.parameters.get(params.due_parameter)
        text = (
            f"自 {params.due_parameter}（{start}）起 {params.due_working_days} 个工作日内"
            f"（不晚于 {due.isoformat()}）"
            if due is not None
            else f"自 {params.due_parameter} 起 {params.due_working_days} 个工作日内"
        )
        return due, text
    return None, ""


def _requirement(params: TitledParams, due_text: str) -> str:
    parts = ["公开" + "和".join(spec.label for spec in params.documents)]
    if params.year is not None:
        parts.append(f"日期在 {params.year} 年")
    if due_text:
        parts.append(due_text)
    if params.prominent:
        parts.append("在首页或首页栏目第一页显著位置")
    if params.mentions:
        parts.append("内容涵盖" + "/".join(params.mentions))
    return "，".join(parts)


def _candidate_pool(context: RuleContext, params: TitledParams) -> list[DisclosureRow]:
    if params.columns:
        return context.column_disclosures(context.readable_columns(params.columns))
    return context.all_disclosures()


def _judge_document(context, params: TitledParams, spec: DocumentSpec, pool, due):
    candidates = []
    for disclosure in pool:
        title = normalize_text(disclosure.title)
        if not title_matches(title, spec.title_all, spec.title_any, spec.title_none):
            continue
        dated = date_disclosure(disclosure)
        if params.year is not None and (
            dated.date is None or dated.date.year != params.year
        ):
            continue
        candidates.append((_problems(context, params, dated, due), dated))
    if not candidates:
        return {
            "best": None,
            "problems": [],
            "summary": f"{spec.label}：未找到",
            "evidence": None,
        }

    candidates.sort(
        key=lambda entry: (
            len(entry[0]),
            entry[1].date or date.max,
            entry[1].disclosure.url,
        )
    )
    problems, best = candidates[0]
    if problems == [_UNSEEN]:
        raise Unassessable(
            f"《{best.disclosure.title}》（{best.disclosure.url}）的页面未能抓取，"
            f"无法判断是否涵盖{'/'.join(params.mentions)}"
        )
    dates = {"date": iso(best.date), "date_source": best.source}
    if due is not None:
        dates["due"] = due.isoformat()
    when = f"日期 {best.date.isoformat()}（{best.note}）" if best.date else "无日期"
    summary = f"{spec.label}：找到《{best.disclosure.title}》，{when}" + (
        "，但" + "、".join(problems) if problems else ""
    )
    if len(candidates) > 1:
        summary += f"（{len(candidates)} 篇标题相符，取最符合者）"
    evidence = context.disclosure_evidence(
        best.disclosure, "partial" if problems else "pass", dates, best.disclosure.title
    )
    return {
        "best": best,
        "problems": problems,
        "summary": summary,
        "evidence": evidence,
    }


# A problem that only a page not fetched could settle.
_UNSEEN = "页面未能抓取，内容是否涵盖不明"


def _problems(context, params: TitledParams, dated: DatedDisclosure, due) -> list[str]:
    problems = []
    if due is not None:
        if dated.date is None:
            problems.append("无法证明按时发布")
        elif dated.date > due:
            problems.append(f"逾期发布（应不晚于 {due.isoformat()}）")
    if params.prominent and not context.is_prominent(dated.disclosure):
        problems.append("未在显著位置发布")
    if params.mentions:
        covered = _mentions(context, dated.disclosure, params.mentions)
        if covered is None:
            problems.append(_UNSEEN)
        elif not covered:
            problems.append("内容未涵盖" + "/".join(params.mentions))
    return problems


def _mentions(context: RuleContext, disclosure: DisclosureRow, words: Names):
    """Return True, False, or None when the page that would tell was not fetched."""
    wanted = [normalize_text(word) for word in words]
    texts = [disclosure.title]
    for attachment in disclosure.attachments:
        texts.append(str(attachment.get("name") or ""))
        page = context.snapshot.pages_by_url.get(
            canonical_url(str(attachment.get("url") or ""))
        )
        if page is not None:
            texts.append(page.text or "")
    page = context.snapshot.page_of(disclosure)
    if page is not None:
        texts.append(page.text or "")
    if any(word in normalize_text(text) for text in texts for word in wanted):
        return True
    if page is None or not page.ok:
        return None
    return False


class PeriodSpec(RuleParams):
    """One due release: a label, its due date and the title words that name it."""

    label: str = Field(min_length=1)
    due: TomlDate
    not_before: TomlDate | None = None
    title_any: Names = []


_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class PeriodicParams(RuleParams):
    """Parameters of `periodic_publication`."""

    # Disclosures of these columns (default: all disclosures of the unit).
    columns: Names = []
    title_all: Names = []
    title_any: Names = []
    title_none: Names = []
    # Due-date mode: each period due on or before as_of counts.
    periods: list[PeriodSpec] = []
    # Monthly mode: every month from months_from ("2016-01") to the month
    # before as_of (or months_to) needs a disclosure dated in it.
    months_from: str | None = None
    months_to: str | None = None

    def check_indicator(self, indicator):
        """Exactly one mode; months written YYYY-MM."""
        if bool(self.periods) == bool(self.months_from):
            return [
                (
                    "rule.periods",
                    "give either periods or months_from",
                    [period.label for period in self.periods],
                )
            ]
        for key in ("months_from", "months_to"):
            value = getattr(self, key)
            if value is not None and not _MONTH.match(value):
                return [(f"rule.{key}", "expected a month such as 2016-01", value)]
        return []


def _periodic_first_due(params: PeriodicParams, prepared) -> date | None:
    if params.months_from:
        year, month = (int(part) for part in params.months_from.split("-"))
        return date(year + month // 12, month % 12 + 1, 1)
    return min(period.due for period in params.periods)


@rule_kind("periodic_publication", PeriodicParams, first_due=_periodic_first_due)
def evaluate_periodic(context: RuleContext, params: PeriodicParams) -> Outcome:
    """A release for every due period (dates) or every month; share of periods."""
    if params.months_from:
        periods = _due_months(context.as_of, params.months_from, params.months_to)
        if not periods[0]:
            return Outcome("not_applicable", f"not due until {periods[1]}")
    else:
        due = [period for period in params.periods if period.due <= context.as_of]
        if not due:
            first = min(period.due for period in params.periods)
            return Outcome("not_applicable", f"not due until {first.isoformat()}")
        periods = (due, None)

    if params.columns:
        pool = context.column_disclosures(context.readable_columns(params.columns))
    else:
        pool = context.all_disclosures()
    pool = [
        date_disclosure(item)
        for item in pool
        if title_matches(
            normalize_text(item.title),
            params.title_all,
            params.title_any,
            params.title_none,
        )
    ]

    if params.months_from:
        verdicts = [_judge_month(context, month, pool) for month in periods[0]]
    else:
        verdicts = [_judge_period(context, period, pool) for period in periods[0]]
    return _share_of_periods(verdicts, params)


def _due_months(as_of: date, first: str, last: str | None):
    year, month = (int(part) for part in first.split("-"))
    end_index = as_of.year * 12 + as_of.month - 2  # the month before as_of
    if last:
        last_year, last_month = (int(part) for part in last.split("-"))
        end_index = min(end_index, last_year * 12 + last_month - 1)
    months = []
    index = year * 12 + month - 1
    while index <= end_index:
        months.append((index // 12, index % 12 + 1))
        index += 1
    after = year * 12 + month  # the first day of the month after the first month
    return months, date(after // 12, after % 12 + 1, 1).isoformat()


def _judge_month(context, month: tuple[int, int], pool: list[DatedDisclosure]):
    label = f"{month[0]}-{month[1]:02d}"
    hits = sorted(
        (
            item
            for item in pool
            if item.date is not None and (item.date.year, item.date.month) == month
        ),
        key=lambda item: (item.date, item.disclosure.url),
    )
    if hits:
        item = hits[0]
        return (
            label,
            True,
            context.disclosure_evidence(
                item.disclosure, "pass", {"month": label, "date": iso(item.date)}
            ),
        )
    return (
        label,
        False,
        {
            "url": None,
            "title": label,
            "fetched_at": None,
            "http_status": None,
            "quote": f"{label} 无信息",
            "screenshot": None,
            "dates": {"month": label},
            "verdict": "fail",
        },
    )


def _judge_period(context, period: PeriodSpec, pool: list[DatedDisclosure]):
    matching = [
        item
        for item in pool
        if not period.title_any
        or title_matches(normalize_text(item.disclosure.title), [], period.title_any)
    ]
    on_time = sorted(
        (
            item
            for item in matching
            if item.date is not None
            and item.date <= period.due
            and (period.not_before is None or item.date >= period.not_before)
        ),
        key=lambda item: (item.date, item.disclosure.url),
    )
    dates = {"due": period.due.isoformat()}
    if on_time:
        item = on_time[0]
        return (
            period.label,
            True,
            context.disclosure_evidence(
                item.disclosure, "pass", dates | {"date": iso(item.date)}
            ),
        )
    if matching:
        item = min(
            matching, key=lambda item: (item.date or date.max, item.disclosure.url)
        )
        return (
            period.label,
            False,
            context.disclosure_evidence(
                item.disclosure,
                "fail",
                dates | {"date": iso(item.date)},
                "逾期或无日期",
            ),
        )
    return (
        period.label,
        False,
        {
            "url": None,
            "title": period.label,
            "fetched_at": None,
            "http_status": None,
            "quote": f"{period.label} 未发布",
            "screenshot": None,
            "dates": dates,
            "verdict": "fail",
        },
    )


def _share_of_periods(verdicts, params: PeriodicParams) -> Outcome:
    met = [label for label, ok, _ in verdicts if ok]
    missed = [label for label, ok, _ in verdicts if not ok]
    share = len(met) / len(verdicts)
    detail = f"{len(met)}/{len(verdicts)} 期按时发布" + (
        f"；缺失或逾期：{'、'.join(missed)}" if missed else ""
    )
    status = "pass" if share == 1 else "fail" if share == 0 else "partial"
    return Outcome(status, detail, [entry for _, _, entry in verdicts], credit=share)
