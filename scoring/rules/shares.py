"""Share rule kinds: each disclosure of some columns is judged on its own.

A share earns points in proportion to the items that comply: `pass` at 100 %,
`fail` at 0 % or when there are no items, `partial` between. Items that cannot
be judged (detail page not fetched, source unidentified) are listed in the
evidence and left out of the share; when nothing can be judged because pages
were missing, the finding is `unknown`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Literal

from pydantic import Field

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
from scoring.text import normalize_doc_no, normalize_label, normalize_text, parse_date
from zwgk.errors import CalendarError

logger = logging.getLogger(__name__)

Names = list[str]

# Values that show a label but no content.
_PLACEHOLDERS = {"", "-", "--", "—", "——", "/", "无", "暂无", "空", "null", "none"}
_DETAIL_LIMIT = 5


class ItemParams(RuleParams):
    """Which disclosures are the items: those of some columns, maybe one year's."""

    columns: Names = Field(min_length=1)
    exclude: Names = []
    # Only items dated in this year (a "2016 interpretation").
    year: int | None = None


@dataclass
class Verdict:
    """One item's verdict: pass, fail, excluded (not in the share) or unknown."""

    item: DatedDisclosure
    verdict: str
    reason: str
    dates: dict


def collect_items(context: RuleContext, params: ItemParams):
    """Return the dated items of the columns, and undated ones when a year is asked."""
    columns = context.readable_columns(params.columns, params.exclude)
    items, undated = [], []
    for disclosure in context.column_disclosures(columns):
        dated = date_disclosure(disclosure)
        if params.year is not None:
            if dated.date is None:
                undated.append(dated)
                continue
            if dated.date.year != params.year:
                continue
        items.append(dated)
    return columns, items, undated


def share_outcome(
    context: RuleContext, verdicts: list[Verdict], what: str, required: str
) -> Outcome:
    """Turn item verdicts into a share finding with one evidence entry per item."""
    judged = [entry for entry in verdicts if entry.verdict in ("pass", "fail")]
    unknown = [entry for entry in verdicts if entry.verdict == "unknown"]
    excluded = [entry for entry in verdicts if entry.verdict == "excluded"]
    evidence = [
        context.disclosure_evidence(
            entry.item.disclosure, entry.verdict, entry.dates, entry.reason
        )
        for entry in sorted(verdicts, key=lambda entry: entry.item.disclosure.url)
    ]
    if not judged and unknown:
        raise Unassessable(
            f"{len(unknown)} 项{what}均无法判定：" + _list_reasons(unknown)
        )

    passed = [entry for entry in judged if entry.verdict == "pass"]
    failed = [entry for entry in judged if entry.verdict == "fail"]
    notes = []
    if failed:
        notes.append("不符合：" + _list_reasons(failed))
    if excluded:
        notes.append(f"不计入 {len(excluded)} 项：" + _list_reasons(excluded))
    if unknown:
        notes.append(f"无法判定 {len(unknown)} 项：" + _list_reasons(unknown))
    if not judged:
        detail = f"没有可判定的{what}；要求：{required}"
        return Outcome("fail", "；".join([detail, *notes]), evidence, credit=0.0)
    share = len(passed) / len(judged)
    detail = (
        f"{len(passed)}/{len(judged)} 项{what}符合要求（{share:.0%}）；要求：{required}"
    )
    status = "pass" if share == 1 else "fail" if share == 0 else "partial"
    return Outcome(status, "；".join([detail, *notes]), evidence, credit=share)


def _list_reasons(entries: list[Verdict]) -> str:
    shown = [
        f"《{entry.item.disclosure.title or entry.item.disclosure.url}》（{entry.reason}）"
        for entry in entries[:_DETAIL_LIMIT]
    ]
    more = len(entries) - _DETAIL_LIMIT
    return "，".join(shown) + (f"，另有 {more} 项" if more > 0 else "")


def _undated_verdicts(
    undated: list[DatedDisclosure], year: int | None
) -> list[Verdict]:
    return [
        Verdict(item, "excluded", f"无日期，无法确认属于 {year} 年", {})
        for item in undated
    ]


# Timeliness.


class ShareWithinParams(ItemParams):
    """Parameters of `share_within_working_days`."""

    working_days: int = Field(ge=0)
    # Where the start date comes from: a labelled field of the item (a
    # decision date), or the source document the item links to or names.
    reference: Literal["fields", "source"]
    reference_fields: Names = []
    # An item without a start date fails ("fail") or is left out ("exclude").
    missing_reference: Literal["fail", "exclude"] = "fail"

    def check_indicator(self, indicator):
        """The fields reference needs field labels."""
        if self.reference == "fields" and not self.reference_fields:
            return [("rule.reference_fields", "name the date fields", [])]
        return []


@rule_kind("share_within_working_days", ShareWithinParams)
def evaluate_share_within(context: RuleContext, params: ShareWithinParams) -> Outcome:
    """Each item is published within N working days after its start date."""
    columns, items, undated = collect_items(context, params)
    pool_urls = {canonical_url(item.disclosure.url) for item in items + undated}
    verdicts = _undated_verdicts(undated, params.year)
    for item in items:
        verdicts.append(_judge_timeliness(context, params, item, pool_urls))
    start = (
        "/".join(params.reference_fields)
        if params.reference == "fields"
        else "所解读文件的发布日期"
    )
    required = f"自{start}起 {params.working_days} 个工作日内发布"
    return share_outcome(context, verdicts, "信息", required)


def _judge_timeliness(
    context: RuleContext, params: ShareWithinParams, item: DatedDisclosure, pool_urls
) -> Verdict:
    if params.reference == "fields":
        start, start_note = _field_date(
            context, item.disclosure, params.reference_fields
        )
    else:
        start, start_note = _source_date(context, item.disclosure, pool_urls)
    if start is None:
        if start_note == "unseen":
            return Verdict(item, "unknown", "详情页未能抓取", {})
        verdict = "fail" if params.missing_reference == "fail" else "excluded"
        return Verdict(item, verdict, start_note, {})

    dates = {"start": start.isoformat(), "start_source": start_note}
    try:
        due = add_working_days(start, params.working_days)
    except CalendarError as exc:
        logger.warning("Skipped item %s: %s", item.disclosure.url, exc)
        return Verdict(item, "unknown", str(exc), dates)
    dates |= {
        "due": due.isoformat(),
        "date": iso(item.date),
        "date_source": item.source,
    }
    if item.date is None:
        return Verdict(item, "fail", "无日期", dates)
    when = f"日期 {item.date.isoformat()}（{item.note}），应不晚于 {due.isoformat()}"
    return Verdict(item, "fail" if item.date > due else "pass", when, dates)


def _field_date(context: RuleContext, disclosure: DisclosureRow, labels: Names):
    labelled = find_labelled_field(disclosure.fields, labels)
    if labelled is None and not disclosure.fields:
        labelled = find_labelled_text(context, disclosure, labels)
        if labelled is None and not context.detail_fetched(disclosure):
            return None, "unseen"
    if labelled is None:
        return None, "未标明" + "/".join(labels)
    label, value = labelled
    found = parse_date(value)
    if found is None:
        return None, f"{label}“{value}”不是日期"
    return found, label


def find_field(fields: dict, labels: Names) -> str | None:
    """Return the value of the first field whose label holds one of `labels`."""
    found = find_labelled_field(fields, labels)
    return found[1] if found else None


def find_labelled_field(fields: dict, labels: Names) -> tuple[str, str] | None:
    """Return (label, value) of the first field whose label holds one of `labels`."""
    wanted = [normalize_label(label) for label in labels]
    for word in wanted:
        for label, value in fields.items():
            if word in normalize_label(str(label)):
                text = str(value or "").strip()
                if normalize_text(text).lower() not in _PLACEHOLDERS:
                    return str(label), text
    return None


def find_labelled_text(
    context: RuleContext, disclosure: DisclosureRow, labels: Names
) -> tuple[str, str] | None:
    """Return (label, value) written as `label：value` in the page text, if any."""
    page = context.snapshot.page_of(disclosure)
    if page is None or not page.text:
        return None
    for label in labels:
        match = re.search(
            re.escape(label) + r"[^\n:：]{0,6}[:：]\s*([^\s:：][^\n]{0,60})",
            page.text,
        )
        if match and normalize_text(match.group(1)).lower() not in _PLACEHOLDERS:
            return label, match.group(1).strip()
    return None


def _source_date(context: RuleContext, disclosure: DisclosureRow, pool_urls):
    refs = disclosure.source_refs or {}
    own = canonical_url(disclosure.url)
    candidates: list[tuple[DatedDisclosure, str]] = []
    for url in refs.get("urls") or []:
        for row in context.snapshot.disclosures_by_url.get(canonical_url(url), []):
            if canonical_url(row.url) != own:
                candidates.append((date_disclosure(row), f"链接的原文 {url}"))
    doc_nos = {normalize_doc_no(value) for value in refs.get("doc_nos") or []}
    titles = [normalize_text(value).strip("《》") for value in refs.get("titles") or []]
    if doc_nos or titles:
        for row in context.all_disclosures():
            key = canonical_url(row.url)
            if key == own or key in pool_urls:
                continue
            if row.doc_no and _names_doc_no(normalize_doc_no(row.doc_no), doc_nos):
                candidates.append((date_disclosure(row), f"文号 {row.doc_no}"))
            elif titles and _title_names(normalize_text(row.title), titles):
                candidates.append((date_disclosure(row), f"标题《{row.title}》"))

    dated = [(entry, how) for entry, how in candidates if entry.date is not None]
    if not dated:
        named = [
            *refs.get("urls", []),
            *refs.get("doc_nos", []),
            *refs.get("titles", []),
        ]
        if candidates:
            return None, "找到所解读文件但无日期：" + candidates[0][1]
        if named:
            return None, "未找到所解读文件：" + "，".join(str(ref) for ref in named[:3])
        return None, "未指明所解读的文件"
    source, how = min(dated, key=lambda entry: (entry[0].date, entry[0].disclosure.url))
    return source.date, f"{how}（{source.note}）"


def _names_doc_no(doc_no: str, wanted: set[str]) -> bool:
    # A 文号 read from running text may carry the words before it
    # (现就中原发改〔2016〕52号); the document's own 文号 must end it.
    return any(ref == doc_no or ref.endswith(doc_no) for ref in wanted if doc_no)


def _title_names(title: str, wanted: list[str]) -> bool:
    # A title given in 《》 is the whole title, or the core of a 关于印发…的通知.
    return any(
        title == word or (len(word) >= 6 and word in title) for word in wanted if word
    )


# Fields.


class FieldSpec(RuleParams):
    """A required field: its label and the other labels portals use for it."""

    label: str = Field(min_length=1)
    synonyms: Names = []


class RecordType(RuleParams):
    """A kind of record (licensing, penalty): how to tell it, and its fields."""

    label: str = Field(min_length=1)
    # Words that mark a record as this type in its column's name, its field
    # labels or its title (nearest evidence first).
    detect: Names = Field(min_length=1)
    fields: list[FieldSpec] = Field(min_length=1)


class RequiredFieldsParams(ItemParams):
    """Parameters of `required_fields`."""

    record_types: list[RecordType] = Field(min_length=1)


@rule_kind("required_fields", RequiredFieldsParams)
def evaluate_required_fields(
    context: RuleContext, params: RequiredFieldsParams
) -> Outcome:
    """Each item shows every field its record type requires (share of complete)."""
    _, items, undated = collect_items(context, params)
    verdicts = _undated_verdicts(undated, params.year)
    for item in items:
        verdicts.append(_judge_fields(context, params, item))
    required = "；".join(
        f"{kind.label}应包含" + "、".join(spec.label for spec in kind.fields)
        for kind in params.record_types
    )
    return share_outcome(context, verdicts, "记录", required)


def _judge_fields(
    context: RuleContext, params: RequiredFieldsParams, item: DatedDisclosure
) -> Verdict:
    disclosure = item.disclosure
    if not disclosure.fields and not context.detail_fetched(disclosure):
        return Verdict(item, "unknown", "详情页未能抓取", {})
    kinds = _record_types(context, disclosure, params.record_types)
    best_kind, best_missing = None, None
    for kind in kinds:
        missing = [
            spec.label
            for spec in kind.fields
            if _field_value(context, disclosure, spec) is None
        ]
        if best_missing is None or len(missing) < len(best_missing):
            best_kind, best_missing = kind, missing
    dates = {"date": iso(item.date), "date_source": item.source}
    if not best_missing:
        return Verdict(item, "pass", f"{best_kind.label}记录，要素齐全", dates)
    return Verdict(
        item,
        "fail",
        f"{best_kind.label}记录缺少{'、'.join(best_missing)}",
        dates,
    )


def _record_types(
    context: RuleContext, disclosure: DisclosureRow, kinds: list[RecordType]
) -> list[RecordType]:
    # The nearest evidence that names exactly one type decides; otherwise the
    # record is judged against every type and the closest one reported.
    levels = [
        column.name for column in context.snapshot.ancestors(disclosure.column_id)
    ]
    levels.append(" ".join(str(label) for label in disclosure.fields))
    levels.append(disclosure.title)
    for text in levels:
        normalized = normalize_text(text)
        matching = [
            kind
            for kind in kinds
            if any(normalize_text(word) in normalized for word in kind.detect)
        ]
        if len(matching) == 1:
            return matching
    return list(kinds)


def _field_value(context: RuleContext, disclosure: DisclosureRow, spec: FieldSpec):
    labels = [spec.label, *spec.synonyms]
    value = find_field(disclosure.fields, labels)
    if value is None and not disclosure.fields:
        labelled = find_labelled_text(context, disclosure, labels)
        value = labelled[1] if labelled else None
    return value


# Contacts.

_PHONE = re.compile(r"(?:0\d{2,3}[-－—\s]?)?\d{7,8}|1[3-9]\d{9}")
_NAME = re.compile(r"[\u4e00-\u9fff·]{2,5}")


class ContactParams(ItemParams):
    """Parameters of `contact_present`."""

    labels: Names = Field(default=["联系人"], min_length=1)
    require_telephone: bool = True


@rule_kind("contact_present", ContactParams)
def evaluate_contact(context: RuleContext, params: ContactParams) -> Outcome:
    """Each item names a contact person (and a telephone number)."""
    _, items, undated = collect_items(context, params)
    verdicts = _undated_verdicts(undated, params.year)
    for item in items:
        verdicts.append(_judge_contact(context, params, item))
    required = (
        "注明联系人（"
        + "/".join(params.labels)
        + "）"
        + ("及联系电话" if params.require_telephone else "")
    )
    return share_outcome(context, verdicts, "信息", required)


def _judge_contact(context: RuleContext, params: ContactParams, item) -> Verdict:
    disclosure = item.disclosure
    dates = {"date": iso(item.date), "date_source": item.source}
    for contact in disclosure.contacts:
        name = str(contact.get("name") or "").strip()
        phone = str(contact.get("telephone") or "").strip()
        if name and (phone or not params.require_telephone):
            return Verdict(item, "pass", f"联系人 {name} {phone}".strip(), dates)
    # The page text is read only when no contact was extracted: a structured
    # contact without a telephone is not completed by digits elsewhere.
    found = (
        None if disclosure.contacts else _contact_in_text(context, disclosure, params)
    )
    if found is not None:
        return Verdict(item, "pass", found, dates)
    if not disclosure.contacts and not context.detail_fetched(disclosure):
        return Verdict(item, "unknown", "详情页未能抓取", dates)
    partial = next(
        (
            str(contact.get("name"))
            for contact in disclosure.contacts
            if contact.get("name")
        ),
        None,
    )
    reason = f"联系人 {partial}，无联系电话" if partial else "未注明联系人"
    return Verdict(item, "fail", reason, dates)


def _contact_in_text(context: RuleContext, disclosure, params: ContactParams):
    page = context.snapshot.page_of(disclosure)
    if page is None or not page.text:
        return None
    for label in params.labels:
        for match in re.finditer(re.escape(label) + r"\s*[:：]\s*", page.text):
            after = page.text[match.end() : match.end() + 80].split("\n", 1)[0]
            name = _NAME.match(after)
            if not name or name.group(0).startswith(("电话", "联系")):
                continue
            phone = _PHONE.search(after)
            if phone or not params.require_telephone:
                return f"{label}：{name.group(0)} {phone.group(0) if phone else ''}".strip()
    return None
